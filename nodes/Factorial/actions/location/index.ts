import type { INodeProperties } from 'n8n-workflow';

import type { FactorialOperation } from '../common';
import { operationSelector } from '../common';
import * as get from './get';
import * as getAll from './getAll';

export const operations: Record<string, FactorialOperation> = { get, getAll };

export const description: INodeProperties[] = [
	operationSelector(
		'location',
		[
			{ name: 'Get', value: 'get', action: 'Get a location' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many locations' },
		],
		'getAll',
	),
	...get.description,
	...getAll.description,
];
