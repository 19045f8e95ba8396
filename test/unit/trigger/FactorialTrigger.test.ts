import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
import { FactorialTrigger } from '../../../nodes/Factorial/FactorialTrigger.node';
import { createFakeContext, type FakeContextOptions } from '../../helpers/executeFunctions';
import { useStrictNock } from '../../helpers/nock';
import { drivesSite } from '../../contracts/sites';

const BASE = 'https://factorial.test';
const API = '/api/2026-10-01/resources';
const SUBS = `${API}/api_public/webhook_subscriptions`;
const API_KEY = 'api-key-never-in-output';
const WEBHOOK_URL = 'https://n8n.example.test/webhook/abc/webhook';
const TARGET_CREATED = `${WEBHOOK_URL}?event=employee.created`;
const TARGET_UPDATED = `${WEBHOOK_URL}?event=employee.updated`;

const node = new FactorialTrigger();
const hooks = node.webhookMethods.default;

/** The API key credential pointing at BASE, with `extra` fields. */
function credentials(extra: IDataObject = {}): FakeContextOptions['credentials'] {
	return {
		factorialApi: {
			environment: 'custom',
			customUrl: BASE,
			apiVersion: '2026-10-01',
			apiKey: API_KEY,
			...extra,
		},
	};
}

function context(overrides: FakeContextOptions & { params?: IDataObject } = {}) {
	return createFakeContext({
		mode: 'trigger',
		webhookUrl: WEBHOOK_URL,
		credentials: credentials(),
		credentialTypes: [new FactorialApi()],
		...overrides,
		params: {
			authentication: 'apiKey',
			events: ['employee.created', 'employee.updated'],
			// The body-only path unless a test says otherwise (Fetch Full Record defaults to on).
			options: { fetchFullRecord: false },
			...(overrides.params ?? {}),
		},
	});
}

function typeIs(type: string) {
	return (query: Record<string, unknown>) => query.type === type;
}

function replyCredentials() {
	return nock(BASE)
		.get(`${API}/api_public/credentials`)
		.reply(200, {
			data: [{ id: 'api_key_1', company_id: '55', name: 'ACME' }],
			meta: { has_next_page: false },
		});
}

function replyList(type: string, data: IDataObject[]) {
	return nock(BASE)
		.get(SUBS)
		.query(typeIs(type))
		.reply(200, { data, meta: { has_next_page: false } });
}

/** GET of one subscription before a delete: the trigger deletes only what still points at it. */
function replyOne(id: string, type: string, target: string) {
	return nock(BASE)
		.get(`${SUBS}/${id}`)
		.reply(200, { id, type, target_url: target, enabled: true });
}

const CREATED = 'employees/employee/create_with_contract';
const UPDATED = 'employees/employee/update';

useStrictNock();

describe('FactorialTrigger description', () => {
	it('follows the trigger conventions', () => {
		const { description } = node;
		expect(description.name).toBe('factorialTrigger');
		expect(description.inputs).toEqual([]);
		expect(description.group).toEqual(['trigger']);
		expect(description).not.toHaveProperty('usableAsTool');
		expect(description.credentials?.map((c) => c.name)).toEqual([
			'factorialApi',
			'factorialOAuth2Api',
		]);
	});
});

