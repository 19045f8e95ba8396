import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { locator, show } from '../../shared/descriptions';
import { readId } from '../../shared/params';

export const description: INodeProperties[] = [
	locator('employee', 'employee', 'Employee to Unterminate', show('employee', ['unterminate'])),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readId.call(this, 'employee', 'Employee to Unterminate', itemIndex);
	// Idempotent: reactivating an active employee changes nothing, so 5xx may be retried.
	return await factorialApiRequest.call(
		this,
		'POST',
		'employees/employees/unterminate',
		{ id },
		undefined,
		{
			itemIndex,
			idempotent: true,
		},
	);
}
