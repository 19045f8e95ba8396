/**
 * Factorial event catalogue and the output item shape shared by both Factorial triggers.
 *
 * Pure module: no n8n imports, so the webhook trigger (FactorialTrigger) and the poll trigger
 * (FactorialPollTrigger) emit exactly the same items and can be swapped in a workflow.
 *
 * Stable exports (other modules import these names; do not rename):
 * - `FACTORIAL_EVENTS`            the one table of webhook events: stable name <-> Factorial `subscription_type`
 * - `POLL_ONLY_EVENTS`            events only polling can see (no Factorial webhook exists), e.g. 'employee.deleted'
 * - `FactorialWebhookEventName`   union of the webhook event names, e.g. 'employee.created'
 * - `FactorialEventName`          webhook names plus poll-only names
 * - `FactorialResourceType`       'employee' | 'teamMembership' | 'contractVersion' | 'team' | 'location' | 'legalEntity'
 * - `getFactorialEvent(name)`     webhook definition for a stable name, or undefined
 * - `getFactorialEventBySubscriptionType(type)`  definition for a Factorial type, or undefined
 * - `isFactorialEventName(value)` type guard for untrusted input (e.g. the webhook URL query)
 * - `toFactorialId(value)`        IDs as opaque strings (numbers before API 2026-07-01), null when absent
 * - `NormalisedEmployee` / `normaliseEmployee(raw)`  the identity fields of an employee record
 * - `FactorialEventItem` / `buildEventItem(input)`   the JSON of one output item
 */

import { normaliseEmployee, toFactorialId, trimmedText as toText } from '../lib/employee';
import type { NormalisedEmployee, WorkEmailSource } from '../lib/employee';

// The employee model lives in nodes/lib/employee.ts; these names stay exported here for the triggers.
export { normaliseEmployee, toFactorialId };
export type { NormalisedEmployee };

export type FactorialResourceType =
	| 'employee'
	| 'teamMembership'
	| 'contractVersion'
	| 'team'
	| 'location'
	| 'legalEntity';

export interface FactorialEventDefinition {
	/** Stable name in our output, independent of Factorial's naming. */
	name: string;
	/** Factorial's webhook `subscription_type` (request) / `type` (response). */
	subscriptionType: string;
	displayName: string;
	description: string;
	resourceType: FactorialResourceType;
}

/**
 * The only place Factorial's type strings appear. Source: factorial-api.md section 5 (OAS webhook
 * catalogue). `employees/employee/create_with_contract` is the only creation event; whether
 * employees created in the Factorial UI fire it is UNCONFIRMED.
 */
export const FACTORIAL_EVENTS = [
	{
		name: 'employee.created',
		subscriptionType: 'employees/employee/create_with_contract',
		displayName: 'Employee Created',
		description: 'An employee was created with a contract',
		resourceType: 'employee',
	},
	{
		name: 'employee.updated',
		subscriptionType: 'employees/employee/update',
		displayName: 'Employee Updated',
		description: 'An employee record changed',
		resourceType: 'employee',
	},
	{
		name: 'employee.terminated',
		subscriptionType: 'employees/employee/terminate',
		displayName: 'Employee Terminated',
		description: 'A termination was set (the date may be in the future)',
		resourceType: 'employee',
	},
	{
		name: 'employee.unterminated',
		subscriptionType: 'employees/employee/unterminate',
		displayName: 'Employee Unterminated',
		description: 'A termination was undone',
		resourceType: 'employee',
	},
	{
		name: 'employee.invited',
		subscriptionType: 'employees/employee/invite',
		displayName: 'Employee Invited',
		description: 'An employee was invited to log in to Factorial',
		resourceType: 'employee',
	},
	{
		name: 'team_membership.created',
		subscriptionType: 'teams/membership/create',
		displayName: 'Team Membership Created',
		description: 'An employee was added to a team',
		resourceType: 'teamMembership',
	},
	{
		name: 'team_membership.updated',
		subscriptionType: 'teams/membership/update',
		displayName: 'Team Membership Updated',
		description: 'A team membership changed (e.g. lead flag)',
		resourceType: 'teamMembership',
	},
	{
		name: 'team_membership.deleted',
		subscriptionType: 'teams/membership/delete',
		displayName: 'Team Membership Deleted',
		description: 'An employee was removed from a team',
		resourceType: 'teamMembership',
	},
	{
		name: 'contract_version.created',
		subscriptionType: 'contracts/contract_version/create',
		displayName: 'Contract Version Created',
		description: 'A contract version was added (job title, start or end date)',
		resourceType: 'contractVersion',
	},
	{
		name: 'contract_version.updated',
		subscriptionType: 'contracts/contract_version/update',
		displayName: 'Contract Version Updated',
		description: 'A contract version changed',
		resourceType: 'contractVersion',
	},
	{
		name: 'team.created',
		subscriptionType: 'teams/team/create',
		displayName: 'Team Created',
		description: 'A team was created',
		resourceType: 'team',
	},
	{
		name: 'team.updated',
		subscriptionType: 'teams/team/update',
		displayName: 'Team Updated',
		description: 'A team was renamed or changed',
		resourceType: 'team',
	},
	{
		name: 'team.deleted',
		subscriptionType: 'teams/team/delete',
		displayName: 'Team Deleted',
		description: 'A team was deleted',
		resourceType: 'team',
	},
	{
		name: 'location.created',
		subscriptionType: 'locations/location/create',
		displayName: 'Location Created',
		description: 'A location (workplace) was created',
		resourceType: 'location',
	},
	{
		name: 'location.updated',
		subscriptionType: 'locations/location/update',
		displayName: 'Location Updated',
		description: 'A location (workplace) changed',
		resourceType: 'location',
	},
	{
		name: 'location.deleted',
		subscriptionType: 'locations/location/delete',
		displayName: 'Location Deleted',
		description: 'A location (workplace) was deleted',
		resourceType: 'location',
	},
	{
		name: 'legal_entity.created',
		subscriptionType: 'companies/legal_entity/create',
		displayName: 'Legal Entity Created',
		description: 'A legal entity was created',
		resourceType: 'legalEntity',
	},
] as const satisfies readonly FactorialEventDefinition[];

