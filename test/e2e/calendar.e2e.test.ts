/**
 * Issue 22, the calendar of a working life, with the shipped templates in a real n8n:
 * - a rescinded hire (terminated before the start date) is never activated: the Joiner stages the user and
 *   schedules the 09:00 activation, the Leaver cancels it; JumpCloud's clock (the emulator's scheduled jobs,
 *   run day by day) then passes the last day and the original start date: suspended, never activated;
 * - a fixed-term contract in the shipped Mover: a contract end set, extended and removed in Factorial moves
 *   the 23:59 local suspension with it and finally cancels it (contract_version webhooks);
 * - the Nightly Reconciliation (dry run off) on an employee's last day leaves the user active and schedules
 *   the suspension at 23:59 local once; a second run schedules nothing more;
 * - the Nightly with a pre-start window creates a hire inside the window only;
 * - the shipped Leaver with its trigger swapped for the Factorial Poll Trigger (as docs/templates.md says):
 *   a hire whose record is deleted in Factorial before the start date is suspended at once and its pending
 *   activation cancelled, never activated.
 */
import { DateTime } from 'luxon';

import type { SystemUser } from '../emulators';
import { auditRecordProblems, type AuditRecord } from '../../scripts/lib/audit';
import { auditItemsOf } from './lib/audit';
import {
	FINGERPRINT_VERSION,
	fingerprint,
	pickTrackedFields,
} from '../../nodes/Factorial/poll/fingerprint';
import { PACKAGE_NAME, fastestPolling, hostFromEnv } from './lib/host';
import {
	TEMPLATE_CREDENTIALS,
	loadTemplate,
	nodeOf,
	setSetting,
	startEmulators,
	startWithLifecycleTemplates,
	variant,
	type Emulators,
} from './lib/fixtures';
import { N8n, outputOf, waitFor } from './lib/n8n';

const host = hostFromEnv();
const polling = fastestPolling(host);
jest.setTimeout(Math.max(240_000, 2 * polling.everyMs + 180_000));
const LEAVER = 'fjTplLeaver00001';
const NIGHTLY = 'fjCalNightly0001';
const LEAVER_POLL = 'fjCalLeaverPoll1';
const NIGHTLY_PRE_START = 'fjCalNightlyPre1';
const ZONE = 'Europe/Madrid';
/** A calendar day `offsetDays` from today in the location's zone. */
const day = (offsetDays: number) =>
	DateTime.now().setZone(ZONE).plus({ days: offsetDays }).toISODate() as string;
/** `time` on `date` in the location's zone, as epoch ms. */
const local = (date: string, time: string) =>
	DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toMillis();

