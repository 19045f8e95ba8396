import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { EnrichmentIndex } from '../employee';
import { buildEnrichmentIndex, isValidEmail } from '../employee';
import { factorialApiRequest, factorialApiRequestAllItems } from '../transport';
import type { DeclaredParameter, ParameterKind } from '../../shared/coerce';
import { coerceCollection, coerceValue } from '../../shared/coerce';
import { paginationFields as sharedPaginationFields } from '../../shared/descriptions';

/** Shared parameter definitions and helpers for the Factorial operations. */

export type FactorialResource =
	| 'employee'
	| 'team'
	| 'teamMembership'
	| 'location'
	| 'legalEntity'
	| 'contractVersion'
	| 'customFieldValue';

export interface FactorialOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export function show(resource: FactorialResource, operation: string[]) {
	return { show: { resource: [resource], operation } };
}

type Entity = 'employee' | 'team' | 'location' | 'legalEntity';

const LOCATOR_TEXT: Record<Entity, { label: string; method: string; placeholder: string }> = {
	employee: { label: 'Employee', method: 'searchEmployees', placeholder: 'e.g. 12345' },
	team: { label: 'Team', method: 'searchTeams', placeholder: 'e.g. 42' },
	location: { label: 'Location', method: 'searchLocations', placeholder: 'e.g. 7' },
	legalEntity: { label: 'Legal Entity', method: 'searchLegalEntities', placeholder: 'e.g. 3' },
};

/** A resource locator (From List with search, or By ID) for one Factorial record. */
export function locator(
	entity: Entity,
	name: string,
	displayName: string,
	displayOptions: INodeProperties['displayOptions'],
	description?: string,
): INodeProperties {
	const text = LOCATOR_TEXT[entity];
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: text.method, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: text.placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[A-Za-z0-9_-]+\\s*$', errorMessage: `Not a valid ${text.label} ID` },
					},
				],
			},
		],
	};
}

/** Return All + Limit for a list operation. */
export function paginationFields(resource: FactorialResource, operation = 'getAll'): INodeProperties[] {
	return sharedPaginationFields(show(resource, [operation]).show);
}

export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (readValue.call(this, 'returnAll', 'Return All', 'boolean', false, itemIndex)) return undefined;
	const limit = readValue.call(this, 'limit', 'Limit', 'number', 50, itemIndex) as number;
	if (!Number.isInteger(limit) || limit < 1) throw invalidParameter.call(this, 'Limit', `must be a whole number of at least 1, not ${limit}`, itemIndex);
	return limit;
}

