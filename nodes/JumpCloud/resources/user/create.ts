import type { IExecuteFunctions, INodeProperties, IDataObject } from 'n8n-workflow';

import { USER_STATES } from '../../mapping';
import { createUser, readUsernameMaxLength } from '../../shared/createUser';
import {
	initialStateOption,
	onUsernameConflictOption,
	simplifyOption,
	userFieldOptions,
	usernameMaxLengthOption,
} from '../../shared/descriptions';
import { invalid, outputUser, readUserInput, resolveManager, validateUser } from '../../shared/helpers';
import { readCollection, readParam } from '../../shared/params';

const show = { resource: ['user'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. jane.doe@example.com',
		default: '',
		required: true,
		description: 'Primary email, unique in JumpCloud, at most 1024 characters',
		displayOptions: { show },
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		placeholder: 'e.g. jdoe',
		default: '',
		required: true,
		description: 'Login name, unique in JumpCloud (use Generate Unique Username to build one)',
		displayOptions: { show },
	},
	{ ...initialStateOption, displayOptions: { show } },
	{ ...onUsernameConflictOption, displayOptions: { show } },
	{ ...usernameMaxLengthOption, displayOptions: { show: { ...show, onUsernameConflict: ['appendNumber'] } } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: userFieldOptions(false),
	},
	{ ...simplifyOption, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const input = readUserInput(readCollection(this, i, description, 'additionalFields'), {
		email: readParam(this, i, description, 'email', ''),
		username: readParam(this, i, description, 'username', ''),
	});
	const state = readParam(this, i, description, 'state', 'STAGED');
	const onConflict = readParam(this, i, description, 'onUsernameConflict', 'fail');
	const simplify = readParam(this, i, description, 'simplify', true);
	validateUser(this, i, input, true);
	const maxLength = onConflict === 'appendNumber' ? readUsernameMaxLength(this, i, input.strings.username) : 0;
	if (!USER_STATES.includes(state)) invalid(this, i, 'Initial State', `"${state}" is not Staged, Activated or Suspended`);

	await resolveManager(this, i, input);
	const { user, username } = await createUser(this, i, input, state, onConflict, false, maxLength);
	return outputUser(user, simplify, {
		created: true,
		usernameAdjusted: username !== input.strings.username,
	});
}
