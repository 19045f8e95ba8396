/**
 * Input fuzzing: every operation of every node, with seeded random parameter values (unicode, huge
 * strings, out-of-range numbers, unknown options, prototype-pollution keys, locators with odd modes) and
 * input items of any shape and type, against
 * the emulators over real HTTP. Each run must end either in output or in a NodeOperationError /
 * NodeApiError that is ours: never an unhandled crash, and never a JavaScript TypeError passed on.
 * The trigger's payload is fuzzed the same way through webhook().
 */
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { FactorialTrigger } from '../../nodes/Factorial/FactorialTrigger.node';
import { Factorial } from '../../nodes/Factorial/Factorial.node';
import { GenerateUniqueUsername } from '../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { JumpCloud } from '../../nodes/JumpCloud/JumpCloud.node';
import { createRng, startFactorialEmulator, startJumpCloudEmulator } from '../emulators';
import type { FactorialEmulator, JumpCloudEmulator } from '../emulators';
import { createFakeContext } from '../helpers/executeFunctions';
import { credentials } from '../reliability/flows';

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async () => undefined,
}));

const RUNS_PER_OPERATION = 8;
/** What a JavaScript slip looks like when it leaks out as a message. */
const JS_SLIP =
	/Cannot read propert|Cannot set propert|is not a function|is not iterable|undefined is not|null is not|Cannot convert|Maximum call stack|Invalid array length|is not defined|Unexpected token|toLowerCase|\.trim is not/;

const pick = <T>(rng: () => number, list: T[]): T => list[Math.floor(rng() * list.length)];

function randomText(rng: () => number, n: number): string {
	return Array.from({ length: n }, () =>
		String.fromCodePoint(
			pick(rng, [0x41, 0x7a, 0xe9, 0x4e2d, 0x1f600, 0x202e, 0x0, 0x3c, 0x22, 0x5c, 0x2e, 0x2a]) +
				Math.floor(rng() * 5),
		),
	).join('');
}

/** Any string an expression or a user can put in a text field. */
function fuzzString(rng: () => number): string {
	return pick<() => string>(rng, [
		() => '',
		() => ' ',
		() => randomText(rng, 1 + Math.floor(rng() * 40)),
		() => 'x'.repeat(100_000),
		() => '__proto__',
		() => 'constructor',
		() => '../../../etc/passwd',
		() => 'http://169.254.169.254/latest/meta-data',
		() => '(?i).*',
		() => '{"$ne": null}',
		() => '2026-02-30T25:61:00',
		() => 'not-a-date',
		() => '12345',
		() => 'null',
		() => 'a@b',
		() => 'ana.garcía+tag@acme.test',
	])();
}

/** Arbitrary JSON-ish data, as upstream items may carry anything. */
function fuzzAny(rng: () => number): unknown {
	return pick<() => unknown>(rng, [
		() => fuzzString(rng),
		() => Math.floor(rng() * 1e9),
		() => Number.NaN,
		() => -1,
		() => true,
		() => null,
		() => undefined,
		() => [],
		() => ['a', 1, null, {}],
		() => ({}),
		() =>
			JSON.parse(
				'{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}',
			),
	])();
}

/**
 * A value n8n can hand a node for this parameter. n8n checks the type of expression results against the
 * parameter's type (a number in a text field arrives as a string), so values follow the declared type,
 * but any content: unicode, huge, pollution keys, options that do not exist, numbers out of range.
 */
