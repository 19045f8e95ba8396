import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';
import { jumpCloudRetrySettings } from '../../../nodes/JumpCloud/transport';
import { createFakeContext } from '../../helpers/executeFunctions';

const BASE = 'https://jc.test';
const credentials = { jumpCloudApi: { region: 'custom', customUrl: BASE, apiKey: 'test-key', orgId: '' } };

type Obj = Record<string, unknown>;

interface Call {
	method: string;
	path: string;
	query: Record<string, string>;
	body?: Obj;
}

/**
 * A small stateful JumpCloud: paged GET /systemusers, POST creates, PUT updates, search by
 * employee identifier. `failNextCreates` answers the next POSTs with 500 after (or without) storing.
 */
function fakeJumpCloud(initial: Obj[]) {
	const users = initial.map((u) => ({ ...u }));
	const calls: Call[] = [];
	const faults: Array<{ status: number; store: boolean }> = [];
	const gone = new Set<string>();
	let seq = 0;
	nock(BASE)
		.persist()
		.get('/api/systemusers')
		.query(true)
		.reply((uri) => {
			const url = new URL(uri, BASE);
			const query = Object.fromEntries(url.searchParams);
			calls.push({ method: 'GET', path: url.pathname, query });
			const skip = Number(query.skip ?? 0);
			const limit = Number(query.limit ?? 10);
			if (limit > 100) return [400, { message: 'limit exceeds maximum value of 100' }];
			return [200, { totalCount: users.length, results: users.slice(skip, skip + limit) }];
		})
		.post('/api/systemusers')
		.reply((uri, body) => {
			const sent = body as Obj;
			calls.push({ method: 'POST', path: '/api/systemusers', query: {}, body: sent });
			const fault = faults.shift();
			const created = { ...sent, _id: `new${++seq}` };
			if (!fault || fault.store) users.push(created);
			if (fault) return [fault.status, { message: 'Internal Server Error' }];
			return [200, created];
		})
		.put(/\/api\/systemusers\/.+/)
		.reply((uri, body) => {
			const id = decodeURIComponent(uri.split('/').pop() as string);
			calls.push({ method: 'PUT', path: `/api/systemusers/${id}`, query: {}, body: body as Obj });
			const user = users.find((u) => u._id === id);
			if (!user || gone.has(id)) return [404, { message: 'Not Found' }];
			Object.assign(user, body as Obj);
			return [200, user];
		})
		.post('/api/search/systemusers')
		.query(true)
		.reply((uri, body) => {
			const sent = body as { filter: { and: Array<Record<string, { $regex: string }>> } };
			calls.push({ method: 'SEARCH', path: '/api/search/systemusers', query: {}, body: sent as unknown as Obj });
			const [field, { $regex }] = Object.entries(sent.filter.and[0])[0];
			const re = new RegExp($regex.replace(/^\(\?i\)/, ''), 'i');
			const found = users.filter((u) => re.test(String(u[field] ?? '')));
			return [200, { totalCount: found.length, results: found }];
		});
	return { users, calls, faults, gone };
}

const employee = (id: string, over: Obj = {}): Obj => ({
	id,
	first_name: `Ana${id}`,
	last_name: 'Garcia',
	full_name: `Ana${id} Garcia`,
	email: `ana${id}@acme.test`,
	active: true,
	terminated_on: null,
	...over,
});
const user = (id: string, over: Obj = {}): Obj => ({
	_id: `u${id}`,
	username: `ana${id}.garcia`,
	email: `ana${id}@acme.test`,
	employeeIdentifier: id,
	state: 'ACTIVATED',
	firstname: `Ana${id}`,
	lastname: 'Garcia',
	displayname: `Ana${id} Garcia`,
	...over,
});

