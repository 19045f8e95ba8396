/**
 * Directory Sync → Reconcile With Factorial Employees (resource `directorySync`, operation `reconcile`).
 *
 * Input: ALL incoming items are Factorial employees (Factorial → Employee → Get Many, Return All,
 * ideally with "Include Contract and Teams" for job title and department). The node runs once for
 * the whole input, not once per item.
 *
 * Parameters (names as in workflow JSON, defaults in brackets):
 *   dryRun [true]                 only report the plan, write nothing
 *   maxSuspensionShare [10]       safety brake, percent of matched users one run may suspend
 *   newUserState ['STAGED']       'STAGED' | 'ACTIVATED' for created users
 *   usernameSource ['generate']   'generate' (policy, checked against the fetched list) | 'field'
 *   usernameField ['username']    item field holding the username when usernameSource = 'field'
 *   usernameFormat ['first.last'] 'first.last' | 'flast' | 'firstl' | 'first_last' | 'first'
 *   attributesToSync [email, firstname, lastname, displayname, jobTitle, department, manager]
 *   options: overrideSafetyBrake [false], suspendUnmatchedUsers [false],
 *            reactivateSuspendedUsers [true], maxUsernameLength [30]
 *
 * Cost: one paginated read of all JumpCloud users (100 a page, only the needed fields) plus one
 * write per change. Output: one item per action or conflict, then a summary item.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FormatPreset } from '../../../GenerateUniqueUsername/policy';
import { DEFAULT_MAX_LENGTH, MIN_MAX_LENGTH } from '../../../GenerateUniqueUsername/policy';
import { coerceValue } from '../../../shared/coerce';
import type { SyncAttribute } from '../../../shared/employeeMapping';
import { ATTRIBUTE_SOURCES, DEFAULT_SYNC_ATTRIBUTES, SYNC_ATTRIBUTES } from '../../../shared/employeeMapping';
import { isConnectionError } from '../../../shared/http';
import type { PlannedAction, ReconcilePlan } from '../../reconcile/plan';
import {
	assignUsernames,
	DEFAULT_MAX_SUSPENSION_SHARE,
	planReconciliation,
	USER_FIELDS,
} from '../../reconcile/plan';
import { invalid } from '../../shared/helpers';
import { readCollection, readList, readParam } from '../../shared/params';
import type { JumpCloudFullResponse } from '../../transport';
import {
	findSystemUsers,
	isDuplicateAnswer,
	jumpCloudApiError,
	jumpCloudApiRequest,
	jumpCloudApiRequestAllItems,
} from '../../transport';

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
		displayName:
			'Feed ALL Factorial employees into this node (Factorial → Employee → Get Many with Return All). Employees missing from the input count as unknown, never as leavers, unless Suspend Users Unknown to Factorial is on.',
		name: 'reconcileNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: true,
		description: 'Whether to only report what would change, without writing anything to JumpCloud',
		displayOptions: { show },
	},
	{
		displayName: 'Max Suspension Share (%)',
		name: 'maxSuspensionShare',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 1 },
		default: DEFAULT_MAX_SUSPENSION_SHARE,
		description:
			'Safety brake: if the run would suspend more than this percentage of the matched users, it stops before writing anything',
		displayOptions: { show },
	},
	{
		displayName: 'New User State',
		name: 'newUserState',
		type: 'options',
		options: [
			{ name: 'Staged', value: 'STAGED', description: 'Created but not activated (activate on the start date)' },
			{ name: 'Activated', value: 'ACTIVATED', description: 'Created and active at once' },
		],
		default: 'STAGED',
		description: 'State of the users this run creates',
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
			{ name: 'From Input Field', value: 'field', description: 'A field set upstream, e.g. by Generate Unique Username' },
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
		options: [
			{ name: 'First', value: 'first', description: 'Example: ana' },
			{ name: 'First_Last', value: 'first_last', description: 'Example: ana_garcia' },
			{ name: 'First.Last', value: 'first.last', description: 'Example: ana.garcia' },
			{ name: 'FirstL', value: 'firstl', description: 'Example: anag' },
			{ name: 'FLast', value: 'flast', description: 'Example: agarcia' },
		],
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
		description: 'JumpCloud fields kept equal to Factorial. Empty Factorial values never clear a JumpCloud field.',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'reconcileOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Max Username Length',
				name: 'maxUsernameLength',
				type: 'number',
				typeOptions: { minValue: 3 },
				default: DEFAULT_MAX_LENGTH,
				description: 'Longest generated username (use 20 when Windows devices are bound)',
			},
			{
				displayName: 'Override Safety Brake',
				name: 'overrideSafetyBrake',
				type: 'boolean',
				default: false,
				description: 'Whether to suspend even when the suspensions exceed Max Suspension Share (use for one deliberate run)',
			},
			{
				displayName: 'Reactivate Suspended Users',
				name: 'reactivateSuspendedUsers',
				type: 'boolean',
				default: true,
				description: 'Whether to reactivate suspended JumpCloud users whose employee is active in Factorial (rehire, unterminate)',
			},
			{
				displayName: 'Suspend Users Unknown to Factorial',
				name: 'suspendUnmatchedUsers',
				type: 'boolean',
				default: false,
				description:
					'Whether to suspend active JumpCloud users that carry an employee identifier no input employee has. Users without an employee identifier (admins, service accounts) are never touched.',
			},
		],
	},
];

type Result = 'planned' | 'done' | 'alreadyExisted' | 'failed' | 'notActedOn' | 'skipped';

interface Outcome {
	json: IDataObject;
	itemIndex: number | null;
}

/** Today (YYYY-MM-DD) in the workflow's time zone: termination days are local days. */
function localToday(timezone: string): string {
	try {
		return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
			new Date(),
		);
	} catch {
		return new Date().toISOString().slice(0, 10);
	}
}