describe('FactorialTrigger lifecycle', () => {
	it('checkExists is false before anything was created, without calling Factorial', async () => {
		const ctx = context();
		await expect(hooks.checkExists.call(ctx.asHook())).resolves.toBe(false);
		expect(ctx.requests).toHaveLength(0);
	});

	it('create subscribes each event with its own target URL, one fresh challenge and the API version', async () => {
		const ctx = context();
		const bodies: IDataObject[] = [];
		replyCredentials();
		replyList(CREATED, []);
		nock(BASE)
			.post(SUBS, (body: IDataObject) => {
				bodies.push(body);
				return body.subscription_type === CREATED;
			})
			.reply(201, { id: '101', type: CREATED, target_url: TARGET_CREATED, enabled: true });
		replyList(UPDATED, []);
		nock(BASE)
			.post(SUBS, (body: IDataObject) => {
				bodies.push(body);
				return body.subscription_type === UPDATED;
			})
			.reply(201, { id: 102, type: UPDATED, target_url: TARGET_UPDATED, enabled: true });

		await expect(hooks.create.call(ctx.asHook())).resolves.toBe(true);

		const state = ctx.staticData.production as IDataObject;
		const challenge = state.challenge as string;
		expect(challenge).toMatch(/^[0-9a-f]{48}$/);
		expect(bodies[0]).toEqual({
			subscription_type: CREATED,
			target_url: TARGET_CREATED,
			company_id: '55',
			challenge,
			enabled: true,
			api_version: '2026-10-01',
			name: 'n8n: Employee Created (workflow wf-1)',
		});
		expect(bodies[1]).toMatchObject({
			subscription_type: UPDATED,
			target_url: TARGET_UPDATED,
			challenge,
		});
		expect(state.subscriptions).toEqual({
			'employee.created': { id: '101', subscriptionType: CREATED, targetUrl: TARGET_CREATED },
			'employee.updated': { id: '102', subscriptionType: UPDATED, targetUrl: TARGET_UPDATED },
		});
		expect(ctx.requests.every((r) => r.headers['x-api-key'] === API_KEY)).toBe(true);
	});

	it('never puts the challenge it sent into an error, even when Factorial echoes the body', async () => {
		const ctx = context({ params: { events: ['employee.created'] } });
		replyCredentials();
		replyList(CREATED, []);
		nock(BASE)
			.post(SUBS)
			.reply(422, (_uri, body) => ({
				errors: [`invalid subscription ${JSON.stringify(body)}`],
			}));
		const error = (await hooks.create.call(ctx.asHook()).catch((e: unknown) => e)) as Error;
		const challenge = (ctx.staticData.production as IDataObject).challenge as string;
		expect(error.message).toMatch(/HTTP 422.*invalid subscription.*\[redacted\]/);
		expect(JSON.stringify(error)).not.toContain(challenge);
		expect(`${error.message} ${(error as { description?: string }).description}`).not.toContain(
			challenge,
		);
	});

	it('gives every activation a different challenge', async () => {
		const challenges: string[] = [];
		for (let run = 0; run < 2; run++) {
			const ctx = context({ params: { events: ['employee.created'] } });
			replyCredentials();
			replyList(CREATED, []);
			nock(BASE)
				.post(SUBS)
				.reply(201, { id: `10${run}` });
			await hooks.create.call(ctx.asHook());
			challenges.push((ctx.staticData.production as IDataObject).challenge as string);
		}
		expect(challenges[0]).not.toBe(challenges[1]);
	});

	it('a repeated create() (n8n 2.41 re-registers a trigger) keeps the challenge and the subscription', async () => {
		const staticData: IDataObject = {};
		const ctx = context({ staticData, params: { events: ['employee.created'] } });
		replyCredentials();
		replyList(CREATED, []);
		nock(BASE).post(SUBS).reply(201, { id: '101' });
		await drivesSite('nodes/Factorial/trigger/subscriptions.ts#create#2', () =>
			hooks.create.call(ctx.asHook()),
		);
		const first = structuredClone(staticData.production) as IDataObject;

		let putBody: IDataObject = {};
		replyCredentials();
		replyList(CREATED, [
			{
				id: 101,
				type: CREATED,
				target_url: TARGET_CREATED,
				enabled: true,
				challenge: first.challenge,
			},
		]);
		nock(BASE)
			.put(`${SUBS}/101`, (body: IDataObject) => {
				putBody = body;
				return true;
			})
			.reply(200, { id: 101 });
		await drivesSite('nodes/Factorial/trigger/subscriptions.ts#create#1', () =>
			hooks.create.call(ctx.asHook()),
		);
		// No second POST (strict nock), the same subscription, and deliveries signed with the challenge
		// Factorial already holds keep passing.
		expect(staticData.production).toEqual(first);
		expect(putBody).toMatchObject({ id: '101', challenge: first.challenge, enabled: true });
	});

	it('after delete(), the next activation gets a fresh challenge', async () => {
		const staticData: IDataObject = {};
		const ctx = context({ staticData, params: { events: ['employee.created'] } });
		replyCredentials();
		replyList(CREATED, []);
		nock(BASE).post(SUBS).reply(201, { id: '101' });
		await hooks.create.call(ctx.asHook());
		const before = (staticData.production as IDataObject).challenge;

		replyOne('101', CREATED, TARGET_CREATED);
		nock(BASE).delete(`${SUBS}/101`).reply(200, { id: '101' });
		await hooks.delete.call(ctx.asHook());

		replyCredentials();
		replyList(CREATED, []);
		nock(BASE).post(SUBS).reply(201, { id: '102' });
		await hooks.create.call(ctx.asHook());
		expect((staticData.production as IDataObject).challenge).toEqual(expect.any(String));
		expect((staticData.production as IDataObject).challenge).not.toBe(before);
	});

	it('checkExists is true when every recorded subscription is still ours and enabled', async () => {
		const staticData = {
			production: {
				challenge: 'c1',
				subscriptions: {
					'employee.created': { id: '101', subscriptionType: CREATED, targetUrl: TARGET_CREATED },
					'employee.updated': { id: '102', subscriptionType: UPDATED, targetUrl: TARGET_UPDATED },
				},
			},
		};
		const ctx = context({ staticData });
		replyList(CREATED, [
			{ id: '101', type: CREATED, target_url: TARGET_CREATED, enabled: true, challenge: 'c1' },
		]);
		replyList(UPDATED, [
			{ id: '102', type: UPDATED, target_url: TARGET_UPDATED, enabled: true, challenge: 'c1' },
		]);
		await expect(hooks.checkExists.call(ctx.asHook())).resolves.toBe(true);
	});

	it('re-enables a subscription Factorial disabled (checkExists false, create PUTs enabled)', async () => {
		const staticData: IDataObject = {
			production: {
				challenge: 'old',
				subscriptions: {
					'employee.created': { id: '101', subscriptionType: CREATED, targetUrl: TARGET_CREATED },
				},
			},
		};
		const disabled = {
			id: 101,
			type: CREATED,
			target_url: TARGET_CREATED,
			enabled: false,
			challenge: 'old',
		};
		const ctx = context({ staticData, params: { events: ['employee.created'] } });
		replyList(CREATED, [disabled]);
		await expect(hooks.checkExists.call(ctx.asHook())).resolves.toBe(false);

		let putBody: IDataObject = {};
		replyCredentials();
		replyList(CREATED, [disabled]);
		nock(BASE)
			.put(`${SUBS}/101`, (body: IDataObject) => {
				putBody = body;
				return true;
			})
			.reply(200, { ...disabled, enabled: true });
		await expect(hooks.create.call(ctx.asHook())).resolves.toBe(true);

		const state = staticData.production as IDataObject;
		expect(putBody).toMatchObject({
			id: '101',
			enabled: true,
			target_url: TARGET_CREATED,
			challenge: state.challenge,
		});
		// A repeated create() keeps the secret it has (n8n 2.41 calls create() again on republish).
		expect(state.challenge).toBe('old');
		expect(state.subscriptions).toEqual({
			'employee.created': { id: '101', subscriptionType: CREATED, targetUrl: TARGET_CREATED },
		});
	});

	it('refuses to touch another receiver’s subscription and says how to fix it', async () => {
		const ctx = context({ params: { events: ['employee.created'] } });
		replyCredentials();
		replyList(CREATED, [
			{
				id: '900',
				type: CREATED,
				name: 'Payroll sync',
				target_url: 'https://payroll.example/hook?token=abc',
				enabled: true,
			},
		]);
		const error = await hooks.create.call(ctx.asHook()).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toBe(
			'Factorial already sends \'Employee Created\' events to payroll.example (subscription 900 "Payroll sync")',
		);
		expect(error?.message).not.toContain('token=abc');
		expect(error?.description).toContain("'Take Over Existing Subscriptions'");
		expect((ctx.staticData.production as IDataObject).subscriptions).toEqual({});
	});

	it('takes the other subscription over only when the option is on', async () => {
		const ctx = context({
			params: { events: ['employee.created'], options: { takeOverExistingSubscriptions: true } },
		});
		let putBody: IDataObject = {};
		replyCredentials();
		replyList(CREATED, [
			{ id: '900', type: CREATED, target_url: 'https://payroll.example/hook', enabled: true },
		]);
		nock(BASE)
			.put(`${SUBS}/900`, (body: IDataObject) => {
				putBody = body;
				return true;
			})
			.reply(200, { id: '900' });
		await expect(hooks.create.call(ctx.asHook())).resolves.toBe(true);
		expect(putBody).toMatchObject({
			id: '900',
			target_url: TARGET_CREATED,
			enabled: true,
			api_version: '2026-10-01',
		});
		expect((ctx.staticData.production as IDataObject).subscriptions).toEqual({
			'employee.created': { id: '900', subscriptionType: CREATED, targetUrl: TARGET_CREATED },
		});
	});

	it('never takes over from a test URL, even with the option on', async () => {
		const ctx = context({
			mode: 'manual',
			params: { events: ['employee.created'], options: { takeOverExistingSubscriptions: true } },
		});
		replyCredentials();
		replyList(CREATED, [
			{ id: '900', type: CREATED, target_url: TARGET_CREATED.replace('/webhook/', '/x/') },
		]);
		await expect(hooks.create.call(ctx.asHook())).rejects.toThrow('Factorial already sends');
		expect(ctx.staticData.production).toBeUndefined();
	});

	it('rolls back what a failed activation created and rethrows', async () => {
		const ctx = context();
		replyCredentials();
		replyList(CREATED, []);
		nock(BASE).post(SUBS).reply(201, { id: '101' });
		replyList(UPDATED, []);
		nock(BASE)
			.post(SUBS)
			.reply(422, { errors: ['Subscription type has already been taken'] });
		const deleted = nock(BASE).delete(`${SUBS}/101`).reply(200, { id: '101' });
		await expect(hooks.create.call(ctx.asHook())).rejects.toThrow();
		expect(deleted.isDone()).toBe(true);
		expect((ctx.staticData.production as IDataObject).subscriptions).toEqual({});
	});

	it('deletes the subscription of an event that was deselected', async () => {
		const staticData: IDataObject = {
			production: {
				challenge: 'old',
				subscriptions: {
					'employee.created': { id: '101', subscriptionType: CREATED, targetUrl: TARGET_CREATED },
					'employee.updated': { id: '102', subscriptionType: UPDATED, targetUrl: TARGET_UPDATED },
				},
			},
		};
		const ctx = context({ staticData, params: { events: ['employee.created'] } });
		replyCredentials();
		replyList(CREATED, [{ id: '101', type: CREATED, target_url: TARGET_CREATED, enabled: true }]);
		nock(BASE).put(`${SUBS}/101`).reply(200, { id: '101' });
		replyOne('102', UPDATED, TARGET_UPDATED);
		const removed = nock(BASE).delete(`${SUBS}/102`).reply(200, { id: '102' });
		await hooks.create.call(ctx.asHook());
		expect(removed.isDone()).toBe(true);
		expect(
			Object.keys((staticData.production as IDataObject).subscriptions as IDataObject),
		).toEqual(['employee.created']);
	});

	it('delete removes every stored subscription, tolerating ones already gone', async () => {
		const staticData: IDataObject = {
			production: {
				challenge: 'c1',
				subscriptions: {
					'employee.created': { id: '101', subscriptionType: CREATED, targetUrl: TARGET_CREATED },
					'employee.updated': { id: '102', subscriptionType: UPDATED, targetUrl: TARGET_UPDATED },
				},
			},
		};
		const ctx = context({ staticData });
		replyOne('101', CREATED, TARGET_CREATED);
		nock(BASE).delete(`${SUBS}/101`).reply(200, { id: '101' });
		nock(BASE)
			.get(`${SUBS}/102`)
			.reply(404, { errors: ['Not found'] });
		await expect(hooks.delete.call(ctx.asHook())).resolves.toBe(true);
		expect(staticData.production).toEqual({});
	});

	it('delete names every subscription it could not remove, not only the first failure', async () => {
		const staticData: IDataObject = {
			production: {
				challenge: 'c1',
				subscriptions: {
					'employee.created': { id: '101', subscriptionType: CREATED, targetUrl: TARGET_CREATED },
					'employee.updated': { id: '102', subscriptionType: UPDATED, targetUrl: TARGET_UPDATED },
				},
			},
		};
		const ctx = context({ staticData });
		replyOne('101', CREATED, TARGET_CREATED);
		nock(BASE)
			.delete(`${SUBS}/101`)
			.reply(403, { errors: ['Forbidden'] });
		replyOne('102', UPDATED, TARGET_UPDATED);
		nock(BASE)
			.delete(`${SUBS}/102`)
			.reply(403, { errors: ['Forbidden'] });
		const error = (await hooks.delete.call(ctx.asHook()).catch((e: unknown) => e)) as {
			description?: string;
		};
		expect(error).toBeInstanceOf(Error);
		expect(error.description).toContain('101, 102');
		expect(
			Object.keys((staticData.production as IDataObject).subscriptions as IDataObject),
		).toEqual(['employee.created', 'employee.updated']);
	});

	it('delete reports other failures and keeps the record for the next try', async () => {
		const staticData: IDataObject = {
			production: {
				challenge: 'c1',
				subscriptions: {
					'employee.created': { id: '101', subscriptionType: CREATED, targetUrl: TARGET_CREATED },
				},
			},
		};
		const ctx = context({ staticData, params: { events: ['employee.created'] } });
		replyOne('101', CREATED, TARGET_CREATED);
		nock(BASE)
			.delete(`${SUBS}/101`)
			.reply(403, { errors: ['Forbidden'] });
		await expect(hooks.delete.call(ctx.asHook())).rejects.toThrow();
		expect((staticData.production as IDataObject).subscriptions).toHaveProperty([
			'employee.created',
		]);
		expect((staticData.production as IDataObject).challenge).toBe('c1');
	});
});

