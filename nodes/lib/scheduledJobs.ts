// Decisions on JumpCloud's scheduled state changes (GET/POST /v2/bulk/userstates) that make "schedule
// this change once" hold: which listed jobs are the same change, which job two racing executions both
// keep, and which older jobs a moved date replaces. Pure: the JumpCloud node's shared routine
// (JumpCloud/shared/scheduleOnce.ts) does the requests for User State → Schedule and the reconciliation.
import { DateTime } from 'luxon';

/** A job as JumpCloud lists it: `scheduledJobId`, `state`, `scheduledDate`, `systemUserId`. */
export type ScheduledJob = Record<string, unknown>;

/**
 * Reads a `scheduledDate` JumpCloud returns. Its examples carry no zone (`2020-01-01 02:00:00`), and the
 * value is the UTC instant we sent as `start_date` (docs/reference/jumpcloud-api-notes.md), so a value
 * without an offset is UTC, never the host's local time. ISO values with an offset or `Z` keep their
 * instant. Returns epoch milliseconds, or NaN when unreadable.
 */
export function parseJumpCloudDate(value: unknown): number {
	if (typeof value !== 'string' && !(value instanceof Date)) return NaN;
	if (value instanceof Date) return value.getTime();
	const text = value.trim();
	if (!text) return NaN;
	let parsed = DateTime.fromISO(text, { zone: 'utc', setZone: true });
	if (!parsed.isValid) parsed = DateTime.fromSQL(text, { zone: 'utc', setZone: true });
	return parsed.isValid ? parsed.toMillis() : NaN;
}

/** Orders ObjectIds by age (hex of a timestamp first, so equal lengths compare as text). */
export function compareJobIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The user a job listed for `userId` is about (a listing by user may omit it). */
function jobUser(job: ScheduledJob, userId: string): string {
	return String(job.systemUserId ?? userId);
}

/** Identical jobs (this user, state and instant), oldest first. */
export function sameScheduledJobs(
	jobs: readonly ScheduledJob[],
	userId: string,
	state: string,
	utc: string,
): ScheduledJob[] {
	return jobs
		.filter(
			(j) =>
				jobUser(j, userId) === userId &&
				j.state === state &&
				parseJumpCloudDate(j.scheduledDate) === Date.parse(utc),
		)
		.sort((a, b) => compareJobIds(String(a.scheduledJobId), String(b.scheduledJobId)));
}

/**
 * After creating job `ownId`: the older identical job to keep instead (then `ownId` is cancelled), or
 * undefined when ours is the one to keep. Two executions that both created see the same oldest job, so
 * both keep it.
 */
export function olderIdenticalJob(
	identicalAfter: readonly ScheduledJob[],
	ownId: string,
): ScheduledJob | undefined {
	const [oldest] = identicalAfter;
	const oldestId = String(oldest?.scheduledJobId ?? '');
	return ownId && oldestId && oldestId !== ownId ? oldest : undefined;
}

/**
 * The user's pending jobs to the same state at another time that are older than the job kept (`keep`):
 * what a moved date replaces. Only older ones, so two executions with different dates never cancel each
 * other's job and one always remains (the newest).
 */
export function olderJobsAtOtherTimes(
	jobs: readonly ScheduledJob[],
	userId: string,
	state: string,
	utc: string,
	keep: string,
	now: number,
): ScheduledJob[] {
	return jobs.filter(
		(j) =>
			jobUser(j, userId) === userId &&
			j.state === state &&
			parseJumpCloudDate(j.scheduledDate) > now &&
			parseJumpCloudDate(j.scheduledDate) !== Date.parse(utc) &&
			compareJobIds(String(j.scheduledJobId), keep) < 0,
	);
}

/**
 * The user's pending jobs (still to run at `now`), to `state` when given, other than `keep`: what a leaver's
 * suspension cancels (a rescinded hire's activation, a contract end's suspension made moot).
 */
export function pendingJobsOf(
	jobs: readonly ScheduledJob[],
	userId: string,
	now: number,
	state?: string,
	keep?: string,
): ScheduledJob[] {
	return jobs.filter(
		(j) =>
			jobUser(j, userId) === userId &&
			(state === undefined || j.state === state) &&
			!(parseJumpCloudDate(j.scheduledDate) <= now) &&
			String(j.scheduledJobId) !== keep,
	);
}
