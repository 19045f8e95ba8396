import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { employeeIdsFilter, listFields } from '../../shared/descriptions';
import { getAllPages } from '../../shared/operations';
import { toDate, toList } from '../../shared/params';
import { readCollection } from '../../../shared/params';

export const description: INodeProperties[] = [
	...listFields('customFieldValue', [
		employeeIdsFilter(),
		{
			displayName: 'Field ID',
			name: 'fieldId',
			type: 'string',
			default: '',
			description: 'Only values of this custom field',
		},
		{
			displayName: 'Updated Since',
			name: 'updatedSince',
			type: 'dateTime',
			default: '',
			description: 'Only values updated on or after this day',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = readCollection.call(this, description, 'filters', itemIndex);
	const qs: IDataObject = {};
	if (toList(filters.employeeIds).length) qs.employee_ids = toList(filters.employeeIds);
	if (String(filters.fieldId ?? '').trim()) qs.field_id = String(filters.fieldId).trim();
	if (filters.updatedSince)
		qs.updated_at_gteq = toDate.call(this, filters.updatedSince, 'Updated Since', itemIndex);
	return await getAllPages.call(this, itemIndex, 'custom_fields/values', qs);
}
