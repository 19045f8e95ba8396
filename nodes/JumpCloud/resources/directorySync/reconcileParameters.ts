/**
 * The parameters of Directory Sync → Reconcile: their fields (names and values are what saved workflows
 * use) and how they are read, once (item 0: the node runs once for all items), and checked before any
 * request. The operation itself is ./reconcile.ts.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FormatPreset } from '../../../lib/policy';
import { DEFAULT_MAX_LENGTH, MIN_MAX_LENGTH } from '../../../lib/policy';
import type { CustomAttributePair, SyncAttribute } from '../../../lib/employeeMapping';
import {
	ATTRIBUTE_SOURCES,
	DEFAULT_SYNC_ATTRIBUTES,
	SYNC_ATTRIBUTES,
} from '../../../lib/employeeMapping';
import {
	DEFAULT_MAX_CREATION_SHARE,
	DEFAULT_MAX_SUSPENSION_SHARE,
	MIN_CREATION_ALLOWANCE,
} from '../../../lib/plan';
import { parseReservedList } from '../../../lib/reservedUsernames';
import { collidingItemField } from '../../../lib/customFields';
import { adoptionAllowListFields } from '../../shared/adoption';
import { customAttributeMapField, readCustomAttributePairs } from '../../shared/employeeInput';
import { validateAttributeNames } from '../../mapping';
import { invalid } from '../../shared/helpers';
import { USERNAME_FORMAT_OPTIONS } from '../../../shared/descriptions';
import {
	readBoolean,
	readCollection,
	readList,
	readNumber,
	readText,
} from '../../../shared/params';

const show = { resource: ['directorySync'], operation: ['reconcile'] };

const ATTRIBUTE_LABELS: Record<SyncAttribute, string> = {
	email: 'Email',
	firstname: 'First Name',
	lastname: 'Last Name',
	displayname: 'Display Name',
	jobTitle: 'Job Title',
	department: 'Department',
	manager: 'Manager',
	location: 'Location',
	company: 'Company',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Employees',
		name: 'employeeSource',
		type: 'options',
		options: [
			{
				name: 'From Input Items',
				value: 'input',
				description: 'Every input item is a Factorial employee (Get Many with Return All)',
			},
			{
				name: 'Read From Factorial',
				value: 'factorial',
				description:
					'This node lists all Factorial employees itself: use for large companies, nothing per employee is passed between nodes or stored with the execution',
			},
		],
		default: 'input',
		displayOptions: { show },
	},
	{
		displayName: 'Factorial Authentication',
		name: 'factorialAuthentication',
		type: 'options',
		options: [
			{ name: 'API Key', value: 'apiKey' },
			{ name: 'OAuth2', value: 'oAuth2' },
		],
		default: 'apiKey',
		displayOptions: { show: { ...show, employeeSource: ['factorial'] } },
	},
	{
		displayName:
			'Feed ALL Factorial employees into this node (Factorial → Employee → Get Many with Return All). Employees missing from the input count as unknown, never as leavers, unless Suspend Users Unknown to Factorial is on.',
		name: 'reconcileNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, employeeSource: ['input'] } },
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		validateType: 'boolean',
		default: true,
		description: 'Whether to only report what would change, without writing anything to JumpCloud',
		displayOptions: { show },
	},
	{
		displayName: 'Max Suspension Share (%)',
		name: 'maxSuspensionShare',
		type: 'number',
		validateType: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 1 },
		default: DEFAULT_MAX_SUSPENSION_SHARE,
		description:
			'Safety brake: if the run would suspend more than this percentage of the matched users, it stops before writing anything',
		displayOptions: { show },
	},
	{
		displayName: 'Max Create Share (%)',
		name: 'maxCreationShare',
		type: 'number',
		validateType: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 1 },
		default: DEFAULT_MAX_CREATION_SHARE,
		description: `Safety brake: if the run would create or reactivate more than this percentage of the JumpCloud users it manages (and more than ${MIN_CREATION_ALLOWANCE}), it stops before writing anything. A partial read of JumpCloud would otherwise create people who exist.`,
		displayOptions: { show },
	},
	{
		displayName: 'New User State',
		name: 'newUserState',
		type: 'options',
		options: [
			{
				name: 'Staged',
				value: 'STAGED',
				description: 'Created but not activated (activate on the start date)',
			},
			{ name: 'Activated', value: 'ACTIVATED', description: 'Created and active at once' },
		],
		default: 'STAGED',
		description: 'State of the users this run creates',
		displayOptions: { show },
	},
	{
		displayName: 'Team Groups',
		name: 'teamGroups',
		type: 'options',
		options: [
			{
				name: 'Leave Alone',
				value: 'leaveAlone',
				description: 'Never read or change group membership (the behaviour before this option)',
			},
			{
				name: 'Repair',
				value: 'repair',
				description:
					'Each active employee’s user is put in the groups named like its Factorial teams and taken out of the other team groups, as the Mover does; other groups are never touched',
			},
		],
		default: 'leaveAlone',
		description:
			'Whether to repair membership of the team groups (JumpCloud user groups named exactly like a Factorial team). A team with no group is reported, never created. Needs team_names on the employees (Include Contract and Teams, or Employees: Read From Factorial).',
		displayOptions: { show },
	},
	{
		displayName: 'Username Source',
		name: 'usernameSource',
		type: 'options',
		options: [
			{
				name: 'Generate From Name',
				value: 'generate',
				description: 'Username policy, checked against the users already read (no extra request)',
			},
			{
				name: 'From Input Field',
				value: 'field',
				description: 'A field set upstream, e.g. by Generate Unique Username',
			},
		],
		default: 'generate',
		displayOptions: { show },
	},
	{
		displayName: 'Username Field',
		name: 'usernameField',
		type: 'string',
		default: 'username',
		description: 'Name of the input item field that holds the username',
		displayOptions: { show: { ...show, usernameSource: ['field'] } },
	},
	{
		displayName: 'Username Format',
		name: 'usernameFormat',
		type: 'options',
		options: USERNAME_FORMAT_OPTIONS,
		default: 'first.last',
		displayOptions: { show: { ...show, usernameSource: ['generate'] } },
	},
	{
		displayName: 'Attributes to Sync',
		name: 'attributesToSync',
		type: 'multiOptions',
		options: SYNC_ATTRIBUTES.map((value) => ({
			name: ATTRIBUTE_LABELS[value],
			value,
			description: `From ${ATTRIBUTE_SOURCES[value]}`,
		})),
		default: [...DEFAULT_SYNC_ATTRIBUTES],
		description:
			'JumpCloud fields kept equal to Factorial. Empty Factorial values never clear a JumpCloud field.',
		displayOptions: { show },
	},
	customAttributeMapField(
		{ show },
		"Fields written to JumpCloud custom attributes; empty values are left out. With Employees: From Input Items, Item Field is the name of a field of the input items (e.g. a Factorial custom field merged in upstream). With Read From Factorial, it names a Factorial custom field by its label (case-insensitive), its identifier or its field ID, and each employee's value of that field is used; it may not be a field the employee item already has (e.g. work_email, team_names).",
	),
	{
		displayName: 'Options',
		name: 'reconcileOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Activate Staged Users',
				name: 'activateStagedUsers',
				type: 'boolean',
				validateType: 'boolean',
				default: true,
				description:
					"Whether to apply the Joiner's rule to STAGED users of active employees and to the users this run creates staged: activate now once 09:00 local on the start date (start_date, Include Contract and Teams) has passed, otherwise schedule the activation for then, once. The time zone is the item's timezone or location_timezone field, else the workflow's.",
			},
			{
				displayName: 'Adopt Users by Email',
				name: 'adoptByEmail',
				type: 'boolean',
				validateType: 'boolean',
				default: false,
				description:
					'Whether to link a JumpCloud user without employee identifier to the employee with the same work email (writes the identifier). Off: such users are reported as conflicts, and the summary’s links lists those the allow-list would link and those it refuses, with the reason (review them in a dry run first). Needs an allow-list; suspended users and users linked to another employee are never adopted.',
			},
			...adoptionAllowListFields('direct members'),
			{
				displayName: 'Immediate Termination Reasons',
				name: 'immediateTerminationReasons',
				type: 'string',
				default: '',
				placeholder: 'e.g. disciplinary_dismissal, dismissal',
				description:
					"Factorial termination reasons (termination_reason_type), separated by commas, that suspend at once, as the Leaver's Settings → immediateTerminationReasons; other terminations stay active through 23:59 local on the last day",
			},
			{
				displayName: 'Max Username Length',
				name: 'maxUsernameLength',
				type: 'number',
				validateType: 'number',
				typeOptions: { minValue: 3 },
				default: DEFAULT_MAX_LENGTH,
				description: 'Longest generated username (use 20 when Windows devices are bound)',
			},
			{
				displayName: 'Output Unchanged Employees (Debug)',
				name: 'outputUnchanged',
				type: 'boolean',
				validateType: 'boolean',
				default: false,
				description:
					'Whether to also output one item per employee that needs no change. Off by default: at tens of thousands of employees those items make the execution large and slow.',
			},
			{
				displayName: 'Override Safety Brake',
				name: 'overrideSafetyBrake',
				type: 'boolean',
				validateType: 'boolean',
				default: false,
				description:
					'Whether to suspend even when the suspensions exceed Max Suspension Share (use for one deliberate run)',
			},
			{
				displayName: 'Pre-Start Days',
				name: 'preStartDays',
				type: 'string',
				default: '',
				placeholder: 'e.g. 14',
				description:
					"Create a hire's missing user only this many days before the start date (in the location's time zone), as the Joiner's Settings → preStartDays; a hire starting later is skipped with the day it will be created. Empty: create at hire.",
			},
			{
				displayName: 'Reactivate Suspended Users',
				name: 'reactivateSuspendedUsers',
				type: 'boolean',
				validateType: 'boolean',
				default: true,
				description:
					'Whether to reactivate suspended JumpCloud users whose employee is active in Factorial (rehire, unterminate). Only suspensions the sync made (custom attribute factorialSyncSuspendedAt) are lifted; a user suspended by anyone else stays suspended and is reported as skipped.',
			},
			{
				displayName: 'Reserved Usernames',
				name: 'reservedUsernames',
				type: 'string',
				default: '',
				placeholder: 'e.g. support, helpdesk',
				description:
					'Usernames never given to a created user, in addition to the built-in list (admin, root, administrator, guest, daemon, jumpcloud and the macOS, Linux and Windows system accounts). Lookalike letters count as the same name.',
			},
			{
				displayName: 'Suspend Users Unknown to Factorial',
				name: 'suspendUnmatchedUsers',
				type: 'boolean',
				validateType: 'boolean',
				default: false,
				description:
					'Whether to suspend active JumpCloud users that carry an employee identifier no input employee has. Users without an employee identifier (admins, service accounts) are never touched.',
			},
		],
	},
];

/** An options parameter (item 0) that must be one of its declared values. */
export function readOption(ctx: IExecuteFunctions, name: string, fallback: string): string {
	const prop = description.find((p) => p.name === name);
	const value = readText.call(ctx, name, prop?.displayName ?? name, fallback, 0);
	const allowed = ((prop?.options ?? []) as Array<{ name: string; value: unknown }>).filter(
		(o) => o.value === value,
	);
	if (!allowed.length) {
		const names = ((prop?.options ?? []) as Array<{ name: string }>).map((o) => o.name).join(', ');
		invalid.call(
			ctx,
			0,
			prop?.displayName ?? name,
			`"${value.slice(0, 40)}" is not one of: ${names}`,
		);
	}
	return value;
}

