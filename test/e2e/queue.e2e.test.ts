/**
 * Queue mode ("beyond one machine"): a real Redis (Debian package, installed by test/e2e/queue/deps.sh when
 * missing), one n8n main and two n8n workers sharing one database. The Factorial emulator really delivers
 * its webhooks to the main, which queues each execution; the workers run the joiner and leaver workflows
 * against the JumpCloud emulator. The final JumpCloud state must be exact, and both workers must have
 * worked: nothing in the nodes may depend on the process that activated the trigger.
 */
import { join } from 'node:path';

import { startFactorialEmulator, startJumpCloudEmulator } from '../emulators';
import type { FactorialEmulator, JumpCloudEmulator } from '../emulators';
import { usersBesideLivedIn } from './lib/fixtures';
import { hostFromEnv, packageTarballFromEnv, PACKAGE_NAME, recordResult } from './lib/host';
import { N8n, sleep, waitFor } from './lib/n8n';
import * as queue from './queue/processes';

const host = hostFromEnv();
const GROUP = 'All Employees';

const node = (
	name: string,
	type: string,
	position: [number, number],
	parameters: Record<string, unknown>,
	credentials?: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) => ({
	id: `${name.replace(/\W/g, '')}-id`,
	name,
	type: type.includes('.') ? type : `${PACKAGE_NAME}.${type}`,
	typeVersion: 1,
	position,
	parameters,
	...(credentials ? { credentials } : {}),
	...extra,
});

const FACTORIAL_CRED = { factorialApi: { id: 'fjQueueFactCred1', name: 'Factorial (emulator)' } };
const JUMPCLOUD_CRED = { jumpCloudApi: { id: 'fjQueueJcCred001', name: 'JumpCloud (emulator)' } };

