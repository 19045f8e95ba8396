import type { IExecuteFunctions, INodeProperties, IDataObject } from 'n8n-workflow';

import { USER_STATES } from '../../mapping';
import { createUser, readNewUser } from '../../shared/createUser';
import { newUserFields, simplifyOption } from '../../shared/descriptions';
import { invalid, outputUser, resolveManager } from '../../shared/helpers';
import { dryRunField } from '../../shared/dryRun';

const show = { resource: ['user'], operation: ['create'] };

export const description: INodeProperties[] = [
	...newUserFields(show, {
		email: 'Primary email, unique in JumpCloud, at most 1024 characters',
		username: 'Login name, unique in JumpCloud (use Generate Unique Username to build one)',
	}),
	{ ...simplifyOption, displayOptions: { show } },
	dryRunField(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { input, state, onConflict, simplify, maxLength } = readNewUser.call(this, i, description);
	if (!USER_STATES.includes(state))
		throw invalid.call(
			this,
			i,
			'Initial State',
			`"${state}" is not Staged, Activated or Suspended`,
		);

	await resolveManager.call(this, i, input);
	const { user, username } = await createUser.call(
		this,
		i,
		input,
		state,
		onConflict,
		false,
		maxLength,
	);
	return outputUser(user, simplify, {
		created: true,
		usernameAdjusted: username !== input.strings.username,
	});
}
