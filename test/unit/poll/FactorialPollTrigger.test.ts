import nock from 'nock';
import { NodeOperationError, ObservableObject, type IDataObject } from 'n8n-workflow';

import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
import { FactorialPollTrigger } from '../../../nodes/Factorial/FactorialPollTrigger.node';
import { MAX_BYTES_PER_EMPLOYEE } from '../../../nodes/Factorial/poll/fingerprint';
import { UPDATED_SINCE_FILTER } from '../../../nodes/Factorial/poll/state';
import { createFakeContext } from '../../helpers/executeFunctions';
import { useStrictNock } from '../../helpers/nock';

const HOST = 'https://factorial.test';
const RESOURCES = '/api/2026-10-01/resources';
const ALL_EVENTS = [
	'employee.created',
	'employee.updated',
	'employee.terminated',
	'employee.unterminated',
	'employee.deleted',
	'team_membership.created',
	'team_membership.updated',
	'team_membership.deleted',
];

function createEmployee(id: string, overrides: IDataObject = {}): IDataObject {
	return {
		id,
		first_name: `First${id}`,
		last_name: `Last${id}`,
		full_name: `First${id} Last${id}`,
		email: `e${id}@acme.test`,
		phone_number: '600000000',
		active: true,
		is_terminating: false,
		terminated_on: null,
		manager_id: '1',
		location_id: '4',
		legal_entity_id: '3',
		company_identifier: `E${id}`,
		updated_at: '2026-11-20T10:00:00.000Z',
		...overrides,
	};
}

function createTeam(id: string, employeeIds: string[], leadIds: string[] = []): IDataObject {
	return { id, name: `Team ${id}`, employee_ids: employeeIds, lead_ids: leadIds };
}

function page(data: IDataObject[]) {
	return {
		data,
		meta: { has_next_page: false, has_previous_page: false, total: data.length, limit: 100 },
	};
}

/** Answers one employees list request and records its query string. */
function expectEmployees(data: IDataObject[], queries: IDataObject[]) {
	return nock(HOST)
		.get(`${RESOURCES}/employees/employees`)
		.query((query) => {
			queries.push(query as IDataObject);
			return true;
		})
		.reply(200, page(data));
}

function expectTeams(data: IDataObject[]) {
	return nock(HOST).get(`${RESOURCES}/teams/teams`).query(true).reply(200, page(data));
}

async function poll(
	staticData: IDataObject,
	options: { mode?: 'trigger' | 'manual'; events?: string[]; options?: IDataObject } = {},
) {
	const ctx = createFakeContext({
		params: {
			authentication: 'apiKey',
			events: options.events ?? ALL_EVENTS,
			options: options.options ?? {},
		},
		credentials: { factorialApi: { environment: 'custom', customUrl: HOST, apiKey: 'test-key' } },
		credentialTypes: [new FactorialApi()],
		staticData,
		mode: options.mode ?? 'trigger',
	});
	const result = await new FactorialPollTrigger().poll.call(ctx.asPoll());
	return { items: (result?.[0] ?? []).map((item) => item.json), requests: ctx.requests };
}

function hoursAgo(hours: number): string {
	return new Date(Date.now() - hours * 3_600_000).toISOString();
}

useStrictNock();

describe('FactorialPollTrigger description', () => {
	it('is a polling trigger with no inputs, not usable as a tool, offering both credentials', () => {
		const { description } = new FactorialPollTrigger();
		expect(description.name).toBe('factorialPollTrigger');
		expect(description.polling).toBe(true);
		expect(description.inputs).toEqual([]);
		expect(description).not.toHaveProperty('usableAsTool');
		expect(description.credentials?.map((c) => c.name)).toEqual([
			'factorialApi',
			'factorialOAuth2Api',
		]);
		const events = description.properties.find((p) => p.name === 'events');
		expect((events?.options ?? []).map((o) => (o as { value: string }).value).sort()).toEqual(
			[...ALL_EVENTS].sort(),
		);
	});
});