/** Poll trigger only: Factorial sends no webhook when an employee disappears (there is no delete endpoint). */
export const POLL_ONLY_EVENTS = [
	{
		name: 'employee.deleted',
		displayName: 'Employee Deleted',
		description: 'An employee no longer appears in Factorial (found by a full pass)',
		resourceType: 'employee',
	},
] as const satisfies ReadonlyArray<Omit<FactorialEventDefinition, 'subscriptionType'>>;

export type FactorialWebhookEventName = (typeof FACTORIAL_EVENTS)[number]['name'];
export type FactorialEventName =
	| FactorialWebhookEventName
	| (typeof POLL_ONLY_EVENTS)[number]['name'];

const BY_NAME = new Map<string, FactorialEventDefinition>(FACTORIAL_EVENTS.map((e) => [e.name, e]));
const ANY_BY_NAME = new Map<
	string,
	{ resourceType: FactorialResourceType; subscriptionType: string | null }
>([
	...FACTORIAL_EVENTS.map((e) => [e.name, e] as const),
	...POLL_ONLY_EVENTS.map((e) => [e.name, { ...e, subscriptionType: null }] as const),
]);
const BY_TYPE = new Map<string, FactorialEventDefinition>(
	FACTORIAL_EVENTS.map((e) => [e.subscriptionType, e]),
);

/** True for webhook event names only (e.g. from the webhook URL query). */
export function isFactorialEventName(value: unknown): value is FactorialWebhookEventName {
	return typeof value === 'string' && BY_NAME.has(value);
}

export function getFactorialEvent(name: string): FactorialEventDefinition | undefined {
	return BY_NAME.get(name);
}

export function getFactorialEventBySubscriptionType(
	subscriptionType: string,
): FactorialEventDefinition | undefined {
	return BY_TYPE.get(subscriptionType);
}

export interface FactorialEventItem {
	[key: string]: unknown;
	event: FactorialEventName;
	/** Null for poll-only events. */
	subscriptionType: string | null;
	resourceType: FactorialResourceType;
	resourceId: string | null;
	/** The employee the event is about: the record itself, or `employee_id` of a membership/contract. */
	employeeId: string | null;
	/** Present only for employee events. */
	employee?: NormalisedEmployee;
	/** Poll trigger only: mapped fields that changed, with old and new values. */
	changes?: Record<string, { old: unknown; new: unknown }>;
	/** From the `x-factorial-author-*` headers; null when Factorial omits them (or when polling). */
	authorId: string | null;
	authorType: string | null;
	/** ISO-8601 time n8n received (webhook) or detected (poll) the event. */
	receivedAt: string;
	source: 'webhook' | 'poll';
	raw: Record<string, unknown>;
}

export interface BuildEventItemInput {
	event: FactorialEventName;
	payload: Record<string, unknown>;
	receivedAt: Date | string;
	authorId?: unknown;
	authorType?: unknown;
	source?: 'webhook' | 'poll';
	changes?: Record<string, { old: unknown; new: unknown }>;
	/** The credential's Work Email Field; `email` when not given. */
	workEmailSource?: WorkEmailSource;
}

export function buildEventItem(input: BuildEventItemInput): FactorialEventItem {
	const definition = ANY_BY_NAME.get(input.event);
	if (definition === undefined) throw new Error(`Unknown Factorial event '${String(input.event)}'`);
	const { payload } = input;
	const isEmployee = definition.resourceType === 'employee';
	const item: FactorialEventItem = {
		event: input.event,
		subscriptionType: definition.subscriptionType,
		resourceType: definition.resourceType,
		resourceId: toFactorialId(payload.id),
		employeeId: toFactorialId(isEmployee ? payload.id : payload.employee_id),
		authorId: toFactorialId(input.authorId),
		authorType: toText(input.authorType),
		receivedAt:
			input.receivedAt instanceof Date ? input.receivedAt.toISOString() : input.receivedAt,
		source: input.source ?? 'webhook',
		raw: payload,
	};
	if (isEmployee) item.employee = normaliseEmployee(payload, input.workEmailSource);
	if (input.changes !== undefined) item.changes = input.changes;
	return item;
}
