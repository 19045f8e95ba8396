import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { planUserUpdate } from '../../mapping';
import { createUser, readUsernameMaxLength, findExistingPerson } from '../../shared/createUser';
import {
	initialStateOption,
	onUsernameConflictOption,
	simplifyOption,
	userFieldOptions,
	usernameMaxLengthOption,
} from '../../shared/descriptions';
import { asNodeError, outputUser, readUserInput, resolveManager, userId, validateUser } from '../../shared/helpers';
import { readCollection, readParam } from '../../shared/params';
import { jumpCloudApiRequest } from '../../transport';

const show = { resource: ['user'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. jane.doe@example.com',
		default: '',
		required: true,
		description:
			'Primary email. The user is matched by Employee Identifier first (if given), then by this email; never by name.',
		displayOptions: { show },
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		placeholder: 'e.g. jdoe',
		default: '',
		required: true,
		description: 'Login name used when the user is created; an existing user keeps theirs unless Update Username is on',
		displayOptions: { show },
	},
	{ ...initialStateOption, description: 'State of the user if it has to be created', displayOptions: { show } },
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
	const input = readUserInput(readCollection(this, i, description, 'additionalFields'), {
		email: readParam(this, i, description, 'email', ''),
		username: readParam(this, i, description, 'username', ''),
	});
	const state = readParam(this, i, description, 'state', 'STAGED');
	const onConflict = readParam(this, i, description, 'onUsernameConflict', 'fail');
	const options = readCollection(this, i, description, 'options');
	const simplify = readParam(this, i, description, 'simplify', true);
	validateUser(this, i, input, true);
	const maxLength = onConflict === 'appendNumber' ? readUsernameMaxLength(this, i, input.strings.username) : 0;

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
