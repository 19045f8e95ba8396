/**
 * Reconciliation plan: Factorial employees vs JumpCloud users -> what to create, update, suspend
 * and reactivate. Pure (no n8n types), linear: both sides are indexed by key in Maps once, each
 * employee is then looked up in O(1). Never matches by name.
 *
 * Matching: JumpCloud `employeeIdentifier` = Factorial employee id (exactly), then work email
 * (case-insensitive). Anything ambiguous is a conflict: reported, never acted on. An email match to a
 * user without employee identifier is an adoption: only with the adoption policy (off by default,
 * allow-list, never a suspended user), and reported as its own `adopt` action.
 */
import { coerceValue } from './coerce';
import type { AdoptionPolicy } from './adoption';
import { ADOPTION_OFF, adoptionRefusal } from './adoption';
import type {
	CustomAttribute,
	CustomAttributePair,
	EmployeeView,
	SyncAttribute,
} from './employeeMapping';
import {
	attributeChanges,
	customAttributeValues,
	readEmployee,
	sameValue,
	wantedAttributes,
} from './employeeMapping';
import type { PolicyOptions } from './policy';
import { DEFAULT_MAX_LENGTH, pickUsername, planUsername, UsernamePolicyError } from './policy';
import { isReservedUsername, reservedSet } from './reservedUsernames';
import type { TeamGroupChange, TeamGroupSkip, TeamGroupState } from './teamGroups';
import { teamGroupChange } from './teamGroups';
import { DateTime, IANAZone } from 'luxon';

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
export const DEFAULT_MAX_CREATION_SHARE = 10;
/** Creates plus reactivations a run may always make, whatever the share (a few new hires in a small company). */
export const MIN_CREATION_ALLOWANCE = 5;

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
	/**
	 * The Joiner's rule for STAGED users of active employees and for the users this run creates staged:
	 * activate now once 09:00 local on the start date has passed, else schedule it then (once).
	 */
	activateStaged?: boolean;
	/** The state created users get (activation is only planned for STAGED). */
	newUserState?: string;
	/** Now, in ms (the activation moment is compared with it). */
	now?: number;
	/** Time zone of an employee whose item carries none (the workflow's). */
	defaultTimezone?: string;
	/** Pending scheduled state changes already in JumpCloud, so an activation is scheduled once. */
	jobs?: ScheduledJobView[];
	/**
	 * Percent of the managed users a run may create plus reactivate (0-100), at least
	 * MIN_CREATION_ALLOWANCE. Default DEFAULT_MAX_CREATION_SHARE.
	 */
	maxCreationShare?: number;
	/** Adoption by email; off when absent. */
	adoption?: AdoptionPolicy;
	/**
	 * Item field → JumpCloud custom attribute pairs (the same pairs as the JumpCloud node's "Map From → A
	 * Factorial Employee Item"): compared with each user's `attributes` and written when different.
	 */
	customAttributes?: readonly CustomAttributePair[];
	/**
	 * Where the usernames of the creates come from. Given, the plan assigns every create its username
	 * (checked against the users read; a create that gets none becomes a skip) and keeps the taken names
	 * for `replacementUsername`.
	 */
	usernames?: UsernameSource;
	/**
	 * Reconcile → Team Groups: Repair. The team groups and their members, read in full; absent, no
	 * group is looked at. Each active employee's user (matched, or created in this run) is made a member
	 * of the groups of its teams and of no other team group; other groups, leavers, suspended users and
	 * users no employee matched are never touched.
	 */
	teamGroups?: TeamGroupState;
}

/** The fields to read from JumpCloud for a plan with these options (`attributes` only when compared). */
export function userFieldsFor(options: Pick<PlanOptions, 'customAttributes'>): string[] {
	return options.customAttributes?.length ? [...USER_FIELDS, 'attributes'] : [...USER_FIELDS];
}

/** One user's entry in JumpCloud's list of scheduled state changes (`GET /v2/bulk/userstates`). */
export interface ScheduledJobView {
	jobId: string;
	userId: string;
	state: string;
	/** ISO instant. */
	scheduledDate: string;
}

