import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginationFields } from '../../../shared/descriptions';
import { jumpCloudApiRequestAllItems } from '../../transport';
import { readCollection, readLimit } from '../../../shared/params';

const show = { resource: ['userGroup'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...paginationFields(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Engineering',
				description: 'Exact group name (case-sensitive, as JumpCloud compares it)',
			},
			{
				displayName: 'Name Starts With',
				name: 'namePrefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. team-',
				description: 'Only groups whose name starts with this text, ignoring case',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, i);
	const filters = readCollection.call(this, description, 'filters', i);
	const qs: IDataObject = { sort: 'name' };
	const name = String(filters.name ?? '').trim();
	if (name) qs.filter = `name:eq:${name}`;
	const prefix = String(filters.namePrefix ?? '')
		.trim()
		.toLowerCase();
	// A prefix is filtered here (JumpCloud's filter is case-sensitive), so read all pages first.
	const groups = await jumpCloudApiRequestAllItems.call(
		this,
		'GET',
		'/v2/usergroups',
		undefined,
		qs,
		prefix ? undefined : limit,
		{
			itemIndex: i,
		},
	);
	const matching = prefix
		? groups.filter((g) =>
				String(g.name ?? '')
					.toLowerCase()
					.startsWith(prefix),
			)
		: groups;
	return limit !== undefined ? matching.slice(0, limit) : matching;
}
