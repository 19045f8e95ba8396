import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { show } from '../../shared/descriptions';
import { getCompanyId } from '../../shared/lookups';
import { assertEmail, compact, toDate } from '../../shared/params';
import { DATE_FIELDS, commonEmployeeFields } from './shared';
import { readCollection } from '../../../shared/params';

const displayOptions = show('employee', ['create']);

export const description: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		displayOptions,
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		displayOptions,
	},
	{
		displayName: 'Work Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. nathan@example.com',
		required: true,
		default: '',
		description:
			"Sent as Factorial's email field: the address the employee is invited and signs in with",
		displayOptions,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: (
			[
				...commonEmployeeFields,
				// The create endpoint spells this one without the underscore before 1 (spec quirk).
				{ displayName: 'Address Line 1', name: 'address_line1', type: 'string', default: '' },
				{ displayName: 'Address Line 2', name: 'address_line_2', type: 'string', default: '' },
				{
					displayName: 'Contract Effective On',
					name: 'contract_effective_on',
					type: 'dateTime',
					default: '',
					description: 'Date the first contract version takes effect',
				},
				{ displayName: 'Contract Ends On', name: 'ends_on', type: 'dateTime', default: '' },
				{
					displayName: 'Contract Starts On',
					name: 'contract_starts_on',
					type: 'dateTime',
					default: '',
					description: 'Hire date of the contract',
				},
				{
					displayName: 'Seniority Calculation Date',
					name: 'seniority_calculation_date',
					type: 'dateTime',
					default: '',
				},
				{
					displayName: 'Team ID',
					name: 'team_id',
					type: 'string',
					default: '',
					description: 'Team the employee joins on creation',
				},
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const email = assertEmail.call(
		this,
		this.getNodeParameter('email', itemIndex),
		'Work Email',
		itemIndex,
	);
	const additional = compact(readCollection.call(this, description, 'additionalFields', itemIndex));
	for (const field of [...DATE_FIELDS, 'seniority_calculation_date']) {
		if (additional[field] !== undefined)
			additional[field] = toDate.call(this, additional[field], field, itemIndex);
	}
	const body: IDataObject = {
		...additional,
		first_name: String(this.getNodeParameter('firstName', itemIndex)).trim(),
		last_name: String(this.getNodeParameter('lastName', itemIndex)).trim(),
		email,
		company_id: await getCompanyId.call(this, itemIndex),
	};
	// Not retried on 5xx: a second create_with_contract would create a second employee.
	return await factorialApiRequest.call(
		this,
		'POST',
		'employees/employees/create_with_contract',
		body,
		undefined,
		{
			itemIndex,
		},
	);
}
