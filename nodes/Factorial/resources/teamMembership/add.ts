import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest } from '../../transport';
import { locator, show } from '../../shared/descriptions';
import { readId } from '../../shared/params';

const displayOptions = show('teamMembership', ['add']);

export const description: INodeProperties[] = [
	locator('team', 'team', 'Team', displayOptions),
	locator('employee', 'employee', 'Employee to Add', displayOptions),
	{
		displayName: 'Team Lead',
		name: 'lead',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description:
			'Whether to make the employee a lead of the team. Off sends nothing about leading, so an existing lead stays a lead.',
		displayOptions,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = {
		team_id: readId.call(this, 'team', 'Team', itemIndex),
		employee_id: readId.call(this, 'employee', 'Employee to Add', itemIndex),
	};
	// `lead` is optional in the create body ("Makes the employee a lead of the team";
	// docs/reference/factorial-api-notes.md). Sending false could demote an existing lead, so only true is sent.
	if (this.getNodeParameter('lead', itemIndex, false) === true) body.lead = true;
	// Not retried on 5xx: a second create could add a duplicate membership.
	return await factorialApiRequest.call(this, 'POST', 'teams/memberships', body, undefined, {
		itemIndex,
	});
}