/** When a staged user becomes active: now (the start moment has passed) or at a future instant. */
export type ActivationPlan =
	| { kind: 'now'; startDate: string; local: string }
	| { kind: 'schedule'; startDate: string; utc: string; local: string; timezone: string }
	| { kind: 'none'; reason: string };

/** ACTIVATION_TIME on `day` in `zone` as a UTC instant (and local text), or why not. */
function localMoment(
	day: string,
	zone: string,
): { utc: string; local: string } | { field: string; error: string } {
	if (!IANAZone.isValidZone(zone))
		return { field: 'time zone', error: `"${zone}" is not an IANA time zone` };
	const at = DateTime.fromISO(`${day}T${ACTIVATION_TIME}`, { zone });
	if (!at.isValid) return { field: 'start date', error: `"${day}" is not a date` };
	return {
		utc: at.toUTC().toISO({ suppressMilliseconds: true }) as string,
		local: at.toISO({ suppressMilliseconds: true }) as string,
	};
}

/** The hour of a Joiner's activation, local time on the start date. */
export const ACTIVATION_TIME = '09:00:00';

/**
 * The Joiner's activation rule: 09:00 on the start date in the employee's time zone (the workflow's
 * when the item has none or an unknown one). Past: now; future: scheduled; no start date: nothing.
 */
export function planActivation(
	employee: Pick<EmployeeView, 'startDate' | 'timezone'>,
	now: number,
	defaultTimezone: string,
): ActivationPlan {
	if (!employee.startDate)
		return {
			kind: 'none',
			reason:
				employee.startDate === undefined
					? 'no start_date in the input (turn on Include Contract and Teams)'
					: 'no start date in Factorial',
		};
	let at = localMoment(employee.startDate, employee.timezone ?? '');
	let timezone = employee.timezone ?? '';
	if ('error' in at) {
		timezone = defaultTimezone;
		at = localMoment(employee.startDate, defaultTimezone);
	}
	if ('error' in at) return { kind: 'none', reason: `start date: ${at.field} ${at.error}` };
	if (Date.parse(at.utc) <= now)
		return { kind: 'now', startDate: employee.startDate, local: at.local };
	return {
		kind: 'schedule',
		startDate: employee.startDate,
		utc: at.utc,
		local: at.local,
		timezone,
	};
}

export type ActionKind =
	| 'create'
	| 'update'
	| 'adopt'
	| 'suspend'
	| 'reactivate'
	| 'activate'
	| 'scheduleActivation'
	| 'teamGroups';
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
	/** Attribute -> from/to; what the write changes (custom attributes as `attributes.<name>`). */
	diff: Record<string, Change>;
	/**
	 * When custom attributes change: the user's whole `attributes` list to write (JumpCloud replaces the
	 * array; the ones it has are kept). A create: the attributes it is created with.
	 */
	customAttributes?: CustomAttribute[];
	/** create: the new user's attributes (username is added later). */
	attributes?: Record<string, string>;
	employee?: EmployeeView;
	reason?: string;
	/**
	 * The manager is an employee created in this same run: the write links to that new user
	 * (so one run converges). Set on updates and reactivations only.
	 */
	pendingManager?: string;
	/** create (staged) and scheduleActivation: when the user becomes active. */
	activation?: ActivationPlan;
	/** scheduleActivation: this user's pending activations at other times, replaced by the new one. */
	replaceJobs?: string[];
	/** teamGroups: the team groups to add the user to and remove it from. */
	teamGroups?: TeamGroupChange;
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
	/**
	 * What the share is taken of: the JumpCloud users this sync manages, i.e. the matched ones plus
	 * those carrying an employee identifier no input employee has.
	 */
	base: number;
	suspensions: number;
	/** Largest number of suspensions allowed. */
	limit: number;
	maxSharePercent: number;
	triggered: boolean;
	overridden: boolean;
}

export interface CreationBrake {
	base: number;
	/** Creates plus reactivations. */
	creations: number;
	limit: number;
	maxSharePercent: number;
	triggered: boolean;
	overridden: boolean;
}

