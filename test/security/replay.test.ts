/**
 * Replayed or forged deliveries with a leaked challenge. Factorial's challenge is a static shared
 * value, not a signature: whoever has it can send anything. So by default the trigger reads the
 * employee from Factorial and decides on that record (Fetch Full Record and Ignore Stale Deliveries
 * are on), never on the event name or the delivered body alone; future `updated_at` values are ignored.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { FactorialApi } from '../../credentials/FactorialApi.credentials';
import { FactorialTrigger } from '../../nodes/Factorial/FactorialTrigger.node';
import {
	LAST_SEEN_MAX_BYTES,
	rememberDelivery,
	type LastSeenMap,
} from '../../nodes/Factorial/trigger/deliveries';
import { createFakeContext } from '../helpers/executeFunctions';
import { useStrictNock } from '../helpers/nock';

const BASE = 'https://factorial.test';
const API = '/api/2026-10-01/resources';
const CHALLENGE = 'ab12'.repeat(12);

const record = {
	id: 2,
	first_name: 'Ana',
	last_name: 'Blanco',
	email: 'ana@acme.test',
	active: true,
	terminated_on: null,
	is_terminating: false,
	updated_at: '2026-11-20T10:15:00.000Z',
};

async function deliver(
	staticData: IDataObject,
	body: IDataObject,
	event = 'employee.updated',
	options: IDataObject = {},
) {
	const ctx = createFakeContext({
		mode: 'webhook',
		credentials: {
			factorialApi: {
				environment: 'custom',
				customUrl: BASE,
				apiVersion: '2026-10-01',
				apiKey: 'k',
			},
		},
		credentialTypes: [new FactorialApi()],
		params: {
			authentication: 'apiKey',
			events: ['employee.updated', 'employee.terminated'],
			options,
		},
		staticData,
		webhook: {
			headers: { 'content-type': 'application/json', 'x-factorial-wh-challenge': CHALLENGE },
			body,
			query: { event },
		},
	});
	const result = await new FactorialTrigger().webhook.call(ctx.asWebhook());
	return { started: result.workflowData !== undefined, ctx, result };
}

const fresh = (): IDataObject => ({ production: { challenge: CHALLENGE } });
const factorialHas = (over: IDataObject = {}, times = 1) =>
	nock(BASE)
		.get(`${API}/employees/employees/2`)
		.times(times)
		.reply(200, { data: { ...record, ...over } });

useStrictNock();

describe('defaults: decided on the record read from Factorial', () => {
	test('a delivery is checked against Factorial, and its replay does not start the workflow again', async () => {
		const staticData = fresh();
		factorialHas({}, 2);
		const first = await deliver(staticData, { id: 2, updated_at: record.updated_at });
		expect(first.started).toBe(true);
		expect(first.ctx.requests).toHaveLength(1);
		const replay = await deliver(staticData, { id: 2, updated_at: record.updated_at });
		expect(replay.started).toBe(false);
		expect(replay.ctx.response.statusCode).toBe(200);
	});

	test('a replay without updated_at, or with a forged newer one, is still a replay: the record did not change', async () => {
		const staticData = fresh();
		factorialHas({}, 3);
		expect((await deliver(staticData, { id: 2 })).started).toBe(true);
		expect((await deliver(staticData, { id: 2 })).started).toBe(false);
		expect(
			(await deliver(staticData, { id: 2, updated_at: '2026-11-27T00:00:00.000Z' })).started,
		).toBe(false);
	});

	test('a real change in Factorial gets through after a replay', async () => {
		const staticData = fresh();
		factorialHas();
		expect((await deliver(staticData, { id: 2 })).started).toBe(true);
		factorialHas({ updated_at: '2026-11-21T08:00:00.000Z', email: 'ana.b@acme.test' });
		const next = await deliver(staticData, { id: 2 });
		expect(next.started).toBe(true);
		expect((next.result.workflowData![0][0].json.employee as IDataObject).workEmail).toBe(
			'ana.b@acme.test',
		);
	});

	test('a forged employee.terminated for someone Factorial shows as staying is ignored', async () => {
		factorialHas();
		const forged = await deliver(
			fresh(),
			{ ...record, active: false, terminated_on: '2026-11-20' },
			'employee.terminated',
		);
		expect(forged.started).toBe(false);
		expect(forged.ctx.response.body).toMatchObject({
			reason: 'the employee record in Factorial has no termination',
		});
	});

	test('a real termination gets through', async () => {
		factorialHas({ terminated_on: '2026-11-30', is_terminating: true });
		expect((await deliver(fresh(), { id: 2 }, 'employee.terminated')).started).toBe(true);
	});
});

test('an employee id that is not a Factorial id never goes into a request path', async () => {
	for (const id of ['..', '2/../../credentials', 'abc']) {
		const { started, ctx } = await deliver(fresh(), { id });
		expect(started).toBe(false);
		expect(ctx.response.statusCode).toBe(400);
		expect(ctx.requests).toHaveLength(0);
	}
});

describe('future updated_at values', () => {
	const bodyOnly = { fetchFullRecord: false };

	test('a forged far-future updated_at does not mute the later real deliveries', async () => {
		const staticData = fresh();
		const forged = { ...record, updated_at: '2099-01-01T00:00:00.000Z' };
		expect((await deliver(staticData, forged, 'employee.updated', bodyOnly)).started).toBe(true);
		expect(staticData.lastSeen).toEqual({});
		const real = { ...record, updated_at: new Date(Date.now() - 1_000).toISOString() };
		expect((await deliver(staticData, real, 'employee.updated', bodyOnly)).started).toBe(true);
		expect((await deliver(staticData, real, 'employee.updated', bodyOnly)).started).toBe(false);
	});

	test('with Fetch Full Record the delivered updated_at is not used at all', async () => {
		const staticData = fresh();
		factorialHas({}, 2);
		await deliver(staticData, { id: 2, updated_at: '2099-01-01T00:00:00.000Z' });
		expect(staticData.lastSeen).toEqual({ 'employee.updated:2': record.updated_at });
		expect((await deliver(staticData, { id: 2 })).started).toBe(false);
	});
});

test('the stale-delivery memory is bounded by bytes, not only by entries', () => {
	const lastSeen: LastSeenMap = {};
	const when = '2026-11-20T10:15:00.000Z';
	for (let n = 0; n < 5_000; n++)
		rememberDelivery(lastSeen, `employee.updated:${String(n).padStart(180, '9')}`, when);
	const bytes = Buffer.byteLength(JSON.stringify(lastSeen), 'utf8');
	expect(bytes).toBeLessThanOrEqual(LAST_SEEN_MAX_BYTES);
	// The newest entries are the ones kept.
	expect(lastSeen[`employee.updated:${String(4_999).padStart(180, '9')}`]).toBe(when);
});
