/**
 * What an expression hands a node is not bound to the parameter's declared type: a collection can be null,
 * a text field a number, a list an object. These pure rules turn such values into the declared kind where
 * the meaning is plain (42 → "42", "5" → 5, null → not set) and otherwise say what is wrong, so each node
 * can raise its own error naming the parameter instead of failing on a JavaScript TypeError later.
 */
export type ParameterKind = 'string' | 'number' | 'boolean' | 'collection' | 'list' | 'any';

export type Coerced = { ok: true; value: unknown } | { ok: false; problem: string };

export interface DeclaredParameter {
	name: string;
	displayName: string;
	type: string;
	options?: unknown[];
}

/** The kind a declared n8n parameter type holds. */
export function kindOf(type: string): ParameterKind {
	switch (type) {
		case 'number':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'collection':
		case 'fixedCollection':
			return 'collection';
		case 'multiOptions':
			return 'list';
		case 'string':
		case 'options':
		case 'dateTime':
		case 'color':
			return 'string';
		default:
			return 'any';
	}
}

export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'boolean') return String(value);
	return `a ${typeof value}`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** null and undefined come back as `undefined` (not set): the caller's default applies. */
export function coerceValue(value: unknown, kind: ParameterKind): Coerced {
	if (value === undefined || value === null) return { ok: true, value: undefined };
	switch (kind) {
		case 'string':
			if (typeof value === 'string') return { ok: true, value };
			if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return { ok: true, value: String(value) };
			return { ok: false, problem: `must be text, not ${describeValue(value)}` };
		case 'number': {
			if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
			const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
			if (Number.isFinite(n)) return { ok: true, value: n };
			return { ok: false, problem: `must be a number, not ${describeValue(value)}` };
		}
		case 'boolean':
			if (typeof value === 'boolean') return { ok: true, value };
			if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
			return { ok: false, problem: `must be true or false, not ${describeValue(value)}` };
		case 'collection':
			if (isPlainObject(value)) return { ok: true, value };
			if (value === '') return { ok: true, value: undefined };
			return { ok: false, problem: `must be a set of fields, not ${describeValue(value)}` };
		case 'list':
			if (Array.isArray(value)) return { ok: true, value };
			if (typeof value === 'string') return { ok: true, value: value === '' ? [] : [value] };
			return { ok: false, problem: `must be a list, not ${describeValue(value)}` };
		default:
			return { ok: true, value };
	}
}

/**
 * A collection's fields coerced by their declared types. Fields set to null are dropped (not set); a field
 * that cannot be coerced is reported with its display name. Unknown keys pass through unchanged.
 */
export function coerceCollection(
	value: Record<string, unknown>,
	options: DeclaredParameter[],
): { ok: true; value: Record<string, unknown> } | { ok: false; field: string; problem: string } {
	const out: Record<string, unknown> = {};
	for (const [key, raw] of Object.entries(value)) {
		// Never a field; assigning it would swap the result's prototype.
		if (key === '__proto__') continue;
		const option = options.find((o) => o.name === key);
		const result = coerceValue(raw, option ? kindOf(option.type) : 'any');
		if (!result.ok) return { ok: false, field: option?.displayName ?? key, problem: result.problem };
		if (result.value !== undefined) out[key] = result.value;
	}
	return { ok: true, value: out };
}
