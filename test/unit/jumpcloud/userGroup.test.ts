import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';
import { JUMPCLOUD_BASE as BASE, byId, byMode, jcContext, runNode } from '../contexts';
import { G1, G2, G3, G4, G9, U1, U2 } from '../../helpers/jumpcloudIds';

afterEach(() => nock.cleanAll());

const groups = [
	{ id: G1, name: 'team-sales', description: 'Sales' },
	{ id: G2, name: 'team-support' },
	{ id: G3, name: 'office-berlin' },
	{ id: G4, name: 'team-eng' },
];

function groupList(list: IDataObject[] = groups) {
	return nock(BASE)
		.get('/api/v2/usergroups')
		.query({ sort: 'name', limit: 100, skip: 0 })
		.reply(200, list, {
			'x-total-count': String(list.length),
		});
}

/** memberof entries: direct ones have a one-hop path. */
function memberOf(userId: string, direct: string[], nested: string[] = []) {
	const entry = (id: string, hops: number) => ({
		id,
		type: 'user_group',
		paths: [Array.from({ length: hops }, () => ({ to: { id, type: 'user_group' } }))],
	});
	return nock(BASE)
		.get(`/api/v2/users/${userId}/memberof`)
		.query(true)
		.reply(200, [...direct.map((id) => entry(id, 1)), ...nested.map((id) => entry(id, 2))]);
}

describe('User Group → Create, Get, Get Many, Delete', () => {
	it('creates a group whose name is free', async () => {
		groupList();
		nock(BASE)
			.post('/api/v2/usergroups', { name: 'team-new', description: 'New' })
			.reply(201, { id: G9, name: 'team-new' });
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'create',
			name: 'team-new',
			ifExists: 'fail',
			additionalFields: { description: 'New' },
		});
		expect(json[0]).toEqual({ id: G9, name: 'team-new', created: true, alreadyExisted: false });
	});

	it('fails on an existing name, or returns it when asked', async () => {
		groupList();
		await expect(
			runNode({ resource: 'userGroup', operation: 'create', name: 'TEAM-SALES', ifExists: 'fail' }),
		).rejects.toThrow(`named "TEAM-SALES" already exists (${G1})`);
		groupList();
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'create',
			name: 'team-sales',
			ifExists: 'returnExisting',
		});
		expect(json[0]).toMatchObject({ id: G1, created: false, alreadyExisted: true });
	});

	it('gets a group by name through the cached list', async () => {
		groupList();
		nock(BASE).get(`/api/v2/usergroups/${G2}`).reply(200, { id: G2, name: 'team-support' });
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'get',
			group: byMode('name', 'team-support'),
		});
		expect(json[0]).toEqual({ id: G2, name: 'team-support' });
	});

	it('gets many with a case-insensitive name prefix', async () => {
		groupList();
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: { namePrefix: 'TEAM-' },
		});
		expect(json.map((g) => g.id)).toEqual([G1, G2]);
	});

	it('deletes and returns {deleted: true}', async () => {
		nock(BASE).delete(`/api/v2/usergroups/${G3}`).reply(204);
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'delete',
			group: byId(G3),
		});
		expect(json).toEqual([{ deleted: true, id: G3 }]);
	});
});

