import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { groupLocator, userLocator } from '../../shared/descriptions';
import {
	getUserMemberships,
	readGroupLocator,
	readUserLocator,
	resolveGroup,
	resolveUserId,
} from '../../shared/helpers';
import { changeMembership } from './membership';

const show = { resource: ['userGroup'], operation: ['addMember'] };

export const description: INodeProperties[] = [
	{ ...groupLocator('Group'), displayOptions: { show } },
	{ ...userLocator('User to Add'), displayOptions: { show } },
	{
		displayName: 'Create Group If Missing',
		name: 'createGroupIfMissing',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description: 'Whether to create the group when it is picked By Name and does not exist',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupRef = readGroupLocator.call(this, i, 'group', 'Group');
	const userRef = readUserLocator.call(this, i, 'user', 'User to Add');
	const create = this.getNodeParameter('createGroupIfMissing', i, false) as boolean;
	const group = await resolveGroup.call(this, i, groupRef, 'Group', create);
	const id = await resolveUserId.call(this, i, userRef, 'User to Add');
	const memberships = group.created ? [] : await getUserMemberships.call(this, i, id);
	const already = memberships.some((m) => m.id === group.id && m.direct);
	const result = already ? 'unchanged' : await changeMembership(this, i, group.id, id, 'add');
	return {
		groupId: group.id,
		...(group.name ? { groupName: group.name } : {}),
		userId: id,
		added: result === 'changed',
		alreadyMember: result === 'unchanged',
		groupCreated: group.created,
	};
}
