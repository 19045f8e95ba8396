import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
import { FactorialOAuth2Api } from '../../../credentials/FactorialOAuth2Api.credentials';
import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { JumpCloudOAuth2Api } from '../../../credentials/JumpCloudOAuth2Api.credentials';
import { JUMPCLOUD_CONSOLE_HOSTS } from '../../../nodes/JumpCloud/regions';
import {
	evaluateCredentialExpression,
	resolveCredentialData,
} from '../../helpers/executeFunctions';

describe('JumpCloudApi credential', () => {
	const credential = new JumpCloudApi();

	it.each([
		[{ region: 'us' }, JUMPCLOUD_CONSOLE_HOSTS.us],
		[{ region: 'eu' }, JUMPCLOUD_CONSOLE_HOSTS.eu],
		[{ region: 'in' }, JUMPCLOUD_CONSOLE_HOSTS.in],
		[{}, JUMPCLOUD_CONSOLE_HOSTS.us],
		[{ region: 'custom', customUrl: ' http://localhost:9100/jc/ ' }, 'http://localhost:9100/jc'],
	])('tests the key with GET {base}/api/systemusers?limit=1 for %j', (fields, expectedBase) => {
		const data = resolveCredentialData({ apiKey: 'k', ...fields }, credential);
		const request = credential.test.request;
		expect(evaluateCredentialExpression(request.baseURL, data)).toBe(expectedBase);
		expect(request.url).toBe('/api/systemusers');
		expect(request.method ?? 'GET').toBe('GET');
		expect(request.qs).toMatchObject({ limit: 1 });
	});

	it('does not follow the 302 to the login page JumpCloud answers a bad key with', () => {
		expect(credential.test.request.disableFollowRedirect).toBe(true);
	});

	it('sends x-api-key, and x-org-id only when an Organization ID is set (trimmed)', async () => {
		const withOrg = await credential.authenticate(
			{ apiKey: 'key-1', orgId: ' org-9 ' },
			{ url: '/api/systemusers', headers: { Accept: 'application/json' } },
		);
		expect(withOrg.headers).toEqual({
			Accept: 'application/json',
			'x-api-key': 'key-1',
			'x-org-id': 'org-9',
		});
		for (const fields of [
			{ orgId: '' },
			{ orgId: '   ' },
			{},
		] as ICredentialDataDecryptedObject[]) {
			const without = await credential.authenticate(
				{ apiKey: 'key-1', ...fields },
				{ url: '/api/systemusers' },
			);
			expect(without.headers).toEqual({ 'x-api-key': 'key-1' });
		}
	});

	it('keeps the API key a required password field', () => {
		const apiKey = credential.properties.find((p) => p.name === 'apiKey');
		expect(apiKey).toMatchObject({
			type: 'string',
			required: true,
			typeOptions: { password: true },
		});
	});

	it('offers the regions US, EU, India and a Custom URL, US by default', () => {
		const region = credential.properties.find((p) => p.name === 'region');
		expect(region?.default).toBe('us');
		expect(region?.options?.map((o) => (o as { value: string }).value)).toEqual([
			'us',
			'eu',
			'in',
			'custom',
		]);
	});
});

describe('JumpCloudOAuth2Api credential', () => {
	const credential = new JumpCloudOAuth2Api();

	it('says in the credential itself, for the India region only, that its token URL is unconfirmed', () => {
		const notices = credential.properties.filter((p) => p.type === 'notice');
		const india = notices.find((p) => p.displayName.includes('admin-oauth.id.in.jumpcloud.com'));
		expect(india).toBeDefined();
		expect(india?.displayName).toMatch(/not confirmed/);
		expect(india?.displayOptions).toEqual({ show: { region: ['in'] } });
	});
});

describe('every credential', () => {
	it.each<[string, ICredentialType]>([
		['factorialApi', new FactorialApi()],
		['factorialOAuth2Api', new FactorialOAuth2Api()],
		['jumpCloudApi', new JumpCloudApi()],
		['jumpCloudOAuth2Api', new JumpCloudOAuth2Api()],
	])(
		'%s has its contract name, a light and dark icon and an https documentation link',
		(name, credential) => {
			expect(credential.name).toBe(name);
			expect(credential.icon).toEqual({
				light: expect.stringMatching(/^file:\.\.\/icons\/\w+\.svg$/),
				dark: expect.stringMatching(/^file:\.\.\/icons\/\w+\.dark\.svg$/),
			});
			expect(credential.documentationUrl).toMatch(/^https:\/\//);
		},
	);
});
