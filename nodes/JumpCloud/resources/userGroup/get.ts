import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { groupLocator } from '../../shared/descriptions';
import { readGroupLocator, resolveGroup } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';

const show = { resource: ['userGroup'], operation: ['get'] };

export const description: INodeProperties[] = [
	{ ...groupLocator('Group to Get'), displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readGroupLocator.call(this, i, 'group', 'Group to Get');
	const group = await resolveGroup.call(this, i, locator, 'Group to Get');
	return (await jumpCloudApiRequest.call(
		this,
		'GET',
		`/v2/usergroups/${encodeURIComponent(group.id)}`,
		undefined,
		undefined,
		{
			itemIndex: i,
		},
	)) as IDataObject;
}