export interface TeamGroupBrake {
	base: number;
	/** Users this run would remove from at least one team group. */
	removals: number;
	limit: number;
	maxSharePercent: number;
	triggered: boolean;
	overridden: boolean;
}

export interface ReconcilePlan {
	create: PlannedAction[];
	update: PlannedAction[];
	/** Existing users without employee identifier linked to an employee by work email. */
	adopt: PlannedAction[];
	reactivate: PlannedAction[];
	suspend: PlannedAction[];
	/** STAGED users whose start moment has passed. */
	activate: PlannedAction[];
	/** STAGED users starting later with no activation scheduled at that moment yet. */
	scheduleActivation: PlannedAction[];
	/** Users whose team-group membership is repaired (Team Groups: Repair), after their other actions. */
	teamGroups: PlannedAction[];
	/** Teams whose group is missing or ambiguous (Team Groups: Repair): nobody is added to them. */
	teamGroupsSkipped: TeamGroupSkip[];
	/**
	 * Team Groups: Repair, active employees whose item carries no `team_names`: their groups were left
	 * alone (their teams are unknown, so no group could be removed safely).
	 */
	teamGroupsUnknownTeams: number;
	/**
	 * Team Groups: Repair. Users taken out of a team group, against the suspension share of the matched
	 * users (at least MIN_CREATION_ALLOWANCE): a Factorial read that lost the team memberships would
	 * otherwise empty every team group in one run.
	 */
	teamGroupBrake?: TeamGroupBrake;
	unchanged: number;
	skipped: SkippedEmployee[];
	conflicts: Conflict[];
	brake: SafetyBrake;
	creationBrake: CreationBrake;
	/**
	 * Why suspensions of users unknown to Factorial were withheld this run, if they were: when an
	 * input employee's id cannot be read, any "unknown" user might be that employee.
	 */
	unknownUserSuspensionsWithheld?: string;
	/** Every action in the order it is applied (`executionOrder`); creates carry their usernames. */
	order: PlannedAction[];
	/** Employee id → JumpCloud user id of the users read (the apply adds the users it creates). */
	userIdByEmployee: Map<string, string>;
	/** Lower-case usernames in JumpCloud plus those given to creates (for `replacementUsername`). */
	takenUsernames: Set<string>;
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
	typeof value === 'string'
		? value.trim()
		: value === null || value === undefined
			? ''
			: String(value);

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
	custom: CustomAttribute[];
}

