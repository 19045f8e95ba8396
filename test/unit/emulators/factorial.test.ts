/* eslint-disable @n8n/community-nodes/no-restricted-imports -- tests run a real HTTP receiver */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startFactorialEmulator, type FactorialEmulator } from '../../emulators';

const V = '2026-10-01';

interface Received {
	headers: http.IncomingHttpHeaders;
	body: Record<string, unknown>;
	url: string;
}

/** A webhook receiver that answers the given statuses in turn (then 200). */
async function receiver(statuses: number[] = []) {
	const received: Received[] = [];
	let calls = 0;
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c: Buffer) => (raw += c.toString()));
		req.on('end', () => {
			received.push({
				headers: req.headers,
				body: JSON.parse(raw) as Record<string, unknown>,
				url: req.url ?? '',
			});
			res.writeHead(statuses[calls++] ?? 200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('Factorial emulator', () => {
	let f: FactorialEmulator;
	const get = (path: string, headers: Record<string, string> = { 'x-api-key': f.apiKey }) =>
		fetch(`${f.url}/api/${V}/resources/${path}`, { headers });
	const send = (method: string, path: string, body: unknown) =>
		fetch(`${f.url}/api/${V}/resources/${path}`, {
			method,
			headers: { 'x-api-key': f.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});

	beforeAll(async () => {
		f = await startFactorialEmulator({
			seed: 'unit',
			employees: 250,
			today: '2026-11-21',
			seedOptions: { referenceDate: '2026-11-21' },
			webhooks: { baseDelayMs: 5, maxAttempts: 3 },
		});
	});
	afterAll(async () => {
		await f.close();
	});

	it('pages employees with cursors, 100 at most, ids ascending and as strings', async () => {
		const ids: string[] = [];
		let after = '';
		let pages = 0;
		do {
			const res = await get(
				`employees/employees?limit=500${after ? `&after_id=${encodeURIComponent(after)}` : ''}`,
			);
			expect(res.status).toBe(200);
			const body = (await res.json()) as {
				data: Array<{ id: string }>;
				meta: Record<string, unknown>;
			};
			expect(body.data.length).toBeLessThanOrEqual(100);
			expect(body.meta).toMatchObject({ total: 250, limit: 100, has_previous_page: pages > 0 });
			expect(Buffer.from(String(body.meta.end_cursor), 'base64').toString()).toBe(
				body.data[body.data.length - 1].id,
			);
			ids.push(...body.data.map((e) => e.id));
			after = body.meta.has_next_page ? String(body.meta.end_cursor) : '';
			pages++;
		} while (after);
		expect(pages).toBe(3);
		expect(new Set(ids).size).toBe(250);
		expect(ids.every((id) => typeof id === 'string')).toBe(true);
		expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
	});

	it('returns a bare employee on get, numbers for ids before 2026-07-01, 404 on unknown versions', async () => {
		const one = (await (await get('employees/employees/7')).json()) as Record<string, unknown>;
		expect(one).toMatchObject({ id: '7', company_id: '1' });
		expect(one).not.toHaveProperty('data');
		const old = (await (
			await fetch(`${f.url}/api/2026-04-01/resources/employees/employees/7`, {
				headers: { 'x-api-key': f.apiKey },
			})
		).json()) as Record<string, unknown>;
		expect(old.id).toBe(7);
		expect(
			(
				await fetch(`${f.url}/api/1999-01-01/resources/employees/employees`, {
					headers: { 'x-api-key': f.apiKey },
				})
			).status,
		).toBe(404);
	});

	it('filters by emails (case-insensitive), team, activity and updated_at date', async () => {
		const target = [...f.state.employees.byId.values()].find((e) => e.email) as {
			id: string;
			email: string;
		};
		const byEmail = (await (
			await get(`employees/employees?emails[]=${encodeURIComponent(target.email.toUpperCase())}`)
		).json()) as { data: Array<{ id: string }> };
		expect(byEmail.data.map((e) => e.id)).toEqual([target.id]);

		const team = (await (await get(`employees/employees?team_ids[]=1&limit=100`)).json()) as {
			data: Array<{ id: string }>;
			meta: { total: number };
		};
		expect(team.meta.total).toBe(f.state.membershipsByTeam.get('1')?.size);

		const active = (await (await get('employees/employees?only_active=true&limit=100')).json()) as {
			meta: { total: number };
			data: Array<{ active: boolean }>;
		};
		const terminated = [...f.state.employees.byId.values()].filter(
			(e) => e.terminated_on && e.terminated_on <= '2026-11-21',
		).length;
		expect(terminated).toBeGreaterThan(0);
		expect(active.meta.total).toBe(250 - terminated);
		expect(active.data.every((e) => e.active)).toBe(true);

		const recent = (await (
			await get('employees/employees?updated_at_gteq=2026-11-20T23:59:59Z')
		).json()) as { data: Array<{ updated_at: string }> };
		expect(recent.data.length).toBeGreaterThan(0);
		expect(recent.data.every((e) => e.updated_at.slice(0, 10) >= '2026-11-20')).toBe(true);
	});

	it('answers 401 with Factorial’s shape for a wrong or missing key', async () => {
		const wrong = await get('employees/employees', { 'x-api-key': 'nope' });
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toEqual({ errors: null });
		expect((await get('employees/employees', {})).status).toBe(401);
	});

	it('runs the OAuth2 authorization-code flow and accepts the Bearer token', async () => {
		const auth = await fetch(
			`${f.url}/oauth/authorize?client_id=${f.oauthClient.clientId}&redirect_uri=${encodeURIComponent('http://localhost/cb')}&response_type=code&state=s1`,
			{ redirect: 'manual' },
		);
		expect(auth.status).toBe(302);
		const location = new URL(String(auth.headers.get('location')));
		expect(location.searchParams.get('state')).toBe('s1');
		const form = (o: Record<string, string>) => ({
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(o).toString(),
		});
		const exchangeCode = () =>
			fetch(
				`${f.url}/oauth/token`,
				form({
					grant_type: 'authorization_code',
					code: String(location.searchParams.get('code')),
					redirect_uri: 'http://localhost/cb',
					client_id: f.oauthClient.clientId,
					client_secret: f.oauthClient.clientSecret,
				}),
			);
		const token = (await (await exchangeCode()).json()) as Record<string, string>;
		expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 7200 });
		const again = await exchangeCode();
		expect(again.status).toBe(400);
		expect(
			(await get('api_public/credentials', { authorization: `Bearer ${token.access_token}` }))
				.status,
		).toBe(200);
		const refreshed = (await (
			await fetch(
				`${f.url}/oauth/token`,
				form({
					grant_type: 'refresh_token',
					refresh_token: token.refresh_token,
					client_id: f.oauthClient.clientId,
					client_secret: f.oauthClient.clientSecret,
				}),
			)
		).json()) as Record<string, string>;
		expect(
			(await get('api_public/credentials', { authorization: `Bearer ${token.access_token}` }))
				.status,
		).toBe(401);
		expect(
			(await get('api_public/credentials', { authorization: `Bearer ${refreshed.access_token}` }))
				.status,
		).toBe(200);
	});

	it('refuses the client ID and secret as HTTP Basic on /oauth/token: Factorial documents them in the form body', async () => {
		const basic = Buffer.from(`${f.oauthClient.clientId}:${f.oauthClient.clientSecret}`).toString(
			'base64',
		);
		const res = await fetch(`${f.url}/oauth/token`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				authorization: `Basic ${basic}`,
			},
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x' }).toString(),
		});
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ error: 'invalid_client' });
	});

	it('delivers webhooks with the challenge header and the bare resource, retrying failures', async () => {
		const hook = await receiver([500, 503]);
		try {
			const created = await send('POST', 'api_public/webhook_subscriptions', {
				subscription_type: 'employees/employee/terminate',
				target_url: `${hook.url}/hook?event=terminate`,
				company_id: '1',
				challenge: 'sekret-challenge',
			});
			expect(created.status).toBe(201);
			expect(await created.json()).toMatchObject({
				type: 'employees/employee/terminate',
				enabled: true,
				api_version: V,
			});

			// HR terminates someone through the control API.
			const res = await fetch(`${f.url}/__emulator/employees/12/terminate`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ terminated_on: '2026-11-30' }),
			});
			expect(res.status).toBe(200);
			await f.waitForDeliveries();
			expect(hook.received).toHaveLength(3);
			const last = hook.received[2];
			expect(last.headers['x-factorial-wh-challenge']).toBe('sekret-challenge');
			expect(last.url).toBe('/hook?event=terminate');
			expect(last.body).toMatchObject({
				id: '12',
				terminated_on: '2026-11-30',
				is_terminating: true,
				active: true,
			});
			expect(last.body).not.toHaveProperty('data');
			expect(f.deliveries().at(-1)).toMatchObject({ ok: true, attempts: 3, status: 200 });
		} finally {
			await hook.close();
		}
	});

	it('disables a subscription whose deliveries keep failing', async () => {
		const hook = await receiver([500, 500, 500, 500]);
		try {
			const sub = (await (
				await send('POST', 'api_public/webhook_subscriptions', {
					subscription_type: 'employees/employee/update',
					target_url: hook.url,
					company_id: '1',
					challenge: 'c',
				})
			).json()) as { id: string };
			f.updateEmployee('3', { first_name: 'Renée' });
			await f.waitForDeliveries();
			expect(hook.received).toHaveLength(3);
			const after = (await (await get(`api_public/webhook_subscriptions/${sub.id}`)).json()) as {
				enabled: boolean;
			};
			expect(after.enabled).toBe(false);
		} finally {
			await hook.close();
		}
	});

	it('serves custom field values as the SDK model CustomFieldsValue: label, identifier, owner type, value and typed column', async () => {
		const field = (await (
			await send('POST', 'custom_fields/fields', {
				company_id: String(f.state.company.id),
				label: 'Budget',
				field_type: 'money',
			})
		).json()) as Record<string, unknown>;
		expect(
			(
				await send('POST', 'custom_fields/values', {
					field_id: String(field.id),
					valuable_type: 'Employee',
					valuable_id: '1',
					value: '1250',
				})
			).status,
		).toBe(201);
		// Another owner type: its own value, not the employee's.
		await send('POST', 'custom_fields/values', {
			field_id: String(field.id),
			valuable_type: 'Document',
			valuable_id: '1',
			value: '99',
		});
		const body = (await (
			await get(`custom_fields/values?field_id=${String(field.id)}`)
		).json()) as { data: Array<Record<string, unknown>> };
		expect(body.data).toEqual([
			expect.objectContaining({
				field_id: String(field.id),
				custom_field_identifier: 'budget',
				label: 'Budget',
				valuable_type: 'Employee',
				valuable_id: '1',
				value: '1250',
				cents_value: 1250,
			}),
			expect.objectContaining({ valuable_type: 'Document', value: '99', cents_value: 99 }),
		]);
		for (const record of body.data)
			expect(Object.keys(record).sort()).toEqual(
				[
					'cents_value',
					'custom_field_identifier',
					'field_id',
					'id',
					'label',
					'required',
					'updated_at',
					'valuable_id',
					'valuable_type',
					'value',
				].sort(),
			);
	});

	it('creates with contract, updates and unterminates, counting list/get/write requests', async () => {
		f.resetCounters();
		// job_title is not in the published create body (test/contracts/factorial.json): refused like Factorial.
		const withTitle = await send('POST', 'employees/employees/create_with_contract', {
			company_id: '1',
			first_name: 'Zoë',
			last_name: "O'Brien",
			email: 'zoe.obrien@demo-company.example',
			job_title: 'Engineer',
		});
		expect(withTitle.status).toBe(422);
		expect(await withTitle.json()).toEqual({ errors: ["body: unknown field 'job_title'"] });
		const created = await send('POST', 'employees/employees/create_with_contract', {
			company_id: '1',
			first_name: 'Zoë',
			last_name: "O'Brien",
			email: 'zoe.obrien@demo-company.example',
			team_id: '2',
		});
		expect(created.status).toBe(200);
		const e = (await created.json()) as { id: string; full_name: string };
		expect(e.full_name).toBe("Zoë O'Brien");
		const taken = await send('POST', 'employees/employees/create_with_contract', {
			company_id: '1',
			first_name: 'A',
			last_name: 'B',
			email: 'ZOE.OBRIEN@demo-company.example',
		});
		expect(taken.status).toBe(422);
		// The published update body has no email: the login email cannot be changed through the API.
		expect(
			(
				await send('PUT', `employees/employees/${e.id}`, {
					id: e.id,
					email: 'ignored@x.example',
				})
			).status,
		).toBe(422);
		const updated = (await (
			await send('PUT', `employees/employees/${e.id}`, {
				id: e.id,
				last_name: 'van der Berg',
			})
		).json()) as Record<string, unknown>;
		expect(updated).toMatchObject({
			last_name: 'van der Berg',
			email: 'zoe.obrien@demo-company.example',
		});
		const contracts = (await (
			await get(`contracts/contract_versions?employee_ids[]=${e.id}`)
		).json()) as { data: Array<{ job_title: string }> };
		expect(contracts.data).toHaveLength(1);
		expect((await send('POST', 'employees/employees/unterminate', { id: e.id })).status).toBe(422);
		const c = f.counters();
		expect(c).toMatchObject({ list: 1, write: 6, get: 0 });
		expect(c.byRoute['POST employees/employees/create_with_contract']).toBe(3);
		expect(f.contractViolations().map((v) => v.operation)).toEqual([
			'employees.create_with_contract',
			'employees.update',
		]);
	});
});