/** The custom attribute pairs, checked before any request (JumpCloud's attribute names). */
function readPairs(ctx: IExecuteFunctions, fromFactorial: boolean): CustomAttributePair[] {
	const pairs = readCustomAttributePairs(ctx, 0).filter(
		(p) => p.field.trim() && p.attribute.trim(),
	);
	const problem = validateAttributeNames(
		pairs.map((p) => ({ name: p.attribute.trim(), value: '' })),
	)[0];
	if (problem) invalid.call(ctx, 0, 'Custom Attributes From Fields', problem.message);
	// Read from Factorial, a pair's Item Field names a custom field and its value goes into the
	// employee item under that name: it may not overwrite a field the item already has.
	const collision = fromFactorial
		? pairs.find((p) => collidingItemField(p.field) !== undefined)
		: undefined;
	if (collision)
		invalid.call(
			ctx,
			0,
			'Custom Attributes From Fields',
			`Item Field "${collision.field.trim()}" is the employee field "${collidingItemField(collision.field)}": with Employees: Read From Factorial the custom field's value would overwrite it`,
			"Name the Factorial custom field another way: by its field ID, or by its label or identifier when that is not one of the employee item's fields (Factorial → Custom Field Value → Get Many shows all three).",
		);
	return pairs.map((p) => ({ field: p.field.trim(), attribute: p.attribute.trim() }));
}

