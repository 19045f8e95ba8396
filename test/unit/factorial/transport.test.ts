import nock from 'nock';
import { NodeApiError } from 'n8n-workflow';

import {
	extractServerMessage,
	factorialApiRequest,
	factorialApiRequestAllItems,
	getFactorialContext,
} from '../../../nodes/Factorial/transport';
import { API_KEY, FACTORIAL_BASE as BASE, factorialContext, noWait, page, ROOT } from '../contexts';

async function rejection(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected a rejection');
}

describe('Factorial transport: factorialApiRequest', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('builds {base}/api/{version}/resources/{path} with the key and bracketed arrays', async () => {
		const scope = nock(BASE, { reqheaders: { 'x-api-key': API_KEY } })
			.get(`${ROOT}/employees/employees`)
			.query({ 'ids[]': ['1', '2'], only_active: 'true' })
			.reply(200, page([{ id: '1' }]));
		const exec = factorialContext().asExecute();
		const body = await factorialApiRequest.call(exec, 'GET', 'employees/employees', undefined, {
			ids: ['1', '2'],
			only_active: true,
		});
		expect(body).toEqual(page([{ id: '1' }]));
		expect(scope.isDone()).toBe(true);
	});

	it('uses the OAuth2 credential when authentication is oAuth2', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: 'Bearer oauth-token-abcdef' } })
			.get(`${ROOT}/teams/teams/5`)
			.reply(200, { id: '5' });
		const exec = factorialContext({ params: { authentication: 'oAuth2' } }).asExecute();
		await expect(factorialApiRequest.call(exec, 'GET', 'teams/teams/5')).resolves.toEqual({
			id: '5',
		});
		expect(scope.isDone()).toBe(true);
		await expect(getFactorialContext.call(exec)).resolves.toEqual({
			baseUrl: BASE,
			apiVersion: '2026-10-01',
			credentialType: 'factorialOAuth2Api',
			// The credential's Work Email Field, default when not set.
			workEmailSource: 'email',
		});
	});

	it('reads authentication in hook-style contexts too', async () => {
		const hook = factorialContext({ params: { authentication: 'oAuth2' } }).asHook();
		await expect(getFactorialContext.call(hook)).resolves.toMatchObject({
			credentialType: 'factorialOAuth2Api',
		});
	});

	it('turns numeric IDs of older API versions into strings, recursively', async () => {
		nock(BASE)
			.get('/api/2026-04-01/resources/teams/teams/5')
			.reply(200, {
				id: 5,
				company_id: 9,
				employee_ids: [1, 2],
				lead_ids: [],
				nested: { manager_id: 3, count: 4 },
			});
		const exec = factorialContext({ apiVersion: '2026-04-01' }).asExecute();
		await expect(factorialApiRequest.call(exec, 'GET', 'teams/teams/5')).resolves.toEqual({
			id: '5',
			company_id: '9',
			employee_ids: ['1', '2'],
			lead_ids: [],
			nested: { manager_id: '3', count: 4 },
		});
	});

	it('refuses absolute or escaping paths before sending anything', async () => {
		const exec = factorialContext().asExecute();
		for (const path of ['https://evil.test/x', '//evil.test/x', 'employees/../../x']) {
			await expect(factorialApiRequest.call(exec, 'GET', path)).rejects.toThrow(
				'Refusing to send Factorial credentials',
			);
		}
	});

	it('retries a GET after 503 and honours Retry-After, with bounded attempts', async () => {
		const waits: number[] = [];
		nock(BASE)
			.get(`${ROOT}/locations/locations`)
			.reply(503, 'busy', { 'Retry-After': '2' })
			.get(`${ROOT}/locations/locations`)
			.reply(200, page([]));
		const exec = factorialContext().asExecute();
		await factorialApiRequest.call(exec, 'GET', 'locations/locations', undefined, undefined, {
			retry: { hooks: { ...noWait, sleep: async (ms) => void waits.push(ms) } },
		});
		expect(waits).toEqual([2000]);

		nock(BASE).get(`${ROOT}/locations/locations`).times(3).reply(502, '<html>bad gateway</html>');
		const error = await rejection(
			factorialApiRequest.call(exec, 'GET', 'locations/locations', undefined, undefined, {
				retry: { policy: { maxAttempts: 3 }, hooks: noWait },
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Factorial is unavailable (HTTP 502)');
		expect(error.description).toContain('tried 3 times');
		expect(nock.isDone()).toBe(true);
	});

	it('does not retry a create on 503 (it could duplicate) but does retry it on 429', async () => {
		const exec = factorialContext().asExecute();
		const create = nock(BASE)
			.post(`${ROOT}/teams/teams`, { name: 'Ops' })
			.once()
			.reply(503, { errors: ['down'] });
		const error = await rejection(
			factorialApiRequest.call(exec, 'POST', 'teams/teams', { name: 'Ops' }, undefined, {
				retry: { hooks: noWait },
			}),
		);
		expect(create.isDone()).toBe(true);
		expect(error.description).toContain('not retried');

		const waits: number[] = [];
		nock(BASE)
			.post(`${ROOT}/teams/teams`)
			.reply(429, {}, { 'Retry-After': '1' })
			.post(`${ROOT}/teams/teams`)
			.reply(201, { id: 77, name: 'Ops' });
		await expect(
			factorialApiRequest.call(exec, 'POST', 'teams/teams', { name: 'Ops' }, undefined, {
				retry: { hooks: { ...noWait, sleep: async (ms) => void waits.push(ms) } },
			}),
		).resolves.toEqual({ id: '77', name: 'Ops' });
		expect(waits).toEqual([1000]);
	});

	it('reports 429 after the retries are used up', async () => {
		nock(BASE).get(`${ROOT}/teams/teams`).times(2).reply(429, {});
		const error = await rejection(
			factorialApiRequest.call(
				factorialContext().asExecute(),
				'GET',
				'teams/teams',
				undefined,
				undefined,
				{
					retry: { policy: { maxAttempts: 2 }, hooks: noWait },
				},
			),
		);
		expect(error.message).toContain('rate limiting');
		expect(error.message).toContain('2 attempts');
	});

	it('never follows a redirect and never sends the key to its target', async () => {
		nock(BASE)
			.get(`${ROOT}/employees/employees`)
			.reply(302, '', { Location: 'https://login.evil.test/' });
		const elsewhere = nock('https://login.evil.test').get('/').reply(200, 'login page');
		const error = await rejection(
			factorialApiRequest.call(factorialContext().asExecute(), 'GET', 'employees/employees'),
		);
		expect(error.message).toContain('redirect (HTTP 302)');
		expect(elsewhere.isDone()).toBe(false);
	});

	it.each([
		[401, { errors: null }, 'rejected the credential (HTTP 401)', 'API key'],
		[
			403,
			{ error: 'insufficient_scope' },
			'not allowed to do this (HTTP 403): insufficient_scope',
			'scope',
		],
		[404, { errors: ['Not found'] }, 'not found (HTTP 404): Not found', 'Check the ID'],
		[
			422,
			{ errors: { email: ['has already been taken'] } },
			'refused the change (HTTP 422): email has already been taken',
			'Fix the fields',
		],
		[
			409,
			{ message: 'Conflict here' },
			'refused the change (HTTP 409): Conflict here',
			'Fix the fields',
		],
	])('maps HTTP %i to a message and a fix', async (status, body, message, description) => {
		nock(BASE).get(`${ROOT}/employees/employees/1`).reply(status, body);
		const error = await rejection(
			factorialApiRequest.call(
				factorialContext().asExecute(),
				'GET',
				'employees/employees/1',
				undefined,
				undefined,
				{
					itemIndex: 2,
				},
			),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain(message);
		expect(error.description).toContain(description);
		expect(error.httpCode).toBe(String(status));
		expect(error.context.itemIndex).toBe(2);
	});

	it('never puts the key into an error, even when the server echoes it', async () => {
		nock(BASE)
			.get(`${ROOT}/employees/employees`)
			.reply(401, { errors: [`invalid key ${API_KEY}`] });
		const error = await rejection(
			factorialApiRequest.call(factorialContext().asExecute(), 'GET', 'employees/employees'),
		);
		const everything = JSON.stringify({
			message: error.message,
			description: error.description,
			cause: error.cause,
			context: error.context,
		});
		expect(everything).not.toContain(API_KEY);
		expect(error.message).toContain('[redacted]');
	});

	it('resends once after a 401 with OAuth2 so n8n can refresh the token', async () => {
		nock(BASE)
			.get(`${ROOT}/teams/teams/1`)
			.reply(401, { errors: null })
			.get(`${ROOT}/teams/teams/1`)
			.reply(200, { id: 1 });
		const exec = factorialContext({ params: { authentication: 'oAuth2' } }).asExecute();
		await expect(factorialApiRequest.call(exec, 'GET', 'teams/teams/1')).resolves.toEqual({
			id: '1',
		});
	});
});

describe('Factorial transport: factorialApiRequestAllItems', () => {
	afterEach(() => nock.cleanAll());

	it('follows end_cursor with limit=100 until has_next_page is false', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/employees/employees`)
			.query({ limit: '100', 'team_ids[]': '3' })
			.reply(200, page([{ id: 1 }, { id: 2 }], 'Mg=='))
			.get(`${ROOT}/employees/employees`)
			.query({ limit: '100', 'team_ids[]': '3', after_id: 'Mg==' })
			.reply(200, page([{ id: 3 }]));
		const items = await factorialApiRequestAllItems.call(
			factorialContext().asExecute(),
			'GET',
			'employees/employees',
			{
				team_ids: ['3'],
			},
		);
		expect(items).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('stops at the item limit without fetching more pages', async () => {
		nock(BASE)
			.get(`${ROOT}/teams/teams`)
			.query({ limit: '100' })
			.reply(200, page([{ id: 1 }, { id: 2 }, { id: 3 }], 'Mw=='));
		const items = await factorialApiRequestAllItems.call(
			factorialContext().asExecute(),
			'GET',
			'teams/teams',
			{},
			2,
		);
		expect(items).toEqual([{ id: '1' }, { id: '2' }]);
	});

	it('fails instead of looping when the server repeats a cursor', async () => {
		nock(BASE)
			.get(`${ROOT}/teams/teams`)
			.query({ limit: '100' })
			.reply(200, page([{ id: 1 }], 'QQ=='))
			.get(`${ROOT}/teams/teams`)
			.query({ limit: '100', after_id: 'QQ==' })
			.reply(200, page([{ id: 2 }], 'QQ=='));
		await expect(
			factorialApiRequestAllItems.call(factorialContext().asExecute(), 'GET', 'teams/teams'),
		).rejects.toThrow('same page cursor twice');
	});

	it('stops when has_next_page is true but no cursor is given', async () => {
		nock(BASE)
			.get(`${ROOT}/teams/teams`)
			.query({ limit: '100' })
			.reply(200, { data: [{ id: 1 }], meta: { has_next_page: true } });
		await expect(
			factorialApiRequestAllItems.call(factorialContext().asExecute(), 'GET', 'teams/teams'),
		).resolves.toEqual([{ id: '1' }]);
	});
});

describe('extractServerMessage', () => {
	it('reads the shapes Factorial uses', () => {
		expect(extractServerMessage({ errors: ['a', 'b'] })).toBe('a; b');
		expect(extractServerMessage({ errors: { first_name: ["can't be blank"] } })).toBe(
			"first_name can't be blank",
		);
		expect(extractServerMessage({ error: 'invalid_grant', error_description: 'expired' })).toBe(
			'expired',
		);
		expect(extractServerMessage({ errors: null })).toBeUndefined();
		expect(extractServerMessage('<html>502</html>')).toBeUndefined();
	});
});
