import nock from 'nock';
import type { ICredentialType } from 'n8n-workflow';

import { createFakeContext } from '../../helpers/executeFunctions';

const headerCredential: ICredentialType = {
	name: 'demoApi',
	displayName: 'Demo API',
	properties: [
		{
			displayName: 'Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Env', name: 'environment', type: 'string', default: 'prod' },
		{
			displayName: 'Base',
			name: 'baseUrl',
			type: 'hidden',
			default: '={{ $self.environment === "prod" ? "https://prod.test" : "https://other.test" }}',
		},
	],
	authenticate: {
		type: 'generic',
		properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}' } },
	},
};

describe('createFakeContext', () => {
	afterEach(() => nock.cleanAll());

	it('applies the credential authenticate block and really sends the request', async () => {
		const scope = nock('https://prod.test', { reqheaders: { 'x-api-key': 'secret-1' } })
			.get('/things')
			.query({ 'ids[]': ['1', '2'] })
			.reply(200, { ok: true });
		const ctx = createFakeContext({
			credentials: { demoApi: { apiKey: 'secret-1' } },
			credentialTypes: [headerCredential],
		});
		const exec = ctx.asExecute();
		const credentials = await exec.getCredentials('demoApi');
		expect(credentials.baseUrl).toBe('https://prod.test');
		const body = await exec.helpers.httpRequestWithAuthentication.call(exec, 'demoApi', {
			url: `${credentials.baseUrl as string}/things`,
			qs: { ids: ['1', '2'] },
			arrayFormat: 'brackets',
			json: true,
		});
		expect(body).toEqual({ ok: true });
		expect(scope.isDone()).toBe(true);
		expect(ctx.requests[0]).toMatchObject({ method: 'GET', url: 'https://prod.test/things' });
	});

	it('reads per-item parameters, dotted paths, locators and fallbacks', () => {
		const ctx = createFakeContext({
			params: { options: { simplify: false }, user: { __rl: true, mode: 'id', value: 'a' } },
			itemParams: [{}, { user: { __rl: true, mode: 'id', value: 'b' } }],
		});
		const exec = ctx.asExecute();
		expect(exec.getNodeParameter('options.simplify', 0)).toBe(false);
		expect(exec.getNodeParameter('user', 0, '', { extractValue: true })).toBe('a');
		expect(exec.getNodeParameter('user', 1, '', { extractValue: true })).toBe('b');
		expect(exec.getNodeParameter('missing', 0, 'x')).toBe('x');
		expect(() => exec.getNodeParameter('missing', 0)).toThrow('Could not get parameter');
	});

	it('accepts hook/poll-style getNodeParameter(name, fallback) and webhook request data', () => {
		const ctx = createFakeContext({
			params: { events: ['a'] },
			webhook: { headers: { 'x-test': '1' }, body: { id: 1 }, query: { event: 'e' } },
		});
		const hook = ctx.asHook();
		expect(hook.getNodeParameter('events', [])).toEqual(['a']);
		expect(hook.getNodeParameter('missing', 'fallback')).toBe('fallback');
		const webhook = ctx.asWebhook();
		expect(webhook.getHeaderData()).toEqual({ 'x-test': '1' });
		expect(webhook.getBodyData()).toEqual({ id: 1 });
		expect(webhook.getQueryData()).toEqual({ event: 'e' });
		ctx.asPoll().getWorkflowStaticData('node').cursor = 'c1';
		expect(ctx.staticData).toEqual({ cursor: 'c1' });
	});

	it('pairs output items through the real n8n helpers', () => {
		const exec = createFakeContext().asExecute();
		const out = exec.helpers.constructExecutionMetaData(exec.helpers.returnJsonArray([{ a: 1 }]), {
			itemData: { item: 3 },
		});
		expect(out).toEqual([{ json: { a: 1 }, pairedItem: { item: 3 } }]);
	});
});