async function run(employees: Obj[], params: IDataObject = {}, continueOnFail = false): Promise<INodeExecutionData[]> {
	const ctx = createFakeContext({
		params: {
			authentication: 'apiKey',
			resource: 'directorySync',
			operation: 'reconcile',
			dryRun: false,
			maxSuspensionShare: 10,
			newUserState: 'STAGED',
			usernameSource: 'generate',
			usernameFormat: 'first.last',
			attributesToSync: ['email', 'firstname', 'lastname', 'displayname', 'jobTitle', 'department', 'manager'],
			reconcileOptions: {},
			...params,
		},
		items: employees.map((json) => ({ json: json as IDataObject })),
		credentials,
		credentialTypes: [new JumpCloudApi()],
		continueOnFail,
	});
	const [out] = await new JumpCloud().execute.call(ctx.asExecute());
	return out;
}

const summaryOf = (out: INodeExecutionData[]) => out[out.length - 1].json;
const writes = (calls: Call[]) => calls.filter((c) => c.method === 'POST' || c.method === 'PUT');

beforeAll(() => {
	nock.disableNetConnect();
	jumpCloudRetrySettings.hooks = { sleep: async () => undefined, random: () => 0 };
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	nock.enableNetConnect();
	jumpCloudRetrySettings.hooks = undefined;
});

/** 150 matched people (two pages) plus the cases under test. */
function company() {
	const employees = Array.from({ length: 150 }, (_, i) => employee(String(100 + i)));
	const users = Array.from({ length: 150 }, (_, i) => user(String(100 + i)));
	employees.push(employee('1', { last_name: 'Lopez', full_name: 'Ana1 Lopez' })); // update
	users.push(user('1'));
	employees.push(employee('2', { active: false, terminated_on: '2026-01-31' })); // suspend
	users.push(user('2'));
	employees.push(employee('3')); // reactivate
	users.push(user('3', { state: 'SUSPENDED' }));
	employees.push(employee('4', { first_name: 'Ana', last_name: 'Garcia' })); // create: ana.garcia is taken
	users.push(user('x', { username: 'ana.garcia', employeeIdentifier: '', email: 'someone@acme.test' }));
	employees.push(employee('5', { email: null })); // skipped
	return { employees, users };
}

test('dry run reads the directory once (100 a page, needed fields only) and writes nothing', async () => {
	const { employees, users } = company();
	const jc = fakeJumpCloud(users);
	const out = await run(employees, { dryRun: true });

	const reads = jc.calls.filter((c) => c.method === 'GET');
	expect(reads).toHaveLength(2);
	expect(reads[0].query).toMatchObject({ limit: '100', skip: '0', sort: '_id' });
	expect(reads[0].query.fields.split(' ')).toEqual(expect.arrayContaining(['_id', 'username', 'email', 'employeeIdentifier', 'state']));
	expect(writes(jc.calls)).toHaveLength(0);
	expect(jc.calls.filter((c) => c.method === 'SEARCH')).toHaveLength(0);

	const actions = out.slice(0, -1).map((o) => o.json);
	expect(actions.map((a) => [a.action, a.employeeId, a.result])).toEqual([
		['create', '4', 'planned'],
		['update', '1', 'planned'],
		['reactivate', '3', 'planned'],
		['suspend', '2', 'planned'],
	]);
	expect(actions[0].username).toBe('ana.garcia1');
	expect(summaryOf(out)).toMatchObject({
		summary: true,
		dryRun: true,
		created: 1,
		updated: 1,
		reactivated: 1,
		suspended: 1,
		unchanged: 150,
		skipped: [{ employeeId: '5', reason: 'no work email' }],
		conflicts: 0,
	});
});

