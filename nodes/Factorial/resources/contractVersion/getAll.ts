import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { employeeIdsFilter, listFields } from '../../shared/descriptions';
import { getAllPages } from '../../shared/operations';
import { toDate, toList } from '../../shared/params';
import { readCollection } from '../../../shared/params';

export const description: INodeProperties[] = [
	...listFields('contractVersion', [
		{
			displayName: 'Effective On or Before',
			name: 'date',
			type: 'dateTime',
			default: '',
			description: 'Only versions that took effect on or before this day',
		},
		employeeIdsFilter(),
		{
			displayName: 'Updated Since',
			name: 'updatedSince',
			type: 'dateTime',
			default: '',
			description: 'Only versions updated on or after this day',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = readCollection.call(this, description, 'filters', itemIndex);
	const qs: IDataObject = {};
	if (toList(filters.employeeIds).length) qs.employee_ids = toList(filters.employeeIds);
	if (filters.date) qs.date = toDate.call(this, filters.date, 'Effective On or Before', itemIndex);
	if (filters.updatedSince)
		qs.updated_at_gteq = toDate.call(this, filters.updatedSince, 'Updated Since', itemIndex);
	return await getAllPages.call(this, itemIndex, 'contracts/contract_versions', qs);
}
