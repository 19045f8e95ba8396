/** The planner's types and constants: options, the plan and its actions, a JumpCloud user as read. */
import type { AttributeAuthority } from '../authority';
import type { SyncScope } from '../scope';
import type { AdoptionPolicy, LinkListing } from '../adoption';
import type {
	CustomAttribute,
	CustomAttributePair,
	EmployeeView,
	SyncAttribute,
} from '../employeeMapping';
import type { TeamGroupChange, TeamGroupSkip, TeamGroupState } from '../teamGroups';
import type { OrphanReport } from './orphans';
import type { UsernameSource } from './usernames';

export type Obj = Record<string, unknown>;

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
	// Custom attributes: the pairs compared, and the sync's suspension mark (lib/suspensionMark.ts).
	'attributes',
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
	/**
	 * Pending scheduled state changes already in JumpCloud (so none is scheduled twice, and those that no
	 * longer match an employee are cancelled). Absent: the plan sets `jobsNeeded` when a decision needed
	 * them, and the caller lists them and plans again.
	 */
	jobs?: ScheduledJobView[];
	/** Factorial `termination_reason_type` values that suspend at once (Settings → immediateTerminationReasons). */
	immediateTerminationReasons?: unknown;
	/**
	 * The pre-start window in days (Settings → preStartDays): a missing user whose start date is further
	 * away is not created yet (skipped with the day it will be). Undefined: created at hire, as before.
	 */
	preStartDays?: number;
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
	/**
	 * List the JumpCloud users no employee accounts for (`plan.orphans`, ./orphans.ts). A report only:
	 * with or without it the plan's actions, brakes and counts are the same.
	 */
	reportOrphans?: boolean;
	/**
	 * The Sync Policy credential's scope (lib/scope.ts): an employee outside it is never created or
	 * linked; its linked user is left alone or suspended as a leaver (`outOfScope`), with the reason.
	 */
	scope?: SyncScope;
	/** The Sync Policy credential's attribute authority (lib/authority.ts); absent: always, no clearing. */
	authority?: AttributeAuthority;
}

/**
 * The fields to read from JumpCloud for a plan with these options: always `attributes`, which carry the
 * sync's suspension mark (a reactivation needs it, a suspension keeps the other attributes).
 */
export function userFieldsFor(): string[] {
	return [...USER_FIELDS];
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

export type ActionKind =
	| 'create'
	| 'update'
	| 'adopt'
	| 'suspend'
	| 'reactivate'
	| 'activate'
	| 'scheduleActivation'
	| 'scheduleSuspension'
	| 'cancelScheduled'
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
	/**
	 * scheduleActivation / scheduleSuspension: this user's pending jobs to the same state at other times,
	 * replaced by the new one; suspend: its pending activations (a leaver is never activated later);
	 * cancelScheduled: the pending jobs that no longer match the employee.
	 */
	replaceJobs?: string[];
	/** scheduleSuspension: the end of the last day (termination or contract end), 23:59 local. */
	suspension?: { utc: string; local: string; timezone: string };
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
	/** Users whose team groups this run would change (added to or removed from one): what the brake counts. */
	changes: number;
	/** Of those, the users this run would remove from at least one team group. */
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
	/**
	 * Active users of employees terminated on a later or the current day, or on a fixed-term contract: the
	 * suspension at 23:59 local on the last day, scheduled once (lib/calendar.ts).
	 */
	scheduleSuspension: PlannedAction[];
	/**
	 * Pending scheduled changes that no longer match the employee (lib/calendar.ts): the activation of a
	 * hire terminated before the start date, of a leaver already suspended or of a user whose Factorial
	 * record is gone; the suspension of a contract extended with no end date and no termination.
	 */
	cancelScheduled: PlannedAction[];
	/**
	 * A decision looked at JumpCloud's pending scheduled changes and the options carried none: the caller
	 * lists them (`GET /v2/bulk/userstates`) and plans again with `jobs`.
	 */
	jobsNeeded: boolean;
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
	/**
	 * The guided link path: employees whose work email an existing user without (or with another)
	 * employee identifier holds, as links made (adoption on) or proposed, and links refused with why.
	 */
	links: LinkListing;
	brake: SafetyBrake;
	creationBrake: CreationBrake;
	/**
	 * Why suspensions of users unknown to Factorial were withheld this run, if they were: when an
	 * input employee's id cannot be read, any "unknown" user might be that employee.
	 */
	unknownUserSuspensionsWithheld?: string;
	/** With `reportOrphans`: the users no employee accounts for, with why (never acted on). */
	orphans?: OrphanReport;
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

export const str = (value: unknown): string =>
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
