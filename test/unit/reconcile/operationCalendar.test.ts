/**
 * Issue 22 through the node: Reconcile lists JumpCloud's scheduled state changes whenever a decision
 * depends on them, so a run that only suspends a rescinded hire, or only finds a suspended leaver's
 * activation still pending, cancels that activation (BulkUserState_List, BulkUserState_Delete).
 */
import nock from 'nock';

import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { employee, runReconcile, user } from '../../helpers/reconcile';

const BASE = 'https://jc.test';
const credentials = {
	jumpCloudApi: { region: 'custom', customUrl: BASE, apiKey: 'test-key', orgId: '' },
};
type Obj = Record<string, unknown>;

/** Users (GET, PUT) and scheduled changes as the contract has them: a bare array paged by limit/skip. */
function fakeJumpCloud(users: Obj[], jobs: Obj[]) {
	const calls: string[] = [];
	nock(BASE)
		.persist()
		.get('/api/systemusers')
		.query(true)
		.reply((uri) => {
			const q = new URL(uri, BASE).searchParams;
			const skip = Number(q.get('skip') ?? 0);
			return [200, { totalCount: users.length, results: users.slice(skip, skip + 100) }];
		})
		.put(/\/api\/systemusers\/.+/)
		.reply((uri, body) => {
			calls.push(`PUT ${new URL(uri, BASE).pathname}`);
			const user = users.find((u) => `/api/systemusers/${String(u._id)}` === uri);
			Object.assign(user ?? {}, body as Obj);
			return user ? [200, user] : [404, { message: 'Not Found' }];
		})
		.get('/api/v2/bulk/userstates')
		.query(true)
		.reply((uri) => {
			calls.push('GET /api/v2/bulk/userstates');
			const q = new URL(uri, BASE).searchParams;
			const skip = Number(q.get('skip') ?? 0);
			const limit = Number(q.get('limit') ?? 10);
			if (limit > 100) return [400, { message: 'limit exceeds maximum value of 100' }];
			return [200, jobs.slice(skip, skip + limit)];
		})
		.delete(/\/api\/v2\/bulk\/userstates\/.+/)
		.reply((uri) => {
			calls.push(`DELETE ${new URL(uri, BASE).pathname}`);
			const at = jobs.findIndex((j) => uri.endsWith(`/${String(j.scheduledJobId)}`));
			if (at < 0) return [404, { message: 'Not Found' }];
			jobs.splice(at, 1);
			return [204, ''];
		});
	return { calls, jobs };
}

const activation = (userId: string) => ({
	scheduledJobId: `job-${userId}`,
	systemUserId: userId,
	state: 'ACTIVATED',
	scheduledDate: '2099-04-01T07:00:00Z',
});
const run = async (employees: Obj[]) =>
	await runReconcile({
		params: { maxSuspensionShare: 100 },
		items: employees.map((json) => ({ json: json as never })),
		credentials,
		credentialTypes: [new JumpCloudApi()],
	});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

test('a run that only suspends a rescinded hire cancels its pending activation first', async () => {
	const jc = fakeJumpCloud(
		[user('1'), user('2', { state: 'STAGED' })],
		[activation('u2'), activation('u1')],
	);
	const out = await run([
		employee('1'),
		employee('2', { active: false, terminated_on: '2026-01-31', start_date: '2099-04-01' }),
	]);
	expect(jc.calls).toEqual([
		'GET /api/v2/bulk/userstates',
		'DELETE /api/v2/bulk/userstates/job-u2',
		'PUT /api/systemusers/u2',
	]);
	expect(jc.jobs).toEqual([activation('u1')]);
	expect(out[out.length - 1].json).toMatchObject({ suspended: 1, failed: 0 });
});

test("a suspended leaver's pending activation is cancelled although nothing else changes", async () => {
	const jc = fakeJumpCloud([user('3', { state: 'SUSPENDED' })], [activation('u3')]);
	const out = await run([employee('3', { active: false, terminated_on: '2026-01-31' })]);
	expect(jc.calls).toEqual([
		'GET /api/v2/bulk/userstates',
		'DELETE /api/v2/bulk/userstates/job-u3',
	]);
	expect(jc.jobs).toEqual([]);
	expect(out[0].json).toMatchObject({
		action: 'cancelScheduled',
		employeeId: '3',
		result: 'done',
	});
	expect(out[out.length - 1].json).toMatchObject({ scheduledChangesCancelled: 1, failed: 0 });
});