/** Builds the plan. `employees` are the input items' JSON, `users` the JumpCloud list. */
export function planReconciliation(
	employees: Obj[],
	rawUsers: Obj[],
	options: PlanOptions,
): ReconcilePlan {
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
		adopt: [],
		reactivate: [],
		suspend: [],
		activate: [],
		scheduleActivation: [],
		teamGroups: [],
		teamGroupsSkipped: options.teamGroups ? [...options.teamGroups.index.skipped] : [],
		teamGroupsUnknownTeams: 0,
		unchanged: 0,
		skipped: [],
		conflicts: [],
		brake: {
			matched: 0,
			base: 0,
			suspensions: 0,
			limit: 0,
			maxSharePercent: options.maxSuspensionShare,
			triggered: false,
			overridden: false,
		},
		creationBrake: {
			base: 0,
			creations: 0,
			limit: 0,
			maxSharePercent: options.maxCreationShare ?? DEFAULT_MAX_CREATION_SHARE,
			triggered: false,
			overridden: false,
		},
		order: [],
		userIdByEmployee: new Map(),
		takenUsernames: new Set(),
	};
	for (const user of users) {
		if (user.username) plan.takenUsernames.add(user.username.toLowerCase());
		if (user.employeeIdentifier) plan.userIdByEmployee.set(user.employeeIdentifier, user.id);
	}

	// Pass 1: match every employee; remember who claims which user.
	const seenEmployees = new Set<string>();
	const inputEmployeeIds = new Set<string>();
	let unreadableIds = 0;
	const matches: Match[] = [];
	const claims = new Map<string, number>();
	const touchedUsers = new Set<string>();
	for (let i = 0; i < employees.length; i++) {
		const item = employees[i];
		const employee = readEmployee(
			item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {},
			options.today,
		);
		if (!employee.id) {
			const reason =
				employee.problems.find((p) => p.startsWith('field "id"')) ?? 'no employee id in the item';
			plan.skipped.push({ itemIndex: i, employeeId: null, reason });
			unreadableIds++;
			continue;
		}
		inputEmployeeIds.add(employee.id);
		const custom = customAttributeValues(
			item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {},
			options.customAttributes ?? [],
		);
		const problems = [...employee.problems, ...custom.problems];
		if (problems.length) {
			// Still an input employee (never suspended as unknown), but nothing is decided on unreadable fields.
			plan.skipped.push({
				itemIndex: i,
				employeeId: employee.id,
				reason: problems.join('; '),
			});
			continue;
		}
		if (seenEmployees.has(employee.id)) {
			plan.skipped.push({
				itemIndex: i,
				employeeId: employee.id,
				reason: 'the same employee appears twice in the input',
			});
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
				if (!candidate.employeeIdentifier) {
					if (!employee.active) {
						// A leaver is never matched to an unlinked account by email alone: that would suspend
						// whoever holds the address (an admin, a service account).
						plan.skipped.push({
							itemIndex: i,
							employeeId: employee.id,
							reason: `not active in Factorial; JumpCloud user "${candidate.username}" has the work email but no employee identifier, so it is not touched`,
						});
						continue;
					}
					const refusal = adoptionRefusal(candidate, options.adoption ?? ADOPTION_OFF);
					if (refusal) {
						touchedUsers.add(candidate.id);
						plan.conflicts.push({
							itemIndex: i,
							employeeId: employee.id,
							userIds: [candidate.id],
							reason: `the work email "${employee.workEmail}" belongs to JumpCloud user "${candidate.username}", which has no employee identifier; not adopted: ${refusal}`,
						});
						continue;
					}
				}
				user = candidate;
				matchedBy = 'email';
			}
		}
		if (!user) {
			planUnmatched(plan, i, employee, options, custom.attributes);
			continue;
		}
		matches.push({ itemIndex: i, employee, user, matchedBy, custom: custom.attributes });
		claims.set(user.id, (claims.get(user.id) ?? 0) + 1);
	}

	// Pass 2: decide for each matched employee.
	const createdInRun = new Set(plan.create.map((action) => action.employeeId as string));
	for (const match of matches) {
		const { itemIndex, employee, user, matchedBy, custom } = match;
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
		const base = {
			itemIndex,
			employeeId: employee.id,
			userId: user.id,
			username: user.username,
			email: user.email,
			matchedBy,
		};

		if (!employee.active) {
			if (user.state === 'ACTIVATED' || user.state === 'STAGED') {
				plan.suspend.push({
					...base,
					action: 'suspend',
					diff: { state: { from: user.state, to: 'SUSPENDED' } },
					reason: employee.terminatedOn
						? `terminated on ${employee.terminatedOn}`
						: 'not active in Factorial',
				});
			} else {
				plan.unchanged++;
			}
			continue;
		}

		const { diff, pendingManager } = attributeDiff(
			employee,
			user,
			options.attributes,
			byEmployeeId,
			createdInRun,
		);
		const customChange = attributeChanges(user.raw.attributes, custom);
		for (const change of customChange.changes)
			diff[`attributes.${change.name}`] = { from: change.from, to: change.to };
		const customAttributes = customChange.changes.length ? customChange.merged : undefined;
		const adopting = matchedBy === 'email' && !user.employeeIdentifier && !!employee.id;
		if (adopting) {
			// Adopt the user (the policy allowed it in pass 1): from now on it is matched by employee identifier.
			diff.employeeIdentifier = { from: '', to: employee.id as string };
		}
		if (diff.email) {
			const holders = (byEmail.get(diff.email.to.toLowerCase()) ?? []).filter(
				(u) => u.id !== user.id,
			);
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
		const activation =
			user.state === 'STAGED' && options.activateStaged
				? planStagedActivation(employee, user, options)
				: undefined;
		// A suspended user that stays suspended keeps its groups, as a leaver's do.
		const groups =
			user.state !== 'SUSPENDED' || options.reactivateSuspendedUsers
				? planTeamGroups(plan, employee, user.id, options)
				: undefined;
		if (groups) plan.teamGroups.push({ ...base, ...groups });
		if (activation) {
			if (activation.action === 'activate') plan.activate.push({ ...base, ...activation });
			else plan.scheduleActivation.push({ ...base, ...activation });
		}
		if (user.state === 'SUSPENDED' && options.reactivateSuspendedUsers) {
			plan.reactivate.push({
				...base,
				customAttributes,
				pendingManager,
				action: 'reactivate',
				diff: { ...diff, state: { from: 'SUSPENDED', to: 'ACTIVATED' } },
				reason: 'active in Factorial (rehired or unterminated)',
			});
		} else if (adopting) {
			plan.adopt.push({
				...base,
				customAttributes,
				pendingManager,
				action: 'adopt',
				diff,
				reason: `no employee identifier; its email equals the work email (adoption allowed by the allow-list)`,
			});
		} else if (Object.keys(diff).length) {
			plan.update.push({ ...base, customAttributes, pendingManager, action: 'update', diff });
		} else if (!activation && !groups) {
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

	// The share is of every user this sync manages, including the ones unknown to Factorial.
	let unknownManaged = 0;
	for (const user of users) {
		if (touchedUsers.has(user.id) || !user.employeeIdentifier) continue;
		if (!inputEmployeeIds.has(user.employeeIdentifier)) unknownManaged++;
	}
	const base = plan.brake.matched + unknownManaged;

	const brake = plan.brake;
	brake.base = base;
	brake.suspensions = plan.suspend.length;
	brake.limit = Math.floor((base * shareOf(options.maxSuspensionShare)) / 100);
	if (brake.suspensions > brake.limit) {
		brake.overridden = options.overrideSafetyBrake;
		brake.triggered = !options.overrideSafetyBrake;
	}

	// A truncated read of JumpCloud makes people who exist look new: creates are braked too.
	const creation = plan.creationBrake;
	creation.base = base;
	creation.creations = plan.create.length + plan.reactivate.length;
	creation.limit = Math.max(
		MIN_CREATION_ALLOWANCE,
		Math.floor((base * shareOf(options.maxCreationShare ?? DEFAULT_MAX_CREATION_SHARE)) / 100),
	);
	if (creation.creations > creation.limit) {
		creation.overridden = options.overrideSafetyBrake;
		creation.triggered = !options.overrideSafetyBrake;
	}
	if (options.teamGroups) {
		const removals = plan.teamGroups.filter((a) => a.teamGroups?.remove.length).length;
		const limit = Math.max(
			MIN_CREATION_ALLOWANCE,
			Math.floor((plan.brake.matched * shareOf(options.maxSuspensionShare)) / 100),
		);
		const over = removals > limit;
		plan.teamGroupBrake = {
			base: plan.brake.matched,
			removals,
			limit,
			maxSharePercent: options.maxSuspensionShare,
			triggered: over && !options.overrideSafetyBrake,
			overridden: over && options.overrideSafetyBrake,
		};
	}
	// Usernames last: a create that gets none is skipped, but still counted by the brake above (as before).
	if (options.usernames) assignCreateUsernames(plan, plan.takenUsernames, options.usernames);
	// The users created in this run join their team groups once created (the Joiner's Add to Team Group).
	for (const create of plan.create) {
		const groups = create.employee && planTeamGroups(plan, create.employee, undefined, options);
		if (groups)
			plan.teamGroups.push({
				itemIndex: create.itemIndex,
				employeeId: create.employeeId,
				username: create.username,
				email: create.email,
				...groups,
				reason: 'created in this run',
			});
	}
	plan.order = executionOrder(plan);
	return plan;
}

/**
 * The team-group repair of one active employee's user (`userId` undefined: created in this run), or
 * undefined when nothing changes, Team Groups is not Repair, or the employee's teams are unknown.
 */
function planTeamGroups(
	plan: ReconcilePlan,
	employee: EmployeeView,
	userId: string | undefined,
	options: PlanOptions,
): Pick<PlannedAction, 'action' | 'diff' | 'teamGroups'> | undefined {
	if (!options.teamGroups) return undefined;
	if (!employee.teams) {
		plan.teamGroupsUnknownTeams++;
		return undefined;
	}
	const change = teamGroupChange(options.teamGroups, userId, employee.teams);
	if (!change) return undefined;
	return {
		action: 'teamGroups',
		diff: { teamGroups: { from: change.from.join(', '), to: change.to.join(', ') } },
		teamGroups: change,
	};
}

/** A share in percent, clamped to 0-100; anything not a finite number counts as 0 (fails closed). */
function shareOf(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value)
		? Math.max(0, Math.min(100, value))
		: 0;
}

function planUnmatched(
	plan: ReconcilePlan,
	itemIndex: number,
	employee: EmployeeView,
	options: PlanOptions,
	custom: CustomAttribute[] = [],
): void {
	const skip = (reason: string): void => {
		plan.skipped.push({ itemIndex, employeeId: employee.id, reason });
	};
	if (!employee.active) return skip('not active in Factorial and not in JumpCloud');
	if (!employee.workEmail) return skip('no work email');
	if (!employee.workEmailValid)
		return skip(`work email "${employee.workEmail}" is not a valid address`);
	const attributes: Record<string, string> = {
		...(wantedAttributes(employee) as Record<string, string>),
	};
	// The manager is resolved when the user is written (it may be created in the same run).
	delete attributes.manager;
	if (employee.id) attributes.employeeIdentifier = employee.id;
	const diff: Record<string, Change> = {};
	for (const [key, value] of Object.entries(attributes)) diff[key] = { from: '', to: value };
	for (const attribute of custom)
		diff[`attributes.${attribute.name}`] = { from: '', to: attribute.value };
	plan.create.push({
		action: 'create',
		itemIndex,
		employeeId: employee.id,
		email: employee.workEmail,
		diff,
		attributes,
		...(custom.length ? { customAttributes: custom } : {}),
		employee,
		...(options.activateStaged && (options.newUserState ?? 'STAGED') === 'STAGED'
			? {
					activation: planActivation(
						employee,
						options.now ?? Date.now(),
						options.defaultTimezone ?? 'UTC',
					),
				}
			: {}),
	});
}

/**
 * A matched STAGED user of an active employee: activate when the start moment has passed; otherwise
 * schedule the activation, unless one is already pending at that moment (never a second job). Pending
 * activations at other moments (an older start date) are replaced.
 */
function planStagedActivation(
	employee: EmployeeView,
	user: DirectoryUser,
	options: PlanOptions,
): Pick<PlannedAction, 'action' | 'diff' | 'reason' | 'activation' | 'replaceJobs'> | undefined {
	const now = options.now ?? Date.now();
	const activation = planActivation(employee, now, options.defaultTimezone ?? 'UTC');
	if (activation.kind === 'none') return undefined;
	if (activation.kind === 'now') {
		return {
			action: 'activate',
			activation,
			diff: { state: { from: 'STAGED', to: 'ACTIVATED' } },
			reason: `started on ${activation.startDate} (09:00 local has passed)`,
		};
	}
	const pending = (options.jobs ?? []).filter(
		(j) => j.userId === user.id && j.state === 'ACTIVATED' && Date.parse(j.scheduledDate) > now,
	);
	if (pending.some((j) => Date.parse(j.scheduledDate) === Date.parse(activation.utc)))
		return undefined;
	return {
		action: 'scheduleActivation',
		activation,
		replaceJobs: pending.map((j) => j.jobId),
		diff: {
			scheduledActivation: {
				from: pending.map((j) => j.scheduledDate).join(', '),
				to: activation.utc,
			},
		},
		reason: `starts on ${activation.startDate}: activation at ${activation.local}`,
	};
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
				diff.manager = {
					from: str(user.raw.manager),
					to: `(user created in this run for employee ${managerEmployeeId})`,
				};
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
export function resolveManagerId(
	managerEmployeeId: string | null,
	byEmployeeId: Map<string, string>,
): string | undefined {
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
			return {
				error:
					error instanceof UsernamePolicyError
						? error.message
						: String((error as Error)?.message ?? error),
			};
		}
	});
}

