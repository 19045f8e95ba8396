import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { optionsCollection, userLocator } from '../../shared/descriptions';
import { invalid, readUserLocator, resolveUserId } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
import { readCollection, readNumber } from '../../../shared/params';

const resetMfaShow = { resource: ['user'], operation: ['resetMfa'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Reset MFA For'), displayOptions: { show: resetMfaShow } },
	{
		displayName: 'Enrollment Window (Days)',
		name: 'exclusionDays',
		type: 'number',
		validateType: 'number',
		typeOptions: { minValue: 1 },
		default: 7,
		description: 'Days the user has to enrol again before MFA-protected resources lock them out',
		displayOptions: { show: resetMfaShow },
	},
	optionsCollection(resetMfaShow, [
		{
			displayName: 'Enroll Until',
			name: 'exclusionUntil',
			type: 'dateTime',
			default: '',
			description: 'End of the enrollment window as a date-time; replaces Enrollment Window (Days)',
		},
	]),
];

function path(id: string, suffix = ''): string {
	return `/systemusers/${encodeURIComponent(id)}${suffix}`;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator.call(this, i, 'user', 'User to Reset MFA For');
	const days = readNumber.call(this, 'exclusionDays', 7, i);
	const options = readCollection.call(this, description, 'options', i);
	const body: IDataObject = { exclusion: true };
	if (options.exclusionUntil) {
		const until = DateTime.fromISO(String(options.exclusionUntil), { zone: this.getTimezone() });
		if (!until.isValid)
			throw invalid.call(
				this,
				i,
				'Enroll Until',
				`"${String(options.exclusionUntil)}" is not a valid date-time`,
			);
		body.exclusionUntil = until.toUTC().toISO();
	} else {
		if (!Number.isInteger(days) || days < 1)
			throw invalid.call(
				this,
				i,
				'Enrollment Window (Days)',
				'must be a whole number of at least 1',
			);
		body.exclusionDays = days;
	}
	const id = await resolveUserId.call(this, i, locator, 'User to Reset MFA For');
	// A resent reset only restarts the same enrollment window: safe to retry.
	await jumpCloudApiRequest.call(this, 'POST', path(id, '/resetmfa'), body, undefined, {
		itemIndex: i,
		idempotent: true,
	});
	return {
		id,
		mfaReset: true,
		...(body.exclusionUntil ? { enrollUntil: body.exclusionUntil } : { enrollmentDays: days }),
	};
}
