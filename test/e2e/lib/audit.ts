/** The audit records (docs/audit.md) a workflow's "Audit Record" node wrote, read from saved executions. */

/** n8n stores run data as `flatted` JSON: objects and arrays hold indexes (as strings) into one array. */
export function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const built = new Map<number, unknown>();
	const at = (index: number): unknown => {
		const value = table[index];
		if (typeof value !== 'object' || value === null) return value;
		if (built.has(index)) return built.get(index);
		const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		built.set(index, out);
		for (const [key, v] of Object.entries(value))
			(out as Record<string, unknown>)[key] = typeof v === 'string' ? at(Number(v)) : v;
		return out;
	};
	return at(0);
}

/** Every item the "Audit Record" node wrote in one saved execution, over all of its runs. */
export function auditItemsOf(data: string): Array<Record<string, unknown>> {
	const run = unflatten(data) as {
		resultData?: {
			runData?: Record<
				string,
				Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>
			>;
		};
	};
	const runs = run.resultData?.runData?.['Audit Record'] ?? [];
	return runs.flatMap((r) => (r.data?.main ?? []).flatMap((o) => (o ?? []).map((i) => i.json)));
}
