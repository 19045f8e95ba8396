/**
 * Reconciliation plan: Factorial employees vs JumpCloud users -> what to create, update, suspend
 * and reactivate. Pure (no n8n types), linear: both sides are indexed by key in Maps once, each
 * employee is then looked up in O(1). Never matches by name.
 *
 * Matching: JumpCloud `employeeIdentifier` = Factorial employee id, then work email
 * (case-insensitive). Anything ambiguous is a conflict: reported, never acted on.
 */
import type { EmployeeView, SyncAttribute } from '../../shared/employeeMapping';
import { readEmployee, sameValue, wantedAttributes } from '../../shared/employeeMapping';
import type { PolicyOptions } from '../../GenerateUniqueUsername/policy';
import { pickUsername, planUsername, UsernamePolicyError } from '../../GenerateUniqueUsername/policy';

type Obj = Record<string, unknown>;

/** The fields read from JumpCloud (one list, these fields only). */
export const USER_FIELDS = [
	'_id',
	'username',
	'email',
	'employeeIdentifier',
	'state',
	'suspended',
	'firstname',
	'lastname',
	'displayname',
	'jobTitle',
	'department',
	'manager',
	'location',
	'company',
];

export const DEFAULT_MAX_SUSPENSION_SHARE = 10;

export interface PlanOptions {
	/** YYYY-MM-DD; decides termination when an item has no `active` flag. */
	today: string;
	attributes: SyncAttribute[];
	/** Percent of matched users a run may suspend (0-100). */
	maxSuspensionShare: number;
	overrideSafetyBrake: boolean;
	/** Suspend JumpCloud users whose employee identifier no input employee has. */
	suspendUnmatchedUsers: boolean;
	/** Reactivate SUSPENDED users whose employee is active (rehire / unterminate). */
	reactivateSuspendedUsers: boolean;
}

export type ActionKind = 'create' | 'update' | 'suspend' | 'reactivate';
export type MatchKey = 'employeeIdentifier' | 'email';

export interface Change {
	from: string;
	to: string;
}

export interface PlannedAction {
	action: ActionKind;
	/** Index of the source item; null for a user no employee matched (suspendUnmatchedUsers). */
	itemIndex: number | null;
	employeeId: string | null;
	userId?: string;
	username?: string;
	email?: string;
	matchedBy?: MatchKey;
	/** Attribute -> from/to; what the write changes. */
	diff: Record<string, Change>;
	/** create: the new user's attributes (username is added later). */
	attributes?: Record<string, string>;
	employee?: EmployeeView;
	reason?: string;
	/**
	 * The manager is an employee created in this same run: the write links to that new user
	 * (so one run converges). Set on updates and reactivations only.
	 */
	pendingManager?: string;
}

export interface SkippedEmployee {
	itemIndex: number;
	employeeId: string | null;
	reason: string;
}

export interface Conflict {
	itemIndex: number | null;
	employeeId: string | null;
	userIds: string[];
	reason: string;
}

export interface SafetyBrake {
	matched: number;
	suspensions: number;
	/** Largest number of suspensions allowed. */
	limit: number;
	maxSharePercent: number;
	triggered: boolean;
	overridden: boolean;
}

export interface ReconcilePlan {
	create: PlannedAction[];
	update: PlannedAction[];
	reactivate: PlannedAction[];
	suspend: PlannedAction[];
	unchanged: number;
	skipped: SkippedEmployee[];
	conflicts: Conflict[];
	brake: SafetyBrake;
	/**
	 * Why suspensions of users unknown to Factorial were withheld this run, if they were: when an
	 * input employee's id cannot be read, any "unknown" user might be that employee.
	 */
	unknownUserSuspensionsWithheld?: string;
}

export interface DirectoryUser {
	id: string;
	username: string;
	email: string;
	employeeIdentifier: string;
	state: string;
	raw: Obj;
}

const str = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : String(value);

