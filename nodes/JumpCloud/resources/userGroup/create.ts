import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isValidEmail } from '../../../lib/email';
import { findGroupByName, forgetGroups, getAllGroups, invalid } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
import { readCollection, readText } from '../../../shared/params';

const show = { resource: ['userGroup'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Engineering',
		displayOptions: { show },
	},
	{
		displayName: 'If a Group With This Name Exists',
		name: 'ifExists',
		type: 'options',
		options: [
			{ name: 'Fail', value: 'fail' },
			{ name: 'Return the Existing Group', value: 'returnExisting' },
		],
		default: 'fail',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'e.g. All engineers',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. engineering@example.com',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const name = readText.call(this, 'name', 'Name', '', i).trim();
	const ifExists = readText.call(this, 'ifExists', 'If a Group With This Name Exists', 'fail', i);
	const fields = readCollection.call(this, description, 'additionalFields', i);
	if (!name) throw invalid.call(this, i, 'Name', 'is empty');
	if (fields.email && !isValidEmail(String(fields.email)))
		throw invalid.call(this, i, 'Email', `"${String(fields.email)}" is not a valid email address`);

	const existing = findGroupByName(await getAllGroups.call(this, i), name);
	if (existing.length) {
		if (ifExists === 'returnExisting' && existing.length === 1)
			return { ...existing[0], created: false, alreadyExisted: true };
		throw new NodeOperationError(
			this.getNode(),
			`A JumpCloud user group named "${name}" already exists (${String(existing[0].id)}) [item ${i}]`,
			{
				itemIndex: i,
				description:
					"Choose another name, or set 'If a Group With This Name Exists' to 'Return the Existing Group'.",
			},
		);
	}
	const body: IDataObject = { name };
	if (fields.description) body.description = fields.description;
	if (fields.email) body.email = fields.email;
	// Not idempotent: a resent POST /v2/usergroups could create a second group of the same name.
	const group = (await jumpCloudApiRequest.call(this, 'POST', '/v2/usergroups', body, undefined, {
		itemIndex: i,
		idempotent: false,
	})) as IDataObject;
	forgetGroups.call(this);
	return { ...group, created: true, alreadyExisted: false };
}
