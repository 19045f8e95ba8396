/**
 * The leaver's side of the calendar against the JumpCloud emulator (issue 22): a hire rescinded before the
 * start date is never activated by the job made for the first day (Suspend and Schedule cancel it), a
 * termination entered after the end of the last day suspends now instead of failing, and a location's
 * unusable time zone falls back to the workflow's instead of leaving the leaver active.
 */
import type { IDataObject } from 'n8n-workflow';

import { startJumpCloudEmulator, type JumpCloudEmulator } from '../../emulators/jumpcloud';
import { runJumpCloudOn } from '../../helpers/jumpCloudEmulatorRun';

describe('Leaver dates against the JumpCloud emulator', () => {
	let jc: JumpCloudEmulator;
	beforeAll(async () => {
		jc = await startJumpCloudEmulator({ seed: 'leaverDates' });
	});
	afterAll(async () => jc.close());

	async function run(params: IDataObject): Promise<IDataObject> {
		return await runJumpCloudOn(jc, {
			authentication: 'apiKey',
			resource: 'userState',
			simplify: true,
			...params,
		});
	}

	/** A staged hire with an activation pending on the start date, as the Joiner leaves it. */
	async function stagedHire(name: string): Promise<string> {
		const [{ _id: id }] = jc.insertUsers([
			{ username: name, email: `${name}@example.com`, state: 'STAGED' },
		]);
		await run({
			operation: 'schedule',
			user: { __rl: true, mode: 'id', value: id },
			targetState: 'ACTIVATED',
			startDate: '2099-06-01T09:00:00',
			timezone: 'Europe/Madrid',
			sendActivationEmails: false,
		});
		expect(jc.jobs().filter((j) => j.userIds.includes(id))).toHaveLength(1);
		return id;
	}

	const stateOf = (id: string) => jc.users().find((u) => u._id === id)?.state;

	it('Schedule a suspension with Cancel Pending Activations: the rescinded hire is never activated', async () => {
		const id = await stagedHire('rescinded.schedule');
		const out = await run({
			operation: 'schedule',
			user: { __rl: true, mode: 'id', value: id },
			targetState: 'SUSPENDED',
			startDate: '2099-05-20T23:59:00',
			timezone: 'Europe/Madrid',
			cancelPendingActivations: true,
		});
		expect(out.cancelledJobs).toEqual([expect.objectContaining({ state: 'ACTIVATED' })]);
		expect(jc.jobs().filter((j) => j.userIds.includes(id))).toEqual([
			expect.objectContaining({ state: 'SUSPENDED' }),
		]);
		jc.runScheduledJobs('2099-07-01T00:00:00Z');
		expect(stateOf(id)).toBe('SUSPENDED');
	});

	it('Suspend with Cancel Pending Scheduled Changes: suspended now, the activation cancelled', async () => {
		const id = await stagedHire('rescinded.suspend');
		const out = await run({
			operation: 'suspend',
			user: { __rl: true, mode: 'id', value: id },
			cancelPendingJobs: true,
		});
		expect(out).toMatchObject({ suspended: true, unchanged: false });
		expect(out.cancelledJobs).toHaveLength(1);
		jc.runScheduledJobs('2099-07-01T00:00:00Z');
		expect(stateOf(id)).toBe('SUSPENDED');
		expect(jc.jobs().filter((j) => j.userIds.includes(id))).toEqual([]);
	});

	it('a suspension whose minute has passed suspends now with Suspend Now If the Time Has Passed', async () => {
		const id = await stagedHire('late.termination');
		const out = await run({
			operation: 'schedule',
			user: { __rl: true, mode: 'id', value: id },
			targetState: 'SUSPENDED',
			startDate: '2020-01-10T23:59:00',
			timezone: 'Europe/Madrid',
			suspendNowIfPassed: true,
			cancelPendingActivations: true,
		});
		expect(out).toMatchObject({ suspendedNow: true, scheduled: false, unchanged: false });
		expect(stateOf(id)).toBe('SUSPENDED');
		expect(jc.jobs().filter((j) => j.userIds.includes(id))).toEqual([]);
	});

	it("an unusable location zone falls back to the workflow's zone, reported, instead of failing", async () => {
		const [{ _id: id }] = jc.insertUsers([
			{ username: 'bad.zone', email: 'bad.zone@example.com', state: 'ACTIVATED' },
		]);
		const out = await run({
			operation: 'schedule',
			user: { __rl: true, mode: 'id', value: id },
			targetState: 'SUSPENDED',
			startDate: '2099-05-20T23:59:00',
			timezone: 'Mars/Olympus',
			zoneFallback: true,
		});
		expect(out).toMatchObject({ scheduled: true, timezone: expect.any(String) });
		expect(out.timezone).not.toBe('Mars/Olympus');
		expect(String(out.timezoneNote)).toContain('"Mars/Olympus" is not an IANA time zone');
		expect(jc.jobs().filter((j) => j.userIds.includes(id))).toHaveLength(1);
	});
});
