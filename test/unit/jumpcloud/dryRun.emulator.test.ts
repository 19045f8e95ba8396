/**
 * Dry Run of the JumpCloud write operations the event templates use (issue 23): with it on, an
 * operation reads as usual but sends no write (the emulator counts none and its state is unchanged),
 * and its output says what it would send (method, path, body without secrets, `dryRun: true`).
 * Each case runs the same operation with Dry Run off afterwards, to show it does write there.
 */
import type { IDataObject } from 'n8n-workflow';

import { DRY_RUN_USER_ID } from '../../../nodes/JumpCloud/shared/dryRun';
import { startJumpCloudEmulator, type JumpCloudEmulator } from '../../emulators/jumpcloud';
import { runJumpCloudOn } from '../../helpers/jumpCloudEmulatorRun';

let jc: JumpCloudEmulator;
beforeAll(async () => {
	jc = await startJumpCloudEmulator({ seed: 'dry-run' });
});
afterAll(async () => jc.close());

async function run(params: IDataObject): Promise<IDataObject> {
	return await runJumpCloudOn(jc, { authentication: 'apiKey', ...params });
}

let n = 0;
function newUser(extra: IDataObject = {}): string {
	n++;
	const [u] = jc.insertUsers([
		{
			username: `dry${n}`,
			email: `dry${n}@example.com`,
			employeeIdentifier: `80${n}`,
			firstname: 'Dry',
			lastname: `Run${n}`,
			state: 'ACTIVATED',
			...extra,
		},
	]);
	return u._id;
}
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Runs `params` with Dry Run on: no write reaches JumpCloud, nothing changes; returns the output. */
/** The emulator's state, without its request counters. */
function state(): IDataObject {
	const { counters: _counters, ...rest } = jc.snapshot();
	return rest as IDataObject;
}

async function dry(params: IDataObject): Promise<IDataObject> {
	const before = state();
	jc.resetCounters();
	const out = await run({ ...params, dryRun: true });
	expect(jc.counters().write).toBe(0);
	expect(state()).toEqual(before);
	expect(out.dryRun).toBe(true);
	return out;
}

/** The same with Dry Run off: JumpCloud is written. */
async function live(params: IDataObject): Promise<IDataObject> {
	jc.resetCounters();
	const out = await run({ ...params, dryRun: false });
	expect(jc.counters().write).toBeGreaterThan(0);
	expect(out.dryRun).toBeUndefined();
	return out;
}

const sent = (out: IDataObject) =>
	out.wouldSend as Array<{ method: string; path: string; body?: IDataObject }>;

