import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginationFields } from '../../../shared/descriptions';
import { groupLocator, simplifyOption } from '../../shared/descriptions';
import { getUserById, outputUser, readGroupLocator, resolveGroup } from '../../shared/helpers';
import { readCollection, readLimit, readParam } from '../../shared/params';
import { jumpCloudApiRequestAllItems } from '../../transport';

const show = { resource: ['userGroup'], operation: ['getMembers'] };

export const description: INodeProperties[] = [
	{ ...groupLocator('Group'), displayOptions: { show } },
	...paginationFields(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include Nested Members',
				name: 'includeNested',
				type: 'boolean',
				default: false,
				description: 'Whether to include users who are members through a nested group',
			},
			{
				displayName: 'Include User Details',
				name: 'includeDetails',
				type: 'boolean',
				default: false,
				description: 'Whether to fetch each member\'s user record (one request per member)',
			},
		],
	},
	{ ...simplifyOption, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const groupRef = readGroupLocator(this, i, 'group', 'Group');
	const limit = readLimit(this, i, description);
	const options = readCollection(this, i, description, 'options');
	const simplify = readParam(this, i, description, 'simplify', true);
	const group = await resolveGroup(this, i, groupRef, 'Group');
	const nested = options.includeNested === true;
	const path = `/v2/usergroups/${encodeURIComponent(group.id)}/${nested ? 'membership' : 'members'}`;
	const edges = await jumpCloudApiRequestAllItems.call(this, 'GET', path, undefined, {}, limit, { itemIndex: i });
	const members = edges
		.map((e) => {
			const to = (e.to ?? e) as IDataObject;
			return { id: String(to.id), type: String(to.type ?? 'user') };
		})
		.filter((m) => m.type === 'user');
	if (!options.includeDetails) return members.map((m) => ({ userId: m.id, groupId: group.id }));
	const out: IDataObject[] = [];
	for (const m of members) out.push(outputUser(await getUserById(this, i, m.id), simplify, { groupId: group.id }));
	return out;
}
