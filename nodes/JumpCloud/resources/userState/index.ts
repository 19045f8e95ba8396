import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/router';
import * as activate from './activate';
import * as cancelScheduled from './cancelScheduled';
import * as getScheduled from './getScheduled';
import * as keepLastDay from './keepLastDay';
import * as reactivate from './reactivate';
import * as schedule from './schedule';
import * as suspend from './suspend';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userState'] } },
		options: [
			{
				name: 'Activate',
				value: 'activate',
				action: 'Activate a staged user',
				description: 'Activate a staged user, with or without the activation email',
			},
			{
				name: 'Cancel Scheduled',
				value: 'cancelScheduled',
				action: 'Cancel a scheduled state change',
				description: 'Cancel a scheduled activation or suspension',
			},
			{
				name: 'Get Scheduled',
				value: 'getScheduled',
				action: 'Get scheduled state changes of a user',
				description: 'List scheduled activations and suspensions of a user',
			},
			{
				name: 'Keep Last-Day Suspension',
				value: 'keepLastDay',
				action: 'Keep the last day suspension of an employee',
				description:
					"Schedule, move or cancel the 23:59 local suspension for an employee's fixed-term contract end or termination day, by the nightly's rule",
			},
			{
				name: 'Reactivate',
				value: 'reactivate',
				action: 'Reactivate a suspended user',
				description: 'Lift a suspension',
			},
			{
				name: 'Schedule',
				value: 'schedule',
				action: 'Schedule a state change',
				description: 'Activate or suspend a user at a date-time',
			},
			{
				name: 'Suspend',
				value: 'suspend',
				action: 'Suspend a user',
				description: 'Suspend a user (offboarding)',
			},
		],
		default: 'activate',
	},
	...activate.description,
	...suspend.description,
	...reactivate.description,
	...schedule.description,
	...getScheduled.description,
	...cancelScheduled.description,
	...keepLastDay.description,
];

export const operations: Record<string, OperationModule> = {
	activate,
	suspend,
	reactivate,
	schedule,
	getScheduled,
	cancelScheduled,
	keepLastDay,
};
