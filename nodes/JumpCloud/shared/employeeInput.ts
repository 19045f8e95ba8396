/**
 * "Map a Factorial Employee" for Create or Update and Update: the user fields come from a Factorial employee
 * item through the one shared mapping (nodes/shared/employeeMapping.ts, also used by the reconciliation), so
 * templates do not repeat dozens of expressions. Fields set explicitly in the node still win.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AttributeAuthority } from '../../lib/authority';
import { attributesToClear, writesOnCreate, writesOnUpdate } from '../../lib/authority';
import type { CustomAttributePair, SyncAttribute } from '../../lib/employeeMapping';
import { mapEmployeeToUser } from '../../lib/employeeMapping';
import type { UserInput } from '../mapping';
import { findSystemUsers } from '../transport';
import { invalid, readUserInput } from './helpers';

export const MAP_FROM_FIELDS = 'fields';
export const MAP_FROM_EMPLOYEE = 'factorialEmployee';

export function employeeMappingFields(show: Record<string, string[]>): INodeProperties[] {
	const mapping = { show: { ...show, mapFrom: [MAP_FROM_EMPLOYEE] } };
	return [
		{
			displayName: 'Map From',
			name: 'mapFrom',
			type: 'options',
			options: [
				{
					name: 'Fields Below',
					value: MAP_FROM_FIELDS,
					description: 'Set each JumpCloud field yourself',
				},
				{
					name: 'A Factorial Employee Item',
					value: MAP_FROM_EMPLOYEE,
					description:
						'Names, work email, job title, department (first team), location and company names if present, employee identifier, manager (by employee ID) and custom attributes, by the same rules as the reconciliation',
				},
			],
			default: MAP_FROM_FIELDS,
			displayOptions: { show },
		},
		{
			displayName: 'Factorial Employee',
			name: 'employee',
			type: 'json',
			default: '={{ $json }}',
			description:
				'The employee as the Factorial node (Simplify, Include Contract and Teams) or trigger outputs it. Add location_name or legal_entity_name upstream for Location and Company.',
			displayOptions: mapping,
		},
		{
			displayName: 'Link Manager',
			name: 'mapManager',
			type: 'boolean',
			validateType: 'boolean',
			default: true,
			description:
				"Whether to set the manager to the JumpCloud user whose employee identifier is the employee's manager_id (left unchanged when there is none or more than one)",
			displayOptions: mapping,
		},
		customAttributeMapField(mapping),
	];
}

/**
 * Custom field → custom attribute pairs (`customAttributeMap`), the same parameter in "Map From → A
 * Factorial Employee Item" and in Directory Sync → Reconcile, read by `readCustomAttributePairs`.
 */
export function customAttributeMapField(
	displayOptions: INodeProperties['displayOptions'],
	description = 'Item fields (e.g. a Factorial custom field added upstream) written to JumpCloud custom attributes; empty values are left out',
): INodeProperties {
	return {
		displayName: 'Custom Attributes From Fields',
		name: 'customAttributeMap',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Pair',
		default: {},
		description,
		displayOptions,
		options: [
			{
				displayName: 'Pair',
				name: 'pair',
				values: [
					{
						displayName: 'Item Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'e.g. cost_center',
					},
					{
						displayName: 'JumpCloud Attribute',
						name: 'attribute',
						type: 'string',
						default: '',
						placeholder: 'e.g. costCenter',
					},
				],
			},
		],
	};
}

/** The pairs of `customAttributeMap` (anything else than a list of pairs reads as none). */
export function readCustomAttributePairs(ctx: IExecuteFunctions, i: number): CustomAttributePair[] {
	const value = ctx.getNodeParameter('customAttributeMap', i, {}) as unknown;
	const pairs =
		value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as IDataObject).pair
			: undefined;
	return (Array.isArray(pairs) ? (pairs as Array<Partial<CustomAttributePair>>) : []).map((p) => ({
		field: String(p?.field ?? ''),
		attribute: String(p?.attribute ?? ''),
	}));
}

export interface MappedInput {
	input: UserInput;
	managerEmployeeId: string | null;
	/** The employee item as given (the sync policy reads blank fields from it). */
	employee: Record<string, unknown>;
}

/** Synced attribute → the JumpCloud node's field name (`UserInput.strings` key). */
const INPUT_FIELD_OF: Record<SyncAttribute, string> = {
	email: 'email',
	firstname: 'firstName',
	lastname: 'lastName',
	displayname: 'displayName',
	jobTitle: 'jobTitle',
	department: 'department',
	manager: 'managerId',
	location: 'location',
	company: 'company',
};

