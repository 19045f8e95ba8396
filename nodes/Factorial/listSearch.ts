import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { FACTORIAL_PAGE_SIZE, factorialApiRequest } from './transport';

/**
 * From List pickers. Each call fetches one page (cursor in paginationToken). Employees are
 * searched by the server (full_text_name); the other lists are small and filtered here.
 */
async function searchPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	label: (record: IDataObject) => string,
	qs: IDataObject,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const query: IDataObject = { ...qs, limit: FACTORIAL_PAGE_SIZE };
	if (paginationToken) query.after_id = paginationToken;
	const response = (await factorialApiRequest.call(
		ctx,
		'GET',
		path,
		undefined,
		query,
	)) as IDataObject;
	const records = (Array.isArray(response.data) ? response.data : []) as IDataObject[];
	const needle = (filter ?? '').trim().toLowerCase();
	const results = records
		.map((record) => ({ name: label(record), value: String(record.id) }))
		.filter(
			(result) => !needle || result.name.toLowerCase().includes(needle) || result.value === needle,
		)
		.sort((a, b) =>
			a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }),
		);
	const meta = (response.meta ?? {}) as IDataObject;
	const next = meta.has_next_page === true && meta.end_cursor ? String(meta.end_cursor) : undefined;
	return { results, paginationToken: next };
}

export async function searchEmployees(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = {};
	if (filter?.trim()) qs.full_text_name = filter.trim();
	// The server already matched the name; keep its answer rather than filtering again.
	return await searchPage(
		this,
		'employees/employees',
		(record) => {
			const name = String(
				record.full_name ?? `${String(record.first_name ?? '')} ${String(record.last_name ?? '')}`,
			).trim();
			return record.email ? `${name} (${String(record.email)})` : name;
		},
		qs,
		undefined,
		paginationToken,
	);
}

export async function searchTeams(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchPage(
		this,
		'teams/teams',
		(record) => String(record.name ?? record.id),
		{},
		filter,
		paginationToken,
	);
}

export async function searchLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchPage(
		this,
		'locations/locations',
		(record) => String(record.name ?? record.id),
		{},
		filter,
		paginationToken,
	);
}

export async function searchLegalEntities(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchPage(
		this,
		'companies/legal_entities',
		(record) => String(record.legal_name ?? record.id),
		{},
		filter,
		paginationToken,
	);
}

export async function searchCustomFields(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) {
	return await searchPage(
		this,
		'custom_fields/fields',
		(record) => String(record.label_text ?? record.id),
		{},
		filter,
		paginationToken,
	);
}
