/**
 * Reliability: the joiner, leaver and nightly reconciliation flows against both emulators over real HTTP
 * with 20% of API requests failing (429 with Retry-After, 500, 503, connection resets, slow answers).
 * Each flow runs once, as one n8n execution would; the final JumpCloud state must be exactly the
 * expected one: no user lost, none duplicated, none suspended wrongly, no membership missing.
 */
import { startFactorialEmulator, startJumpCloudEmulator } from '../emulators';
import type { Services } from './flows';
import {
	directoryState,
	FAULTS,
	GROUP,
	joiner,
	leaver,
	reconcile,
	retryWaits,
	withoutLivedIn,
} from './flows';

// The Factorial transport takes its retry hooks per call; the nodes use the defaults, so its waits
// (n8n-workflow's sleep) are made instant here. Outcomes are asserted, never timing.
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async () => undefined,
}));

const HIRES = [
	{ first_name: 'Lucía', last_name: 'Fernández', email: 'lucia.fernandez@acme.test' },
	{ first_name: 'Jörg', last_name: 'Müller', email: 'joerg.mueller@acme.test' },
	{ first_name: 'Siobhán', last_name: "O'Brien", email: 'siobhan.obrien@acme.test' },
	{ first_name: 'Ana', last_name: 'García', email: 'ana.garcia@acme.test' },
	{ first_name: 'Ana', last_name: 'García', email: 'ana.garcia2@acme.test' },
	{ first_name: 'Tomás', last_name: 'Novák', email: 'tomas.novak@acme.test' },
];

async function start(seed: string): Promise<Services> {
	const factorial = await startFactorialEmulator({ seed, employees: 0, today: '2026-06-01' });
	const jumpcloud = await startJumpCloudEmulator({ seed, groups: [GROUP, 'Engineering'] });
	return { factorial, jumpcloud };
}

function faultsOn(s: Services): void {
	s.factorial.setFaults({ ...FAULTS, kinds: [...FAULTS.kinds] });
	s.jumpcloud.setFaults({ ...FAULTS, kinds: [...FAULTS.kinds] });
}

function faultsOff(s: Services): void {
	s.factorial.clearFaults();
	s.jumpcloud.clearFaults();
}

describe('joiner and leaver flows under 20% injected faults', () => {
	let s: Services;
	const employeeIds: string[] = [];

	beforeAll(async () => {
		s = await start('reliability-joiner');
		for (const hire of HIRES)
			employeeIds.push(String(s.factorial.createEmployee(hire, { emit: false }).id));
	});
	afterAll(async () => {
		await s.factorial.close();
		await s.jumpcloud.close();
	});

	it('every joiner ends as exactly one STAGED user, in the group, with one scheduled activation', async () => {
		faultsOn(s);
		const results = [];
		for (const id of employeeIds) results.push(await joiner(s, id));
		faultsOff(s);

		// The faults really happened, on both services, and were retried.
		expect(s.factorial.counters().faulted).toBeGreaterThan(0);
		expect(s.jumpcloud.counters().faulted).toBeGreaterThan(3);
		expect(retryWaits.length).toBeGreaterThan(0);

		// The lived-in directory (admins, IT's suspensions, service accounts) is untouched.
		const state = withoutLivedIn(directoryState(s.jumpcloud));
		expect(Object.keys(state).sort()).toEqual([...employeeIds].sort());
		for (const id of employeeIds) {
			expect(state[id]).toEqual({
				usernames: [expect.any(String)],
				states: ['STAGED'],
				groups: [GROUP],
				jobs: 1,
			});
		}
		const usernames = Object.values(state).map((e) => e.usernames[0]);
		expect(new Set(usernames).size).toBe(HIRES.length);
		expect(usernames).toEqual(
			expect.arrayContaining(['lucia.fernandez', 'jorg.muller', 'ana.garcia', 'ana.garcia1']),
		);
		// What each execution reported is what JumpCloud holds.
		for (const r of results)
			expect(state[String(r.employee.id)].usernames).toEqual([r.user.username]);
	});

	it('running every joiner again changes nothing (a retried execution is harmless)', async () => {
		const before = JSON.stringify(directoryState(s.jumpcloud));
		faultsOn(s);
		for (const id of employeeIds) await joiner(s, id);
		faultsOff(s);
		expect(JSON.stringify(directoryState(s.jumpcloud))).toBe(before);
	});

	it('leavers are suspended, nobody else is', async () => {
		const leaving = [employeeIds[1], employeeIds[4]];
		const faultedBefore = s.jumpcloud.counters().faulted;
		faultsOn(s);
		for (const id of leaving) {
			s.factorial.terminateEmployee(id, '2026-05-31');
			const out = await leaver(s, id);
			expect(out).toMatchObject({ suspended: true });
		}
		// Twice: the second delivery of the same termination is a no-op.
		for (const id of leaving)
			expect(await leaver(s, id)).toMatchObject({ suspended: true, unchanged: true });
		faultsOff(s);
		// The leaver runs themselves met faults (not only the joiners before them).
		expect(s.jumpcloud.counters().faulted).toBeGreaterThan(faultedBefore);
		const state = directoryState(s.jumpcloud);
		for (const id of employeeIds) {
			expect(state[id].states).toEqual([leaving.includes(id) ? 'SUSPENDED' : 'STAGED']);
			expect(state[id].groups).toEqual([GROUP]);
		}
	});
});

