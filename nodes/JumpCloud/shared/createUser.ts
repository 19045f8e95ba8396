import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserInput } from '../mapping';
import { USER_STRING_FIELDS, userBodyFromInput, usernameCandidates } from '../mapping';
import { MIN_MAX_LENGTH as MIN_USERNAME_MAX_LENGTH } from '../../GenerateUniqueUsername/policy';
import type { JumpCloudFullResponse } from '../transport';
import { isConnectionError } from '../../shared/http';
import { findSystemUsers, isDuplicateAnswer, jumpCloudApiError, jumpCloudApiRequest } from '../transport';
import { asNodeError, invalid, readUserInput, userId, validateUser } from './helpers';
import { readCollection, readParam } from './params';

/** How many POSTs Append Next Number may spend on usernames other runs take concurrently. */
export const MAX_CREATE_ATTEMPTS = 5;
/** Candidates checked in one search: jdoe, jdoe1 … jdoe49. */
export const USERNAME_CANDIDATES = 50;
/** Resends of one POST after an unclear answer (5xx, connection lost), each after a lookup. */
export const MAX_UNCLEAR_RESENDS = 3;
export const UNCLEAR_STATUSES = [500, 502, 503, 504];

export interface PersonMatch {
	user: IDataObject;
	matchedBy: 'employeeIdentifier' | 'email';
}

/** 'Maximum Username Length' (0: no limit), checked against the username before any request. */
/** The parameters of `newUserFields` (plus Simplify), read and validated; no request. */
export function readNewUser(ctx: IExecuteFunctions, i: number, description: INodeProperties[]) {
	const input = readUserInput(readCollection(ctx, i, description, 'additionalFields'), {
		email: readParam(ctx, i, description, 'email', ''),
		username: readParam(ctx, i, description, 'username', ''),
	});
	const state = readParam(ctx, i, description, 'state', 'STAGED');
	const onConflict = readParam(ctx, i, description, 'onUsernameConflict', 'fail');
	const simplify = readParam(ctx, i, description, 'simplify', true);
	validateUser(ctx, i, input, true);
	const maxLength = onConflict === 'appendNumber' ? readUsernameMaxLength(ctx, i, input.strings.username) : 0;
	return { input, state, onConflict, simplify, maxLength };
}

export function readUsernameMaxLength(ctx: IExecuteFunctions, itemIndex: number, username: string): number {
	const value = ctx.getNodeParameter('usernameMaxLength', itemIndex, 0) as unknown;
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (n === null || n === undefined || n === '' || n === 0) return 0;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < MIN_USERNAME_MAX_LENGTH || n > USER_STRING_FIELDS.username.max) {
		invalid(
			ctx,
			itemIndex,
			'Maximum Username Length',
			`must be 0 or a whole number from ${MIN_USERNAME_MAX_LENGTH} to ${USER_STRING_FIELDS.username.max}`,
			'Use 30 for Mac/Linux, 20 when Windows devices are bound, or 0 for no limit.',
		);
	}
	if (username.length > n) invalid(ctx, itemIndex, 'Username', `is longer than the Maximum Username Length (${n})`);
	return n;
}

