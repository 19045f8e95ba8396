import { FINGERPRINT_VERSION } from '../../../nodes/Factorial/poll/fingerprint';
import {
	isFullPassDue,
	readPollState,
	updatedSinceDay,
	writePollState,
	type PollState,
} from '../../../nodes/Factorial/poll/state';

const valid: PollState = {
	version: FINGERPRINT_VERSION,
	lastPollAt: '2026-11-20T10:00:00.000Z',
	lastFullPassAt: '2026-11-20T00:00:00.000Z',
	employees: { '1': ['Ana', 'Blanco', '', '=', 'a@x.test', '1', '0', '', '', '4', '3', 'E1', '10'] },
};

describe('readPollState', () => {
	it('returns a valid stored state', () => {
		expect(readPollState({ ...valid })).toEqual(valid);
	});

	it.each([
		['nothing stored', {}],
		['another layout version', { ...valid, version: FINGERPRINT_VERSION + 1 }],
		['a broken timestamp', { ...valid, lastPollAt: 'yesterday' }],
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
		expect(updatedSinceDay('2026-11-20T23:30:00.000Z')).toBe('2026-11-19');
		expect(updatedSinceDay('2026-03-01T00:10:00.000Z')).toBe('2026-02-28');
		expect(updatedSinceDay('2026-11-20T23:30:00.000Z', 0)).toBe('2026-11-20');
	});
});
