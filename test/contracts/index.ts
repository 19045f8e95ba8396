/**
 * The vendors' published contracts (factorial.json, jumpcloud.json) as request checks. The emulators call
 * checkRequest on every API request and answer a violation the way the service would (JumpCloud 400
 * `{message}`, Factorial 422 `{errors: [...]}`); test/setup/nock.ts calls it on every request a nock
 * interceptor answers, so a request the real API would refuse cannot pass a unit test either.
 *
 * JSON Schema is checked with ajv 8 (with ajv-formats). Query strings are checked with type coercion (they
 * arrive as text) and Rails-style `ids[]` keys are read as the array `ids`.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import factorialContract from './factorial.json';
import jumpCloudContract from './jumpcloud.json';

export type Service = 'factorial' | 'jumpcloud';

export interface ContractOperation {
	id: string;
	method: string;
	/** Relative to /api (JumpCloud) or /api/{version}/resources/ (Factorial); `{id}` marks a segment. */
	path: string;
	sources: string[];
	query?: object;
	body?: object;
	bodyRequired?: boolean;
	paging?: Record<string, unknown>;
	response?: Record<string, unknown>;
	unsettled?: string;
	note?: string;
}

export interface Contract {
	service: Service;
	about: string;
	sources: Record<string, Record<string, string>>;
	errors: Record<string, unknown>;
	operations: ContractOperation[];
}

export const contracts: Record<Service, Contract> = {
	factorial: factorialContract as unknown as Contract,
	jumpcloud: jumpCloudContract as unknown as Contract,
};

export interface RequestToCheck {
	method: string;
	/** The URL path as sent, e.g. /api/search/systemusers or /api/2026-10-01/resources/teams/teams/3. */
	path: string;
	query?: URLSearchParams | Record<string, unknown>;
	body?: unknown;
}

export interface CheckResult {
	/** undefined when no contract entry matches the method and path. */
	operation?: ContractOperation;
	/** Human-readable reasons the real service would refuse or misread the request; empty when fine. */
	violations: string[];
	/** Set when the Factorial version in the path has no rules in the contract. */
	unknownVersion?: string;
}

const bodyAjv = new Ajv({ allErrors: true, strict: false });
const queryAjv = new Ajv({ allErrors: true, strict: false, coerceTypes: 'array' });
addFormats(bodyAjv);
addFormats(queryAjv);

interface Compiled {
	op: ContractOperation;
	pattern: RegExp;
	query: ValidateFunction;
	body?: ValidateFunction;
}

const NO_QUERY = { type: 'object', additionalProperties: false };

function compile(contract: Contract): Compiled[] {
	return contract.operations.map((op) => ({
		op,
		pattern: new RegExp(
			`^${op.path
				.split('/')
				.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
				.join('/')}$`,
		),
		query: queryAjv.compile(op.query ?? NO_QUERY),
		body: op.body ? bodyAjv.compile(op.body) : undefined,
	}));
}

interface FactorialVersion {
	idType: 'string' | 'integer';
	sources: string[];
	withoutFilters?: Record<string, string[]>;
}

/** The Factorial versions the contract has rules for (test/contracts/factorial.json `versions`). */
export const factorialVersions: Record<string, FactorialVersion> = Object.fromEntries(
	Object.entries((factorialContract as { versions: Record<string, unknown> }).versions).filter(
		([key]) => /^\d{4}-\d{2}-\d{2}$/.test(key),
	),
) as Record<string, FactorialVersion>;

const ID_KEY = /^(id|.+_id)$/;
const IDS_KEY = /^(ids|.+_ids)$/;
const EITHER = (t: unknown) =>
	Array.isArray(t) && t.length === 2 && t.includes('string') && t.includes('integer');

/** A schema with every id written as [string, integer] narrowed to the version's id type. */
function narrowIds(schema: unknown, idType: 'string' | 'integer'): unknown {
	if (Array.isArray(schema)) return schema.map((s) => narrowIds(s, idType));
	if (!schema || typeof schema !== 'object') return schema;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
		if (key !== 'properties' || !value || typeof value !== 'object') {
			out[key] = narrowIds(value, idType);
			continue;
		}
		const props: Record<string, unknown> = {};
		for (const [name, prop] of Object.entries(value as Record<string, Record<string, unknown>>)) {
			let p = narrowIds(prop, idType) as Record<string, unknown>;
			if (ID_KEY.test(name) && EITHER(p.type)) p = { ...p, type: idType };
			const items = p.items as Record<string, unknown> | undefined;
			if (IDS_KEY.test(name) && items && EITHER(items.type))
				p = { ...p, items: { ...items, type: idType } };
			props[name] = p;
		}
		out.properties = props;
	}
	return out;
}

/** The operations as one Factorial version publishes them. */
function forVersion(ops: ContractOperation[], v: FactorialVersion): ContractOperation[] {
	return ops.map((op) => {
		const drop = v.withoutFilters?.[op.id] ?? [];
		const query = op.query ? (narrowIds(op.query, v.idType) as Record<string, unknown>) : undefined;
		if (query && drop.length) {
			const props = { ...(query.properties as Record<string, unknown>) };
			for (const f of drop) delete props[f];
			query.properties = props;
		}
		return { ...op, query, body: op.body ? (narrowIds(op.body, v.idType) as object) : undefined };
	});
}

