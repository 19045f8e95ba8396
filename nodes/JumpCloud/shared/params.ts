import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DeclaredParameter } from '../../shared/coerce';
import { coerceCollection, coerceValue, describeValue, kindOf } from '../../shared/coerce';
import { invalid } from './helpers';

/**
 * Reads parameters of whatever type an expression produced, by the operation's own description: label and
 * declared type come from there, so an error names the field as the UI shows it.
 */
function declared(description: INodeProperties[], name: string): INodeProperties {
	const prop = description.find((p) => p.name === name);
	if (!prop) throw new Error(`No parameter "${name}" in this operation's description`);
	return prop;
}

type Scalar = string | number | boolean;
type Widen<T extends Scalar> = T extends string ? string : T extends number ? number : boolean;

/** A scalar parameter (text, number, boolean, option) coerced to its declared type; null means `fallback`. */
export function readParam<T extends Scalar>(
	ctx: IExecuteFunctions,
	i: number,
	description: INodeProperties[],
	name: string,
	fallback: T,
): Widen<T> {
	const prop = declared(description, name);
	const result = coerceValue(ctx.getNodeParameter(name, i, fallback), kindOf(prop.type));
	if (!result.ok) invalid(ctx, i, prop.displayName, result.problem);
	return (result.value ?? fallback) as Widen<T>;
}

/** A collection (or fixed collection) parameter: null is empty; its fields are coerced by declared type. */
export function readCollection(ctx: IExecuteFunctions, i: number, description: INodeProperties[], name: string): IDataObject {
	const prop = declared(description, name);
	const result = coerceValue(ctx.getNodeParameter(name, i, {}), 'collection');
	if (!result.ok) invalid(ctx, i, prop.displayName, result.problem);
	const value = (result.value ?? {}) as IDataObject;
	if (prop.type !== 'collection') return value;
	const fields = coerceCollection(value, (prop.options ?? []) as DeclaredParameter[]);
	if (!fields.ok) invalid(ctx, i, fields.field, fields.problem);
	return fields.value as IDataObject;
}

/** A multi-options parameter: null is `fallback`, a single text value a list of one; every entry must be text. */
export function readList(ctx: IExecuteFunctions, i: number, description: INodeProperties[], name: string, fallback: string[]): string[] {
	const prop = declared(description, name);
	const result = coerceValue(ctx.getNodeParameter(name, i, fallback), kindOf(prop.type));
	if (!result.ok) invalid(ctx, i, prop.displayName, result.problem);
	return ((result.value ?? fallback) as unknown[]).map((entry) => {
		const text = coerceValue(entry, 'string');
		if (!text.ok || text.value === undefined) invalid(ctx, i, prop.displayName, `must list options, not ${describeValue(entry)}`);
		return text.value as string;
	});
}

/** Return All / Limit: `undefined` for all, else a whole number of at least 1. */
export function readLimit(ctx: IExecuteFunctions, i: number, description: INodeProperties[]): number | undefined {
	if (readParam(ctx, i, description, 'returnAll', false)) return undefined;
	const limit = readParam(ctx, i, description, 'limit', 50);
	if (!Number.isInteger(limit) || limit < 1) invalid(ctx, i, 'Limit', `must be a whole number of at least 1, not ${limit}`);
	return limit;
}
