import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { splitList, USER_STATES } from '../../mapping';
import { isValidEmail } from '../../../lib/email';
import { exactCaseInsensitiveRegex } from '../../search';
import { paginationFields } from '../../../shared/descriptions';
import { optionsCollection, simplifyOption } from '../../shared/descriptions';
import { invalid, outputUser } from '../../shared/helpers';
import { jumpCloudApiRequestAllItems } from '../../transport';
import { readBoolean, readCollection, readLimit } from '../../../shared/params';

const show = { resource: ['user'], operation: ['getAll'] };

/** Exact, case-sensitive equality filters (JumpCloud's own semantics for these fields). */
const EQUALITY_FILTERS: Array<[string, string, string]> = [
	['company', 'Company', 'e.g. Acme GmbH'],
	['costCenter', 'Cost Center', 'e.g. CC-100'],
	['department', 'Department', 'e.g. R&D'],
	['employeeType', 'Employee Type', 'e.g. Full-time'],
	['jobTitle', 'Job Title', 'e.g. Software Engineer'],
	['location', 'Location', 'e.g. Berlin'],
];

export const description: INodeProperties[] = [
	...paginationFields(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: (
			[
				...(EQUALITY_FILTERS.map(
					([name, displayName, placeholder]): INodeProperties => ({
						displayName,
						name,
						type: 'string',
						default: '',
						placeholder,
						description: `Exact ${displayName.toLowerCase()} (case-sensitive)`,
					}),
				) as INodeProperties[]),
				{
					displayName: 'Email',
					name: 'email',
					type: 'string',
					default: '',
					placeholder: 'e.g. jane.doe@example.com',
					description: 'Exact email, ignoring case',
				},
				{
					displayName: 'Employee Identifier',
					name: 'employeeIdentifier',
					type: 'string',
					default: '',
					placeholder: 'e.g. E12345',
					description: 'Exact employee identifier, ignoring case',
				},
				{
					displayName: 'Search Text',
					name: 'searchText',
					type: 'string',
					default: '',
					placeholder: 'e.g. jane',
					description: 'Partial match on username, email, first, last and display name',
				},
				{
					displayName: 'State',
					name: 'state',
					type: 'options',
					options: [
						{ name: 'Activated', value: 'ACTIVATED' },
						{ name: 'Staged', value: 'STAGED' },
						{ name: 'Suspended', value: 'SUSPENDED' },
					],
					default: 'ACTIVATED',
				},
				{
					displayName: 'Username',
					name: 'username',
					type: 'string',
					default: '',
					placeholder: 'e.g. jdoe',
					description: 'Exact username, ignoring case',
				},
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	optionsCollection(show, [
		{
			displayName: 'Fields to Return',
			name: 'fields',
			type: 'string',
			default: '',
			placeholder: 'e.g. username, email, state',
			description: 'Comma-separated JumpCloud field names; when set, Simplify is ignored',
		},
	]),
	{ ...simplifyOption, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, i);
	const filters = readCollection.call(this, description, 'filters', i);
	const options = readCollection.call(this, description, 'options', i);
	const simplify = readBoolean.call(this, 'simplify', true, i);

	const and: IDataObject[] = [];
	for (const key of ['email', 'username', 'employeeIdentifier']) {
		const value = String(filters[key] ?? '').trim();
		if (!value) continue;
		if (key === 'email' && !isValidEmail(value))
			throw invalid.call(this, i, 'Email', `"${value}" is not a valid email address`);
		and.push({ [key]: { $regex: exactCaseInsensitiveRegex([value]) } });
	}
	for (const [key] of EQUALITY_FILTERS) {
		const value = String(filters[key] ?? '').trim();
		if (value) and.push({ [key]: value });
	}
	if (filters.state) {
		if (!USER_STATES.includes(String(filters.state)))
			throw invalid.call(this, i, 'State', `"${String(filters.state)}" is not a user state`);
		and.push({ state: filters.state });
	}
	const body: IDataObject = {};
	if (and.length) body.filter = { and };
	const searchText = String(filters.searchText ?? '').trim();
	if (searchText) {
		body.searchFilter = {
			searchTerm: searchText,
			fields: ['username', 'email', 'firstname', 'lastname', 'displayname'],
		};
	}
	const fields = splitList(options.fields);
	if (fields.length) body.fields = fields.join(' ');

	const users = await jumpCloudApiRequestAllItems.call(
		this,
		'POST',
		'/search/systemusers',
		body,
		{},
		limit,
		{
			itemIndex: i,
		},
	);
	return users.map((u) => (fields.length ? u : outputUser(u, simplify)));
}
