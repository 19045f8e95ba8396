/**
 * User Group → Set Team Groups, Map to / Release From Factorial Team (issue 21): the sync adds and
 * removes members only in groups it owns (the mark in the group's attributes), never by a name.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { withOwnership } from '../../../nodes/lib/groupOwnership';
import { JUMPCLOUD_BASE as BASE, byId, byMode, runNode } from '../contexts';
import { G1, G2, G3, G4, G9, U1 } from '../../helpers/jumpcloudIds';

afterEach(() => nock.cleanAll());

const owned = (id: string, name: string, team: string, how: 'created' | 'mapped' = 'created') => ({
	id,
	name,
	attributes: withOwnership(null, { team, how }),
});
const ADMINS = {
	id: G3,
	name: 'IT Admins',
	description: 'Domain administrators',
	attributes: null,
};
const DOMAIN_ADMINS = { id: G4, name: 'Domain Admins', attributes: null };

function groupList(list: IDataObject[]) {
	return nock(BASE)
		.get('/api/v2/usergroups')
		.query({ sort: 'name', limit: 100, skip: 0 })
		.reply(200, list, { 'x-total-count': String(list.length) });
}
function memberOf(userId: string, direct: string[]) {
	return nock(BASE)
		.get(`/api/v2/users/${userId}/memberof`)
		.query(true)
		.reply(
			200,
			direct.map((id) => ({
				id,
				type: 'user_group',
				paths: [[{ to: { id, type: 'user_group' } }]],
			})),
		);
}
/** Records every membership write; fails the test on any other request (nock). */
function membershipWrites(): Array<{ group: string; op: string; id: string }> {
	const writes: Array<{ group: string; op: string; id: string }> = [];
	nock(BASE)
		.persist()
		.post(/\/api\/v2\/usergroups\/[0-9a-f]{24}\/members/)
		.reply(204, function (uri, body) {
			const b = body as { op: string; id: string };
			writes.push({ group: uri.split('/')[4], op: b.op, id: b.id });
			return '';
		});
	return writes;
}
const setTeamGroups = (teams: IDataObject[string], extra: IDataObject = {}) =>
	runNode({ resource: 'userGroup', operation: 'setTeamGroups', user: byId(U1), teams, ...extra });

describe('User Group → Set Team Groups', () => {
	it('a team "it admins" gets no access to the unmarked "IT Admins", and no second group is made', async () => {
		groupList([owned(G1, 'Sales', 'Sales'), ADMINS]);
		memberOf(U1, [G1]);
		const writes = membershipWrites();
		const { json } = await setTeamGroups(['it admins']);
		expect(writes).toEqual([{ group: G1, op: 'remove', id: U1 }]);
		expect(json[0]).toMatchObject({
			added: [],
			removed: ['Sales'],
			teamsWithoutGroup: [
				{
					team: 'it admins',
					groupId: G3,
					groupName: 'IT Admins',
					reason: expect.stringMatching(
						/neither created it nor was it mapped.*Map to Factorial Team/,
					),
				},
			],
		});
		expect(json[0].createdGroups).toBeUndefined();
	});

	it('"Marketing,Domain Admins" is one team: its own group is created and marked, "Domain Admins" untouched', async () => {
		groupList([owned(G1, 'Sales', 'Sales'), DOMAIN_ADMINS]);
		let posted: IDataObject | undefined;
		nock(BASE)
			.post('/api/v2/usergroups', (b: IDataObject) => ((posted = b), true))
			.reply(201, () => ({
				id: G9,
				name: 'Marketing,Domain Admins',
				attributes: posted?.attributes,
			}));
		memberOf(U1, []);
		const writes = membershipWrites();
		const { json } = await setTeamGroups(['Marketing,Domain Admins']);
		expect(posted).toEqual({
			name: 'Marketing,Domain Admins',
			attributes: {
				factorialJumpCloudSync: {
					team: 'Marketing,Domain Admins',
					how: 'created',
					at: expect.any(String),
				},
			},
		});
		expect(writes).toEqual([{ group: G9, op: 'add', id: U1 }]);
		expect(json[0]).toMatchObject({
			added: ['Marketing,Domain Admins'],
			createdGroups: ['Marketing,Domain Admins'],
		});
	});

	it('a group an admin mapped by ID serves the team whatever its name; unmarked groups the user is in stay', async () => {
		groupList([owned(G1, 'Sales', 'Sales'), owned(G2, 'eng-all', 'Engineering', 'mapped'), ADMINS]);
		memberOf(U1, [G1, G3]);
		const writes = membershipWrites();
		const { json } = await setTeamGroups('["Engineering"]');
		expect(writes).toEqual([
			{ group: G1, op: 'remove', id: U1 },
			{ group: G2, op: 'add', id: U1 },
		]);
		expect(json[0]).toMatchObject({ added: ['eng-all'], removed: ['Sales'], changed: true });
	});

	it('a team name that is not a list of text is refused before any request', async () => {
		await expect(setTeamGroups({ team: 'Sales' })).rejects.toThrow(/'Team Names' must be a list/);
	});
});

