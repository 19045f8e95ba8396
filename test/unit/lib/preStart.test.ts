/** The pre-start window (lib/calendar.ts): when a hire's account is created, N days before the start date. */
import { planPreStart, readPreStartDays } from '../../../nodes/lib/calendar';

// 2026-03-10 23:30 in Madrid (22:30 UTC): already the 10th there, still the 10th in UTC.
const NOW = Date.parse('2026-03-10T22:30:00Z');

describe('readPreStartDays', () => {
	it('reads empty as off and a whole number of days', () => {
		expect(readPreStartDays('')).toBeUndefined();
		expect(readPreStartDays(undefined)).toBeUndefined();
		expect(readPreStartDays(null)).toBeUndefined();
		expect(readPreStartDays(' 14 ')).toBe(14);
		expect(readPreStartDays(0)).toBe(0);
	});
	it('refuses what is not a whole number of days', () => {
		expect(readPreStartDays('two weeks')).toEqual({
			problem: expect.stringContaining('two weeks'),
		});
		expect(readPreStartDays('-3')).toEqual({ problem: expect.any(String) });
		expect(readPreStartDays('1.5')).toEqual({ problem: expect.any(String) });
	});
});

describe('planPreStart', () => {
	it('creates at hire when the window is off or there is no start date', () => {
		expect(planPreStart('2026-12-01', 'Europe/Madrid', NOW, 'UTC', undefined)).toEqual({
			kind: 'create',
		});
		expect(planPreStart(null, 'Europe/Madrid', NOW, 'UTC', 14)).toEqual({ kind: 'create' });
	});
	it('waits for a start date more than N days away, naming the day the account is created', () => {
		expect(planPreStart('2026-04-01', 'Europe/Madrid', NOW, 'UTC', 14)).toEqual({
			kind: 'wait',
			createOn: '2026-03-18',
			reason:
				'waiting for pre-start window: the account is created on 2026-03-18 (14 days before the start date 2026-04-01)',
		});
	});
	it('creates from the first day of the window on, counted in the location zone', () => {
		expect(planPreStart('2026-03-24', 'Europe/Madrid', NOW, 'UTC', 14)).toEqual({ kind: 'create' });
		expect(planPreStart('2026-03-25', 'Europe/Madrid', NOW, 'UTC', 14).kind).toBe('wait');
		// Already the 11th in Tokyo: the window of a start on the 25th opens there.
		expect(planPreStart('2026-03-25', 'Asia/Tokyo', NOW, 'UTC', 14)).toEqual({ kind: 'create' });
		// An unusable zone counts in the workflow's.
		expect(planPreStart('2026-03-25', 'Mars/Olympus', NOW, 'Asia/Tokyo', 14)).toEqual({
			kind: 'create',
		});
	});
});