function fuzzFor(prop: INodeProperties, rng: () => number, depth = 0): unknown {
	const values = ((prop.options ?? []) as Array<{ value?: unknown; name: string }>)
		.map((o) => o.value)
		.filter((v) => v !== undefined);
	switch (prop.type) {
		case 'number':
			return pick(rng, [0, -1, 1.5, 3, 1e21, -1e9, Number.MAX_SAFE_INTEGER, 100_001]);
		case 'boolean':
			return rng() < 0.5;
		case 'options':
			return rng() < 0.7 && values.length ? pick(rng, values) : fuzzString(rng);
		case 'multiOptions':
			return Array.from({ length: Math.floor(rng() * 4) }, () =>
				rng() < 0.7 && values.length ? pick(rng, values) : fuzzString(rng),
			);
		case 'resourceLocator': {
			const modes = (prop.modes ?? []).map((m) => m.name);
			return {
				__rl: true,
				mode: rng() < 0.8 && modes.length ? pick(rng, modes) : fuzzString(rng),
				value: fuzzString(rng),
			};
		}
		case 'collection': {
			const out: IDataObject =
				rng() < 0.2 ? (JSON.parse('{"__proto__": {"polluted": "yes"}}') as IDataObject) : {};
			if (depth > 2) return out;
			for (const option of (prop.options ?? []) as INodeProperties[])
				if (rng() < 0.5) out[option.name] = fuzzFor(option, rng, depth + 1) as IDataObject[string];
			return out;
		}
		case 'fixedCollection': {
			const out: IDataObject = {};
			if (depth > 2) return out;
			for (const group of (prop.options ?? []) as Array<{
				name: string;
				values: INodeProperties[];
			}>) {
				if (rng() < 0.5) continue;
				const entry = (): IDataObject => {
					const e: IDataObject = {};
					for (const v of group.values ?? [])
						if (rng() < 0.7) e[v.name] = fuzzFor(v, rng, depth + 1) as IDataObject[string];
					return e;
				};
				out[group.name] = prop.typeOptions?.multipleValues
					? Array.from({ length: 1 + Math.floor(rng() * 3) }, entry)
					: entry();
			}
			return out;
		}
		default:
			return fuzzString(rng);
	}
}

interface Operation {
	params: IDataObject;
	props: INodeProperties[];
}

/** Every resource/operation pair of a node (or the single operation of a node without resources). */
function operationsOf(node: INodeType): Operation[] {
	const props = node.description.properties;
	const resource = props.find((p) => p.name === 'resource');
	if (!resource) return [{ params: {}, props }];
	const out: Operation[] = [];
	for (const r of (resource.options ?? []) as Array<{ value: string }>) {
		const opProp = props.find(
			(p: INodeProperties) =>
				p.name === 'operation' &&
				(p.displayOptions?.show?.resource as string[] | undefined)?.includes(r.value),
		);
		for (const op of (opProp?.options ?? []) as Array<{ value: string }>) {
			out.push({
				params: { resource: r.value, operation: op.value },
				props: props.filter((p) => p.name !== 'resource' && p.name !== 'operation'),
			});
		}
	}
	return out;
}

function defaults(node: INodeType): IDataObject {
	const out: IDataObject = {};
	for (const p of node.description.properties)
		if (!(p.name in out)) out[p.name] = p.default as IDataObject[string];
	return out;
}

let factorial: FactorialEmulator;
/** Both outcomes must occur, or the fuzzing never got past the first check. */
const outcomes = { output: 0, error: 0 };
let jumpcloud: JumpCloudEmulator;

beforeAll(async () => {
	factorial = await startFactorialEmulator({ seed: 'fuzz', employees: 12 });
	jumpcloud = await startJumpCloudEmulator({ seed: 'fuzz', groups: ['Engineering'] });
});
afterAll(async () => {
	await factorial.close();
	await jumpcloud.close();
	expect(Object.prototype).not.toHaveProperty('polluted');
	expect(outcomes.output).toBeGreaterThan(50);
	expect(outcomes.error).toBeGreaterThan(50);
});

const NODES: Array<[string, () => INodeType]> = [
	['Factorial', () => new Factorial()],
	['JumpCloud', () => new JumpCloud()],
	['Generate Unique Username', () => new GenerateUniqueUsername()],
];

describe.each(NODES)('%s: fuzzed parameters end in a clear node error or output', (name, make) => {
	const node = make();
	const ops = operationsOf(node);

	it.each(
		ops.map(
			(op) =>
				[`${String(op.params.resource ?? '-')}/${String(op.params.operation ?? '-')}`, op] as const,
		),
	)('%s', async (_label, op) => {
		const rng = createRng(`fuzz:${name}:${JSON.stringify(op.params)}`);
		for (let run = 0; run < RUNS_PER_OPERATION; run++) {
			const params: IDataObject = {
				...defaults(node),
				...op.params,
				authentication: 'apiKey',
				uniquenessCheck: 'jumpCloud',
			};
			for (const prop of op.props) {
				if (
					['authentication', 'uniquenessCheck', 'resource', 'operation'].includes(prop.name) ||
					prop.type === 'notice'
				)
					continue;
				if (rng() < 0.5) params[prop.name] = fuzzFor(prop, rng) as IDataObject[string];
			}
			const items: INodeExecutionData[] = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => ({
				json:
					rng() < 0.5
						? ({
								id: fuzzAny(rng),
								first_name: fuzzAny(rng),
								last_name: fuzzAny(rng),
								work_email: fuzzAny(rng),
								terminated_on: fuzzAny(rng),
								team_names: fuzzAny(rng),
							} as IDataObject)
						: {},
			}));
			const ctx = createFakeContext({ ...credentials({ factorial, jumpcloud }), params, items });
			let outcome: unknown;
			try {
				await make().execute!.call(ctx.asExecute());
				outcome = 'output';
				outcomes.output++;
			} catch (error) {
				outcome = error;
				outcomes.error++;
			}
			if (outcome !== 'output') {
				const error = outcome as Error & { cause?: unknown; description?: string };
				const what = `${name} ${JSON.stringify(op.params)} run ${run}: ${error?.constructor?.name} ${error?.message}`;
				expect({
					what,
					ours: error instanceof NodeOperationError || error instanceof NodeApiError,
				}).toEqual({ what, ours: true });
				expect({ what, slip: JS_SLIP.test(String(error.message)) }).toEqual({ what, slip: false });
				expect({
					what,
					causeIsTypeError: error.cause instanceof TypeError || error.cause instanceof RangeError,
				}).toEqual({ what, causeIsTypeError: false });
			}
		}
	});
});

