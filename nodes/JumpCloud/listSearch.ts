import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { JumpCloudFullResponse } from './transport';
import { JUMPCLOUD_PAGE_SIZE, jumpCloudApiRequest } from './transport';

/** Users for the "From List" mode; the search text is a partial match, the token is the next skip. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const skip = Number(paginationToken ?? 0) || 0;
	// Paging in the body and the query: JumpCloud's own clients page searches from the body.
	const paging = { limit: JUMPCLOUD_PAGE_SIZE, skip };
	const body: IDataObject = {
		fields: '_id username email displayname firstname lastname',
		...paging,
	};
	const text = String(filter ?? '').trim();
	if (text)
		body.searchFilter = {
			searchTerm: text,
			fields: ['username', 'email', 'firstname', 'lastname', 'displayname'],
		};
	const data = (await jumpCloudApiRequest.call(
		this,
		'POST',
		'/search/systemusers',
		body,
		// No `sort`: the published search contract has none (test/contracts/jumpcloud.json).
		paging,
		{ idempotent: true },
	)) as IDataObject;
	const users = Array.isArray(data.results) ? (data.results as IDataObject[]) : [];
	const total = typeof data.totalCount === 'number' ? data.totalCount : undefined;
	const next = skip + users.length;
	return {
		results: users.map((u) => {
			const name = String(
				u.displayname || [u.firstname, u.lastname].filter(Boolean).join(' ') || u.username,
			);
			return { name: `${name} (${String(u.email ?? u.username)})`, value: String(u._id ?? u.id) };
		}),
		paginationToken:
			// A server that ignored the limit answers a shorter page; the total still says what is left.
			users.length > 0 &&
			(total === undefined ? users.length === JUMPCLOUD_PAGE_SIZE : next < total)
				? String(next)
				: undefined,
	};
}

/** Groups for the "From List" mode, sorted by name; the search text is matched case-insensitively. */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const skip = Number(paginationToken ?? 0) || 0;
	const qs: IDataObject = { limit: JUMPCLOUD_PAGE_SIZE, skip, sort: 'name' };
	const text = String(filter ?? '').trim();
	if (text) qs.filter = `name:search:${text}`;
	const response = (await jumpCloudApiRequest.call(this, 'GET', '/v2/usergroups', undefined, qs, {
		returnFullResponse: true,
	})) as JumpCloudFullResponse;
	const groups = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
	const shown = text
		? groups.filter((g) =>
				String(g.name ?? '')
					.toLowerCase()
					.includes(text.toLowerCase()),
			)
		: groups;
	return {
		results: shown.map((g) => ({ name: String(g.name ?? g.id), value: String(g.id) })),
		paginationToken:
			groups.length === JUMPCLOUD_PAGE_SIZE ? String(skip + groups.length) : undefined,
	};
}
