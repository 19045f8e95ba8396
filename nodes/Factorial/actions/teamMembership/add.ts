import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { locator, readId, show } from '../common';

const displayOptions = show('teamMembership', ['add']);

export const description: INodeProperties[] = [
	locator('team', 'team', 'Team', displayOptions),
	locator('employee', 'employee', 'Employee to Add', displayOptions),
	{
		displayName: 'Team Lead',
		name: 'lead',
		type: 'boolean',
		default: false,
		description: 'Whether the employee leads the team',
		displayOptions,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = {
		team_id: readId.call(this, 'team', 'Team', itemIndex),
		employee_id: readId.call(this, 'employee', 'Employee to Add', itemIndex),
		lead: this.getNodeParameter('lead', itemIndex, false) as boolean,
	};
	// Not retried on 5xx: a second create could add a duplicate membership.
	return await factorialApiRequest.call(this, 'POST', 'teams/memberships', body, undefined, { itemIndex });
}
