import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { userLocator } from '../../shared/descriptions';
import { readUserLocator, resolveUserId } from '../../shared/helpers';
import { jumpCloudApiRequestAllItems } from '../../transport';

const show = { resource: ['userState'], operation: ['getScheduled'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User'), displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const locator = readUserLocator.call(this, i, 'user', 'User');
	const id = await resolveUserId.call(this, i, locator, 'User');
	return await jumpCloudApiRequestAllItems.call(
		this,
		'GET',
		'/v2/bulk/userstates',
		undefined,
		{ userid: id },
		undefined,
		{
			itemIndex: i,
		},
	);
}
