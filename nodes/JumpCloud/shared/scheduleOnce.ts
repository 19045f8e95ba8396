/**
 * Schedules one state change of one user once: the one routine behind User State → Schedule and the
 * reconciliation's activations (Directory Sync → Reconcile). Creating a job is not idempotent, so the
 * user's jobs are listed first, after an unclear answer (5xx, connection lost: JumpCloud may have made
 * it; only resent when it did not) and after the create (two executions may both have created: both keep
 * the oldest, each cancels its own). Which jobs count as the same, and which one is kept, is decided in
 * lib/scheduledJobs.ts.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isConnectionError } from '../../lib/http';
import { olderIdenticalJob, pendingJobsOf, sameScheduledJobs } from '../../lib/scheduledJobs';
import type { JumpCloudFullResponse } from '../transport';
import { jumpCloudApiError, jumpCloudApiRequest, jumpCloudApiRequestAllItems } from '../transport';
import { toNodeError } from '../../shared/errors';
import { MAX_UNCLEAR_RESENDS, UNCLEAR_STATUSES } from './createUser';

/** The user's scheduled jobs (all of its pages). */
export async function listUserJobs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	userId: string,
): Promise<IDataObject[]> {
	return await jumpCloudApiRequestAllItems.call(
		ctx,
		'GET',
		'/v2/bulk/userstates',
		undefined,
		{ userid: userId },
		undefined,
		{ itemIndex },
	);
}

/** Cancels a job; false when it was already gone (ran, or cancelled elsewhere), which is what we want. */
export async function cancelScheduledJob(
	ctx: IExecuteFunctions,
	itemIndex: number,
	jobId: string,
): Promise<boolean> {
	const response = (await jumpCloudApiRequest.call(
		ctx,
		'DELETE',
		`/v2/bulk/userstates/${encodeURIComponent(jobId)}`,
		undefined,
		undefined,
		{ itemIndex, allowStatuses: [404], returnFullResponse: true },
	)) as JumpCloudFullResponse;
	return response.statusCode !== 404;
}

export interface ScheduledOnce {
	/** The job that stands for the change. */
	job: IDataObject;
	/**
	 * `existing`: it was scheduled before this call (nothing created); `created`: this call made it;
	 * `olderKept`: this call made one, found an older identical job made meanwhile and cancelled its own.
	 */
	kind: 'existing' | 'created' | 'olderKept';
	/** The user's jobs as last listed (before the create for `existing`, after it otherwise). */
	jobs: IDataObject[];
}

/**
 * One job changing user `userId` to `body.state` at `body.start_date` (a UTC instant); `body` carries
 * the rest of the POST (activation email settings), without `user_ids`.
 */
export async function scheduleStateOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	userId: string,
	body: IDataObject & { state: string; start_date: string },
): Promise<ScheduledOnce> {
	const identical = (jobs: IDataObject[]) =>
		sameScheduledJobs(jobs, userId, body.state, body.start_date) as IDataObject[];
	const before = await listUserJobs(ctx, itemIndex, userId);
	const [same] = identical(before);
	if (same) return { job: same, kind: 'existing', jobs: before };

	let created: IDataObject | undefined;
	for (let resend = 0; !created; resend++) {
		let response: JumpCloudFullResponse | undefined;
		try {
			response = (await jumpCloudApiRequest.call(
				ctx,
				'POST',
				'/v2/bulk/userstates',
				{ ...body, user_ids: [userId] },
				undefined,
				{ itemIndex, idempotent: false, returnFullResponse: true, allowStatuses: UNCLEAR_STATUSES },
			)) as JumpCloudFullResponse;
		} catch (error) {
			if (!isConnectionError(error) || resend >= MAX_UNCLEAR_RESENDS)
				throw toNodeError(ctx.getNode(), error, itemIndex);
		}
		if (response && !UNCLEAR_STATUSES.includes(response.statusCode)) {
			const answer = response.body;
			created = ((Array.isArray(answer) ? answer[0] : answer) as IDataObject | undefined) ?? {};
			break;
		}
		if (response && resend >= MAX_UNCLEAR_RESENDS)
			throw jumpCloudApiError(
				ctx,
				response.statusCode,
				response.body,
				'POST',
				'/v2/bulk/userstates',
				itemIndex,
			);
		// Unclear answer: JumpCloud may have made the job. Only resend when it did not.
		[created] = identical(await listUserJobs(ctx, itemIndex, userId));
	}

	/*
	 * The check above and the POST are two requests, so two executions (a webhook delivered twice at the same
	 * moment, on two workers; the Joiner and the nightly run) can both find nothing and both create. Listing
	 * again closes most of that gap: whoever sees two identical jobs keeps the oldest (lowest ObjectId, the
	 * same choice for both) and cancels its own. What remains: JumpCloud's ObjectIds order creation only to
	 * the second across its servers, and a listing may lag a create, so two identical jobs made in the same
	 * instant can still both survive.
	 */
	const after = await listUserJobs(ctx, itemIndex, userId);
	const ownId = String(created.scheduledJobId ?? '');
	const older = olderIdenticalJob(identical(after), ownId) as IDataObject | undefined;
	if (older) {
		await cancelScheduledJob(ctx, itemIndex, ownId);
		return { job: older, kind: 'olderKept', jobs: after };
	}
	return { job: created, kind: 'created', jobs: after };
}

/**
 * Whether a job of JumpCloud's list also covers another user (made outside this package): cancelling it
 * would cancel their change too, so it is kept.
 */
export function sharedWithOthers(all: IDataObject[], jobId: string, userId: string): boolean {
	return all.some(
		(j) =>
			String(j.scheduledJobId) === jobId &&
			j.systemUserId !== undefined &&
			j.systemUserId !== userId,
	);
}

/**
 * Cancels `jobs` (listed for `userId`), except a job that also covers other users (made outside this
 * package): cancelling it would cancel their change too, so it is reported instead.
 */
export async function cancelUserJobs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	userId: string,
	jobs: readonly IDataObject[],
): Promise<{ cancelledJobs: IDataObject[]; keptSharedJobs: string[] }> {
	const cancelledJobs: IDataObject[] = [];
	const keptSharedJobs: string[] = [];
	if (!jobs.length) return { cancelledJobs, keptSharedJobs };
	const all = await jumpCloudApiRequestAllItems.call(
		ctx,
		'GET',
		'/v2/bulk/userstates',
		undefined,
		{},
		undefined,
		{ itemIndex },
	);
	for (const job of jobs) {
		const jobId = String(job.scheduledJobId);
		if (sharedWithOthers(all, jobId, userId)) keptSharedJobs.push(jobId);
		else if (await cancelScheduledJob(ctx, itemIndex, jobId))
			cancelledJobs.push({
				scheduledJobId: jobId,
				state: job.state,
				scheduledDate: job.scheduledDate,
			});
	}
	return { cancelledJobs, keptSharedJobs };
}

/**
 * Cancels the user's pending jobs (to `state` when given, other than `keep`): a leaver's account must not be
 * activated later by a job made for the hire, nor wait for a suspension that no longer applies.
 */
export async function cancelPendingJobs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	userId: string,
	options: { state?: string; keep?: string; jobs?: IDataObject[] } = {},
): Promise<{ cancelledJobs: IDataObject[]; keptSharedJobs: string[] }> {
	const jobs = options.jobs ?? (await listUserJobs(ctx, itemIndex, userId));
	const pending = pendingJobsOf(jobs, userId, Date.now(), options.state, options.keep);
	return await cancelUserJobs(ctx, itemIndex, userId, pending as IDataObject[]);
}
