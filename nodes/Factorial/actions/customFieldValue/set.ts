import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { factorialApiRequest, factorialApiRequestAllItems } from '../../transport';
import { locator, readId, show, toDate } from '../common';

const displayOptions = show('customFieldValue', ['set']);

/**
 * Which column of a custom field value holds the value, per field type (factorial-api.md §4).
 * The create body `{ field_id, valuable_id, <column> }` is inferred from the value schema and not
 * confirmed against a live tenant; it lives here only.
 */
export const VALUE_COLUMNS = {
	text: 'value',
	longText: 'long_text_value',
	date: 'date_value',
	singleChoice: 'single_choice_value',
	cents: 'cents_value',
} as const;

export const description: INodeProperties[] = [
	locator('employee', 'employee', 'Employee', displayOptions),
	{
		displayName: 'Field ID',
		name: 'fieldId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234',
		description: 'Factorial ID of the custom field (see Custom Fields in Factorial settings)',
		displayOptions,
	},
	{
		displayName: 'Value Type',
		name: 'valueType',
		type: 'options',
		options: [
			{ name: 'Date', value: 'date' },
			{ name: 'Long Text', value: 'longText' },
			{ name: 'Money (Cents)', value: 'cents' },
			{ name: 'Single Choice', value: 'singleChoice' },
			{ name: 'Text', value: 'text' },
		],
		default: 'text',
		description: 'Type of the custom field; decides which Factorial column receives the value',
		displayOptions,
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		description: 'New value. Dates as YYYY-MM-DD, money as whole cents.',
		displayOptions,
	},
];

/** Updates the employee's existing value for the field, or creates it when there is none. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const employeeId = readId.call(this, 'employee', 'Employee', itemIndex);
	const fieldId = String(this.getNodeParameter('fieldId', itemIndex, '')).trim();
	if (!fieldId) {
		throw new NodeOperationError(this.getNode(), `'Field ID' is empty [item ${itemIndex}]`, {
			itemIndex,
			description: "Enter the custom field's Factorial ID in 'Field ID'",
		});
	}
	const valueType = this.getNodeParameter('valueType', itemIndex, 'text') as keyof typeof VALUE_COLUMNS;
	const raw = this.getNodeParameter('value', itemIndex, '') as unknown;
	let value: unknown = raw;
	if (valueType === 'date') value = toDate.call(this, raw, 'Value', itemIndex);
	if (valueType === 'cents') {
		value = Number(raw);
		if (!Number.isInteger(value)) {
			throw new NodeOperationError(this.getNode(), `'Value' is not a whole number of cents [item ${itemIndex}]`, {
				itemIndex,
				description: `Enter money as whole cents, e.g. 125000 for 1,250.00 (got '${String(raw)}')`,
			});
		}
	}
	const column = VALUE_COLUMNS[valueType] ?? VALUE_COLUMNS.text;

	const existing = (
		await factorialApiRequestAllItems.call(
			this,
			'GET',
			'custom_fields/values',
			{ field_id: fieldId, employee_ids: [employeeId] },
			undefined,
			{ itemIndex },
		)
	).find((entry) => String(entry.field_id) === fieldId && String(entry.valuable_id) === employeeId);

	if (existing) {
		const id = String(existing.id);
		return await factorialApiRequest.call(
			this,
			'PUT',
			`custom_fields/values/${encodeURIComponent(id)}`,
			{ id, [column]: value } as IDataObject,
			undefined,
			{ itemIndex },
		);
	}
	// Not retried on 5xx: it could create a second value row.
	return await factorialApiRequest.call(
		this,
		'POST',
		'custom_fields/values',
		{ field_id: fieldId, valuable_id: employeeId, [column]: value } as IDataObject,
		undefined,
		{ itemIndex },
	);
}