describe('FactorialTrigger when another receiver takes the subscription (Factorial overwrites per type)', () => {
	const PAYROLL = 'https://payroll.example/hook?token=abc';
	const recorded = (): IDataObject => ({
		production: {
			challenge: 'c1',
			subscriptions: {
				'employee.created': { id: '101', subscriptionType: CREATED, targetUrl: TARGET_CREATED },
			},
		},
	});

	it('delete leaves a subscription that now delivers elsewhere (same ID, overwritten in place) and forgets it', async () => {
		const staticData = recorded();
		const ctx = context({ staticData, params: { events: ['employee.created'] } });
		replyOne('101', CREATED, PAYROLL);
		await expect(hooks.delete.call(ctx.asHook())).resolves.toBe(true);
		expect(staticData.production).toEqual({});
		expect(ctx.warnings.join('\n')).toContain('payroll.example');
		expect(ctx.warnings.join('\n')).not.toContain('token=abc');
	});

	it('checkExists is false and logs who holds the event when ours was replaced (new ID)', async () => {
		const ctx = context({ staticData: recorded(), params: { events: ['employee.created'] } });
		replyList(CREATED, [
			{ id: '900', type: CREATED, target_url: PAYROLL, enabled: true, challenge: 'theirs' },
		]);
		await expect(hooks.checkExists.call(ctx.asHook())).resolves.toBe(false);
		expect(ctx.warnings).toHaveLength(1);
		expect(ctx.warnings[0]).toContain('taken over');
		expect(ctx.warnings[0]).toContain('payroll.example (subscription 900)');
	});

	it('checkExists is false when ours was overwritten in place (same ID, other URL)', async () => {
		const ctx = context({ staticData: recorded(), params: { events: ['employee.created'] } });
		replyList(CREATED, [{ id: '101', type: CREATED, target_url: PAYROLL, enabled: true }]);
		await expect(hooks.checkExists.call(ctx.asHook())).resolves.toBe(false);
		expect(ctx.warnings[0]).toContain('taken over');
	});

	it('the next activation says the subscription was taken over, without overwriting it back', async () => {
		const ctx = context({ staticData: recorded(), params: { events: ['employee.created'] } });
		replyCredentials();
		replyList(CREATED, [{ id: '900', type: CREATED, target_url: PAYROLL, enabled: true }]);
		await expect(hooks.create.call(ctx.asHook())).rejects.toThrow(
			"The 'Employee Created' subscription of this workflow was taken over: Factorial now sends these events to payroll.example (subscription 900)",
		);
	});
});

