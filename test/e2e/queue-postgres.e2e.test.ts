/**
 * Production layout (docs/queue-mode.md): PostgreSQL (Debian's package, a throwaway cluster), Redis, one n8n
 * main, one separate webhook process (`n8n webhook`) and two workers (`n8n worker`), running the SHIPPED
 * Joiner, Leaver and Nightly Reconciliation templates while both emulators fail 20% of API requests.
 * Factorial delivers its webhooks to the webhook process (WEBHOOK_URL), which only queues them; the workers
 * execute. The nightly reconciliation (schedule changed to every 20 s, dry run off) repairs the seeded drift.
 * The final JumpCloud state must be exact, and every execution must have run on a worker.
 * No event run may fail: every call the templates make under these faults is either safe to resend
 * (reads, membership adds, state changes) or is looked up before it is sent again (user creation), and
 * both transports recognise a lost connection in the shape a real n8n throws it
 * (docs/reference/n8n-http-errors.md). A dry run afterwards (the shipped template, dry run on) plans nothing.
 */
import { join } from 'node:path';
import { DateTime } from 'luxon';

import { hostFromEnv, packageTarballFromEnv, recordResult } from './lib/host';
import {
	credentialsFor,
	loadTemplate,
	nodeOf,
	setSetting,
	startEmulators,
	variant,
	type Emulators,
} from './lib/fixtures';
import { freePort, N8n, outputOf, sleep, waitFor } from './lib/n8n';
import { startPostgres, type Postgres } from './lib/postgres';
import * as queue from './queue/processes';

const host = hostFromEnv();
const day = (offsetDays: number) => DateTime.utc().plus({ days: offsetDays }).toISODate() as string;
const EMPLOYEES = 30;
const FAULTS = {
	rate: 0.2,
	kinds: ['429', '500', '503', 'reset', 'slow'] as Array<'429' | '500' | '503' | 'reset' | 'slow'>,
	slowMs: 50,
	retryAfterSeconds: 0,
};

