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
	it('schedules the 23:59 suspension of a user it creates for a hire already leaving, in the same run', () => {
		const leaving = employee('2', { terminated_on: '2026-03-20', timezone: 'Europe/Madrid' });
		const plan = planReconciliation([leaving], [], opts());
		expect(plan.create.map((a) => a.employeeId)).toEqual(['2']);
		expect(plan.scheduleSuspension).toEqual([
			expect.objectContaining({
				employeeId: '2',
				suspension: expect.objectContaining({ utc: '2026-03-20T22:59:00Z' }),
				customAttributes: [{ name: 'factorialSyncSuspendedAt', value: '2026-03-20T22:59:00.000Z' }],
			}),
		]);
		expect(plan.scheduleSuspension[0].userId).toBeUndefined();
		expect(plan.order.indexOf(plan.create[0])).toBeLessThan(
			plan.order.indexOf(plan.scheduleSuspension[0]),
		);
	});
	it("records the scheduled suspension as the sync's, so a rehire after 23:59 may lift it (issue 21)", () => {
		const plan = planReconciliation([leaver], [user('1')], opts());
		expect(plan.scheduleSuspension[0].customAttributes).toEqual([
			{ name: 'factorialSyncSuspendedAt', value: '2026-03-10T22:59:00.000Z' },
		]);
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
	// The sync's own pending suspension carries its mark at the job's instant (lib/suspensionMark.ts).
	const marked = (id: string, at: string) =>
		user(id, { attributes: [{ name: 'factorialSyncSuspendedAt', value: at }] });
	it('moves the suspension when the contract is extended', () => {
		const plan = planReconciliation(
			[contractor('2026-09-30')],
			[marked('3', '2026-06-30T21:59:00Z')],
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
	it('never moves or cancels a suspension an admin scheduled (no mark at its instant)', () => {
		const job = {
			jobId: 'it3',
			userId: 'u3',
			state: 'SUSPENDED',
			scheduledDate: '2026-06-30T21:59:00Z',
		};
		const moved = planReconciliation(
			[contractor('2026-09-30')],
			[user('3')],
			opts({ jobs: [job] }),
		);
		expect(moved.scheduleSuspension).toEqual([
			expect.objectContaining({
				replaceJobs: [],
				suspension: expect.objectContaining({ utc: '2026-09-30T21:59:00Z' }),
			}),
		]);
		const open = planReconciliation([contractor(null)], [user('3')], opts({ jobs: [job] }));
		expect(open.cancelScheduled).toEqual([]);
		// Marked for another instant (an earlier suspension of the sync's): still not the sync's job.
		const other = planReconciliation(
			[contractor(null)],
			[marked('3', '2026-01-31T22:59:00Z')],
			opts({ jobs: [job] }),
		);
		expect(other.cancelScheduled).toEqual([]);
	});
	it('a contract end already passed suspends now, recorded as the sync suspension', () => {
		const plan = planReconciliation([contractor('2026-03-01')], [user('3')], opts());
		expect(plan.suspend).toEqual([
			expect.objectContaining({
				userId: 'u3',
				customAttributes: [
					{ name: 'factorialSyncSuspendedAt', value: new Date(NOW).toISOString() },
				],
			}),
		]);
	});
});

describe('pending scheduled changes that no longer match the employee (issue 22)', () => {
	const activationJob = (userId: string, at = '2026-04-01T07:00:00Z') => ({
		jobId: `a-${userId}`,
		userId,
		state: 'ACTIVATED',
		scheduledDate: at,
	});
	it('a plan that reads no job list says when a decision needs one (a suspension)', () => {
		const gone = employee('2', { active: false, terminated_on: '2026-03-01' });
		expect(planReconciliation([gone], [user('2')], opts()).jobsNeeded).toBe(true);
		expect(planReconciliation([employee('1')], [user('1')], opts()).jobsNeeded).toBe(false);
		expect(planReconciliation([gone], [user('2')], opts({ jobs: [] })).jobsNeeded).toBe(false);
	});
	it('a rescinded hire not gone yet: the activation is cancelled, never rescheduled; the suspension scheduled', () => {
		const hire = employee('4', {
			terminated_on: '2026-03-20',
			start_date: '2026-04-01',
			timezone: 'Europe/Madrid',
		});
		const plan = planReconciliation(
			[hire],
			[user('4', { state: 'STAGED' })],
			opts({ activateStaged: true, jobs: [activationJob('u4')] }),
		);
		expect(plan.scheduleActivation).toEqual([]);
		expect(plan.activate).toEqual([]);
		expect(plan.cancelScheduled).toEqual([
			expect.objectContaining({
				userId: 'u4',
				replaceJobs: ['a-u4'],
				reason: expect.stringContaining('never activated'),
			}),
		]);
		expect(plan.scheduleSuspension).toEqual([
			expect.objectContaining({
				suspension: expect.objectContaining({ utc: '2026-03-20T22:59:00Z' }),
			}),
		]);
	});
	it('a rescinded hire whose user is suspended before the last day is not reactivated', () => {
		const plan = planReconciliation(
			[employee('11', { terminated_on: '2026-03-20', start_date: '2026-04-01' })],
			[user('11', { state: 'SUSPENDED' })],
			opts({ jobs: [] }),
		);
		expect(plan.reactivate).toEqual([]);
		expect(plan.order).toEqual([]);
	});
	it('a leaver already suspended: a pending activation is cancelled', () => {
		const plan = planReconciliation(
			[employee('5', { active: false, terminated_on: '2026-03-01', start_date: '2026-04-01' })],
			[user('5', { state: 'SUSPENDED' })],
			opts({ jobs: [activationJob('u5')] }),
		);
		expect(plan.cancelScheduled).toEqual([
			expect.objectContaining({ action: 'cancelScheduled', userId: 'u5', replaceJobs: ['a-u5'] }),
		]);
		expect(plan.order.map((a) => a.action)).toEqual(['cancelScheduled']);
	});
	it('a record deleted from Factorial (Suspend Users Unknown on): suspended with its activation cancelled', () => {
		const plan = planReconciliation(
			[employee('1')],
			[user('1'), user('6', { state: 'STAGED' }), user('7', { state: 'SUSPENDED' })],
			opts({
				suspendUnmatchedUsers: true,
				maxSuspensionShare: 100,
				jobs: [activationJob('u6'), activationJob('u7')],
			}),
		);
		expect(plan.suspend).toEqual([
			expect.objectContaining({ userId: 'u6', replaceJobs: ['a-u6'] }),
		]);
		expect(plan.cancelScheduled).toEqual([
			expect.objectContaining({ userId: 'u7', replaceJobs: ['a-u7'] }),
		]);
	});
	it('a contract extended with no end date: the pending suspension is cancelled (only when the contract was read)', () => {
		const job = {
			jobId: 's8',
			userId: 'u8',
			state: 'SUSPENDED',
			scheduledDate: '2026-06-30T21:59:00Z',
		};
		const open = employee('8', { contract_ends_on: null, timezone: 'Europe/Madrid' });
		const mine = user('8', {
			attributes: [
				{ name: 'costCentre', value: 'R&D' },
				{ name: 'factorialSyncSuspendedAt', value: '2026-06-30T21:59:00Z' },
			],
		});
		const plan = planReconciliation([open], [mine], opts({ jobs: [job] }));
		expect(plan.cancelScheduled).toEqual([
			expect.objectContaining({ userId: 'u8', replaceJobs: ['s8'] }),
		]);
		// The cancelled suspension's mark goes too, so it never vouches for someone else's suspension.
		expect(plan.update).toEqual([
			expect.objectContaining({
				userId: 'u8',
				customAttributes: [{ name: 'costCentre', value: 'R&D' }],
			}),
		]);
		const unread = planReconciliation([employee('8')], [mine], opts({ jobs: [job] }));
		expect(unread.cancelScheduled).toEqual([]);
	});
	it('an immediate termination reason suspends at once; another reason waits for 23:59 on the last day', () => {
		const leaver = (reason: string) =>
			employee('9', {
				terminated_on: '2026-03-20',
				termination_reason_type: reason,
				timezone: 'Europe/Madrid',
			});
		const reasons = { immediateTerminationReasons: 'disciplinary_dismissal, dismissal' };
		const urgent = planReconciliation(
			[leaver('Disciplinary_Dismissal')],
			[user('9')],
			opts(reasons),
		);
		expect(urgent.suspend).toEqual([
			expect.objectContaining({
				userId: 'u9',
				reason: expect.stringContaining('suspends at once'),
			}),
		]);
		const other = planReconciliation([leaver('resignation')], [user('9')], opts(reasons));
		expect(other.suspend).toEqual([]);
		expect(other.scheduleSuspension).toHaveLength(1);
	});
	it('a staged user whose location zone luxon cannot use stays staged and is reported', () => {
		const plan = planReconciliation(
			[employee('10', { start_date: '2026-03-01', timezone: 'Mars/Olympus' })],
			[user('10', { state: 'STAGED' })],
			opts({ activateStaged: true, defaultTimezone: 'Europe/Madrid' }),
		);
		expect(plan.activate).toEqual([]);
		expect(plan.scheduleActivation).toEqual([]);
		expect(plan.skipped).toEqual([
			expect.objectContaining({
				employeeId: '10',
				reason: expect.stringMatching(/stays staged: .*Mars\/Olympus/),
			}),
		]);
	});
});
