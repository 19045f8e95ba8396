/**
 * Directory Sync → Reconcile with Team Groups: Repair, through the node against a small stateful
 * JumpCloud (nock; every request is checked against test/contracts by test/setup/nock.ts): the calls
 * it makes, the memberships it ends with, and that a partial group or member read writes nothing.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { withOwnership } from '../../../nodes/lib/groupOwnership';
import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { employee as baseEmployee, runReconcile, user } from '../../helpers/reconcile';

const BASE = 'https://jc.test';
const credentials = {
	jumpCloudApi: { region: 'custom', customUrl: BASE, apiKey: 'test-key', orgId: '' },
};

type Obj = Record<string, unknown>;

const mark = (team: string) => withOwnership(null, { team, how: 'created' });

interface Call {
	method: string;
	path: string;
	body?: Obj;
}

interface Faults {
	/** Answer this path (GET) with 500, always. */
	failGet?: string;
	/** GET of this members path reports one member more (x-total-count) than it returns. */
	shortMembers?: string;
}

/**
 * Users, 130 groups (two pages: paging is exercised) of which some are team groups, and memberships
 * as `groupId -> user ids`. Member adds and removes change the state.
 */
function fakeJumpCloud(users: Obj[], members: Record<string, string[]>, faults: Faults = {}) {
	const calls: Call[] = [];
	const groups: Obj[] = [
		// Team groups are the groups the sync owns: its mark in their attributes.
		{ id: 'gSales', name: 'Sales', type: 'user_group', attributes: mark('Sales') },
		{ id: 'gEng', name: 'Engineering', type: 'user_group', attributes: mark('Engineering') },
		{ id: 'gAll', name: 'All Staff', type: 'user_group' },
		...Array.from({ length: 127 }, (_, i) => ({
			id: `gx${i}`,
			name: `other-${String(i).padStart(3, '0')}`,
			type: 'user_group',
		})),
	];
	const state = new Map(Object.entries(members).map(([g, ids]) => [g, new Set(ids)]));
	const page = (uri: string) => {
		const url = new URL(uri, BASE);
		const skip = Number(url.searchParams.get('skip') ?? 0);
		const limit = Number(url.searchParams.get('limit') ?? 10);
		return { url, skip, limit };
	};
	nock(BASE)
		.persist()
		.get('/api/systemusers')
		.query(true)
		.reply((uri) => {
			const { skip, limit } = page(uri);
			calls.push({ method: 'GET', path: '/api/systemusers' });
			return [200, { totalCount: users.length, results: users.slice(skip, skip + limit) }];
		})
		.get('/api/v2/usergroups')
		.query(true)
		.reply((uri) => {
			const { skip, limit } = page(uri);
			calls.push({ method: 'GET', path: `/api/v2/usergroups?skip=${skip}` });
			if (faults.failGet === '/api/v2/usergroups' && skip > 0)
				return [500, { message: 'Internal Server Error' }];
			return [200, groups.slice(skip, skip + limit), { 'x-total-count': String(groups.length) }];
		})
		.get(/\/api\/v2\/usergroups\/[^/]+\/members/)
		.query(true)
		.reply((uri) => {
			const { url, skip, limit } = page(uri);
			const id = decodeURIComponent(url.pathname.split('/')[4]);
			calls.push({ method: 'GET', path: url.pathname });
			if (faults.failGet === url.pathname) return [500, { message: 'Internal Server Error' }];
			const all = [...(state.get(id) ?? [])].map((u) => ({
				attributes: {},
				to: { id: u, type: 'user' },
			}));
			const total = all.length + (faults.shortMembers === url.pathname ? 1 : 0);
			return [200, all.slice(skip, skip + limit), { 'x-total-count': String(total) }];
		})
		.post(/\/api\/v2\/usergroups\/[^/]+\/members/)
		.reply((uri, body) => {
			const id = decodeURIComponent(new URL(uri, BASE).pathname.split('/')[4]);
			const sent = body as { op: string; id: string };
			calls.push({ method: 'POST', path: `/api/v2/usergroups/${id}/members`, body: sent as Obj });
			const set = state.get(id) ?? new Set<string>();
			state.set(id, set);
			if (sent.op === 'add') {
				if (set.has(sent.id)) return [409, { message: 'Already Exists' }];
				set.add(sent.id);
			} else {
				if (!set.has(sent.id)) return [404, { message: 'Not Found' }];
				set.delete(sent.id);
			}
			return [204, ''];
		})
		// No scheduled state changes (BulkUserState_List: a bare array, paged by limit/skip).
		.get('/api/v2/bulk/userstates')
		.query(true)
		.reply(() => [200, []]);
	return { calls, state };
}

