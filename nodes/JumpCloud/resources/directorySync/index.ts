import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import * as checkScope from './checkScope';
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
				name: 'Check Sync Scope',
				value: 'checkScope',
				action: 'Check whether employees are in the sync scope',
				description:
					"Mark each Factorial employee item as inside or outside the Sync Policy credential's scope, with the reason",
			},
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
	...checkScope.description,
	...reconcile.description,
];

export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('operation', 0) === 'checkScope')
		return await checkScope.executeAll.call(this);
	return await reconcile.execute.call(this);
}
