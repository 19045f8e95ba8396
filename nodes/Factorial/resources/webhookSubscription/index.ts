import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/router';
import { operationSelector } from '../../shared/descriptions';
import * as getAll from './getAll';

export const operations: Record<string, OperationModule> = { getAll };

export const description: INodeProperties[] = [
	operationSelector(
		'webhookSubscription',
		[
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many webhook subscriptions',
				description:
					'List the webhook subscriptions of the company, to see which receiver holds each event',
			},
		],
		'getAll',
	),
	...getAll.description,
];
