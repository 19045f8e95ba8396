import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { userLocator } from '../../shared/descriptions';
import { readUserLocator, resolveUserId } from '../../shared/helpers';
import { readCollection } from '../../shared/params';
import { jumpCloudApiRequest } from '../../transport';

const show = { resource: ['user'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Delete'), displayOptions: { show } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Clear Manager of Direct Reports',
				name: 'cascadeManager',
				type: 'boolean',
				default: false,
				description:
					'Whether to clear the Manager field of users who report to this user (JumpCloud refuses to delete a manager otherwise)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator(this, i, 'user', 'User to Delete');
	const options = readCollection(this, i, description, 'options');
	const id = await resolveUserId(this, i, locator, 'User to Delete');
	const qs = options.cascadeManager ? { cascade_manager: 'null' } : undefined;
	await jumpCloudApiRequest.call(this, 'DELETE', `/systemusers/${encodeURIComponent(id)}`, undefined, qs, { itemIndex: i });
	return { deleted: true, id };
}
