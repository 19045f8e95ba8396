import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, credentialsByAuthentication } from '../shared/descriptions';
import { searchGroups, searchUsers } from './listSearch';
import * as directorySync from './resources/directorySync';
import * as user from './resources/user';
import * as userGroup from './resources/userGroup';
import * as userState from './resources/userState';
import { router } from './router';

export class JumpCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'JumpCloud',
		name: 'jumpCloud',
		icon: { light: 'file:../../icons/jumpcloud.svg', dark: 'file:../../icons/jumpcloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage JumpCloud users, their lifecycle states and user groups',
		defaults: { name: 'JumpCloud' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsByAuthentication('jumpCloudApi', 'jumpCloudOAuth2Api'),
		properties: [
			authenticationProperty('OAuth2 (Service Account)'),
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Directory Sync', value: 'directorySync' },
					{ name: 'User', value: 'user' },
					{ name: 'User Group', value: 'userGroup' },
					{ name: 'User State', value: 'userState' },
				],
				default: 'user',
			},
			...user.description,
			...userState.description,
			...userGroup.description,
			...directorySync.description,
		],
	};

	methods = {
		listSearch: { searchUsers, searchGroups },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
