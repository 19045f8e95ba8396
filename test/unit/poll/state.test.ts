import { ObservableObject } from 'n8n-workflow';

import { FINGERPRINT_VERSION } from '../../../nodes/Factorial/poll/fingerprint';
import {
	isFullPassDue,
	readPollState,
	updatedSinceDay,
	utcDay,
	writePollState,
	type PollState,
} from '../../../nodes/Factorial/poll/state';

const valid: PollState = {
	version: FINGERPRINT_VERSION,
	lastPollDay: '2026-11-20',
	lastFullPassAt: '2026-11-20T00:00:00.000Z',
	employees: {
		'1': ['Ana', 'Blanco', '', '=', 'a@x.test', '1', '0', '', '', '4', '3', 'E1', '10'],
	},
};

describe('readPollState', () => {
	it('returns a valid stored state', () => {
		expect(readPollState({ ...valid })).toEqual(valid);
	});

	it.each([
		['nothing stored', {}],
		['another layout version', { ...valid, version: FINGERPRINT_VERSION + 1 }],
		['a broken day', { ...valid, lastPollDay: 'yesterday' }],
		['a broken timestamp', { ...valid, lastFullPassAt: 'never' }],
		['malformed fingerprints', { ...valid, employees: { '1': 'Ana' } }],
	])('treats %s as no state (a fresh baseline)', (_label, stored) => {
		expect(readPollState(stored as Record<string, unknown>)).toBeUndefined();
	});
});

describe('writePollState', () => {
	it('replaces the static data in place, dropping older keys', () => {
		const staticData: Record<string, unknown> = { legacyCursor: 'x' };
		writePollState(staticData, valid);
		expect(staticData).toEqual(valid);
	});

	it('assigns nothing when the state is the same, so n8n does not rewrite the static data', () => {
		const staticData = ObservableObject.create({ ...valid }) as Record<string, unknown> & {
			__dataChanged: boolean;
		};
		writePollState(staticData, {
			...valid,
			employees: staticData.employees as PollState['employees'],
		});
		expect(staticData.__dataChanged).toBe(false);

		writePollState(staticData, { ...valid, lastPollDay: '2026-11-21' });
		expect(staticData.__dataChanged).toBe(true);
	});
});

describe('isFullPassDue', () => {
	const now = new Date('2026-11-21T00:00:00.000Z');

	it('is due without a state (the first run reads the whole company)', () => {
		expect(isFullPassDue(undefined, now, 24)).toBe(true);
	});

	it('is due once the configured hours have passed since the last full pass', () => {
		expect(isFullPassDue(valid, now, 24)).toBe(true);
		expect(isFullPassDue(valid, now, 25)).toBe(false);
	});

	it('falls back to 24 hours for a nonsensical setting', () => {
		expect(isFullPassDue(valid, new Date('2026-11-20T23:00:00.000Z'), 0)).toBe(false);
	});
});

describe('updatedSinceDay', () => {
	it('takes the UTC day of the last poll minus the one-day margin', () => {
		expect(updatedSinceDay('2026-11-20')).toBe('2026-11-19');
		expect(updatedSinceDay('2026-03-01')).toBe('2026-02-28');
		expect(updatedSinceDay('2026-11-20', 0)).toBe('2026-11-20');
	});

	it('uses the UTC day whatever the local time of the poll', () => {
		expect(utcDay(new Date('2026-11-20T23:30:00.000-05:00'))).toBe('2026-11-21');
		expect(utcDay(new Date('2026-11-21T00:30:00.000+01:00'))).toBe('2026-11-20');
	});
});