function joinerWorkflow() {
	const trigger = "$('Factorial Trigger').item.json";
	return {
		id: 'fjQueueJoiner001',
		name: 'Queue: joiner',
		nodes: [
			node(
				'Factorial Trigger',
				'factorialTrigger',
				[0, 0],
				{
					authentication: 'apiKey',
					events: ['employee.created'],
					options: { ignoreStaleDeliveries: true },
				},
				FACTORIAL_CRED,
				{
					webhookId: '5a1d0c7e-0000-4000-8000-00000000j0in',
				},
			),
			node(
				'Username',
				'generateUniqueUsername',
				[220, 0],
				{
					uniquenessCheck: 'jumpCloud',
					authentication: 'apiKey',
					firstName: `={{ ${trigger}.employee.firstName }}`,
					lastName: `={{ ${trigger}.employee.lastName }}`,
					fallbackValue: `={{ ${trigger}.employee.workEmail }}`,
					format: 'first.last',
				},
				JUMPCLOUD_CRED,
			),
			node(
				'Create or Update',
				'jumpCloud',
				[440, 0],
				{
					authentication: 'apiKey',
					resource: 'user',
					operation: 'upsert',
					email: `={{ ${trigger}.employee.workEmail }}`,
					username: '={{ $json.username }}',
					state: 'STAGED',
					onUsernameConflict: 'appendNumber',
					additionalFields: {
						firstName: `={{ ${trigger}.employee.firstName }}`,
						lastName: `={{ ${trigger}.employee.lastName }}`,
						employeeIdentifier: `={{ ${trigger}.employeeId }}`,
					},
				},
				JUMPCLOUD_CRED,
			),
			node(
				'Add to Group',
				'jumpCloud',
				[660, 0],
				{
					authentication: 'apiKey',
					resource: 'userGroup',
					operation: 'addMember',
					group: { __rl: true, mode: 'name', value: GROUP },
					user: { __rl: true, mode: 'id', value: "={{ $('Create or Update').item.json.id }}" },
				},
				JUMPCLOUD_CRED,
			),
			node(
				'Schedule Activation',
				'jumpCloud',
				[880, 0],
				{
					authentication: 'apiKey',
					resource: 'userState',
					operation: 'schedule',
					user: { __rl: true, mode: 'id', value: "={{ $('Create or Update').item.json.id }}" },
					targetState: 'ACTIVATED',
					startDate: '2099-03-01T09:00:00',
					timezone: 'Europe/Madrid',
					sendActivationEmails: false,
				},
				JUMPCLOUD_CRED,
			),
		],
		connections: {
			'Factorial Trigger': { main: [[{ node: 'Username', type: 'main', index: 0 }]] },
			Username: { main: [[{ node: 'Create or Update', type: 'main', index: 0 }]] },
			'Create or Update': { main: [[{ node: 'Add to Group', type: 'main', index: 0 }]] },
			'Add to Group': { main: [[{ node: 'Schedule Activation', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function leaverWorkflow() {
	return {
		id: 'fjQueueLeaver001',
		name: 'Queue: leaver',
		nodes: [
			node(
				'Factorial Trigger',
				'factorialTrigger',
				[0, 0],
				{ authentication: 'apiKey', events: ['employee.terminated'], options: {} },
				FACTORIAL_CRED,
				{
					webhookId: '5a1d0c7e-0000-4000-8000-0000000leave',
				},
			),
			node(
				'Suspend',
				'jumpCloud',
				[220, 0],
				{
					authentication: 'apiKey',
					resource: 'userState',
					operation: 'suspend',
					user: { __rl: true, mode: 'employeeIdentifier', value: '={{ $json.employeeId }}' },
				},
				JUMPCLOUD_CRED,
			),
		],
		connections: { 'Factorial Trigger': { main: [[{ node: 'Suspend', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const finished = (proc: queue.Proc) =>
	(proc.output.match(/Worker finished execution/g) ?? []).length;

describe(`n8n ${host.version} in queue mode: main + two workers + Redis`, () => {
	let n8n: N8n;
	let redis: queue.Redis | undefined;
	const workers: queue.Proc[] = [];
	let factorial: FactorialEmulator;
	let jumpcloud: JumpCloudEmulator;
	let queueEnv: Record<string, string> = {};

	beforeAll(async () => {
		redis = await queue.startRedis();
		queueEnv = {
			...redis.queueEnv(`fj${Date.now()}`),
			// n8n warns that SQLite is not officially supported in scaling mode; see docs/queue-mode.md.
			DB_SQLITE_POOL_SIZE: '2',
			N8N_LOG_LEVEL: 'info',
		};

		factorial = await startFactorialEmulator({ seed: 'queue', employees: 0, today: '2026-06-01' });
		jumpcloud = await startJumpCloudEmulator({ seed: 'queue', groups: [GROUP] });

		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials([
			{
				...FACTORIAL_CRED.factorialApi,
				type: 'factorialApi',
				data: { environment: 'custom', customUrl: factorial.url, apiKey: factorial.apiKey },
			},
			{
				...JUMPCLOUD_CRED.jumpCloudApi,
				type: 'jumpCloudApi',
				data: { region: 'custom', customUrl: jumpcloud.url, apiKey: jumpcloud.apiKey, orgId: '' },
			},
		]);
		await n8n.importWorkflows([joinerWorkflow(), leaverWorkflow()] as never);
		await n8n.activate(['fjQueueJoiner001', 'fjQueueLeaver001']);

		// One job at a time per worker, so the executions spread over both.
		workers.push(...(await queue.launchWorkers(n8n, queueEnv, 2, 1)));
		await queue.waitForWorkers(workers, workers, 120_000);
		await n8n.start(queueEnv);
	}, 300_000);

	afterAll(async () => {
		for (const w of workers) await queue.stopProc(w);
		await n8n?.dispose();
		await redis?.stop();
		await factorial?.close();
		await jumpcloud?.close();
	});

	it('runs joiners and leavers on both workers and leaves JumpCloud exactly as expected', async () => {
		// Activation by the main subscribed both workflows in Factorial.
		expect(
			factorial
				.subscriptions()
				.map((s) => s.type)
				.sort(),
		).toEqual(['employees/employee/create_with_contract', 'employees/employee/terminate'].sort());

		const hires = [
			{ first_name: 'Lucía', last_name: 'Fernández', email: 'lucia@acme.test' },
			{ first_name: 'Jörg', last_name: 'Müller', email: 'joerg@acme.test' },
			{ first_name: 'Ana', last_name: 'García', email: 'ana1@acme.test' },
			{ first_name: 'Ana', last_name: 'García', email: 'ana2@acme.test' },
			{ first_name: 'Siobhán', last_name: "O'Brien", email: 'siobhan@acme.test' },
			{ first_name: 'Tomás', last_name: 'Novák', email: 'tomas@acme.test' },
		];
		const ids: string[] = [];
		for (const hire of hires) ids.push(String(factorial.createEmployee(hire).id));
		await factorial.waitForDeliveries(30_000);
		expect(factorial.deliveries().filter((d) => !d.ok)).toEqual([]);

		await waitFor(
			() =>
				ids.every((id) => {
					const user = jumpcloud.findUser({ employeeIdentifier: id });
					return (
						user &&
						jumpcloud.groupsOf(user._id).includes(GROUP) &&
						jumpcloud.jobs().some((j) => j.userIds.includes(user._id))
					);
				}),
			'every joiner to be provisioned by the workers',
			120_000,
			500,
		);

		const leaving = [ids[1], ids[3]];
		for (const id of leaving) factorial.terminateEmployee(id, '2026-05-31');
		await factorial.waitForDeliveries(30_000);
		await waitFor(
			() =>
				leaving.every(
					(id) => jumpcloud.findUser({ employeeIdentifier: id })?.state === 'SUSPENDED',
				),
			'leavers to be suspended',
			120_000,
			500,
		);
		// Let any straggling execution finish before judging the state.
		await waitFor(
			() => workers.reduce((n, w) => n + finished(w), 0) >= hires.length + leaving.length,
			'all executions to finish',
			60_000,
		);
		await sleep(500);

		// Only the hires' users beside the untouched lived-in directory.
		const users = usersBesideLivedIn(jumpcloud);
		expect(users).toHaveLength(hires.length);
		expect(new Set(users.map((u) => u.username)).size).toBe(hires.length);
		for (const id of ids) {
			const user = jumpcloud.findUser({ employeeIdentifier: id });
			expect(user?.state).toBe(leaving.includes(id) ? 'SUSPENDED' : 'STAGED');
			expect(jumpcloud.groupsOf(String(user?._id))).toEqual([GROUP]);
			expect(jumpcloud.jobs().filter((j) => j.userIds.includes(String(user?._id)))).toHaveLength(1);
		}
		// The namesakes may run at the same moment on different workers: one gets ana.garcia, the other a
		// numbered name (ana.garcia1 from the username node, or ana.garcia2 when the create resolved the race by continuing from the number it was given).
		expect(users.map((u) => u.username).sort()).toEqual([
			'ana.garcia',
			expect.stringMatching(/^ana\.garcia[12]$/),
			'jorg.muller',
			'lucia.fernandez',
			'siobhan.obrien',
			'tomas.novak',
		]);

		// The main queued everything; both workers ran executions.
		const perWorker = workers.map(queue.workerStarted);
		recordResult(host, {
			queueMode: { workers: perWorker.length, executionsPerWorker: perWorker },
		});
		// One execution per delivery attempt that reached n8n: Factorial retries a delivery it got no timely
		// answer for (5 s here), and on a loaded machine a retry starts a second, harmless run (the JumpCloud
		// state above is what proves exactly-once). So: at least one per event, never more than the attempts.
		const started = perWorker.reduce((a, b) => a + b, 0);
		const attempts = factorial.deliveries().reduce((n, d) => n + d.attempts, 0);
		expect(started).toBeGreaterThanOrEqual(hires.length + leaving.length);
		expect(started).toBeLessThanOrEqual(attempts);
		for (const count of perWorker) expect(count).toBeGreaterThan(0);
		expect(n8n.logs).not.toMatch(/Worker started execution/);
	});
});
