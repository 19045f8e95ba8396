import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isValidEmail } from '../../../shared/email';
import { userLocator } from '../../shared/descriptions';
import { asNodeError, invalid, readUserLocator, resolveUserId } from '../../shared/helpers';
import { resolveScheduleDate } from '../../schedule';
import { isConnectionError } from '../../../shared/http';
import { MAX_UNCLEAR_RESENDS, UNCLEAR_STATUSES } from '../../shared/createUser';
import type { JumpCloudFullResponse } from '../../transport';
import { jumpCloudApiError, jumpCloudApiRequest, jumpCloudApiRequestAllItems } from '../../transport';

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
		description: 'When the change happens, as wall-clock time in the Time Zone below (an explicit offset in the value wins)',
		displayOptions: { show },
	},
	{
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Berlin',
		description: 'IANA time zone of Date and Time; empty uses the workflow\'s time zone',
		displayOptions: { show },
	},
	{
		displayName: 'Send Activation Email',
		name: 'sendActivationEmails',
		type: 'boolean',
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
		default: false,
		description:
			'Whether to cancel the user\'s pending changes to the same state at another time, so a changed start date moves the activation instead of adding a second one. Off, the node never cancels a job it did not make a duplicate of.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator(this, i, 'user', 'User to Schedule');
	const state = this.getNodeParameter('targetState', i) as string;
	const startDate = this.getNodeParameter('startDate', i) as string;
	const zone = String(this.getNodeParameter('timezone', i, '') || this.getTimezone());
	const resolved = resolveScheduleDate(startDate, zone);
	if ('error' in resolved) invalid(this, i, resolved.field, resolved.error);
	const at = resolved as { utc: string; local: string };
	if (Date.parse(at.utc) <= Date.now()) {
		invalid(this, i, 'Date and Time', `${at.local} is in the past`, 'Pick a future date-time, or use Activate/Suspend now.');
	}
	if (state !== 'ACTIVATED' && state !== 'SUSPENDED') invalid(this, i, 'New State', `"${state}" is not Activated or Suspended`);
	const body: IDataObject = { state, start_date: at.utc };
	if (state === 'ACTIVATED') {
		const send = this.getNodeParameter('sendActivationEmails', i, true) as boolean;
		body.send_activation_emails = send;
		const override = send ? String(this.getNodeParameter('activationEmailOverride', i, '')).trim() : '';
		if (override) {
			if (!isValidEmail(override)) invalid(this, i, 'Activation Email Override', `"${override}" is not a valid email address`);
			body.activation_email_override = override;
		}
	}

	const replaceOthers = this.getNodeParameter('replaceOtherScheduled', i, false) as boolean;

	const id = await resolveUserId(this, i, locator, 'User to Schedule');
	const output = (job: IDataObject, flags: IDataObject): IDataObject => ({
		...job,
		scheduledDateLocal: at.local,
		timezone: zone,
		scheduled: true,
		...flags,
	});
	const listJobs = async () =>
		await jumpCloudApiRequestAllItems.call(this, 'GET', '/v2/bulk/userstates', undefined, { userid: id }, undefined, {
			itemIndex: i,
		});
	const sameJobs = (jobs: IDataObject[]) => sameScheduledJobs(jobs, id, state, at.utc);
	/** With Replace Other Scheduled Changes: cancel pending same-state jobs at other times that are older than `keep`. */
	const replace = async (jobs: IDataObject[], keep: string): Promise<IDataObject> =>
		replaceOthers ? await cancelOlderOtherTimes(this, i, jobs, id, state, at.utc, keep) : {};

	// Creating a job is not idempotent, so look for the same job first instead of scheduling twice.
	const before = await listJobs();
	const [same] = sameJobs(before);
	if (same) {
		return output(same, { alreadyScheduled: true, ...(await replace(before, String(same.scheduledJobId))) });
	}

	body.user_ids = [id];
	let created: IDataObject | undefined;
	for (let resend = 0; !created; resend++) {
		let response: JumpCloudFullResponse | undefined;
		try {
			response = (await jumpCloudApiRequest.call(this, 'POST', '/v2/bulk/userstates', body, undefined, {
				itemIndex: i,
				idempotent: false,
				returnFullResponse: true,
				allowStatuses: UNCLEAR_STATUSES,
			})) as JumpCloudFullResponse;
		} catch (error) {
			if (!isConnectionError(error) || resend >= MAX_UNCLEAR_RESENDS) throw asNodeError(this, error, i);
		}
		if (response && !UNCLEAR_STATUSES.includes(response.statusCode)) {
			const answer = response.body;
			created = ((Array.isArray(answer) ? answer[0] : answer) as IDataObject | undefined) ?? {};
			break;
		}
		if (response && resend >= MAX_UNCLEAR_RESENDS) {
			throw jumpCloudApiError(this, response.statusCode, response.body, 'POST', '/v2/bulk/userstates', i);
		}
		// Unclear answer (5xx, connection lost): JumpCloud may have made the job. Only resend when it did not.
		[created] = sameJobs(await listJobs());
	}

	/*
	 * The check above and the POST are two requests, so two executions (a webhook delivered twice at the same
	 * moment, on two workers) can both find nothing and both create. Listing again closes most of that gap:
	 * whoever sees two identical jobs keeps the oldest (lowest ObjectId, the same choice for both) and cancels
	 * its own. What remains: JumpCloud's ObjectIds order creation only to the second across its servers, and a
	 * listing may lag a create, so two identical jobs made in the same instant can still both survive.
	 */
	const after = await listJobs();
	const ownId = String(created.scheduledJobId ?? '');
	const [oldest] = sameJobs(after);
	if (ownId && oldest && String(oldest.scheduledJobId) !== ownId) {
		await cancelJob(this, i, ownId);
		return output(oldest, { alreadyScheduled: true, ...(await replace(after, String(oldest.scheduledJobId))) });
	}
	return output(created, { alreadyScheduled: false, ...(await replace(after, ownId)) });
}

