/** The nightly's calendar (issue 22): the last day, a rescinded hire's activation, fixed-term contracts. */
import { planReconciliation } from '../../../nodes/lib/plan';
import { employee, options, user } from './builders';

// 02:00 in Madrid on 2026-03-10 (01:00 UTC).
const NOW = Date.parse('2026-03-10T01:00:00Z');
const opts = (over = {}) => options({ now: NOW, defaultTimezone: 'UTC', ...over });

describe('the nightly on an employee last day', () => {
	// Factorial answers active:false on the last day itself.
	const leaver = employee('1', {
		active: false,
		terminated_on: '2026-03-10',
		timezone: 'Europe/Madrid',
	});
	it('leaves the user active and schedules the suspension at 23:59 local, once', () => {
		const plan = planReconciliation([leaver], [user('1')], opts());
		expect(plan.suspend).toEqual([]);
		expect(plan.scheduleSuspension).toEqual([
			expect.objectContaining({
				userId: 'u1',
				suspension: expect.objectContaining({ utc: '2026-03-10T22:59:00Z' }),
			}),
		]);
		const again = planReconciliation(
			[leaver],
			[user('1')],
			opts({
				jobs: [
					{ jobId: 'j1', userId: 'u1', state: 'SUSPENDED', scheduledDate: '2026-03-10T22:59:00Z' },
				],
			}),
		);
		expect(again.scheduleSuspension).toEqual([]);
		expect(again.suspend).toEqual([]);
	});
	it('suspends from 23:59 local on', () => {
		const plan = planReconciliation(
			[leaver],
			[user('1')],
			opts({ now: Date.parse('2026-03-10T23:00:00Z') }),
		);
		expect(plan.suspend).toHaveLength(1);
	});
});

it('a rescinded hire: the suspension cancels the pending activation', () => {
	const plan = planReconciliation(
		[employee('2', { active: false, terminated_on: '2026-03-01', start_date: '2026-04-01' })],
		[user('2', { state: 'STAGED' })],
		opts({
			jobs: [
				{ jobId: 'a2', userId: 'u2', state: 'ACTIVATED', scheduledDate: '2026-04-01T09:00:00Z' },
			],
		}),
	);
	expect(plan.suspend).toEqual([expect.objectContaining({ userId: 'u2', replaceJobs: ['a2'] })]);
});

describe('fixed-term contracts', () => {
	const contractor = (endsOn: string | null) =>
		employee('3', { contract_ends_on: endsOn, timezone: 'Europe/Madrid' });
	it('schedules a suspension at 23:59 local on the contract end', () => {
		const plan = planReconciliation([contractor('2026-06-30')], [user('3')], opts());
		expect(plan.scheduleSuspension).toEqual([
			expect.objectContaining({
				suspension: expect.objectContaining({ utc: '2026-06-30T21:59:00Z' }),
			}),
		]);
	});
	it('moves the suspension when the contract is extended', () => {
		const plan = planReconciliation(
			[contractor('2026-09-30')],
			[user('3')],
			opts({
				jobs: [
					{ jobId: 's3', userId: 'u3', state: 'SUSPENDED', scheduledDate: '2026-06-30T21:59:00Z' },
				],
			}),
		);
		expect(plan.scheduleSuspension).toEqual([
			expect.objectContaining({
				replaceJobs: ['s3'],
				suspension: expect.objectContaining({ utc: '2026-09-30T21:59:00Z' }),
			}),
		]);
	});
});