describe('FactorialPollTrigger poll sequence', () => {
	const staticData: IDataObject = {};
	const ana = createEmployee('1');
	const bob = createEmployee('2');
	const carol = createEmployee('3');

	it('poll 1: reads the whole company, records the baseline and emits nothing', async () => {
		const queries: IDataObject[] = [];
		expectEmployees([ana, bob], queries);
		expectTeams([createTeam('10', ['1', '2'], ['1'])]);

		const { items, requests } = await poll(staticData);

		expect(items).toEqual([]);
		expect(queries[0]).not.toHaveProperty(UPDATED_SINCE_FILTER);
		expect(requests[0].headers['x-api-key']).toBe('test-key');
		expect(Object.keys(staticData.employees as IDataObject)).toEqual(['1', '2']);
		expect(staticData.lastPollDay).toBe(new Date().toISOString().slice(0, 10));
		expect(String(staticData.lastFullPassAt).slice(0, 10)).toBe(staticData.lastPollDay);
	});

	it('poll 2: reads only employees changed since the last poll day and emits the new one', async () => {
		const lastPollDay = staticData.lastPollDay as string;
		const queries: IDataObject[] = [];
		expectEmployees([carol], queries);
		expectTeams([createTeam('10', ['1', '2'], ['1'])]);

		const { items } = await poll(staticData);

		const expectedDay = new Date(Date.parse(`${lastPollDay}T00:00:00Z`) - 86_400_000)
			.toISOString()
			.slice(0, 10);
		expect(queries[0][UPDATED_SINCE_FILTER]).toBe(expectedDay);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event: 'employee.created',
			subscriptionType: 'employees/employee/create_with_contract',
			resourceType: 'employee',
			resourceId: '3',
			employeeId: '3',
			source: 'poll',
			authorId: null,
			employee: { id: '3', firstName: 'First3', workEmail: 'e3@acme.test', active: true },
			raw: carol,
		});
		expect(Object.keys(staticData.employees as IDataObject).sort()).toEqual(['1', '2', '3']);
	});

	it('poll 3: a mapped field change emits old and new values; an unmapped one emits nothing', async () => {
		const queries: IDataObject[] = [];
		expectEmployees(
			[
				createEmployee('1', { email: 'ana.new@acme.test' }),
				createEmployee('2', { phone_number: '699999999', updated_at: '2026-11-21T09:00:00Z' }),
				carol,
			],
			queries,
		);
		expectTeams([createTeam('10', ['1', '2'], ['1'])]);

		const { items } = await poll(staticData);

		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event: 'employee.updated',
			employeeId: '1',
			changes: { workEmail: { old: 'e1@acme.test', new: 'ana.new@acme.test' } },
		});
		expect(Object.keys(items[0].changes as IDataObject)).toEqual(['workEmail']);
	});

	it('poll 4: a termination dated in the future emits employee.terminated at once', async () => {
		const queries: IDataObject[] = [];
		expectEmployees(
			[createEmployee('2', { is_terminating: true, terminated_on: '2099-01-31', active: true })],
			queries,
		);
		expectTeams([createTeam('10', ['1', '2'], ['1'])]);

		const { items } = await poll(staticData);

		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event: 'employee.terminated',
			subscriptionType: 'employees/employee/terminate',
			employee: { id: '2', active: true, terminatedOn: '2099-01-31' },
			changes: {
				isTerminating: { old: false, new: true },
				terminatedOn: { old: null, new: '2099-01-31' },
			},
		});
	});

	it('poll 5: undoing the termination emits employee.unterminated', async () => {
		const queries: IDataObject[] = [];
		expectEmployees([bob], queries);
		expectTeams([createTeam('10', ['1', '2'], ['1'])]);

		const { items } = await poll(staticData);

		expect(items.map((item) => [item.event, item.employeeId])).toEqual([
			['employee.unterminated', '2'],
		]);
	});

	it('poll 6: a team change on an otherwise unchanged employee emits membership events', async () => {
		const queries: IDataObject[] = [];
		expectEmployees([], queries);
		expectTeams([createTeam('10', ['2']), createTeam('20', ['1'])]);

		const { items } = await poll(staticData);

		expect(
			items.map((item) => [item.event, item.employeeId, (item.raw as IDataObject).team_id]),
		).toEqual([
			['team_membership.created', '1', '20'],
			['team_membership.deleted', '1', '10'],
		]);
		expect(items[0]).toMatchObject({
			subscriptionType: 'teams/membership/create',
			resourceType: 'teamMembership',
			resourceId: null,
			source: 'poll',
		});
	});

	it('poll 7: a due full pass reads everyone and reports the employee no longer there as deleted', async () => {
		staticData.lastFullPassAt = hoursAgo(25);
		const queries: IDataObject[] = [];
		expectEmployees([createEmployee('1', { email: 'ana.new@acme.test' }), bob], queries);
		expectTeams([createTeam('10', ['2']), createTeam('20', ['1'])]);

		const { items } = await poll(staticData);

		expect(queries[0]).not.toHaveProperty(UPDATED_SINCE_FILTER);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event: 'employee.deleted',
			subscriptionType: null,
			employeeId: '3',
			employee: { id: '3', workEmail: 'e3@acme.test', fullName: 'First3 Last3' },
		});
		expect(Object.keys(staticData.employees as IDataObject).sort()).toEqual(['1', '2']);
		expect(Date.now() - Date.parse(staticData.lastFullPassAt as string)).toBeLessThan(60_000);
	});

	it('manual run: shows what the next poll would emit without moving the baseline', async () => {
		const before = JSON.parse(JSON.stringify(staticData));
		const queries: IDataObject[] = [];
		expectEmployees([createEmployee('2', { last_name: 'Renamed' })], queries);
		expectTeams([createTeam('10', ['2']), createTeam('20', ['1'])]);

		const { items } = await poll(staticData, { mode: 'manual' });

		expect(items.map((item) => [item.event, item.employeeId])).toEqual([['employee.updated', '2']]);
		expect(staticData).toEqual(before);
	});

	it('manual run with nothing changed: one employee as a sample, baseline untouched', async () => {
		const before = JSON.parse(JSON.stringify(staticData));
		const queries: IDataObject[] = [];
		expectEmployees([], queries);
		expectTeams([createTeam('10', ['2']), createTeam('20', ['1'])]);
		expectEmployees([createEmployee('1', { email: 'ana.new@acme.test' })], queries);

		const { items } = await poll(staticData, { mode: 'manual' });

		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ event: 'employee.created', employeeId: '1', source: 'poll' });
		expect(staticData).toEqual(before);
	});
});

