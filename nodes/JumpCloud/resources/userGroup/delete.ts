import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { groupLocator } from '../../shared/descriptions';
import { forgetGroups, readGroupLocator, resolveGroup } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';

const show = { resource: ['userGroup'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{ ...groupLocator('Group to Delete'), displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readGroupLocator.call(this, i, 'group', 'Group to Delete');
	const group = await resolveGroup.call(this, i, locator, 'Group to Delete');
	await jumpCloudApiRequest.call(
		this,
		'DELETE',
		`/v2/usergroups/${encodeURIComponent(group.id)}`,
		undefined,
		undefined,
		{
			itemIndex: i,
		},
	);
	forgetGroups.call(this);
	return { deleted: true, id: group.id };
}