// ---- Arbitrary types -----------------------------------------------------------------------------------
// What an expression can produce regardless of the declared type: null collections, numbers in text
// fields, objects where strings are expected. One parameter (or one field inside a collection) per run gets
// such a value (every parameter, every field, every kind); the rest is a valid baseline where one is known, so a failure before any request can only
// come from that parameter and must name it.

/** Operations left out of this mode (none: every operation is covered). */
const ARBITRARY_SKIP = new Set<string>([]);

function declaredKind(prop: INodeProperties): string {
	if (prop.type === 'number') return 'number';
	if (prop.type === 'boolean') return 'boolean';
	if (
		prop.type === 'collection' ||
		prop.type === 'fixedCollection' ||
		prop.type === 'resourceLocator'
	)
		return 'object';
	if (prop.type === 'multiOptions') return 'array';
	return 'string';
}

function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	if (value === null) return 'null';
	return typeof value;
}

/** Values of the wrong type for a parameter, one of each kind an expression can produce. */
function wrongTypesFor(prop: INodeProperties): unknown[] {
	const kind = declaredKind(prop);
	const values: unknown[] = [
		null,
		42,
		-1.5,
		true,
		{ value: 'x', nested: { a: 1 } },
		['x', 2, null],
		'text',
	];
	return values.filter((v) => kindOf(v) !== kind && !(kind === 'number' && typeof v === 'number'));
}

interface TypedCase {
	prop: INodeProperties;
	/** Display names the error may use: the field, its group, the parameter. */
	named: string[];
	apply(params: IDataObject): void;
}

/** Every parameter of the operation with every wrong type, and every field inside its collections. */
function typedCases(props: INodeProperties[]): TypedCase[] {
	const cases: TypedCase[] = [];
	for (const prop of props) {
		for (const value of wrongTypesFor(prop)) {
			cases.push({
				prop,
				named: [prop.displayName],
				apply: (params) => void (params[prop.name] = value as IDataObject[string]),
			});
		}
		if (prop.type === 'collection') {
			for (const option of (prop.options ?? []) as INodeProperties[]) {
				for (const value of wrongTypesFor(option).slice(0, 3)) {
					cases.push({
						prop,
						named: [option.displayName, prop.displayName],
						apply: (params) => {
							const base = params[prop.name];
							const current =
								base && typeof base === 'object' && !Array.isArray(base)
									? (base as IDataObject)
									: {};
							params[prop.name] = { ...current, [option.name]: value as IDataObject[string] };
						},
					});
				}
			}
		}
		if (prop.type === 'fixedCollection') {
			for (const group of (prop.options ?? []) as Array<{
				name: string;
				displayName: string;
				values?: INodeProperties[];
			}>) {
				for (const entry of [null, 'text', [42]]) {
					cases.push({
						prop,
						named: [group.displayName, prop.displayName],
						apply: (params) =>
							void (params[prop.name] = { [group.name]: entry } as IDataObject[string]),
					});
				}
				for (const field of group.values ?? []) {
					for (const value of wrongTypesFor(field).slice(0, 2)) {
						cases.push({
							prop,
							named: [field.displayName, group.displayName, prop.displayName],
							apply: (params) =>
								void (params[prop.name] = {
									[group.name]: [{ [field.name]: value }],
								} as IDataObject[string]),
						});
					}
				}
			}
		}
	}
	return cases;
}