describe('User Group → Map to / Release From Factorial Team', () => {
	it('writes the mark on the group picked by ID, keeping its other fields (PUT of the whole group)', async () => {
		const group = {
			id: G3,
			name: 'IT Admins',
			description: 'Domain administrators',
			email: '',
			type: 'user_group',
			membershipMethod: 'STATIC',
			attributes: { sudo: { enabled: true, withoutPassword: false } },
		};
		nock(BASE).get(`/api/v2/usergroups/${G3}`).reply(200, group);
		groupList([owned(G1, 'Sales', 'Sales'), group]);
		let put: IDataObject | undefined;
		nock(BASE)
			.put(`/api/v2/usergroups/${G3}`, (b: IDataObject) => ((put = b), true))
			.reply(200, () => ({ ...group, ...put }));
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'mapTeam',
			group: byId(G3),
			team: 'IT Team',
		});
		expect(put).toEqual({
			name: 'IT Admins',
			description: 'Domain administrators',
			email: '',
			membershipMethod: 'STATIC',
			attributes: {
				sudo: { enabled: true, withoutPassword: false },
				factorialJumpCloudSync: { team: 'IT Team', how: 'mapped', at: expect.any(String) },
			},
		});
		expect(json[0]).toMatchObject({ groupId: G3, team: 'IT Team', mapped: true });
	});

	it('refuses a group picked by name, and a team that already has a group', async () => {
		await expect(
			runNode({
				resource: 'userGroup',
				operation: 'mapTeam',
				group: byMode('name', 'IT Admins'),
				team: 'x',
			}),
		).rejects.toThrow(/must pick the group from the list or by ID/);
		nock(BASE).get(`/api/v2/usergroups/${G3}`).reply(200, ADMINS);
		groupList([owned(G1, 'Sales', 'Sales'), ADMINS]);
		await expect(
			runNode({ resource: 'userGroup', operation: 'mapTeam', group: byId(G3), team: 'Sales' }),
		).rejects.toThrow(
			`The Factorial team "Sales" already has a JumpCloud user group: "Sales" (${G1})`,
		);
	});

	it('releases a group: the mark goes, the other attributes stay', async () => {
		const group = {
			...owned(G2, 'eng-all', 'Engineering', 'mapped'),
			description: 'Engineers',
		};
		(group.attributes as IDataObject).posixGroups = [{ id: 5001, name: 'eng' }];
		nock(BASE).get(`/api/v2/usergroups/${G2}`).reply(200, group);
		let put: IDataObject | undefined;
		nock(BASE)
			.put(`/api/v2/usergroups/${G2}`, (b: IDataObject) => ((put = b), true))
			.reply(200, {});
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'releaseTeam',
			group: byId(G2),
		});
		expect(put).toEqual({
			name: 'eng-all',
			description: 'Engineers',
			attributes: { posixGroups: [{ id: 5001, name: 'eng' }] },
		});
		expect(json[0]).toMatchObject({ released: true, team: 'Engineering', how: 'mapped' });
	});
});
