import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isValidEmail } from '../../lib/employee';
import { readCollection } from '../../shared/params';

/** Reading and checking the parameters of a Factorial operation for one item (see nodes/shared/params.ts). */

/** The Update Fields that are set; none at all is an error naming the item. */
export function readUpdateFields(
	this: IExecuteFunctions,
	description: INodeProperties[],
	itemIndex: number,
): IDataObject {
	const fields = compact(readCollection.call(this, description, 'updateFields', itemIndex));
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`No fields to update: 'Update Fields' is empty [item ${itemIndex}]`,
			{
				itemIndex,
				description: "Add at least one field under 'Update Fields'",
			},
		);
	}
	return fields;
}

/** The ID from a resource locator, trimmed; a clear error names the field when it is empty. */
export function readId(
	this: IExecuteFunctions,
	name: string,
	displayName: string,
	itemIndex: number,
): string {
	const value = String(
		this.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `'${displayName}' is empty [item ${itemIndex}]`, {
			itemIndex,
			description: `Pick a record from the list or enter its Factorial ID in '${displayName}'`,
		});
	}
	return value;
}

/** Comma-separated text or an array (from an expression) as a clean list of strings. */
export function toList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value : String(value ?? '').split(',');
	return raw.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

/** n8n date/dateTime parameter value as YYYY-MM-DD (Factorial dates carry no time). */
export function toDate(
	this: IExecuteFunctions,
	value: unknown,
	displayName: string,
	itemIndex: number,
): string {
	const text = String(value ?? '').trim();
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(text);
	if (!match) {
		throw new NodeOperationError(
			this.getNode(),
			`'${displayName}' is not a date [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Enter '${displayName}' as YYYY-MM-DD, e.g. 2026-12-31 (got '${text}')`,
			},
		);
	}
	return match[1];
}

export function assertEmail(
	this: IExecuteFunctions,
	value: unknown,
	displayName: string,
	itemIndex: number,
): string {
	const text = String(value ?? '').trim();
	if (!isValidEmail(text)) {
		throw new NodeOperationError(
			this.getNode(),
			`'${displayName}' is not a valid email address [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Enter an address such as name@example.com in '${displayName}' (got '${text}')`,
			},
		);
	}
	return text;
}

/** Drops empty strings so an untouched optional field is not sent as "". */
export function compact(fields: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === '' || value === undefined || value === null) continue;
		result[key] = value;
	}
	return result;
}
