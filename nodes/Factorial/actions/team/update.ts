import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { compact, locator, readCollection, readId, show } from '../common';

const displayOptions = show('team', ['update']);

export const description: INodeProperties[] = [
	locator('team', 'team', 'Team to Update', displayOptions),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readId.call(this, 'team', 'Team to Update', itemIndex);
	const fields = compact(readCollection.call(this, description, 'updateFields', itemIndex));
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(this.getNode(), `No fields to update: 'Update Fields' is empty [item ${itemIndex}]`, {
			itemIndex,
			description: "Add at least one field under 'Update Fields'",
		});
	}
	return await factorialApiRequest.call(this, 'PUT', `teams/teams/${encodeURIComponent(id)}`, { ...fields, id }, undefined, {
		itemIndex,
	});
}