test('a real run applies exactly one write per change, paired to the source employee', async () => {
	const { employees, users } = company();
	const jc = fakeJumpCloud(users);
	const out = await run(employees);

	const w = writes(jc.calls);
	expect(w.map((c) => `${c.method} ${c.path}`)).toEqual([
		'POST /api/systemusers',
		'PUT /api/systemusers/u1',
		'PUT /api/systemusers/u3',
		'PUT /api/systemusers/u2',
	]);
	expect(w[0].body).toMatchObject({ username: 'ana.garcia1', employeeIdentifier: '4', email: 'ana4@acme.test', state: 'STAGED' });
	expect(w[1].body).toEqual({ lastname: 'Lopez', displayname: 'Ana1 Lopez' });
	expect(w[2].body).toEqual({ state: 'ACTIVATED', suspended: false });
	expect(w[3].body).toEqual({ state: 'SUSPENDED', suspended: true });

	const byEmployee = Object.fromEntries(out.slice(0, -1).map((o) => [o.json.employeeId, o]));
	expect(byEmployee['4'].json).toMatchObject({ action: 'create', result: 'done', userId: 'new1' });
	expect(byEmployee['4'].pairedItem).toEqual({ item: employees.findIndex((e) => e.id === '4') });
	expect(summaryOf(out)).toMatchObject({ dryRun: false, created: 1, updated: 1, reactivated: 1, suspended: 1, failed: 0 });
	expect(out[out.length - 1].pairedItem).toHaveLength(employees.length);

	// Converged: a second run finds nothing to do.
	jc.calls.length = 0;
	const again = await run(employees);
	expect(writes(jc.calls)).toHaveLength(0);
	expect(summaryOf(again)).toMatchObject({ created: 0, updated: 0, suspended: 0, reactivated: 0, unchanged: 154 });
});

test('the safety brake refuses before any write and says how to proceed', async () => {
	const employees = Array.from({ length: 20 }, (_, i) => employee(String(i), i < 3 ? { active: false } : {}));
	const jc = fakeJumpCloud(employees.map((e) => user(String(e.id))));
	const error = await run(employees).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as NodeOperationError).message).toMatch(/Safety brake: this run would suspend 3 of 20 matched JumpCloud users \(15\.0%\), more than the allowed 10%/);
	expect((error as NodeOperationError).description).toMatch(/Override Safety Brake/);
	expect(writes(jc.calls)).toHaveLength(0);

	// Dry run reports the brake instead of failing; override lets it through.
	const dry = await run(employees, { dryRun: true });
	expect(summaryOf(dry)).toMatchObject({ safetyBrake: { triggered: true, suspensions: 3, limit: 2 } });
	const forced = await run(employees, { reconcileOptions: { overrideSafetyBrake: true } });
	expect(summaryOf(forced)).toMatchObject({ suspended: 3, safetyBrake: { overridden: true } });
});

test('a create that failed ambiguously is checked, never duplicated', async () => {
	const jc = fakeJumpCloud([]);
	// 500 although JumpCloud stored the user: the re-check finds it, no second POST.
	jc.faults.push({ status: 500, store: true });
	const out = await run([employee('7')]);
	expect(jc.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
	expect(jc.users.filter((u) => u.employeeIdentifier === '7')).toHaveLength(1);
	expect(out[0].json).toMatchObject({ action: 'create', result: 'alreadyExisted' });

	// 503 without storing: the re-check finds nothing, so the create is sent again once.
	jc.calls.length = 0;
	jc.faults.push({ status: 503, store: false });
	const second = await run([employee('7'), employee('8')]);
	expect(jc.calls.filter((c) => c.method === 'POST')).toHaveLength(2);
	expect(jc.users.filter((u) => u.employeeIdentifier === '8')).toHaveLength(1);
	expect(second[0].json).toMatchObject({ employeeId: '8', result: 'done' });
});

test('username from an input field; a taken one is skipped with its reason', async () => {
	const jc = fakeJumpCloud([user('1', { username: 'taken' })]);
	const out = await run(
		[employee('1'), employee('8', { username: 'ana.new' }), employee('9', { username: 'TAKEN' })],
		{ usernameSource: 'field', usernameField: 'username' },
	);
	expect(jc.calls.filter((c) => c.method === 'POST').map((c) => c.body?.username)).toEqual(['ana.new']);
	expect(summaryOf(out).skipped).toEqual([{ employeeId: '9', reason: 'the username "TAKEN" is already taken in JumpCloud' }]);
});

test('failed writes: the rest is applied, then the node fails unless Continue On Fail', async () => {
	const employees = [employee('1', { last_name: 'X' }), employee('2', { last_name: 'Y' })];
	const jc = fakeJumpCloud([user('1'), user('2')]);
	jc.gone.add('u1'); // deleted in JumpCloud between the read and the write

	const error = await run(employees).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as Error).message).toBe('Reconciliation finished with 1 failed action(s) of 2; the others were applied');
	expect(jc.users.find((u) => u._id === 'u2')?.lastname).toBe('Y');

	const out = await run(employees, {}, true);
	expect(out[0].json).toMatchObject({ employeeId: '1', result: 'failed', error: expect.stringMatching(/404/) });
	expect(summaryOf(out)).toMatchObject({ failed: 1 });
});

