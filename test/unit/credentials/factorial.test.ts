import nock from 'nock';

import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
import { FactorialOAuth2Api } from '../../../credentials/FactorialOAuth2Api.credentials';
import {
	DEFAULT_FACTORIAL_API_VERSION,
	FACTORIAL_API_VERSIONS,
	factorialBaseUrl,
} from '../../../nodes/Factorial/constants';
import {
	createFakeContext,
	evaluateCredentialExpression,
	resolveCredentialData,
} from '../../helpers/executeFunctions';

describe('FactorialApi credential', () => {
	const credential = new FactorialApi();

	afterEach(() => nock.cleanAll());

	it('sends the key as x-api-key (no Bearer prefix) on a real request', async () => {
		const scope = nock('https://api.factorialhr.com', { reqheaders: { 'x-api-key': 'key-123' } })
			.get(`/api/${DEFAULT_FACTORIAL_API_VERSION}/resources/api_public/credentials`)
			.reply(200, { data: [] });
		const ctx = createFakeContext({
			credentials: { factorialApi: { apiKey: 'key-123' } },
			credentialTypes: [credential],
		});
		const exec = ctx.asExecute();
		await exec.helpers.httpRequestWithAuthentication.call(exec, 'factorialApi', {
			url: `https://api.factorialhr.com/api/${DEFAULT_FACTORIAL_API_VERSION}/resources/api_public/credentials`,
			json: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(ctx.requests[0].headers.Authorization).toBeUndefined();
	});

	it.each([
		[
			{ environment: 'production' },
			`https://api.factorialhr.com/api/${DEFAULT_FACTORIAL_API_VERSION}/resources`,
		],
		[
			{ environment: 'demo', apiVersion: '2026-04-01' },
			'https://api.eu2.demo.factorial.dev/api/2026-04-01/resources',
		],
		[
			{
				environment: 'custom',
				customUrl: ' http://localhost:4010/proxy/ ',
				apiVersion: '2026-07-01',
			},
			'http://localhost:4010/proxy/api/2026-07-01/resources',
		],
	])('tests against api_public/credentials of the chosen version (%j)', (fields, expectedBase) => {
		const data = resolveCredentialData({ apiKey: 'k', ...fields }, credential);
		const baseURL = evaluateCredentialExpression(credential.test.request.baseURL, data);
		expect(baseURL).toBe(expectedBase);
		expect(credential.test.request.url).toBe('/api_public/credentials');
	});

	it('defaults to the newest listed version and keeps the secret a password field', () => {
		expect(FACTORIAL_API_VERSIONS[0]).toBe(DEFAULT_FACTORIAL_API_VERSION);
		const apiVersion = credential.properties.find((p) => p.name === 'apiVersion');
		expect(apiVersion?.default).toBe(DEFAULT_FACTORIAL_API_VERSION);
		expect(apiVersion?.options?.map((o) => (o as { value: string }).value)).toEqual([
			...FACTORIAL_API_VERSIONS,
		]);
		const apiKey = credential.properties.find((p) => p.name === 'apiKey');
		expect(apiKey?.typeOptions?.password).toBe(true);
	});

	it('matches factorialBaseUrl, the transport side of the same rule', () => {
		expect(factorialBaseUrl('demo', undefined)).toBe('https://api.eu2.demo.factorial.dev');
		expect(factorialBaseUrl('custom', 'https://p.test//')).toBe('https://p.test');
		expect(factorialBaseUrl(undefined, undefined)).toBe('https://api.factorialhr.com');
	});
});

describe('FactorialOAuth2Api credential', () => {
	const credential = new FactorialOAuth2Api();

	it.each([
		['production', undefined, 'https://api.factorialhr.com'],
		['demo', undefined, 'https://api.eu2.demo.factorial.dev'],
		['custom', 'http://127.0.0.1:9999/', 'http://127.0.0.1:9999'],
	])('derives authorize and token URLs from the %s environment', (environment, customUrl, host) => {
		const data = resolveCredentialData({ environment, customUrl: customUrl ?? '' }, credential);
		expect(data.authUrl).toBe(`${host}/oauth/authorize`);
		expect(data.accessTokenUrl).toBe(`${host}/oauth/token`);
		expect(data.grantType).toBe('authorizationCode');
		// Factorial's guides send client_id/client_secret in the token request's form body.
		expect(data.authentication).toBe('body');
	});

	it('adds resource_owner_type=company only for a company-wide token', () => {
		expect(resolveCredentialData({ companyWideToken: true }, credential).authQueryParameters).toBe(
			'resource_owner_type=company',
		);
		expect(resolveCredentialData({ companyWideToken: false }, credential).authQueryParameters).toBe(
			'',
		);
		expect(resolveCredentialData({}, credential).authQueryParameters).toBe('');
	});

	it('has an editable scope covering the node resources by default', () => {
		const scope = credential.properties.find((p) => p.name === 'scope');
		expect(scope?.type).toBe('string');
		expect(String(scope?.default).split(' ')).toEqual(
			expect.arrayContaining([
				'employees',
				'company_locations',
				'company_legal_entities',
				'contracts',
				'custom_fields',
			]),
		);
		expect(resolveCredentialData({ scope: 'employees' }, credential).scope).toBe('employees');
	});

	it('sends the OAuth2 access token as a Bearer header', async () => {
		const scope = nock('https://api.factorialhr.com', {
			reqheaders: { authorization: 'Bearer tok-1' },
		})
			.get('/x')
			.reply(200, {});
		const ctx = createFakeContext({
			credentials: { factorialOAuth2Api: { oauthTokenData: { access_token: 'tok-1' } } },
			credentialTypes: [credential],
		});
		const exec = ctx.asExecute();
		await exec.helpers.httpRequestWithAuthentication.call(exec, 'factorialOAuth2Api', {
			url: 'https://api.factorialhr.com/x',
		});
		expect(scope.isDone()).toBe(true);
	});
});
