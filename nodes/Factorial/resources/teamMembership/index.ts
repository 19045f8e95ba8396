import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/router';
import { operationSelector } from '../../shared/descriptions';
import * as add from './add';
import * as getAll from './getAll';
import * as remove from './remove';

export const operations: Record<string, OperationModule> = { add, getAll, remove };

export const description: INodeProperties[] = [
	operationSelector(
		'teamMembership',
		[
			{ name: 'Add', value: 'add', action: 'Add an employee to a team' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many team memberships' },
			{ name: 'Remove', value: 'remove', action: 'Remove an employee from a team' },
		],
		'add',
	),
	...add.description,
	...getAll.description,
	...remove.description,
];
