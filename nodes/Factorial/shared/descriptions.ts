import type { INodeProperties } from 'n8n-workflow';

import { paginationFields as sharedPaginationFields } from '../../shared/descriptions';

/** Parameter definitions the Factorial operations share. */

export type FactorialResource =
	| 'employee'
	| 'team'
	| 'teamMembership'
	| 'location'
	| 'legalEntity'
	| 'contractVersion'
	| 'customFieldValue'
	| 'webhookSubscription';

export function show(resource: FactorialResource, operation: string[]) {
	return { show: { resource: [resource], operation } };
}

export type Entity = 'employee' | 'team' | 'location' | 'legalEntity';

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
						properties: {
							regex: '^\\s*[A-Za-z0-9_-]+\\s*$',
							errorMessage: `Not a valid ${text.label} ID`,
						},
					},
				],
			},
		],
	};
}

/** Return All + Limit for a list operation. */
export function paginationFields(
	resource: FactorialResource,
	operation = 'getAll',
): INodeProperties[] {
	return sharedPaginationFields(show(resource, [operation]).show);
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

/** The Filters collection of a list operation. */
function filtersProperty(
	displayOptions: INodeProperties['displayOptions'],
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions,
		options,
	};
}

/** Return All, Limit and the Filters collection of a Get Many operation. */
export function listFields(
	resource: FactorialResource,
	filters: INodeProperties[],
): INodeProperties[] {
	return [...paginationFields(resource), filtersProperty(show(resource, ['getAll']), filters)];
}

/** The Employee IDs filter of a list operation. */
export const employeeIdsFilter = (): INodeProperties => ({
	displayName: 'Employee IDs',
	name: 'employeeIds',
	type: 'string',
	default: '',
	description: 'Comma-separated employee IDs',
});

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
		options: options.map((option) => ({
			...option,
			description: option.description ?? option.action,
		})),
		default: defaultOperation,
	};
}
