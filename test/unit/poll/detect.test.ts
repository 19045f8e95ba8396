import { diff, isTerminated } from '../../../nodes/Factorial/poll/detect';
import {
	MAX_BYTES_PER_EMPLOYEE,
	TRACKED_FIELDS,
	decodeTeams,
	encodeTeams,
	fingerprint,
	pickTrackedFields,
	toRawEmployee,
	unpackFingerprint,
	type FingerprintMap,
	type TrackedEmployee,
	type TrackedField,
	type TrackedMembership,
	type TrackedValue,
} from '../../../nodes/Factorial/poll/fingerprint';
import { normaliseEmployee } from '../../../nodes/Factorial/events';

function employee(
	id: string,
	fields: Partial<Record<TrackedField, TrackedValue>> = {},
	teams?: TrackedMembership[],
): TrackedEmployee {
	const base: Record<TrackedField, TrackedValue> = {
		firstName: 'Ana',
		lastName: 'Blanco',
		preferredName: null,
		fullName: 'Ana Blanco',
		workEmail: `e${id}@acme.test`,
		active: true,
		isTerminating: false,
		terminatedOn: null,
		managerId: '1',
		locationId: '4',
		legalEntityId: '3',
		companyIdentifier: `E${id}`,
	};
	const result: TrackedEmployee = { id, fields: { ...base, ...fields } };
	if (teams !== undefined) result.teams = teams;
	return result;
}

function stateOf(...employees: TrackedEmployee[]): FingerprintMap {
	return Object.fromEntries(employees.map((e) => [e.id, fingerprint(e)]));
}

describe('fingerprint codec', () => {
	it('round-trips every tracked field, nulls, booleans and memberships', () => {
		const original = employee(
			'7',
			{ preferredName: null, active: false, terminatedOn: '2027-01-31' },
			[
				{ teamId: '12', lead: false },
				{ teamId: '34', lead: true },
			],
		);
		const unpacked = unpackFingerprint('7', fingerprint(original));
		expect(unpacked).toEqual(original);
	});

	it('stores a derived full name as one character and round-trips any other full name', () => {
		const derived = employee('1', { firstName: 'Ana', lastName: 'Blanco', fullName: 'Ana Blanco' });
		expect(fingerprint(derived)[TRACKED_FIELDS.indexOf('fullName')]).toBe('=');
		for (const fullName of ['Ana B. Blanco', '=Ana', '=', null]) {
			const other = employee('1', { fullName });
			expect(unpackFingerprint('1', fingerprint(other)).fields.fullName).toBe(fullName);
		}
	});

	it('keeps "teams never read" apart from "in no team"', () => {
		expect(encodeTeams(undefined)).toBe('?');
		expect(encodeTeams([])).toBe('');
		expect(decodeTeams('?')).toBeUndefined();
		expect(decodeTeams('')).toEqual([]);
		expect(
			encodeTeams([
				{ teamId: '9', lead: true },
				{ teamId: '10', lead: false },
			]),
		).toBe('10,9*');
	});

	it('takes the tracked fields from normaliseEmployee and rebuilds a Factorial payload', () => {
		const raw = {
			id: 42,
			first_name: 'Ana',
			last_name: 'Blanco',
			full_name: 'Ana Blanco',
			email: 'ana@acme.test',
			active: true,
			is_terminating: false,
			terminated_on: null,
			manager_id: 5,
			location_id: '4',
			legal_entity_id: 3,
			company_identifier: 'E42',
			updated_at: '2026-11-20T10:00:00Z',
		};
		const fields = pickTrackedFields(normaliseEmployee(raw));
		expect(Object.keys(fields)).toEqual([...TRACKED_FIELDS]);
		expect(fields.managerId).toBe('5');
		const rebuilt = normaliseEmployee(toRawEmployee({ id: '42', fields }));
		expect(pickTrackedFields(rebuilt)).toEqual(fields);
	});
});