/** Valid parameters per operation: with these, the operation succeeds on the emulators. */
const BASELINES: Record<string, (run: number) => IDataObject> = {
	'Factorial employee/update': () => ({
		employee: { __rl: true, mode: 'id', value: '1' },
		updateFields: { first_name: 'Ana' },
	}),
	'JumpCloud user/create': (run) => ({
		email: `typed${run}@acme.test`,
		username: `typed.user${run}`,
		state: 'STAGED',
		onUsernameConflict: 'appendNumber',
		additionalFields: {},
		simplify: true,
	}),
	'JumpCloud user/upsert': (run) => ({
		email: `upsert${run}@acme.test`,
		username: `upsert.user${run}`,
		state: 'STAGED',
		onUsernameConflict: 'appendNumber',
		additionalFields: {},
		options: {},
		simplify: true,
	}),
	'JumpCloud user/getAll': () => ({
		returnAll: false,
		limit: 5,
		filters: {},
		options: {},
		simplify: true,
	}),
	'JumpCloud userGroup/getAll': () => ({ returnAll: false, limit: 5, filters: {} }),
	'Generate Unique Username -/-': () => ({
		firstName: 'Ana',
		lastName: 'García',
		format: 'first.last',
		lengthLimit: 'standard',
		options: {},
	}),
};

/** Every display name in a node's parameter tree (a message naming any of them names a parameter). */
function displayNames(props: INodeProperties[]): string[] {
	const out: string[] = [];
	const walk = (list: unknown[]) => {
		for (const p of list as Array<INodeProperties & { values?: unknown[] }>) {
			if (p.displayName) out.push(p.displayName);
			if (Array.isArray(p.values)) walk(p.values);
			if (
				Array.isArray(p.options) &&
				p.options.some((o) => typeof o === 'object' && o !== null && 'displayName' in o)
			)
				walk(p.options);
		}
	};
	walk(props);
	return [...new Set(out)];
}

const typedOutcomes = { output: 0, named: 0 };

