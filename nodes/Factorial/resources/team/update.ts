import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { locator, show, updateFieldsProperty } from '../../shared/descriptions';
import { readId, readUpdateFields } from '../../shared/params';

const displayOptions = show('team', ['update']);

export const description: INodeProperties[] = [
	locator('team', 'team', 'Team to Update', displayOptions),
	updateFieldsProperty(displayOptions, [
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readId.call(this, 'team', 'Team to Update', itemIndex);
	const fields = readUpdateFields.call(this, description, itemIndex);
	return await factorialApiRequest.call(
		this,
		'PUT',
		`teams/teams/${encodeURIComponent(id)}`,
		{ ...fields, id },
		undefined,
		{
			itemIndex,
		},
	);
}