describe('diff', () => {
	it('reports a new employee as created and stores its fingerprint', () => {
		const ana = employee('1');
		const { events, state } = diff({}, [ana], { fullPass: false });
		expect(events.map((e) => e.kind)).toEqual(['employee.created']);
		expect(state).toEqual(stateOf(ana));
	});

	it('reports nothing for an unchanged employee', () => {
		const ana = employee('1');
		const result = diff(stateOf(ana), [ana], { fullPass: false });
		expect(result.events).toEqual([]);
		expect(result.changed).toBe(false);
	});

	it('reports a tracked field change with old and new values and nothing else', () => {
		const before = employee('1');
		const after = employee('1', { lastName: 'Garcia', fullName: 'Ana Garcia' });
		const { events, changed } = diff(stateOf(before), [after], { fullPass: false });
		expect(changed).toBe(true);
		expect(events).toHaveLength(1);
		expect(events[0].kind).toBe('employee.updated');
		expect(events[0].changes).toEqual({
			lastName: { old: 'Blanco', new: 'Garcia' },
			fullName: { old: 'Ana Blanco', new: 'Ana Garcia' },
		});
	});

	it('reports a termination set in the future as terminated while the employee is still active', () => {
		const before = employee('1');
		const after = employee('1', { isTerminating: true, terminatedOn: '2099-12-31' });
		const [event] = diff(stateOf(before), [after], { fullPass: false }).events;
		expect(event.kind).toBe('employee.terminated');
		expect(event.employee.fields.active).toBe(true);
		expect(event.changes?.terminatedOn).toEqual({ old: null, new: '2099-12-31' });
	});

	it('reports the day a future termination takes effect as an update, not a second termination', () => {
		const pending = employee('1', { isTerminating: true, terminatedOn: '2026-11-20' });
		const effective = employee('1', {
			isTerminating: true,
			terminatedOn: '2026-11-20',
			active: false,
		});
		const [event] = diff(stateOf(pending), [effective], { fullPass: false }).events;
		expect(event.kind).toBe('employee.updated');
		expect(event.changes).toEqual({ active: { old: true, new: false } });
	});

	it('reports unterminated when the termination is undone', () => {
		const before = employee('1', { active: false, terminatedOn: '2026-10-01' });
		const after = employee('1');
		const [event] = diff(stateOf(before), [after], { fullPass: false }).events;
		expect(event.kind).toBe('employee.unterminated');
		expect(isTerminated(after.fields)).toBe(false);
	});

	it('reports membership added, removed and lead changes from the teams read', () => {
		const before = employee('1', {}, [
			{ teamId: '10', lead: false },
			{ teamId: '20', lead: false },
		]);
		const teams = new Map([
			[
				'1',
				[
					{ teamId: '20', lead: true },
					{ teamId: '30', lead: false },
				],
			],
		]);
		// The employee itself was not updated, so the incremental poll did not read it.
		const { events, state } = diff(stateOf(before), [], {
			fullPass: false,
			teamsByEmployee: teams,
		});
		expect(events.map((e) => [e.kind, e.membership?.teamId])).toEqual([
			['team_membership.updated', '20'],
			['team_membership.created', '30'],
			['team_membership.deleted', '10'],
		]);
		expect(state['1'][TRACKED_FIELDS.length]).toBe('20*,30');
	});

	it('keeps stored memberships when teams were not read, and records a baseline when first read', () => {
		const known = employee('1', {}, [{ teamId: '10', lead: false }]);
		const unknown = employee('2');
		const kept = diff(stateOf(known, unknown), [], { fullPass: false });
		expect(kept.events).toEqual([]);
		expect(kept.state).toEqual(stateOf(known, unknown));
		expect(kept.changed).toBe(false);

		const teams = new Map([['2', [{ teamId: '10', lead: false }]]]);
		const first = diff(kept.state, [], { fullPass: false, teamsByEmployee: teams });
		// Employee 1 left team 10 (a real change); employee 2's teams are a first reading, not news.
		expect(first.events.map((e) => [e.kind, e.employeeId])).toEqual([
			['team_membership.deleted', '1'],
		]);
	});

	it('reports deletions only on a full pass', () => {
		const ana = employee('1');
		const bob = employee('2');
		const incremental = diff(stateOf(ana, bob), [ana], { fullPass: false });
		expect(incremental.events).toEqual([]);
		expect(Object.keys(incremental.state)).toEqual(['1', '2']);

		const full = diff(stateOf(ana, bob), [ana], { fullPass: true });
		expect(full.events.map((e) => [e.kind, e.employeeId])).toEqual([['employee.deleted', '2']]);
		expect(full.events[0].employee.fields.workEmail).toBe('e2@acme.test');
		expect(Object.keys(full.state)).toEqual(['1']);
		expect(full.changed).toBe(true);
	});

	it('orders lifecycle events before memberships before deletions, and dedupes overlapping pages', () => {
		const gone = employee('9');
		const ana = employee('1');
		const anaRenamed = employee('1', { firstName: 'Anna' });
		const teams = new Map([['3', [{ teamId: '10', lead: false }]]]);
		const { events } = diff(stateOf(gone, ana), [employee('3'), ana, anaRenamed], {
			fullPass: true,
			teamsByEmployee: teams,
		});
		expect(events.map((e) => [e.kind, e.employeeId])).toEqual([
			['employee.created', '3'],
			['employee.updated', '1'],
			['team_membership.created', '3'],
			['employee.deleted', '9'],
		]);
	});
});

describe('fingerprint size', () => {
	it(`stays under ${MAX_BYTES_PER_EMPLOYEE} bytes per employee for 10,000 employees with 18-digit IDs`, () => {
		const first = ['Ana', 'María José', 'Christopher', 'Jean-Baptiste', 'Li', 'Alexandra'];
		const last = ['Blanco Pérez', 'Smith', 'van der Berg', 'Okonkwo-Adeyemi', 'Nguyen'];
		const id = (n: number) => String(184467440737095500n + BigInt(n));
		const employees: TrackedEmployee[] = [];
		for (let n = 0; n < 10_000; n++) {
			const f = first[n % first.length];
			const l = last[n % last.length];
			employees.push(
				employee(
					id(n),
					{
						firstName: f,
						lastName: l,
						preferredName: n % 5 === 0 ? f.slice(0, 3) : null,
						fullName: `${f} ${l}`,
						workEmail:
							`${f}.${l}`.toLowerCase().replace(/[^a-z.]/g, '') + `${n}@example-company.com`,
						managerId: id(n % 50),
						locationId: id(1_000 + (n % 7)),
						legalEntityId: id(2_000 + (n % 3)),
						companyIdentifier: `EMP-${String(n).padStart(6, '0')}`,
					},
					[
						{ teamId: id(3_000 + (n % 40)), lead: n % 40 === 0 },
						{ teamId: id(4_000 + (n % 9)), lead: false },
					],
				),
			);
		}
		const { state } = diff({}, employees, { fullPass: true, teamsByEmployee: undefined });
		const bytes = Buffer.byteLength(JSON.stringify(state), 'utf8');
		const perEmployee = bytes / employees.length;
		expect(Object.keys(state)).toHaveLength(10_000);
		expect(perEmployee).toBeLessThan(MAX_BYTES_PER_EMPLOYEE);
		// Recorded so the figure in docs/triggers.md can be checked against the measurement.
		expect(perEmployee).toBeGreaterThan(100);
	});
});
