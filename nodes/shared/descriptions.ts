import type { IDisplayOptions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/**
 * Description pieces both services' nodes repeat word for word. Parameter names, values and defaults are
 * contracts (saved workflows, templates): change them here only together with every workflow that uses them.
 */

type Show = NonNullable<IDisplayOptions['show']>;

/** The `authentication` selector (`apiKey` / `oAuth2`); only the OAuth2 label differs between nodes. */
export function authenticationProperty(oAuth2Label: string, show?: Show): INodeProperties {
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'API Key', value: 'apiKey' },
			{ name: oAuth2Label, value: 'oAuth2' },
		],
		default: 'apiKey',
		...(show ? { displayOptions: { show } } : {}),
	};
}

/** The two credentials the `authentication` selector chooses between (plus any further condition). */
export function credentialsByAuthentication(
	apiKey: string,
	oAuth2: string,
	show: Record<string, string[]> = {},
): INodeCredentialDescription[] {
	return [
		{ name: apiKey, required: true, displayOptions: { show: { ...show, authentication: ['apiKey'] } } },
		{ name: oAuth2, required: true, displayOptions: { show: { ...show, authentication: ['oAuth2'] } } },
	];
}

/** Return All + Limit of a list operation. */
export function paginationFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
