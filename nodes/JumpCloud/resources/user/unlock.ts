import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { userLocator } from '../../shared/descriptions';
import { readUserLocator, resolveUserId } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';

const unlockShow = { resource: ['user'], operation: ['unlock'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Unlock'), displayOptions: { show: unlockShow } },
];

function path(id: string, suffix = ''): string {
	return `/systemusers/${encodeURIComponent(id)}${suffix}`;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator.call(this, i, 'user', 'User to Unlock');
	const id = await resolveUserId.call(this, i, locator, 'User to Unlock');
	// Unlocking twice leaves the same state, so a resend is safe.
	await jumpCloudApiRequest.call(this, 'POST', path(id, '/unlock'), {}, undefined, {
		itemIndex: i,
		idempotent: true,
	});
	return { id, unlocked: true };
}