describe('User Group → Add Member / Remove Member (idempotent)', () => {
	it('adds a user who is not a member', async () => {
		memberOf(U1, [G3]);
		const add = nock(BASE)
			.post(`/api/v2/usergroups/${G1}/members`, { op: 'add', type: 'user', id: U1 })
			.reply(204);
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'addMember',
			group: byId(G1),
			user: byId(U1),
		});
		expect(add.isDone()).toBe(true);
		expect(json[0]).toEqual({
			groupId: G1,
			userId: U1,
			added: true,
			alreadyMember: false,
			groupCreated: false,
		});
	});

	it('Add to Team Group survives lost connections as a real n8n reports them (group read and member add resent)', async () => {
		// In a real n8n the helper throws a NodeApiError without code or cause (test/unit/n8nConnectionErrors.ts);
		// the fake context does the same. Both calls are safe to resend: a read, and an add that cannot duplicate.
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		nock(BASE)
			.get('/api/v2/usergroups')
			.query(true)
			.replyWithError(reset)
			.get('/api/v2/usergroups')
			.query({ sort: 'name', limit: 100, skip: 0 })
			.reply(200, groups, { 'x-total-count': String(groups.length) });
		memberOf(U1, [G3]);
		const add = nock(BASE)
			.post(`/api/v2/usergroups/${G1}/members`, { op: 'add', type: 'user', id: U1 })
			.replyWithError(reset)
			.post(`/api/v2/usergroups/${G1}/members`, { op: 'add', type: 'user', id: U1 })
			.reply(204);
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'addMember',
			group: byMode('name', 'team-sales'),
			user: byId(U1),
		});
		expect(add.isDone()).toBe(true);
		expect(json[0]).toMatchObject({ groupId: G1, userId: U1, added: true });
	});

	it('reports alreadyMember without a write', async () => {
		memberOf(U1, [G1]);
		const { json, ctx } = await runNode({
			resource: 'userGroup',
			operation: 'addMember',
			group: byId(G1),
			user: byId(U1),
		});
		expect(json[0]).toMatchObject({ added: false, alreadyMember: true });
		expect(ctx.requests.map((r) => r.method)).toEqual(['GET']);
	});

	it('treats a 409 "Already Exists" race as alreadyMember', async () => {
		memberOf(U1, [], [G1]);
		nock(BASE).post(`/api/v2/usergroups/${G1}/members`).reply(409, { message: 'Already Exists' });
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'addMember',
			group: byId(G1),
			user: byId(U1),
		});
		expect(json[0]).toMatchObject({ added: false, alreadyMember: true });
	});

	it('creates a missing group picked by name when asked', async () => {
		groupList();
		nock(BASE)
			.post('/api/v2/usergroups', { name: 'team-new' })
			.reply(201, { id: G9, name: 'team-new' })
			.post(`/api/v2/usergroups/${G9}/members`, { op: 'add', type: 'user', id: U1 })
			.reply(204);
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'addMember',
			group: byMode('name', 'team-new'),
			user: byId(U1),
			createGroupIfMissing: true,
		});
		expect(json[0]).toEqual({
			groupId: G9,
			groupName: 'team-new',
			userId: U1,
			added: true,
			alreadyMember: false,
			groupCreated: true,
		});
	});

	it('fails clearly on a missing group name without the option', async () => {
		groupList();
		await expect(
			runNode({
				resource: 'userGroup',
				operation: 'addMember',
				group: byMode('name', 'nope'),
				user: byId(U1),
			}),
		).rejects.toThrow(/No JumpCloud user group is named "nope"/);
	});

	it('removes a member, and reports wasNotMember for a non-member', async () => {
		memberOf(U1, [G1]);
		nock(BASE)
			.post(`/api/v2/usergroups/${G1}/members`, { op: 'remove', type: 'user', id: U1 })
			.reply(204);
		const first = await runNode({
			resource: 'userGroup',
			operation: 'removeMember',
			group: byId(G1),
			user: byId(U1),
		});
		expect(first.json[0]).toEqual({
			groupId: G1,
			userId: U1,
			removed: true,
			wasNotMember: false,
		});
		memberOf(U1, [G3]);
		const second = await runNode({
			resource: 'userGroup',
			operation: 'removeMember',
			group: byId(G1),
			user: byId(U1),
		});
		expect(second.json[0]).toMatchObject({ removed: false, wasNotMember: true });
		expect(second.ctx.requests.map((r) => r.method)).toEqual(['GET']);
	});

	it('treats a 404 on remove (race) as wasNotMember', async () => {
		memberOf(U1, [G1]);
		nock(BASE).post(`/api/v2/usergroups/${G1}/members`).reply(404, { message: 'Not Found' });
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'removeMember',
			group: byId(G1),
			user: byId(U1),
		});
		expect(json[0]).toMatchObject({ removed: false, wasNotMember: true });
	});
});

