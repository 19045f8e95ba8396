import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isValidEmail } from '../../mapping';
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

	const id = await resolveUserId(this, i, locator, 'User to Schedule');
	// Creating a job is not idempotent, so look for the same job first instead of scheduling twice.
	const findSame = async () => {
		const jobs = await jumpCloudApiRequestAllItems.call(this, 'GET', '/v2/bulk/userstates', undefined, { userid: id }, undefined, {
			itemIndex: i,
		});
		return jobs.find(
			(j) => j.state === state && Date.parse(String(j.scheduledDate)) === Date.parse(at.utc) && (j.systemUserId ?? id) === id,
		);
	};
	const same = await findSame();
	if (same) return { ...same, scheduledDateLocal: at.local, timezone: zone, scheduled: true, alreadyScheduled: true };

	body.user_ids = [id];
	for (let resend = 0; ; resend++) {
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
			const created = response.body;
			const job = (Array.isArray(created) ? created[0] : created) as IDataObject | undefined;
			return { ...(job ?? {}), scheduledDateLocal: at.local, timezone: zone, scheduled: true, alreadyScheduled: false };
		}
		if (response && resend >= MAX_UNCLEAR_RESENDS) {
			throw jumpCloudApiError(this, response.statusCode, response.body, 'POST', '/v2/bulk/userstates', i);
		}
		// Unclear answer (5xx, connection lost): JumpCloud may have made the job. Only resend when it did not.
		const made = await findSame();
		if (made) return { ...made, scheduledDateLocal: at.local, timezone: zone, scheduled: true, alreadyScheduled: false };
	}
}
