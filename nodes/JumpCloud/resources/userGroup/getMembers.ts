import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginationFields } from '../../../shared/descriptions';
import { groupLocator, optionsCollection, simplifyOption } from '../../shared/descriptions';
import { getUserById, outputUser, readGroupLocator, resolveGroup } from '../../shared/helpers';
import { jumpCloudApiRequestAllItems } from '../../transport';
import { readBoolean, readCollection, readLimit } from '../../../shared/params';

const show = { resource: ['userGroup'], operation: ['getMembers'] };

export const description: INodeProperties[] = [
	{ ...groupLocator('Group'), displayOptions: { show } },
	...paginationFields(show),
	optionsCollection(show, [
		{
			displayName: 'Include Nested Members',
			name: 'includeNested',
			type: 'boolean',
			validateType: 'boolean',
			default: false,
			description: 'Whether to include users who are members through a nested group',
		},
		{
			displayName: 'Include User Details',
			name: 'includeDetails',
			type: 'boolean',
			validateType: 'boolean',
			default: false,
			description: "Whether to fetch each member's user record (one request per member)",
		},
	]),
	{ ...simplifyOption, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const groupRef = readGroupLocator.call(this, i, 'group', 'Group');
	const limit = readLimit.call(this, i);
	const options = readCollection.call(this, description, 'options', i);
	const simplify = readBoolean.call(this, 'simplify', true, i);
	const group = await resolveGroup.call(this, i, groupRef, 'Group');
	const nested = options.includeNested === true;
	const path = `/v2/usergroups/${encodeURIComponent(group.id)}/${nested ? 'membership' : 'members'}`;
	const edges = await jumpCloudApiRequestAllItems.call(this, 'GET', path, undefined, {}, limit, {
		itemIndex: i,
	});
	const members = edges
		.map((e) => {
			const to = (e.to ?? e) as IDataObject;
			return { id: String(to.id), type: String(to.type ?? 'user') };
		})
		.filter((m) => m.type === 'user');
	if (!options.includeDetails) return members.map((m) => ({ userId: m.id, groupId: group.id }));
	const out: IDataObject[] = [];
	for (const m of members)
		out.push(outputUser(await getUserById.call(this, i, m.id), simplify, { groupId: group.id }));
	return out;
}
