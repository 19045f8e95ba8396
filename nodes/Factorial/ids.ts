/**
 * Factorial IDs are opaque strings from API 2026-07-01 on; older versions return numbers. Every
 * response goes through normaliseIds so the node's output is the same whichever version the
 * credential pins. Pure module: no n8n types.
 */
function isIdKey(key: string): boolean {
	return key === 'id' || key.endsWith('_id') || key.endsWith('_ids');
}

function idToString(value: unknown): unknown {
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	if (Array.isArray(value)) return value.map((entry) => idToString(entry));
	return value;
}

/** Returns a copy with every `id`, `*_id` and `*_ids` value (at any depth) as strings. */
export function normaliseIds<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => normaliseIds(entry)) as T;
	if (value === null || typeof value !== 'object') return value;
	const result: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		// defineProperty, not assignment: an own "__proto__" key in a response stays plain data
		// instead of becoming the copy's prototype.
		Object.defineProperty(result, key, {
			value: isIdKey(key) ? normaliseIds(idToString(entry)) : normaliseIds(entry),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return result as T;
}
