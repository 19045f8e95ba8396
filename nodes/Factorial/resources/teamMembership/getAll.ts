import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { employeeIdsFilter, listFields } from '../../shared/descriptions';
import { getAllPages } from '../../shared/operations';
import { toList } from '../../shared/params';
import { readCollection } from '../../../shared/params';

export const description: INodeProperties[] = [
	...listFields('teamMembership', [
		employeeIdsFilter(),
		{
			displayName: 'Only Leads',
			name: 'lead',
			type: 'boolean',
			validateType: 'boolean',
			default: false,
			description: 'Whether to return only memberships of team leads',
		},
		{
			displayName: 'Team IDs',
			name: 'teamIds',
			type: 'string',
			default: '',
			description: 'Comma-separated team IDs',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = readCollection.call(this, description, 'filters', itemIndex);
	const qs: IDataObject = {};
	if (toList(filters.teamIds).length) qs.team_ids = toList(filters.teamIds);
	if (toList(filters.employeeIds).length) qs.employee_ids = toList(filters.employeeIds);
	if (filters.lead === true) qs.lead = true;
	return await getAllPages.call(this, itemIndex, 'teams/memberships', qs);
}
