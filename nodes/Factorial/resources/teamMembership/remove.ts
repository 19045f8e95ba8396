import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { factorialApiRequest, factorialApiRequestAllItems } from '../../transport';
import { locator, show } from '../../shared/descriptions';
import { readId } from '../../shared/params';

const displayOptions = show('teamMembership', ['remove']);

export const description: INodeProperties[] = [
	locator('team', 'team', 'Team', displayOptions),
	locator('employee', 'employee', 'Employee to Remove', displayOptions),
];

/**
 * Finds the membership of the employee in the team and deletes it. An employee who is not a
 * member yields `{ deleted: false }` rather than an error, so leaver flows can run twice.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const teamId = readId.call(this, 'team', 'Team', itemIndex);
	const employeeId = readId.call(this, 'employee', 'Employee to Remove', itemIndex);
	const memberships = await factorialApiRequestAllItems.call(
		this,
		'GET',
		'teams/memberships',
		{ team_ids: [teamId], employee_ids: [employeeId] },
		undefined,
		{ itemIndex },
	);
	const matches = memberships.filter(
		(membership) =>
			String(membership.team_id) === teamId && String(membership.employee_id) === employeeId,
	);
	for (const membership of matches) {
		await factorialApiRequest.call(
			this,
			'DELETE',
			`teams/memberships/${encodeURIComponent(String(membership.id))}`,
			undefined,
			undefined,
			{ itemIndex },
		);
	}
	return {
		deleted: matches.length > 0,
		team_id: teamId,
		employee_id: employeeId,
		membership_ids: matches.map((membership) => String(membership.id)),
	};
}
