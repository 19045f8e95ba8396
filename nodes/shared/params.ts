import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { coerceValue, describeValue } from '../lib/coerce';

/**
 * Reading an operation's parameters for one item (`this` + `itemIndex`, like every helper).
 *
 * Numbers and booleans are typed by n8n: every such parameter and collection field declares the same
 * `validateType`, so getNodeParameter hands them over converted ("5" → 5, "true" → true) or raises an
 * error naming the field and the item (docs/reference/n8n-parameters.md). What n8n cannot type is checked
 * here: text (its `validateType: 'string'` passes values unchanged), top-level choices (its `'options'`
 * check gets no options at top level) and multi-option lists.
 */

/** A parameter an expression filled with something unusable: name it and the item. */
export function invalidParameter(
	this: IExecuteFunctions,
	displayName: string,
	problem: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(this.getNode(), `'${displayName}' ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: `Fix '${displayName}' for this item; if it is an expression, check what it returns`,
	});
}

/**
 * A number parameter, already typed by n8n through `validateType: 'number'`; an expression that gave
 * null (n8n reads it as not set) is `fallback`.
 */
export function readNumber(
	this: IExecuteFunctions,
	name: string,
	fallback: number,
	itemIndex: number,
): number {
	return (
		(this.getNodeParameter(name, itemIndex, fallback) as number | null | undefined) ?? fallback
	);
}

/** A boolean parameter, already typed by n8n through `validateType: 'boolean'`; null is `fallback`. */
export function readBoolean(
	this: IExecuteFunctions,
	name: string,
	fallback: boolean,
	itemIndex: number,
): boolean {
	return (
		(this.getNodeParameter(name, itemIndex, fallback) as boolean | null | undefined) ?? fallback
	);
}

/**
 * A text or choice parameter. n8n does not type text, so a number or boolean from an expression becomes
 * text and a list or object is an error naming the field; with `choices`, anything else is refused too.
 */
export function readText(
	this: IExecuteFunctions,
	name: string,
	displayName: string,
	fallback: string,
	itemIndex: number,
	choices?: readonly string[],
): string {
	const result = coerceValue(this.getNodeParameter(name, itemIndex, fallback), 'string');
	if (!result.ok) throw invalidParameter.call(this, displayName, result.problem, itemIndex);
	const text = (result.value as string | undefined) ?? fallback;
	if (choices && !choices.includes(text))
		throw invalidParameter.call(
			this,
			displayName,
			`"${text}" is not one of the choices (${choices.map((c) => `"${c}"`).join(', ')})`,
			itemIndex,
		);
	return text;
}

/** A multi-options parameter: null is `fallback`, one text value a list of one; every entry must be text. */
export function readList(
	this: IExecuteFunctions,
	description: INodeProperties[],
	name: string,
	fallback: string[],
	itemIndex: number,
): string[] {
	const label = description.find((p) => p.name === name)?.displayName ?? name;
	const result = coerceValue(this.getNodeParameter(name, itemIndex, fallback), 'list');
	if (!result.ok) throw invalidParameter.call(this, label, result.problem, itemIndex);
	return ((result.value ?? fallback) as unknown[]).map((entry) => {
		const text = coerceValue(entry, 'string');
		if (!text.ok || text.value === undefined)
			throw invalidParameter.call(
				this,
				label,
				`must list options, not ${describeValue(entry)}`,
				itemIndex,
			);
		return text.value as string;
	});
}

const TEXT_TYPES = new Set(['string', 'options', 'dateTime', 'color']);

/**
 * A collection parameter, read whole so n8n checks and converts its typed fields (numbers, booleans,
 * choices that declare `validateType`). A null collection is empty, null fields are not set. Text
 * fields are made text and multi-option fields lists here, as n8n does neither.
 */
export function readCollection(
	this: IExecuteFunctions,
	description: INodeProperties[],
	name: string,
	itemIndex: number,
): IDataObject {
	const prop = description.find((p) => p.name === name);
	const label = prop?.displayName ?? name;
	const value = this.getNodeParameter(name, itemIndex, {}) as unknown;
	if (value === null || value === undefined || value === '') return {};
	if (typeof value !== 'object' || Array.isArray(value))
		throw invalidParameter.call(
			this,
			label,
			`must be a set of fields, not ${describeValue(value)}`,
			itemIndex,
		);
	const fields = (prop?.options ?? []) as INodeProperties[];
	const out: IDataObject = {};
	for (const [key, raw] of Object.entries(value as IDataObject)) {
		// Never a field; assigning it would swap the result's prototype.
		if (key === '__proto__' || raw === null || raw === undefined) continue;
		const field = fields.find((f) => f.name === key);
		const kind = !field
			? 'any'
			: TEXT_TYPES.has(field.type)
				? 'string'
				: field.type === 'multiOptions'
					? 'list'
					: 'any';
		const result = coerceValue(raw, kind);
		if (!result.ok)
			throw invalidParameter.call(this, field?.displayName ?? key, result.problem, itemIndex);
		if (result.value !== undefined) out[key] = result.value as IDataObject[string];
	}
	return out;
}

/**
 * Return All / Limit of a list operation (the fields of `paginationFields` in ./descriptions, typed by
 * n8n): `undefined` for all, else a whole number of at least 1, which n8n does not check.
 */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (readBoolean.call(this, 'returnAll', false, itemIndex)) return undefined;
	const limit = readNumber.call(this, 'limit', 50, itemIndex);
	if (!Number.isInteger(limit) || limit < 1)
		throw invalidParameter.call(
			this,
			'Limit',
			`must be a whole number of at least 1, not ${limit}`,
			itemIndex,
		);
	return limit;
}
