/** Suspensions of users unknown to Factorial, and the brakes: suspensions, creations, team-group removals. */
import { withSuspensionMark } from '../suspensionMark';
import { cancelJobs, pendingJobs } from './activation';
import type { DirectoryUser, PlanOptions, ReconcilePlan } from './types';
import { DEFAULT_MAX_CREATION_SHARE, MIN_CREATION_ALLOWANCE } from './types';

/**
 * With Suspend Unmatched Users on (the input is every Factorial employee), users carrying an employee
 * identifier no input employee has (a Factorial record deleted, or never there) are suspended, and their
 * pending activations cancelled: nobody is activated for a record that is gone, staged or suspended.
 */
export function planUnknownUserSuspensions(
	plan: ReconcilePlan,
	users: DirectoryUser[],
	touchedUsers: Set<string>,
	inputEmployeeIds: Set<string>,
	unreadableIds: number,
	options: PlanOptions,
): void {
	if (options.suspendUnmatchedUsers && unreadableIds > 0) {
		// Never suspend the wrong person: a user that looks unknown may belong to an employee whose id
		// we could not read, so nobody is suspended as unknown until every input id is readable.
		plan.unknownUserSuspensionsWithheld = `${unreadableIds} input employee(s) had no readable id, so no JumpCloud user was suspended as unknown to Factorial in this run`;
		return;
	}
	if (!options.suspendUnmatchedUsers) return;
	for (const user of users) {
		if (touchedUsers.has(user.id) || !user.employeeIdentifier) continue;
		if (inputEmployeeIds.has(user.employeeIdentifier)) continue;
		const base = {
			itemIndex: null,
			employeeId: user.employeeIdentifier,
			userId: user.id,
			username: user.username,
			email: user.email,
		};
		const activations = pendingJobs(options, user.id, 'ACTIVATED');
		if (user.state === 'ACTIVATED' || user.state === 'STAGED') {
			plan.suspend.push({
				...base,
				action: 'suspend',
				customAttributes: withSuspensionMark(user.raw.attributes, options.now ?? Date.now()),
				...(activations.length ? { replaceJobs: activations.map((j) => j.jobId) } : {}),
				diff: { state: { from: user.state, to: 'SUSPENDED' } },
				reason: 'no input employee has this employee identifier',
			});
			continue;
		}
		const cancel = cancelJobs(
			activations,
			'scheduledActivation',
			'no Factorial employee has this employee identifier (record deleted?): the pending activation is cancelled',
		);
		if (cancel) plan.cancelScheduled.push({ ...base, ...cancel });
	}
}

/** Sets the suspension, creation and team-group brakes of the plan. */
export function applyBrakes(
	plan: ReconcilePlan,
	users: DirectoryUser[],
	touchedUsers: Set<string>,
	inputEmployeeIds: Set<string>,
	options: PlanOptions,
): void {
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
		// One brake over changes (issue 21): a user added to a team group counts as one taken out does,
		// so a run that would fill a group (a team renamed to a group's name, a newly mapped group) stops
		// too. Users created in this run join their groups after this count (the creation brake holds them).
		const changed = plan.teamGroups.filter(
			(a) => a.teamGroups?.remove.length || a.teamGroups?.add.length,
		);
		const removals = changed.filter((a) => a.teamGroups?.remove.length).length;
		const changes = changed.length;
		const limit = Math.max(
			MIN_CREATION_ALLOWANCE,
			Math.floor((plan.brake.matched * shareOf(options.maxSuspensionShare)) / 100),
		);
		const over = changes > limit;
		plan.teamGroupBrake = {
			base: plan.brake.matched,
			changes,
			removals,
			limit,
			maxSharePercent: options.maxSuspensionShare,
			triggered: over && !options.overrideSafetyBrake,
			overridden: over && options.overrideSafetyBrake,
		};
	}
}

/** A share in percent, clamped to 0-100; anything not a finite number counts as 0 (fails closed). */
function shareOf(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value)
		? Math.max(0, Math.min(100, value))
		: 0;
}