describe('Factorial emulator: a second subscription for the same event type', () => {
	const body = (target: string) => ({
		subscription_type: 'employees/employee/update',
		target_url: target,
		company_id: '1',
		challenge: target.endsWith('first') ? 'c-first' : 'c-second',
	});
	async function twoSubscriptions(
		policy?: 'overwrite' | 'overwriteInPlace' | 'reject',
	): Promise<{ first: Response; second: Response; listed: Array<Record<string, unknown>> }> {
		const f = await startFactorialEmulator({
			seed: 'dup',
			employees: 5,
			...(policy ? { duplicateSubscriptionPolicy: policy } : {}),
		});
		try {
			const post = (target: string) =>
				fetch(`${f.url}/api/${V}/resources/api_public/webhook_subscriptions`, {
					method: 'POST',
					headers: { 'x-api-key': f.apiKey, 'content-type': 'application/json' },
					body: JSON.stringify(body(target)),
				});
			const first = await post('https://a.example/first');
			const second = await post('https://b.example/second');
			const listed = (
				(await (
					await fetch(`${f.url}/api/${V}/resources/api_public/webhook_subscriptions`, {
						headers: { 'x-api-key': f.apiKey },
					})
				).json()) as { data: Array<Record<string, unknown>> }
			).data;
			return { first, second, listed };
		} finally {
			await f.close();
		}
	}

	it('overwrites the first one by default, as Factorial documents (new ID)', async () => {
		const { first, second, listed } = await twoSubscriptions();
		expect(second.status).toBe(201);
		const [a, b] = [
			(await first.json()) as { id: string },
			(await second.json()) as { id: string },
		];
		expect(b.id).not.toBe(a.id);
		expect(listed).toEqual([
			expect.objectContaining({ id: b.id, target_url: 'https://b.example/second' }),
		]);
	});

	it('overwrites in place when asked (same ID, the new target and challenge)', async () => {
		const { first, second, listed } = await twoSubscriptions('overwriteInPlace');
		const [a, b] = [
			(await first.json()) as { id: string },
			(await second.json()) as { id: string },
		];
		expect(b.id).toBe(a.id);
		expect(listed).toEqual([
			expect.objectContaining({
				id: a.id,
				target_url: 'https://b.example/second',
				challenge: 'c-second',
			}),
		]);
	});

	it("answers 422 'already been taken' in reject mode (the other observed behaviour)", async () => {
		const { second, listed } = await twoSubscriptions('reject');
		expect(second.status).toBe(422);
		expect(listed).toEqual([expect.objectContaining({ target_url: 'https://a.example/first' })]);
	});
});
