import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { locator, show } from '../../shared/descriptions';
import { getCompanyId } from '../../shared/lookups';
import { readId } from '../../shared/params';

export const description: INodeProperties[] = [
	locator(
		'employee',
		'employee',
		'Employee to Invite',
		show('employee', ['invite']),
		'An employee who has not accepted an invitation yet',
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readId.call(this, 'employee', 'Employee to Invite', itemIndex);
	const companyId = await getCompanyId.call(this, itemIndex);
	// Not retried on 5xx: each call may send another invitation email.
	return await factorialApiRequest.call(
		this,
		'POST',
		'employees/employees/invite',
		{ id, company_id: companyId },
		undefined,
		{ itemIndex },
	);
}
