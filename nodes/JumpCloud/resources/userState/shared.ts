import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import {
	hasSuspensionMark,
	suspendedBySync,
	withSuspensionMark,
	withoutSuspensionMark,
} from '../../../lib/suspensionMark';
import { getUserById, readUserLocator, resolveUserId, userId } from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';

/** The located user's current record (state transitions decide on `state`). */
export async function currentUser(
	ctx: IExecuteFunctions,
	i: number,
	label: string,
): Promise<IDataObject> {
	const locator = readUserLocator.call(ctx, i, 'user', label);
	const id = await resolveUserId.call(ctx, i, locator, label);
	return await getUserById.call(ctx, i, id);
}

export function stateOf(user: IDataObject): string {
	if (typeof user.state === 'string' && user.state) return user.state;
	return user.suspended === true ? 'SUSPENDED' : 'ACTIVATED';
}

/** Lift or keep a suspension the sync did not make (lib/suspensionMark.ts). */
export const outsideSyncParameter = (
	show: NonNullable<IDisplayOptions['show']>,
): INodeProperties => ({
	displayName: 'If Suspended Outside the Sync',
	name: 'ifSuspendedOutsideSync',
	type: 'options',
	options: [
		{
			name: 'Leave Suspended',
			value: 'leaveSuspended',
			description:
				'Change nothing and report it (suspendedOutsideSync, reason): an admin or another tool suspended this user, e.g. IT during an incident',
		},
		{
			name: 'Reactivate Anyway',
			value: 'reactivate',
			description:
				'Lift any suspension, e.g. in a workflow an admin runs by hand for users suspended by a version of this package before the mark',
		},
	],
	default: 'leaveSuspended',
	description:
		'The sync records its own suspensions on the user (custom attribute factorialSyncSuspendedAt); a user suspended without that mark stays suspended by default',
	displayOptions: { show },
});

export interface Reactivation {
	/** The user JumpCloud sent back after the PUT; undefined when the suspension was left alone. */
	updated?: IDataObject;
	/** Why the user stays suspended (someone else suspended it). */
	outsideSync?: string;
}

/**
 * SUSPENDED → ACTIVATED for a suspension the sync made (or any, with Reactivate Anyway): a PUT (the
 * activate endpoint is documented for staged users only) that also clears the sync's mark.
 */
export async function liftSuspension(
	ctx: IExecuteFunctions,
	i: number,
	user: IDataObject,
): Promise<Reactivation> {
	const policy = ctx.getNodeParameter('ifSuspendedOutsideSync', i, 'leaveSuspended') as string;
	const owner = suspendedBySync(user, Date.now());
	if (!owner.bySync && policy !== 'reactivate') return { outsideSync: owner.reason };
	const body: IDataObject = { state: 'ACTIVATED', suspended: false };
	if (hasSuspensionMark(user)) body.attributes = withoutSuspensionMark(user.attributes);
	const updated = (await jumpCloudApiRequest.call(
		ctx,
		'PUT',
		`/systemusers/${encodeURIComponent(userId(user))}`,
		body,
		undefined,
		{ itemIndex: i },
	)) as IDataObject;
	return { updated };
}

/** Clears a mark left on an active user (a scheduled suspension cancelled by a rehire), so it never vouches for a later suspension. */
export async function clearStaleMark(
	ctx: IExecuteFunctions,
	i: number,
	user: IDataObject,
): Promise<IDataObject | undefined> {
	if (!hasSuspensionMark(user)) return undefined;
	return (await jumpCloudApiRequest.call(
		ctx,
		'PUT',
		`/systemusers/${encodeURIComponent(userId(user))}`,
		{ attributes: withoutSuspensionMark(user.attributes) },
		undefined,
		{ itemIndex: i },
	)) as IDataObject;
}

/** The PUT body that suspends now and records that the sync did it. */
export function suspendBody(user: IDataObject, now: number): IDataObject {
	return {
		state: 'SUSPENDED',
		suspended: true,
		attributes: withSuspensionMark(user.attributes, now),
	};
}
