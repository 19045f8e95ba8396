import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { planUserUpdate } from '../../mapping';
import { createUser, findExistingPerson, readNewUser } from '../../shared/createUser';
import { newUserFields, simplifyOption } from '../../shared/descriptions';
import { asNodeError, outputUser, resolveManager, userId } from '../../shared/helpers';
import { readCollection } from '../../shared/params';
import { jumpCloudApiRequest } from '../../transport';

const show = { resource: ['user'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	...newUserFields(show, {
		email: 'Primary email. The user is matched by Employee Identifier first (if given), then by this email; never by name.',
		username: 'Login name used when the user is created; an existing user keeps theirs unless Update Username is on',
		state: 'State of the user if it has to be created',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Update Username',
				name: 'updateUsername',
				type: 'boolean',
				default: false,
				description: 'Whether to also change the username of an existing user (it affects device logins)',
			},
		],
	},
	{ ...simplifyOption, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { input, state, onConflict, simplify, maxLength } = readNewUser(this, i, description);
	const options = readCollection(this, i, description, 'options');

	await resolveManager(this, i, input);
	let match = await findExistingPerson(this, i, input);
	if (!match) {
		try {
			const { user, username } = await createUser(this, i, input, state, onConflict, true, maxLength);
			return outputUser(user, simplify, {
				created: true,
				updated: false,
				unchanged: false,
				matchedBy: null,
				usernameAdjusted: username !== input.strings.username,
			});
		} catch (error) {
			// Another execution (a repeated webhook, the nightly run) created the person meanwhile:
			// this is Create or Update, so update it instead of failing.
			const appeared = await findExistingPerson(this, i, input).catch(() => undefined);
			if (!appeared) throw asNodeError(this, error, i);
			match = appeared;
		}
	}

	const current = match.user;
	const wantedId = input.strings.employeeIdentifier;
	const currentId = String(current.employeeIdentifier ?? '');
	// Matched by email but the account belongs to another employee: changing it would hit the wrong person.
	if (match.matchedBy === 'email' && wantedId && currentId && currentId.toLowerCase() !== wantedId.toLowerCase()) {
		throw new NodeOperationError(
			this.getNode(),
			`The email "${input.strings.email}" belongs to JumpCloud user "${String(current.username)}" with employee identifier "${currentId}", not "${wantedId}" [item ${i}]`,
			{ itemIndex: i, description: 'Check both records: one email cannot belong to two employees.' },
		);
	}
	const updateInput = { ...input, strings: { ...input.strings } };
	if (!options.updateUsername) delete updateInput.strings.username;
	const id = userId(current);
	const fresh = (await jumpCloudApiRequest.call(this, 'GET', `/systemusers/${encodeURIComponent(id)}`, undefined, undefined, {
		itemIndex: i,
	})) as IDataObject;
	const plan = planUserUpdate(fresh, updateInput);
	if (!plan.changedFields.length) {
		return outputUser(fresh, simplify, { created: false, updated: false, unchanged: true, matchedBy: match.matchedBy });
	}
	const updated = (await jumpCloudApiRequest.call(this, 'PUT', `/systemusers/${encodeURIComponent(id)}`, plan.body as IDataObject, undefined, {
		itemIndex: i,
	})) as IDataObject;
	return outputUser(updated, simplify, {
		created: false,
		updated: true,
		unchanged: false,
		matchedBy: match.matchedBy,
		changedFields: plan.changedFields,
	});
}
