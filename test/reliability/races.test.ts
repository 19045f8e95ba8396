/**
 * Reliability under duplication and concurrency: webhook storms (the same delivery many times, out of
 * order, while the nightly run writes), two joiners for namesakes at the same moment, answers lost after
 * JumpCloud acted, and the reconciliation's safety brake. Real emulators over HTTP, no nock.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { FactorialTrigger } from '../../nodes/Factorial/FactorialTrigger.node';
import { startFactorialEmulator, startJumpCloudEmulator } from '../emulators';
import { createFakeContext } from '../helpers/executeFunctions';
import type { Services } from './flows';
import {
	credentials,
	directoryState,
	FAULTS,
	GROUP,
	joiner,
	livedInState,
	reconcile,
	START,
	withoutLivedIn,
} from './flows';

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async () => undefined,
}));

async function start(seed: string): Promise<Services> {
	const factorial = await startFactorialEmulator({ seed, employees: 0, today: '2026-06-01' });
	const jumpcloud = await startJumpCloudEmulator({ seed, groups: [GROUP] });
	return { factorial, jumpcloud };
}
async function stop(s: Services): Promise<void> {
	await s.factorial.close();
	await s.jumpcloud.close();
}
function faultsOn(s: Services): void {
	s.factorial.setFaults({ ...FAULTS, kinds: [...FAULTS.kinds] });
	s.jumpcloud.setFaults({ ...FAULTS, kinds: [...FAULTS.kinds] });
}

/**
 * A stand-in for n8n's webhook endpoint: each POST goes through FactorialTrigger.webhook() with the
 * workflow's static data; a delivery the trigger accepts starts the joiner flow ("an execution").
 */
