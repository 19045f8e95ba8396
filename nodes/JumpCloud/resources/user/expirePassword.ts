import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { userLocator } from '../../shared/descriptions';
import { readUserLocator, resolveUserId } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';

const expireShow = { resource: ['user'], operation: ['expirePassword'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User Whose Password to Expire'), displayOptions: { show: expireShow } },
];

function path(id: string, suffix = ''): string {
	return `/systemusers/${encodeURIComponent(id)}${suffix}`;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator.call(this, i, 'user', 'User Whose Password to Expire');
	const id = await resolveUserId.call(this, i, locator, 'User Whose Password to Expire');
	await jumpCloudApiRequest.call(this, 'POST', path(id, '/expire'), {}, undefined, {
		itemIndex: i,
		idempotent: true,
	});
	return { id, passwordExpired: true };
}