export function toDirectoryUser(raw: Obj): DirectoryUser {
	const state = str(raw.state) || (raw.suspended === true ? 'SUSPENDED' : 'ACTIVATED');
	return {
		id: str(raw._id ?? raw.id),
		username: str(raw.username),
		email: str(raw.email),
		employeeIdentifier: str(raw.employeeIdentifier),
		state: state.toUpperCase(),
		raw,
	};
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

interface Match {
	itemIndex: number;
	employee: EmployeeView;
	user: DirectoryUser;
	matchedBy: MatchKey;
}

/** Builds the plan. `employees` are the input items' JSON, `users` the JumpCloud list. */
export function planReconciliation(employees: Obj[], rawUsers: Obj[], options: PlanOptions): ReconcilePlan {
	const users = rawUsers.map(toDirectoryUser);
	const byEmployeeId = new Map<string, DirectoryUser[]>();
	const byEmail = new Map<string, DirectoryUser[]>();
	for (const user of users) {
		if (user.employeeIdentifier) push(byEmployeeId, user.employeeIdentifier, user);
		if (user.email) push(byEmail, user.email.toLowerCase(), user);
	}

	const plan: ReconcilePlan = {
		create: [],
		update: [],
		reactivate: [],
		suspend: [],
		unchanged: 0,
		skipped: [],
		conflicts: [],
		brake: {
			matched: 0,
			suspensions: 0,
			limit: 0,
			maxSharePercent: options.maxSuspensionShare,
			triggered: false,
			overridden: false,
		},
	};

	// Pass 1: match every employee; remember who claims which user.
	const seenEmployees = new Set<string>();
	const inputEmployeeIds = new Set<string>();
	let unreadableIds = 0;
	const matches: Match[] = [];
	const claims = new Map<string, number>();
	const touchedUsers = new Set<string>();
	for (let i = 0; i < employees.length; i++) {
		const item = employees[i];
		const employee = readEmployee(item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {}, options.today);
		if (!employee.id) {
			const reason = employee.problems.find((p) => p.startsWith('field "id"')) ?? 'no employee id in the item';
			plan.skipped.push({ itemIndex: i, employeeId: null, reason });
			unreadableIds++;
			continue;
		}
		inputEmployeeIds.add(employee.id);
		if (employee.problems.length) {
			// Still an input employee (never suspended as unknown), but nothing is decided on unreadable fields.
			plan.skipped.push({ itemIndex: i, employeeId: employee.id, reason: employee.problems.join('; ') });
			continue;
		}
		if (seenEmployees.has(employee.id)) {
			plan.skipped.push({ itemIndex: i, employeeId: employee.id, reason: 'the same employee appears twice in the input' });
			continue;
		}
		seenEmployees.add(employee.id);

		const byId = byEmployeeId.get(employee.id) ?? [];
		if (byId.length > 1) {
			for (const user of byId) touchedUsers.add(user.id);
			plan.conflicts.push({
				itemIndex: i,
				employeeId: employee.id,
				userIds: byId.map((u) => u.id),
				reason: `${byId.length} JumpCloud users carry employee identifier "${employee.id}"`,
			});
			continue;
		}
		let user: DirectoryUser | undefined = byId[0];
		let matchedBy: MatchKey = 'employeeIdentifier';
		if (!user && employee.workEmail) {
			const byMail = byEmail.get(employee.workEmail.toLowerCase()) ?? [];
			if (byMail.length > 1) {
				for (const u of byMail) touchedUsers.add(u.id);
				plan.conflicts.push({
					itemIndex: i,
					employeeId: employee.id,
					userIds: byMail.map((u) => u.id),
					reason: `${byMail.length} JumpCloud users have the email "${employee.workEmail}"`,
				});
				continue;
			}
			if (byMail.length === 1) {
				const candidate = byMail[0];
				if (candidate.employeeIdentifier && candidate.employeeIdentifier !== employee.id) {
					touchedUsers.add(candidate.id);
					plan.conflicts.push({
						itemIndex: i,
						employeeId: employee.id,
						userIds: [candidate.id],
						reason: `the work email "${employee.workEmail}" belongs to JumpCloud user "${candidate.username}" whose employee identifier is "${candidate.employeeIdentifier}"`,
					});
					continue;
				}
				user = candidate;
				matchedBy = 'email';
			}
		}
		if (!user) {
			planUnmatched(plan, i, employee);
			continue;
		}
		matches.push({ itemIndex: i, employee, user, matchedBy });
		claims.set(user.id, (claims.get(user.id) ?? 0) + 1);
	}

	// Pass 2: decide for each matched employee.
	const createdInRun = new Set(plan.create.map((action) => action.employeeId as string));
	for (const match of matches) {
		const { itemIndex, employee, user, matchedBy } = match;
		touchedUsers.add(user.id);
		const claimCount = claims.get(user.id) ?? 0;
		if (claimCount > 1) {
			plan.conflicts.push({
				itemIndex,
				employeeId: employee.id,
				userIds: [user.id],
				reason: `${claimCount} employees map to JumpCloud user "${user.username}"`,
			});
			continue;
		}
		plan.brake.matched++;
		const base = { itemIndex, employeeId: employee.id, userId: user.id, username: user.username, email: user.email, matchedBy };

		if (!employee.active) {
			if (user.state === 'ACTIVATED' || user.state === 'STAGED') {
				plan.suspend.push({
					...base,
					action: 'suspend',
					diff: { state: { from: user.state, to: 'SUSPENDED' } },
					reason: employee.terminatedOn ? `terminated on ${employee.terminatedOn}` : 'not active in Factorial',
				});
			} else {
				plan.unchanged++;
			}
			continue;
		}

		const { diff, pendingManager } = attributeDiff(employee, user, options.attributes, byEmployeeId, createdInRun);
		if (matchedBy === 'email' && !user.employeeIdentifier && employee.id) {
			// Adopt the user: from now on it is matched by employee identifier.
			diff.employeeIdentifier = { from: '', to: employee.id };
		}
		if (diff.email) {
			const holders = (byEmail.get(diff.email.to.toLowerCase()) ?? []).filter((u) => u.id !== user.id);
			if (holders.length) {
				plan.conflicts.push({
					itemIndex,
					employeeId: employee.id,
					userIds: [user.id, ...holders.map((u) => u.id)],
					reason: `the new work email "${diff.email.to}" is already used by JumpCloud user "${holders[0].username}"`,
				});
				continue;
			}
		}
		if (user.state === 'SUSPENDED' && options.reactivateSuspendedUsers) {
			plan.reactivate.push({
				...base,
				pendingManager,
				action: 'reactivate',
				diff: { ...diff, state: { from: 'SUSPENDED', to: 'ACTIVATED' } },
				reason: 'active in Factorial (rehired or unterminated)',
			});
		} else if (Object.keys(diff).length) {
			plan.update.push({ ...base, pendingManager, action: 'update', diff });
		} else {
			plan.unchanged++;
		}
	}

	if (options.suspendUnmatchedUsers && unreadableIds > 0) {
		// Never suspend the wrong person: a user that looks unknown may belong to an employee whose id
		// we could not read, so nobody is suspended as unknown until every input id is readable.
		plan.unknownUserSuspensionsWithheld = `${unreadableIds} input employee(s) had no readable id, so no JumpCloud user was suspended as unknown to Factorial in this run`;
	} else if (options.suspendUnmatchedUsers) {
		for (const user of users) {
			if (touchedUsers.has(user.id) || !user.employeeIdentifier) continue;
			if (inputEmployeeIds.has(user.employeeIdentifier)) continue;
			if (user.state !== 'ACTIVATED' && user.state !== 'STAGED') continue;
			plan.suspend.push({
				action: 'suspend',
				itemIndex: null,
				employeeId: user.employeeIdentifier,
				userId: user.id,
				username: user.username,
				email: user.email,
				diff: { state: { from: user.state, to: 'SUSPENDED' } },
				reason: 'no input employee has this employee identifier',
			});
		}
	}

	const brake = plan.brake;
	brake.suspensions = plan.suspend.length;
	brake.limit = Math.floor((brake.matched * Math.max(0, Math.min(100, options.maxSuspensionShare))) / 100);
	if (brake.suspensions > brake.limit) {
		brake.overridden = options.overrideSafetyBrake;
		brake.triggered = !options.overrideSafetyBrake;
	}
	return plan;
}

function planUnmatched(plan: ReconcilePlan, itemIndex: number, employee: EmployeeView): void {
	const skip = (reason: string): void => {
		plan.skipped.push({ itemIndex, employeeId: employee.id, reason });
	};
	if (!employee.active) return skip('not active in Factorial and not in JumpCloud');
	if (!employee.workEmail) return skip('no work email');
	if (!employee.workEmailValid) return skip(`work email "${employee.workEmail}" is not a valid address`);
	const attributes: Record<string, string> = { ...(wantedAttributes(employee) as Record<string, string>) };
	// The manager is resolved when the user is written (it may be created in the same run).
	delete attributes.manager;
	if (employee.id) attributes.employeeIdentifier = employee.id;
	const diff: Record<string, Change> = {};
	for (const [key, value] of Object.entries(attributes)) diff[key] = { from: '', to: value };
	plan.create.push({
		action: 'create',
		itemIndex,
		employeeId: employee.id,
		email: employee.workEmail,
		diff,
		attributes,
		employee,
	});
}

function attributeDiff(
	employee: EmployeeView,
	user: DirectoryUser,
	attributes: SyncAttribute[],
	byEmployeeId: Map<string, DirectoryUser[]>,
	createdInRun: Set<string>,
): { diff: Record<string, Change>; pendingManager?: string } {
	const wanted = wantedAttributes(employee);
	const diff: Record<string, Change> = {};
	let pendingManager: string | undefined;
	for (const attribute of attributes) {
		let value = wanted[attribute];
		if (attribute === 'manager' && value !== undefined) {
			const managerEmployeeId = value;
			const managers = byEmployeeId.get(managerEmployeeId) ?? [];
			// Only an unambiguous manager user is linked; otherwise the field is left as it is.
			value = managers.length === 1 && managers[0].id !== user.id ? managers[0].id : undefined;
			if (managers.length === 0 && createdInRun.has(managerEmployeeId)) {
				pendingManager = managerEmployeeId;
				diff.manager = { from: str(user.raw.manager), to: `(user created in this run for employee ${managerEmployeeId})` };
				continue;
			}
		}
		if (value === undefined) continue;
		const current = user.raw[attribute];
		if (!sameValue(attribute, current, value)) diff[attribute] = { from: str(current), to: value };
	}
	return { diff, pendingManager };
}

/** The JumpCloud manager user id for a planned create, once the directory is known. */
export function resolveManagerId(managerEmployeeId: string | null, byEmployeeId: Map<string, string>): string | undefined {
	return managerEmployeeId ? byEmployeeId.get(managerEmployeeId) : undefined;
}

export interface UsernameChoice {
	username?: string;
	/** Set when no username could be made (the create is skipped with this reason). */
	error?: string;
}

/**
 * Usernames for the creates, checked against every username already in JumpCloud (the list is
 * already in memory, so this costs no request) and against the ones handed out in this run.
 */
export function assignUsernames(
	creates: PlannedAction[],
	existingUsernames: Iterable<string>,
	policy: Partial<PolicyOptions>,
): UsernameChoice[] {
	const taken = new Set<string>();
	for (const name of existingUsernames) if (name) taken.add(name.toLowerCase());
	return creates.map((action) => {
		const e = action.employee;
		try {
			const plan = planUsername(
				{
					first: e?.firstName ?? '',
					last: e?.lastName ?? '',
					preferred: e?.preferredName ?? '',
					fallback: e?.workEmail ?? e?.id ?? '',
				},
				policy,
			);
			const { username } = pickUsername(plan, taken);
			taken.add(username.toLowerCase());
			return { username };
		} catch (error) {
			// A policy error is the person's data (e.g. an empty name): that employee is skipped.
			return { error: error instanceof UsernamePolicyError ? error.message : String((error as Error)?.message ?? error) };
		}
	});
}

/** Summary counts of a plan (dry run) or of what was done. */
export function planCounts(plan: ReconcilePlan): Record<string, number> {
	return {
		create: plan.create.length,
		update: plan.update.length,
		reactivate: plan.reactivate.length,
		suspend: plan.suspend.length,
		unchanged: plan.unchanged,
		skipped: plan.skipped.length,
		conflicts: plan.conflicts.length,
	};
}
