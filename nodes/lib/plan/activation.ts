/** Activation timing: when a staged user becomes active (09:00 local on the start date), and local days. */
import type { EmployeeView } from '../employeeMapping';
import type { ActivationPlan, DirectoryUser, PlannedAction, PlanOptions } from './types';
import {
	ACTIVATION_TIME as START_TIME,
	isRescindedHire,
	planStart,
	planSuspension,
} from '../calendar';

/** The hour of a Joiner's activation, local time on the start date. */
export const ACTIVATION_TIME = START_TIME;

/**
 * The Joiner's activation rule (lib/calendar.ts planStart): 09:00 on the start date in the employee's time
 * zone (the workflow's when the item has none). Past: now; future: scheduled; no start date, or a zone
 * luxon cannot use: nothing, with the reason (the user stays staged; nothing activates early).
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
	const start = planStart(employee.startDate, employee.timezone, now, defaultTimezone);
	if (start.kind === 'staged') return { kind: 'none', reason: start.reason };
	if (start.kind === 'now') return { kind: 'now', startDate: start.startDate, local: start.local };
	return {
		kind: 'schedule',
		startDate: start.startDate,
		utc: start.utc,
		local: start.local,
		timezone: start.timezone,
	};
}

/** A cancelScheduled action for `jobs` (pending changes that no longer match the employee), or undefined. */
export function cancelJobs(
	jobs: Array<{ jobId: string; scheduledDate: string }>,
	what: 'scheduledActivation' | 'scheduledSuspension',
	reason: string,
): Pick<PlannedAction, 'action' | 'diff' | 'reason' | 'replaceJobs'> | undefined {
	if (!jobs.length) return undefined;
	return {
		action: 'cancelScheduled',
		replaceJobs: jobs.map((j) => j.jobId),
		diff: { [what]: { from: jobs.map((j) => j.scheduledDate).join(', '), to: '' } },
		reason,
	};
}

/**
 * A matched STAGED user of an active employee: activate when the start moment has passed; otherwise
 * schedule the activation, unless one is already pending at that moment (never a second job). Pending
 * activations at other moments (an older start date) are replaced.
 */
export function planStagedActivation(
	employee: EmployeeView,
	user: DirectoryUser,
	options: PlanOptions,
): Pick<PlannedAction, 'action' | 'diff' | 'reason' | 'activation' | 'replaceJobs'> | undefined {
	const now = options.now ?? Date.now();
	// Terminated before the first day: never activated; an activation still pending is cancelled.
	if (isRescindedHire(employee.startDate, employee.terminatedOn))
		return cancelJobs(
			pendingJobs(options, user.id, 'ACTIVATED'),
			'scheduledActivation',
			`hire rescinded: terminated on ${employee.terminatedOn} before the start date ${employee.startDate}; never activated`,
		);
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

/** The user's jobs to `state` still to run, from the plan's list of scheduled changes. */
export function pendingJobs(options: PlanOptions, userId: string, state: string) {
	const now = options.now ?? Date.now();
	return (options.jobs ?? []).filter(
		(j) => j.userId === userId && j.state === state && Date.parse(j.scheduledDate) > now,
	);
}

/**
 * An active employee's last day (lib/calendar.ts): terminated on today or a later day, or a fixed-term
 * contract's end. The suspension at 23:59 local on that day is scheduled once (never a suspension now on
 * the last day itself); a moved date replaces the pending one; a contract end that has passed suspends now.
 * Without either date, a pending suspension is cancelled only when the contract end was read (extended).
 */
export function planLastDay(
	employee: EmployeeView,
	userId: string,
	options: PlanOptions,
): Pick<PlannedAction, 'action' | 'diff' | 'reason' | 'suspension' | 'replaceJobs'> | undefined {
	const now = options.now ?? Date.now();
	const plan = planSuspension(
		{
			terminatedOn: employee.terminatedOn,
			contractEndsOn: employee.contractEndsOn,
			reasonType: employee.terminationReasonType,
			immediateReasons: options.immediateTerminationReasons,
			zone: employee.timezone,
		},
		now,
		options.defaultTimezone ?? 'UTC',
	);
	// No termination and a contract read without an end (extended open-ended): a pending suspension is
	// the old contract end's, cancelled. Not when the contract was not read (undefined).
	if (plan.kind === 'none')
		return employee.contractEndsOn === null && !employee.terminatedOn
			? cancelJobs(
					pendingJobs(options, userId, 'SUSPENDED'),
					'scheduledSuspension',
					'contract with no end date and no termination: the pending suspension is cancelled',
				)
			: undefined;
	if (plan.kind === 'now') {
		const activations = pendingJobs(options, userId, 'ACTIVATED');
		return {
			action: 'suspend',
			diff: { state: { from: 'ACTIVATED', to: 'SUSPENDED' } },
			reason: plan.reason,
			...(activations.length ? { replaceJobs: activations.map((j) => j.jobId) } : {}),
		};
	}
	const pending = pendingJobs(options, userId, 'SUSPENDED');
	if (pending.some((j) => Date.parse(j.scheduledDate) === Date.parse(plan.utc))) return undefined;
	return {
		action: 'scheduleSuspension',
		suspension: { utc: plan.utc, local: plan.local, timezone: plan.timezone },
		replaceJobs: pending.map((j) => j.jobId),
		diff: {
			scheduledSuspension: {
				from: pending.map((j) => j.scheduledDate).join(', '),
				to: plan.utc,
			},
		},
		reason: plan.reason,
	};
}
