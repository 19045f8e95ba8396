import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { show } from '../../shared/descriptions';
import { compact } from '../../shared/params';
import { readCollection } from '../../../shared/params';

const displayOptions = show('team', ['create']);

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		displayOptions,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [{ displayName: 'Description', name: 'description', type: 'string', default: '' }],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter('name', itemIndex)).trim();
	const additional = compact(readCollection.call(this, description, 'additionalFields', itemIndex));
	// Not retried on 5xx: it could create the team twice.
	return await factorialApiRequest.call(
		this,
		'POST',
		'teams/teams',
		{ ...additional, name },
		undefined,
		{ itemIndex },
	);
}
