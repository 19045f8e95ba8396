import type { IExecuteFunctions } from 'n8n-workflow';

import type { JumpCloudFullResponse } from '../../transport';
import { isDuplicateAnswer, jumpCloudApiError, jumpCloudApiRequest } from '../../transport';

/**
 * One membership edge change. Adding an existing member answers 409 ("Already Exists") and
 * removing a non-member 404; both mean the wanted state already holds, so they are "unchanged".
 * Adding or removing the same edge twice ends in the same state: safe to retry.
 */
export async function changeMembership(
	ctx: IExecuteFunctions,
	itemIndex: number,
	groupId: string,
	userId: string,
	op: 'add' | 'remove',
): Promise<'changed' | 'unchanged'> {
	const path = `/v2/usergroups/${encodeURIComponent(groupId)}/members`;
	const response = (await jumpCloudApiRequest.call(
		ctx,
		'POST',
		path,
		{ op, type: 'user', id: userId },
		undefined,
		{
			itemIndex,
			idempotent: true,
			returnFullResponse: true,
			allowStatuses: op === 'add' ? [400, 409] : [404],
		},
	)) as JumpCloudFullResponse;
	if (response.statusCode >= 200 && response.statusCode < 300) return 'changed';
	if (op === 'add' && isDuplicateAnswer(response.statusCode, response.body)) return 'unchanged';
	if (op === 'remove' && response.statusCode === 404) return 'unchanged';
	throw jumpCloudApiError(ctx, response.statusCode, response.body, 'POST', path, itemIndex);
}