async function webhookEndpoint(s: Services, staticData: IDataObject, params: IDataObject) {
	const executions: Array<Promise<unknown>> = [];
	const started: string[] = [];
	const received: Array<{ headers: http.IncomingHttpHeaders; body: string; url: string }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			received.push({ headers: req.headers, body: raw.toString('utf8'), url: req.url ?? '' });
			const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
			let body: unknown;
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				body = {};
			}
			const ctx = createFakeContext({
				...credentials(s),
				params,
				staticData,
				mode: 'trigger',
				webhook: { body, headers: req.headers as Record<string, string>, query, rawBody: raw },
			});
			new FactorialTrigger().webhook
				.call(ctx.asWebhook())
				.then((result) => {
					const items = result.workflowData?.[0] ?? [];
					for (const item of items) {
						const id = String(item.json.employeeId);
						started.push(id);
						executions.push(joiner(s, id).catch((error: Error) => error));
					}
					res.writeHead(ctx.response.statusCode ?? 200, { 'content-type': 'application/json' });
					res.end(JSON.stringify(ctx.response.body ?? {}));
				})
				.catch((error: Error) => {
					res.writeHead(500);
					res.end(error.message);
				});
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/fj/factorial`;
	return { server, url, executions, started, received };
}

async function post(url: string, headers: http.IncomingHttpHeaders, body: string): Promise<number> {
	const forward: Record<string, string> = {};
	for (const [k, v] of Object.entries(headers)) {
		if (typeof v === 'string' && (k.startsWith('x-factorial') || k === 'content-type'))
			forward[k] = v;
	}
	const res = await fetch(url, { method: 'POST', headers: forward, body });
	await res.text();
	return res.status;
}

describe('webhook storm: the same delivery 5 times, out of order, during the nightly run', () => {
	let s: Services;
	afterAll(async () => stop(s));

	it('starts one joiner per hire and ends in one user, one membership, one scheduled activation', async () => {
		s = await start('reliability-storm');
		const staticData: IDataObject = {};
		const params = {
			authentication: 'apiKey',
			events: ['employee.created'],
			options: { ignoreStaleDeliveries: true },
		};
		const endpoint = await webhookEndpoint(s, staticData, params);
		try {
			// Activation: the trigger subscribes in Factorial (real HTTP) and keeps the challenge.
			const hook = createFakeContext({
				...credentials(s),
				params,
				staticData,
				mode: 'trigger',
				webhookUrl: endpoint.url,
			});
			await new FactorialTrigger().webhookMethods.default.create.call(hook.asHook());
			expect(s.factorial.subscriptions()).toHaveLength(1);

			// Employees already in Factorial before the hire, for the nightly run to handle too.
			for (let n = 0; n < 8; n++)
				s.factorial.createEmployee(
					{ first_name: `Old${n}`, last_name: 'Timer', email: `old${n}@acme.test` },
					{ emit: false },
				);

			// HR hires Marta: Factorial really delivers the webhook.
			// She starts on the joiner's START day: the nightly run (which now applies the Joiner's activation
			// rule, issue 16) schedules the same moment (Berlin and Madrid share the offset), so one job remains.
			const hire = s.factorial.createEmployee({
				first_name: 'Marta',
				last_name: 'Sánchez',
				email: 'marta.sanchez@acme.test',
				contract_starts_on: START.slice(0, 10),
			});
			await s.factorial.waitForDeliveries();
			expect(endpoint.received).toHaveLength(1);
			const original = endpoint.received[0];
			const payload = JSON.parse(original.body) as IDataObject;
			const older = JSON.stringify({ ...payload, updated_at: '2020-01-01T00:00:00.000Z' });

			// The storm: four more copies and an older version, shuffled, while the nightly run writes.
			faultsOn(s);
			const deliveries = [original.body, older, original.body, original.body, older, original.body];
			const target = new URL(original.url, endpoint.url).toString();
			const storm = Promise.all(deliveries.map((body) => post(target, original.headers, body)));
			// JumpCloud is empty: a first sync creates everyone, so the creation brake is overridden.
			const nightly = reconcile(s, { reconcileOptions: { overrideSafetyBrake: true } });
			const [statuses, nightlyOut] = await Promise.all([storm, nightly]);
			const results = await Promise.all(endpoint.executions);
			s.jumpcloud.clearFaults();
			s.factorial.clearFaults();

			expect(statuses.every((status) => status === 200)).toBe(true);
			expect(endpoint.started).toEqual([String(hire.id)]);
			expect(results.filter((r) => r instanceof Error)).toEqual([]);
			expect(nightlyOut.filter((o) => o.result === 'failed')).toEqual([]);

			const state = directoryState(s.jumpcloud);
			expect(state[String(hire.id)]).toEqual({
				usernames: ['marta.sanchez'],
				states: ['STAGED'],
				groups: [GROUP],
				jobs: 1,
			});
			// Every employee has exactly one user; nothing else exists but the untouched lived-in directory.
			const all = [...s.factorial.state.employees.byId.keys()].map(String).sort();
			expect(Object.keys(withoutLivedIn(state)).sort()).toEqual(all);
			for (const id of all) expect(state[id].usernames).toHaveLength(1);
		} finally {
			endpoint.server.close();
		}
	});

	it("refuses a replay whose challenge is not the subscription's, and starts nothing", async () => {
		const staticData: IDataObject = {
			production: { challenge: 'the-real-challenge', subscriptions: {} },
		};
		const params = { authentication: 'apiKey', events: ['employee.created'], options: {} };
		const endpoint = await webhookEndpoint(s, staticData, params);
		try {
			const status = await post(
				`${endpoint.url}?event=employee.created`,
				{
					'x-factorial-wh-challenge': 'replayed-old-challenge',
					'content-type': 'application/json',
				},
				JSON.stringify({ id: 1, first_name: 'X' }),
			);
			expect(status).toBe(401);
			expect(endpoint.started).toEqual([]);
		} finally {
			endpoint.server.close();
		}
	});
});

describe('two joiners for namesakes at the same moment', () => {
	let s: Services;
	afterAll(async () => stop(s));

	it('gives two distinct usernames, with and without faults', async () => {
		s = await start('reliability-namesakes');
		const a = s.factorial.createEmployee(
			{ first_name: 'José', last_name: 'Martín', email: 'jose.martin@acme.test' },
			{ emit: false },
		);
		const b = s.factorial.createEmployee(
			{ first_name: 'Jose', last_name: 'Martin', email: 'jose.martin2@acme.test' },
			{ emit: false },
		);
		// Both generate "jose.martin" (neither sees the other yet); the create must resolve the clash.
		const [ra, rb] = await Promise.all([joiner(s, String(a.id)), joiner(s, String(b.id))]);
		expect(ra.username).toBe('jose.martin');
		expect(rb.username).toBe('jose.martin');
		const users = [ra.user.username, rb.user.username].sort();
		expect(users[0]).toBe('jose.martin');
		// Numbered from 1, like the username node: the loser of the race takes jose.martin1.
		expect(users[1]).toBe('jose.martin1');
		const state = directoryState(s.jumpcloud);
		expect(state[String(a.id)].usernames).toHaveLength(1);
		expect(state[String(b.id)].usernames).toHaveLength(1);

		faultsOn(s);
		const c = s.factorial.createEmployee(
			{ first_name: 'Jose', last_name: 'Martin', email: 'jose.martin3@acme.test' },
			{ emit: false },
		);
		const d = s.factorial.createEmployee(
			{ first_name: 'José', last_name: 'Martín', email: 'jose.martin4@acme.test' },
			{ emit: false },
		);
		const more = await Promise.all([joiner(s, String(c.id)), joiner(s, String(d.id))]);
		s.jumpcloud.clearFaults();
		s.factorial.clearFaults();
		const all = Object.values(withoutLivedIn(directoryState(s.jumpcloud))).flatMap(
			(e) => e.usernames,
		);
		expect(all).toHaveLength(4);
		expect(new Set(all).size).toBe(4);
		// Both generated jose.martin2 (jose.martin and jose.martin1 are taken): the race loser continues at 3.
		expect(more.map((r) => String(r.user.username)).sort()).toEqual([
			'jose.martin2',
			'jose.martin3',
		]);
		for (const id of [a.id, b.id, c.id, d.id]) {
			expect(directoryState(s.jumpcloud)[String(id)]).toMatchObject({
				states: ['STAGED'],
				groups: [GROUP],
				jobs: 1,
			});
		}
	});
});

describe('answers lost after JumpCloud acted', () => {
	let s: Services;
	afterAll(async () => stop(s));

	it('a create or schedule whose answer is lost (reset after the write, 500) is looked up, not duplicated', async () => {
		s = await start('reliability-lost');
		const e = s.factorial.createEmployee(
			{ first_name: 'Ines', last_name: 'Costa', email: 'ines.costa@acme.test' },
			{ emit: false },
		);
		s.jumpcloud.injectFaults(['reset-after', 'reset-after'], {
			method: 'POST',
			path: '/api/systemusers',
		});
		s.jumpcloud.injectFaults(['500', 'reset-after'], {
			method: 'POST',
			path: '/api/v2/bulk/userstates',
		});
		const result = await joiner(s, String(e.id));
		expect(result.user.username).toBe('ines.costa');
		expect(s.jumpcloud.counters().byRoute['POST systemusers'] ?? 1).toBeGreaterThan(0);
		expect(directoryState(s.jumpcloud)).toEqual({
			[String(e.id)]: { usernames: ['ines.costa'], states: ['STAGED'], groups: [GROUP], jobs: 1 },
			...livedInState(),
		});
	});
});

describe('safety brake', () => {
	let s: Services;
	afterAll(async () => stop(s));

	it('stops a reconciliation that would suspend too many users, says so, and changes nothing', async () => {
		s = await start('reliability-brake');
		const ids: string[] = [];
		for (let n = 0; n < 20; n++) {
			ids.push(
				String(
					s.factorial.createEmployee(
						{ first_name: `P${n}`, last_name: 'Brake', email: `b${n}@acme.test` },
						{ emit: false },
					).id,
				),
			);
		}
		s.jumpcloud.insertUsers(
			ids.map((id, n) => ({
				username: `b${n}`,
				email: `b${n}@acme.test`,
				employeeIdentifier: id,
				firstname: `P${n}`,
				lastname: 'Brake',
				state: 'ACTIVATED',
				activated: true,
			})),
		);
		// A wrong Factorial export: 5 of 20 (25%) suddenly terminated.
		for (const id of ids.slice(0, 5)) s.factorial.terminateEmployee(id, '2026-05-01');
		const before = JSON.stringify(s.jumpcloud.users());
		faultsOn(s);
		await expect(reconcile(s, { maxSuspensionShare: 10 })).rejects.toThrow(
			/Safety brake: this run would suspend 5 of 2\d managed JumpCloud users .*Nothing was changed/,
		);
		s.jumpcloud.clearFaults();
		s.factorial.clearFaults();
		expect(JSON.stringify(s.jumpcloud.users())).toBe(before);
		expect(s.jumpcloud.counters().byRoute['PUT systemusers/:id'] ?? 0).toBe(0);

		// Deliberately overridden for one run, the five are suspended and nobody else.
		await reconcile(s, { maxSuspensionShare: 10, reconcileOptions: { overrideSafetyBrake: true } });
		const suspended = s.jumpcloud
			.users()
			.filter((u) => u.state === 'SUSPENDED')
			.map((u) => String(u.employeeIdentifier ?? `no-id:${u.username}`))
			.sort();
		// IT's own suspensions in the lived-in directory stay as they were.
		const itSuspended = Object.keys(livedInState()).filter((k) =>
			livedInState()[k].states.includes('SUSPENDED'),
		);
		expect(suspended).toEqual([...ids.slice(0, 5), ...itSuspended].sort());
	});
});
