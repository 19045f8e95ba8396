import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequestAllItems } from '../../transport';
import { paginationFields, readCollection, readLimit, show, toDate, toList } from '../common';

export const description: INodeProperties[] = [
	...paginationFields('customFieldValue'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('customFieldValue', ['getAll']),
		options: [
			{ displayName: 'Employee IDs', name: 'employeeIds', type: 'string', default: '', description: 'Comma-separated employee IDs' },
			{ displayName: 'Field ID', name: 'fieldId', type: 'string', default: '', description: 'Only values of this custom field' },
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: 'Only values updated on or after this day',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = readCollection.call(this, description, 'filters', itemIndex);
	const qs: IDataObject = {};
	if (toList(filters.employeeIds).length) qs.employee_ids = toList(filters.employeeIds);
	if (String(filters.fieldId ?? '').trim()) qs.field_id = String(filters.fieldId).trim();
	if (filters.updatedSince) qs.updated_at_gteq = toDate.call(this, filters.updatedSince, 'Updated Since', itemIndex);
	return await factorialApiRequestAllItems.call(this, 'GET', 'custom_fields/values', qs, readLimit.call(this, itemIndex), {
		itemIndex,
	});
}
