import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { enrichEmployee, simplifyEmployee } from '../../../lib/employee';
import { getFactorialContext } from '../../transport';
import { show } from '../../shared/descriptions';
import { getEnrichmentIndex } from '../../shared/lookups';

/** Simplify and the contract/teams option, shared by Get and Get Many. */
export function employeeOutputFields(operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			validateType: 'boolean',
			default: true,
			description:
				'Whether to return a simplified version of the response instead of the raw data: ID, first_name, last_name, full_name, work_email (Factorial email), company_identifier, active, terminated_on, termination_reason_type, manager_id, location_id',
			displayOptions: show('employee', [operation]),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show('employee', [operation]),
			options: [
				{
					displayName: 'Include Contract and Teams',
					name: 'includeContractAndTeams',
					type: 'boolean',
					validateType: 'boolean',
					default: false,
					description:
						'Whether to add job_title, start_date and contract_ends_on from the current contract version and team_ids/team_names. Contract versions, teams and memberships are listed once per execution, not per employee.',
				},
			],
		},
	];
}

export async function shapeEmployees(
	this: IExecuteFunctions,
	employees: IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const enrich = this.getNodeParameter(
		'options.includeContractAndTeams',
		itemIndex,
		false,
	) as boolean;
	let result = employees;
	if (enrich) {
		const index = await getEnrichmentIndex.call(this, itemIndex);
		result = result.map((employee) => enrichEmployee(employee, index) as IDataObject);
	}
	if (!simplify) return result;
	// The credential's Work Email Field decides what `work_email` is (one place for every consumer).
	const { workEmailSource } = await getFactorialContext.call(this);
	return result.map((employee) => simplifyEmployee(employee, workEmailSource) as IDataObject);
}

/** Optional employee fields shared by Create and Update (Factorial field names). */
export const commonEmployeeFields: INodeProperties[] = [
	{
		displayName: 'Birthday',
		name: 'birthday_on',
		type: 'dateTime',
		default: '',
		description: 'Date of birth (only the date is sent)',
	},
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{
		displayName: 'Company Identifier',
		name: 'company_identifier',
		type: 'string',
		default: '',
		description: 'Your internal employee number',
	},
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'e.g. es',
		description: 'ISO 3166-1 alpha-2 country code',
	},
	{
		displayName: 'Gender',
		name: 'gender',
		type: 'options',
		options: [
			{ name: 'Female', value: 'female' },
			{ name: 'Male', value: 'male' },
		],
		default: 'female',
	},
	{ displayName: 'Legal Entity ID', name: 'legal_entity_id', type: 'string', default: '' },
	{ displayName: 'Location ID', name: 'location_id', type: 'string', default: '' },
	{
		displayName: 'Manager ID',
		name: 'manager_id',
		type: 'string',
		default: '',
		description: 'Factorial ID of the direct manager',
	},
	{
		displayName: 'Nationality',
		name: 'nationality',
		type: 'string',
		default: '',
		placeholder: 'e.g. es',
		description: 'ISO 3166-1 alpha-2 country code',
	},
	{ displayName: 'Phone Number', name: 'phone_number', type: 'string', default: '' },
	{ displayName: 'Postal Code', name: 'postal_code', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'Time Off Manager ID', name: 'timeoff_manager_id', type: 'string', default: '' },
];

export const DATE_FIELDS = [
	'birthday_on',
	'contract_starts_on',
	'contract_effective_on',
	'ends_on',
];
