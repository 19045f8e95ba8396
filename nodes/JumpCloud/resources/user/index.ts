import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/router';
import * as create from './create';
import * as del from './delete';
import * as expirePassword from './expirePassword';
import * as get from './get';
import * as getAll from './getAll';
import * as relink from './relink';
import * as resetMfa from './resetMfa';
import * as setPassword from './setPassword';
import * as unlock from './unlock';
import * as update from './update';
import * as upsert from './upsert';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a user',
				description: 'Create a new user',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a user',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a user', description: 'Delete a user' },
			{
				name: 'Expire Password',
				value: 'expirePassword',
				action: 'Expire the password of a user',
				description: 'Force a password change at next login',
			},
			{ name: 'Get', value: 'get', action: 'Get a user', description: 'Get a user' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many users',
				description: 'Get many users',
			},
			{
				name: 'Relink to Rehired Employee',
				value: 'relink',
				action: 'Relink a suspended user to a rehired employee',
				description:
					'Link a suspended user to the new HR record of a rehire, only when an HR identifier proves it is the same person',
			},
			{
				name: 'Reset MFA',
				value: 'resetMfa',
				action: 'Reset MFA of a user',
				description: "Reset a user's MFA and open a new enrollment window",
			},
			{
				name: 'Set Password',
				value: 'setPassword',
				action: 'Set the password of a user',
				description: 'Set a new password',
			},
			{
				name: 'Unlock',
				value: 'unlock',
				action: 'Unlock a user',
				description: 'Unlock a user locked out by failed logins',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a user',
				description: 'Update a user, merging list fields',
			},
		],
		default: 'create',
	},
	...create.description,
	...upsert.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
	...unlock.description,
	...resetMfa.description,
	...expirePassword.description,
	...setPassword.description,
	...relink.description,
];

export const operations: Record<string, OperationModule> = {
	create,
	upsert,
	delete: del,
	get,
	getAll,
	update,
	unlock,
	resetMfa,
	expirePassword,
	setPassword,
	relink,
};