/** A parameter an expression filled with a value of the wrong type: name it and the item. */
function invalidParameter(this: IExecuteFunctions, displayName: string, problem: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(this.getNode(), `'${displayName}' ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: `Fix '${displayName}' for this item; if it is an expression, check what it returns`,
	});
}

/** A scalar parameter coerced to `kind` (42 → "42", "5" → 5); null means `fallback`. */
export function readValue(
	this: IExecuteFunctions,
	name: string,
	displayName: string,
	kind: ParameterKind,
	fallback: string | number | boolean,
	itemIndex: number,
): string | number | boolean {
	const result = coerceValue(this.getNodeParameter(name, itemIndex, fallback), kind);
	if (!result.ok) throw invalidParameter.call(this, displayName, result.problem, itemIndex);
	return (result.value ?? fallback) as string | number | boolean;
}

/** The Update Fields collection of an update operation. */
export function updateFieldsProperty(
	displayOptions: INodeProperties['displayOptions'],
	options: INodeProperties[],
	description?: string,
): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		...(description ? { description } : {}),
		options,
	};
}

/** The Update Fields that are set; none at all is an error naming the item. */
export function readUpdateFields(this: IExecuteFunctions, description: INodeProperties[], itemIndex: number): IDataObject {
	const fields = compact(readCollection.call(this, description, 'updateFields', itemIndex));
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(this.getNode(), `No fields to update: 'Update Fields' is empty [item ${itemIndex}]`, {
			itemIndex,
			description: "Add at least one field under 'Update Fields'",
		});
	}
	return fields;
}

/** A collection parameter of an operation: null is empty, fields are coerced by their declared types. */
export function readCollection(
	this: IExecuteFunctions,
	description: INodeProperties[],
	name: string,
	itemIndex: number,
): IDataObject {
	const prop = description.find((p) => p.name === name);
	const displayName = prop?.displayName ?? name;
	const result = coerceValue(this.getNodeParameter(name, itemIndex, {}), 'collection');
	if (!result.ok) throw invalidParameter.call(this, displayName, result.problem, itemIndex);
	const fields = coerceCollection((result.value ?? {}) as IDataObject, (prop?.options ?? []) as DeclaredParameter[]);
	if (!fields.ok) throw invalidParameter.call(this, fields.field, fields.problem, itemIndex);
	return fields.value as IDataObject;
}

/** The ID from a resource locator, trimmed; a clear error names the field when it is empty. */
export function readId(this: IExecuteFunctions, name: string, displayName: string, itemIndex: number): string {
	const value = String(this.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
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
		throw new NodeOperationError(this.getNode(), `'${displayName}' is not a date [item ${itemIndex}]`, {
			itemIndex,
			description: `Enter '${displayName}' as YYYY-MM-DD, e.g. 2026-12-31 (got '${text}')`,
		});
	}
	return match[1];
}

export function assertEmail(this: IExecuteFunctions, value: unknown, displayName: string, itemIndex: number): string {
	const text = String(value ?? '').trim();
	if (!isValidEmail(text)) {
		throw new NodeOperationError(this.getNode(), `'${displayName}' is not a valid email address [item ${itemIndex}]`, {
			itemIndex,
			description: `Enter an address such as name@example.com in '${displayName}' (got '${text}')`,
		});
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

// Per-execution caches: one execute() call shares one context object across all items.
const companyIds = new WeakMap<object, Promise<string>>();
const enrichmentIndexes = new WeakMap<object, Promise<EnrichmentIndex>>();

/** The credential's company ID (from api_public/credentials), fetched once per execution. */
export async function getCompanyId(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	let pending = companyIds.get(this);
	if (!pending) {
		pending = (async () => {
			const response = await factorialApiRequest.call(this, 'GET', 'api_public/credentials', undefined, undefined, {
				itemIndex,
			});
			const list = Array.isArray(response.data) ? (response.data as IDataObject[]) : [response];
			const companyId = list.find((entry) => entry.company_id !== undefined && entry.company_id !== null)?.company_id;
			if (companyId === undefined || companyId === null) {
				throw new NodeOperationError(this.getNode(), 'Factorial did not say which company this credential belongs to', {
					itemIndex,
					description: 'The api_public/credentials answer had no company_id. Check the credential in Factorial.',
				});
			}
			return String(companyId);
		})();
		companyIds.set(this, pending);
		pending.catch(() => companyIds.delete(this));
	}
	return await pending;
}

/**
 * Contract versions, teams and memberships listed ONCE per execution and indexed by employee id,
 * so enriching N employees costs three list calls, not N.
 */
export async function getEnrichmentIndex(this: IExecuteFunctions, itemIndex: number): Promise<EnrichmentIndex> {
	let pending = enrichmentIndexes.get(this);
	if (!pending) {
		pending = (async () => {
			const options = { itemIndex };
			const [contractVersions, teams, memberships] = await Promise.all([
				factorialApiRequestAllItems.call(this, 'GET', 'contracts/contract_versions', {}, undefined, options),
				factorialApiRequestAllItems.call(this, 'GET', 'teams/teams', {}, undefined, options),
				factorialApiRequestAllItems.call(this, 'GET', 'teams/memberships', {}, undefined, options),
			]);
			// "Current" contract means current in the workflow's time zone, not the server's.
			const today = DateTime.now().setZone(this.getTimezone()).toISODate() ?? DateTime.utc().toISODate();
			return buildEnrichmentIndex(contractVersions, teams, memberships, String(today));
		})();
		enrichmentIndexes.set(this, pending);
		pending.catch(() => enrichmentIndexes.delete(this));
	}
	return await pending;
}

/** Get one record by a resource locator: GET {path}/{id}. */
export function getByLocator(
	resource: FactorialResource,
	entity: Entity,
	path: string,
	displayName: string,
): FactorialOperation {
	return {
		description: [locator(entity, entity, displayName, show(resource, ['get']))],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readId.call(this, entity, displayName, itemIndex);
			return await factorialApiRequest.call(this, 'GET', `${path}/${encodeURIComponent(id)}`, undefined, undefined, {
				itemIndex,
			});
		},
	};
}

/** Get Many with Return All / Limit and optional comma-separated ID list filters. */
export function listWithFilters(
	resource: FactorialResource,
	path: string,
	filters: Array<{ displayName: string; name: string; query: string; description: string }> = [],
): FactorialOperation {
	const description: INodeProperties[] = [...paginationFields(resource)];
	if (filters.length) {
		description.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: show(resource, ['getAll']),
			options: filters.map((filter) => ({
				displayName: filter.displayName,
				name: filter.name,
				type: 'string',
				default: '',
				description: filter.description,
			})),
		});
	}
	return {
		description,
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const values = filters.length ? readCollection.call(this, description, 'filters', itemIndex) : {};
			const qs: IDataObject = {};
			for (const filter of filters) {
				const list = toList(values[filter.name]);
				if (list.length) qs[filter.query] = list;
			}
			return await factorialApiRequestAllItems.call(this, 'GET', path, qs, readLimit.call(this, itemIndex), {
				itemIndex,
			});
		},
	};
}

/** The Operation selector of a resource. */
export function operationSelector(
	resource: FactorialResource,
	options: Array<{ name: string; value: string; action: string; description?: string }>,
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: options.map((option) => ({ ...option, description: option.description ?? option.action })),
		default: defaultOperation,
	};
}
