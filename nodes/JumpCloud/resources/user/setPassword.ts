import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { userLocator } from '../../shared/descriptions';
import { invalid, readUserLocator, resolveUserId } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';

const setPasswordShow = { resource: ['user'], operation: ['setPassword'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Set Password For'), displayOptions: { show: setPasswordShow } },
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: "New password; it must satisfy the organization's password policy",
		displayOptions: { show: setPasswordShow },
	},
	{
		displayName: 'Require Change at Next Login',
		name: 'requireChange',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description: 'Whether to expire the new password right away so the user has to change it',
		displayOptions: { show: setPasswordShow },
	},
];

function path(id: string, suffix = ''): string {
	return `/systemusers/${encodeURIComponent(id)}${suffix}`;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator.call(this, i, 'user', 'User to Set Password For');
	const password = this.getNodeParameter('password', i) as string;
	const requireChange = this.getNodeParameter('requireChange', i, false) as boolean;
	if (!password) throw invalid.call(this, i, 'Password', 'is empty');
	const id = await resolveUserId.call(this, i, locator, 'User to Set Password For');
	// fullValidationDetails makes JumpCloud name the violated policy rule instead of a bare 400.
	await jumpCloudApiRequest.call(
		this,
		'PUT',
		path(id),
		{ password },
		{ fullValidationDetails: 'password' },
		{ itemIndex: i },
	);
	if (requireChange) {
		await jumpCloudApiRequest.call(this, 'POST', path(id, '/expire'), {}, undefined, {
			itemIndex: i,
			idempotent: true,
		});
	}
	return { id, passwordSet: true, passwordExpired: requireChange };
}
