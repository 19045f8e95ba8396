import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequestAllItems } from '../../transport';
import { paginationFields, readCollection, readLimit, show, toList } from '../common';

export const description: INodeProperties[] = [
	...paginationFields('teamMembership'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show('teamMembership', ['getAll']),
		options: [
			{ displayName: 'Employee IDs', name: 'employeeIds', type: 'string', default: '', description: 'Comma-separated employee IDs' },
			{
				displayName: 'Only Leads',
				name: 'lead',
				type: 'boolean',
				default: false,
				description: 'Whether to return only memberships of team leads',
			},
			{ displayName: 'Team IDs', name: 'teamIds', type: 'string', default: '', description: 'Comma-separated team IDs' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = readCollection.call(this, description, 'filters', itemIndex);
	const qs: IDataObject = {};
	if (toList(filters.teamIds).length) qs.team_ids = toList(filters.teamIds);
	if (toList(filters.employeeIds).length) qs.employee_ids = toList(filters.employeeIds);
	if (filters.lead === true) qs.lead = true;
	return await factorialApiRequestAllItems.call(this, 'GET', 'teams/memberships', qs, readLimit.call(this, itemIndex), {
		itemIndex,
	});
}
