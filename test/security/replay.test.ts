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
	CONFIRMED_LIMIT,
	MAX_ENTRY_BYTES,
	rememberDelivery,
	type DeliveryMemory,
} from '../../nodes/Factorial/trigger/deliveryMemory';
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
	events = ['employee.updated', 'employee.terminated'],
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
			events,
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
		expect(staticData.seenDeliveries).toEqual({ confirmed: {}, unconfirmed: {} });
		const real = { ...record, updated_at: new Date(Date.now() - 1_000).toISOString() };
		expect((await deliver(staticData, real, 'employee.updated', bodyOnly)).started).toBe(true);
		expect((await deliver(staticData, real, 'employee.updated', bodyOnly)).started).toBe(false);
	});

	test('with Fetch Full Record the delivered updated_at is not used at all', async () => {
		const staticData = fresh();
		factorialHas({}, 2);
		await deliver(staticData, { id: 2, updated_at: '2099-01-01T00:00:00.000Z' });
		expect(staticData.seenDeliveries).toEqual({
			confirmed: { 'employee.updated': { '#2': record.updated_at } },
			unconfirmed: {},
		});
		expect((await deliver(staticData, { id: 2 })).started).toBe(false);
	});
});

test('the stale-delivery memory is bounded by bytes, not only by entries', () => {
	// The longest entry there can be: a 20-digit id and the longest version of any rule.
	const longest = { ['#' + '9'.repeat(20)]: `content:${'f'.repeat(24)}` };
	expect(Buffer.byteLength(JSON.stringify(longest), 'utf8')).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
	const memory: DeliveryMemory = { confirmed: {}, unconfirmed: {} };
	const when = '2026-11-20T10:15:00.000Z';
	const limits = { confirmed: 300, unconfirmed: 10 };
	for (let n = 0; n < 400; n++)
		rememberDelivery(
			memory,
			'employee.updated',
			`1${String(n).padStart(19, '0')}`,
			when,
			true,
			limits,
		);
	const kept = memory.confirmed['employee.updated'];
	expect(Object.keys(kept)).toHaveLength(300);
	expect(Buffer.byteLength(JSON.stringify(kept), 'utf8')).toBeLessThanOrEqual(
		300 * MAX_ENTRY_BYTES,
	);
	// The newest entries are the ones kept.
	expect(kept[`#1${String(399).padStart(19, '0')}`]).toBe(when);
	expect(kept[`#1${String(99).padStart(19, '0')}`]).toBeUndefined();
	expect(CONFIRMED_LIMIT * MAX_ENTRY_BYTES).toBeLessThanOrEqual(1_000_000);
});

describe('ids are compared canonically', () => {
	// Rails reads `02` in a path as record 2, so Factorial would answer with Ana's record.
	const factorialReadsAnySpelling = () =>
		nock(BASE)
			.get(/\/employees\/employees\/[^/]+$/)
			.optionally()
			.times(10)
			.reply(200, { data: record });

	test.each([['02'], ['002'], ['+2'], ['2.0'], [' 2']])(
		'a replay of employee 2 spelt %p is refused with the reason, with and without Fetch Full Record',
		async (spelling) => {
			for (const options of [{}, { fetchFullRecord: false }]) {
				const staticData = fresh();
				factorialHas({}, options.fetchFullRecord === false ? 0 : 1);
				const first = await deliver(staticData, { ...record }, 'employee.updated', options);
				expect(first.started).toBe(true);
				factorialReadsAnySpelling();
				const replay = await deliver(
					staticData,
					{ ...record, id: spelling },
					'employee.updated',
					options,
				);
				expect(replay.started).toBe(false);
				expect(replay.ctx.response.statusCode).toBe(400);
				expect(replay.ctx.response.body).toMatchObject({
					message: expect.stringMatching(/^Not a Factorial delivery \(id: .+\)$/),
				});
				nock.cleanAll();
			}
		},
	);
});

describe('every event kind has a stale key a replay cannot renew', () => {
	const membershipEvents = ['team_membership.created', 'team_membership.deleted'];

	test.each(membershipEvents)(
		'a replayed %s starts nothing, whatever updated_at it carries',
		async (event) => {
			const staticData = fresh();
			factorialHas({}, 3);
			const membership = { id: 11, employee_id: 2, team_id: 3, lead: false };
			expect((await deliver(staticData, membership, event, {}, membershipEvents)).started).toBe(
				true,
			);
			expect((await deliver(staticData, membership, event, {}, membershipEvents)).started).toBe(
				false,
			);
			const renewed = { ...membership, updated_at: new Date().toISOString() };
			expect((await deliver(staticData, renewed, event, {}, membershipEvents)).started).toBe(false);
		},
	);

	test('a replayed contract version with a forged newer updated_at starts nothing: the version is read from Factorial', async () => {
		const staticData = fresh();
		const contract = {
			id: 40,
			employee_id: 2,
			job_title: 'Engineer',
			updated_at: '2026-11-20T09:00:00.000Z',
		};
		nock(BASE).get(`${API}/contracts/contract_versions/40`).times(2).reply(200, contract);
		factorialHas({}, 2);
		const events = ['contract_version.updated'];
		const event = 'contract_version.updated';
		expect((await deliver(staticData, contract, event, {}, events)).started).toBe(true);
		const forged = { ...contract, updated_at: new Date().toISOString() };
		const replay = await deliver(staticData, forged, event, {}, events);
		expect(replay.started).toBe(false);
		expect(replay.ctx.response.body).toMatchObject({ reason: 'stale or repeated delivery' });
	});

	test('a contract version that belongs to someone else in Factorial is ignored', async () => {
		nock(BASE)
			.get(`${API}/contracts/contract_versions/40`)
			.reply(200, { id: 40, employee_id: 9, updated_at: record.updated_at });
		const events = ['contract_version.updated'];
		const forged = { id: 40, employee_id: 2, updated_at: record.updated_at };
		const result = await deliver(fresh(), forged, 'contract_version.updated', {}, events);
		expect(result.started).toBe(false);
		expect(result.ctx.response.body).toMatchObject({
			reason: 'the contract version in Factorial belongs to another employee',
		});
	});
});

test('a flood of junk deliveries does not flush the memory: a replay of a remembered delivery still starts nothing', async () => {
	const staticData = fresh();
	const events = ['employee.updated', 'team.created'];
	factorialHas({}, 2);
	expect((await deliver(staticData, { id: 2 }, 'employee.updated', {}, events)).started).toBe(true);
	// Team events name no employee, so nothing is read from Factorial: each one is junk that
	// starts a run once, and is remembered where it cannot push out a confirmed entry.
	const junkTime = new Date(Date.now() - 60_000).toISOString();
	for (let n = 0; n < 6_000; n++)
		await deliver(
			staticData,
			{ id: 100_000 + n, name: `junk ${n}`, updated_at: junkTime },
			'team.created',
			{},
			events,
		);
	const replay = await deliver(staticData, { id: 2 }, 'employee.updated', {}, events);
	expect(replay.started).toBe(false);
	expect(replay.ctx.response.body).toMatchObject({ reason: 'stale or repeated delivery' });
}, 120_000);
