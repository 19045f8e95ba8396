import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { employee, runReconcile, user } from '../../helpers/reconcile';
import { SUSPENSION_MARK } from '../../../nodes/lib/suspensionMark';

/** The sync suspended this user (issue 21): only such suspensions are lifted. */
const bySync = [{ name: SUSPENSION_MARK, value: '2026-01-31T22:59:00.000Z' }];

const BASE = 'https://jc.test';
const FACTORIAL = 'https://factorial.test';
const FACTORIAL_ROOT = '/api/2026-10-01/resources';
const credentials = {
	jumpCloudApi: { region: 'custom', customUrl: BASE, apiKey: 'test-key', orgId: '' },
	factorialApi: {
		environment: 'custom',
		customUrl: FACTORIAL,
		apiKey: 'factorial-test-key',
		apiVersion: '2026-10-01',
	},
};

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
 * Scheduled state changes as the contract's BulkUserState_List (a bare array, paged by limit/skip, at
 * most 100) and BulkUserState_Delete (204).
 */
function fakeJumpCloud(initial: Obj[], scheduled: Obj[] = []) {
	const users = initial.map((u) => ({ ...u }));
	const jobs = scheduled.map((j) => ({ ...j }));
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
			calls.push({
				method: 'SEARCH',
				path: '/api/search/systemusers',
				query: {},
				body: sent as unknown as Obj,
			});
			const [field, { $regex }] = Object.entries(sent.filter.and[0])[0];
			const re = new RegExp($regex.replace(/^\(\?i\)/, ''), 'i');
			const found = users.filter((u) => re.test(String(u[field] ?? '')));
			return [200, { totalCount: found.length, results: found }];
		})
		.get('/api/v2/bulk/userstates')
		.query(true)
		.reply((uri) => {
			const url = new URL(uri, BASE);
			const query = Object.fromEntries(url.searchParams);
			calls.push({ method: 'GET', path: url.pathname, query });
			const skip = Number(query.skip ?? 0);
			const limit = Number(query.limit ?? 10);
			if (limit > 100) return [400, { message: 'limit exceeds maximum value of 100' }];
			return [200, jobs.slice(skip, skip + limit)];
		})
		.delete(/\/api\/v2\/bulk\/userstates\/.+/)
		.reply((uri) => {
			const id = decodeURIComponent(uri.split('/').pop() as string);
			calls.push({ method: 'DELETE', path: `/api/v2/bulk/userstates/${id}`, query: {} });
			const at = jobs.findIndex((j) => j.scheduledJobId === id);
			if (at < 0) return [404, { message: 'Not Found' }];
			jobs.splice(at, 1);
			return [204, ''];
		});
	return { users, calls, faults, gone, jobs };
}

async function run(
	employees: Obj[],
	params: IDataObject = {},
	continueOnFail = false,
	items: INodeExecutionData[] = employees.map((json) => ({ json: json as IDataObject })),
): Promise<INodeExecutionData[]> {
	return await runReconcile({
		params: {
			attributesToSync: [
				'email',
				'firstname',
				'lastname',
				'displayname',
				'jobTitle',
				'department',
				'manager',
			],
			...params,
		},
		items,
		credentials,
		credentialTypes: [new JumpCloudApi(), new FactorialApi()],
		continueOnFail,
	});
}

const summaryOf = (out: INodeExecutionData[]) => out[out.length - 1].json;
const writes = (calls: Call[]) => calls.filter((c) => c.method === 'POST' || c.method === 'PUT');