const employee = (id: string, teams: string[] | undefined, over: Obj = {}): Obj =>
	baseEmployee(id, { ...(teams ? { team_names: teams } : {}), ...over });

async function run(employees: Obj[], params: IDataObject = {}): Promise<INodeExecutionData[]> {
	return await runReconcile({
		params: {
			attributesToSync: ['email', 'firstname', 'lastname', 'displayname'],
			teamGroups: 'repair',
			...params,
		},
		items: employees.map((json) => ({ json: json as IDataObject })),
		credentials,
		credentialTypes: [new JumpCloudApi()],
	});
}

const summaryOf = (out: INodeExecutionData[]) => out[out.length - 1].json;
const memberWrites = (calls: Call[]) => calls.filter((c) => c.method === 'POST');

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** u1 lost its team group, u2 sits in a wrong one, u3 is right, u9 is unknown to Factorial. */
const people = () => ({
	employees: [
		employee('1', ['Sales']),
		employee('2', ['Engineering']),
		employee('3', ['Sales']),
		employee('4', ['Engineering'], { active: false, terminated_on: '2026-01-01' }),
	],
	users: [user('1'), user('2'), user('3'), user('4', { state: 'SUSPENDED' }), user('9')],
	members: { gSales: ['u2', 'u3', 'u9', 'u4'], gEng: [], gAll: ['u1', 'u2'] },
});

test('repairs the memberships: adds the lost team group, removes the wrong one, touches nothing else', async () => {
	const { employees, users, members } = people();
	const jc = fakeJumpCloud(users, members);
	const out = await run(employees);

	expect(jc.state.get('gSales')).toEqual(new Set(['u1', 'u3', 'u9', 'u4']));
	expect(jc.state.get('gEng')).toEqual(new Set(['u2']));
	expect(jc.state.get('gAll')).toEqual(new Set(['u1', 'u2']));
	expect(memberWrites(jc.calls).map((c) => [c.path, c.body])).toEqual([
		['/api/v2/usergroups/gSales/members', { op: 'add', type: 'user', id: 'u1' }],
		['/api/v2/usergroups/gSales/members', { op: 'remove', type: 'user', id: 'u2' }],
		['/api/v2/usergroups/gEng/members', { op: 'add', type: 'user', id: 'u2' }],
	]);
	// The groups are listed once (two pages); members are read of the team groups only.
	const reads = jc.calls.filter((c) => c.method === 'GET').map((c) => c.path);
	expect(reads.filter((p) => p.startsWith('/api/v2/usergroups?'))).toEqual([
		'/api/v2/usergroups?skip=0',
		'/api/v2/usergroups?skip=100',
	]);
	expect(reads.filter((p) => p.endsWith('/members')).sort()).toEqual([
		'/api/v2/usergroups/gEng/members',
		'/api/v2/usergroups/gSales/members',
	]);

	const items = out.slice(0, -1).map((o) => o.json);
	expect(items).toEqual([
		expect.objectContaining({
			action: 'teamGroups',
			userId: 'u1',
			result: 'done',
			addedGroups: ['Sales'],
			removedGroups: [],
		}),
		expect.objectContaining({
			action: 'teamGroups',
			userId: 'u2',
			result: 'done',
			addedGroups: ['Engineering'],
			removedGroups: ['Sales'],
		}),
	]);
	expect(summaryOf(out)).toMatchObject({
		teamGroupsRepaired: 2,
		teamGroupMembershipsAdded: 2,
		teamGroupMembershipsRemoved: 1,
		failed: 0,
	});
	expect(out.every((o) => o.pairedItem !== undefined)).toBe(true);

	// A second run finds nothing left to do.
	const again = await run(employees);
	expect(summaryOf(again)).toMatchObject({ teamGroupsRepaired: 0, unchanged: 4 });
});

