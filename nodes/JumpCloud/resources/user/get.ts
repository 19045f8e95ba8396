import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOption, userLocator } from '../../shared/descriptions';
import { outputUser, readUserLocator, resolveUser } from '../../shared/helpers';

const show = { resource: ['user'], operation: ['get'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Get'), displayOptions: { show } },
	{ ...simplifyOption, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator(this, i, 'user', 'User to Get');
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	return outputUser(await resolveUser(this, i, locator, 'User to Get'), simplify);
}
