/** lib/calendar.ts: the one set of date rules (issue 22). */
import {
	isGone,
	isImmediateReason,
	isRescindedHire,
	planStart,
	planSuspension,
	usableZone,
} from '../../../nodes/lib/calendar';

const at = (iso: string) => Date.parse(iso);

describe('isGone: active through the end of terminated_on in the location zone', () => {
	it('is not gone during the last day, even at 02:00 when the instance is in another zone', () => {
		// 02:00 in Madrid on the last day is still the day before in New York: both say "not gone".
		expect(isGone('2030-05-20', 'Europe/Madrid', at('2030-05-20T00:00:00Z'))).toBe(false);
		expect(isGone('2030-05-20', 'Europe/Madrid', at('2030-05-20T21:58:00Z'))).toBe(false);
	});
	it('is gone from 23:59 local on that day', () => {
		expect(isGone('2030-05-20', 'Europe/Madrid', at('2030-05-20T21:59:00Z'))).toBe(true);
		expect(isGone('2030-05-20', 'America/New_York', at('2030-05-21T03:58:00Z'))).toBe(false);
		expect(isGone('2030-05-20', 'America/New_York', at('2030-05-21T03:59:00Z'))).toBe(true);
	});
	it('reads an unusable zone in the fallback zone, and no date as not gone', () => {
		expect(isGone('2030-05-20', 'Mars/Olympus', at('2030-05-20T23:58:00Z'), 'UTC')).toBe(false);
		expect(isGone('2030-05-20', 'Mars/Olympus', at('2030-05-20T23:59:00Z'), 'UTC')).toBe(true);
		expect(isGone(null, 'UTC', at('2099-01-01T00:00:00Z'))).toBe(false);
	});
});

describe('planStart: nothing activates early', () => {
	const now = at('2030-05-01T12:00:00Z');
	it('stages without a start date or with a zone luxon cannot use', () => {
		expect(planStart(null, 'Europe/Madrid', now, 'UTC')).toMatchObject({ kind: 'staged' });
		expect(planStart('', 'Europe/Madrid', now, 'UTC')).toMatchObject({ kind: 'staged' });
		const bad = planStart('2030-04-01', 'CET+1', now, 'UTC');
		expect(bad).toEqual({ kind: 'staged', reason: expect.stringContaining('"CET+1"') });
	});
	it('schedules 09:00 local on a future start, activates on a past one', () => {
		expect(planStart('2030-06-03', 'Europe/Madrid', now, 'UTC')).toMatchObject({
			kind: 'schedule',
			utc: '2030-06-03T07:00:00Z',
		});
		expect(planStart('2030-04-01', '', now, 'Europe/Madrid')).toMatchObject({ kind: 'now' });
	});
});

describe('planSuspension', () => {
	const now = at('2030-05-20T00:30:00Z');
	it('on the last day schedules 23:59 local, never now', () => {
		expect(
			planSuspension({ terminatedOn: '2030-05-20', zone: 'Europe/Madrid' }, now, 'UTC'),
		).toMatchObject({
			kind: 'schedule',
			utc: '2030-05-20T21:59:00Z',
			local: '2030-05-20T23:59:00+02:00',
		});
	});
	it('a fixed-term contract end schedules a suspension at 23:59 local; the earlier date wins', () => {
		expect(
			planSuspension({ contractEndsOn: '2030-09-30', zone: 'Europe/Madrid' }, now, 'UTC'),
		).toMatchObject({
			kind: 'schedule',
			utc: '2030-09-30T21:59:00Z',
		});
		expect(
			planSuspension(
				{ terminatedOn: '2030-12-31', contractEndsOn: '2030-09-30', zone: 'Europe/Madrid' },
				now,
				'UTC',
			),
		).toMatchObject({ utc: '2030-09-30T21:59:00Z' });
		expect(planSuspension({ zone: 'Europe/Madrid' }, now, 'UTC')).toEqual({ kind: 'none' });
	});
	it('an immediate termination reason suspends now; other reasons wait for the last day', () => {
		const input = {
			terminatedOn: '2030-06-30',
			zone: 'Europe/Madrid',
			immediateReasons: 'disciplinary_dismissal, other',
		};
		expect(
			planSuspension({ ...input, reasonType: 'disciplinary_dismissal' }, now, 'UTC'),
		).toMatchObject({
			kind: 'now',
		});
		expect(planSuspension({ ...input, reasonType: 'voluntary' }, now, 'UTC')).toMatchObject({
			kind: 'schedule',
		});
		expect(isImmediateReason('Other', ['other'])).toBe(true);
		expect(isImmediateReason('', ['other'])).toBe(false);
	});
	it('a bad zone falls back and says so', () => {
		const plan = planSuspension({ terminatedOn: '2030-05-20', zone: 'Nowhere' }, now, 'UTC');
		expect(plan).toMatchObject({ kind: 'schedule', timezone: 'UTC' });
		expect((plan as { reason: string }).reason).toContain('"Nowhere" is not an IANA time zone');
	});
});

it('a hire terminated before the start date is rescinded', () => {
	expect(isRescindedHire('2030-06-01', '2030-05-20')).toBe(true);
	expect(isRescindedHire('2030-06-01', '2030-06-01')).toBe(false);
	expect(isRescindedHire(null, '2030-05-20')).toBe(false);
	expect(usableZone('Europe/Madrid')).toBe(true);
	expect(usableZone('Mars/Olympus')).toBe(false);
});