describe('User Group → Get Members, Get Groups of a User, Set Groups of a User', () => {
	/** Set Groups of a User for user U1: `groups` wanted, the managed set and options in `params`. */
	const setGroupsOfU1 = (groups: string, params: IDataObject): IDataObject => ({
		resource: 'userGroup',
		operation: 'setUserGroups',
		user: byId(U1),
		groups,
		...params,
	});

	it('lists direct members', async () => {
		nock(BASE)
			.get(`/api/v2/usergroups/${G1}/members`)
			.query({ limit: 50, skip: 0 })
			.reply(200, [{ to: { id: U1, type: 'user' } }, { to: { id: U2, type: 'user' } }]);
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'getMembers',
			group: byId(G1),
			returnAll: false,
			limit: 50,
			options: {},
		});
		expect(json).toEqual([
			{ userId: U1, groupId: G1 },
			{ userId: U2, groupId: G1 },
		]);
	});

	it("lists a user's groups with names from one bulk read", async () => {
		memberOf(U1, [G1], [G3]);
		const list = groupList();
		const { json, ctx } = await runNode({
			resource: 'userGroup',
			operation: 'getUserGroups',
			user: byId(U1),
			includeNested: true,
		});
		expect(json).toEqual([
			{ userId: U1, groupId: G1, groupName: 'team-sales', description: 'Sales', direct: true },
			{ userId: U1, groupId: G3, groupName: 'office-berlin', description: null, direct: false },
		]);
		expect(list.isDone()).toBe(true);
		expect(ctx.requests).toHaveLength(2);
	});

	it('moves a user between prefixed groups and leaves other groups alone', async () => {
		groupList();
		memberOf(U1, [G1, G3]);
		const bodies: IDataObject[] = [];
		nock(BASE)
			.post(/\/api\/v2\/usergroups\/[0-9a-f]{24}\/members/, (b) => {
				bodies.push(b);
				return true;
			})
			.times(2)
			.reply(204);
		const { json, ctx } = await runNode(
			setGroupsOfU1('team-eng', { scope: 'prefix', namePrefix: 'team-' }),
		);
		expect(json[0]).toEqual({
			userId: U1,
			added: ['team-eng'],
			removed: ['team-sales'],
			unchanged: [],
			changed: true,
		});
		expect(ctx.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
			`${BASE}/api/v2/usergroups/${G1}/members`,
			`${BASE}/api/v2/usergroups/${G4}/members`,
		]);
		expect(bodies).toEqual([
			{ op: 'remove', type: 'user', id: U1 },
			{ op: 'add', type: 'user', id: U1 },
		]);
	});

	it('refuses a target group outside the managed set before changing anything', async () => {
		groupList();
		const { json, ctx } = await runNode(
			setGroupsOfU1('office-berlin', { scope: 'list', managedGroups: 'team-sales, team-eng' }),
			{ continueOnFail: true },
		);
		expect(json[0].error).toMatch(
			/'Groups \(Names or IDs\)' contains "office-berlin", which is not among the managed groups \[item 0\]/,
		);
		expect(ctx.requests.map((r) => r.method)).toEqual(['GET']);
	});

	// Issue 16: the Mover manages every Factorial team name; one team without a JumpCloud group failed every move into it.
	it('creates a wanted managed group that does not exist (default) and adds the user; missing managed groups are ignored', async () => {
		groupList();
		memberOf(U1, [G1]);
		const created = nock(BASE)
			.post('/api/v2/usergroups', { name: 'team-design' })
			.reply(201, { id: G9, name: 'team-design' });
		nock(BASE)
			.post(/\/api\/v2\/usergroups\/[0-9a-f]{24}\/members/)
			.times(2)
			.reply(204);
		const { json, ctx } = await runNode(
			setGroupsOfU1('team-design', {
				scope: 'list',
				managedGroups: 'team-sales, team-design, team-marketing',
			}),
		);
		expect(created.isDone()).toBe(true);
		expect(json[0]).toEqual({
			userId: U1,
			added: ['team-design'],
			removed: ['team-sales'],
			unchanged: [],
			changed: true,
			createdGroups: ['team-design'],
		});
		expect(
			ctx.requests.filter((r) => r.url.endsWith('/members')).map((r) => [r.url, r.body]),
		).toEqual([
			[`${BASE}/api/v2/usergroups/${G1}/members`, { op: 'remove', type: 'user', id: U1 }],
			[`${BASE}/api/v2/usergroups/${G9}/members`, { op: 'add', type: 'user', id: U1 }],
		]);
	});

	it('with Skip It, leaves a missing group out and says why, still applying the rest', async () => {
		groupList();
		memberOf(U1, [G1]);
		nock(BASE)
			.post(`/api/v2/usergroups/${G1}/members`, { op: 'remove', type: 'user', id: U1 })
			.reply(204);
		const { json, ctx } = await runNode(
			setGroupsOfU1('team-design', {
				scope: 'list',
				managedGroups: 'team-sales, team-design',
				ifGroupMissing: 'skip',
			}),
		);
		expect(json[0]).toMatchObject({
			added: [],
			removed: ['team-sales'],
			skippedGroups: [
				{ group: 'team-design', reason: expect.stringMatching(/no JumpCloud group/) },
			],
		});
		expect(ctx.requests.filter((r) => r.url.endsWith('/api/v2/usergroups'))).toHaveLength(1);
	});

	it('with Fail, a missing group stops the item before any write (the old behaviour)', async () => {
		groupList();
		const { json, ctx } = await runNode(
			setGroupsOfU1('team-design', {
				scope: 'list',
				managedGroups: 'team-sales, team-design',
				ifGroupMissing: 'fail',
			}),
			{ continueOnFail: true },
		);
		expect(json[0].error).toMatch(/no group is named or has the ID "team-design"/);
		expect(ctx.requests.map((r) => r.method)).toEqual(['GET']);
	});

	it('never creates a missing group outside the managed set', async () => {
		groupList();
		const { json, ctx } = await runNode(
			setGroupsOfU1('office-paris', { scope: 'prefix', namePrefix: 'team-' }),
			{ continueOnFail: true },
		);
		expect(json[0].error).toMatch(/contains "office-paris", which is not among the managed groups/);
		expect(ctx.requests.map((r) => r.method)).toEqual(['GET']);
	});
});

