import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { locator, show } from '../../shared/descriptions';
import { readId } from '../../shared/params';

export const description: INodeProperties[] = [
	locator('team', 'team', 'Team to Delete', show('team', ['delete'])),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readId.call(this, 'team', 'Team to Delete', itemIndex);
	await factorialApiRequest.call(
		this,
		'DELETE',
		`teams/teams/${encodeURIComponent(id)}`,
		undefined,
		undefined,
		{
			itemIndex,
		},
	);
	return { deleted: true, id };
}