const CHALLENGE = 'a'.repeat(48);
const employee = {
	id: 2,
	first_name: 'Ana',
	last_name: 'Blanco Perez',
	full_name: 'Ana Blanco Perez',
	email: null,
	personal_email: 'ana.private@example.com',
	manager_id: 1,
	location_id: 1,
	legal_entity_id: 1,
	company_identifier: 'bb9d281e',
	active: true,
	terminated_on: null,
	updated_at: '2026-11-20T10:15:00.000Z',
};

function delivery(
	options: {
		event?: string;
		body?: unknown;
		challenge?: string | null;
		staticData?: IDataObject;
		params?: IDataObject;
		mode?: FakeContextOptions['mode'];
		rawBody?: Buffer;
	} = {},
) {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'x-factorial-author-id': '7',
		'x-factorial-author-type': 'employee',
	};
	if (options.challenge !== null)
		headers['x-factorial-wh-challenge'] = options.challenge ?? CHALLENGE;
	return context({
		mode: options.mode ?? 'webhook',
		staticData: options.staticData ?? { production: { challenge: CHALLENGE } },
		params: options.params,
		webhook: {
			headers,
			body: 'body' in options ? options.body : employee,
			query: { event: options.event ?? 'employee.updated' },
			rawBody: options.rawBody,
		},
	});
}

