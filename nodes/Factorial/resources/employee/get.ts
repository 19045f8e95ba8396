import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { locator, show } from '../../shared/descriptions';
import { readId } from '../../shared/params';
import { employeeOutputFields, shapeEmployees } from './shared';

export const description: INodeProperties[] = [
	locator('employee', 'employee', 'Employee', show('employee', ['get'])),
	...employeeOutputFields('get'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readId.call(this, 'employee', 'Employee', itemIndex);
	const employee = (await factorialApiRequest.call(
		this,
		'GET',
		`employees/employees/${encodeURIComponent(id)}`,
		undefined,
		undefined,
		{ itemIndex },
	)) as IDataObject;
	return await shapeEmployees.call(this, [employee], itemIndex);
}