/** Every parameter, read once (item 0: the node runs once for all items) and checked before any request. */
export function readParameters(ctx: IExecuteFunctions) {
	const dryRun = readBoolean.call(ctx, 'dryRun', true, 0);
	const maxSuspensionShare = readNumber.call(
		ctx,
		'maxSuspensionShare',
		DEFAULT_MAX_SUSPENSION_SHARE,
		0,
	);
	const maxCreationShare = readNumber.call(ctx, 'maxCreationShare', DEFAULT_MAX_CREATION_SHARE, 0);
	const newUserState = readOption(ctx, 'newUserState', 'STAGED');
	const usernameSource = readOption(ctx, 'usernameSource', 'generate');
	const attributes = readList.call(
		ctx,
		description,
		'attributesToSync',
		DEFAULT_SYNC_ATTRIBUTES,
		0,
	) as SyncAttribute[];
	const options = readCollection.call(ctx, description, 'reconcileOptions', 0);

	// `!(x >= 0 && x <= 100)` also refuses NaN: a share that is not a number fails closed.
	for (const [label, share] of [
		['Max Suspension Share (%)', maxSuspensionShare],
		['Max Create Share (%)', maxCreationShare],
	] as const) {
		if (!(typeof share === 'number' && share >= 0 && share <= 100)) {
			invalid.call(
				ctx,
				0,
				label,
				`must be a number between 0 and 100, not ${String(share)}`,
				'Enter a percentage such as 10.',
			);
		}
	}
	const unknown = attributes.filter((a) => !(SYNC_ATTRIBUTES as readonly string[]).includes(a));
	if (unknown.length) {
		invalid.call(
			ctx,
			0,
			'Attributes to Sync',
			`contains unknown attributes: ${unknown.join(', ')}`,
			`Use only: ${SYNC_ATTRIBUTES.join(', ')}.`,
		);
	}
	// Usernames for the creates come from one of these, read and checked before any request.
	const usernameField =
		usernameSource === 'field'
			? readText.call(ctx, 'usernameField', 'Username Field', 'username', 0)
			: '';
	const policy = {
		format: (usernameSource === 'field'
			? 'first.last'
			: readOption(ctx, 'usernameFormat', 'first.last')) as FormatPreset,
		maxLength:
			options.maxUsernameLength === undefined
				? DEFAULT_MAX_LENGTH
				: Number(options.maxUsernameLength),
		reservedUsernames: parseReservedList(String(options.reservedUsernames ?? '')),
	};
	if (!Number.isInteger(policy.maxLength) || policy.maxLength < MIN_MAX_LENGTH) {
		invalid.call(
			ctx,
			0,
			'Max Username Length',
			`must be a whole number of at least ${MIN_MAX_LENGTH}, not ${policy.maxLength}`,
		);
	}
	const fromFactorial = readOption(ctx, 'employeeSource', 'input') === 'factorial';
	const repairTeamGroups = readOption(ctx, 'teamGroups', 'leaveAlone') === 'repair';
	return {
		repairTeamGroups,
		fromFactorial,
		customAttributes: readPairs(ctx, fromFactorial),
		dryRun,
		maxSuspensionShare,
		maxCreationShare,
		newUserState,
		usernameSource,
		usernameField,
		policy,
		attributes,
		options,
	};
}
