import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, OAUTH2_LABEL } from '../shared/descriptions';
import { searchGroups, searchUsers } from './listSearch';
import { syncPolicyTest } from './shared/syncPolicy';
import * as directorySync from './resources/directorySync';
import * as user from './resources/user';
import * as userGroup from './resources/userGroup';
import * as userState from './resources/userState';
import { router } from '../shared/router';
import { withDryRun } from './shared/dryRun';

/** Operations with a Dry Run parameter report their writes instead of sending them (shared/dryRun.ts). */
const RESOURCES = withDryRun({ user, userState, userGroup, directorySync });

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
		credentials: [
			{
				name: 'jumpCloudApi',
				required: true,
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			{
				name: 'jumpCloudOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			// Only Reconcile with "Read From Factorial" lists the Factorial employees itself. The keys are
			// root paths ("/resource") on purpose: n8n's editor hides every parameter a credential's
			// displayOptions names directly (it treats them as authentication fields), which would hide
			// Resource and Operation on every JumpCloud node. A root path selects the same values.
			{
				name: 'factorialApi',
				required: true,
				displayOptions: {
					show: {
						'/resource': ['directorySync'],
						'/operation': ['reconcile'],
						'/employeeSource': ['factorial'],
						'/factorialAuthentication': ['apiKey'],
					},
				},
			},
			{
				name: 'factorialOAuth2Api',
				required: true,
				displayOptions: {
					show: {
						'/resource': ['directorySync'],
						'/operation': ['reconcile'],
						'/employeeSource': ['factorial'],
						'/factorialAuthentication': ['oAuth2'],
					},
				},
			},
			// Optional (shared/syncPolicy.ts): the scope and attribute authority every template applies.
			{
				name: 'factorialJumpCloudSyncPolicyApi',
				required: false,
				testedBy: 'syncPolicyTest',
				displayOptions: {
					show: {
						'/resource': ['user', 'directorySync'],
						'/operation': ['upsert', 'update', 'reconcile', 'checkScope'],
					},
				},
			},
		],
		properties: [
			authenticationProperty(OAUTH2_LABEL.jumpCloud),
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
		credentialTest: { syncPolicyTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, RESOURCES);
	}
}
