import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION } from '../nodes/JumpCloud/regions';

/** Region, Custom URL and Organization ID: shared by the API key and the OAuth2 credential. */
export const jumpCloudConnectionProperties: INodeProperties[] = [
	{
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: [
			{ name: 'US (console.jumpcloud.com)', value: 'us' },
			{ name: 'EU (console.eu.jumpcloud.com)', value: 'eu' },
			{ name: 'India (console.in.jumpcloud.com)', value: 'in' },
			{ name: 'Custom URL', value: 'custom' },
		],
		default: 'us',
		description:
			'Data centre your JumpCloud organization lives in. A key only works in the region where it was created.',
	},
	{
		displayName: 'Custom URL',
		name: 'customUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://jumpcloud-proxy.example.com',
		description: 'Base URL of a proxy or emulator that serves /api and /api/v2 like JumpCloud does',
		displayOptions: { show: { region: ['custom'] } },
	},
	{
		displayName: 'Organization ID',
		name: 'orgId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5a1234567890abcdef123456',
		description:
			'Only for multi-tenant (MSP) administrators: the organization to act on, sent as the x-org-id header. Leave empty for a single organization.',
	},
];

export class JumpCloudApi implements ICredentialType {
	name = 'jumpCloudApi';

	displayName = 'JumpCloud API';

	icon: Icon = { light: 'file:../icons/jumpcloud.svg', dark: 'file:../icons/jumpcloud.dark.svg' };

	documentationUrl = 'https://jumpcloud.com/support/jumpcloud-apis';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. jca_…',
			description: 'Personal API key from the JumpCloud Admin Portal (your name → My API Key)',
		},
		...jumpCloudConnectionProperties,
	];

	// A function rather than a generic header map: x-org-id must be absent, not empty, for
	// single-tenant admins.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = {
			...((requestOptions.headers ?? {}) as Record<string, string>),
			'x-api-key': String(credentials.apiKey ?? ''),
		};
		const orgId = String(credentials.orgId ?? '').trim();
		if (orgId) headers['x-org-id'] = orgId;
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/api/systemusers',
			qs: { limit: 1, fields: 'username' },
			headers: { Accept: 'application/json' },
			// JumpCloud answers a missing key with a 302 to its login page; following it would "pass".
			disableFollowRedirect: true,
		},
	};
}