beforeAll(() => {
	nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	nock.enableNetConnect();
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
	users.push(user('3', { state: 'SUSPENDED', attributes: bySync }));
	employees.push(employee('4', { first_name: 'Ana', last_name: 'Garcia' })); // create: ana.garcia is taken
	users.push(
		user('x', { username: 'ana.garcia', employeeIdentifier: '', email: 'someone@acme.test' }),
	);
	employees.push(employee('5', { email: null })); // skipped
	return { employees, users };
}

test('dry run reads the directory once (100 a page, needed fields only) and writes nothing', async () => {
	const { employees, users } = company();
	const jc = fakeJumpCloud(users);
	const out = await run(employees, { dryRun: true });

	const reads = jc.calls.filter((c) => c.method === 'GET' && c.path === '/api/systemusers');
	expect(reads).toHaveLength(2);
	// The plan suspends: JumpCloud's scheduled changes are listed once (a leaver's activation is cancelled).
	expect(jc.calls.filter((c) => c.path === '/api/v2/bulk/userstates')).toHaveLength(1);
	expect(reads[0].query).toMatchObject({ limit: '100', skip: '0', sort: '_id' });
	expect(reads[0].query.fields.split(' ')).toEqual(
		expect.arrayContaining(['_id', 'username', 'email', 'employeeIdentifier', 'state']),
	);
	expect(writes(jc.calls)).toHaveLength(0);
	expect(jc.calls.filter((c) => c.method === 'SEARCH')).toHaveLength(0);

	const actions = out.slice(0, -1).map((o) => o.json);
	expect(actions.map((a) => [a.action, a.employeeId, a.result])).toEqual([
		['create', '4', 'planned'],
		['update', '1', 'planned'],
		['reactivate', '3', 'planned'],
		['suspend', '2', 'planned'],
		['skip', '5', 'skipped'],
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

test('the summary reports the orphans (users no employee accounts for) at no extra request, and nothing is done to them', async () => {
	const { employees, users } = company();
	users.push(
		user('y', { username: 'gone.user', email: 'gone@acme.test', employeeIdentifier: '777' }),
	);
	for (const dryRun of [true, false]) {
		const jc = fakeJumpCloud(users);
		const out = await run(employees, { dryRun });
		// The same reads as without the report: the user list (two pages) and the scheduled changes once.
		expect(jc.calls.filter((c) => c.method === 'GET').map((c) => c.path)).toEqual([
			'/api/systemusers',
			'/api/systemusers',
			'/api/v2/bulk/userstates',
		]);
		expect(summaryOf(out).orphans).toEqual({
			total: 2,
			byReason: { unknown_identifier: 1, no_identifier: 1 },
			why: {
				unknown_identifier: expect.stringContaining('no Factorial employee id'),
				no_identifier: expect.stringContaining('no employee identifier'),
			},
			users: [
				{
					id: 'uy',
					username: 'gone.user',
					email: 'gone@acme.test',
					state: 'ACTIVATED',
					reason: 'unknown_identifier',
					employeeId: '777',
				},
				{
					id: 'ux',
					username: 'ana.garcia',
					email: 'someone@acme.test',
					state: 'ACTIVATED',
					reason: 'no_identifier',
				},
			],
			omitted: 0,
		});
		// Never acted on (Suspend Unmatched Users is off) and no output item of their own.
		expect(writes(jc.calls).some((c) => /\/u[xy]$/.test(c.path))).toBe(false);
		expect(out.slice(0, -1).some((o) => ['uy', 'ux'].includes(String(o.json.userId)))).toBe(false);
		nock.cleanAll();
	}
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
	expect(w[0].body).toMatchObject({
		username: 'ana.garcia1',
		employeeIdentifier: '4',
		email: 'ana4@acme.test',
		state: 'STAGED',
	});
	expect(w[1].body).toEqual({ lastname: 'Lopez', displayname: 'Ana1 Lopez' });
	expect(w[2].body).toEqual({ state: 'ACTIVATED', suspended: false, attributes: [] });
	expect(w[3].body).toEqual({
		state: 'SUSPENDED',
		suspended: true,
		attributes: [{ name: SUSPENSION_MARK, value: expect.any(String) }],
	});

	const byEmployee = Object.fromEntries(out.slice(0, -1).map((o) => [o.json.employeeId, o]));
	expect(byEmployee['4'].json).toMatchObject({ action: 'create', result: 'done', userId: 'new1' });
	expect(byEmployee['4'].pairedItem).toEqual({ item: employees.findIndex((e) => e.id === '4') });
	expect(summaryOf(out)).toMatchObject({
		dryRun: false,
		created: 1,
		updated: 1,
		reactivated: 1,
		suspended: 1,
		failed: 0,
	});
	expect(out[out.length - 1].pairedItem).toHaveLength(employees.length);

	// Converged: a second run finds nothing to do.
	jc.calls.length = 0;
	const again = await run(employees);
	expect(writes(jc.calls)).toHaveLength(0);
	expect(summaryOf(again)).toMatchObject({
		created: 0,
		updated: 0,
		suspended: 0,
		reactivated: 0,
		unchanged: 154,
	});
});

test('the safety brake refuses before any write and says how to proceed', async () => {
	const employees = Array.from({ length: 20 }, (_, i) =>
		employee(String(i), i < 3 ? { active: false } : {}),
	);
	const jc = fakeJumpCloud(employees.map((e) => user(String(e.id))));
	const error = await run(employees).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as NodeOperationError).message).toMatch(
		/Safety brake: this run would suspend 3 of 20 managed JumpCloud users \(15\.0%\), more than the allowed 10%/,
	);
	expect((error as NodeOperationError).description).toMatch(/Override Safety Brake/);
	expect(writes(jc.calls)).toHaveLength(0);

	// Dry run reports the brake instead of failing; override lets it through.
	const dry = await run(employees, { dryRun: true });
	expect(summaryOf(dry)).toMatchObject({
		safetyBrake: { triggered: true, suspensions: 3, limit: 2 },
	});
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
	expect(jc.calls.filter((c) => c.method === 'POST').map((c) => c.body?.username)).toEqual([
		'ana.new',
	]);
	expect(summaryOf(out).skipped).toEqual([
		{ employeeId: '9', reason: 'the username "TAKEN" is already taken in JumpCloud' },
	]);
});

test('failed writes: the rest is applied, then the node fails unless Continue On Fail', async () => {
	const employees = [employee('1', { last_name: 'X' }), employee('2', { last_name: 'Y' })];
	const jc = fakeJumpCloud([user('1'), user('2')]);
	jc.gone.add('u1'); // deleted in JumpCloud between the read and the write

	const error = await run(employees).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as Error).message).toBe(
		'Reconciliation finished with 1 failed action(s) of 2; the others were applied',
	);
	expect(jc.users.find((u) => u._id === 'u2')?.lastname).toBe('Y');

	const out = await run(employees, {}, true);
	expect(out[0].json).toMatchObject({
		employeeId: '1',
		result: 'failed',
		error: expect.stringMatching(/404/),
	});
	expect(summaryOf(out)).toMatchObject({ failed: 1 });
});

test('manager links to users created in the same run converge in one run', async () => {
	// 10 is a new manager (not in JumpCloud), 11 an existing report, 12 a new hire reporting to 10.
	const employees = [
		employee('12', { manager_id: '10' }),
		employee('11', { manager_id: '10' }),
		employee('10'),
	];
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
		[
			{ attributesToSync: ['email', { a: 1 }] },
			"'Attributes to Sync' must list options, not an object [item 0]",
		],
		[{ maxSuspensionShare: 'ten' }, "Invalid input for 'Max Suspension Share (%)' [item 0]"],
		[
			{ maxSuspensionShare: 150 },
			"'Max Suspension Share (%)' must be a number between 0 and 100, not 150 [item 0]",
		],
		[{ reconcileOptions: 'all' }, "'Options' must be a set of fields, not a string [item 0]"],
		[
			{ reconcileOptions: { maxUsernameLength: 2 } },
			"'Max Username Length' must be a whole number of at least 3, not 2 [item 0]",
		],
		[
			{ reconcileOptions: { overrideSafetyBrake: 'yes' } },
			"Invalid input for field 'Override Safety Brake' inside 'Options' in [item 0]",
		],
		[
			{ usernameFormat: { preset: 'flast' } },
			"'Username Format' must be text, not an object [item 0]",
		],
		[
			{ newUserState: 'ACTIVE' },
			'\'New User State\' "ACTIVE" is not one of: Staged, Activated [item 0]',
		],
		[
			{ usernameSource: 'field', usernameField: ['a'] },
			"'Username Field' must be text, not a list [item 0]",
		],
	])(
		'%j ends in a NodeOperationError naming the parameter, before any request',
		async (params, message) => {
			const error = await run([employee('1')], params).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).message).toBe(message);
		},
	);

	// A null Options collection never reaches the node: n8n's own validation of its typed fields refuses it
	// first (docs/reference/n8n-parameters.md), so only null lists and scalars are tried here.
	test('null lists and scalars mean their defaults', async () => {
		fakeJumpCloud([user('1')]);
		const out = await run([employee('1')], {
			attributesToSync: null,
			dryRun: null,
		});
		expect(summaryOf(out)).toMatchObject({ dryRun: true, unchanged: 1, failed: 0 });
	});

	test('a username field holding an object skips that create with the reason', async () => {
		const jc = fakeJumpCloud([]);
		const out = await run([employee('1', { login: { name: 'x' } })], {
			usernameSource: 'field',
			usernameField: 'login',
		});
		expect(summaryOf(out).skipped).toEqual([
			{ employeeId: '1', reason: 'the input field "login" must be text, not an object' },
		]);
		expect(writes(jc.calls)).toEqual([]);
	});
});

