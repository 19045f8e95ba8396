import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	DEFAULT_FACTORIAL_API_VERSION,
	FACTORIAL_API_VERSIONS,
	RESOURCES_URL_EXPRESSION,
} from '../nodes/Factorial/constants';

/** Environment, Custom URL and API Version: shared by the API key and the OAuth2 credential. */
export const factorialConnectionProperties: INodeProperties[] = [
	{
		displayName: 'Environment',
		name: 'environment',
		type: 'options',
		options: [
			{ name: 'Production (api.factorialhr.com)', value: 'production' },
			{ name: 'Demo (api.eu2.demo.factorial.dev)', value: 'demo' },
			{ name: 'Custom URL', value: 'custom' },
		],
		default: 'production',
		description:
			'Factorial environment the key or app belongs to. Demo credentials only work against the demo environment.',
	},
	{
		displayName: 'Custom URL',
		name: 'customUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://factorial-proxy.example.com',
		description:
			'Base URL of a proxy or emulator that serves /api/{version}/resources like Factorial does',
		displayOptions: { show: { environment: ['custom'] } },
	},
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		options: FACTORIAL_API_VERSIONS.map((version) => ({
			name: version === DEFAULT_FACTORIAL_API_VERSION ? `${version} (Newest)` : version,
			value: version,
		})),
		default: DEFAULT_FACTORIAL_API_VERSION,
		description:
			'Dated Factorial API version used for every request. Versions before 2026-07-01 return numeric IDs; the node always outputs IDs as strings.',
	},
	{
		displayName: 'Work Email Field',
		name: 'workEmailField',
		type: 'options',
		options: [
			{
				name: 'Email',
				value: 'email',
				description: "The employee's email in Factorial (required when creating an employee)",
			},
			{
				name: 'Login Email',
				value: 'login_email',
				description: 'The address the employee signs in to Factorial with (empty until invited)',
			},
		],
		default: 'email',
		description:
			"Which Factorial field is the work email that becomes the JumpCloud email: used by Simplify ('work_email'), both triggers ('employee.workEmail'), the templates and the reconciliation. The personal email is never used.",
	},
];

export class FactorialApi implements ICredentialType {
	name = 'factorialApi';

	displayName = 'Factorial API';

	icon: Icon = { light: 'file:../icons/factorial.svg', dark: 'file:../icons/factorial.dark.svg' };

	documentationUrl = 'https://apidoc.factorialhr.com/docs/api-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Company API key created by a Factorial admin (Settings → Advanced → API keys)',
		},
		...factorialConnectionProperties,
	];

	// Factorial wants the key as-is in x-api-key, not as a Bearer token (it looks like a JWT).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'x-api-key': '={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: RESOURCES_URL_EXPRESSION,
			url: '/api_public/credentials',
			headers: { Accept: 'application/json' },
			disableFollowRedirect: true,
		},
	};
}