describe.each(NODES)(
	'%s: arbitrarily typed parameters end in output or an error naming the parameter',
	(name, make) => {
		const node = make();
		const allNames = displayNames(node.description.properties).map((n) => n.toLowerCase());
		const ops = operationsOf(node).filter(
			(op) =>
				!ARBITRARY_SKIP.has(
					`${name} ${String(op.params.resource ?? '-')}/${String(op.params.operation ?? '-')}`,
				),
		);

		it.each(
			ops.map(
				(op) =>
					[
						`${String(op.params.resource ?? '-')}/${String(op.params.operation ?? '-')}`,
						op,
					] as const,
			),
		)('%s', async (label, op) => {
			const baseline: ((run: number) => IDataObject) | undefined = BASELINES[`${name} ${label}`];
			const hasBaseline = baseline !== undefined;
			// Only parameters this operation shows (by resource and operation; other conditions are ignored).
			const shown = (p: INodeProperties) =>
				['resource', 'operation'].every((key) => {
					const allowed = p.displayOptions?.show?.[key] as unknown[] | undefined;
					return !allowed || allowed.includes(op.params[key]);
				});
			const candidates = op.props.filter(
				(p) =>
					!['authentication', 'uniquenessCheck', 'resource', 'operation'].includes(p.name) &&
					p.type !== 'notice' &&
					shown(p),
			);
			const failures: string[] = [];
			const cases = typedCases(candidates);
			for (let run = 0; run < cases.length; run++) {
				const params: IDataObject = {
					...defaults(node),
					...op.params,
					authentication: 'apiKey',
					uniquenessCheck: 'jumpCloud',
					...(baseline ? baseline(run) : {}),
				};
				const { prop, named } = cases[run];
				cases[run].apply(params);
				const ctx = createFakeContext({
					...credentials({ factorial, jumpcloud }),
					params,
					items: [{ json: {} }],
				});
				try {
					await make().execute!.call(ctx.asExecute());
					typedOutcomes.output++;
					continue;
				} catch (caught) {
					const error = caught as Error & { cause?: unknown; context?: IDataObject };
					const what = `run ${run}, ${prop.name}=${JSON.stringify(params[prop.name])}: ${error?.constructor?.name} ${error?.message}`;
					if (!(error instanceof NodeOperationError || error instanceof NodeApiError))
						failures.push(`not a node error: ${what}`);
					else if (JS_SLIP.test(String(error.message))) failures.push(`JavaScript slip: ${what}`);
					else if (error.cause instanceof TypeError || error.cause instanceof RangeError)
						failures.push(`TypeError cause: ${what}`);
					else if (ctx.requests.length === 0) {
						// Failed before any request: a check of the parameters, so it names one, with the item.
						const message = String(error.message).toLowerCase();
						const expected = hasBaseline ? named.map((n) => n.toLowerCase()) : allNames;
						if (!expected.some((n) => message.includes(n)))
							failures.push(`names no ${hasBaseline ? `'${named[0]}'` : 'parameter'}: ${what}`);
						else if (!/\[item 0\]|\(item 0/.test(error.message) && error.context?.itemIndex !== 0)
							failures.push(`names no item: ${what}`);
						else typedOutcomes.named++;
					}
				}
			}
			expect(failures).toEqual([]);
		});
	},
);

afterAll(() => {
	// Both ends were reached: arbitrary types were accepted where harmless and refused by name where not.
	expect(typedOutcomes.output).toBeGreaterThan(20);
	expect(typedOutcomes.named).toBeGreaterThan(20);
});

describe('JumpCloud Reconcile: employee items with fields of the wrong type', () => {
	// Every field the reconciliation reads, each with values no Factorial employee has.
	const FIELDS = [
		'id',
		'first_name',
		'last_name',
		'full_name',
		'preferred_name',
		'email',
		'work_email',
		'active',
		'terminated_on',
		'manager_id',
		'job_title',
		'team_names',
		'department',
		'location_name',
		'legal_entity_name',
	];
	const WRONG: unknown[] = [{ nested: { a: 1 } }, [{}], Number.NaN];

	it.each(FIELDS)(
		'%s: that employee is skipped with the field in the reason, the others are planned',
		async (field) => {
			for (const value of WRONG) {
				const good: IDataObject = {
					id: 'fz-ok',
					first_name: 'Ana',
					last_name: 'García',
					email: 'fz.ok@acme.test',
					active: true,
				};
				const bad: IDataObject = {
					id: `fz-${field}`,
					first_name: 'Bea',
					last_name: 'Ruiz',
					email: `fz.${field}@acme.test`,
					active: true,
				};
				if (field === 'work_email') delete bad.email;
				bad[field] = value as IDataObject[string];
				const node = new JumpCloud();
				const params = {
					...defaults(node),
					resource: 'directorySync',
					operation: 'reconcile',
					authentication: 'apiKey',
					dryRun: true,
				};
				const ctx = createFakeContext({
					...credentials({ factorial, jumpcloud }),
					params,
					items: [{ json: good }, { json: bad }],
				});
				const [out] = await node.execute.call(ctx.asExecute());
				const summary = out[out.length - 1].json;
				expect(summary.skipped).toEqual([
					{
						employeeId: field === 'id' ? null : `fz-${field}`,
						reason: expect.stringContaining(`field "${field}"`),
					},
				]);
				expect(summary.created).toBe(1);
			}
		},
	);
});

describe('Factorial Trigger: fuzzed deliveries', () => {
	it('answer 200, 400, 401 or 413 and never throw', async () => {
		const rng = createRng('fuzz:trigger');
		const challenge = 'fuzz-challenge';
		for (let run = 0; run < 300; run++) {
			const body =
				rng() < 0.6
					? {
							id: rng() < 0.7 ? Math.floor(rng() * 100) : fuzzAny(rng),
							first_name: fuzzAny(rng),
							updated_at: fuzzAny(rng),
							email: fuzzAny(rng),
							active: fuzzAny(rng),
						}
					: fuzzAny(rng);
			const ctx = createFakeContext({
				params: {
					authentication: 'apiKey',
					events: ['employee.created', 'employee.updated'],
					// The body-only path: Fetch Full Record (on by default) would read Factorial.
					options: {
						ignoreStaleDeliveries: rng() < 0.5,
						onlyActiveEmployees: rng() < 0.5,
						fetchFullRecord: false,
					},
				},
				mode: 'trigger',
				staticData: { production: { challenge } },
				webhook: {
					headers: {
						'x-factorial-wh-challenge': rng() < 0.8 ? challenge : fuzzString(rng),
						'x-factorial-author-id': fuzzString(rng),
					},
					body,
					query: { event: rng() < 0.8 ? 'employee.updated' : fuzzAny(rng) } as IDataObject,
				},
			});
			const result = await new FactorialTrigger().webhook.call(ctx.asWebhook());
			if (result.workflowData) expect(ctx.response.statusCode ?? 200).toBe(200);
			else expect([200, 400, 401, 413]).toContain(ctx.response.statusCode);
		}
	});
});
