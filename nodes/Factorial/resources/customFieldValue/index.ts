import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/router';
import { operationSelector } from '../../shared/descriptions';
import * as getAll from './getAll';
import * as set from './set';

export const operations: Record<string, OperationModule> = { getAll, set };

export const description: INodeProperties[] = [
	operationSelector(
		'customFieldValue',
		[
			{ name: 'Get Many', value: 'getAll', action: 'Get many custom field values' },
			{
				name: 'Set',
				value: 'set',
				action: 'Set a custom field value',
				description: 'Create or update the value of a custom field for an employee',
			},
		],
		'getAll',
	),
	...getAll.description,
	...set.description,
];