/** Summary counts of a plan (dry run) or of what was done. */
export function planCounts(plan: ReconcilePlan): Record<string, number> {
	return {
		create: plan.create.length,
		update: plan.update.length,
		adopt: plan.adopt.length,
		reactivate: plan.reactivate.length,
		suspend: plan.suspend.length,
		activate: plan.activate.length,
		scheduleActivation: plan.scheduleActivation.length,
		teamGroups: plan.teamGroups.length,
		unchanged: plan.unchanged,
		skipped: plan.skipped.length,
		conflicts: plan.conflicts.length,
	};
}

/** Where the usernames of new users come from: an input field, or the username policy. */
/** A username a created user may get (JumpCloud's device naming advice; case as the username node made it). */
const FIELD_USERNAME_PATTERN = /^[a-z][a-z0-9._-]*$/i;

export type UsernameSource =
	| {
			source: 'field';
			field: string;
			valueAt: (itemIndex: number) => unknown;
			/** Longest username accepted (default DEFAULT_MAX_LENGTH of the policy). */
			maxLength?: number;
			/** Names refused besides DEFAULT_RESERVED_USERNAMES. */
			reservedUsernames?: readonly string[];
	  }
	| { source: 'generate'; policy: Partial<PolicyOptions> };

/**
 * Gives every planned create its username, checked against `taken` (lower-case usernames already in
 * JumpCloud; the ones handed out here are added). A create that gets none becomes a skip with its
 * reason: no or unusable username in the input field, one already taken, or one the policy cannot make.
 */
