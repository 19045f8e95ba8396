/**
 * Values from item data (an employee's fields, a username an expression produced) and the parameter
 * values n8n does not type (text, multi-option lists: docs/reference/n8n-parameters.md) are not bound to
 * a type. These pure rules turn such values into the expected kind where the meaning is plain (42 → "42",
 * null → not set) and otherwise say what is wrong, so the caller can name the field in its error.
 */
export type ParameterKind = 'string' | 'number' | 'boolean' | 'collection' | 'list' | 'any';

export type Coerced = { ok: true; value: unknown } | { ok: false; problem: string };

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
			if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
				return { ok: true, value: String(value) };
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