/**
 * The input the sync policy's attribute authority allows (nodes/lib/authority.ts): at creation every
 * attribute but those set to Never; on an existing user only those set to Always, plus an empty value
 * for each attribute HR blanked that the policy clears. Applies to the mapped and the explicitly set
 * fields alike: the templates set Location explicitly, and the policy is the admin's word on it.
 */
export function inputWithAuthority(
	mapped: MappedInput,
	input: UserInput,
	policy: AttributeAuthority | undefined,
	phase: 'create' | 'update',
): UserInput {
	if (!policy) return input;
	const out: UserInput = { ...input, strings: { ...input.strings } };
	const writes = phase === 'create' ? writesOnCreate : writesOnUpdate;
	for (const [attribute, field] of Object.entries(INPUT_FIELD_OF) as Array<
		[SyncAttribute, string]
	>) {
		if (writes(policy, attribute)) continue;
		delete out.strings[field];
		if (attribute === 'manager') delete out.managerEmail;
	}
	if (phase === 'update')
		for (const attribute of attributesToClear(mapped.employee, policy))
			out.strings[INPUT_FIELD_OF[attribute]] = '';
	return out;
}

/** A *Factorial Employee* parameter (an object, or its JSON) as one employee object, or a clear error. */
export function readEmployeeObject(
	ctx: IExecuteFunctions,
	i: number,
	parameter: string,
): Record<string, unknown> {
	let raw = ctx.getNodeParameter(parameter, i, {}) as unknown;
	if (typeof raw === 'string') {
		try {
			raw = JSON.parse(raw) as unknown;
		} catch {
			throw invalid.call(ctx, i, 'Factorial Employee', 'is not valid JSON');
		}
	}
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
		throw invalid.call(
			ctx,
			i,
			'Factorial Employee',
			'must be one employee object, e.g. {{ $json }}',
		);
	return raw as Record<string, unknown>;
}

/**
 * The user input of an operation with Map From: undefined in "Fields Below" mode (the caller reads its fields
 * as before); otherwise the mapped employee merged under the explicitly set `fields`.
 */
export function readMappedInput(
	ctx: IExecuteFunctions,
	i: number,
	fields: IDataObject,
	username: string | undefined,
): MappedInput | undefined {
	if (ctx.getNodeParameter('mapFrom', i, MAP_FROM_FIELDS) !== MAP_FROM_EMPLOYEE) return undefined;
	const raw = readEmployeeObject(ctx, i, 'employee');
	const pairs = readCustomAttributePairs(ctx, i);
	const mapped = mapEmployeeToUser(raw, '9999-12-31', pairs);
	if (mapped.problems.length)
		throw invalid.call(
			ctx,
			i,
			'Factorial Employee',
			`cannot be mapped: ${mapped.problems.join('; ')}`,
			'Pass the Factorial employee item (Factorial → Employee → Get, or the trigger output).',
		);
	if (!mapped.email)
		throw invalid.call(
			ctx,
			i,
			'Factorial Employee',
			'has no valid work email',
			'Filter out employees without a work email before this node (as the templates do).',
		);
	const input = readUserInput(
		{ ...mapped.fields, ...fields },
		{ email: mapped.email as string, ...(username !== undefined ? { username } : {}) },
	);
	const explicit = new Set((input.attributes ?? []).map((a) => a.name));
	input.attributes = [
		...mapped.attributes.filter((a) => !explicit.has(a.name)),
		...(input.attributes ?? []),
	];
	const mapManager = ctx.getNodeParameter('mapManager', i, true) as boolean;
	return {
		input,
		managerEmployeeId:
			mapManager && !input.strings.managerId && !input.managerEmail
				? mapped.managerEmployeeId
				: null,
		employee: raw as Record<string, unknown>,
	};
}

/** Manager by Factorial id: the one JumpCloud user carrying it as employee identifier, else unchanged. */
export async function resolveManagerByEmployeeId(
	ctx: IExecuteFunctions,
	i: number,
	mapped: MappedInput | undefined,
): Promise<void> {
	if (!mapped?.managerEmployeeId) return;
	const matches = await findSystemUsers.call(
		ctx,
		{ employeeIdentifier: mapped.managerEmployeeId },
		['_id', 'employeeIdentifier'],
		{ itemIndex: i },
	);
	if (matches.length === 1)
		mapped.input.strings.managerId = String(matches[0]._id ?? matches[0].id);
}
