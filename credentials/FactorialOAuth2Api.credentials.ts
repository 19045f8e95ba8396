import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import {
	AUTH_QUERY_EXPRESSION,
	AUTHORIZE_URL_EXPRESSION,
	DEFAULT_FACTORIAL_OAUTH_SCOPE,
	TOKEN_URL_EXPRESSION,
} from '../nodes/Factorial/constants';
import { factorialConnectionProperties } from './FactorialApi.credentials';

/**
 * Factorial OAuth2 app (authorization code). The authorize and token URLs follow the Environment
 * field (hosts in nodes/Factorial/constants.ts). The token request carries the client ID and secret in
 * the form body, as Factorial's guides show. Access tokens are sent as Bearer by n8n.
 */
export class FactorialOAuth2Api implements ICredentialType {
	name = 'factorialOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Factorial OAuth2 API';

	icon: Icon = { light: 'file:../icons/factorial.svg', dark: 'file:../icons/factorial.dark.svg' };

	documentationUrl = 'https://apidoc.factorialhr.com/docs/create-a-new-oauth-application';

	properties: INodeProperties[] = [
		...factorialConnectionProperties,
		{
			displayName: 'Company-Wide Token',
			name: 'companyWideToken',
			type: 'boolean',
			default: false,
			description:
				'Whether to request a company token (resource_owner_type=company): it acts for the whole company like an API key and does not expire. The approving user must be a Factorial admin. Off: a user token limited to what that user may see.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_FACTORIAL_OAUTH_SCOPE,
			description:
				'Space-separated Factorial scopes; they must also be enabled on the OAuth application. The default covers every resource of the Factorial node.',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: AUTHORIZE_URL_EXPRESSION,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: TOKEN_URL_EXPRESSION,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: AUTH_QUERY_EXPRESSION,
		},
		{
			// Factorial's token guides post client_id and client_secret in the form body
			// (docs/reference/factorial-api-notes.md, "OAuth2"); n8n's oAuth2Api then sends no Basic header.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
