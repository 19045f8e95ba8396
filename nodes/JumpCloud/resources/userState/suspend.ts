import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOption, userLocator } from '../../shared/descriptions';
import { outputUser, readUserLocator, userId } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
import { cancelPendingJobs } from '../../shared/scheduleOnce';
import { currentUser, stateOf, suspendBody } from './shared';
import { dryRunField } from '../../shared/dryRun';

const show = { resource: ['userState'], operation: ['suspend'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Suspend'), displayOptions: { show } },
	{
		displayName: 'Cancel Pending Scheduled Changes',
		name: 'cancelPendingJobs',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description:
			"Whether to cancel the user's pending scheduled activations and suspensions, so a hire rescinded before the start date is never activated by the job made for the first day. A job that also covers other users is left alone and reported.",
		displayOptions: { show },
	},
	{ ...simplifyOption, displayOptions: { show } },
	dryRunField(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	readUserLocator.call(this, i, 'user', 'User to Suspend');
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const user = await currentUser(this, i, 'User to Suspend');
	// JumpCloud runs a scheduled activation on suspended users too: cancel first, then suspend.
	const cancelled = this.getNodeParameter('cancelPendingJobs', i, false)
		? await cancelPendingJobs(this, i, userId(user))
		: {};
	// Already suspended by someone else: no mark is written, so that suspension is never the sync's to lift.
	if (stateOf(user) === 'SUSPENDED')
		return outputUser(user, simplify, { suspended: true, unchanged: true, ...cancelled });
	const updated = (await jumpCloudApiRequest.call(
		this,
		'PUT',
		`/systemusers/${encodeURIComponent(userId(user))}`,
		suspendBody(user, Date.now()),
		undefined,
		{ itemIndex: i },
	)) as IDataObject;
	return outputUser(updated, simplify, { suspended: true, unchanged: false, ...cancelled });
}
