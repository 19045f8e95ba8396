/** The Mover's last-day rule for one user (lib/plan/lastDay.ts): the nightly's rule on the jobs the sync owns. */
import { readEmployee } from '../../../nodes/lib/employeeMapping';
import { planUserLastDay } from '../../../nodes/lib/plan';

const NOW = Date.parse('2026-03-10T10:00:00Z');
const opts = { now: NOW, defaultTimezone: 'UTC' };
const employee = (over: Record<string, unknown>) =>
	readEmployee(
		{ id: '7', active: true, terminated_on: null, timezone: 'Europe/Madrid', ...over },
		'2026-03-10',
		{ now: NOW, defaultZone: 'UTC' },
	);
const mark = (at: string) => [{ name: 'factorialSyncSuspendedAt', value: at }];
const job = (jobId: string, scheduledDate: string, state = 'SUSPENDED') => ({
	jobId,
	userId: 'u7',
	state,
	scheduledDate,
});

describe('planUserLastDay', () => {
	it("schedules the contract end's suspension at 23:59 local, with the sync's mark", () => {
		const decision = planUserLastDay(
			employee({ contract_ends_on: '2026-06-30' }),
			{ id: 'u7', state: 'ACTIVATED', attributes: [{ name: 'costCenter', value: 'R&D' }] },
			[],
			opts,
		);
		expect(decision).toMatchObject({
			kind: 'change',
			clearMark: false,
			action: {
				action: 'scheduleSuspension',
				suspension: { utc: '2026-06-30T21:59:00Z' },
				customAttributes: [
					{ name: 'costCenter', value: 'R&D' },
					{ name: 'factorialSyncSuspendedAt', value: '2026-06-30T21:59:00.000Z' },
				],
			},
		});
	});

	it("moves the sync's pending suspension when the contract is extended", () => {
		const decision = planUserLastDay(
			employee({ contract_ends_on: '2026-12-31' }),
			{ id: 'u7', state: 'ACTIVATED', attributes: mark('2026-06-30T21:59:00Z') },
			[job('j1', '2026-06-30T21:59:00Z')],
			opts,
		);
		expect(decision).toMatchObject({
			kind: 'change',
			action: {
				action: 'scheduleSuspension',
				replaceJobs: ['j1'],
				suspension: { utc: '2026-12-31T22:59:00Z' },
			},
		});
	});

	it("cancels the sync's pending suspension and its mark when the end is removed", () => {
		const decision = planUserLastDay(
			employee({ contract_ends_on: null }),
			{ id: 'u7', state: 'ACTIVATED', attributes: mark('2026-06-30T21:59:00Z') },
			[job('j1', '2026-06-30T21:59:00Z')],
			opts,
		);
		expect(decision).toMatchObject({
			kind: 'change',
			clearMark: true,
			action: { action: 'cancelScheduled', replaceJobs: ['j1'] },
		});
	});

	it('never moves or cancels a pending suspension someone else scheduled', () => {
		const open = planUserLastDay(
			employee({ contract_ends_on: null }),
			{ id: 'u7', state: 'ACTIVATED', attributes: [] },
			[job('it1', '2026-04-01T08:00:00Z')],
			opts,
		);
		expect(open).toEqual({ kind: 'unchanged', reason: expect.any(String), keptJobs: ['it1'] });
		const ends = planUserLastDay(
			employee({ contract_ends_on: '2026-06-30' }),
			{ id: 'u7', state: 'ACTIVATED', attributes: [] },
			[job('it1', '2026-04-01T08:00:00Z')],
			opts,
		);
		expect(ends).toMatchObject({
			kind: 'change',
			action: { action: 'scheduleSuspension', replaceJobs: [] },
			keptJobs: ['it1'],
		});
	});

	it('leaves a suspended user alone, saying whose suspension it is', () => {
		const outside = planUserLastDay(
			employee({ contract_ends_on: '2026-06-30' }),
			{ id: 'u7', state: 'SUSPENDED', attributes: [] },
			[],
			opts,
		);
		expect(outside).toMatchObject({ kind: 'unchanged' });
		expect(outside.kind === 'unchanged' && outside.reason).toContain('suspended outside the sync');
	});

	it('suspends now, marked, when the contract end has passed', () => {
		const decision = planUserLastDay(
			employee({ contract_ends_on: '2026-03-01' }),
			{ id: 'u7', state: 'ACTIVATED', attributes: [] },
			[job('a1', '2026-04-01T07:00:00Z', 'ACTIVATED')],
			opts,
		);
		expect(decision).toMatchObject({
			kind: 'change',
			action: {
				action: 'suspend',
				replaceJobs: ['a1'],
				customAttributes: [
					{ name: 'factorialSyncSuspendedAt', value: new Date(NOW).toISOString() },
				],
			},
		});
	});
});
