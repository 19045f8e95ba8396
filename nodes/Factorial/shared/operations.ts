import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest, factorialApiRequestAllItems } from '../transport';
import type { OperationModule } from '../../shared/router';
import type { Entity, FactorialResource } from './descriptions';
import { listFields, locator, paginationFields, show } from './descriptions';
import { readCollection, readLimit } from '../../shared/params';
import { readId, toList } from './params';

/** Operations that differ only in their path: Get by a resource locator, Get Many with filters. */

/** Every page of GET {path} (or as many records as Limit allows when Return All is off). */
export async function getAllPages(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	qs: IDataObject,
): Promise<IDataObject[]> {
	return await factorialApiRequestAllItems.call(
		this,
		'GET',
		path,
		qs,
		readLimit.call(this, itemIndex),
		{
			itemIndex,
		},
	);
}

/** Get one record by a resource locator: GET {path}/{id}. */
export function getByLocator(
	resource: FactorialResource,
	entity: Entity,
	path: string,
	displayName: string,
): OperationModule {
	return {
		description: [locator(entity, entity, displayName, show(resource, ['get']))],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = readId.call(this, entity, displayName, itemIndex);
			return await factorialApiRequest.call(
				this,
				'GET',
				`${path}/${encodeURIComponent(id)}`,
				undefined,
				undefined,
				{
					itemIndex,
				},
			);
		},
	};
}

/** Get Many with Return All / Limit and optional comma-separated ID list filters. */
export function listWithFilters(
	resource: FactorialResource,
	path: string,
	filters: Array<{ displayName: string; name: string; query: string; description: string }> = [],
): OperationModule {
	const description: INodeProperties[] = filters.length
		? listFields(
				resource,
				filters.map((filter) => ({
					displayName: filter.displayName,
					name: filter.name,
					type: 'string',
					default: '',
					description: filter.description,
				})),
			)
		: paginationFields(resource);
	return {
		description,
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const values = filters.length
				? readCollection.call(this, description, 'filters', itemIndex)
				: {};
			const qs: IDataObject = {};
			for (const filter of filters) {
				const list = toList(values[filter.name]);
				if (list.length) qs[filter.query] = list;
			}
			return await getAllPages.call(this, itemIndex, path, qs);
		},
	};
}
