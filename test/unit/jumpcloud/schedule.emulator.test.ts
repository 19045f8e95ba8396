/**
 * User State → Schedule against the JumpCloud emulator over real HTTP: concurrent duplicate executions (a
 * webhook delivered several times at once, without Ignore Stale Deliveries) leave exactly one scheduled job,
 * and Replace Other Scheduled Changes moves a changed date instead of adding a second activation.
 */
import type { IDataObject } from 'n8n-workflow';

import { startJumpCloudEmulator, type JumpCloudEmulator } from '../../emulators/jumpcloud';
import { runJumpCloudOn } from '../../helpers/jumpCloudEmulatorRun';

describe('User State → Schedule against the JumpCloud emulator', () => {
	let jc: JumpCloudEmulator;
	let userId: string;

	beforeAll(async () => {
		// Some latency widens the window between the check and the create, as on a busy instance.
		jc = await startJumpCloudEmulator({ seed: 'schedule', latencyMs: 15 });
		[{ _id: userId }] = jc.insertUsers([
			{ username: 'ana.garcia', email: 'ana@example.com', state: 'STAGED' },
		]);
	});
	afterAll(async () => jc.close());

	async function schedule(params: IDataObject): Promise<IDataObject> {
		return await runJumpCloudOn(jc, {
			authentication: 'apiKey',
			resource: 'userState',
			operation: 'schedule',
			user: { __rl: true, mode: 'id', value: userId },
			targetState: 'ACTIVATED',
			timezone: 'Europe/Madrid',
			sendActivationEmails: false,
			...params,
		});
	}

	const jobsOfUser = () => jc.jobs().filter((j) => j.userIds.includes(userId));

	it('four concurrent identical executions leave exactly one job, and all report it', async () => {
		const results = await Promise.all(
			Array.from({ length: 4 }, async () => await schedule({ startDate: '2099-03-01T09:00:00' })),
		);
		expect(jobsOfUser()).toEqual([
			expect.objectContaining({ state: 'ACTIVATED', startDate: '2099-03-01T08:00:00.000Z' }),
		]);
		const [job] = jobsOfUser();
		expect(new Set(results.map((r) => r.scheduledJobId))).toEqual(new Set([job.id]));
		expect(results.filter((r) => r.alreadyScheduled === false)).toHaveLength(1);
	});

	it('a changed start date adds a second job by default, and moves it with Replace Other Scheduled Changes', async () => {
		await schedule({ startDate: '2099-03-08T09:00:00' });
		expect(
			jobsOfUser()
				.map((j) => j.startDate)
				.sort(),
		).toEqual(['2099-03-01T08:00:00.000Z', '2099-03-08T08:00:00.000Z']);

		const moved = await schedule({ startDate: '2099-03-15T09:00:00', replaceOtherScheduled: true });
		expect(jobsOfUser().map((j) => j.startDate)).toEqual(['2099-03-15T08:00:00.000Z']);
		expect(moved).toMatchObject({ alreadyScheduled: false });
		expect(moved.replacedJobs).toHaveLength(2);
	});

	it('two concurrent executions with different dates and Replace on never cancel each other: one job remains', async () => {
		await Promise.all([
			schedule({ startDate: '2099-04-01T09:00:00', replaceOtherScheduled: true }),
			schedule({ startDate: '2099-04-02T09:00:00', replaceOtherScheduled: true }),
		]);
		const jobs = jobsOfUser();
		expect(jobs).toHaveLength(1);
		expect(['2099-04-01T07:00:00.000Z', '2099-04-02T07:00:00.000Z']).toContain(jobs[0].startDate);
	});
});