describe(`n8n ${host.version}: the calendar of a working life`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	let locationId: string;

	const factorial = () => emulators.factorial;
	const jumpCloud = () => emulators.jumpCloud;
	const userOf = (employeeId: string): SystemUser | undefined =>
		jumpCloud().findUser({ employeeIdentifier: employeeId });
	const jobsOf = (userId: string) =>
		jumpCloud()
			.jobs()
			.filter((j) => j.userIds.includes(userId));
	/** Every activation JumpCloud ever made of the user (by the API or a scheduled job). */
	const activationsOf = (userId: string) =>
		jumpCloud()
			.events()
			.filter((e) => e.userId === userId && /activate/.test(e.type));

	const hire = (first: string, last: string, start: string) =>
		factorial().createEmployee({
			first_name: first,
			last_name: last,
			email: `${first}.${last}@calendar.example`.toLowerCase(),
			location_id: locationId,
			job_title: 'Engineer',
			contract_starts_on: start,
		});

	/** The Nightly's reported actions on a user's state or scheduled changes (not its attributes). */
	const stateActions = (runData: Parameters<typeof outputOf>[0], userId: string) =>
		outputOf(runData, 'Reconcile JumpCloud').filter(
			(i) =>
				i.userId === userId &&
				['suspend', 'scheduleSuspension', 'cancelScheduled', 'activate', 'reactivate'].includes(
					String(i.action),
				),
		);

	/** The executions of a workflow started after `before`, once all are finished. */
	const finished = async (workflowId: string, before: number) =>
		await waitFor(
			() => {
				const runs = n8n.executions(workflowId).slice(before);
				return runs.length && runs.every((e) => e.status !== 'running' && e.status !== 'new')
					? runs
					: undefined;
			},
			`a finished execution of ${workflowId}`,
			90_000,
		);

	beforeAll(async () => {
		emulators = await startEmulators(
			{ employees: 12, webhooks: { maxAttempts: 3, baseDelayMs: 200 } },
			{ mirror: { employees: 12, missingRate: 0, changedRate: 0, staleRate: 0 } },
		);
		const location = [...factorial().state.locations.byId.values()].find(
			(l) => l.timezone === ZONE,
		);
		if (!location) throw new Error(`the seeded company has no ${ZONE} location`);
		locationId = String(location.id);
		n8n = new N8n(host);
		await startWithLifecycleTemplates(n8n, emulators);
		await n8n.importWorkflows([
			setSetting(
				variant(loadTemplate('nightly-reconciliation'), NIGHTLY, 'Nightly (real run)'),
				'dryRun',
				false,
			),
		]);
	}, 480_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	it('a hire terminated before the start date is never activated: the Leaver cancels the pending activation and says so', async () => {
		const start = day(20);
		const lastDay = day(10);
		const id = String(hire('Rhea', 'Rescinded', start).id);
		const user = await waitFor(() => userOf(id), 'the staged user', 90_000);
		await waitFor(
			() => jobsOf(user._id).some((j) => j.state === 'ACTIVATED'),
			'the scheduled activation',
			90_000,
		);
		expect(userOf(id)?.state).toBe('STAGED');
		const [activation] = jobsOf(user._id);
		expect(Date.parse(activation.startDate)).toBe(local(start, '09:00:00'));

		await factorial().waitForDeliveries(20_000);
		const before = n8n.executions(LEAVER).length;
		factorial().terminateEmployee(id, lastDay);
		await waitFor(
			() => jobsOf(user._id).some((j) => j.state === 'SUSPENDED'),
			'the scheduled suspension',
			90_000,
		);
		const runs = await finished(LEAVER, before);
		for (const run of runs) expect(run.status).toBe('success');

		// Only the suspension at 23:59 on the last day is left.
		expect(jobsOf(user._id).map((j) => [j.state, Date.parse(j.startDate)])).toEqual([
			['SUSPENDED', local(lastDay, '23:59:00')],
		]);
		const records = runs
			.flatMap((r) => auditItemsOf(r.data))
			.filter((r) => r.employeeId === id) as unknown as AuditRecord[];
		expect(records).toHaveLength(1);
		expect(auditRecordProblems(records[0])).toEqual([]);
		expect(records[0].outcome).toBe('done');
		expect(records[0].actions).toContainEqual({
			action: 'cancelScheduled',
			status: 'done',
			detail: expect.stringContaining(
				`hire rescinded before the start date ${start}, the account is never activated`,
			),
		});
		expect(records[0].summary).toContain('pending activation cancelled (never activated)');

		// JumpCloud's clock: the end of the last day, then the original start date, then a day after it.
		jumpCloud().runScheduledJobs(new Date(local(lastDay, '23:59:30')));
		expect(userOf(id)?.state).toBe('SUSPENDED');
		jumpCloud().runScheduledJobs(new Date(local(start, '09:00:30')));
		jumpCloud().runScheduledJobs(new Date(local(day(21), '12:00:00')));
		expect(userOf(id)?.state).toBe('SUSPENDED');
		expect(activationsOf(user._id)).toEqual([]);
		expect(jobsOf(user._id)).toEqual([]);
	});

	it('the Mover keeps a fixed-term contract end: scheduled at 23:59 local, moved on an extension, cancelled when the end is removed', async () => {
		const id = String(hire('Fiona', 'Fixedterm', '2022-04-01').id);
		await waitFor(() => userOf(id)?.state === 'ACTIVATED', 'the active user', 90_000);
		await factorial().waitForDeliveries(20_000);
		const user = userOf(id)!;
		const [contractId] = [...(factorial().state.contractsByEmployee.get(id) ?? [])];
		expect(contractId).toBeDefined();
		/** HR edits the contract in Factorial: a contract_version.updated webhook reaches the Mover. */
		const setEnd = async (endsOn: string | null) => {
			const response = await fetch(
				`${factorial().url}/api/2026-10-01/resources/contracts/contract_versions/${contractId}`,
				{
					method: 'PUT',
					headers: { 'x-api-key': factorial().apiKey, 'content-type': 'application/json' },
					body: JSON.stringify({ ends_on: endsOn }),
				},
			);
			expect(response.status).toBeLessThan(300);
		};
		const suspensions = () =>
			jobsOf(user._id).map((j) => [j.state, Date.parse(j.startDate)] as [string, number]);

		const firstEnd = day(30);
		await setEnd(firstEnd);
		await waitFor(
			() => suspensions().length === 1 && suspensions()[0][1] === local(firstEnd, '23:59:00'),
			'the suspension at the contract end',
			90_000,
		);
		expect(suspensions()).toEqual([['SUSPENDED', local(firstEnd, '23:59:00')]]);

		const extended = day(90);
		await setEnd(extended);
		await waitFor(
			() => suspensions().length === 1 && suspensions()[0][1] === local(extended, '23:59:00'),
			'the suspension moved to the extended end',
			90_000,
		);
		expect(suspensions()).toEqual([['SUSPENDED', local(extended, '23:59:00')]]);

		await setEnd(null);
		await waitFor(() => suspensions().length === 0, 'the suspension cancelled', 90_000);
		await factorial().waitForDeliveries(20_000);
		expect(userOf(id)?.state).toBe('ACTIVATED');
		// The cancelled suspension's mark is gone too: it can never vouch for someone else's suspension.
		const attributes = (userOf(id)?.attributes ?? []) as Array<{ name?: string }>;
		expect(attributes.some((a) => a.name === 'factorialSyncSuspendedAt')).toBe(false);
	});

	it('the Nightly on the last day leaves the user active with the suspension at 23:59 local, once', async () => {
		// Started long ago: the Joiner activates the user at once.
		const id = String(hire('Lena', 'Lasttag', '2022-04-01').id);
		await waitFor(() => userOf(id)?.state === 'ACTIVATED', 'the active user', 90_000);
		await factorial().waitForDeliveries(20_000);
		// No Leaver running: the nightly alone sees the termination (a missed delivery).
		await n8n.stop();
		const today = day(0);
		factorial().terminateEmployee(id, today);
		const user = userOf(id)!;

		const first = await n8n.executeOk(NIGHTLY);
		expect(userOf(id)?.state).toBe('ACTIVATED');
		expect(jobsOf(user._id).map((j) => [j.state, Date.parse(j.startDate)])).toEqual([
			['SUSPENDED', local(today, '23:59:00')],
		]);
		expect(stateActions(first, user._id)).toEqual([
			expect.objectContaining({ action: 'scheduleSuspension', result: 'done' }),
		]);

		const jobs = JSON.stringify(jumpCloud().jobs());
		const second = await n8n.executeOk(NIGHTLY);
		expect(stateActions(second, user._id)).toEqual([]);
		expect(JSON.stringify(jumpCloud().jobs())).toBe(jobs);
		expect(userOf(id)?.state).toBe('ACTIVATED');
	});

	it('the Nightly with a pre-start window of 14 days creates a hire starting in 5 days, not one starting in 40', async () => {
		// n8n is stopped (previous case): no Joiner runs; the nightly alone sees both hires.
		const near = String(hire('Paula', 'Prestart', day(5)).id);
		const far = String(hire('Felix', 'Prestart', day(40)).id);
		const nightly = setSetting(
			variant(loadTemplate('nightly-reconciliation'), NIGHTLY_PRE_START, 'Nightly (pre-start)'),
			'dryRun',
			false,
		);
		setSetting(nightly, 'preStartDays', '14');
		await n8n.importWorkflows([nightly]);
		const run = await n8n.executeOk(NIGHTLY_PRE_START);
		const items = outputOf(run, 'Reconcile JumpCloud');
		expect(items.filter((i) => i.employeeId === far)).toEqual([
			expect.objectContaining({
				action: 'skip',
				reason: `waiting for pre-start window: the account is created on ${day(26)} (14 days before the start date ${day(40)})`,
			}),
		]);
		expect(userOf(far)).toBeUndefined();
		const created = userOf(near);
		expect(created?.state).toBe('STAGED');
		expect(jobsOf(created!._id).map((j) => [j.state, Date.parse(j.startDate)])).toEqual([
			['ACTIVATED', local(day(5), '09:00:00')],
		]);
	});

	it('the Leaver on the Poll Trigger: a hire whose record is deleted before the start date is suspended at once and never activated', async () => {
		// The Joiner's work, as it leaves a future hire: a staged user with the 09:00 activation pending.
		const employeeId = '990001';
		const start = day(20);
		const [user] = jumpCloud().insertUsers([
			{
				username: 'dora.deleted',
				email: 'dora.deleted@calendar.example',
				employeeIdentifier: employeeId,
				state: 'STAGED',
			},
		]);
		const scheduled = await fetch(`${jumpCloud().url}/api/v2/bulk/userstates`, {
			method: 'POST',
			headers: { 'x-api-key': jumpCloud().apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({
				user_ids: [user._id],
				state: 'ACTIVATED',
				start_date: new Date(local(start, '09:00:00')).toISOString(),
			}),
		});
		expect(scheduled.status).toBeLessThan(300);
		expect(jobsOf(user._id).map((j) => j.state)).toEqual(['ACTIVATED']);

		// The Poll Trigger saw the record on its last full pass two days ago; Factorial no longer has it
		// (there is no delete endpoint: HR removed it in the app), so the next full pass emits employee.deleted.
		const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
		const seen = fingerprint({
			id: employeeId,
			fields: pickTrackedFields({
				firstName: 'Dora',
				lastName: 'Deleted',
				fullName: 'Dora Deleted',
				workEmail: 'dora.deleted@calendar.example',
				active: true,
				isTerminating: false,
				locationId: locationId,
			}),
		});
		const leaver = variant(loadTemplate('leaver'), LEAVER_POLL, 'Leaver (Poll Trigger)');
		const trigger = nodeOf(leaver, 'Factorial Trigger');
		Object.assign(trigger, {
			type: `${PACKAGE_NAME}.factorialPollTrigger`,
			typeVersion: 1,
			credentials: { factorialApi: TEMPLATE_CREDENTIALS.factorial },
			parameters: {
				authentication: 'apiKey',
				events: ['employee.terminated', 'employee.deleted'],
				options: {},
				pollTimes: polling.pollTimes,
			},
		});
		delete trigger.webhookId;
		leaver.staticData = {
			'node:Factorial Trigger': {
				version: FINGERPRINT_VERSION,
				lastPollDay: twoDaysAgo.toISOString().slice(0, 10),
				lastFullPassAt: twoDaysAgo.toISOString(),
				employees: { [employeeId]: seen },
			},
		};
		await n8n.importWorkflows([leaver]);
		await n8n.activate([LEAVER_POLL]);
		await n8n.start();

		await waitFor(
			() => jumpCloud().findUser({ employeeIdentifier: employeeId })?.state === 'SUSPENDED',
			'the deleted hire suspended',
			2 * polling.everyMs + 90_000,
		);
		const [run] = await finished(LEAVER_POLL, 0);
		expect(run.status).toBe('success');
		expect(jobsOf(user._id)).toEqual([]);
		const records = auditItemsOf(run.data) as unknown as AuditRecord[];
		expect(records).toHaveLength(1);
		expect(auditRecordProblems(records[0])).toEqual([]);
		expect(records[0]).toMatchObject({
			event: 'employee.deleted',
			source: 'poll',
			employeeId,
			employeeName: 'Dora Deleted',
			jumpCloudUserId: user._id,
			outcome: 'done',
		});
		expect(records[0].actions.map((a) => [a.action, a.status])).toEqual([
			['suspendNow', 'done'],
			['cancelScheduled', 'done'],
		]);
		expect(records[0].summary).toContain('pending activation cancelled (never activated)');

		// JumpCloud's clock past the original start date: never activated.
		jumpCloud().runScheduledJobs(new Date(local(day(21), '12:00:00')));
		expect(jumpCloud().findUser({ employeeIdentifier: employeeId })?.state).toBe('SUSPENDED');
		expect(activationsOf(user._id)).toEqual([]);
	});
});
