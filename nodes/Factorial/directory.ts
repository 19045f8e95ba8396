import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getEnrichmentIndex } from './shared/lookups';
import { employeeValuesByItemField } from '../lib/customFields';
import { enrichEmployee, simplifyEmployee } from '../lib/employee';
import { factorialApiRequestAllItems, getFactorialContext } from './transport';

/**
 * Every Factorial employee exactly as Factorial → Employee → Get Many emits them with Return All,
 * Simplify and Include Contract and Teams (same requests: the paged employee list plus contract
 * versions, teams and memberships once), plus `location_timezone` from one read of the locations. The one seam another node may use: the JumpCloud
 * reconciliation reads the employees itself so that n8n does not carry (and store in the execution)
 * one item per employee between two nodes. The credential is chosen by the calling node's
 * `factorialAuthentication` parameter (see transport.ts).
 *
 * `customItemFields`: the Item Fields of the caller's 'Custom Attributes From Fields' pairs. When there
 * are any, all custom field values are read first (`custom_fields/values`, every page: a short or
 * failed page stops the run) and each employee's value of the custom field an Item Field names (its
 * label, identifier or field id: nodes/lib/customFields.ts) is put into the item under that name. An
 * Item Field naming two fields is refused. Without pairs, no custom field request is made.
 */
export async function listEmployeesForSync(
	this: IExecuteFunctions,
	customItemFields: readonly string[] = [],
): Promise<IDataObject[]> {
	const custom = customItemFields.length
		? await readCustomValues(this, customItemFields)
		: undefined;
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
		const values = custom?.get(String(employee.id));
		return values ? { ...simple, ...values } : simple;
	});
}

/** Each employee's custom field values under the Item Fields that name their fields. */
async function readCustomValues(
	ctx: IExecuteFunctions,
	itemFields: readonly string[],
): Promise<Map<string, Record<string, string>>> {
	const values = await factorialApiRequestAllItems.call(
		ctx,
		'GET',
		'custom_fields/values',
		{},
		undefined,
		{ itemIndex: 0 },
	);
	const { byEmployee, problems } = employeeValuesByItemField(values, itemFields);
	if (problems.length)
		throw new NodeOperationError(
			ctx.getNode(),
			`'Custom Attributes From Fields' Item Field ${problems[0]} [item 0]`,
			{
				itemIndex: 0,
				description:
					'With Employees: Read From Factorial an Item Field names a Factorial custom field by its label, its identifier or its field ID. Two fields have this label: use the identifier or the field ID of the one you mean. Nothing was written.',
			},
		);
	return byEmployee;
}

/**
 * The names of every Factorial team, from the same (cached) team list `listEmployeesForSync` reads:
 * no extra request after it. The reconciliation's team groups are the groups named like these.
 */
export async function listTeamNamesForSync(this: IExecuteFunctions): Promise<string[]> {
	return (await getEnrichmentIndex.call(this, 0)).teamNames;
}
