import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { simplifyOption, userLocator } from '../../shared/descriptions';
import { outputUser, readUserLocator } from '../../shared/helpers';
import { readText } from '../../../shared/params';
import {
	clearStaleMark,
	currentUser,
	liftSuspension,
	outsideSyncParameter,
	stateOf,
} from './shared';
import { dryRunField } from '../../shared/dryRun';

const show = { resource: ['userState'], operation: ['reactivate'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User to Reactivate'), displayOptions: { show } },
	{
		displayName: 'If the User Is Staged',
		name: 'ifStaged',
		type: 'options',
		options: [
			{
				name: 'Fail',
				value: 'error',
				description: 'Stop with an error: a staged user is started with Activate',
			},
			{
				name: 'Leave Staged',
				value: 'leaveStaged',
				description:
					'Change nothing: a hire who has not started yet keeps waiting for the start date (e.g. an untermination before the first day, in the Rehire template)',
			},
		],
		default: 'error',
		displayOptions: { show },
	},
	outsideSyncParameter(show),
	{ ...simplifyOption, displayOptions: { show } },
	dryRunField(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	readUserLocator.call(this, i, 'user', 'User to Reactivate');
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const user = await currentUser(this, i, 'User to Reactivate');
	const state = stateOf(user);
	if (state === 'ACTIVATED') {
		// A mark on an active user is left over (a scheduled suspension cancelled): clear it.
		const cleared = await clearStaleMark(this, i, user);
		return outputUser(cleared ?? user, simplify, { reactivated: false, unchanged: true });
	}
	if (
		state === 'STAGED' &&
		readText.call(this, 'ifStaged', 'If the User Is Staged', 'error', i, [
			'error',
			'leaveStaged',
		]) === 'leaveStaged'
	)
		return outputUser(user, simplify, { reactivated: false, unchanged: true, staged: true });
	if (state === 'STAGED') {
		throw new NodeOperationError(
			this.getNode(),
			`User "${String(user.username)}" is staged, not suspended [item ${i}]`,
			{
				itemIndex: i,
				description:
					"Use the Activate operation for a staged user, or set 'If the User Is Staged' to Leave Staged.",
			},
		);
	}
	const { updated, outsideSync } = await liftSuspension(this, i, user);
	if (!updated)
		return outputUser(user, simplify, {
			reactivated: false,
			unchanged: true,
			suspendedOutsideSync: true,
			reason: outsideSync,
		});
	return outputUser(updated, simplify, { reactivated: true, unchanged: false });
}