describe('adoption by email (an unlinked JumpCloud user with the work email)', () => {
	const unlinked = () => user('x', { employeeIdentifier: '', email: 'ana1@acme.test' });

	test('off by default: reported as a conflict, nothing written', async () => {
		const jc = fakeJumpCloud([unlinked()]);
		const out = await run([employee('1')]);
		expect(jc.calls.filter((c) => c.method === 'PUT' || c.method === 'POST')).toEqual([]);
		expect(out[0].json).toMatchObject({
			action: 'conflict',
			userIds: ['ux'],
			result: 'notActedOn',
		});
		expect(out[out.length - 1].json).toMatchObject({ adopted: 0, updated: 0, created: 0 });
	});

	test('with an email-domain allow-list: its own action in the dry run and the summary, then written', async () => {
		const jc = fakeJumpCloud([unlinked()]);
		const reconcileOptions = { adoptByEmail: true, adoptionEmailDomains: 'acme.test' };
		const dry = await run([employee('1')], { dryRun: true, reconcileOptions });
		expect(dry[0].json).toMatchObject({ action: 'adopt', userId: 'ux', result: 'planned' });
		expect(dry[dry.length - 1].json).toMatchObject({ adopted: 1, updated: 0 });
		expect(jc.calls.filter((c) => c.method === 'PUT')).toEqual([]);

		const out = await run([employee('1')], { reconcileOptions });
		expect(out[0].json).toMatchObject({ action: 'adopt', result: 'done' });
		expect(jc.calls.find((c) => c.method === 'PUT')?.body).toMatchObject({
			employeeIdentifier: '1',
		});
	});

	test('with a group allow-list: only members of the group are adopted', async () => {
		const group = '5f1b2c3d4e5f6a7b8c9d0e1f';
		const jc = fakeJumpCloud([
			unlinked(),
			user('y', { employeeIdentifier: '', email: 'ana2@acme.test' }),
		]);
		nock(BASE)
			.get(`/api/v2/usergroups/${group}/members`)
			.query(true)
			.reply(200, [{ to: { id: 'uy', type: 'user' } }], { 'x-total-count': '1' });
		const out = await run([employee('1'), employee('2')], {
			reconcileOptions: { adoptByEmail: true, adoptionGroupIds: group },
		});
		expect(out.filter((o) => o.json.action === 'adopt').map((o) => o.json.userId)).toEqual(['uy']);
		expect(out.find((o) => o.json.action === 'conflict')?.json.userIds).toEqual(['ux']);
		expect(jc.calls.filter((c) => c.method === 'PUT').map((c) => c.path)).toEqual([
			'/api/systemusers/uy',
		]);
	});

	test.each([
		[{ adoptByEmail: true }, /Adopt Users by Email' is on without an allow-list/],
		[{ adoptByEmail: true, adoptionGroupIds: '../../x' }, /not JumpCloud group IDs/],
		[{ adoptByEmail: true, adoptionEmailDomains: 'not a domain' }, /are not domains/],
	])('%j is refused before any request', async (reconcileOptions, message) => {
		const jc = fakeJumpCloud([unlinked()]);
		const error = await run([employee('1')], { reconcileOptions }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
		expect(jc.calls).toEqual([]);
	});
});

test('the creation brake stops a real run before any write (a partial read makes people look new)', async () => {
	const employees = Array.from({ length: 30 }, (_, i) => employee(String(i + 1)));
	const jc = fakeJumpCloud([user('1')]);
	const error = await run(employees).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as Error).message).toMatch(
		/Safety brake: this run would create or reactivate 29 JumpCloud users/,
	);
	expect(jc.calls.filter((c) => c.method !== 'GET')).toEqual([]);
});

