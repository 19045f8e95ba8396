import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isValidEmail } from '../../../lib/email';
import { simplifyOption, userLocator } from '../../shared/descriptions';
import { invalid, outputUser, readUserLocator, userId } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
import { currentUser, liftSuspension, outsideSyncParameter, stateOf } from './shared';
import { dryRunField } from '../../shared/dryRun';

const show = { resource: ['userState'], operation: ['activate'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Activate'), displayOptions: { show } },
	{
		displayName: 'Activation Email',
		name: 'activationEmail',
		type: 'options',
		options: [
			{
				name: 'Send',
				value: 'send',
				description:
					"JumpCloud's default: welcome email, or an activation email (to the alternate email if set) for users without a password",
			},
			{ name: 'Do Not Send', value: 'none' },
			{ name: 'Send to Another Address', value: 'override' },
		],
		default: 'send',
		displayOptions: { show },
	},
	{
		displayName: 'Send To',
		name: 'emailAddress',
		type: 'string',
		placeholder: 'e.g. jane.personal@example.org',
		default: '',
		required: true,
		description: 'Address that receives the activation email instead',
		displayOptions: { show: { ...show, activationEmail: ['override'] } },
	},
	{
		displayName: 'If the User Is Suspended',
		name: 'ifSuspended',
		type: 'options',
		options: [
			{
				name: 'Fail',
				value: 'error',
				description: 'Stop with an error: a suspension is lifted with Reactivate',
			},
			{
				name: 'Reactivate',
				value: 'reactivate',
				description:
					'Lift the suspension (a rehire whose account is still suspended, e.g. in the Joiner template)',
			},
		],
		default: 'error',
		displayOptions: { show },
	},
	outsideSyncParameter({ ...show, ifSuspended: ['reactivate'] }),
	{ ...simplifyOption, displayOptions: { show } },
	dryRunField(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	readUserLocator.call(this, i, 'user', 'User to Activate');
	const mode = this.getNodeParameter('activationEmail', i, 'send') as string;
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	let email: boolean | string = mode !== 'none';
	if (mode === 'override') {
		const address = String(this.getNodeParameter('emailAddress', i, '')).trim();
		if (!isValidEmail(address))
			throw invalid.call(this, i, 'Send To', `"${address}" is not a valid email address`);
		email = address;
	}
	const user = await currentUser(this, i, 'User to Activate');
	const state = stateOf(user);
	if (state === 'ACTIVATED')
		return outputUser(user, simplify, { activated: false, unchanged: true });
	if (state === 'SUSPENDED' && this.getNodeParameter('ifSuspended', i, 'error') === 'reactivate') {
		const { updated, outsideSync } = await liftSuspension(this, i, user);
		if (!updated)
			return outputUser(user, simplify, {
				activated: false,
				unchanged: true,
				suspendedOutsideSync: true,
				reason: outsideSync,
			});
		return outputUser(updated, simplify, { activated: true, unchanged: false, reactivated: true });
	}
	if (state === 'SUSPENDED') {
		throw new NodeOperationError(
			this.getNode(),
			`User "${String(user.username)}" is suspended, not staged [item ${i}]`,
			{
				itemIndex: i,
				description:
					"Use the Reactivate operation to lift a suspension, or set 'If the User Is Suspended' to Reactivate.",
			},
		);
	}
	const id = userId(user);
	// Activating an already active user changes nothing, so a resend is safe.
	await jumpCloudApiRequest.call(
		this,
		'POST',
		`/systemusers/${encodeURIComponent(id)}/state/activate`,
		{ email },
		undefined,
		{
			itemIndex: i,
			idempotent: true,
		},
	);
	return outputUser({ ...user, state: 'ACTIVATED' }, simplify, {
		activated: true,
		unchanged: false,
		activationEmail: mode === 'override' ? email : mode === 'send',
	});
}