/** Orders ObjectIds by age (hex of a timestamp first, so equal lengths compare as text). */
function compareJobIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function jobUser(job: IDataObject, id: string): string {
	return String(job.systemUserId ?? id);
}

function isPending(job: IDataObject): boolean {
	return Date.parse(String(job.scheduledDate)) > Date.now();
}

/** Identical jobs (this user, state and instant), oldest first. */
export function sameScheduledJobs(jobs: IDataObject[], id: string, state: string, utc: string): IDataObject[] {
	return jobs
		.filter((j) => jobUser(j, id) === id && j.state === state && Date.parse(String(j.scheduledDate)) === Date.parse(utc))
		.sort((a, b) => compareJobIds(String(a.scheduledJobId), String(b.scheduledJobId)));
}

async function cancelJob(ctx: IExecuteFunctions, i: number, jobId: string): Promise<boolean> {
	// A job already gone (ran, or another execution cancelled it) is what we want.
	const response = (await jumpCloudApiRequest.call(ctx, 'DELETE', `/v2/bulk/userstates/${encodeURIComponent(jobId)}`, undefined, undefined, {
		itemIndex: i,
		allowStatuses: [404],
		returnFullResponse: true,
	})) as JumpCloudFullResponse;
	return response.statusCode !== 404;
}

/**
 * Moves a changed date instead of adding a second change: cancels this user's pending jobs for the same state
 * at another time. Only jobs older than the one kept, so two executions with different dates never cancel each
 * other's job and one always remains (the newest). A job that also covers other users (made outside this
 * node) is left alone: cancelling it would cancel their change too.
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
	const others = jobs.filter(
		(j) =>
			jobUser(j, id) === id &&
			j.state === state &&
			isPending(j) &&
			Date.parse(String(j.scheduledDate)) !== Date.parse(utc) &&
			compareJobIds(String(j.scheduledJobId), keep) < 0,
	);
	const replacedJobs: string[] = [];
	const keptSharedJobs: string[] = [];
	if (others.length) {
		const all = await jumpCloudApiRequestAllItems.call(ctx, 'GET', '/v2/bulk/userstates', undefined, {}, undefined, { itemIndex: i });
		for (const job of others) {
			const jobId = String(job.scheduledJobId);
			const shared = all.some((j) => String(j.scheduledJobId) === jobId && j.systemUserId !== undefined && j.systemUserId !== id);
			if (shared) keptSharedJobs.push(jobId);
			else if (await cancelJob(ctx, i, jobId)) replacedJobs.push(jobId);
		}
	}
	return { replacedJobs, ...(keptSharedJobs.length ? { keptSharedJobs } : {}) };
}