describe(`n8n ${host.version} as production runs it: Postgres, Redis, main + webhook process + two workers`, () => {
	let pg: Postgres | undefined;
	let redis: queue.Redis | undefined;
	let emulators: Emulators;
	let n8n: N8n;
	let webhook: queue.Proc | undefined;
	const workers: queue.Proc[] = [];
	let webhookUrl = '';
	const ids = { joiner: '', leaver: '', nightly: '', dryRun: 'fjPgQueueDryRun1' };

	beforeAll(async () => {
		pg = await startPostgres();

		redis = await queue.startRedis();

		// A company whose JumpCloud org drifted (missing users, stale attributes, leavers still active).
		emulators = await startEmulators(
			// Factorial waits up to 30 s for an answer and retries five times (a loaded CI machine).
			{ employees: EMPLOYEES, webhooks: { maxAttempts: 5, baseDelayMs: 1000, timeoutMs: 30_000 } },
			{ mirror: { employees: EMPLOYEES, missingRate: 0.1, changedRate: 0.1, staleRate: 0.6 } },
		);

		const webhookPort = await freePort();
		webhookUrl = `http://127.0.0.1:${webhookPort}/`;
		const queueEnv: Record<string, string> = {
			...pg.n8nEnv,
			...redis.queueEnv(`fjpg${Date.now()}`),
			// Webhooks are served by the webhook process only; Factorial is told its address.
			WEBHOOK_URL: webhookUrl,
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			N8N_LOG_LEVEL: 'info',
			// n8n's default pool is 2 connections per process: a worker running two executions (or a webhook
			// process queueing while it pings) then waits for a connection and reports the database as down.
			DB_POSTGRESDB_POOL_SIZE: '10',
			// A busy CI machine: do not give up on the database while five processes boot.
			DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
		};
		n8n = new N8n(host, { env: queueEnv });
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials(credentialsFor(emulators));

		const joiner = loadTemplate('joiner');
		const leaver = loadTemplate('leaver');
		// The Nightly Reconciliation as shipped, with the two edits an admin makes to go live (dry run off,
		// a brake fitting this drift) and the schedule brought forward so the test need not wait for 02:00.
		const nightly = setSetting(
			setSetting(loadTemplate('nightly-reconciliation'), 'dryRun', false),
			'maxSuspensionShare',
			100,
		);
		nodeOf(nightly, 'Every Night').parameters.rule = {
			interval: [{ field: 'seconds', secondsInterval: 20 }],
		};
		ids.joiner = joiner.id;
		ids.leaver = leaver.id;
		ids.nightly = nightly.id;
		// The shipped Nightly Reconciliation again, as shipped (dry run on) and inactive: run once at the end.
		const dryRun = variant(loadTemplate('nightly-reconciliation'), ids.dryRun, 'Nightly (dry run)');
		await n8n.importWorkflows([joiner, leaver, nightly, dryRun]);
		await n8n.activate([joiner.id, leaver.id, nightly.id]);

		// The main first (one process booting at a time is faster on two cores), then the others.
		await n8n.start(queueEnv, 300_000);
		workers.push(...(await queue.launchWorkers(n8n, queueEnv, 2, 2)));
		webhook = queue.launchN8n(
			host,
			'webhook',
			['webhook'],
			n8n.env({
				...queueEnv,
				N8N_PORT: String(webhookPort),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			}),
			n8n.userFolder,
		);
		await queue.waitForWorkers(workers, [...workers, webhook], 300_000);
		await waitFor(
			async () => (await fetch(`${webhookUrl}healthz`)).ok,
			'the webhook process to answer',
			300_000,
			500,
		);
		// Activation by the main subscribed the joiner (1 event) and the leaver (1: terminations) at the
		// webhook process.
		await waitFor(
			() =>
				emulators.factorial.subscriptions().filter((s) => s.enabled).length === 2 &&
				emulators.factorial.subscriptions().every((s) => s.target_url.startsWith(webhookUrl)),
			'two subscriptions pointing at the webhook process',
			60_000,
		);
	}, 900_000);

	afterAll(async () => {
		for (const w of workers) await queue.stopProc(w);
		await queue.stopProc(webhook);
		await n8n?.dispose();
		await redis?.stop();
		await emulators?.close();
		await pg?.stop();
	});

	/** Why an execution failed: the node and message n8n stored (its run data is flatted JSON). */
	const failure = (id: string) => {
		const [[data] = ['']] = (pg as Postgres).query(
			`SELECT data FROM execution_data WHERE "executionId" = ${Number(id)}`,
		);
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const flatted = require(join(host.dir, 'node_modules', 'flatted')) as {
				parse: (s: string) => {
					resultData?: { error?: { message?: string }; lastNodeExecuted?: string };
				};
			};
			const run = flatted.parse(data);
			return `${id}: ${run.resultData?.lastNodeExecuted}: ${run.resultData?.error?.message}`;
		} catch {
			return `${id}: ${data.slice(0, 500)}`;
		}
	};

	const executions = () =>
		(pg as Postgres)
			.query(`SELECT id, "workflowId", mode, status FROM execution_entity ORDER BY id`)
			.map(([id, workflowId, mode, status]) => ({ id, workflowId, mode, status }));

	it('runs joiners, leavers and the nightly reconciliation on the workers under 20% faults; JumpCloud ends exactly right', async () => {
		const { factorial, jumpCloud } = emulators;
		factorial.setFaults({ ...FAULTS });
		jumpCloud.setFaults({ ...FAULTS });

		const teams = [...factorial.state.teams.byId.values()];
		const hires = [
			['Lucía', 'Fernández'],
			['Jörg', 'Müller'],
			['Ana', 'García'],
			['Ana', 'García'],
			['Siobhán', "O'Brien"],
			['Tomás', 'Novák'],
		].map(([first, last], i) =>
			String(
				factorial.createEmployee({
					first_name: first,
					last_name: last,
					email: `hire${i}@queue.example`,
					team_id: teams[0].id,
					job_title: 'Engineer',
					contract_starts_on: day(30),
				}).id,
			),
		);
		await factorial.waitForDeliveries(120_000);
		// Two of the seeded active employees leave (two days ago: suspended at once).
		const leavers = jumpCloud
			.users()
			.filter((u) => u.state === 'ACTIVATED' && u.employeeIdentifier)
			.map((u) => String(u.employeeIdentifier))
			.filter((id) => !factorial.state.employees.byId.get(id)?.terminated_on)
			.slice(0, 2);
		for (const id of leavers) factorial.terminateEmployee(id, day(-2));
		await factorial.waitForDeliveries(120_000);

		// Every delivery went to the webhook process and was accepted.
		const deliveries = factorial.deliveries();
		expect(deliveries.length).toBe(hires.length + leavers.length);
		expect(deliveries.filter((d) => !d.ok || !d.targetUrl.startsWith(webhookUrl))).toEqual([]);

		// Their executions finish (on workers), then two more nightly runs, so one started after them.
		const eventRuns = () =>
			executions().filter((e) => e.workflowId === ids.joiner || e.workflowId === ids.leaver);
		await waitFor(
			() =>
				eventRuns().length >= deliveries.length &&
				eventRuns().every((e) => e.status !== 'running' && e.status !== 'new'),
			'the webhook executions to finish',
			240_000,
			1000,
		);
		const nightlyDone = () =>
			executions().filter((e) => e.workflowId === ids.nightly && e.status === 'success').length;
		const before = nightlyDone();
		await waitFor(() => nightlyDone() >= before + 2, 'two more nightly runs', 240_000, 1000);
		factorial.clearFaults();
		jumpCloud.clearFaults();
		await sleep(1000);

		// The faults really happened on both services.
		expect(factorial.counters().faulted).toBeGreaterThan(0);
		expect(jumpCloud.counters().faulted).toBeGreaterThan(0);

		// Every joiner and leaver run succeeded despite the faults (each failure named with its node and
		// message). Run before the nightly checks below, so a failure here is not hidden by a later repair.
		const failedEventRuns = eventRuns()
			.filter((e) => e.status !== 'success')
			.map((e) => failure(e.id));
		expect(failedEventRuns).toEqual([]);

		const users = jumpCloud.users();
		const today = day(0);
		// No employee has two users; usernames are unique.
		const byEmployee = new Map<string, typeof users>();
		for (const u of users)
			if (u.employeeIdentifier)
				byEmployee.set(u.employeeIdentifier, [...(byEmployee.get(u.employeeIdentifier) ?? []), u]);
		expect([...byEmployee.values()].filter((list) => list.length > 1)).toEqual([]);
		expect(new Set(users.map((u) => u.username.toLowerCase())).size).toBe(users.length);
		for (const employee of factorial.state.employees.byId.values()) {
			const [user] = byEmployee.get(String(employee.id)) ?? [];
			const active = !employee.terminated_on || employee.terminated_on > today;
			if (!active) {
				// Leavers (event or drift) are suspended; none was created.
				if (user) expect([employee.id, user.state]).toEqual([employee.id, 'SUSPENDED']);
				continue;
			}
			if (!employee.email) continue;
			// Every active employee with a work email has exactly one user, attributes in sync.
			expect([employee.id, user?.email?.toLowerCase(), user?.lastname]).toEqual([
				employee.id,
				String(employee.email).toLowerCase(),
				employee.last_name,
			]);
			expect(user.state === 'ACTIVATED' || user.state === 'STAGED').toBe(true);
		}
		for (const id of leavers) expect(byEmployee.get(id)?.[0]?.state).toBe('SUSPENDED');
		for (const id of hires) {
			// Exactly one STAGED user (starts in 30 days), in the team's group and only there, with one
			// scheduled activation.
			expect(byEmployee.get(id)?.length).toBe(1);
			const [user] = byEmployee.get(id) ?? [];
			const groups = jumpCloud.groupsOf(String(user?._id));
			const jobs = jumpCloud.jobs().filter((j) => j.userIds.includes(String(user?._id)));
			expect([id, user?.state, groups, jobs.length]).toEqual([id, 'STAGED', [teams[0].name], 1]);
		}

		// Every execution ran on a worker: with the main stopped (no more schedules) and the queue drained,
		// the workers started exactly as many executions as Postgres holds; main and webhook process none.
		await n8n.stop();
		await waitFor(
			() => executions().every((e) => e.status !== 'running' && e.status !== 'new'),
			'the queue to drain',
			120_000,
			1000,
		);
		await sleep(500);
		const all = executions();
		const perWorker = workers.map(queue.workerStarted);
		recordResult(host, {
			postgresQueueMode: {
				workers: perWorker.length,
				executionsPerWorker: perWorker,
				webhookDeliveries: deliveries.length,
				failedEventRuns,
				nightlyRuns: all.filter((e) => e.workflowId === ids.nightly).length,
			},
		});
		expect(perWorker.reduce((a, b) => a + b, 0)).toBe(all.length);
		for (const count of perWorker) expect(count).toBeGreaterThan(0);
		expect(n8n.logs).not.toMatch(/Worker started execution/);
		expect(webhook?.output).not.toMatch(/Worker started execution/);
		// One execution per delivery; a delivery Factorial had to retry (no answer in time) may have started one
		// per attempt, which the joiner and leaver tolerate (asserted above: no duplicate user, job or group).
		const attempts = deliveries.reduce((n, d) => n + d.attempts, 0);
		const webhookRuns = all.filter((e) => e.mode === 'webhook').length;
		expect(webhookRuns).toBeGreaterThanOrEqual(deliveries.length);
		expect(webhookRuns).toBeLessThanOrEqual(attempts);

		// Converged: the shipped reconciliation, as shipped (dry run), run once more without faults plans no
		// change. (`n8n execute` in this process, not the queue: the workers' count above is complete.)
		const [summary] = outputOf(
			await n8n.executeOk(ids.dryRun, { EXECUTIONS_MODE: 'regular' }),
			'Summary',
		);
		expect(summary).toMatchObject({
			dryRun: true,
			created: 0,
			updated: 0,
			adopted: 0,
			reactivated: 0,
			suspended: 0,
			activated: 0,
			activationsScheduled: 0,
			failed: 0,
			conflicts: 0,
		});
	});
});
