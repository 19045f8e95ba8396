/**
 * Applies one planned reconciliation action to JumpCloud: creates through the shared create-without-
 * duplicates routine (`shared/createUser.ts`), updates, reactivations and suspensions as one PUT each
 * (bodies made by the planner), activations now or scheduled once. What the plan says is not decided here.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isConnectionError } from '../../../lib/http';
import type { PlannedAction } from '../../../lib/plan';
import { createBody, writeBody } from '../../../lib/plan';
import type { Result } from '../../../lib/planReport';
import { describeActivation } from '../../../lib/planReport';
import { createUserOnce, MAX_CREATE_ATTEMPTS, personExistsError } from '../../shared/createUser';
import { cancelScheduledJob, scheduleStateOnce } from '../../shared/scheduleOnce';
import { changeMembership } from '../userGroup/membership';
import { jumpCloudApiError, jumpCloudApiRequest } from '../../transport';

/** The message of a failed action, as its output item shows it. */
export function errorMessage(error: unknown): string {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error.message;
	if (isConnectionError(error)) return 'The connection to JumpCloud failed';
	return error instanceof Error ? error.message : String(error);
}

/**
 * Creates the planned user without ever duplicating it. A person found after an unclear answer or a
 * duplicate answer is this employee's user when it carries the employee identifier ('alreadyExisted');
 * a user holding only the email is someone else and fails this action. `replacement` gives the next
 * username when JumpCloud refuses one as taken.
 */
