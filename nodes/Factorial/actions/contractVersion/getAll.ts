import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequestAllItems } from '../../transport';
import { paginationFields, readCollection, readLimit, show, toDate, toList } from '../common';

export const description: INodeProperties[] = [
	...paginationFields('contractVersion'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('contractVersion', ['getAll']),
		options: [
			{
				displayName: 'Effective On or Before',
				name: 'date',
				type: 'dateTime',
				default: '',
				description: 'Only versions that took effect on or before this day',
			},
			{ displayName: 'Employee IDs', name: 'employeeIds', type: 'string', default: '', description: 'Comma-separated employee IDs' },
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: 'Only versions updated on or after this day',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = readCollection.call(this, description, 'filters', itemIndex);
	const qs: IDataObject = {};
	if (toList(filters.employeeIds).length) qs.employee_ids = toList(filters.employeeIds);
	if (filters.date) qs.date = toDate.call(this, filters.date, 'Effective On or Before', itemIndex);
	if (filters.updatedSince) qs.updated_at_gteq = toDate.call(this, filters.updatedSince, 'Updated Since', itemIndex);
	return await factorialApiRequestAllItems.call(
		this,
		'GET',
		'contracts/contract_versions',
		qs,
		readLimit.call(this, itemIndex),
		{ itemIndex },
	);
}