test('username from an input field: reserved, lookalike and invalid names are skipped with their reason', async () => {
	const jc = fakeJumpCloud([user('1')]);
	const out = await run(
		[
			employee('1'),
			employee('7', { username: 'ok.name' }),
			employee('8', { username: 'Root' }),
			employee('9', { username: '\u0430dmin' }),
			employee('10', { username: 'support' }),
		],
		{
			usernameSource: 'field',
			usernameField: 'username',
			reconcileOptions: { reservedUsernames: 'support' },
		},
	);
	expect(jc.calls.filter((c) => c.method === 'POST').map((c) => c.body?.username)).toEqual([
		'ok.name',
	]);
	expect(summaryOf(out).skipped).toEqual([
		{
			employeeId: '8',
			reason: 'the username "Root" is reserved (a system or privileged account name)',
		},
		{
			employeeId: '9',
			reason:
				'the username "\u0430dmin" is not valid (letters, digits, ".", "_" and "-", starting with a letter)',
		},
		{
			employeeId: '10',
			reason: 'the username "support" is reserved (a system or privileged account name)',
		},
	]);
});

describe('output contract: bounded by default, everything on request', () => {
	const decisions = (out: INodeExecutionData[]) =>
		out.slice(0, -1).map((o) => [o.json.action, o.json.employeeId, o.json.result]);

	test('emits the changes, each skip with its reason and the summary; unchanged employees add no item', async () => {
		const { employees, users } = company();
		fakeJumpCloud(users);
		const out = await run(employees, { dryRun: true });
		// 150 unchanged employees, 6 items: four changes, one skip, the summary.
		expect(out).toHaveLength(6);
		const skip = out.find((o) => o.json.action === 'skip');
		expect(skip?.json).toEqual({
			action: 'skip',
			employeeId: '5',
			reason: 'no work email',
			result: 'skipped',
			dryRun: true,
		});
		expect(skip?.pairedItem).toEqual({ item: employees.length - 1 });
		expect(out.some((o) => o.json.result === 'unchanged')).toBe(false);

		// Ten times the unchanged employees: the same items.
		nock.cleanAll();
		const more = company();
		for (let i = 0; i < 1350; i++) {
			more.employees.push(employee(String(1000 + i)));
			more.users.push(user(String(1000 + i)));
		}
		fakeJumpCloud(more.users);
		const bigger = await run(more.employees, { dryRun: true });
		expect(decisions(bigger)).toEqual(decisions(out));
		expect(summaryOf(bigger).unchanged).toBe(1500);
	});

	test('Output Unchanged Employees adds one item per unchanged employee, paired to it', async () => {
		const { employees, users } = company();
		fakeJumpCloud(users);
		const out = await run(employees, {
			dryRun: true,
			reconcileOptions: { outputUnchanged: true },
		});
		const unchanged = out.filter((o) => o.json.result === 'unchanged');
		expect(unchanged).toHaveLength(150);
		expect(unchanged[0].json).toEqual({
			action: 'none',
			employeeId: '100',
			userId: 'u100',
			result: 'unchanged',
			dryRun: true,
		});
		expect(unchanged[0].pairedItem).toEqual({ item: 0 });
		expect(unchanged.map((o) => o.json.employeeId)).toEqual(
			Array.from({ length: 150 }, (_, i) => String(100 + i)),
		);
		expect(out).toHaveLength(6 + 150);
	});

	test('Read From Factorial lists the employees itself: same requests and decisions, every item paired to the one input', async () => {
		const { employees, users } = company();
		fakeJumpCloud(users);
		const viaInput = await run(employees, { dryRun: true });

		nock.cleanAll();
		fakeJumpCloud(users);
		const listed: string[] = [];
		const pageOf = (data: Obj[], next?: string) => ({
			data,
			meta: { has_next_page: !!next, end_cursor: next ?? null, limit: 100 },
		});
		const factorial = nock(FACTORIAL)
			.persist()
			.get(/.*/)
			.query(true)
			.reply(function (uri) {
				expect(this.req.headers['x-api-key']).toBe('factorial-test-key');
				const url = new URL(uri, FACTORIAL);
				const path = url.pathname.replace(`${FACTORIAL_ROOT}/`, '');
				listed.push(`${path}?${url.searchParams.get('after_id') ?? ''}`);
				if (path !== 'employees/employees') return [200, pageOf([])];
				const start = Number(url.searchParams.get('after_id') ?? 0);
				const next = start + 100 < employees.length ? String(start + 100) : undefined;
				return [200, pageOf(employees.slice(start, start + 100), next)];
			});
		const out = await run(
			[],
			{ dryRun: true, employeeSource: 'factorial', factorialAuthentication: 'apiKey' },
			false,
			[{ json: { dryRun: true } }],
		);
		expect(factorial.isDone()).toBe(true);
		expect(listed.sort()).toEqual(
			[
				'contracts/contract_versions?',
				'employees/employees?',
				'employees/employees?100',
				// Once, for each employee's location time zone (the activation rule).
				'locations/locations?',
				'teams/memberships?',
				'teams/teams?',
			].sort(),
		);
		expect(decisions(out)).toEqual(decisions(viaInput));
		expect(summaryOf(out)).toMatchObject({ employees: employees.length, unchanged: 150 });
		const pairs = out.flatMap((o) => [o.pairedItem].flat() as Array<{ item: number }>);
		expect(pairs).toHaveLength(out.length);
		expect(pairs.every((p) => p.item === 0)).toBe(true);
	});
	test("Read From Factorial takes the work email from the credential's Work Email Field, as the other Factorial reads do", async () => {
		// Factorial's own descriptions of `email` disagree; the admin picks the field once, in the credential.
		const raw = [employee('1', { email: 'ana1@acme.test', login_email: 'ana.one@acme.test' })];
		const planFor = async (workEmailField?: string) => {
			nock.cleanAll();
			fakeJumpCloud([user('1')]);
			nock(FACTORIAL)
				.persist()
				.get(/.*/)
				.query(true)
				.reply((uri) => {
					const path = new URL(uri, FACTORIAL).pathname.replace(`${FACTORIAL_ROOT}/`, '');
					const data = path === 'employees/employees' ? raw : [];
					return [200, { data, meta: { has_next_page: false, end_cursor: null, limit: 100 } }];
				});
			const out = await runReconcile({
				params: {
					attributesToSync: ['email', 'firstname', 'lastname'],
					dryRun: true,
					employeeSource: 'factorial',
					factorialAuthentication: 'apiKey',
				},
				items: [{ json: {} }],
				credentials: {
					...credentials,
					factorialApi: {
						...credentials.factorialApi,
						...(workEmailField ? { workEmailField } : {}),
					},
				},
				credentialTypes: [new JumpCloudApi(), new FactorialApi()],
			});
			return out.slice(0, -1).map((o) => [o.json.action, o.json.employeeId, o.json.diff]);
		};

		expect(await planFor()).toEqual([]);
		expect(await planFor('email')).toEqual([]);
		expect(await planFor('login_email')).toEqual([
			['update', '1', { email: { from: 'ana1@acme.test', to: 'ana.one@acme.test' } }],
		]);
	});
});

