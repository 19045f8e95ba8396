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

const show = { resource: ['userGroup'], operation: ['removeMember'] };

export const description: INodeProperties[] = [
	{ ...groupLocator('Group'), displayOptions: { show } },
	{ ...userLocator('User to Remove'), displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupRef = readGroupLocator.call(this, i, 'group', 'Group');
	const userRef = readUserLocator.call(this, i, 'user', 'User to Remove');
	const group = await resolveGroup.call(this, i, groupRef, 'Group');
	const id = await resolveUserId.call(this, i, userRef, 'User to Remove');
	const memberships = await getUserMemberships.call(this, i, id);
	const member = memberships.some((m) => m.id === group.id && m.direct);
	const result = member ? await changeMembership(this, i, group.id, id, 'remove') : 'unchanged';
	return {
		groupId: group.id,
		...(group.name ? { groupName: group.name } : {}),
		userId: id,
		removed: result === 'changed',
		wasNotMember: result === 'unchanged',
	};
}
