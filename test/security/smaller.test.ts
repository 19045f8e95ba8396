/**
 * The smaller points of the identity-safety review: prototype keys in responses, redaction of
 * nested, URL-encoded and Basic-header secrets, ids that would change a request path, lookalike
 * emails, and plain-http custom URLs.
 */
import nock from 'nock';
import { allowContractViolations } from '../contracts/nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normaliseIds } from '../../nodes/Factorial/ids';
import { factorialApiRequest } from '../../nodes/Factorial/transport';
import { planReconciliation } from '../../nodes/lib/plan';
import { hasUnsafeSegment, jumpCloudApiRequest } from '../../nodes/JumpCloud/transport';
import { DEFAULT_SYNC_ATTRIBUTES } from '../../nodes/lib/employeeMapping';
import { redactSecrets } from '../../nodes/shared/redact';
import { customUrlProblem } from '../../nodes/shared/url';
import { JumpCloud } from '../../nodes/JumpCloud/JumpCloud.node';
import { G1, U1 } from '../helpers/jumpcloudIds';
import {
	byId,
	byMode,
	FACTORIAL_BASE as FBASE,
	factorialContext,
	jcContext,
	JUMPCLOUD_BASE as JBASE,
	ROOT,
	runNode,
} from '../unit/contexts';

afterEach(() => nock.cleanAll());

describe('an own "__proto__" key in a response stays data', () => {
	test('normaliseIds keeps it as a plain key and the prototype untouched', () => {
		const parsed = JSON.parse('{"id": 3, "__proto__": {"polluted": "yes", "id": 9}}') as object;
		const out = normaliseIds(parsed) as Record<string, unknown>;
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
		expect(out.polluted).toBeUndefined();
		expect(Object.keys(out)).toEqual(['id', '__proto__']);
		expect(out.id).toBe('3');
	});

	test('redactSecrets keeps it as a plain key too', () => {
		const parsed = JSON.parse('{"__proto__": {"polluted": "key-123456"}}') as object;
		const out = redactSecrets(parsed, ['key-123456']) as Record<string, unknown>;
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
		expect((out as { polluted?: unknown }).polluted).toBeUndefined();
		expect(JSON.stringify(Object.getOwnPropertyDescriptor(out, '__proto__')?.value)).toBe(
			'{"polluted":"[redacted]"}',
		);
	});
});

describe('redaction', () => {
	const SECRET = 'jca_s3cr3t+key/with=chars';

	test('a secret nested past 20 levels is not passed on', () => {
		let deep: unknown = { message: `echo ${SECRET}` };
		for (let n = 0; n < 30; n++) deep = { inner: deep };
		expect(JSON.stringify(redactSecrets(deep, [SECRET]))).not.toContain(SECRET);
	});

	test('a URL-encoded secret is cut', () => {
		const text = `GET /x?key=${encodeURIComponent(SECRET)}&other=1`;
		expect(redactSecrets(text, [SECRET])).toBe('GET /x?key=[redacted]&other=1');
	});

	test('a Basic authorization value is cut (it holds user and password)', () => {
		const basic = Buffer.from(`${SECRET}:`).toString('base64');
		const out = redactSecrets(`rejected Authorization: Basic ${basic}`, [SECRET]);
		expect(out).toBe('rejected Authorization: Basic [redacted]');
		// Ordinary words after "Basic" stay.
		expect(redactSecrets('Basic plan required', [SECRET])).toBe('Basic plan required');
	});

	test('values besides the credential (a webhook challenge) are cut from Factorial errors', async () => {
		// Only the redaction of the answer is under test, not the subscription body.
		allowContractViolations();
		nock(FBASE)
			.post(`${ROOT}/api_public/webhook_subscriptions`)
			.reply(422, { errors: ['challenge c0ffee-challenge-value is not accepted'] });
		const error = await factorialApiRequest
			.call(
				factorialContext().asExecute(),
				'POST',
				'api_public/webhook_subscriptions',
				{ challenge: 'c0ffee-challenge-value' },
				undefined,
				{ secrets: ['c0ffee-challenge-value'] },
			)
			.catch((e: unknown) => e as Error);
		expect(error.message).toBe(
			'Factorial refused the change (HTTP 422): challenge [redacted] is not accepted',
		);
	});
});

