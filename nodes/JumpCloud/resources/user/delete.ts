import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, userLocator } from '../../shared/descriptions';
import { readUserLocator, resolveUserId } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
import { readCollection } from '../../../shared/params';

const show = { resource: ['user'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Delete'), displayOptions: { show } },
	optionsCollection(show, [
		{
			displayName: 'Clear Manager of Direct Reports',
			name: 'cascadeManager',
			type: 'boolean',
			validateType: 'boolean',
			default: false,
			description:
				'Whether to clear the Manager field of users who report to this user (JumpCloud refuses to delete a manager otherwise)',
		},
	]),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator.call(this, i, 'user', 'User to Delete');
	const options = readCollection.call(this, description, 'options', i);
	const id = await resolveUserId.call(this, i, locator, 'User to Delete');
	const qs = options.cascadeManager ? { cascade_manager: 'null' } : undefined;
	await jumpCloudApiRequest.call(
		this,
		'DELETE',
		`/systemusers/${encodeURIComponent(id)}`,
		undefined,
		qs,
		{ itemIndex: i },
	);
	return { deleted: true, id };
}
