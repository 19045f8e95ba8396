import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { JumpCloudOAuth2Api } from '../../../credentials/JumpCloudOAuth2Api.credentials';
import { JUMPCLOUD_TOKEN_URLS, jumpCloudBaseUrl } from '../../../nodes/JumpCloud/regions';
import {
	findSystemUsers,
	jumpCloudApiRequest,
	jumpCloudApiRequestAllItems,
} from '../../../nodes/JumpCloud/transport';
import { resolveCredentialData } from '../../helpers/executeFunctions';
import {
	FAKE_KEY_VALUE,
	JUMPCLOUD_BASE as BASE,
	jcContext,
	sleeps,
	FAKE_BEARER_VALUE,
} from '../contexts';

afterEach(() => {
	nock.cleanAll();
	sleeps.length = 0;
});

async function failure(
	promise: Promise<unknown>,
): Promise<Error & { description?: string; httpCode?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('expected a rejection');
}

describe('jumpCloudApiRequest: authentication and headers', () => {
	it('sends x-api-key to {base}/api{path} and no x-org-id when none is set', async () => {
		const scope = nock(BASE, {
			badheaders: ['x-org-id'],
			reqheaders: { 'x-api-key': FAKE_KEY_VALUE },
		})
			.get('/api/systemusers/u1')
			.reply(200, { _id: 'u1' });
		const ctx = jcContext({});
		await expect(
			jumpCloudApiRequest.call(ctx.asExecute(), 'GET', '/systemusers/u1'),
		).resolves.toEqual({ _id: 'u1' });
		expect(scope.isDone()).toBe(true);
	});

	it('sends x-org-id when the credential has an Organization ID', async () => {
		const scope = nock(BASE, { reqheaders: { 'x-org-id': 'org42', 'x-api-key': FAKE_KEY_VALUE } })
			.get('/api/v2/usergroups/g1')
			.reply(200, { id: 'g1' });
		await jumpCloudApiRequest.call(
			jcContext({}, { orgId: ' org42 ' }).asExecute(),
			'GET',
			'/v2/usergroups/g1',
		);
		expect(scope.isDone()).toBe(true);
	});

	it('uses the OAuth2 credential when authentication is oAuth2, with a bearer token and x-org-id', async () => {
		const scope = nock(BASE, {
			reqheaders: { authorization: `Bearer ${FAKE_BEARER_VALUE}`, 'x-org-id': 'org7' },
			badheaders: ['x-api-key'],
		})
			.get('/api/systemusers/u1')
			.reply(200, { _id: 'u1' });
		const ctx = jcContext({ authentication: 'oAuth2' }, { orgId: 'org7' });
		await jumpCloudApiRequest.call(ctx.asExecute(), 'GET', '/systemusers/u1');
		expect(scope.isDone()).toBe(true);
		expect(ctx.requests[0].credentialType).toBe('jumpCloudOAuth2Api');
	});

	it('refuses absolute or protocol-relative paths (secrets only go to the credential origin)', async () => {
		const ctx = jcContext({});
		await expect(
			jumpCloudApiRequest.call(ctx.asExecute(), 'GET', 'https://evil.test/x'),
		).rejects.toThrow(/Refusing/);
		await expect(jumpCloudApiRequest.call(ctx.asExecute(), 'GET', '//evil.test/x')).rejects.toThrow(
			/Refusing/,
		);
		expect(ctx.requests).toHaveLength(0);
	});
});

describe('regions and OAuth2 token URLs', () => {
	it('maps regions to console hosts and trims a custom URL', () => {
		expect(jumpCloudBaseUrl('us', '')).toBe('https://console.jumpcloud.com');
		expect(jumpCloudBaseUrl('eu', '')).toBe('https://console.eu.jumpcloud.com');
		expect(jumpCloudBaseUrl('in', '')).toBe('https://console.in.jumpcloud.com');
		expect(jumpCloudBaseUrl('custom', 'http://localhost:9000//')).toBe('http://localhost:9000');
	});

	it.each([
		['us', JUMPCLOUD_TOKEN_URLS.us],
		['eu', JUMPCLOUD_TOKEN_URLS.eu],
		['in', JUMPCLOUD_TOKEN_URLS.in],
		['custom', 'http://localhost:9000/oauth2/token'],
	])('resolves the hidden token URL for region %s', (region, expected) => {
		const type = new JumpCloudOAuth2Api();
		const data = resolveCredentialData({ region, customUrl: 'http://localhost:9000/' }, type);
		expect(data.accessTokenUrl).toBe(expected);
		expect(data).toMatchObject({
			grantType: 'clientCredentials',
			scope: 'api',
			authentication: 'header',
		});
	});
});

