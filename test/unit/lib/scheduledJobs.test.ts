import {
	olderIdenticalJob,
	olderJobsAtOtherTimes,
	parseJumpCloudDate,
	sameScheduledJobs,
} from '../../../nodes/lib/scheduledJobs';

const AT = '2030-05-04T07:00:00Z';
const job = (scheduledJobId: string, extra: Record<string, unknown> = {}) => ({
	scheduledJobId,
	state: 'ACTIVATED',
	scheduledDate: '2030-05-04 07:00:00',
	...extra,
});

describe('scheduling a change once (pure decisions)', () => {
	it('reads a zone-less scheduledDate as UTC', () => {
		expect(parseJumpCloudDate('2030-05-04 07:00:00')).toBe(Date.parse(AT));
		expect(parseJumpCloudDate('')).toBeNaN();
	});

	it('the same change is this user, state and instant, oldest first', () => {
		const jobs = [
			job('b2'),
			job('a1'),
			job('c3', { state: 'SUSPENDED' }),
			job('d4', { scheduledDate: '2030-05-05 07:00:00' }),
			job('e5', { systemUserId: 'other' }),
			job('0f0'),
		];
		expect(sameScheduledJobs(jobs, 'u1', 'ACTIVATED', AT).map((j) => j.scheduledJobId)).toEqual([
			'a1',
			'b2',
			'0f0',
		]);
	});

	it('after a create, both racing executions keep the oldest identical job', () => {
		const same = [job('a1'), job('b2')];
		expect(olderIdenticalJob(same, 'b2')).toEqual(job('a1'));
		expect(olderIdenticalJob(same, 'a1')).toBeUndefined();
		expect(olderIdenticalJob([], 'a1')).toBeUndefined();
		expect(olderIdenticalJob(same, '')).toBeUndefined();
	});

	it('a moved date replaces only pending older jobs of this user and state at other times', () => {
		const now = Date.parse('2030-01-01T00:00:00Z');
		const jobs = [
			job('a1', { scheduledDate: '2030-06-01 07:00:00' }),
			job('a2', { scheduledDate: '2029-06-01 07:00:00' }),
			job('a3'),
			job('a4', { scheduledDate: '2030-06-01 07:00:00', state: 'SUSPENDED' }),
			job('z9', { scheduledDate: '2030-06-01 07:00:00' }),
		];
		expect(
			olderJobsAtOtherTimes(jobs, 'u1', 'ACTIVATED', AT, 'b5', now).map((j) => j.scheduledJobId),
		).toEqual(['a1']);
	});
});
