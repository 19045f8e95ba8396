import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withOwnership } from '../../../lib/groupOwnership';
import { groupsNamedLike, ownedTeamGroups, teamGroupIndex } from '../../../lib/teamGroups';
import { userLocator } from '../../shared/descriptions';
import {
	forgetGroups,
	getAllGroups,
	getUserMemberships,
	readUserLocator,
	resolveUserId,
} from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
import { readBoolean, invalidParameter } from '../../../shared/params';
import { changeMembership } from './membership';
import { dryRunField } from '../../shared/dryRun';

const show = { resource: ['userGroup'], operation: ['setTeamGroups'] };

/**
 * The safe team move (Joiner, Mover): the user ends up in exactly the groups the sync owns for its
 * teams (nodes/lib/teamGroups.ts) and in no other owned group. Groups without the sync's mark are never
 * touched, whatever their name; a comma is part of a team name.
 */
export const description: INodeProperties[] = [
	{ ...userLocator('User'), displayOptions: { show } },
	{
		displayName: 'Team Names',
		name: 'teams',
		type: 'json',
		default: '={{ $json.team_names ?? [] }}',
		description:
			"The employee's Factorial team names as a list (e.g. the Factorial item's team_names). Each entry is one team, commas included. Only groups the sync created or an admin mapped to a team (User Group → Map to Factorial Team) are used.",
		displayOptions: { show },
	},
	{
		displayName: 'Create Missing Team Groups',
		name: 'createMissing',
		type: 'boolean',
		validateType: 'boolean',
		default: true,
		description:
			'Whether to create a group for a team no group is mapped to (named like the team and marked as created by the sync). Never when a group of that name exists: that one is reported instead.',
		displayOptions: { show },
	},
	dryRunField(show),
];

/** The team names: a list (each entry one team), JSON text of a list, or one team name as text. */
function readTeams(this: IExecuteFunctions, i: number): string[] {
	let value = this.getNodeParameter('teams', i, []) as unknown;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed.startsWith('[')) {
			try {
				value = JSON.parse(trimmed) as unknown;
			} catch {
				throw invalidParameter.call(this, 'Team Names', 'is not a valid JSON list', i);
			}
		} else value = trimmed === '' ? [] : [trimmed];
	}
	if (value === null || value === undefined) return [];
	if (!Array.isArray(value) || value.some((t) => typeof t !== 'string'))
		throw invalidParameter.call(this, 'Team Names', 'must be a list of team names (text)', i);
	return [...new Set((value as string[]).map((t) => t.trim()).filter((t) => t !== ''))];
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const userRef = readUserLocator.call(this, i, 'user', 'User');
	const teams = readTeams.call(this, i);
	const createMissing = readBoolean.call(this, 'createMissing', true, i);

	let groups = await getAllGroups.call(this, i);
	const index = teamGroupIndex(groups, teams);
	const wanted = new Map([...index.byTeam.values()].map((g) => [g.id, g.name]));
	const teamsWithoutGroup: IDataObject[] = [];
	const createdGroups: string[] = [];
	for (const skip of index.skipped) {
		const sameName = groupsNamedLike(groups, skip.team);
		if (skip.kind !== 'missing' || !createMissing || sameName.length) {
			teamsWithoutGroup.push({
				team: skip.team,
				reason:
					skip.kind === 'missing' && sameName.length
						? `JumpCloud user group "${sameName[0].name}" (${sameName[0].id}) has this name but the sync owns it for another team; no second group of that name is created`
						: skip.kind === 'missing'
							? 'no JumpCloud user group is mapped to this team (Create Missing Team Groups is off)'
							: skip.reason,
				...(skip.group ? { groupId: skip.group.id, groupName: skip.group.name } : {}),
			});
			continue;
		}
		// Not idempotent (a resend could make a second group): sent once. The mark makes it the team's.
		const group = (await jumpCloudApiRequest.call(
			this,
			'POST',
			'/v2/usergroups',
			{
				name: skip.team,
				attributes: withOwnership(undefined, {
					team: skip.team,
					how: 'created',
					at: new Date().toISOString(),
				}),
			},
			undefined,
			{ itemIndex: i, idempotent: false },
		)) as IDataObject;
		forgetGroups.call(this);
		groups = [...groups, group];
		wanted.set(String(group.id), String(group.name ?? skip.team));
		createdGroups.push(String(group.name ?? skip.team));
	}

	// The managed set: every group the sync owns, for any team (the user leaves its old teams' groups).
	const owned = new Map(ownedTeamGroups(groups).map((g) => [g.id, g.name]));
	for (const [id, name] of wanted) owned.set(id, name);
	const id = await resolveUserId.call(this, i, userRef, 'User');
	const current = (await getUserMemberships.call(this, i, id))
		.filter((m) => m.direct && owned.has(m.id))
		.map((m) => m.id);
	const remove = current.filter((g) => !wanted.has(g));
	const add = [...wanted.keys()].filter((g) => !current.includes(g));
	const unchanged = current.filter((g) => wanted.has(g));
	const nameOf = (gid: string) => owned.get(gid) ?? gid;
	const added: string[] = [];
	const removed: string[] = [];
	for (const gid of remove)
		if ((await changeMembership(this, i, gid, id, 'remove')) === 'changed')
			removed.push(nameOf(gid));
	for (const gid of add)
		if ((await changeMembership(this, i, gid, id, 'add')) === 'changed') added.push(nameOf(gid));
	return {
		userId: id,
		teams,
		added,
		removed,
		unchanged: unchanged.map(nameOf),
		changed: added.length + removed.length + createdGroups.length > 0,
		...(createdGroups.length ? { createdGroups } : {}),
		...(teamsWithoutGroup.length ? { teamsWithoutGroup } : {}),
	};
}
