import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { factorialApiRequestAllItems } from '../../transport';
import { locator, show } from '../../shared/descriptions';
import { readId, toDate } from '../../shared/params';
import { writeCustomFieldValue } from '../../shared/customFieldValues';
import { EMPLOYEE_VALUABLE_TYPE } from '../../../lib/customFields';

const displayOptions = show('customFieldValue', ['set']);

/** Value types the node checks and formats; Factorial receives every value as a string. */
export const VALUE_TYPES = ['text', 'longText', 'date', 'singleChoice', 'cents'] as const;
type ValueType = (typeof VALUE_TYPES)[number];

/**
 * What the value is attached to. The published create body (docs/reference/factorial.md, "Custom field
 * values") requires `valuable_type`; this operation sets values on employees.
 */

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
		description:
			'Type of the custom field: how the value is checked and formatted before it is sent (Factorial takes every value as text)',
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
	const valueType = this.getNodeParameter('valueType', itemIndex, 'text') as ValueType;
	const raw = this.getNodeParameter('value', itemIndex, '') as unknown;
	let value: unknown = raw;
	if (valueType === 'date') value = toDate.call(this, raw, 'Value', itemIndex);
	if (valueType === 'cents') {
		value = Number(raw);
		if (!Number.isInteger(value)) {
			throw new NodeOperationError(
				this.getNode(),
				`'Value' is not a whole number of cents [item ${itemIndex}]`,
				{
					itemIndex,
					description: `Enter money as whole cents, e.g. 125000 for 1,250.00 (got '${String(raw)}')`,
				},
			);
		}
	}
	// The published write bodies take `value` as a string whatever the field type; the typed columns
	// (long_text_value, cents_value, ...) exist only in responses.
	const text = String(value ?? '');

	const existing = (
		await factorialApiRequestAllItems.call(
			this,
			'GET',
			'custom_fields/values',
			{ field_id: fieldId, employee_ids: [employeeId] },
			undefined,
			{ itemIndex },
		)
	).find(
		(entry) =>
			String(entry.field_id) === fieldId &&
			String(entry.valuable_id) === employeeId &&
			(entry.valuable_type === undefined || entry.valuable_type === EMPLOYEE_VALUABLE_TYPE),
	);

	return await writeCustomFieldValue.call(this, itemIndex, {
		valueId: existing ? String(existing.id) : undefined,
		fieldId,
		employeeId,
		value: text,
	});
}
