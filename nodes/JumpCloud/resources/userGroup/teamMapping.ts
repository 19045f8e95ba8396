import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { groupOwnership, withOwnership, withoutOwnership } from '../../../lib/groupOwnership';
import { ownedTeamGroups } from '../../../lib/teamGroups';
import { forgetGroups, getAllGroups, invalid, readGroupLocator } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
import { readText } from '../../../shared/params';

/**
 * Map to Factorial Team / Release From Factorial Team: the admin's choice of a team's group, recorded
 * ON the group in JumpCloud (the sync's mark in its `attributes`, nodes/lib/groupOwnership.ts), so every
 * workflow and the nightly see the same mapping. The group is picked by ID, never by name: a name is
 * what a Factorial team could imitate.
 */

/** A group picked from the list or by ID (no By Name mode). */
export function groupByIdLocator(
	displayName: string,
	show: Record<string, string[]>,
): INodeProperties {
	return {
		displayName,
		name: 'group',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchGroups', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6026da081f24755306c2ee0d',
			},
		],
		displayOptions: { show },
	};
}

/** The fields of UserGroupPut (JumpCloud V2 spec) a group read back may carry; PUT replaces the group. */
const PUT_FIELDS = [
	'name',
	'description',
	'email',
	'membershipMethod',
	'memberQuery',
	'memberQueryExemptions',
	'memberSuggestionsNotify',
] as const;

/** Reads the group by ID (a locator in name mode is refused). */
async function readGroup(
	ctx: IExecuteFunctions,
	i: number,
	label: string,
): Promise<{ id: string; group: IDataObject }> {
	const { mode, value } = readGroupLocator.call(ctx, i, 'group', label);
	if (mode !== 'id' && mode !== 'list')
		throw invalid.call(
			ctx,
			i,
			label,
			'must pick the group from the list or by ID',
			'A name could be imitated by a Factorial team; pick the group itself.',
		);
	const group = (await jumpCloudApiRequest.call(
		ctx,
		'GET',
		`/v2/usergroups/${encodeURIComponent(value)}`,
		undefined,
		undefined,
		{ itemIndex: i },
	)) as IDataObject;
	return { id: value, group };
}

/** PUT the whole group back with new `attributes`, its other fields as read. */
async function putAttributes(
	ctx: IExecuteFunctions,
	i: number,
	id: string,
	group: IDataObject,
	attributes: Record<string, unknown>,
): Promise<IDataObject> {
	const body: IDataObject = { attributes: attributes as IDataObject };
	for (const field of PUT_FIELDS)
		if (group[field] !== undefined && group[field] !== null) body[field] = group[field];
	// Same body twice ends in the same group: safe to retry.
	const result = (await jumpCloudApiRequest.call(
		ctx,
		'PUT',
		`/v2/usergroups/${encodeURIComponent(id)}`,
		body,
		undefined,
		{ itemIndex: i, idempotent: true },
	)) as IDataObject;
	forgetGroups.call(ctx);
	return result;
}

const mapShow = { resource: ['userGroup'], operation: ['mapTeam'] };
const releaseShow = { resource: ['userGroup'], operation: ['releaseTeam'] };

export const description: INodeProperties[] = [
	groupByIdLocator('Group', mapShow),
	{
		displayName: 'Factorial Team Name',
		name: 'team',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Marketing',
		description:
			'The team exactly as Factorial names it; its members are put in this group by the Joiner, Mover and nightly',
		displayOptions: { show: mapShow },
	},
	groupByIdLocator('Group', releaseShow),
];

export const mapTeam = {
	description: [] as INodeProperties[],
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const team = readText.call(this, 'team', 'Factorial Team Name', '', i).trim();
		if (!team) throw invalid.call(this, i, 'Factorial Team Name', 'is empty');
		const { id, group } = await readGroup(this, i, 'Group');
		const mark = groupOwnership(group);
		const out = { groupId: id, groupName: String(group.name ?? ''), team };
		if (mark && mark.team.trim() === team) return { ...out, mapped: false, alreadyMapped: true };
		if (mark)
			throw new NodeOperationError(
				this.getNode(),
				`JumpCloud user group "${String(group.name)}" is already the group of the Factorial team "${mark.team}" [item ${i}]`,
				{
					itemIndex: i,
					description: 'Release it first (User Group → Release From Factorial Team).',
				},
			);
		const other = ownedTeamGroups(await getAllGroups.call(this, i)).find(
			(g) => g.team === team && g.id !== id,
		);
		if (other)
			throw new NodeOperationError(
				this.getNode(),
				`The Factorial team "${team}" already has a JumpCloud user group: "${other.name}" (${other.id}) [item ${i}]`,
				{
					itemIndex: i,
					description:
						'A team has one group. Release that one first (User Group → Release From Factorial Team).',
				},
			);
		const attributes = withOwnership(group.attributes, {
			team,
			how: 'mapped',
			at: new Date().toISOString(),
		});
		await putAttributes(this, i, id, group, attributes);
		return { ...out, mapped: true, alreadyMapped: false };
	},
};

export const releaseTeam = {
	description: [] as INodeProperties[],
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const { id, group } = await readGroup(this, i, 'Group');
		const mark = groupOwnership(group);
		const out = { groupId: id, groupName: String(group.name ?? '') };
		if (!mark) return { ...out, released: false, wasMapped: false };
		await putAttributes(this, i, id, group, withoutOwnership(group.attributes));
		// Members stay: releasing only stops the sync from touching the group.
		return { ...out, team: mark.team, how: mark.how, released: true, wasMapped: true };
	},
};