/** Precedence: employee identifier, then email. Never by name. */
export async function findExistingPerson(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: UserInput,
): Promise<PersonMatch | undefined> {
	const keys: Array<'employeeIdentifier' | 'email'> = ['employeeIdentifier', 'email'];
	for (const key of keys) {
		const value = input.strings[key];
		if (!value) continue;
		const matches = await findSystemUsers.call(ctx, { [key]: value }, undefined, { itemIndex });
		if (matches.length > 1) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${matches.length} JumpCloud users have the ${key === 'email' ? 'email' : 'employee identifier'} "${value}" [item ${itemIndex}]`,
				{ itemIndex, description: 'Resolve the duplicate in JumpCloud first; the node will not guess which user to change.' },
			);
		}
		if (matches.length === 1) return { user: matches[0], matchedBy: key };
	}
	return undefined;
}

function personExistsError(ctx: IExecuteFunctions, itemIndex: number, match: PersonMatch): NodeOperationError {
	const label = match.matchedBy === 'email' ? 'email' : 'employee identifier';
	return new NodeOperationError(
		ctx.getNode(),
		`A JumpCloud user with this ${label} already exists: "${String(match.user.username)}" (${userId(match.user)}) [item ${itemIndex}]`,
		{ itemIndex, description: 'Use the Create or Update operation to update existing users, or change the value.' },
	);
}

/**
 * Creates a user without ever creating a duplicate person. With Append Next Number a duplicate
 * answer from JumpCloud (another run took the username between our check and our POST) moves on
 * to the next free candidate, at most MAX_CREATE_ATTEMPTS times.
 */
export async function createUser(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: UserInput,
	state: string,
	onUsernameConflict: string,
	personAlreadyChecked = false,
	usernameMaxLength = 0,
): Promise<{ user: IDataObject; username: string }> {
	if (!personAlreadyChecked) {
		const existing = await findExistingPerson(ctx, itemIndex, input);
		if (existing) throw personExistsError(ctx, itemIndex, existing);
	}

	const base = input.strings.username;
	const append = onUsernameConflict === 'appendNumber';
	const candidates = append
		? usernameCandidates(base, USERNAME_CANDIDATES, usernameMaxLength || USER_STRING_FIELDS.username.max)
		: [base];
	const holders = await findSystemUsers.call(ctx, { username: candidates }, ['_id', 'username'], { itemIndex });
	const taken = new Set(holders.map((u) => String(u.username).toLowerCase()));
	if (!append && taken.has(base.toLowerCase())) {
		const holder = holders.find((u) => String(u.username).toLowerCase() === base.toLowerCase()) as IDataObject;
		throw new NodeOperationError(
			ctx.getNode(),
			`The username "${base}" is already taken by JumpCloud user ${userId(holder)} [item ${itemIndex}]`,
			{ itemIndex, description: "Choose another username or set 'On Username Conflict' to 'Append Next Number'." },
		);
	}

	const body = userBodyFromInput(input);
	body.state = state;
	body.suspended = state === 'SUSPENDED';
	let attempts = 0;
	for (const candidate of candidates) {
		if (taken.has(candidate.toLowerCase())) continue;
		if (++attempts > MAX_CREATE_ATTEMPTS) break;
		const response = await postUser(ctx, itemIndex, input, { ...body, username: candidate });
		if ('created' in response) return { user: response.created, username: String(response.created.username ?? candidate) };
		if (response.statusCode >= 200 && response.statusCode < 300) {
			return { user: response.body as IDataObject, username: candidate };
		}
		if (!isDuplicateAnswer(response.statusCode, response.body)) {
			throw jumpCloudApiError(ctx, response.statusCode, response.body, 'POST', '/systemusers', itemIndex);
		}
		// Was it the person (email / employee identifier) that appeared meanwhile? Then stop.
		const appeared = await findExistingPerson(ctx, itemIndex, input);
		if (appeared) throw personExistsError(ctx, itemIndex, appeared);
		if (!append) throw jumpCloudApiError(ctx, response.statusCode, response.body, 'POST', '/systemusers', itemIndex);
		taken.add(candidate.toLowerCase());
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`No free username found for "${base}" after ${Math.min(attempts, MAX_CREATE_ATTEMPTS)} attempts [item ${itemIndex}]`,
		{ itemIndex, description: 'Too many similar usernames exist or are being created at the same time. Choose another base username.' },
	);
}

/**
 * POST /systemusers is not idempotent: a resend could create the user twice. After an unclear
 * answer (5xx or a lost connection: JumpCloud may or may not have acted) the person is looked up
 * first; only when absent is the POST sent again.
 */
async function postUser(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: UserInput,
	body: IDataObject,
): Promise<JumpCloudFullResponse | { created: IDataObject }> {
	for (let resend = 0; ; resend++) {
		let response: JumpCloudFullResponse | undefined;
		let lost: unknown;
		try {
			response = (await jumpCloudApiRequest.call(ctx, 'POST', '/systemusers', body, undefined, {
				itemIndex,
				idempotent: false,
				returnFullResponse: true,
				allowStatuses: [400, 409, ...UNCLEAR_STATUSES],
			})) as JumpCloudFullResponse;
		} catch (error) {
			if (!isConnectionError(error)) throw asNodeError(ctx, error, itemIndex);
			lost = error;
		}
		if (response && !UNCLEAR_STATUSES.includes(response.statusCode)) return response;
		if (resend >= MAX_UNCLEAR_RESENDS) {
			if (response) throw jumpCloudApiError(ctx, response.statusCode, response.body, 'POST', '/systemusers', itemIndex);
			throw new NodeOperationError(ctx.getNode(), `The connection to JumpCloud failed while creating the user [item ${itemIndex}]`, {
				itemIndex,
				description: `Tried ${resend + 1} times (${String((lost as Error)?.message ?? lost)}). Run the node again: it looks the user up before creating, so no duplicate is made.`,
			});
		}
		const appeared = await findExistingPerson(ctx, itemIndex, input);
		if (appeared) return { created: appeared.user };
	}
}