describe('nightly reconciliation under 20% injected faults', () => {
	let s: Services;

	beforeAll(async () => {
		s = await start('reliability-reconcile');
	});
	afterAll(async () => {
		await s.factorial.close();
		await s.jumpcloud.close();
	});

	it('converges to exactly one user per employee in one run, and a second run plans nothing', async () => {
		const ids: string[] = [];
		for (let n = 0; n < 40; n++) {
			const employee = s.factorial.createEmployee(
				{
					first_name: n % 7 === 0 ? 'Ana' : `Person${n}`,
					last_name: n % 7 === 0 ? 'García' : `Tester${n}`,
					email: `p${n}@acme.test`,
					// The ten JumpCloud misses: five started already, five start later.
					contract_starts_on: n < 35 ? '2026-01-05' : '2099-06-01',
				},
				{ emit: false },
			);
			ids.push(String(employee.id));
		}
		// JumpCloud already knows the first 30, some with a stale last name; 3 of them left the company.
		s.jumpcloud.insertUsers(
			ids.slice(0, 30).map((id, n) => ({
				username: `pre${n}`,
				email: `p${n}@acme.test`,
				employeeIdentifier: id,
				firstname: n % 7 === 0 ? 'Ana' : `Person${n}`,
				lastname: n % 5 === 0 ? 'Stale' : n % 7 === 0 ? 'García' : `Tester${n}`,
				state: 'ACTIVATED',
				activated: true,
			})),
		);
		const leavers = [ids[3], ids[11], ids[22]];
		for (const id of leavers) s.factorial.terminateEmployee(id, '2026-05-01');

		faultsOn(s);
		// 11 creates for 30 managed users: more than the default creation brake (10%) allows.
		const out = await reconcile(s, { maxCreationShare: 50 });
		faultsOff(s);
		expect(s.jumpcloud.counters().faulted).toBeGreaterThan(0);
		const failed = out.filter((o) => o.result === 'failed');
		expect(failed).toEqual([]);

		const state = withoutLivedIn(directoryState(s.jumpcloud));
		// Every Factorial employee (the company's own admin included) has exactly one user.
		const all = [...s.factorial.state.employees.byId.keys()].map(String);
		expect(Object.keys(state).sort()).toEqual([...all].sort());
		// Created users follow the Joiner's rule (issue 16; this test asserted they stayed STAGED before):
		// started ones are active, later starts are staged with exactly one scheduled activation.
		for (const id of ids) {
			expect(state[id].usernames).toHaveLength(1);
			const startsLater = ids.indexOf(id) >= 35;
			expect(state[id].states).toEqual([
				leavers.includes(id) ? 'SUSPENDED' : startsLater ? 'STAGED' : 'ACTIVATED',
			]);
			expect(state[id].jobs).toBe(startsLater ? 1 : 0);
		}
		expect(s.jumpcloud.users().filter((u) => u.lastname === 'Stale')).toEqual([]);

		const first = out[out.length - 1];
		expect(first).toMatchObject({
			summary: true,
			failed: 0,
			suspended: 3,
			// The ten misses plus the company's own admin (seeded, started long ago).
			created: 11,
			activated: 6,
			activationsScheduled: 5,
		});

		const again = await reconcile(s);
		expect(again).toHaveLength(1);
		expect(again[0]).toMatchObject({
			summary: true,
			created: 0,
			updated: 0,
			reactivated: 0,
			suspended: 0,
			activated: 0,
			activationsScheduled: 0,
			failed: 0,
		});
	});
});