export function assignCreateUsernames(
	plan: ReconcilePlan,
	taken: Set<string>,
	usernames: UsernameSource,
): void {
	const creates: PlannedAction[] = [];
	const skip = (action: PlannedAction, reason: string) =>
		plan.skipped.push({ itemIndex: action.itemIndex ?? 0, employeeId: action.employeeId, reason });
	if (usernames.source === 'field') {
		const field = usernames.field;
		const reserved = reservedSet(usernames.reservedUsernames ?? []);
		const maxLength = usernames.maxLength ?? DEFAULT_MAX_LENGTH;
		for (const action of plan.create) {
			const value = coerceValue(usernames.valueAt(action.itemIndex ?? 0), 'string');
			const username = value.ok && typeof value.value === 'string' ? value.value.trim() : '';
			const reason = !value.ok
				? `the input field "${field}" ${value.problem}`
				: !username
					? `no username in the input field "${field}"`
					: /\s/.test(username)
						? `the username "${username}" contains spaces`
						: !FIELD_USERNAME_PATTERN.test(username)
							? `the username "${username}" is not valid (letters, digits, ".", "_" and "-", starting with a letter)`
							: username.length > maxLength
								? `the username "${username}" is longer than ${maxLength} characters`
								: isReservedUsername(username, reserved)
									? `the username "${username}" is reserved (a system or privileged account name)`
									: taken.has(username.toLowerCase())
										? `the username "${username}" is already taken in JumpCloud`
										: undefined;
			if (reason) {
				skip(action, reason);
				continue;
			}
			taken.add(username.toLowerCase());
			action.username = username;
			creates.push(action);
		}
	} else {
		const choices = assignUsernames(plan.create, taken, usernames.policy);
		plan.create.forEach((action, index) => {
			const choice = choices[index];
			if (!choice.username) {
				skip(action, `no username could be generated: ${choice.error ?? 'unknown reason'}`);
				return;
			}
			taken.add(choice.username.toLowerCase());
			action.username = choice.username;
			creates.push(action);
		});
	}
	plan.create = creates;
	plan.order = executionOrder(plan);
}