describe('jumpCloudApiRequest: error mapping', () => {
	it('turns a 302 to the login page into a key problem, without following it or leaking the key', async () => {
		const login = nock(BASE).get('/login').reply(200, '<html>login</html>');
		nock(BASE).get('/api/systemusers/u1').reply(302, '', { Location: '/login' });
		const error = await failure(
			jumpCloudApiRequest.call(jcContext({}).asExecute(), 'GET', '/systemusers/u1'),
		);
		expect(error.message).toMatch(/API key is missing or invalid/);
		expect(error.description).toMatch(/credential/);
		expect(login.isDone()).toBe(false);
		expect(JSON.stringify(error)).not.toContain(FAKE_KEY_VALUE);
		expect(`${error.message} ${error.description}`).not.toContain(FAKE_KEY_VALUE);
	});

	it.each([
		[
			401,
			{ error: 'Unauthorized', message: 'Unauthorized: api key user not found' },
			/did not accept the credentials.*api key user not found/,
			/Region/,
		],
		[403, { message: 'Forbidden' }, /refused access/, /role or scope/],
		[404, { message: 'Not Found' }, /found nothing at GET \/api\/systemusers\/u1/, /Check the ID/],
		[409, { message: 'User already exists' }, /conflict.*User already exists/, /already uses/],
		[
			400,
			{ message: 'Bad Request: limit exceeds' },
			/rejected the request.*limit exceeds/,
			/fields named/,
		],
	])(
		"maps %s with JumpCloud's own message and a fix",
		async (status, body, message, description) => {
			nock(BASE).get('/api/systemusers/u1').reply(status, body);
			const error = await failure(
				jumpCloudApiRequest.call(jcContext({}).asExecute(), 'GET', '/systemusers/u1'),
			);
			expect(error.message).toMatch(message);
			expect(error.description).toMatch(description);
			expect(error.httpCode).toBe(String(status));
		},
	);

	it('reports a 400 "already exists" as a duplicate', async () => {
		nock(BASE)
			.post('/api/systemusers')
			.reply(400, { message: 'User already exists or Bad Request' });
		const error = await failure(
			jumpCloudApiRequest.call(jcContext({}).asExecute(), 'POST', '/systemusers', {
				username: 'jdoe',
				email: 'jdoe@example.com',
			}),
		);
		expect(error.message).toMatch(/conflict/);
	});

	it('retries 429 and reports it after the last attempt', async () => {
		const scope = nock(BASE)
			.get('/api/systemusers/u1')
			.times(6)
			.reply(429, { message: 'Too Many Requests' });
		const error = await failure(
			jumpCloudApiRequest.call(jcContext({}).asExecute(), 'GET', '/systemusers/u1'),
		);
		expect(scope.isDone()).toBe(true);
		expect(error.message).toMatch(/rate limiting.*429 after 6 attempts/);
		expect(error.description).toMatch(/fewer items/);
		expect(sleeps).toHaveLength(5);
	});

	it('retries a 503 on GET and returns the later success', async () => {
		nock(BASE)
			.get('/api/systemusers/u1')
			.reply(503)
			.get('/api/systemusers/u1')
			.reply(200, { _id: 'u1' });
		await expect(
			jumpCloudApiRequest.call(jcContext({}).asExecute(), 'GET', '/systemusers/u1'),
		).resolves.toEqual({ _id: 'u1' });
	});

	it('never resends a create after a 503 (it may have landed)', async () => {
		const scope = nock(BASE).post('/api/systemusers').reply(503, { message: 'unavailable' });
		const ctx = jcContext({});
		const error = await failure(
			jumpCloudApiRequest.call(ctx.asExecute(), 'POST', '/systemusers', {
				username: 'x',
				email: 'x@example.com',
			}),
		);
		expect(scope.isDone()).toBe(true);
		expect(ctx.requests).toHaveLength(1);
		expect(error.message).toMatch(/failed to process POST \/api\/systemusers \(503\)/);
		expect(error.description).toMatch(/look it up before running again/);
	});

	it("maps a 422 with JumpCloud's own words", async () => {
		nock(BASE).put('/api/systemusers/u1').reply(422, { message: 'email is invalid' });
		const error = await failure(
			jumpCloudApiRequest.call(jcContext({}).asExecute(), 'PUT', '/systemusers/u1', { email: 'x' }),
		);
		expect(error.message).toMatch(/rejected the request \(422\).*email is invalid/);
		expect(error.description).toMatch(/fields named/);
		expect(error.httpCode).toBe('422');
	});

	it('reports a 5xx on a read once retries are used up, saying retries did not help', async () => {
		const scope = nock(BASE).get('/api/systemusers/u1').times(6).reply(502, 'bad gateway');
		const error = await failure(
			jumpCloudApiRequest.call(jcContext({}).asExecute(), 'GET', '/systemusers/u1'),
		);
		expect(scope.isDone()).toBe(true);
		expect(sleeps).toHaveLength(5);
		expect(error.message).toMatch(/failed to process GET \/api\/systemusers\/u1 \(502\)/);
		expect(error.description).toMatch(/retries did not help/);
	});

	it('hands allowed statuses back instead of throwing', async () => {
		nock(BASE).delete('/api/v2/bulk/userstates/j1').reply(404, { message: 'nope' });
		const res = (await jumpCloudApiRequest.call(
			jcContext({}).asExecute(),
			'DELETE',
			'/v2/bulk/userstates/j1',
			undefined,
			undefined,
			{
				allowStatuses: [404],
				returnFullResponse: true,
			},
		)) as IDataObject;
		expect(res.statusCode).toBe(404);
	});
});

