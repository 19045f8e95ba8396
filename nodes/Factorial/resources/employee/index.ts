import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/router';
import * as create from './create';
import * as get from './get';
import * as getAll from './getAll';
import * as invite from './invite';
import * as terminate from './terminate';
import * as unterminate from './unterminate';
import * as update from './update';
import * as writeBackIdentity from './writeBackIdentity';

export const operations: Record<string, OperationModule> = {
	create,
	get,
	getAll,
	update,
	terminate,
	unterminate,
	invite,
	writeBackIdentity,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['employee'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an employee with a contract',
				action: 'Create an employee',
			},
			{ name: 'Get', value: 'get', description: 'Get an employee', action: 'Get an employee' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many employees',
				action: 'Get many employees',
			},
			{
				name: 'Invite',
				value: 'invite',
				description: 'Send the Factorial login invitation',
				action: 'Invite an employee',
			},
			{
				name: 'Terminate',
				value: 'terminate',
				description: 'Terminate an employee on a date',
				action: 'Terminate an employee',
			},
			{
				name: 'Unterminate',
				value: 'unterminate',
				description: 'Reactivate a terminated employee',
				action: 'Unterminate an employee',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update an employee',
				action: 'Update an employee',
			},
			{
				name: 'Write Back Directory Identity',
				value: 'writeBackIdentity',
				description:
					'Write the directory username and email to custom fields of the employee (only what differs)',
				action: 'Write back the directory identity of an employee',
			},
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...terminate.description,
	...unterminate.description,
	...invite.description,
	...writeBackIdentity.description,
];
