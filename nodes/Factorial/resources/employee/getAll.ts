import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listFields } from '../../shared/descriptions';
import { getAllPages } from '../../shared/operations';
import { assertEmail, toDate, toList } from '../../shared/params';
import { readCollection } from '../../../shared/params';
import { employeeOutputFields, shapeEmployees } from './shared';

export const description: INodeProperties[] = [
	...listFields('employee', [
		{
			displayName: 'Company Identifier',
			name: 'companyIdentifier',
			type: 'string',
			default: '',
			description: 'Internal employee number, exact match',
		},
		{
			displayName: 'Emails',
			name: 'emails',
			type: 'string',
			default: '',
			placeholder: 'e.g. ana@example.com, bob@example.com',
			description: 'Comma-separated work emails (Factorial email field)',
		},
		{
			displayName: 'Employee IDs',
			name: 'ids',
			type: 'string',
			default: '',
			placeholder: 'e.g. 12, 15',
			description: 'Comma-separated Factorial employee IDs',
		},
		{
			displayName: 'Legal Entity IDs',
			name: 'legalEntityIds',
			type: 'string',
			default: '',
			description: 'Comma-separated legal entity IDs',
		},
		{
			displayName: 'Location IDs',
			name: 'locationIds',
			type: 'string',
			default: '',
			description: 'Comma-separated location IDs',
		},
		{
			displayName: 'Name Starts With',
			name: 'nameStartsWith',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Only Active',
			name: 'onlyActive',
			type: 'boolean',
			validateType: 'boolean',
			default: false,
			description: 'Whether to return only employees not terminated as of today',
		},
		{
			displayName: 'Only Managers',
			name: 'onlyManagers',
			type: 'boolean',
			validateType: 'boolean',
			default: false,
			description: 'Whether to return only employees with at least one direct report',
		},
		{
			displayName: 'Team IDs',
			name: 'teamIds',
			type: 'string',
			default: '',
			description: 'Comma-separated team IDs',
		},
		{
			displayName: 'Updated Since',
			name: 'updatedSince',
			type: 'dateTime',
			default: '',
			description: 'Only employees updated on or after this day (Factorial compares dates only)',
		},
	]),
	...employeeOutputFields('getAll'),
];

/** Maps the UI filters to Factorial's query parameters (arrays go out as ids[]=1&ids[]=2). */
export function buildEmployeeQuery(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): IDataObject {
	const qs: IDataObject = {};
	const lists: Array<[string, string]> = [
		['ids', 'ids'],
		['teamIds', 'team_ids'],
		['locationIds', 'location_ids'],
		['legalEntityIds', 'legal_entity_ids'],
	];
	for (const [from, to] of lists) {
		const values = toList(filters[from]);
		if (values.length) qs[to] = values;
	}
	const emails = toList(filters.emails).map((email) =>
		assertEmail.call(this, email, 'Filters > Emails', itemIndex),
	);
	if (emails.length) qs.emails = emails;
	// false has no effect in Factorial, so only true is sent.
	if (filters.onlyActive === true) qs.only_active = true;
	if (filters.onlyManagers === true) qs.only_managers = true;
	if (filters.updatedSince)
		qs.updated_at_gteq = toDate.call(this, filters.updatedSince, 'Updated Since', itemIndex);
	if (String(filters.nameStartsWith ?? '').trim())
		qs.name_starts_with = String(filters.nameStartsWith).trim();
	if (String(filters.companyIdentifier ?? '').trim())
		qs.company_identifier = String(filters.companyIdentifier).trim();
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = readCollection.call(this, description, 'filters', itemIndex);
	const qs = buildEmployeeQuery.call(this, filters, itemIndex);
	const employees = await getAllPages.call(this, itemIndex, 'employees/employees', qs);
	return await shapeEmployees.call(this, employees, itemIndex);
}