describe('jumpCloudApiRequestAllItems', () => {
	it('pages v1 lists with skip/limit until totalCount', async () => {
		const page1 = Array.from({ length: 100 }, (_, n) => ({ _id: `u${n}` }));
		nock(BASE)
			.get('/api/systemusers')
			.query({ limit: 100, skip: 0 })
			.reply(200, { totalCount: 103, results: page1 })
			.get('/api/systemusers')
			.query({ limit: 100, skip: 100 })
			.reply(200, { totalCount: 103, results: [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }] });
		const all = await jumpCloudApiRequestAllItems.call(
			jcContext({}).asExecute(),
			'GET',
			'/systemusers',
		);
		expect(all).toHaveLength(103);
		expect(all[102]).toEqual({ _id: 'c' });
	});

	it('stops at totalCount even when the last page is full', async () => {
		const page = Array.from({ length: 100 }, (_, n) => ({ _id: `u${n}` }));
		const scope = nock(BASE)
			.get('/api/systemusers')
			.query(true)
			.reply(200, { totalCount: 100, results: page });
		const all = await jumpCloudApiRequestAllItems.call(
			jcContext({}).asExecute(),
			'GET',
			'/systemusers',
		);
		expect(all).toHaveLength(100);
		expect(scope.isDone()).toBe(true);
	});

	it('pages v2 arrays with x-total-count and honours a limit', async () => {
		const page = Array.from({ length: 100 }, (_, n) => ({ id: `g${n}` }));
		nock(BASE)
			.get('/api/v2/usergroups')
			.query({ limit: 100, skip: 0 })
			.reply(200, page, { 'x-total-count': '250' })
			.get('/api/v2/usergroups')
			.query({ limit: 30, skip: 100 })
			.reply(
				200,
				Array.from({ length: 30 }, (_, n) => ({ id: `g${100 + n}` })),
				{ 'x-total-count': '250' },
			);
		const some = await jumpCloudApiRequestAllItems.call(
			jcContext({}).asExecute(),
			'GET',
			'/v2/usergroups',
			undefined,
			{},
			130,
		);
		expect(some).toHaveLength(130);
	});

	it('reads a search to its total when the server ignores the limit (default page of 10)', async () => {
		const users = Array.from({ length: 25 }, (_, n) => ({ _id: `u${n}` }));
		const skips: number[] = [];
		nock(BASE)
			.post('/api/search/systemusers', (b: { skip: number }) => {
				skips.push(b.skip);
				return true;
			})
			.query(true)
			.times(3)
			.reply(200, () => {
				const skip = skips[skips.length - 1];
				return { totalCount: 25, results: users.slice(skip, skip + 10) };
			});
		const all = await jumpCloudApiRequestAllItems.call(
			jcContext({}).asExecute(),
			'POST',
			'/search/systemusers',
			{},
		);
		expect(all.map((u) => u._id)).toEqual(users.map((u) => u._id));
		expect(skips).toEqual([0, 10, 20]);
	});

	it('refuses a partial read when the server ignores skip (the same page again)', async () => {
		const first = Array.from({ length: 10 }, (_, n) => ({ _id: `u${n}` }));
		nock(BASE)
			.post('/api/search/systemusers')
			.query(true)
			.times(2)
			.reply(200, { totalCount: 25, results: first });
		await expect(
			jumpCloudApiRequestAllItems.call(
				jcContext({}).asExecute(),
				'POST',
				'/search/systemusers',
				{},
			),
		).rejects.toThrow(/returned the same page twice/);
	});

	it('stops a v2 list at x-total-count', async () => {
		const page = Array.from({ length: 100 }, (_, n) => ({ id: `g${n}` }));
		const scope = nock(BASE)
			.get('/api/v2/usergroups')
			.query(true)
			.reply(200, page, { 'x-total-count': '100' });
		await jumpCloudApiRequestAllItems.call(jcContext({}).asExecute(), 'GET', '/v2/usergroups');
		expect(scope.isDone()).toBe(true);
	});
});