const compiled: Record<Service, Compiled[]> = {
	factorial: compile(contracts.factorial),
	jumpcloud: compile(contracts.jumpcloud),
};
const compiledByVersion: Record<string, Compiled[]> = Object.fromEntries(
	Object.entries(factorialVersions).map(([version, v]) => [
		version,
		compile({ ...contracts.factorial, operations: forVersion(contracts.factorial.operations, v) }),
	]),
);

/** The path relative to what the contract lists, or undefined when it is not an API path. */
export function contractPath(service: Service, urlPath: string): string | undefined {
	if (service === 'jumpcloud') {
		return urlPath.startsWith('/api/') ? urlPath.slice('/api'.length) : undefined;
	}
	const m = /^\/api\/[^/]+\/resources\/(.+)$/.exec(urlPath);
	return m ? m[1] : undefined;
}

/** The Factorial API version in a request path (`/api/{version}/resources/...`). */
export function factorialVersionOf(urlPath: string): string | undefined {
	return /^\/api\/([^/]+)\/resources\//.exec(urlPath)?.[1];
}

/** The contract entry for a method and a contract-relative path (`/systemusers/{id}` or a real id). */
export function findOperation(
	service: Service,
	method: string,
	path: string,
): ContractOperation | undefined {
	const m = method.toUpperCase();
	return compiled[service].find((c) => c.op.method === m && c.pattern.test(path))?.op;
}

/** `ids[]=1&ids[]=2&limit=5` → `{ ids: ['1','2'], limit: '5' }`; repeated plain keys become arrays. */
export function queryObject(
	query?: URLSearchParams | Record<string, unknown>,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const add = (rawKey: string, value: unknown) => {
		const isArray = rawKey.endsWith('[]');
		const key = isArray ? rawKey.slice(0, -2) : rawKey;
		const values = Array.isArray(value) ? value : [value];
		const existing = out[key];
		if (existing === undefined && !isArray && values.length === 1) out[key] = values[0];
		else
			out[key] = [
				...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
				...values,
			];
	};
	if (!query) return out;
	if (query instanceof URLSearchParams) for (const [k, v] of query) add(k, v);
	else for (const [k, v] of Object.entries(query)) add(k, v);
	return out;
}

function describe(errors: ErrorObject[] | null | undefined, where: string): string[] {
	return (errors ?? []).map((e) => {
		const at = e.instancePath ? `${where}${e.instancePath.replace(/\//g, '.')}` : where;
		if (e.keyword === 'additionalProperties')
			return `${at}: unknown field '${String((e.params as { additionalProperty: string }).additionalProperty)}'`;
		if (e.keyword === 'maximum' && where === 'query')
			// JumpCloud's own words for this one (TheJumpCloud/jcapi-python#38).
			return `request parameter "${e.instancePath.slice(1)}" exceeds maximum value of ${String((e.params as { limit: number }).limit)}`;
		if (e.keyword === 'required')
			return `${at}: missing required field '${String((e.params as { missingProperty: string }).missingProperty)}'`;
		return `${at}: ${e.message ?? e.keyword}`;
	});
}

/** Checks one request against the service's contract. */
export function checkRequest(service: Service, request: RequestToCheck): CheckResult {
	const method = request.method.toUpperCase();
	const path = contractPath(service, request.path);
	if (path === undefined) return { violations: [`${method} ${request.path}: not an API path`] };
	// A Factorial request is held to the rules of the version in its path, not the default's.
	let rules = compiled[service];
	if (service === 'factorial') {
		const version = factorialVersionOf(request.path) ?? '';
		if (!compiledByVersion[version])
			return {
				unknownVersion: version,
				violations: [
					`${method} ${path}: API version ${version} has no contract (versions: ${Object.keys(factorialVersions).join(', ')})`,
				],
			};
		rules = compiledByVersion[version];
	}
	const entry = rules.find((c) => c.op.method === method && c.pattern.test(path));
	if (!entry) {
		return {
			violations: [`${method} ${path}: no entry in test/contracts/${service}.json`],
		};
	}
	const violations: string[] = [];
	const query = queryObject(request.query);
	if (!entry.query(query)) violations.push(...describe(entry.query.errors, 'query'));
	const body = request.body;
	const empty =
		body === undefined ||
		body === '' ||
		(body !== null &&
			typeof body === 'object' &&
			!Array.isArray(body) &&
			!Object.keys(body).length);
	if (entry.body) {
		if (body === undefined || body === '') {
			if (entry.op.bodyRequired) violations.push('body: missing (a JSON object is required)');
		} else if (!entry.body(body)) violations.push(...describe(entry.body.errors, 'body'));
	} else if (!empty) {
		violations.push(`body: ${method} ${entry.op.path} takes no body`);
	}
	return { operation: entry.op, violations };
}
