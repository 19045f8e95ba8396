import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getEnrichmentIndex } from './shared/lookups';
import { enrichEmployee, simplifyEmployee } from '../lib/employee';
import { factorialApiRequestAllItems, getFactorialContext } from './transport';

/**
 * Every Factorial employee exactly as Factorial → Employee → Get Many emits them with Return All,
 * Simplify and Include Contract and Teams (same requests: the paged employee list plus contract
 * versions, teams and memberships once), plus `location_timezone` from one read of the locations. The one seam another node may use: the JumpCloud
 * reconciliation reads the employees itself so that n8n does not carry (and store in the execution)
 * one item per employee between two nodes. The credential is chosen by the calling node's
 * `factorialAuthentication` parameter (see transport.ts).
 */
export async function listEmployeesForSync(this: IExecuteFunctions): Promise<IDataObject[]> {
	const employees = await factorialApiRequestAllItems.call(
		this,
		'GET',
		'employees/employees',
		{},
		undefined,
		{ itemIndex: 0 },
	);
	const index = await getEnrichmentIndex.call(this, 0);
	// The activation rule needs each employee's local time zone: the one of their location, read once
	// (what the template's Location → Get Many and merge on location_id did before).
	const locations = await factorialApiRequestAllItems.call(
		this,
		'GET',
		'locations/locations',
		{},
		undefined,
		{ itemIndex: 0 },
	);
	const zoneOf = new Map(
		locations.map((location) => [String(location.id), location.timezone as unknown]),
	);
	// The work email comes from the credential's Work Email Field, as in Employee → Get Many.
	const { workEmailSource } = await getFactorialContext.call(this);
	return employees.map((employee) => {
		const simple = simplifyEmployee(
			enrichEmployee(employee, index),
			workEmailSource,
		) as IDataObject;
		const zone = zoneOf.get(String(employee.location_id));
		if (typeof zone === 'string' && zone && simple.location_timezone === undefined)
			simple.location_timezone = zone;
		return simple;
	});
}

/**
 * The names of every Factorial team, from the same (cached) team list `listEmployeesForSync` reads:
 * no extra request after it. The reconciliation's team groups are the groups named like these.
 */
export async function listTeamNamesForSync(this: IExecuteFunctions): Promise<string[]> {
	return (await getEnrichmentIndex.call(this, 0)).teamNames;
}
