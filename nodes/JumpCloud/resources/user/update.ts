import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { planUserUpdate } from '../../mapping';
import {
	employeeMappingFields,
	inputWithAuthority,
	readMappedInput,
	resolveManagerByEmployeeId,
} from '../../shared/employeeInput';
import {
	optionsCollection,
	simplifyOption,
	userFieldOptions,
	userLocator,
} from '../../shared/descriptions';
import {
	getUserById,
	invalid,
	outputUser,
	putUser,
	readUserInput,
	readUserLocator,
	resolveManager,
	resolveUserId,
	validateUser,
} from '../../shared/helpers';
import { readBoolean, readCollection } from '../../../shared/params';
import { readNodePolicy } from '../../shared/syncPolicy';

import { dryRunField } from '../../shared/dryRun';

const show = { resource: ['user'], operation: ['update'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Update'), displayOptions: { show } },
	...employeeMappingFields(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: userFieldOptions(true),
	},
	optionsCollection(show, [
		{
			displayName: 'Replace Lists',
			name: 'replaceLists',
			type: 'boolean',
			validateType: 'boolean',
			default: false,
			description:
				'Whether given phone numbers, addresses and custom attributes replace all existing ones instead of being merged into them',
		},
	]),
	{ ...simplifyOption, displayOptions: { show } },
	dryRunField(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator.call(this, i, 'user', 'User to Update');
	const fields = readCollection.call(this, description, 'updateFields', i);
	const mapped = readMappedInput(this, i, fields, undefined);
	const input = mapped?.input ?? readUserInput(fields);
	const options = readCollection.call(this, description, 'options', i);
	const simplify = readBoolean.call(this, 'simplify', true, i);
	validateUser.call(this, i, input, false);
	const given =
		Object.keys(input.strings).length +
		(input.managerEmail ? 1 : 0) +
		(input.phoneNumbers?.length ?? 0) +
		(input.addresses?.length ?? 0) +
		(input.attributes?.length ?? 0);
	if (!given)
		throw invalid.call(this, i, 'Update Fields', 'is empty', 'Add at least one field to change.');

	await resolveManagerByEmployeeId(this, i, mapped);
	await resolveManager.call(this, i, input);
	const id = await resolveUserId.call(this, i, locator, 'User to Update');
	// Read-merge-write: JumpCloud replaces list fields whole, so merge into what is there now.
	const current = await getUserById.call(this, i, id);
	// The sync policy's attribute authority (only with Map From → A Factorial Employee Item).
	const policy = mapped ? (await readNodePolicy(this, i))?.authority : undefined;
	const allowed = mapped ? inputWithAuthority(mapped, input, policy, 'update') : input;
	const plan = planUserUpdate(current, allowed, options.replaceLists === true);
	if (!plan.changedFields.length)
		return outputUser(current, simplify, { updated: false, unchanged: true });
	const updated = await putUser.call(this, i, id, plan.body as IDataObject);
	return outputUser(updated, simplify, {
		updated: true,
		unchanged: false,
		changedFields: plan.changedFields,
	});
}