/**
 * The next free username for a create whose username was taken since the list was read (the policy
 * numbers it); undefined when usernames come from an input field (never replaced) or none is left.
 */
export function nextUsername(
	action: PlannedAction,
	taken: Set<string>,
	usernames: UsernameSource,
): string | undefined {
	if (usernames.source !== 'generate') return undefined;
	taken.add(String(action.username).toLowerCase());
	const [choice] = assignUsernames([action], taken, usernames.policy);
	if (choice.username) taken.add(choice.username.toLowerCase());
	return choice.username;
}

/**
 * The order the actions are applied in: creates first (managers of other new hires before them) so
 * every manager link can be written in this run, then updates and reactivations, suspensions last.
 */
export function executionOrder(plan: ReconcilePlan): PlannedAction[] {
	const creates = plan.create;
	const managersOfNewHires = new Set(
		creates.map((a) => a.employee?.managerId).filter((id) => !!id),
	);
	const orderedCreates = [
		...creates.filter((a) => managersOfNewHires.has(a.employeeId as string)),
		...creates.filter((a) => !managersOfNewHires.has(a.employeeId as string)),
	];
	// Activations after the attribute updates, so a user is never active with stale attributes.
	return [
		...orderedCreates,
		...plan.update,
		...plan.adopt,
		...plan.reactivate,
		...plan.activate,
		...plan.scheduleActivation,
		...plan.teamGroups,
		...plan.suspend,
	];
}