describe('JumpCloud Dry Run: writes reported, none sent', () => {
	it('User → Create: the POST it would send, no password in it', async () => {
		const params = {
			resource: 'user',
			operation: 'create',
			email: 'new.dry@example.com',
			username: 'new.dry',
			additionalFields: { firstname: 'New', lastname: 'Dry', password: 'Secret-pass-123!' },
		};
		const out = await dry(params);
		expect(sent(out)).toEqual([
			{
				method: 'POST',
				path: '/api/systemusers',
				body: expect.objectContaining({ username: 'new.dry', email: 'new.dry@example.com' }),
			},
		]);
		expect(JSON.stringify(out)).not.toContain('Secret-pass-123!');
		await live(params);
		expect(jc.findUser({ username: 'new.dry' })).toBeDefined();
	});

	it('User → Create or Update (a new employee): the create, with a placeholder id for the next nodes', async () => {
		const params = {
			resource: 'user',
			operation: 'upsert',
			mapFrom: 'factorialEmployee',
			employee: {
				id: 4711,
				first_name: 'Ana',
				last_name: 'Dry',
				work_email: 'ana.dry@example.com',
				active: true,
			},
			username: 'ana.dry',
			state: 'STAGED',
		};
		const out = await dry(params);
		expect(out).toMatchObject({ created: true, id: DRY_RUN_USER_ID, username: 'ana.dry' });
		expect(sent(out)).toEqual([
			{
				method: 'POST',
				path: '/api/systemusers',
				body: expect.objectContaining({ employeeIdentifier: '4711', state: 'STAGED' }),
			},
		]);
		await live(params);
		expect(jc.findUser({ employeeIdentifier: '4711' })?.state).toBe('STAGED');
	});

	it('User → Create or Update (an existing user): the PUT of the changed fields', async () => {
		const id = newUser();
		const params = {
			resource: 'user',
			operation: 'upsert',
			email: `dry${n}@example.com`,
			username: `dry${n}`,
			additionalFields: { employeeIdentifier: `80${n}`, jobTitle: 'Engineer' },
		};
		const out = await dry(params);
		expect(out).toMatchObject({ updated: true, username: `dry${n}` });
		expect(sent(out)).toEqual([
			{ method: 'PUT', path: `/api/systemusers/${id}`, body: { jobTitle: 'Engineer' } },
		]);
		await live(params);
		expect(jc.findUser({ id })?.jobTitle).toBe('Engineer');
	});

	it('User → Update', async () => {
		const id = newUser();
		const params = {
			resource: 'user',
			operation: 'update',
			user: byId(id),
			updateFields: { lastName: 'Renamed' },
		};
		const out = await dry(params);
		expect(sent(out)).toEqual([
			expect.objectContaining({ method: 'PUT', path: `/api/systemusers/${id}` }),
		]);
		expect(sent(out)[0].body).toMatchObject({ lastname: 'Renamed' });
		await live(params);
		expect(jc.findUser({ id })?.lastname).toBe('Renamed');
	});

	it('User State → Suspend, then Reactivate', async () => {
		const id = newUser();
		const suspend = { resource: 'userState', operation: 'suspend', user: byId(id) };
		const out = await dry(suspend);
		expect(sent(out)).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: `/api/systemusers/${id}`,
				body: expect.objectContaining({ state: 'SUSPENDED' }),
			}),
		]);
		await live(suspend);
		expect(jc.findUser({ id })?.state).toBe('SUSPENDED');

		const reactivate = { resource: 'userState', operation: 'reactivate', user: byId(id) };
		const back = await dry(reactivate);
		expect(sent(back)).toEqual([
			expect.objectContaining({
				method: 'PUT',
				path: `/api/systemusers/${id}`,
				body: expect.objectContaining({ state: 'ACTIVATED' }),
			}),
		]);
		await live(reactivate);
		expect(jc.findUser({ id })?.state).toBe('ACTIVATED');
	});

	it('User State → Activate (a staged user)', async () => {
		const id = newUser({ state: 'STAGED' });
		const params = { resource: 'userState', operation: 'activate', user: byId(id) };
		const out = await dry(params);
		expect(out).toMatchObject({ activated: true });
		expect(sent(out)).toEqual([
			{ method: 'POST', path: `/api/systemusers/${id}/state/activate`, body: { email: true } },
		]);
		await live(params);
		expect(jc.findUser({ id })?.state).toBe('ACTIVATED');
	});

	it('User State → Schedule (activation, then a suspension that is due now)', async () => {
		const id = newUser({ state: 'STAGED' });
		const params = {
			resource: 'userState',
			operation: 'schedule',
			user: byId(id),
			targetState: 'ACTIVATED',
			startDate: '2099-03-01T09:00:00',
			timezone: 'Europe/Madrid',
		};
		const out = await dry(params);
		expect(out).toMatchObject({ scheduled: true, alreadyScheduled: false });
		expect(sent(out)).toEqual([
			{
				method: 'POST',
				path: '/api/v2/bulk/userstates',
				body: expect.objectContaining({ state: 'ACTIVATED', user_ids: [id] }),
			},
		]);
		await live(params);
		expect(jc.jobs().filter((j) => j.userIds.includes(id))).toHaveLength(1);

		const gone = {
			resource: 'userState',
			operation: 'schedule',
			user: byId(id),
			targetState: 'SUSPENDED',
			startDate: '2020-01-31T23:59:00',
			timezone: 'Europe/Madrid',
			suspendNowIfPassed: true,
			cancelPendingActivations: true,
		};
		const now = await dry(gone);
		expect(now).toMatchObject({ suspendedNow: true });
		expect(sent(now).map((w) => `${w.method} ${w.path}`)).toEqual([
			expect.stringMatching(/^DELETE \/api\/v2\/bulk\/userstates\//),
			`PUT /api/systemusers/${id}`,
		]);
	});

	it('User State → Cancel Scheduled', async () => {
		const id = newUser({ state: 'STAGED' });
		const scheduled = await run({
			resource: 'userState',
			operation: 'schedule',
			user: byId(id),
			targetState: 'ACTIVATED',
			startDate: '2099-04-01T09:00:00',
			timezone: 'Europe/Madrid',
		});
		const params = {
			resource: 'userState',
			operation: 'cancelScheduled',
			scheduledJobId: String(scheduled.scheduledJobId),
		};
		const out = await dry(params);
		expect(sent(out)).toEqual([
			{ method: 'DELETE', path: `/api/v2/bulk/userstates/${String(scheduled.scheduledJobId)}` },
		]);
		await live(params);
		expect(jc.jobs().filter((j) => j.userIds.includes(id))).toEqual([]);
	});

	it('User Group → Set Team Groups (a missing team group created, the user added)', async () => {
		const id = newUser();
		const params = {
			resource: 'userGroup',
			operation: 'setTeamGroups',
			user: byId(id),
			teams: [`Dry Team ${n}`],
			createMissing: true,
		};
		const out = await dry(params);
		expect(sent(out).map((w) => `${w.method} ${w.path}`)).toEqual([
			'POST /api/v2/usergroups',
			expect.stringMatching(/^POST \/api\/v2\/usergroups\/[^/]+\/members$/),
		]);
		expect(sent(out)[1].body).toEqual({ op: 'add', type: 'user', id });
		await live(params);
		expect(jc.groupsOf(id)).toEqual([`Dry Team ${n}`]);
	});

	it('User → Relink to Rehired Employee: the PUT it would send, the user left as it is', async () => {
		const id = newUser();
		await run({ resource: 'userState', operation: 'suspend', user: byId(id) });
		const params = {
			resource: 'user',
			operation: 'relink',
			user: byId(id),
			newEmployee: { id: 9900 + n, full_name: 'New Person', company_identifier: 'C-1' },
			earlierEmployee: {
				id: Number(`80${n}`),
				full_name: 'Old Person',
				active: false,
				terminated_on: '2025-01-31',
				company_identifier: 'C-1',
			},
		};
		const out = await dry(params);
		expect(out).toMatchObject({ relinked: true });
		expect(sent(out)).toContainEqual(
			expect.objectContaining({
				method: 'PUT',
				path: `/api/systemusers/${id}`,
				body: expect.objectContaining({ employeeIdentifier: String(9900 + n) }),
			}),
		);
		await live(params);
		expect(jc.findUser({ id })?.employeeIdentifier).toBe(String(9900 + n));
	});

	it('a user the dry run would create: the next operations read nothing about it and send nothing', async () => {
		const schedule = await dry({
			resource: 'userState',
			operation: 'schedule',
			user: byId(DRY_RUN_USER_ID),
			targetState: 'ACTIVATED',
			startDate: '2099-05-01T09:00:00',
			timezone: 'Europe/Madrid',
		});
		expect(sent(schedule)).toEqual([
			expect.objectContaining({ method: 'POST', path: '/api/v2/bulk/userstates' }),
		]);
		const groups = await dry({
			resource: 'userGroup',
			operation: 'setTeamGroups',
			user: byId(DRY_RUN_USER_ID),
			teams: ['Dry Team New'],
			createMissing: true,
		});
		expect(sent(groups).map((w) => w.method)).toEqual(['POST', 'POST']);
		const activate = await dry({
			resource: 'userState',
			operation: 'activate',
			user: byId(DRY_RUN_USER_ID),
		});
		expect(sent(activate)).toEqual([
			expect.objectContaining({ path: `/api/systemusers/${DRY_RUN_USER_ID}/state/activate` }),
		]);
	});
});