describe('FactorialTrigger webhook()', () => {
	it('emits one normalised item for a delivery with the right challenge', async () => {
		const ctx = delivery();
		const result = await node.webhook.call(ctx.asWebhook());
		expect(result.workflowData).toHaveLength(1);
		// Answered by the node itself (see the static data persistence test), with n8n's usual body.
		expect(result.noWebhookResponse).toBe(true);
		expect(ctx.response).toMatchObject({
			statusCode: 200,
			body: { message: 'Workflow was started' },
		});
		const [[item]] = result.workflowData!;
		expect(item.json).toMatchObject({
			event: 'employee.updated',
			subscriptionType: UPDATED,
			resourceType: 'employee',
			resourceId: '2',
			employeeId: '2',
			authorId: '7',
			authorType: 'employee',
			source: 'webhook',
			raw: employee,
			employee: {
				id: '2',
				fullName: 'Ana Blanco Perez',
				workEmail: null,
				managerId: '1',
				locationId: '1',
				legalEntityId: '1',
				companyIdentifier: 'bb9d281e',
				active: true,
			},
		});
		expect(typeof item.json.receivedAt).toBe('string');
		const text = JSON.stringify(result);
		expect(text).not.toContain(CHALLENGE);
		expect(text).not.toContain(API_KEY);
		expect(ctx.requests).toHaveLength(0);
	});

	it.each([
		['wrong', 'b'.repeat(48)],
		['shorter', CHALLENGE.slice(1)],
		['missing', null],
	])('answers 401 and starts nothing for a %s challenge', async (_label, challenge) => {
		const ctx = delivery({ challenge });
		const result = await node.webhook.call(ctx.asWebhook());
		expect(result).toEqual({ noWebhookResponse: true });
		expect(ctx.response.statusCode).toBe(401);
		expect(JSON.stringify(ctx.response.body)).not.toContain(CHALLENGE);
	});

	it("takes employee.workEmail from the credential's Work Email Field (login_email when chosen)", async () => {
		const ctx = delivery({
			body: { ...employee, email: 'ana.previous@example.com', login_email: 'ana@example.com' },
		});
		// Its own copy of the stored subscription: the same delivery twice would be ignored as repeated.
		const withLogin = context({
			mode: 'webhook',
			staticData: structuredClone(ctx.staticData),
			credentials: credentials({ workEmailField: 'login_email' }),
			webhook: {
				headers: { 'content-type': 'application/json', 'x-factorial-wh-challenge': CHALLENGE },
				body: { ...employee, email: 'ana.previous@example.com', login_email: 'ana@example.com' },
				query: { event: 'employee.updated' },
			},
		});
		const chosen = await node.webhook.call(withLogin.asWebhook());
		const byDefault = await node.webhook.call(ctx.asWebhook());
		const emailOf = (r: Awaited<ReturnType<typeof node.webhook>>) =>
			((r.workflowData?.[0][0].json.employee ?? {}) as IDataObject).workEmail;
		expect(emailOf(chosen)).toBe('ana@example.com');
		expect(emailOf(byDefault)).toBe('ana.previous@example.com');
	});

	it('answers 401 when no challenge is stored (subscription never created)', async () => {
		const ctx = delivery({ staticData: {} });
		expect(await node.webhook.call(ctx.asWebhook())).toEqual({ noWebhookResponse: true });
		expect(ctx.response.statusCode).toBe(401);
	});

	it('keeps test and production challenges apart', async () => {
		const ctx = delivery({ mode: 'webhook', staticData: { test: { challenge: CHALLENGE } } });
		await node.webhook.call(ctx.asWebhook());
		expect(ctx.response.statusCode).toBe(401);
		const test = delivery({ mode: 'manual', staticData: { test: { challenge: CHALLENGE } } });
		expect((await node.webhook.call(test.asWebhook())).workflowData).toHaveLength(1);
	});

	it.each([
		['an unknown event', 'employee.exploded'],
		['an event this node does not listen to', 'team.deleted'],
		['a Factorial type instead of our name', UPDATED],
	])('answers 400 for %s in the URL', async (_label, event) => {
		const ctx = delivery({ event });
		expect(await node.webhook.call(ctx.asWebhook())).toEqual({ noWebhookResponse: true });
		expect(ctx.response.statusCode).toBe(400);
	});

	it('tells events apart by the URL query', async () => {
		const ctx = delivery({ event: 'employee.created' });
		const result = await node.webhook.call(ctx.asWebhook());
		expect(result.workflowData![0][0].json.event).toBe('employee.created');
	});

	it.each([
		['an array', [employee]],
		['a string', 'hello'],
		['an object without id', { first_name: 'Ana' }],
	])('refuses %s as body with 400', async (_label, body) => {
		const ctx = delivery({ body });
		expect(await node.webhook.call(ctx.asWebhook())).toEqual({ noWebhookResponse: true });
		expect(ctx.response.statusCode).toBe(400);
	});

	it('refuses a huge body with 413', async () => {
		const ctx = delivery({ rawBody: Buffer.alloc(1_000_001, 32) });
		expect(await node.webhook.call(ctx.asWebhook())).toEqual({ noWebhookResponse: true });
		expect(ctx.response.statusCode).toBe(413);
	});

	describe('Ignore Stale Deliveries', () => {
		const params = { options: { ignoreStaleDeliveries: true, fetchFullRecord: false } };

		async function send(staticData: IDataObject, body: IDataObject, event = 'employee.updated') {
			const ctx = delivery({ staticData, params, body, event });
			const result = await node.webhook.call(ctx.asWebhook());
			return { result, ctx };
		}

		it('drops a repeated delivery and an older one that arrives late, keeps newer ones', async () => {
			const staticData: IDataObject = { production: { challenge: CHALLENGE } };
			const t1 = { ...employee, updated_at: '2026-11-20T10:00:00.000Z' };
			const t0 = { ...employee, updated_at: '2026-11-20T09:00:00.000Z' };
			const t2 = { ...employee, updated_at: '2026-11-20T11:00:00.000Z' };

			expect((await send(staticData, t1)).result.workflowData).toHaveLength(1);
			const repeat = await send(staticData, t1);
			expect(repeat.result).toEqual({ noWebhookResponse: true });
			expect(repeat.ctx.response.statusCode).toBe(200);
			expect((await send(staticData, t0)).result.workflowData).toBeUndefined();
			expect((await send(staticData, t2)).result.workflowData).toHaveLength(1);
			// The same change under another event (terminate fires update too) is not a duplicate.
			expect((await send(staticData, t2, 'employee.created')).result.workflowData).toHaveLength(1);
			// Body only (Fetch Full Record off): remembered where junk can push it out, per event.
			expect(staticData.seenDeliveries).toEqual({
				confirmed: {},
				unconfirmed: {
					'employee.updated': { '#2': t2.updated_at },
					'employee.created': { '#2': t2.updated_at },
				},
			});
		});

		it('does not remember a delivery whose processing failed, so Factorial’s retry gets through', async () => {
			const staticData: IDataObject = { production: { challenge: CHALLENGE } };
			const withFetch = { options: { ignoreStaleDeliveries: true, fetchFullRecord: true } };
			nock(BASE)
				.get(`${API}/employees/employees/2`)
				.times(10)
				.reply(500, { errors: ['boom'] });
			const failing = delivery({ staticData, params: withFetch });
			await expect(node.webhook.call(failing.asWebhook())).rejects.toThrow();
			expect(staticData.seenDeliveries).toEqual({ confirmed: {}, unconfirmed: {} });
			nock.cleanAll();

			nock(BASE)
				.get(`${API}/employees/employees/2`)
				.reply(200, { ...employee, email: 'ana@acme.example' });
			const retry = delivery({ staticData, params: withFetch });
			expect((await node.webhook.call(retry.asWebhook())).workflowData).toHaveLength(1);
		});
	});

	it('Fetch Full Record re-reads the employee and keeps the delivery as raw', async () => {
		nock(BASE)
			.get(`${API}/employees/employees/2`)
			.reply(200, {
				...employee,
				email: 'ana@acme.example',
				updated_at: '2026-11-20T10:16:00.000Z',
			});
		const ctx = delivery({ params: { options: { fetchFullRecord: true } } });
		const result = await node.webhook.call(ctx.asWebhook());
		const json = result.workflowData![0][0].json as IDataObject;
		expect((json.employee as IDataObject).workEmail).toBe('ana@acme.example');
		expect(json.raw).toEqual(employee);
		expect(ctx.requests[0]).toMatchObject({ method: 'GET', credentialType: 'factorialApi' });
		expect(JSON.stringify(result)).not.toContain(API_KEY);
	});

	it('Fetch Full Record reads the member of a team membership event', async () => {
		nock(BASE).get(`${API}/employees/employees/2`).reply(200, employee);
		const ctx = delivery({
			event: 'team_membership.created',
			body: { id: 11, employee_id: 2, team_id: 3, lead: false },
			params: { events: ['team_membership.created'], options: { fetchFullRecord: true } },
		});
		const json = (await node.webhook.call(ctx.asWebhook())).workflowData![0][0].json as IDataObject;
		expect(json).toMatchObject({
			resourceId: '11',
			employeeId: '2',
			employee: { fullName: 'Ana Blanco Perez' },
		});
	});

	describe('Only Active Employees', () => {
		const params = {
			events: ['employee.updated', 'employee.terminated'],
			options: { onlyActiveEmployees: true, fetchFullRecord: false },
		};
		const inactive = { ...employee, active: false, terminated_on: '2026-01-31' };

		it('skips updates about inactive employees with 200', async () => {
			const ctx = delivery({ params, body: inactive });
			expect(await node.webhook.call(ctx.asWebhook())).toEqual({ noWebhookResponse: true });
			expect(ctx.response.statusCode).toBe(200);
		});

		it('keeps termination events', async () => {
			const ctx = delivery({ params, body: inactive, event: 'employee.terminated' });
			expect((await node.webhook.call(ctx.asWebhook())).workflowData).toHaveLength(1);
		});

		const membership = { id: 11, employee_id: 2, team_id: 3, lead: false };
		const membershipParams = (fetchFullRecord: boolean) => ({
			events: ['team_membership.created'],
			options: { onlyActiveEmployees: true, fetchFullRecord },
		});

		it('keeps a membership delivery without Fetch Full Record: the member’s status is unknown', async () => {
			const ctx = delivery({
				event: 'team_membership.created',
				body: membership,
				params: membershipParams(false),
			});
			const result = await node.webhook.call(ctx.asWebhook());
			expect(result.workflowData![0][0].json).toMatchObject({ employeeId: '2' });
			expect(result.workflowData![0][0].json.employee).toBeUndefined();
			expect(ctx.requests).toHaveLength(0);
		});

		it('skips a membership delivery of an inactive member once Fetch Full Record read them', async () => {
			nock(BASE).get(`${API}/employees/employees/2`).reply(200, inactive);
			const ctx = delivery({
				event: 'team_membership.created',
				body: membership,
				params: membershipParams(true),
			});
			expect(await node.webhook.call(ctx.asWebhook())).toEqual({ noWebhookResponse: true });
			expect(ctx.response.statusCode).toBe(200);
			expect(ctx.response.body).toMatchObject({ reason: 'employee is not active' });
		});

		it('keeps a membership delivery of an active member read with Fetch Full Record', async () => {
			nock(BASE).get(`${API}/employees/employees/2`).reply(200, employee);
			const ctx = delivery({
				event: 'team_membership.created',
				body: membership,
				params: membershipParams(true),
			});
			const result = await node.webhook.call(ctx.asWebhook());
			expect(result.workflowData![0][0].json).toMatchObject({ employee: { active: true } });
		});
	});
});
