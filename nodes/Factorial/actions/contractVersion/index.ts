import type { INodeProperties } from 'n8n-workflow';

import type { FactorialOperation } from '../common';
import { operationSelector } from '../common';
import * as getAll from './getAll';

export const operations: Record<string, FactorialOperation> = { getAll };

export const description: INodeProperties[] = [
	operationSelector(
		'contractVersion',
		[{ name: 'Get Many', value: 'getAll', action: 'Get many contract versions' }],
		'getAll',
	),
	...getAll.description,
];
