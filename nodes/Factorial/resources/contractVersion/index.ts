import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/router';
import { operationSelector } from '../../shared/descriptions';
import * as getAll from './getAll';

export const operations: Record<string, OperationModule> = { getAll };

export const description: INodeProperties[] = [
	operationSelector(
		'contractVersion',
		[{ name: 'Get Many', value: 'getAll', action: 'Get many contract versions' }],
		'getAll',
	),
	...getAll.description,
];