describe('listSearch', () => {
	it('searches users by text and pages with skip', async () => {
		const page = Array.from({ length: 100 }, (_, n) => ({
			_id: `u${n}`,
			username: `u${n}`,
			email: `u${n}@x.io`,
			displayname: `User ${n}`,
		}));
		nock(BASE)
			.post('/api/search/systemusers', {
				fields: '_id username email displayname firstname lastname',
				limit: 100,
				skip: 0,
				searchFilter: {
					searchTerm: 'jan',
					fields: ['username', 'email', 'firstname', 'lastname', 'displayname'],
				},
			})
			.query({ limit: 100, skip: 0 })
			.reply(200, { totalCount: 150, results: page });
		const ctx = jcContext({});
		const result = await new JumpCloud().methods.listSearch.searchUsers.call(
			ctx.asLoadOptions(),
			'jan',
		);
		expect(result.results[0]).toEqual({ name: 'User 0 (u0@x.io)', value: 'u0' });
		expect(result.paginationToken).toBe('100');
	});

	it('searches groups by name', async () => {
		nock(BASE)
			.get('/api/v2/usergroups')
			.query({ limit: 100, skip: 0, sort: 'name', filter: 'name:search:team' })
			.reply(200, [{ id: G1, name: 'team-sales' }]);
		const ctx = jcContext({});
		const result = await new JumpCloud().methods.listSearch.searchGroups.call(
			ctx.asLoadOptions(),
			'team',
		);
		expect(result).toEqual({
			results: [{ name: 'team-sales', value: G1 }],
			paginationToken: undefined,
		});
	});
});
