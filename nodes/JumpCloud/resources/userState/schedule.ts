import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { leaverZone } from '../../../lib/calendar';
import { isValidEmail } from '../../../lib/email';
import { userLocator } from '../../shared/descriptions';
import { getUserById, invalid, readUserLocator, resolveUserId } from '../../shared/helpers';
import { resolveScheduleDate } from '../../scheduleDate';
import { olderJobsAtOtherTimes } from '../../../lib/scheduledJobs';
import {
	cancelPendingJobs,
	cancelScheduledJob,
	scheduleStateOnce,
	sharedWithOthers,
} from '../../shared/scheduleOnce';
import { jumpCloudApiRequest, jumpCloudApiRequestAllItems } from '../../transport';
import { suspendedBySync, withSuspensionMark } from '../../../lib/suspensionMark';
import { outsideSyncParameter, stateOf, suspendBody } from './shared';
import { dryRunField } from '../../shared/dryRun';

const show = { resource: ['userState'], operation: ['schedule'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Schedule'), displayOptions: { show } },
	{
		displayName: 'New State',
		name: 'targetState',
		type: 'options',
		options: [
			{ name: 'Activated', value: 'ACTIVATED' },
			{ name: 'Suspended', value: 'SUSPENDED' },
		],
		default: 'ACTIVATED',
		displayOptions: { show },
	},
	{
		displayName: 'Date and Time',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'When the change happens, as wall-clock time in the Time Zone below (an explicit offset in the value wins)',
		displayOptions: { show },
	},
	{
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Berlin',
		description: "IANA time zone of Date and Time; empty uses the workflow's time zone",
		displayOptions: { show },
	},
	{
		displayName: 'Send Activation Email',
		name: 'sendActivationEmails',
		type: 'boolean',
		validateType: 'boolean',
		default: true,
		description: 'Whether JumpCloud sends the activation email when the user is activated',
		displayOptions: { show: { ...show, targetState: ['ACTIVATED'] } },
	},
	{
		displayName: 'Activation Email Override',
		name: 'activationEmailOverride',
		type: 'string',
		default: '',
		placeholder: 'e.g. jane.personal@example.org',
		description: 'Send the activation email to this address instead',
		displayOptions: { show: { ...show, targetState: ['ACTIVATED'], sendActivationEmails: [true] } },
	},
	{
		displayName: 'Replace Other Scheduled Changes',
		name: 'replaceOtherScheduled',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description:
			"Whether to cancel the user's pending changes to the same state at another time, so a changed start date moves the activation instead of adding a second one. Off, the node never cancels a job it did not make a duplicate of.",
		displayOptions: { show },
	},
	{
		displayName: 'Suspend Now If the Time Has Passed',
		name: 'suspendNowIfPassed',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description:
			'Whether to suspend the user now when Date and Time has already passed (a termination entered late), instead of failing',
		displayOptions: { show: { ...show, targetState: ['SUSPENDED'] } },
	},
	{
		displayName: "Use the Workflow's Time Zone If Unusable",
		name: 'zoneFallback',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description:
			"Whether a Time Zone that is not an IANA name falls back to the workflow's time zone (reported in the output) instead of failing, so a leaver is never left active because of a location's bad zone",
		displayOptions: { show: { ...show, targetState: ['SUSPENDED'] } },
	},
	{
		displayName: 'Cancel Pending Activations',
		name: 'cancelPendingActivations',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description:
			"Whether to cancel the user's pending scheduled activations: JumpCloud activates staged and suspended users alike, so a hire terminated before the start date would otherwise get a working account on that day",
		displayOptions: { show: { ...show, targetState: ['SUSPENDED'] } },
	},
	outsideSyncParameter({ ...show, targetState: ['ACTIVATED'] }),
	dryRunField(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator.call(this, i, 'user', 'User to Schedule');
	const state = this.getNodeParameter('targetState', i) as string;
	const startDate = this.getNodeParameter('startDate', i) as string;
	const suspending = state === 'SUSPENDED';
	let zone = String(this.getNodeParameter('timezone', i, '') || this.getTimezone());
	let zoneNote: string | undefined;
	if (suspending && this.getNodeParameter('zoneFallback', i, false)) {
		({ zone, note: zoneNote } = leaverZone(zone, this.getTimezone()));
	}
	const resolved = resolveScheduleDate(startDate, zone);
	if ('error' in resolved) throw invalid.call(this, i, resolved.field, resolved.error);
	const at = resolved as { utc: string; local: string };
	const cancelActivations =
		suspending && (this.getNodeParameter('cancelPendingActivations', i, false) as boolean);
	const noted = zoneNote ? { timezoneNote: zoneNote } : {};
	// The one "gone" rule (lib/calendar.ts): active through the minute scheduled, suspended from then on.
	if (
		Date.parse(at.utc) <= Date.now() &&
		suspending &&
		this.getNodeParameter('suspendNowIfPassed', i, false)
	) {
		const id = await resolveUserId.call(this, i, locator, 'User to Schedule');
		// Cancel first: JumpCloud runs a pending activation on a suspended user too.
		const cancelled = cancelActivations ? await cancelPendingJobs(this, i, id) : {};
		const user = await getUserById.call(this, i, id);
		const unchanged = stateOf(user) === 'SUSPENDED';
		if (!unchanged)
			await jumpCloudApiRequest.call(
				this,
				'PUT',
				`/systemusers/${encodeURIComponent(id)}`,
				// The sync's suspension, marked as Suspend marks it (lib/suspensionMark.ts).
				suspendBody(user, Date.now()),
				undefined,
				{ itemIndex: i },
			);
		return {
			systemUserId: id,
			scheduled: false,
			suspendedNow: true,
			unchanged,
			scheduledDateLocal: at.local,
			timezone: zone,
			...noted,
			...cancelled,
		};
	}
	if (Date.parse(at.utc) <= Date.now()) {
		throw invalid.call(
			this,
			i,
			'Date and Time',
			`${at.local} is in the past`,
			'Pick a future date-time, or use Activate/Suspend now.',
		);
	}
	if (state !== 'ACTIVATED' && state !== 'SUSPENDED')
		throw invalid.call(this, i, 'New State', `"${state}" is not Activated or Suspended`);
	const body: IDataObject = {};
	if (state === 'ACTIVATED') {
		const send = this.getNodeParameter('sendActivationEmails', i, true) as boolean;
		body.send_activation_emails = send;
		const override = send
			? String(this.getNodeParameter('activationEmailOverride', i, '')).trim()
			: '';
		if (override) {
			if (!isValidEmail(override))
				throw invalid.call(
					this,
					i,
					'Activation Email Override',
					`"${override}" is not a valid email address`,
				);
			body.activation_email_override = override;
		}
	}

	const replaceOthers = this.getNodeParameter('replaceOtherScheduled', i, false) as boolean;

	const id = await resolveUserId.call(this, i, locator, 'User to Schedule');
	if (state === 'ACTIVATED') {
		// A scheduled activation lifts a suspension too: only the sync's, as Reactivate does.
		const refused = await suspendedOutsideSync(this, i, id);
		if (refused) return { scheduled: false, suspendedOutsideSync: true, reason: refused, id };
	}
	const { job, kind, jobs } = await scheduleStateOnce(this, i, id, {
		...body,
		state,
		start_date: at.utc,
	});
	const keep = String(job.scheduledJobId ?? '');
	const cancelled = cancelActivations
		? await cancelPendingJobs(this, i, id, { state: 'ACTIVATED', jobs })
		: {};
	// After the job exists: a failed mark leaves a suspension the sync will not lift (the safe side), a mark
	// without a job could vouch for someone else's suspension later.
	const marked = state === 'SUSPENDED' && (await markScheduledSuspension(this, i, id, at.utc));
	return {
		...job,
		scheduledDateLocal: at.local,
		timezone: zone,
		...noted,
		scheduled: true,
		alreadyScheduled: kind !== 'created',
		...cancelled,
		...(marked ? { suspensionMarkedAt: new Date(at.utc).toISOString() } : {}),
		// With Replace Other Scheduled Changes: cancel pending same-state jobs at other times older than the kept one.
		...(replaceOthers ? await cancelOlderOtherTimes(this, i, jobs, id, state, at.utc, keep) : {}),
	};
}

/**
 * Moves a changed date instead of adding a second change: cancels this user's pending jobs for the same state
 * at another time, older than the one kept (lib/scheduledJobs.ts). A job that also covers other users (made
 * outside this node) is left alone: cancelling it would cancel their change too.
 */
async function cancelOlderOtherTimes(
	ctx: IExecuteFunctions,
	i: number,
	jobs: IDataObject[],
	id: string,
	state: string,
	utc: string,
	keep: string,
): Promise<IDataObject> {
	const others = olderJobsAtOtherTimes(jobs, id, state, utc, keep, Date.now());
	const replacedJobs: string[] = [];
	const keptSharedJobs: string[] = [];
	if (others.length) {
		const all = await jumpCloudApiRequestAllItems.call(
			ctx,
			'GET',
			'/v2/bulk/userstates',
			undefined,
			{},
			undefined,
			{ itemIndex: i },
		);
		for (const job of others) {
			const jobId = String(job.scheduledJobId);
			if (sharedWithOthers(all, jobId, id)) keptSharedJobs.push(jobId);
			else if (await cancelScheduledJob(ctx, i, jobId)) replacedJobs.push(jobId);
		}
	}
	return { replacedJobs, ...(keptSharedJobs.length ? { keptSharedJobs } : {}) };
}

/**
 * Records on the user that the sync's suspension takes effect at `utc` (lib/suspensionMark.ts). A user
 * someone else has already suspended gets no mark: that suspension stays theirs.
 */
async function markScheduledSuspension(
	ctx: IExecuteFunctions,
	i: number,
	id: string,
	utc: string,
): Promise<boolean> {
	const user = await getUserById.call(ctx, i, id);
	if (user.state === 'SUSPENDED' && !suspendedBySync(user, Date.now()).bySync) return false;
	await jumpCloudApiRequest.call(
		ctx,
		'PUT',
		`/systemusers/${encodeURIComponent(id)}`,
		{ attributes: withSuspensionMark(user.attributes, utc) },
		undefined,
		{ itemIndex: i },
	);
	return true;
}

/** Why a scheduled activation must not lift this user's suspension, or undefined when it may. */
async function suspendedOutsideSync(
	ctx: IExecuteFunctions,
	i: number,
	id: string,
): Promise<string | undefined> {
	if (ctx.getNodeParameter('ifSuspendedOutsideSync', i, 'leaveSuspended') === 'reactivate')
		return undefined;
	const user = await getUserById.call(ctx, i, id);
	if (user.state !== 'SUSPENDED') return undefined;
	const owner = suspendedBySync(user, Date.now());
	return owner.bySync ? undefined : owner.reason;
}
