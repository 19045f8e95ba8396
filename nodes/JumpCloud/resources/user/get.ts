import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { simplifyOption, userLocator } from '../../shared/descriptions';
import { findUser, invalid, outputUser, readUserLocator, resolveUser } from '../../shared/helpers';
import { findSystemUsers } from '../../transport';
import { readText } from '../../../shared/params';
import { isValidEmail, normaliseEmail } from '../../../lib/email';
import { emailOnlyMatchProblem, lookedUpBy, notFoundReason } from '../../../lib/userLookup';

const show = { resource: ['user'], operation: ['get'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Get'), displayOptions: { show } },
	{
		displayName: 'Then Check Email',
		name: 'checkEmail',
		type: 'string',
		default: '',
		placeholder: 'e.g. jane.doe@example.com',
		description:
			"Only with User to Get by employee identifier: when no user has it, look for a user with this email too. Such a user is never returned: one without an employee identifier (not linked yet) or with another one (someone else's) stops the node with an error that names it. Leave empty to skip.",
		displayOptions: { show },
	},
	{
		displayName: 'If No User Matches',
		name: 'ifNotFound',
		type: 'options',
		options: [
			{
				name: 'Fail',
				value: 'error',
				description: 'Stop with an error',
			},
			{
				name: 'Output a Not-Found Item',
				value: 'outputNotFound',
				description:
					'Output one item with found = false, what was looked up and why nothing matched, so the workflow can record it (e.g. a Leaver or Mover for an employee without an account). A found user gets found = true. Several matching users still fail.',
			},
		],
		default: 'error',
		displayOptions: { show },
	},
	{ ...simplifyOption, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator.call(this, i, 'user', 'User to Get');
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const email = normaliseEmail(readText.call(this, 'checkEmail', 'Then Check Email', '', i));
	const ifNotFound = readText.call(this, 'ifNotFound', 'If No User Matches', 'error', i, [
		'error',
		'outputNotFound',
	]);
	if (email && locator.mode !== 'employeeIdentifier')
		throw invalid.call(
			this,
			i,
			'Then Check Email',
			'only applies when User to Get is By Employee Identifier',
			"Pick the user by employee identifier, or leave 'Then Check Email' empty.",
		);
	if (email && !isValidEmail(email))
		throw invalid.call(this, i, 'Then Check Email', `"${email}" is not a valid email address`);
	// As before these options existed: one lookup, an error when nothing matches.
	if (ifNotFound === 'error' && !email)
		return outputUser(await resolveUser.call(this, i, locator, 'User to Get'), simplify);

	const found = await findUser.call(this, i, locator, 'User to Get');
	if (found) return outputUser(found, simplify, { found: true });
	if (email) {
		const byEmail = await findSystemUsers.call(this, { email }, undefined, { itemIndex: i });
		const problem = emailOnlyMatchProblem(byEmail, locator.value, email);
		if (problem)
			throw new NodeOperationError(this.getNode(), `${problem} [item ${i}]`, {
				itemIndex: i,
				description: `Nothing was changed. If the account is this employee's, set its Employee Identifier to "${locator.value}" in JumpCloud (or let Create or Update adopt it) and run again; if not, fix the email in Factorial or JumpCloud.`,
			});
	}
	const reason = notFoundReason(locator.mode, locator.value, email || undefined);
	if (ifNotFound === 'error')
		throw new NodeOperationError(this.getNode(), `${reason} [item ${i}]`, {
			itemIndex: i,
			description:
				"Check 'User to Get', the credential's Region and Organization ID, or set 'If No User Matches' to Output a Not-Found Item.",
		});
	return {
		found: false,
		lookedUpBy: lookedUpBy(locator.mode, !!email),
		lookupValue: locator.value,
		...(email ? { email } : {}),
		reason,
	};
}
