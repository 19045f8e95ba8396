import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { userLocator } from '../../shared/descriptions';
import {
	getAllGroups,
	getUserMemberships,
	readUserLocator,
	resolveUserId,
} from '../../shared/helpers';

const show = { resource: ['userGroup'], operation: ['getUserGroups'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User'), displayOptions: { show } },
	{
		displayName: 'Include Nested Groups',
		name: 'includeNested',
		type: 'boolean',
		validateType: 'boolean',
		default: true,
		description: 'Whether to include groups the user belongs to through another group',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const userRef = readUserLocator.call(this, i, 'user', 'User');
	const includeNested = this.getNodeParameter('includeNested', i, true) as boolean;
	const id = await resolveUserId.call(this, i, userRef, 'User');
	const memberships = (await getUserMemberships.call(this, i, id)).filter(
		(m) => includeNested || m.direct,
	);
	if (!memberships.length) return [];
	// Names come from one paginated read of all groups, not one request per group.
	const byId = new Map((await getAllGroups.call(this, i)).map((g) => [String(g.id), g]));
	return memberships.map((m) => {
		const group = byId.get(m.id);
		return {
			userId: id,
			groupId: m.id,
			groupName: group?.name ?? null,
			description: group?.description ?? null,
			direct: m.direct,
		};
	});
}
