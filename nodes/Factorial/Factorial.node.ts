import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as contractVersion from './resources/contractVersion';
import * as customFieldValue from './resources/customFieldValue';
import * as employee from './resources/employee';
import * as legalEntity from './resources/legalEntity';
import * as location from './resources/location';
import { router } from '../shared/router';
import * as team from './resources/team';
import * as teamMembership from './resources/teamMembership';
import * as webhookSubscription from './resources/webhookSubscription';
import {
	authenticationProperty,
	credentialsByAuthentication,
	OAUTH2_LABEL,
} from '../shared/descriptions';
import {
	searchCustomFields,
	searchEmployees,
	searchLegalEntities,
	searchLocations,
	searchTeams,
} from './listSearch';

export class Factorial implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Factorial',
		name: 'factorial',
		icon: { light: 'file:../../icons/factorial.svg', dark: 'file:../../icons/factorial.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and change employees, teams and company data in Factorial HR',
		defaults: { name: 'Factorial' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsByAuthentication('factorialApi', 'factorialOAuth2Api'),
		properties: [
			authenticationProperty(OAUTH2_LABEL.factorial),
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contract Version', value: 'contractVersion' },
					{ name: 'Custom Field Value', value: 'customFieldValue' },
					{ name: 'Employee', value: 'employee' },
					{ name: 'Legal Entity', value: 'legalEntity' },
					{ name: 'Location', value: 'location' },
					{ name: 'Team', value: 'team' },
					{ name: 'Team Membership', value: 'teamMembership' },
					{ name: 'Webhook Subscription', value: 'webhookSubscription' },
				],
				default: 'employee',
			},
			...employee.description,
			...team.description,
			...teamMembership.description,
			...location.description,
			...legalEntity.description,
			...contractVersion.description,
			...customFieldValue.description,
			...webhookSubscription.description,
		],
	};

	methods = {
		listSearch: {
			searchEmployees,
			searchTeams,
			searchLocations,
			searchLegalEntities,
			searchCustomFields,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, {
			employee,
			team,
			teamMembership,
			location,
			legalEntity,
			contractVersion,
			customFieldValue,
			webhookSubscription,
		});
	}
}
