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
import { withSuspensionMark } from '../suspensionMark';
import { planLastDay } from './activation';
import { applyBrakes, planUnknownUserSuspensions } from './brakes';
import { decideMatches, planTeamGroups } from './decide';
import { matchEmployees } from './match';
import { reportOrphans } from './orphans';
import { executionOrder } from './order';
import type { DirectoryUser, Obj, PlanOptions, ReconcilePlan } from './types';
import { DEFAULT_MAX_CREATION_SHARE, toDirectoryUser } from './types';
import { assignCreateUsernames } from './usernames';

export type {
	ActionKind,
	ActivationPlan,
	Change,
	Conflict,
	CreationBrake,
	DirectoryUser,
	MatchKey,
	PlannedAction,
	PlanOptions,
	ReconcilePlan,
	SafetyBrake,
	ScheduledJobView,
	SkippedEmployee,
	TeamGroupBrake,
} from './types';
export {
	DEFAULT_MAX_CREATION_SHARE,
	DEFAULT_MAX_SUSPENSION_SHARE,
	MIN_CREATION_ALLOWANCE,
	toDirectoryUser,
	USER_FIELDS,
	userFieldsFor,
} from './types';
export { ACTIVATION_TIME, localDay, planActivation } from './activation';
export type { LastDayDecision, LastDayUser } from './lastDay';
export { planUserLastDay } from './lastDay';
export type { UsernameChoice, UsernameSource } from './usernames';
export {
	assignCreateUsernames,
	assignUsernames,
	nextUsername,
	replacementUsername,
} from './usernames';
export { executionOrder, planCounts } from './order';
export type { Orphan, OrphanReason, OrphanReport } from './orphans';
export { ORPHAN_LIST_LIMIT, ORPHAN_REASONS, reportOrphans } from './orphans';
export { createBody, resolveManagerId, writeBody } from './bodies';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/** Builds the plan. `employees` are the input items' JSON, `users` the JumpCloud list. */
export function planReconciliation(
	employees: Obj[],
	rawUsers: Obj[],
	options: PlanOptions,
): ReconcilePlan {
	// Without a list of scheduled changes, the first decision that reads it marks the plan (jobsNeeded):
	// the caller reads JumpCloud's list only when some decision depends on it, then plans again.
	let jobsNeeded = false;
	if (!options.jobs)
		options = Object.defineProperty({ ...options }, 'jobs', {
			get: () => ((jobsNeeded = true), []),
		});
	const plan = planWith(employees, rawUsers, options);
	plan.jobsNeeded = jobsNeeded;
	return plan;
}

function planWith(employees: Obj[], rawUsers: Obj[], options: PlanOptions): ReconcilePlan {
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
		scheduleSuspension: [],
		cancelScheduled: [],
		jobsNeeded: false,
		teamGroups: [],
		teamGroupsSkipped: options.teamGroups ? [...options.teamGroups.index.skipped] : [],
		teamGroupsUnknownTeams: 0,
		unchanged: 0,
		skipped: [],
		conflicts: [],
		links: { applied: options.adoption?.enabled === true, proposed: [], refused: [] },
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

	const {
		inputEmployeeIds,
		unreadableIds,
		matches,
		claims,
		touchedUsers,
		leaverEmails,
		outOfScopeUsers,
	} = matchEmployees(plan, employees, byEmployeeId, byEmail, options);
	// A user linked in this run is its employee's user from now on: a manager link to it (from a create
	// or another linked user) is written in this run, not the next one.
	for (const match of matches) {
		if (match.matchedBy !== 'email' || match.user.employeeIdentifier || !match.employee.id)
			continue;
		if ((claims.get(match.user.id) ?? 0) !== 1 || byEmployeeId.has(match.employee.id)) continue;
		push(byEmployeeId, match.employee.id, match.user);
		plan.userIdByEmployee.set(match.employee.id, match.user.id);
	}
	decideMatches(plan, matches, claims, touchedUsers, byEmployeeId, byEmail, options);
	planUnknownUserSuspensions(plan, users, touchedUsers, inputEmployeeIds, unreadableIds, options);
	applyBrakes(plan, users, touchedUsers, inputEmployeeIds, options);
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
		// A hire already leaving (a termination or a contract end ahead): the 23:59 suspension is scheduled
		// in the same run, as for a matched user, so the next run has nothing left to do.
		const last = create.employee && planLastDay(create.employee, '', options);
		if (last?.action === 'scheduleSuspension' && last.suspension)
			plan.scheduleSuspension.push({
				itemIndex: create.itemIndex,
				employeeId: create.employeeId,
				username: create.username,
				email: create.email,
				...last,
				replaceJobs: [],
				customAttributes: withSuspensionMark(create.customAttributes ?? [], last.suspension.utc),
			});
	}
	plan.order = executionOrder(plan);
	// Last, and reading only: the report changes no decision above.
	if (options.reportOrphans)
		plan.orphans = reportOrphans({
			users,
			touchedUsers,
			inputEmployeeIds,
			leaverEmails,
			unreadableIds,
			outOfScopeUsers,
		});
	return plan;
}