function diffValues(action: PlannedAction): IDataObject {
	const body: IDataObject = {};
	for (const [key, change] of Object.entries(action.diff)) body[key] = change.to;
	return body;
}

function actionJson(action: PlannedAction, result: Result, dryRun: boolean, extra: IDataObject = {}): IDataObject {
	const json: IDataObject = {
		action: action.action,
		employeeId: action.employeeId,
		userId: action.userId ?? null,
		username: action.username ?? null,
		email: action.email ?? null,
		matchedBy: action.matchedBy ?? null,
		diff: action.diff as unknown as IDataObject,
		result,
		dryRun,
		...extra,
	};
	if (action.reason) json.reason = action.reason;
	return json;
}

function errorMessage(error: unknown): string {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error.message;
	if (isConnectionError(error)) return 'The connection to JumpCloud failed';
	return error instanceof Error ? error.message : String(error);
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

interface RunState {
	/** employee id → JumpCloud user id, kept current as users are created. */
	userIdByEmployee: Map<string, string>;
	takenUsernames: Set<string>;
}

/** Creates a user without ever duplicating it: any unclear answer is checked by employee identifier. */
async function createUser(
	ctx: IExecuteFunctions,
	action: PlannedAction,
	body: IDataObject,
	nextUsername: (() => string | undefined) | undefined,
): Promise<{ user: IDataObject; result: Result }> {
	const itemIndex = action.itemIndex ?? 0;
	const employeeId = action.employeeId as string;
	const existing = async () => (await findSystemUsers.call(ctx, { employeeIdentifier: employeeId }, undefined, { itemIndex }))[0];
	for (let attempt = 1; attempt <= 3; attempt++) {
		if (attempt > 1) {
			// Before any resend: did the previous attempt create the user after all?
			const found = await existing();
			if (found) return { user: found, result: 'alreadyExisted' };
		}
		let response: JumpCloudFullResponse;
		try {
			response = await jumpCloudApiRequest.call<IExecuteFunctions, Parameters<typeof jumpCloudApiRequest>, Promise<JumpCloudFullResponse>>(
				ctx,
				'POST',
				'/systemusers',
				body,
				undefined,
				{ itemIndex, idempotent: false, returnFullResponse: true, allowStatuses: [400, 409, 500, 502, 503, 504] },
			);
		} catch (error) {
			if (isConnectionError(error)) continue;
			throw asNodeError(ctx, error, itemIndex);
		}
		const status = response.statusCode;
		if (status >= 200 && status < 300) return { user: response.body as IDataObject, result: 'done' };
		if (status >= 500) continue;
		if (isDuplicateAnswer(status, response.body)) {
			const found = await existing();
			if (found) return { user: found, result: 'alreadyExisted' };
			const byEmail = await findSystemUsers.call(ctx, { email: String(body.email ?? '') }, ['_id', 'username'], { itemIndex });
			const username = nextUsername && byEmail.length === 0 ? nextUsername() : undefined;
			if (username) {
				// Someone took the username since the list was read: use the next free one.
				body.username = username;
				continue;
			}
		}
		throw jumpCloudApiError(ctx, status, response.body, 'POST', '/systemusers', itemIndex);
	}
	const found = await existing();
	if (found) return { user: found, result: 'alreadyExisted' };
	throw new NodeOperationError(ctx.getNode(), `JumpCloud did not confirm the creation of employee ${employeeId} after 3 attempts`, {
		itemIndex,
		description: 'JumpCloud answered with server errors or dropped the connection. Run the reconciliation again later; it will not create duplicates.',
	});
}

async function applyAction(
	ctx: IExecuteFunctions,
	action: PlannedAction,
	state: RunState,
	newUserState: string,
	nextUsername: (() => string | undefined) | undefined,
): Promise<{ result: Result; extra?: IDataObject }> {
	const itemIndex = action.itemIndex ?? 0;
	const path = `/systemusers/${encodeURIComponent(action.userId ?? '')}`;
	if (action.action === 'create') {
		const body: IDataObject = { ...(action.attributes ?? {}), username: action.username, state: newUserState, suspended: false };
		const managerId = action.employee?.managerId ? state.userIdByEmployee.get(action.employee.managerId) : undefined;
		if (managerId) body.manager = managerId;
		const { user, result } = await createUser(ctx, action, body, nextUsername);
		const id = String(user._id ?? user.id ?? '');
		action.userId = id;
		action.username = String(user.username ?? body.username);
		if (action.employeeId && id) state.userIdByEmployee.set(action.employeeId, id);
		return { result };
	}
	let body: IDataObject;
	if (action.action === 'suspend') body = { state: 'SUSPENDED', suspended: true };
	else if (action.action === 'reactivate') body = { ...diffValues(action), state: 'ACTIVATED', suspended: false };
	else body = diffValues(action);
	if (action.pendingManager) {
		// The manager's user was created earlier in this run (creates go first).
		const managerId = state.userIdByEmployee.get(action.pendingManager);
		if (managerId) body.manager = managerId;
		else delete body.manager;
		if (action.diff.manager) action.diff.manager.to = managerId ?? '';
		if (!Object.keys(body).length) return { result: 'skipped', extra: { reason: 'the manager’s user could not be created' } };
	}
	await jumpCloudApiRequest.call(ctx, 'PUT', path, body, undefined, { itemIndex });
	return { result: 'done' };
}

function brakeError(ctx: IExecuteFunctions, plan: ReconcilePlan): NodeOperationError {
	const { suspensions, matched, maxSharePercent, limit } = plan.brake;
	const share = matched ? ((suspensions / matched) * 100).toFixed(1) : '100';
	return new NodeOperationError(
		ctx.getNode(),
		`Safety brake: this run would suspend ${suspensions} of ${matched} matched JumpCloud users (${share}%), more than the allowed ${maxSharePercent}% (${limit}). Nothing was changed.`,
		{
			description:
				'Check that the input holds ALL Factorial employees (Get Many with Return All, no filters) and that the right Factorial company is connected. If the suspensions are intended, run once with Dry Run on to review them, then raise Max Suspension Share or turn on Override Safety Brake for one run.',
		},
	);
}

/** An options parameter (item 0) that must be one of its declared values. */
function readOption(ctx: IExecuteFunctions, name: string, fallback: string): string {
	const value = readParam(ctx, 0, description, name, fallback);
	const prop = description.find((p) => p.name === name);
	const allowed = ((prop?.options ?? []) as Array<{ name: string; value: unknown }>).filter((o) => o.value === value);
	if (!allowed.length) {
		const names = ((prop?.options ?? []) as Array<{ name: string }>).map((o) => o.name).join(', ');
		invalid(ctx, 0, prop?.displayName ?? name, `"${value.slice(0, 40)}" is not one of: ${names}`);
	}
	return value;
}

/** Runs once for all input items (see the file header). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	// Parameters are read once (item 0): the node runs once for all items.
	const dryRun = readParam(this, 0, description, 'dryRun', true);
	const maxSuspensionShare = readParam(this, 0, description, 'maxSuspensionShare', DEFAULT_MAX_SUSPENSION_SHARE);
	const newUserState = readOption(this, 'newUserState', 'STAGED');
	const usernameSource = readOption(this, 'usernameSource', 'generate');
	const attributes = readList(this, 0, description, 'attributesToSync', DEFAULT_SYNC_ATTRIBUTES) as SyncAttribute[];
	const options = readCollection(this, 0, description, 'reconcileOptions');

	if (maxSuspensionShare < 0 || maxSuspensionShare > 100) {
		invalid(this, 0, 'Max Suspension Share (%)', `must be between 0 and 100, not ${maxSuspensionShare}`, 'Enter a percentage such as 10.');
	}
	const unknown = attributes.filter((a) => !(SYNC_ATTRIBUTES as readonly string[]).includes(a));
	if (unknown.length) {
		invalid(this, 0, 'Attributes to Sync', `contains unknown attributes: ${unknown.join(', ')}`, `Use only: ${SYNC_ATTRIBUTES.join(', ')}.`);
	}
	// Usernames for the creates come from one of these, read and checked before any request.
	const usernameField = usernameSource === 'field' ? readParam(this, 0, description, 'usernameField', 'username') : '';
	const policy = {
		format: (usernameSource === 'field' ? 'first.last' : readOption(this, 'usernameFormat', 'first.last')) as FormatPreset,
		maxLength: options.maxUsernameLength === undefined ? DEFAULT_MAX_LENGTH : Number(options.maxUsernameLength),
	};
	if (!Number.isInteger(policy.maxLength) || policy.maxLength < MIN_MAX_LENGTH) {
		invalid(this, 0, 'Max Username Length', `must be a whole number of at least ${MIN_MAX_LENGTH}, not ${policy.maxLength}`);
	}

	const users = await jumpCloudApiRequestAllItems.call(this, 'GET', '/systemusers', undefined, {
		fields: USER_FIELDS.join(' '),
		sort: '_id',
	});

	const plan = planReconciliation(
		items.map((item) => item.json),
		users,
		{
			today: localToday(this.getTimezone()),
			attributes,
			maxSuspensionShare,
			overrideSafetyBrake: options.overrideSafetyBrake === true,
			suspendUnmatchedUsers: options.suspendUnmatchedUsers === true,
			reactivateSuspendedUsers: options.reactivateSuspendedUsers !== false,
		},
	);
	if (plan.brake.triggered && !dryRun) throw brakeError(this, plan);

	const state: RunState = { userIdByEmployee: new Map(), takenUsernames: new Set() };
	for (const user of users) {
		if (typeof user.username === 'string') state.takenUsernames.add(user.username.toLowerCase());
		const employeeId = typeof user.employeeIdentifier === 'string' ? user.employeeIdentifier.trim() : '';
		if (employeeId) state.userIdByEmployee.set(employeeId, String(user._id ?? user.id));
	}

	// A create without a username becomes a skip with its reason.
	const creates: PlannedAction[] = [];
	if (usernameSource === 'field') {
		const field = usernameField;
		for (const action of plan.create) {
			const value = coerceValue(items[action.itemIndex ?? 0].json[field], 'string');
			const username = value.ok && typeof value.value === 'string' ? value.value.trim() : '';
			const reason = !value.ok
				? `the input field "${field}" ${value.problem}`
				: !username
				? `no username in the input field "${field}"`
				: /\s/.test(username)
					? `the username "${username}" contains spaces`
					: state.takenUsernames.has(username.toLowerCase())
						? `the username "${username}" is already taken in JumpCloud`
						: undefined;
			if (reason) {
				plan.skipped.push({ itemIndex: action.itemIndex ?? 0, employeeId: action.employeeId, reason });
				continue;
			}
			state.takenUsernames.add(username.toLowerCase());
			action.username = username;
			creates.push(action);
		}
	} else {
		const choices = assignUsernames(plan.create, state.takenUsernames, policy);
		plan.create.forEach((action, index) => {
			const choice = choices[index];
			if (!choice.username) {
				plan.skipped.push({
					itemIndex: action.itemIndex ?? 0,
					employeeId: action.employeeId,
					reason: `no username could be generated: ${choice.error ?? 'unknown reason'}`,
				});
				return;
			}
			state.takenUsernames.add(choice.username.toLowerCase());
			action.username = choice.username;
			creates.push(action);
		});
	}
	plan.create = creates;

	const outcomes: Outcome[] = [];
	const counts = { created: 0, updated: 0, reactivated: 0, suspended: 0, failed: 0 };
	const countKey = { create: 'created', update: 'updated', reactivate: 'reactivated', suspend: 'suspended' } as const;
	const failures: string[] = [];
	// Order: creates first (managers of other new hires before them) so every manager link can be
	// written in this run, then updates and reactivations, suspensions last.
	const managersOfNewHires = new Set(creates.map((a) => a.employee?.managerId).filter((id) => !!id));
	const orderedCreates = [
		...creates.filter((a) => managersOfNewHires.has(a.employeeId as string)),
		...creates.filter((a) => !managersOfNewHires.has(a.employeeId as string)),
	];
	const ordered = [...orderedCreates, ...plan.update, ...plan.reactivate, ...plan.suspend];
	for (const action of ordered) {
		if (dryRun) {
			counts[countKey[action.action]]++;
			outcomes.push({ json: actionJson(action, 'planned', true), itemIndex: action.itemIndex });
			continue;
		}
		const nextUsername =
			action.action === 'create' && usernameSource !== 'field'
				? () => {
						state.takenUsernames.add(String(action.username).toLowerCase());
						const [choice] = assignUsernames([action], state.takenUsernames, policy);
						if (choice.username) state.takenUsernames.add(choice.username.toLowerCase());
						return choice.username;
					}
				: undefined;
		try {
			const { result, extra } = await applyAction(this, action, state, newUserState, nextUsername);
			if (result !== 'skipped') counts[countKey[action.action]]++;
			outcomes.push({ json: actionJson(action, result, false, extra), itemIndex: action.itemIndex });
		} catch (error) {
			counts.failed++;
			const message = errorMessage(error);
			failures.push(`${action.action} ${action.employeeId ?? action.userId}: ${message}`);
			outcomes.push({ json: actionJson(action, 'failed', false, { error: message }), itemIndex: action.itemIndex });
		}
	}
	for (const conflict of plan.conflicts) {
		outcomes.push({
			json: {
				action: 'conflict',
				employeeId: conflict.employeeId,
				userIds: conflict.userIds,
				reason: conflict.reason,
				result: 'notActedOn',
				dryRun,
			},
			itemIndex: conflict.itemIndex,
		});
	}

	if (counts.failed && !this.continueOnFail()) {
		throw new NodeOperationError(
			this.getNode(),
			`Reconciliation finished with ${counts.failed} failed action(s) of ${ordered.length}; the others were applied`,
			{
				description: `First failures: ${failures.slice(0, 5).join('; ')}. Fix the cause and run again: the reconciliation only redoes what is still different. Turn on "Continue On Fail" to get the full report as output instead.`,
			},
		);
	}

	const summary: IDataObject = {
		summary: true,
		dryRun,
		created: counts.created,
		updated: counts.updated,
		reactivated: counts.reactivated,
		suspended: counts.suspended,
		unchanged: plan.unchanged,
		failed: counts.failed,
		skipped: plan.skipped.map((s) => ({ employeeId: s.employeeId, reason: s.reason })),
		conflicts: plan.conflicts.length,
		employees: items.length,
		jumpCloudUsers: users.length,
		safetyBrake: {
			triggered: plan.brake.triggered,
			overridden: plan.brake.overridden,
			suspensions: plan.brake.suspensions,
			limit: plan.brake.limit,
			matched: plan.brake.matched,
			maxSharePercent: plan.brake.maxSharePercent,
		},
	};
	if (plan.unknownUserSuspensionsWithheld) summary.unknownUserSuspensionsWithheld = plan.unknownUserSuspensionsWithheld;
	if (plan.brake.triggered) summary.safetyBrakeMessage = brakeError(this, plan).message.replace('Nothing was changed.', 'A real run would stop here.');

	const allItems: IPairedItemData[] = items.map((_, index) => ({ item: index }));
	return [
		...outcomes.map((o) => ({ json: o.json, pairedItem: { item: o.itemIndex ?? 0 } })),
		{ json: summary, pairedItem: allItems.length ? allItems : { item: 0 } },
	];
}
