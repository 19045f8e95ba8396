import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { locator, show } from '../../shared/descriptions';
import { compact, readId, toDate } from '../../shared/params';
import { readCollection } from '../../../shared/params';

const displayOptions = show('employee', ['terminate']);

export const description: INodeProperties[] = [
	locator('employee', 'employee', 'Employee to Terminate', displayOptions),
	{
		displayName: 'Termination Date',
		name: 'terminatedOn',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Last working day (only the date is sent)',
		displayOptions,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Reason',
				name: 'termination_reason',
				type: 'string',
				default: '',
				description: 'Free-text termination reason stored in Factorial',
			},
			{
				// The parameter name is the API field and stays; only the label follows the model.
				displayName: 'Terminating Manager ID',
				name: 'termination_assigned_manager_id',
				type: 'string',
				default: '',
				description:
					'Factorial ID of the manager who terminates the employee (recorded on the termination). It does not reassign direct reports.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readId.call(this, 'employee', 'Employee to Terminate', itemIndex);
	const terminatedOn = toDate.call(
		this,
		this.getNodeParameter('terminatedOn', itemIndex),
		'Termination Date',
		itemIndex,
	);
	const additional = compact(readCollection.call(this, description, 'additionalFields', itemIndex));
	// Idempotent: terminating again with the same date leaves the same state, so 5xx may be retried.
	return await factorialApiRequest.call(
		this,
		'POST',
		'employees/employees/terminate',
		{ ...additional, id, terminated_on: terminatedOn },
		undefined,
		{ itemIndex, idempotent: true },
	);
}