test('manager links to users created in the same run converge in one run', async () => {
	// 10 is a new manager (not in JumpCloud), 11 an existing report, 12 a new hire reporting to 10.
	const employees = [employee('12', { manager_id: '10' }), employee('11', { manager_id: '10' }), employee('10')];
	const jc = fakeJumpCloud([user('11')]);
	await run(employees);
	const posts = jc.calls.filter((c) => c.method === 'POST');
	expect(posts.map((c) => c.body?.employeeIdentifier)).toEqual(['10', '12']);
	const managerUserId = jc.users.find((u) => u.employeeIdentifier === '10')?._id;
	expect(posts[1].body?.manager).toBe(managerUserId);
	expect(jc.calls.find((c) => c.method === 'PUT')?.body).toEqual({ manager: managerUserId });

	jc.calls.length = 0;
	const again = await run(employees);
	expect(writes(jc.calls)).toHaveLength(0);
	expect(summaryOf(again)).toMatchObject({ unchanged: 3 });
});

describe('parameters of any type', () => {
	test.each([
		[{ attributesToSync: 42 }, "'Attributes to Sync' must be a list, not the number 42 [item 0]"],
		[{ attributesToSync: ['email', { a: 1 }] }, "'Attributes to Sync' must list options, not an object [item 0]"],
		[{ maxSuspensionShare: 'ten' }, "'Max Suspension Share (%)' must be a number, not a string [item 0]"],
		[{ maxSuspensionShare: 150 }, "'Max Suspension Share (%)' must be between 0 and 100, not 150 [item 0]"],
		[{ reconcileOptions: 'all' }, "'Options' must be a set of fields, not a string [item 0]"],
		[{ reconcileOptions: { maxUsernameLength: 2 } }, "'Max Username Length' must be a whole number of at least 3, not 2 [item 0]"],
		[{ reconcileOptions: { overrideSafetyBrake: 'yes' } }, "'Override Safety Brake' must be true or false, not a string [item 0]"],
		[{ usernameFormat: { preset: 'flast' } }, "'Username Format' must be text, not an object [item 0]"],
		[{ newUserState: 'ACTIVE' }, "'New User State' \"ACTIVE\" is not one of: Staged, Activated [item 0]"],
		[{ usernameSource: 'field', usernameField: ['a'] }, "'Username Field' must be text, not a list [item 0]"],
	])('%j ends in a NodeOperationError naming the parameter, before any request', async (params, message) => {
		const error = await run([employee('1')], params).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(message);
	});

	test('null collections and lists mean their defaults', async () => {
		fakeJumpCloud([user('1')]);
		const out = await run([employee('1')], { reconcileOptions: null, attributesToSync: null, dryRun: null });
		expect(summaryOf(out)).toMatchObject({ dryRun: true, unchanged: 1, failed: 0 });
	});

	test('a username field holding an object skips that create with the reason', async () => {
		const jc = fakeJumpCloud([]);
		const out = await run([employee('1', { login: { name: 'x' } })], { usernameSource: 'field', usernameField: 'login' });
		expect(summaryOf(out).skipped).toEqual([{ employeeId: '1', reason: 'the input field "login" must be text, not an object' }]);
		expect(writes(jc.calls)).toEqual([]);
	});
});