test('the dry run reads and reports, and writes nothing', async () => {
	const { employees, users, members } = people();
	const jc = fakeJumpCloud(users, members);
	const out = await run(employees, { dryRun: true });
	expect(memberWrites(jc.calls)).toEqual([]);
	expect(summaryOf(out)).toMatchObject({
		dryRun: true,
		teamGroupsRepaired: 2,
		teamGroupMembershipsAdded: 2,
		teamGroupMembershipsRemoved: 1,
	});
});

test('Leave Alone (the default for saved workflows) reads and changes no group', async () => {
	const { employees, users, members } = people();
	const jc = fakeJumpCloud(users, members);
	const out = await run(employees, { teamGroups: undefined });
	expect(jc.calls.filter((c) => c.path.includes('usergroups'))).toEqual([]);
	expect(summaryOf(out).teamGroupsRepaired).toBeUndefined();
});

test('a team without a group is reported as skipped; no group is created', async () => {
	const jc = fakeJumpCloud([user('1')], {});
	const out = await run([employee('1', ['Design', 'Sales'])]);
	expect(jc.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
		'/api/v2/usergroups/gSales/members',
	]);
	expect(summaryOf(out).teamGroupsSkipped).toEqual([
		{
			team: 'Design',
			kind: 'missing',
			reason: expect.stringMatching(/no JumpCloud user group is mapped to this team/),
		},
	]);
	expect(out[0].json).toMatchObject({ teamsWithoutGroup: ['Design'] });
});

test('a team named like a group the sync does not own: the group is neither read nor changed (issue 21)', async () => {
	// "All Staff" has no mark; a Factorial team "all staff" must not add anyone to it or remove anyone.
	const jc = fakeJumpCloud([user('1'), user('2'), user('3')], {
		gAll: ['u2', 'u3'],
		gSales: ['u1'],
	});
	const out = await run([
		employee('1', ['all staff']),
		employee('2', ['Sales']),
		employee('3', ['Sales']),
	]);
	expect(jc.calls.some((c) => c.path.includes('/gAll/'))).toBe(false);
	expect(jc.state.get('gAll')).toEqual(new Set(['u2', 'u3']));
	expect(summaryOf(out).teamGroupsSkipped).toEqual([
		expect.objectContaining({
			team: 'all staff',
			kind: 'unowned',
			group: { id: 'gAll', name: 'All Staff' },
			reason: expect.stringMatching(/Map to Factorial Team/),
		}),
	]);
});

test('a run that would empty the team groups stops before any write (safety brake)', async () => {
	// Sales is still a team (employee 99 is in it); the other twelve items lost their teams.
	const ids = Array.from({ length: 12 }, (_, i) => String(10 + i));
	const jc = fakeJumpCloud(
		[...ids, '99'].map((id) => user(id)),
		{
			gSales: [...ids, '99'].map((id) => `u${id}`),
		},
	);
	await expect(
		run([...ids.map((id) => employee(id, [])), employee('99', ['Sales'])]),
	).rejects.toThrow(
		/Safety brake: this run would change the team groups of 12 of 13 matched JumpCloud users/,
	);
	expect(memberWrites(jc.calls)).toEqual([]);
	expect(jc.state.get('gSales')?.size).toBe(13);
});

test.each([
	[
		'a failed page of the group list',
		{ failGet: '/api/v2/usergroups' },
		/GET \/api\/v2\/usergroups \(500\)/,
	],
	[
		'a failed member read',
		{ failGet: '/api/v2/usergroups/gEng/members' },
		/GET \/api\/v2\/usergroups\/gEng\/members \(500\)/,
	],
	[
		'a member list shorter than its total',
		{ shortMembers: '/api/v2/usergroups/gSales/members' },
		/Only 4 of the 5 records .*gSales\/members/,
	],
])('%s fails the run before any write', async (_name, faults: Faults, message: RegExp) => {
	const { employees, users, members } = people();
	const jc = fakeJumpCloud(users, members, faults);
	await expect(run(employees)).rejects.toThrow(message);
	expect(memberWrites(jc.calls)).toEqual([]);
});
