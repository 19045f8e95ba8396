/**
 * One linked user's last-day suspension outside the nightly (JumpCloud User State → Keep Last-Day
 * Suspension, the Mover on a contract change): the nightly's rule (planLastDay) applied to the jobs the sync
 * owns. A suspended user is left alone (the sync's suspension or someone else's); a pending suspension the
 * sync did not schedule (no mark at its instant, lib/suspensionMark.ts) is never moved or cancelled.
 */
import type { EmployeeView } from '../employeeMapping';
import type { CustomAttribute } from '../suspensionMark';
import {
	scheduledBySync,
	suspendedBySync,
	suspensionMark,
	withSuspensionMark,
} from '../suspensionMark';
import { planLastDay } from './activation';
import type { PlannedAction, PlanOptions, ScheduledJobView } from './types';

export interface LastDayUser {
	id: string;
	state: string;
	/** The user's custom attributes (`[{ name, value }]`), where the sync's mark lives. */
	attributes?: unknown;
}

export type LastDayDecision =
	| { kind: 'unchanged'; reason: string; keptJobs: string[] }
	| {
			kind: 'change';
			action: Pick<
				PlannedAction,
				'action' | 'diff' | 'reason' | 'suspension' | 'replaceJobs' | 'customAttributes'
			>;
			/** The attributes without the mark, after the sync's suspension was cancelled. */
			clearMark: boolean;
			keptJobs: string[];
	  };

export function planUserLastDay(
	employee: EmployeeView,
	user: LastDayUser,
	jobs: ScheduledJobView[],
	options: { now: number; defaultTimezone: string; immediateTerminationReasons?: unknown },
): LastDayDecision {
	const { now } = options;
	const mine = jobs.filter((j) => j.userId === user.id && Date.parse(j.scheduledDate) > now);
	const mark = suspensionMark(user);
	const others = mine.filter((j) => j.state === 'SUSPENDED' && !scheduledBySync(j, mark));
	const keptJobs = others.map((j) => j.jobId);
	if (user.state === 'SUSPENDED') {
		const owner = suspendedBySync(user, now);
		return {
			kind: 'unchanged',
			reason: owner.bySync ? 'already suspended by the sync' : owner.reason,
			keptJobs,
		};
	}
	const planned = planLastDay(employee, user.id, {
		now,
		defaultTimezone: options.defaultTimezone,
		immediateTerminationReasons: options.immediateTerminationReasons,
		jobs: mine.filter((j) => !others.includes(j)),
	} as PlanOptions);
	if (!planned)
		return {
			kind: 'unchanged',
			reason:
				employee.contractEndsOn || employee.terminatedOn
					? 'the suspension at the end of the last day is already scheduled'
					: 'no termination and no contract end: nothing to schedule',
			keptJobs,
		};
	let customAttributes: CustomAttribute[] | undefined;
	// Recorded as the sync's suspension, as the Leaver's Schedule and the nightly do.
	if (planned.action === 'scheduleSuspension' && planned.suspension)
		customAttributes = withSuspensionMark(user.attributes, planned.suspension.utc);
	if (planned.action === 'suspend') customAttributes = withSuspensionMark(user.attributes, now);
	return {
		kind: 'change',
		action: { ...planned, ...(customAttributes ? { customAttributes } : {}) },
		// A cancelled suspension's mark must not vouch for a later suspension by someone else.
		clearMark: planned.action === 'cancelScheduled' && mark !== undefined,
		keptJobs,
	};
}
