/** The nightly's pre-start window (issue 22): a missing user is created only N days before the start date. */
import { planReconciliation } from '../../../nodes/lib/plan';
import { employee, options } from './builders';

// 02:00 in Madrid on 2026-03-10 (01:00 UTC).
const NOW = Date.parse('2026-03-10T01:00:00Z');
const hire = (id: string, start: string) =>
	employee(id, { start_date: start, timezone: 'Europe/Madrid' });

describe('the pre-start window in the nightly', () => {
	const far = hire('1', '2026-04-30');
	const near = hire('2', '2026-03-20');

	it('with preStartDays, skips a hire starting later with the day it is created, creates one inside; off, creates both', () => {
		const plan = planReconciliation([far, near], [], options({ now: NOW, preStartDays: 14 }));
		expect(plan.create.map((a) => a.employeeId)).toEqual(['2']);
		expect(plan.skipped).toEqual([
			expect.objectContaining({
				employeeId: '1',
				reason:
					'waiting for pre-start window: the account is created on 2026-04-16 (14 days before the start date 2026-04-30)',
			}),
		]);
		const off = planReconciliation([far, near], [], options({ now: NOW }));
		expect(off.create.map((a) => a.employeeId)).toEqual(['1', '2']);
	});

	it('creates the waiting hire on the first day of its window (local), with its 09:00 activation', () => {
		const at = (now: string) =>
			planReconciliation(
				[far],
				[],
				options({ now: Date.parse(now), preStartDays: 14, activateStaged: true }),
			);
		expect(at('2026-04-15T21:30:00Z').create).toEqual([]); // 23:30 on the 15th in Madrid
		const onTheDay = at('2026-04-15T22:30:00Z'); // 00:30 on the 16th in Madrid
		expect(onTheDay.create.map((a) => a.employeeId)).toEqual(['1']);
		expect(onTheDay.create[0].activation).toMatchObject({
			kind: 'schedule',
			startDate: '2026-04-30',
		});
	});
});