describe('ids that would change the request path', () => {
	test.each([
		'/systemusers/..',
		'/systemusers/%2e%2e',
		'/systemusers/.',
		'/v2/usergroups/a%2Fb/members',
		'/systemusers/a\\b',
	])('%s is refused by the JumpCloud transport before any request', async (path) => {
		expect(hasUnsafeSegment(path)).toBe(true);
		const ctx = jcContext({});
		await expect(jumpCloudApiRequest.call(ctx.asExecute(), 'GET', path)).rejects.toThrow(
			/Refusing to call JumpCloud path/,
		);
		expect(ctx.requests).toHaveLength(0);
	});

	test('a user ID of ".." is refused by name before any request', async () => {
		const error = await runNode({
			resource: 'user',
			operation: 'get',
			user: byId('..'),
			simplify: true,
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/is not a JumpCloud ID/);
	});

	test('an ordinary path passes', () => {
		expect(hasUnsafeSegment('/systemusers/5f1b2c3d4e5f6a7b8c9d0e1f/state/activate')).toBe(false);
		expect(JBASE).toMatch(/^https:/);
	});
});

describe('user and group locators by ID take only JumpCloud IDs (24 hexadecimal characters)', () => {
	const NOT_IDS: Array<[string, string]> = [
		['a short test ID', 'u1'],
		['23 hexadecimal characters', '5f1b2c3d4e5f6a7b8c9d0e1'],
		['25 hexadecimal characters', '5f1b2c3d4e5f6a7b8c9d0e1f0'],
		['24 characters, one not hexadecimal', '5f1b2c3d4e5f6a7b8c9d0e1g'],
		['a path segment', '..'],
	];

	/** Runs the node, expects it to fail, and returns the error and the requests it sent. */
	const failure = async (params: IDataObject) => {
		const ctx = jcContext(params);
		const error = await new JumpCloud().execute.call(ctx.asExecute()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		return { error: error as NodeOperationError, requests: ctx.requests };
	};

	test.each(NOT_IDS)(
		'a user ID of %s ("%s") is refused by name before any request',
		async (_, id) => {
			// By ID, From List (an expression may set it) and a bare ID from an expression.
			for (const user of [byMode('id', id), byMode('list', id), id]) {
				const { error, requests } = await failure({
					resource: 'user',
					operation: 'get',
					user,
					simplify: true,
				});
				expect(error.message).toBe(`'User to Get' "${id}" is not a JumpCloud ID [item 0]`);
				expect(error.description).toMatch(/JumpCloud IDs are 24 hexadecimal characters/);
				expect(error.context.itemIndex).toBe(0);
				expect(requests).toHaveLength(0);
			}
		},
	);

	test.each(NOT_IDS)(
		'a group ID of %s ("%s") is refused by name before any request',
		async (_, id) => {
			for (const mode of ['id', 'list']) {
				const { error, requests } = await failure({
					resource: 'userGroup',
					operation: 'addMember',
					group: byMode(mode, id),
					user: byId(U1),
				});
				expect(error.message).toBe(`'Group' "${id}" is not a JumpCloud ID [item 0]`);
				expect(requests).toHaveLength(0);
			}
		},
	);

	test('the user of a second item is named with that item', async () => {
		const ctx = jcContext(
			{ resource: 'user', operation: 'delete', user: byId(U1) },
			{ items: [{ json: {} }, { json: {} }], itemParams: [{}, { user: byId('g1') }] },
		);
		nock(JBASE).delete(`/api/systemusers/${U1}`).query(true).reply(200, {});
		const thrown = await new JumpCloud().execute.call(ctx.asExecute()).catch((e: unknown) => e);
		expect((thrown as Error).message).toBe(`'User to Delete' "g1" is not a JumpCloud ID [item 1]`);
		expect(ctx.requests.map((r) => r.method)).toEqual(['DELETE']);
	});

	test('upper-case hexadecimal is the same ID: accepted and sent lower-case', async () => {
		const upper = '5F1B2C3D4E5F6A7B8C9D0E1F';
		nock(JBASE)
			.get('/api/systemusers/5f1b2c3d4e5f6a7b8c9d0e1f')
			.reply(200, { _id: '5f1b2c3d4e5f6a7b8c9d0e1f', username: 'jdoe', email: 'j@acme.test' });
		const user = await runNode({
			resource: 'user',
			operation: 'get',
			user: byId(upper),
			simplify: true,
		});
		expect(user.json[0]).toMatchObject({ id: '5f1b2c3d4e5f6a7b8c9d0e1f' });
		expect(user.ctx.requests.map((r) => r.url)).toEqual([
			`${JBASE}/api/systemusers/5f1b2c3d4e5f6a7b8c9d0e1f`,
		]);

		nock(JBASE)
			.get('/api/v2/usergroups/6a0000000000000000000abc')
			.reply(200, { id: '6a0000000000000000000abc', name: 'team-sales' });
		const group = await runNode({
			resource: 'userGroup',
			operation: 'get',
			group: byMode('list', '6A0000000000000000000ABC'),
		});
		expect(group.json[0]).toEqual({ id: '6a0000000000000000000abc', name: 'team-sales' });
		expect(group.ctx.requests.map((r) => r.url)).toEqual([
			`${JBASE}/api/v2/usergroups/6a0000000000000000000abc`,
		]);
	});

	test('By Name is not an ID: a group may be named like a short test ID', async () => {
		nock(JBASE)
			.get('/api/v2/usergroups')
			.query(true)
			.reply(200, [{ id: G1, name: 'u1' }])
			.get(`/api/v2/usergroups/${G1}`)
			.reply(200, { id: G1, name: 'u1' });
		const { json } = await runNode({
			resource: 'userGroup',
			operation: 'get',
			group: byMode('name', 'u1'),
		});
		expect(json[0]).toMatchObject({ id: G1, name: 'u1' });
	});
});

describe('work emails are NFKC-folded and must be ASCII', () => {
	const options = {
		today: '2026-03-10',
		attributes: [...DEFAULT_SYNC_ATTRIBUTES],
		maxSuspensionShare: 10,
		overrideSafetyBrake: false,
		suspendUnmatchedUsers: false,
		reactivateSuspendedUsers: true,
	};
	const employee = (email: string) => ({
		id: '7',
		first_name: 'Ana',
		last_name: 'Garcia',
		email,
		active: true,
		terminated_on: null,
	});

	test('a Cyrillic lookalike address is not created (it is not the address it looks like)', () => {
		const plan = planReconciliation([employee('\u0430dmin@acme.test')], [], options);
		expect(plan.create).toHaveLength(0);
		expect(plan.skipped[0].reason).toMatch(/is not a valid address/);
	});

	test('a full-width address folds to the plain one and matches the existing user', () => {
		const plan = planReconciliation(
			[employee('\uff41\uff4e\uff41@acme.test')],
			[
				{
					_id: 'u1',
					username: 'ana',
					email: 'ana@acme.test',
					employeeIdentifier: '',
					state: 'ACTIVATED',
				},
			],
			{
				...options,
				adoption: { enabled: true, emailDomains: ['acme.test'], groupMemberIds: null },
			},
		);
		expect(plan.create).toHaveLength(0);
		expect(plan.adopt.map((a) => a.userId)).toEqual(['u1']);
	});
});

describe('custom URLs must be https (http only for localhost)', () => {
	test.each([
		['http://jumpcloud-proxy.example.com', /plain http/],
		['ftp://proxy.example.com', /must start with https/],
		['https://user:pw@proxy.example.com', /user name or password/],
	])('%s is refused', (url, message) => {
		expect(customUrlProblem(url)).toMatch(message);
	});

	test.each([
		'https://proxy.example.com',
		'http://localhost:8080',
		'http://127.0.0.1:9000',
		'http://[::1]:1',
	])('%s is accepted', (url) => expect(customUrlProblem(url)).toBeUndefined());

	test('both transports refuse a plain-http custom URL before sending the key', async () => {
		const jc = jcContext(
			{},
			{
				credentials: {
					jumpCloudApi: {
						region: 'custom',
						customUrl: 'http://jc.example.com',
						apiKey: 'jca_k',
						orgId: '',
					},
				},
			},
		);
		await expect(jumpCloudApiRequest.call(jc.asExecute(), 'GET', '/systemusers')).rejects.toThrow(
			/Custom URL uses plain http/,
		);
		expect(jc.requests).toHaveLength(0);
		const f = factorialContext({
			credentials: {
				factorialApi: { environment: 'custom', customUrl: 'http://f.example.com', apiKey: 'k' },
			},
		});
		await expect(
			factorialApiRequest.call(f.asExecute(), 'GET', 'employees/employees'),
		).rejects.toThrow(/Custom URL uses plain http/);
		expect(f.requests).toHaveLength(0);
	});
});