describe('findSystemUsers', () => {
	it('searches exact and case-insensitive with regex metacharacters (and +) escaped', async () => {
		let sent: IDataObject | undefined;
		nock(BASE)
			.post('/api/search/systemusers', (body) => {
				sent = body;
				return true;
			})
			.query({ limit: 100, skip: 0 })
			.reply(200, {
				totalCount: 2,
				results: [
					{ _id: 'u1', email: 'Jane.Doe+HR@Example.com' },
					// A loose server match must never reach the caller.
					{ _id: 'u2', email: 'janeXdoe+hr@example.com' },
				],
			});
		const users = await findSystemUsers.call(
			jcContext({}).asExecute(),
			{ email: 'jane.doe+hr@example.com' },
			['_id', 'email'],
		);
		expect(users.map((u) => u._id)).toEqual(['u1']);
		expect(sent).toEqual({
			filter: { and: [{ email: { $regex: '(?i)^jane\\.doe\\+hr@example\\.com$' } }] },
			fields: '_id email',
			limit: 100,
			skip: 0,
		});
	});

	it('checks several usernames in one request', async () => {
		let sent: IDataObject | undefined;
		nock(BASE)
			.post('/api/search/systemusers', (body) => {
				sent = body;
				return true;
			})
			.query(true)
			.reply(200, { totalCount: 1, results: [{ _id: 'u1', username: 'JDOE2' }] });
		const users = await findSystemUsers.call(jcContext({}).asExecute(), {
			username: ['jdoe', 'jdoe2', 'j.doe'],
		});
		expect(users).toHaveLength(1);
		expect(sent?.filter).toEqual({
			and: [{ username: { $regex: '(?i)^(?:jdoe|jdoe2|j\\.doe)$' } }],
		});
	});

	it('asks nothing when no criterion is given', async () => {
		const ctx = jcContext({});
		await expect(findSystemUsers.call(ctx.asExecute(), { email: ' ' })).resolves.toEqual([]);
		expect(ctx.requests).toHaveLength(0);
	});
});
