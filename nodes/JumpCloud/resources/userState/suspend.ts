import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOption, userLocator } from '../../shared/descriptions';
import { outputUser, readUserLocator, userId } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
import { currentUser, stateOf, suspendBody } from './shared';

const show = { resource: ['userState'], operation: ['suspend'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Suspend'), displayOptions: { show } },
	{ ...simplifyOption, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	readUserLocator.call(this, i, 'user', 'User to Suspend');
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const user = await currentUser(this, i, 'User to Suspend');
	// Already suspended by someone else: no mark is written, so that suspension is never the sync's to lift.
	if (stateOf(user) === 'SUSPENDED')
		return outputUser(user, simplify, { suspended: true, unchanged: true });
	const updated = (await jumpCloudApiRequest.call(
		this,
		'PUT',
		`/systemusers/${encodeURIComponent(userId(user))}`,
		suspendBody(user, Date.now()),
		undefined,
		{ itemIndex: i },
	)) as IDataObject;
	return outputUser(updated, simplify, { suspended: true, unchanged: false });
}