/**
 * The username to try when JumpCloud refuses a create's username as taken (another run took it since
 * the list was read): the policy's next free one, or undefined (usernames from an input field are never
 * replaced). Needs a plan made with `usernames`.
 */
export function replacementUsername(
	plan: ReconcilePlan,
	action: PlannedAction,
	usernames: UsernameSource,
): string | undefined {
	return nextUsername(action, plan.takenUsernames, usernames);
}

/** The POST body of a planned create: its attributes, username, state and, when known, its manager. */
export function createBody(
	action: PlannedAction,
	newUserState: string,
	userIdByEmployee: Map<string, string>,
): Obj {
	const body: Obj = {
		...(action.attributes ?? {}),
		username: action.username,
		state: newUserState,
		suspended: false,
	};
	if (action.customAttributes?.length)
		body.attributes = action.customAttributes.map((a) => ({ name: a.name, value: a.value }));
	const managerId = resolveManagerId(action.employee?.managerId ?? null, userIdByEmployee);
	if (managerId) body.manager = managerId;
	return body;
}

/**
 * The PUT body of a planned update, adoption, reactivation or suspension: the changed fields (custom
 * attributes as the user's whole list). A manager created earlier in this run is linked now; when it
 * could not be created and nothing else changes, the write is skipped with that reason.
 */
export function writeBody(
	action: PlannedAction,
	userIdByEmployee: Map<string, string>,
): { body: Obj } | { skip: string } {
	if (action.action === 'suspend') return { body: { state: 'SUSPENDED', suspended: true } };
	const body: Obj = {};
	for (const [key, change] of Object.entries(action.diff))
		if (!key.startsWith('attributes.')) body[key] = change.to;
	if (action.customAttributes)
		body.attributes = action.customAttributes.map((a) => ({ name: a.name, value: a.value }));
	if (action.action === 'reactivate') Object.assign(body, { state: 'ACTIVATED', suspended: false });
	if (action.pendingManager) {
		// The manager's user was created earlier in this run (creates go first).
		const managerId = userIdByEmployee.get(action.pendingManager);
		if (managerId) body.manager = managerId;
		else delete body.manager;
		if (action.diff.manager) action.diff.manager.to = managerId ?? '';
		if (!Object.keys(body).length) return { skip: 'the manager’s user could not be created' };
	}
	return { body };
}

/** Today (YYYY-MM-DD) in a time zone (termination days are local days); UTC for an unknown zone. */
export function localDay(timezone: string, now: number = Date.now()): string {
	try {
		return new Intl.DateTimeFormat('en-CA', {
			timeZone: timezone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		}).format(new Date(now));
	} catch {
		return new Date(now).toISOString().slice(0, 10);
	}
}