// Issue 16: custom field → custom attribute pairs, configured once (the same `customAttributeMap` as Map
// From → A Factorial Employee Item), are compared and written by the reconciliation too.
describe('custom attributes from item fields', () => {
	const customAttributeMap = { pair: [{ field: 'cost_center', attribute: 'costCenter' }] };

	test('the dry run shows the change; a real run writes it (keeping the other attributes); the next run leaves it', async () => {
		const jc = fakeJumpCloud([user('1', { attributes: [{ name: 'badge', value: '7' }] })]);
		const employees = [
			employee('1', { cost_center: 'CC-10' }),
			employee('2', { cost_center: 'CC-20' }),
		];
		const dry = await run(employees, { dryRun: true, customAttributeMap });
		expect(dry.slice(0, -1).map((o) => [o.json.action, o.json.employeeId, o.json.diff])).toEqual([
			[
				'create',
				'2',
				expect.objectContaining({ 'attributes.costCenter': { from: '', to: 'CC-20' } }),
			],
			['update', '1', { 'attributes.costCenter': { from: '', to: 'CC-10' } }],
		]);
		expect(writes(jc.calls)).toEqual([]);
		const read = jc.calls.find((c) => c.method === 'GET');
		expect(read?.query.fields.split(' ')).toContain('attributes');

		await run(employees, { customAttributeMap });
		const [post, put] = writes(jc.calls);
		expect(post.body?.attributes).toEqual([{ name: 'costCenter', value: 'CC-20' }]);
		expect(put).toMatchObject({ method: 'PUT', path: '/api/systemusers/u1' });
		expect(put.body).toEqual({
			attributes: [
				{ name: 'badge', value: '7' },
				{ name: 'costCenter', value: 'CC-10' },
			],
		});

		jc.calls.length = 0;
		const again = await run(employees, { customAttributeMap });
		expect(writes(jc.calls)).toEqual([]);
		expect(summaryOf(again)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

		// Changed in Factorial: written again, once.
		const moved = await run([employee('1', { cost_center: 'CC-11' }), employees[1]], {
			customAttributeMap,
		});
		expect(writes(jc.calls).map((c) => c.body)).toEqual([
			{
				attributes: [
					{ name: 'badge', value: '7' },
					{ name: 'costCenter', value: 'CC-11' },
				],
			},
		]);
		expect(summaryOf(moved)).toMatchObject({ updated: 1, unchanged: 1 });
	});

	test.each([
		[
			{ customAttributeMap: { pair: [{ field: 'cost_center', attribute: 'cost-center' }] } },
			/'Custom Attributes From Fields' name "cost-center" must be 1 to 31 letters or digits/,
		],
		[
			{
				customAttributeMap: { pair: [{ field: ' Work_Email ', attribute: 'costCenter' }] },
				employeeSource: 'factorial',
				factorialAuthentication: 'apiKey',
			},
			/'Custom Attributes From Fields' Item Field "Work_Email" is the employee field "work_email"/,
		],
		[
			{
				customAttributeMap: { pair: [{ field: 'team_names', attribute: 'teams' }] },
				employeeSource: 'factorial',
				factorialAuthentication: 'apiKey',
			},
			/'Custom Attributes From Fields' Item Field "team_names" is the employee field "team_names"/,
		],
	])('%j is refused before any request', async (params, message) => {
		const jc = fakeJumpCloud([user('1')]);
		const factorial = nock(FACTORIAL).persist().get(/.*/).query(true).reply(500);
		const error = await run([employee('1')], params).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
		expect(jc.calls).toEqual([]);
		expect(factorial.isDone()).toBe(false);
		nock.cleanAll();
	});
});

// Issue 16, with Employees: Read From Factorial (the Nightly template's mode): the node reads the custom
// field values itself and a pair's Item Field names the Factorial custom field.
describe('custom attributes with Employees: Read From Factorial', () => {
	const fromFactorial = { employeeSource: 'factorial', factorialAuthentication: 'apiKey' };
	const raw = [employee('1'), employee('2'), employee('3')];
	/** A custom field value as GET custom_fields/values answers it (SDK model CustomFieldsValue). */
	const value = (id: string, employeeId: string, over: Obj = {}): Obj => ({
		id,
		field_id: '7',
		custom_field_identifier: 'cost_center',
		label: 'Cost Center',
		valuable_type: 'Employee',
		valuable_id: employeeId,
		value: `CC-${employeeId}0`,
		required: false,
		updated_at: '2026-12-01T10:00:00Z',
		...over,
	});
	const defaultValues = (): Obj[] => [
		value('1', '1'),
		value('2', '2'),
		// Employee 3 has no cost center; a document's value for field 7 is not an employee's.
		value('3', '3', { valuable_type: 'Document' }),
		// Another field, identifier "badge", typed column only (a number field: cents_value).
		value('4', '1', {
			field_id: '8',
			custom_field_identifier: 'badge',
			label: 'Badge Number',
			value: undefined,
			cents_value: 1250,
		}),
	];

	/** Factorial: paged employees (2 a page for values, to prove every page is read), the rest empty. */
	function fakeFactorial(values: Obj[] = defaultValues(), valuePage = 2) {
		const listed: string[] = [];
		const page = (data: Obj[], start: number, size: number) => {
			const next = start + size < data.length ? String(start + size) : null;
			return {
				data: data.slice(start, start + size),
				meta: { has_next_page: next !== null, end_cursor: next, limit: 100, total: data.length },
			};
		};
		nock(FACTORIAL)
			.persist()
			.get(/.*/)
			.query(true)
			.reply((uri) => {
				const url = new URL(uri, FACTORIAL);
				const path = url.pathname.replace(`${FACTORIAL_ROOT}/`, '');
				const start = Number(url.searchParams.get('after_id') ?? 0);
				listed.push(`${path}?${url.searchParams.get('after_id') ?? ''}`);
				if (path === 'employees/employees') return [200, page(raw, start, 100)];
				if (path === 'custom_fields/values') return [200, page(values, start, valuePage)];
				return [200, page([], 0, 100)];
			});
		return listed;
	}

	test.each([
		['its label, trimmed and in any case', ' cost CENTER '],
		['its identifier', 'cost_center'],
		['its field ID', '7'],
	])(
		'a pair names the custom field by %s: dry run shows the diff, a real run writes it, a second run plans nothing',
		async (_how, field) => {
			const pairs = {
				pair: [
					{ field, attribute: 'costCenter' },
					{ field: 'Badge Number', attribute: 'badge' },
				],
			};
			const jc = fakeJumpCloud([
				user('1', { attributes: [{ name: 'keep', value: 'x' }] }),
				user('2'),
				user('3', { attributes: [{ name: 'costCenter', value: 'OLD' }] }),
			]);
			const listed = fakeFactorial();
			const params = { ...fromFactorial, customAttributeMap: pairs };
			const dry = await run([], { ...params, dryRun: true }, false, [{ json: {} }]);
			expect(listed.filter((l) => l.startsWith('custom_fields/values'))).toEqual([
				'custom_fields/values?',
				'custom_fields/values?2',
			]);
			expect(dry.slice(0, -1).map((o) => [o.json.action, o.json.employeeId, o.json.diff])).toEqual([
				[
					'update',
					'1',
					{
						'attributes.costCenter': { from: '', to: 'CC-10' },
						'attributes.badge': { from: '', to: '1250' },
					},
				],
				['update', '2', { 'attributes.costCenter': { from: '', to: 'CC-20' } }],
			]);
			// Employee 3 has no value: its attribute is left as it is, as for an input item without the field.
			expect(writes(jc.calls)).toEqual([]);

			await run([], { ...params, dryRun: false }, false, [{ json: {} }]);
			expect(writes(jc.calls).map((c) => [c.path, c.body])).toEqual([
				[
					'/api/systemusers/u1',
					{
						attributes: [
							{ name: 'keep', value: 'x' },
							{ name: 'costCenter', value: 'CC-10' },
							{ name: 'badge', value: '1250' },
						],
					},
				],
				['/api/systemusers/u2', { attributes: [{ name: 'costCenter', value: 'CC-20' }] }],
			]);
			expect(jc.users.find((u) => u._id === 'u3')?.attributes).toEqual([
				{ name: 'costCenter', value: 'OLD' },
			]);

			jc.calls.length = 0;
			const again = await run([], { ...params, dryRun: true }, false, [{ json: {} }]);
			expect(again.slice(0, -1)).toEqual([]);
			expect(summaryOf(again)).toMatchObject({ employees: 3, unchanged: 3 });
			nock.cleanAll();
		},
	);

	test('the value text: `value` when it is text, else the typed column; the last updated value of an employee wins', async () => {
		fakeJumpCloud([user('1'), user('2'), user('3')]);
		fakeFactorial([
			value('1', '1', { value: undefined, long_text_value: 'Long text' }),
			value('2', '2', { value: '', single_choice_value: 'Choice B' }),
			value('3', '3', { value: null, date_value: '2026-12-24' }),
			value('4', '3', { value: 'newer', updated_at: '2026-12-02T10:00:00Z' }),
		]);
		const out = await run(
			[],
			{
				...fromFactorial,
				dryRun: true,
				customAttributeMap: { pair: [{ field: 'cost_center', attribute: 'costCenter' }] },
			},
			false,
			[{ json: {} }],
		);
		expect(out.slice(0, -1).map((o) => [o.json.employeeId, o.json.diff])).toEqual([
			['1', { 'attributes.costCenter': { from: '', to: 'Long text' } }],
			['2', { 'attributes.costCenter': { from: '', to: 'Choice B' } }],
			['3', { 'attributes.costCenter': { from: '', to: 'newer' } }],
		]);
		nock.cleanAll();
	});

	test('a label two custom fields have is refused, naming both, before any JumpCloud request', async () => {
		const jc = fakeJumpCloud([user('1'), user('2'), user('3')]);
		const listed = fakeFactorial([
			value('1', '1'),
			value('2', '2', { field_id: '9', custom_field_identifier: 'cost_center_2' }),
		]);
		const error = await run(
			[],
			{
				...fromFactorial,
				dryRun: false,
				customAttributeMap: { pair: [{ field: 'Cost Center', attribute: 'costCenter' }] },
			},
			false,
			[{ json: {} }],
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			'\'Custom Attributes From Fields\' Item Field "Cost Center" names 2 different Factorial custom fields (field 7 (identifier "cost_center"), field 9 (identifier "cost_center_2")) [item 0]',
		);
		expect(jc.calls).toEqual([]);
		// Only the custom field values were read: the refusal comes before the employee list.
		expect(listed.every((l) => l.startsWith('custom_fields/values'))).toBe(true);
		// By its identifier the same field is unambiguous.
		const ok = await run(
			[],
			{
				...fromFactorial,
				dryRun: true,
				customAttributeMap: { pair: [{ field: 'cost_center_2', attribute: 'costCenter' }] },
			},
			false,
			[{ json: {} }],
		);
		expect(ok.slice(0, -1).map((o) => [o.json.employeeId, o.json.diff])).toEqual([
			['2', { 'attributes.costCenter': { from: '', to: 'CC-20' } }],
		]);
		nock.cleanAll();
	});

	test('a failed page of custom field values stops the run before any write', async () => {
		const jc = fakeJumpCloud([user('1')]);
		nock(FACTORIAL)
			.persist()
			.get(/.*/)
			.query(true)
			.reply((uri) => {
				const url = new URL(uri, FACTORIAL);
				const path = url.pathname.replace(`${FACTORIAL_ROOT}/`, '');
				if (path === 'custom_fields/values')
					// A short read: the meta says 5 values, the list ends after 1.
					return [
						200,
						{
							data: [value('1', '1')],
							meta: { has_next_page: false, end_cursor: null, limit: 100, total: 5 },
						},
					];
				return [200, { data: [], meta: { has_next_page: false, end_cursor: null, limit: 100 } }];
			});
		const error = await run(
			[],
			{
				...fromFactorial,
				dryRun: false,
				customAttributeMap: { pair: [{ field: 'cost_center', attribute: 'costCenter' }] },
			},
			false,
			[{ json: {} }],
		).catch((e: unknown) => e);
		expect((error as Error).message).toBe(
			'Only 1 of the 5 records Factorial reported for custom_fields/values could be read',
		);
		expect(jc.calls).toEqual([]);
		nock.cleanAll();
	});

	test('without pairs no custom field value is read', async () => {
		fakeJumpCloud([user('1'), user('2'), user('3')]);
		const listed = fakeFactorial();
		await run([], { ...fromFactorial, dryRun: true }, false, [{ json: {} }]);
		expect(listed.some((l) => l.startsWith('custom_fields'))).toBe(false);
		expect(listed.length).toBeGreaterThan(0);
		nock.cleanAll();
	});
});

describe('creates go through the shared create-without-duplicates routine', () => {
	test('a username taken since the list was read: the next one is tried; a person who appeared is not created again', async () => {
		const jc = fakeJumpCloud([]);
		// Another run takes ana7.garcia between our read and our POST.
		jc.faults.push({ status: 409, store: false });
		const out = await run([employee('7')]);
		const posts = jc.calls.filter((c) => c.method === 'POST');
		expect(posts.map((c) => c.body?.username)).toEqual(['ana7.garcia', 'ana7.garcia1']);
		expect(out[0].json).toMatchObject({ result: 'done', username: 'ana7.garcia1' });

		// The employee's user exists by the time JumpCloud answers 409 (the Joiner made it): found by
		// employee identifier after the duplicate answer, reported, never created twice.
		jc.calls.length = 0;
		jc.faults.push({ status: 409, store: true });
		const second = await run([employee('7'), employee('8')]);
		expect(jc.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
		expect(jc.users.filter((u) => u.employeeIdentifier === '8')).toHaveLength(1);
		expect(second[0].json).toMatchObject({
			action: 'create',
			employeeId: '8',
			result: 'alreadyExisted',
		});
	});
});
