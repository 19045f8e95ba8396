import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { planUserUpdate } from '../../mapping';
import { readCollection, readParam } from '../../shared/params';
import { simplifyOption, userFieldOptions, userLocator } from '../../shared/descriptions';
import {
	getUserById,
	invalid,
	outputUser,
	readUserInput,
	readUserLocator,
	resolveManager,
	resolveUserId,
	validateUser,
} from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';

const show = { resource: ['user'], operation: ['update'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Update'), displayOptions: { show } },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: userFieldOptions(true),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Replace Lists',
				name: 'replaceLists',
				type: 'boolean',
				default: false,
				description:
					'Whether given phone numbers, addresses and custom attributes replace all existing ones instead of being merged into them',
			},
		],
	},
	{ ...simplifyOption, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator(this, i, 'user', 'User to Update');
	const input = readUserInput(readCollection(this, i, description, 'updateFields'));
	const options = readCollection(this, i, description, 'options');
	const simplify = readParam(this, i, description, 'simplify', true);
	validateUser(this, i, input, false);
	const given =
		Object.keys(input.strings).length +
		(input.managerEmail ? 1 : 0) +
		(input.phoneNumbers?.length ?? 0) +
		(input.addresses?.length ?? 0) +
		(input.attributes?.length ?? 0);
	if (!given) invalid(this, i, 'Update Fields', 'is empty', 'Add at least one field to change.');

	await resolveManager(this, i, input);
	const id = await resolveUserId(this, i, locator, 'User to Update');
	// Read-merge-write: JumpCloud replaces list fields whole, so merge into what is there now.
	const current = await getUserById(this, i, id);
	const plan = planUserUpdate(current, input, options.replaceLists === true);
	if (!plan.changedFields.length) return outputUser(current, simplify, { updated: false, unchanged: true });
	const updated = (await jumpCloudApiRequest.call(this, 'PUT', `/systemusers/${encodeURIComponent(id)}`, plan.body as IDataObject, undefined, {
		itemIndex: i,
	})) as IDataObject;
	return outputUser(updated, simplify, { updated: true, unchanged: false, changedFields: plan.changedFields });
}
