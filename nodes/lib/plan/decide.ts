/**
 * Pass 2 of the plan: for each matched employee, suspend, update, adopt, reactivate, activate or
 * schedule its activation, and repair its team groups.
 */
import type { EmployeeView, SyncAttribute } from '../employeeMapping';
import { attributeChanges, sameValue, wantedAttributes } from '../employeeMapping';
import { writesOnUpdate } from '../authority';
import {
	SUSPENSION_MARK,
	scheduledBySync,
	suspendedBySync,
	suspensionMark,
	withoutSuspensionMark,
	withSuspensionMark,
} from '../suspensionMark';
import { isRescindedHire } from '../calendar';
import { teamGroupChange } from '../teamGroups';
import {
	cancelJobs,
	pendingJobs,
	planActivation,
	planLastDay,
	planStagedActivation,
} from './activation';
import type { Match } from './match';
import type { Change, DirectoryUser, PlannedAction, PlanOptions, ReconcilePlan } from './types';
import { str } from './types';

// Pass 2: decide for each matched employee.
export function decideMatches(
	plan: ReconcilePlan,
	matches: Match[],
	claims: Map<string, number>,
	touchedUsers: Set<string>,
	byEmployeeId: Map<string, DirectoryUser[]>,
	byEmail: Map<string, DirectoryUser[]>,
	options: PlanOptions,
): void {
	const createdInRun = new Set(plan.create.map((action) => action.employeeId as string));
	for (const match of matches) {
		const { itemIndex, employee, user, matchedBy, custom, outOfScope } = match;
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

		if (!employee.active || outOfScope) {
			const why =
				outOfScope ??
				(employee.terminatedOn
					? `terminated on ${employee.terminatedOn}`
					: 'not active in Factorial');
			if (user.state === 'ACTIVATED' || user.state === 'STAGED') {
				// JumpCloud runs a scheduled activation on suspended users too: the suspension cancels it.
				const activations = pendingJobs(options, user.id, 'ACTIVATED');
				plan.suspend.push({
					...base,
					// The suspension is recorded as the sync's in the same write (lib/suspensionMark.ts).
					customAttributes: withSuspensionMark(user.raw.attributes, options.now ?? Date.now()),
					action: 'suspend',
					...(activations.length ? { replaceJobs: activations.map((j) => j.jobId) } : {}),
					diff: { state: { from: user.state, to: 'SUSPENDED' } },
					reason: why,
				});
			} else {
				// Already suspended: an activation still pending (a Leaver before the upgrade) would undo it.
				const cancel = cancelJobs(
					pendingJobs(options, user.id, 'ACTIVATED'),
					'scheduledActivation',
					`${why}: the pending activation is cancelled, never activated`,
				);
				if (cancel) plan.cancelScheduled.push({ ...base, ...cancel });
				else plan.unchanged++;
			}
			continue;
		}

		if (user.state === 'SUSPENDED' && options.reactivateSuspendedUsers) {
			// Only the sync's own suspensions are lifted; IT's (incident response) stay, reported.
			const owner = suspendedBySync(user.raw, options.now ?? Date.now());
			if (!owner.bySync) {
				plan.skipped.push({ itemIndex, employeeId: employee.id, reason: owner.reason });
				continue;
			}
		}

		const { diff, pendingManager } = attributeDiff(
			employee,
			user,
			updatedAttributes(options),
			byEmployeeId,
			createdInRun,
		);
		// HR blanked it and the policy clears it: written empty (lib/authority.ts).
		for (const attribute of match.clears ?? [])
			if (options.attributes.includes(attribute) && str(user.raw[attribute]) !== '')
				diff[attribute] = { from: str(user.raw[attribute]), to: '' };
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
		// A hire terminated before the start date is never activated, so never reactivated either.
		const reactivating =
			user.state === 'SUSPENDED' &&
			options.reactivateSuspendedUsers &&
			!isRescindedHire(employee.startDate, employee.terminatedOn);
		// A suspended user that stays suspended keeps its groups, as a leaver's do.
		const groups =
			user.state !== 'SUSPENDED' || reactivating
				? planTeamGroups(plan, employee, user.id, options)
				: undefined;
		if (groups) plan.teamGroups.push({ ...base, ...groups });
		// Only the suspensions the sync scheduled (at the instant of its mark) are moved or cancelled;
		// one an admin scheduled is left alone, as the Mover's Keep Last-Day Suspension does.
		const mark = suspensionMark(user.raw);
		const suspension =
			user.state === 'ACTIVATED' || user.state === 'STAGED'
				? onlySyncJobs(planLastDay(employee, user.id, options), options, user.id, mark)
				: undefined;
		if (suspension?.action === 'suspend') {
			plan.suspend.push({
				...base,
				...suspension,
				// The sync's suspension, recorded in the same write, so a rehire may lift it.
				customAttributes: withSuspensionMark(
					customAttributes ?? user.raw.attributes,
					options.now ?? Date.now(),
				),
			});
			continue;
		}
		if (suspension?.action === 'cancelScheduled') {
			plan.cancelScheduled.push({ ...base, ...suspension });
			// A cancelled suspension's mark must not vouch for a later suspension by someone else.
			if (mark !== undefined) diff[`attributes.${SUSPENSION_MARK}`] = { from: mark, to: '' };
		} else if (suspension)
			// Recorded as the sync's suspension when scheduled, as the Leaver's Schedule does, so a rehire
			// after 23:59 may lift it (lib/suspensionMark.ts).
			plan.scheduleSuspension.push({
				...base,
				...suspension,
				customAttributes: withSuspensionMark(
					customAttributes ?? user.raw.attributes,
					suspension.suspension?.utc ?? options.now ?? Date.now(),
				),
			});
		if (activation?.action === 'activate') plan.activate.push({ ...base, ...activation });
		else if (activation?.action === 'cancelScheduled')
			plan.cancelScheduled.push({ ...base, ...activation });
		else if (activation) plan.scheduleActivation.push({ ...base, ...activation });
		if (user.state === 'STAGED' && options.activateStaged && !activation)
			stagedReport(plan, employee, user, itemIndex, options);
		if (reactivating) {
			plan.reactivate.push({
				...base,
				// The whole list without the sync's mark: a reactivation clears it.
				customAttributes: withoutSuspensionMark(customAttributes ?? user.raw.attributes),
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
			plan.update.push({
				...base,
				// An update in the same run writes the whole list: keep the mark the scheduled suspension adds.
				customAttributes:
					suspension?.action === 'cancelScheduled' && mark !== undefined
						? withoutSuspensionMark(customAttributes ?? user.raw.attributes)
						: customAttributes && suspension?.action === 'scheduleSuspension'
							? withSuspensionMark(customAttributes, suspension.suspension?.utc ?? Date.now())
							: customAttributes,
				pendingManager,
				action: 'update',
				diff,
			});
		} else if (!activation && !groups && !suspension) {
			plan.unchanged++;
		}
	}
}

/**
 * A staged user the activation rule leaves staged because the start date or the zone cannot be used
 * (as the Joiner's Left Staged): reported with the reason, never activated early.
 */
function stagedReport(
	plan: ReconcilePlan,
	employee: EmployeeView,
	user: DirectoryUser,
	itemIndex: number,
	options: PlanOptions,
): void {
	if (employee.startDate === undefined) return; // not read: nothing to report
	const activation = planActivation(
		employee,
		options.now ?? Date.now(),
		options.defaultTimezone ?? 'UTC',
	);
	if (activation.kind !== 'none') return;
	plan.skipped.push({
		itemIndex,
		employeeId: employee.id,
		reason: `JumpCloud user "${user.username}" stays staged: ${activation.reason}`,
	});
}

/**
 * The team-group repair of one active employee's user (`userId` undefined: created in this run), or
 * undefined when nothing changes, Team Groups is not Repair, or the employee's teams are unknown.
 */
export function planTeamGroups(
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

/** The attributes written to an existing user: all synced ones, or the policy's Always ones. */
function updatedAttributes(options: PlanOptions): SyncAttribute[] {
	const authority = options.authority;
	return authority
		? options.attributes.filter((a) => writesOnUpdate(authority, a))
		: options.attributes;
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

/**
 * A last-day decision restricted to the pending suspensions the sync owns: a job the mark does not
 * record is never replaced or cancelled (a cancel with none of the sync's jobs left is no action).
 */
function onlySyncJobs(
	planned: ReturnType<typeof planLastDay>,
	options: PlanOptions,
	userId: string,
	mark: string | undefined,
): ReturnType<typeof planLastDay> {
	if (!planned?.replaceJobs || planned.action === 'suspend') return planned;
	const owned = new Set(
		pendingJobs(options, userId, 'SUSPENDED')
			.filter((j) => scheduledBySync(j, mark))
			.map((j) => j.jobId),
	);
	const replaceJobs = planned.replaceJobs.filter((id) => owned.has(id));
	if (planned.action === 'cancelScheduled' && !replaceJobs.length) return undefined;
	return { ...planned, replaceJobs };
}
