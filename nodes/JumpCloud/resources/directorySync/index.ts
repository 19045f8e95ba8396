import type { INodeProperties } from 'n8n-workflow';

import * as reconcile from './reconcile';

/**
 * Directory Sync works on the whole input at once (all Factorial employees), so the router hands
 * it every item instead of calling it per item.
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['directorySync'] } },
		options: [
			{
				name: 'Reconcile With Factorial Employees',
				value: 'reconcile',
				action: 'Reconcile users with factorial employees',
				description:
					'Compare all Factorial employees with all JumpCloud users and create, update, suspend or reactivate what differs',
			},
		],
		default: 'reconcile',
	},
	...reconcile.description,
];

export const executeAll = reconcile.execute;
