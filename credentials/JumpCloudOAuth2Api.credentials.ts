import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { TOKEN_URL_EXPRESSION } from '../nodes/JumpCloud/regions';
import { jumpCloudConnectionProperties } from './JumpCloudApi.credentials';

/**
 * JumpCloud service account (OAuth2 client credentials). Token URLs per region live in
 * nodes/JumpCloud/regions.ts: US and EU are confirmed by JumpCloud's PowerShell module, the IN URL
 * is guessed. A Custom URL region uses <customUrl>/oauth2/token (proxy or emulator).
 */
export class JumpCloudOAuth2Api implements ICredentialType {
	name = 'jumpCloudOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'JumpCloud OAuth2 API';

	icon: Icon = { light: 'file:../icons/jumpcloud.svg', dark: 'file:../icons/jumpcloud.dark.svg' };

	documentationUrl = 'https://jumpcloud.com/support/service-account-for-apis';

	properties: INodeProperties[] = [
		...jumpCloudConnectionProperties,
		{
			displayName:
				'India: the token URL admin-oauth.id.in.jumpcloud.com is not confirmed by any JumpCloud source (US and EU are). If connecting fails, use an API key credential, or Custom URL with a proxy that serves /oauth2/token.',
			name: 'indiaTokenUrlNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { region: ['in'] } },
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: TOKEN_URL_EXPRESSION,
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'api',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// JumpCloud expects the client ID and secret as HTTP Basic auth on the token request.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];
}
