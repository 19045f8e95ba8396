import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/router';
import { operationSelector } from '../../shared/descriptions';
import * as get from './get';
import * as getAll from './getAll';

export const operations: Record<string, OperationModule> = { get, getAll };

export const description: INodeProperties[] = [
	operationSelector(
		'legalEntity',
		[
			{ name: 'Get', value: 'get', action: 'Get a legal entity' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many legal entities' },
		],
		'getAll',
	),
	...get.description,
	...getAll.description,
];
