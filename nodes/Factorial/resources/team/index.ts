import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/router';
import { operationSelector } from '../../shared/descriptions';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';

export const operations: Record<string, OperationModule> = {
	create,
	delete: del,
	get,
	getAll,
	update,
};

export const description: INodeProperties[] = [
	operationSelector(
		'team',
		[
			{ name: 'Create', value: 'create', action: 'Create a team' },
			{ name: 'Delete', value: 'delete', action: 'Delete a team' },
			{ name: 'Get', value: 'get', action: 'Get a team' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many teams' },
			{ name: 'Update', value: 'update', action: 'Update a team' },
		],
		'get',
	),
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
