import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { locator, show, updateFieldsProperty } from '../../shared/descriptions';
import { assertEmail, readId, readUpdateFields, toDate } from '../../shared/params';
import { commonEmployeeFields } from './shared';

const displayOptions = show('employee', ['update']);

export const description: INodeProperties[] = [
	locator('employee', 'employee', 'Employee to Update', displayOptions),
	updateFieldsProperty(
		displayOptions,
		(
			[
				...commonEmployeeFields,
				{ displayName: 'Address Line 1', name: 'address_line_1', type: 'string', default: '' },
				{ displayName: 'Address Line 2', name: 'address_line_2', type: 'string', default: '' },
				{
					displayName: 'Communications Email',
					name: 'communications_email',
					type: 'string',
					placeholder: 'e.g. nathan@example.com',
					default: '',
					description: 'Where Factorial sends notifications (API version 2026-07-01 or newer)',
				},
				{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
				{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
				{
					displayName: 'Personal Email',
					name: 'personal_email',
					type: 'string',
					placeholder: 'e.g. nathan@example.com',
					default: '',
					description: 'Private address; never used as the work email',
				},
				{ displayName: 'Preferred Name', name: 'preferred_name', type: 'string', default: '' },
				{ displayName: 'Pronouns', name: 'pronouns', type: 'string', default: '' },
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		'The work (login) email cannot be changed through the Factorial API',
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readId.call(this, 'employee', 'Employee to Update', itemIndex);
	const fields = readUpdateFields.call(this, description, itemIndex);
	for (const [field, label] of [
		['personal_email', 'Personal Email'],
		['communications_email', 'Communications Email'],
	]) {
		if (fields[field] !== undefined)
			fields[field] = assertEmail.call(this, fields[field], label, itemIndex);
	}
	if (fields.birthday_on !== undefined)
		fields.birthday_on = toDate.call(this, fields.birthday_on, 'Birthday', itemIndex);
	// Factorial's PUT wants the id in the body as well as in the path. Repeating it is harmless.
	return await factorialApiRequest.call(
		this,
		'PUT',
		`employees/employees/${encodeURIComponent(id)}`,
		{ ...fields, id },
		undefined,
		{ itemIndex },
	);
}
