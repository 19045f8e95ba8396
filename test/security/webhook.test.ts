/**
 * Webhook security: only a delivery carrying the subscription's challenge starts the workflow; huge or
 * malformed bodies are refused with a clear status, never a crash. Driven through FactorialTrigger.webhook().
 */
import type { IDataObject } from 'n8n-workflow';

import { FactorialTrigger } from '../../nodes/Factorial/FactorialTrigger.node';
import { MAX_DELIVERY_BYTES } from '../../nodes/Factorial/trigger/deliveries';
import type { FakeWebhookRequest } from '../helpers/executeFunctions';
import { createFakeContext } from '../helpers/executeFunctions';

const CHALLENGE = 'c0ffee'.repeat(8);
const EVENT = 'employee.created';
const GOOD = {
	id: 42,
	first_name: 'Ana',
	last_name: 'García',
	email: 'ana@acme.test',
	updated_at: '2026-05-01T10:00:00Z',
};

async function deliver(webhook: FakeWebhookRequest, staticData?: IDataObject) {
	const ctx = createFakeContext({
		params: { authentication: 'apiKey', events: [EVENT], options: { fetchFullRecord: false } },
		mode: 'trigger',
		staticData: staticData ?? { production: { challenge: CHALLENGE, subscriptions: {} } },
		webhook: { query: { event: EVENT }, ...webhook },
	});
	const result = await new FactorialTrigger().webhook.call(ctx.asWebhook());
	return { result, response: ctx.response };
}

const headers = (challenge?: string) => ({
	'content-type': 'application/json',
	...(challenge === undefined ? {} : { 'x-factorial-wh-challenge': challenge }),
});

describe('Factorial Trigger refuses what Factorial did not send', () => {
	it('accepts the genuine delivery (control case)', async () => {
		const { result } = await deliver({ headers: headers(CHALLENGE), body: GOOD });
		expect(result.workflowData?.[0]).toHaveLength(1);
	});

	it.each([
		['no challenge header', headers(undefined)],
		['an empty challenge', headers('')],
		['a forged challenge', headers('forged')],
		['a replay with an old challenge', headers('c0ffee'.repeat(7) + 'deadbe')],
		['the challenge with different case', headers(CHALLENGE.toUpperCase())],
		['the challenge with a trailing space', headers(`${CHALLENGE} `)],
		[
			'a repeated challenge header',
			{ 'x-factorial-wh-challenge': [CHALLENGE, CHALLENGE] as unknown as string },
		],
	])('%s: 401, nothing starts', async (_name, h) => {
		const { result, response } = await deliver({
			headers: h as Record<string, string>,
			body: GOOD,
		});
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(401);
		expect(JSON.stringify(response.body)).not.toContain(CHALLENGE);
	});

	it('with no stored challenge (trigger never activated) even an empty header is refused', async () => {
		const { result, response } = await deliver({ headers: headers(''), body: GOOD }, {});
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(401);
	});

	it('a test-URL challenge does not open the production URL', async () => {
		const { result, response } = await deliver(
			{ headers: headers('test-only'), body: GOOD },
			{
				production: { challenge: CHALLENGE },
				test: { challenge: 'test-only' },
			},
		);
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(401);
	});
});

describe('Factorial Trigger refuses huge and malformed bodies cleanly', () => {
	it('a body over the limit: 413 before anything else is read', async () => {
		const huge = Buffer.alloc(MAX_DELIVERY_BYTES + 1, 'a');
		const { result, response } = await deliver({
			headers: headers(CHALLENGE),
			body: { ...GOOD, blob: huge.toString() },
			rawBody: huge,
		});
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(413);
	});

	it.each([
		['null', null],
		['a string', 'hello'],
		['a number', 12],
		['an array', [GOOD]],
		['an object without id', { first_name: 'Ana' }],
		['an id that is an object', { id: { $ne: null } }],
		['an id that is NaN', { id: Number.NaN }],
		['an empty id', { id: '' }],
	])('%s: 400, nothing starts', async (_name, body) => {
		const { result, response } = await deliver({ headers: headers(CHALLENGE), body });
		expect(result.workflowData).toBeUndefined();
		expect(response.statusCode).toBe(400);
	});

	it('an unknown or unselected event in the URL: 400', async () => {
		for (const event of ['employee.deleted', 'nope', '__proto__', '']) {
			const { result, response } = await deliver({
				headers: headers(CHALLENGE),
				body: GOOD,
				query: { event },
			});
			expect(result.workflowData).toBeUndefined();
			expect(response.statusCode).toBe(400);
		}
	});

	it('prototype-pollution keys in a genuine delivery stay data and pollute nothing', async () => {
		const body = JSON.parse(
			`{"id": 7, "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "first_name": "Eve"}`,
		);
		const { result } = await deliver({ headers: headers(CHALLENGE), body });
		expect(({} as IDataObject).polluted).toBeUndefined();
		expect(Object.prototype).not.toHaveProperty('polluted');
		expect(result.workflowData?.[0]).toHaveLength(1);
	});

	it('prototype names as ids are refused (not Factorial ids) and pollute nothing', async () => {
		const staticData: IDataObject = { production: { challenge: CHALLENGE } };
		const ctxParams = {
			authentication: 'apiKey',
			events: [EVENT],
			options: { ignoreStaleDeliveries: true, fetchFullRecord: false },
		};
		for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
			const ctx = createFakeContext({
				params: ctxParams,
				mode: 'trigger',
				staticData,
				webhook: { headers: headers(CHALLENGE), body: { ...GOOD, id }, query: { event: EVENT } },
			});
			const result = await new FactorialTrigger().webhook.call(ctx.asWebhook());
			expect(result.workflowData).toBeUndefined();
			expect(ctx.response.statusCode).toBe(400);
		}
		expect(staticData.seenDeliveries).toBeUndefined();
		expect(Object.prototype).not.toHaveProperty('polluted');
		expect(typeof ({} as IDataObject).toString).toBe('function');
	});
});
