import type { IDisplayOptions, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/**
 * Description pieces both services' nodes repeat word for word. Parameter names, values and defaults are
 * contracts (saved workflows, templates): change them here only together with every workflow that uses them.
 */

type Show = NonNullable<IDisplayOptions['show']>;

/** How the OAuth2 choice of the `authentication` selector is labelled, per service: one label per credential. */
export const OAUTH2_LABEL = { factorial: 'OAuth2', jumpCloud: 'OAuth2 (Service Account)' } as const;

/** The `authentication` selector (`apiKey` / `oAuth2`); only the OAuth2 label differs between services. */
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
		{
			name: apiKey,
			required: true,
			displayOptions: { show: { ...show, authentication: ['apiKey'] } },
		},
		{
			name: oAuth2,
			required: true,
			displayOptions: { show: { ...show, authentication: ['oAuth2'] } },
		},
	];
}

/** Return All + Limit of a list operation. */
export function paginationFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			validateType: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			validateType: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** The username format presets (examples for Ana García), offered alike by Generate Unique Username and Reconcile. */
export const USERNAME_FORMAT_OPTIONS = [
	{ name: 'First', value: 'first', description: 'Example: ana' },
	{ name: 'First_Last', value: 'first_last', description: 'Example: ana_garcia' },
	{ name: 'First.Last', value: 'first.last', description: 'Example: ana.garcia' },
	{ name: 'FirstL', value: 'firstl', description: 'Example: anag' },
	{ name: 'FLast', value: 'flast', description: 'Example: agarcia' },
];
