/**
 * The Factorial Trigger's webhook lifecycle when n8n calls create() again without a delete() first, as
 * n8n 2.41's publication service does (it re-registers a trigger whose webhook rows are missing, and
 * retries a failed activation). Real Factorial emulator over HTTP, no nock.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { FactorialApi } from '../../credentials/FactorialApi.credentials';
import { FactorialTrigger } from '../../nodes/Factorial/FactorialTrigger.node';
import { startFactorialEmulator, type FactorialEmulator } from '../emulators';
import { createFakeContext } from '../helpers/executeFunctions';

const PARAMS = { authentication: 'apiKey', events: ['employee.created'], options: {} };

const credentials = (factorial: FactorialEmulator) => ({
	credentials: {
		factorialApi: { environment: 'custom', customUrl: factorial.url, apiKey: factorial.apiKey },
	},
	credentialTypes: [new FactorialApi()],
});

/**
 * n8n's webhook endpoint as a separate process sees it: the trigger's webhook() with the static data
 * it last read from the database (`served`), answering with the trigger's status.
 */
async function webhookProcess(factorial: FactorialEmulator, served: () => IDataObject) {
	const started: string[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
			const ctx = createFakeContext({
				...credentials(factorial),
				params: PARAMS,
				staticData: served(),
				mode: 'trigger',
				webhook: {
					body: JSON.parse(raw.toString('utf8')) as IDataObject,
					headers: req.headers as Record<string, string>,
					query,
					rawBody: raw,
				},
			});
			new FactorialTrigger().webhook
				.call(ctx.asWebhook())
				.then((result) => {
					for (const item of result.workflowData?.[0] ?? [])
						started.push(String(item.json.employeeId));
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
	return { server, url, started };
}

describe('create() called again on an active trigger (publication service re-registration)', () => {
	let factorial: FactorialEmulator;
	afterAll(async () => factorial?.close());

	it('keeps one subscription and the secret deliveries are checked against', async () => {
		factorial = await startFactorialEmulator({
			seed: 'republish',
			employees: 0,
			today: '2026-06-01',
		});
		// The workflow's static data as the activating process holds it, and as saved in the database.
		const live: IDataObject = {};
		let saved: IDataObject = {};
		const endpoint = await webhookProcess(factorial, () => saved);
		const activate = () =>
			new FactorialTrigger().webhookMethods.default.create.call(
				createFakeContext({
					...credentials(factorial),
					params: PARAMS,
					staticData: live,
					mode: 'trigger',
					webhookUrl: endpoint.url,
				}).asHook(),
			);
		try {
			await activate();
			saved = structuredClone(live);
			const [subscription] = factorial.subscriptions();

			// Re-registration: create() again. Until n8n saves the static data once more, the webhook
			// process still checks deliveries against the saved copy.
			await activate();
			expect(factorial.subscriptions()).toEqual([subscription]);
			expect(live).toEqual(saved);

			const hire = factorial.createEmployee({
				first_name: 'Rena',
				last_name: 'Publish',
				email: 'rena.publish@acme.test',
			});
			await factorial.waitForDeliveries();
			expect(factorial.deliveries().map((d) => d.ok)).toEqual([true]);
			expect(endpoint.started).toEqual([String(hire.id)]);
		} finally {
			endpoint.server.close();
		}
	});
});