async function createPlannedUser(
	ctx: IExecuteFunctions,
	action: PlannedAction,
	body: IDataObject,
	replacement: () => string | undefined,
): Promise<{ user: IDataObject; result: Result }> {
	const itemIndex = action.itemIndex ?? 0;
	const person = {
		strings: { employeeIdentifier: action.employeeId ?? '', email: String(body.email ?? '') },
	};
	const { username, ...rest } = body;
	let first: string | undefined = String(username ?? '');
	const outcome = await createUserOnce.call(ctx, itemIndex, person, rest, () => {
		const next = first ?? replacement();
		first = undefined;
		return next;
	});
	if (outcome.kind === 'created') return { user: outcome.user, result: 'done' };
	if (outcome.kind === 'found') {
		if (outcome.match.matchedBy === 'employeeIdentifier')
			return { user: outcome.match.user, result: 'alreadyExisted' };
		throw personExistsError.call(ctx, itemIndex, outcome.match);
	}
	if (outcome.kind === 'usernameTaken')
		throw jumpCloudApiError(
			ctx,
			outcome.response.statusCode,
			outcome.response.body,
			'POST',
			'/systemusers',
			itemIndex,
		);
	throw new NodeOperationError(
		ctx.getNode(),
		`No free username found for employee ${action.employeeId} after ${Math.min(outcome.attempts, MAX_CREATE_ATTEMPTS)} attempts [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Other runs took every username tried meanwhile. Run the reconciliation again: it reads the taken usernames anew.',
		},
	);
}

/**
 * Applies one action. `userIdByEmployee` is the plan's map, kept current as users are created (so a
 * manager created earlier in the run is linked); `replacement` numbers a create's username anew.
 */
export async function applyAction(
	ctx: IExecuteFunctions,
	action: PlannedAction,
	userIdByEmployee: Map<string, string>,
	newUserState: string,
	replacement: () => string | undefined,
): Promise<{ result: Result; extra?: IDataObject }> {
	const itemIndex = action.itemIndex ?? 0;
	if (action.action === 'create') {
		const body = createBody(action, newUserState, userIdByEmployee) as IDataObject;
		const { user, result } = await createPlannedUser(ctx, action, body, replacement);
		const id = String(user._id ?? user.id ?? '');
		action.userId = id;
		action.username = String(user.username ?? body.username);
		if (action.employeeId && id) userIdByEmployee.set(action.employeeId, id);
		const activation = action.activation;
		if (!activation || activation.kind === 'none' || !id)
			return {
				result,
				extra: activation ? { activation: describeActivation(activation) } : {},
			};
		// Created staged after a missed webhook: the Joiner's rule, in the same run.
		try {
			if (activation.kind === 'now') {
				await activateStaged(ctx, itemIndex, id);
				return { result, extra: { activation: 'activated' } };
			}
			const scheduled = await scheduleActivationOnce(ctx, itemIndex, id, activation.utc, []);
			return {
				result,
				extra: {
					activation: `scheduled for ${activation.local}`,
					scheduledJobId: scheduled.jobId,
				},
			};
		} catch (error) {
			// The user exists: the next run finds it STAGED and activates or schedules it then.
			return {
				result,
				extra: { activation: `failed: ${errorMessage(error)}; the next run retries it` },
			};
		}
	}
	if (action.action === 'activate') {
		await activateStaged(ctx, itemIndex, action.userId ?? '');
		return { result: 'done' };
	}
	if (action.action === 'scheduleActivation' && action.activation?.kind === 'schedule') {
		const scheduled = await scheduleActivationOnce(
			ctx,
			itemIndex,
			action.userId ?? '',
			action.activation.utc,
			action.replaceJobs ?? [],
		);
		return {
			result: scheduled.alreadyScheduled ? 'alreadyExisted' : 'done',
			extra: { scheduledJobId: scheduled.jobId, scheduledDateLocal: action.activation.local },
		};
	}
	if (action.action === 'scheduleSuspension' && action.suspension) {
		// A user created in this run is found by its employee id; one that could not be created is skipped.
		const userId = action.userId ?? userIdByEmployee.get(action.employeeId ?? '');
		if (!userId) return { result: 'skipped', extra: { reason: 'the user was not created' } };
		const { job, kind } = await scheduleStateOnce(ctx, itemIndex, userId, {
			state: 'SUSPENDED',
			start_date: action.suspension.utc,
		});
		const jobId = String(job.scheduledJobId ?? '');
		for (const old of action.replaceJobs ?? [])
			if (old !== jobId) await cancelScheduledJob(ctx, itemIndex, old);
		// After the job exists (as User State → Schedule does): the suspension it makes is the sync's. A job
		// found already scheduled got its mark when it was made, so a repeated run writes nothing.
		if (action.customAttributes && kind !== 'existing')
			await jumpCloudApiRequest.call(
				ctx,
				'PUT',
				`/systemusers/${encodeURIComponent(userId)}`,
				{ attributes: action.customAttributes } as IDataObject,
				undefined,
				{ itemIndex },
			);
		return {
			result: kind === 'existing' ? 'alreadyExisted' : 'done',
			extra: { scheduledJobId: jobId, scheduledDateLocal: action.suspension.local },
		};
	}
	if (action.action === 'cancelScheduled') {
		for (const old of action.replaceJobs ?? []) await cancelScheduledJob(ctx, itemIndex, old);
		return { result: 'done', extra: { cancelledJobs: action.replaceJobs ?? [] } };
	}
	// A leaver's pending activations are cancelled before the suspension (JumpCloud would run them).
	if (action.action === 'suspend')
		for (const old of action.replaceJobs ?? []) await cancelScheduledJob(ctx, itemIndex, old);
	if (action.action === 'teamGroups') return await repairTeamGroups(ctx, action, userIdByEmployee);
	const write = writeBody(action, userIdByEmployee);
	if ('skip' in write) return { result: 'skipped', extra: { reason: write.skip } };
	const path = `/systemusers/${encodeURIComponent(action.userId ?? '')}`;
	await jumpCloudApiRequest.call(ctx, 'PUT', path, write.body as IDataObject, undefined, {
		itemIndex,
	});
	return { result: 'done' };
}

/**
 * One user's team groups: removals first, then additions, one membership write each (the Mover's
 * calls; a membership already as wanted answers 409/404 and counts as unchanged). A user created in
 * this run is found by its employee id; one that could not be created is skipped.
 */
async function repairTeamGroups(
	ctx: IExecuteFunctions,
	action: PlannedAction,
	userIdByEmployee: Map<string, string>,
): Promise<{ result: Result; extra?: IDataObject }> {
	const itemIndex = action.itemIndex ?? 0;
	const userId = action.userId ?? userIdByEmployee.get(action.employeeId ?? '');
	if (!userId)
		return {
			result: 'skipped',
			extra: { reason: 'the user could not be created in this run; the next run adds its groups' },
		};
	action.userId = userId;
	const change = action.teamGroups ?? { add: [], remove: [], unavailable: [] };
	const removedGroups: string[] = [];
	const addedGroups: string[] = [];
	for (const group of change.remove)
		if ((await changeMembership(ctx, itemIndex, group.id, userId, 'remove')) === 'changed')
			removedGroups.push(group.name);
	for (const group of change.add)
		if ((await changeMembership(ctx, itemIndex, group.id, userId, 'add')) === 'changed')
			addedGroups.push(group.name);
	return {
		result: addedGroups.length || removedGroups.length ? 'done' : 'alreadyExisted',
		extra: {
			addedGroups,
			removedGroups,
			...(change.unavailable.length ? { teamsWithoutGroup: change.unavailable } : {}),
		},
	};
}

/** STAGED → ACTIVATED now; activating an active user changes nothing, so a resend is safe. */
async function activateStaged(
	ctx: IExecuteFunctions,
	itemIndex: number,
	id: string,
): Promise<void> {
	await jumpCloudApiRequest.call(
		ctx,
		'POST',
		`/systemusers/${encodeURIComponent(id)}/state/activate`,
		{ email: true },
		undefined,
		{ itemIndex, idempotent: true },
	);
}

/**
 * One scheduled activation at `utc`, by the routine User State → Schedule uses (shared/scheduleOnce.ts);
 * then the plan's older pending activations at other times (`replaceJobs`) are cancelled.
 */
async function scheduleActivationOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	id: string,
	utc: string,
	replaceJobs: string[],
): Promise<{ jobId: string; alreadyScheduled: boolean }> {
	const { job, kind } = await scheduleStateOnce(ctx, itemIndex, id, {
		state: 'ACTIVATED',
		start_date: utc,
		send_activation_emails: true,
	});
	const jobId = String(job.scheduledJobId ?? '');
	for (const old of replaceJobs) if (old !== jobId) await cancelScheduledJob(ctx, itemIndex, old);
	// As before: a job this run created and then gave up for an older identical one counts as done here.
	return { jobId, alreadyScheduled: kind === 'existing' };
}
