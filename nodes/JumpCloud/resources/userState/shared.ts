import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getUserById, readUserLocator, resolveUserId } from '../../shared/helpers';

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