describe('FactorialPollTrigger first run and options', () => {
	it('emits existing employees as created on the first run when asked to', async () => {
		const staticData: IDataObject = {};
		expectEmployees([createEmployee('1'), createEmployee('2')], []);
		expectTeams([createTeam('10', ['1'])]);

		const { items } = await poll(staticData, { options: { emitExistingOnFirstRun: true } });

		expect(items.map((item) => [item.event, item.employeeId])).toEqual([
			['employee.created', '1'],
			['employee.created', '2'],
		]);
		expect(Object.keys(staticData.employees as IDataObject)).toEqual(['1', '2']);
	});

	it('manual run without a baseline returns a sample and stores nothing', async () => {
		const staticData: IDataObject = {};
		expectEmployees([createEmployee('5')], []);

		const { items } = await poll(staticData, { mode: 'manual', events: ['employee.terminated'] });

		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ event: 'employee.terminated', employeeId: '5' });
		expect(staticData).toEqual({});
	});

	it('manual run with only membership events selected samples a membership item, not an employee one', async () => {
		const staticData: IDataObject = {};
		expectEmployees([createEmployee('5')], []);
		expectTeams([createTeam('10', ['7']), createTeam('20', ['5'], ['5'])]);

		const { items } = await poll(staticData, {
			mode: 'manual',
			events: ['team_membership.deleted'],
		});

		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event: 'team_membership.deleted',
			resourceType: 'teamMembership',
			resourceId: null,
			employeeId: '5',
			raw: { employee_id: '5', team_id: '20', lead: true },
			source: 'poll',
		});
		expect(items[0].employee).toBeUndefined();
		expect(staticData).toEqual({});
	});

	it.each([
		['no event', [], /No events are selected/],
		[
			'a webhook-only event',
			['employee.invited'],
			/'employee.invited' is not an event this node can detect/,
		],
	])(
		'refuses %s in Events before any request, leaving the state alone',
		async (_label, events, message) => {
			const staticData: IDataObject = {};
			const ctx = createFakeContext({
				params: { authentication: 'apiKey', events, options: {} },
				credentials: {
					factorialApi: { environment: 'custom', customUrl: HOST, apiKey: 'test-key' },
				},
				credentialTypes: [new FactorialApi()],
				staticData,
				mode: 'trigger',
			});
			const error = await new FactorialPollTrigger().poll
				.call(ctx.asPoll())
				.catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as Error).message).toMatch(message);
			expect(ctx.requests).toHaveLength(0);
			expect(staticData).toEqual({});
		},
	);

	it('does not read teams when no membership event is selected, and emits only selected events', async () => {
		const staticData: IDataObject = {};
		expectEmployees([createEmployee('1'), createEmployee('2')], []);
		await poll(staticData, { events: ['employee.terminated'] });

		expectEmployees(
			[
				createEmployee('1', { first_name: 'Changed' }),
				createEmployee('2', { terminated_on: '2026-12-01', is_terminating: true }),
			],
			[],
		);
		const { items, requests } = await poll(staticData, { events: ['employee.terminated'] });

		expect(requests.every((request) => !request.url.includes('/teams/'))).toBe(true);
		expect(items.map((item) => [item.event, item.employeeId])).toEqual([
			['employee.terminated', '2'],
		]);
	});

	it('leaves the static data untouched (no rewrite by n8n) when a poll finds nothing new', async () => {
		const staticData = ObservableObject.create({}) as IDataObject & { __dataChanged: boolean };
		expectEmployees([createEmployee('1')], []);
		expectTeams([createTeam('10', ['1'])]);
		await poll(staticData);
		expect(staticData.__dataChanged).toBe(true);

		staticData.__dataChanged = false;
		expectEmployees([createEmployee('1', { phone_number: '611111111' })], []);
		expectTeams([createTeam('10', ['1'])]);
		const { items } = await poll(staticData);

		expect(items).toEqual([]);
		expect(staticData.__dataChanged).toBe(false);
	});

	it('refuses to report everyone as deleted when a full pass returns no employees', async () => {
		const staticData: IDataObject = {};
		expectEmployees([createEmployee('1')], []);
		await poll(staticData, { events: ['employee.deleted'] });
		const before = JSON.parse(JSON.stringify(staticData));
		staticData.lastFullPassAt = hoursAgo(48);
		before.lastFullPassAt = staticData.lastFullPassAt;

		expectEmployees([], []);
		await expect(poll(staticData, { events: ['employee.deleted'] })).rejects.toThrow(
			'Factorial returned no employees on a full pass, but 1 were known',
		);
		expect(staticData).toEqual(before);
	});

	it('a full pass that lost more than Max Disappearing Share of the known employees emits nothing and keeps the state', async () => {
		const staticData: IDataObject = {};
		const all = Array.from({ length: 20 }, (_, n) => createEmployee(String(n + 1)));
		expectEmployees(all, []);
		await poll(staticData, { events: ['employee.deleted', 'employee.created'] });
		staticData.lastFullPassAt = hoursAgo(48);
		const before = JSON.parse(JSON.stringify(staticData));

		// A partial answer: 14 of 20 (30% gone, default limit 10%).
		expectEmployees(all.slice(0, 14), []);
		await expect(
			poll(staticData, { events: ['employee.deleted', 'employee.created'] }),
		).rejects.toThrow(
			'A full pass no longer found 6 of 20 known employees (30.0%), more than the allowed 10%',
		);
		expect(staticData).toEqual(before);

		// The admin allows it for one poll: the deletions are reported.
		expectEmployees(all.slice(0, 14), []);
		const { items } = await poll(staticData, {
			events: ['employee.deleted'],
			options: { maxDisappearingShare: 50 },
		});
		expect(items.map((item) => item.employeeId)).toEqual(['15', '16', '17', '18', '19', '20']);
	});

	it.each([['ten'], [Number.NaN], [-1], [101]])(
		'a Max Disappearing Share of %p fails the full pass (closed) and keeps the state',
		async (share) => {
			const staticData: IDataObject = {};
			expectEmployees([createEmployee('1'), createEmployee('2')], []);
			await poll(staticData, { events: ['employee.deleted'] });
			staticData.lastFullPassAt = hoursAgo(48);
			const before = JSON.parse(JSON.stringify(staticData));
			expectEmployees([createEmployee('1')], []);
			await expect(
				poll(staticData, {
					events: ['employee.deleted'],
					options: { maxDisappearingShare: share },
				}),
			).rejects.toThrow(/'Max Disappearing Share \(%\)' must be a number between 0 and 100/);
			expect(staticData).toEqual(before);
		},
	);

	it(`keeps static data under ${MAX_BYTES_PER_EMPLOYEE} bytes per employee for 10,000 employees`, async () => {
		const staticData: IDataObject = {};
		const id = (n: number) => String(184467440737095500n + BigInt(n));
		const employees: IDataObject[] = [];
		const teams = new Map<string, string[]>();
		for (let n = 0; n < 10_000; n++) {
			employees.push(
				createEmployee(id(n), {
					first_name: ['Ana', 'María José', 'Christopher', 'Li'][n % 4],
					last_name: ['Blanco Pérez', 'Smith', 'van der Berg', 'Okonkwo-Adeyemi'][n % 4],
					full_name: null,
					email: `employee.number${n}@example-company.com`,
					manager_id: id(n % 50),
					location_id: id(1_000 + (n % 7)),
					legal_entity_id: id(2_000 + (n % 3)),
					company_identifier: `EMP-${String(n).padStart(6, '0')}`,
				}),
			);
			for (const team of [id(3_000 + (n % 40)), id(4_000 + (n % 9))]) {
				teams.set(team, [...(teams.get(team) ?? []), id(n)]);
			}
		}
		expectEmployees(employees, []);
		expectTeams([...teams].map(([teamId, members]) => createTeam(teamId, members, [members[0]])));

		await poll(staticData);

		const bytes = Buffer.byteLength(JSON.stringify(staticData), 'utf8');
		expect(Object.keys(staticData.employees as IDataObject)).toHaveLength(10_000);
		expect(bytes / 10_000).toBeLessThan(MAX_BYTES_PER_EMPLOYEE);
	});
});
