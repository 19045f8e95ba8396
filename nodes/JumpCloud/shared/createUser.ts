import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserInput } from '../mapping';
import { USER_STRING_FIELDS, userBodyFromInput, usernameCandidates } from '../mapping';
import { MIN_MAX_LENGTH as MIN_USERNAME_MAX_LENGTH } from '../../lib/policy';
import type { JumpCloudFullResponse } from '../transport';
import { isConnectionError } from '../../lib/http';
import {
	findSystemUsers,
	isDuplicateAnswer,
	jumpCloudApiError,
	jumpCloudApiRequest,
} from '../transport';
import { invalid, readUserInput, userId, validateUser } from './helpers';
import { readBoolean, readCollection, readText } from '../../shared/params';
import { toNodeError } from '../../shared/errors';

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
export function readNewUser(
	this: IExecuteFunctions,
	i: number,
	description: INodeProperties[],
	mapped?: UserInput,
) {
	const input =
		mapped ??
		readUserInput(readCollection.call(this, description, 'additionalFields', i), {
			email: readText.call(this, 'email', 'Email', '', i),
			username: readText.call(this, 'username', 'Username', '', i),
		});
	const state = readText.call(this, 'state', 'Initial State', 'STAGED', i);
	const onConflict = readText.call(this, 'onUsernameConflict', 'On Username Conflict', 'fail', i);
	const simplify = readBoolean.call(this, 'simplify', true, i);
	validateUser.call(this, i, input, true);
	const maxLength =
		onConflict === 'appendNumber' ? readUsernameMaxLength.call(this, i, input.strings.username) : 0;
	return { input, state, onConflict, simplify, maxLength };
}

export function readUsernameMaxLength(
	this: IExecuteFunctions,
	itemIndex: number,
	username: string,
): number {
	const value = this.getNodeParameter('usernameMaxLength', itemIndex, 0) as unknown;
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (n === null || n === undefined || n === '' || n === 0) return 0;
	if (
		typeof n !== 'number' ||
		!Number.isInteger(n) ||
		n < MIN_USERNAME_MAX_LENGTH ||
		n > USER_STRING_FIELDS.username.max
	) {
		throw invalid.call(
			this,
			itemIndex,
			'Maximum Username Length',
			`must be 0 or a whole number from ${MIN_USERNAME_MAX_LENGTH} to ${USER_STRING_FIELDS.username.max}`,
			'Use 30 for Mac/Linux, 20 when Windows devices are bound, or 0 for no limit.',
		);
	}
	if (username.length > n)
		throw invalid.call(
			this,
			itemIndex,
			'Username',
			`is longer than the Maximum Username Length (${n})`,
		);
	return n;
}

/** Precedence: employee identifier, then email. Never by name. */
export async function findExistingPerson(
	this: IExecuteFunctions,
	itemIndex: number,
	input: UserInput,
): Promise<PersonMatch | undefined> {
	const keys: Array<'employeeIdentifier' | 'email'> = ['employeeIdentifier', 'email'];
	for (const key of keys) {
		const value = input.strings[key];
		if (!value) continue;
		const matches = await findSystemUsers.call(this, { [key]: value }, undefined, { itemIndex });
		if (matches.length > 1) {
			throw new NodeOperationError(
				this.getNode(),
				`${matches.length} JumpCloud users have the ${key === 'email' ? 'email' : 'employee identifier'} "${value}" [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Resolve the duplicate in JumpCloud first; the node will not guess which user to change.',
				},
			);
		}
		if (matches.length === 1) return { user: matches[0], matchedBy: key };
	}
	return undefined;
}

export function personExistsError(
	this: IExecuteFunctions,
	itemIndex: number,
	match: PersonMatch,
): NodeOperationError {
	const label = match.matchedBy === 'email' ? 'email' : 'employee identifier';
	return new NodeOperationError(
		this.getNode(),
		`A JumpCloud user with this ${label} already exists: "${String(match.user.username)}" (${userId(match.user)}) [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Use the Create or Update operation to update existing users, or change the value.',
		},
	);
}

/**
 * Creates a user without ever creating a duplicate person (User → Create, Create or Update). With Append
 * Next Number a duplicate answer from JumpCloud (another run took the username between our check and
 * our POST) moves on to the next free candidate, at most MAX_CREATE_ATTEMPTS times.
 */
export async function createUser(
	this: IExecuteFunctions,
	itemIndex: number,
	input: UserInput,
	state: string,
	onUsernameConflict: string,
	personAlreadyChecked = false,
	usernameMaxLength = 0,
): Promise<{ user: IDataObject; username: string }> {
	if (!personAlreadyChecked) {
		const existing = await findExistingPerson.call(this, itemIndex, input);
		if (existing) throw personExistsError.call(this, itemIndex, existing);
	}

	const base = input.strings.username;
	const append = onUsernameConflict === 'appendNumber';
	const candidates = append
		? usernameCandidates(
				base,
				USERNAME_CANDIDATES,
				usernameMaxLength || USER_STRING_FIELDS.username.max,
			)
		: [base];
	const holders = await findSystemUsers.call(this, { username: candidates }, ['_id', 'username'], {
		itemIndex,
	});
	const taken = new Set(holders.map((u) => String(u.username).toLowerCase()));
	if (!append && taken.has(base.toLowerCase())) {
		const holder = holders.find(
			(u) => String(u.username).toLowerCase() === base.toLowerCase(),
		) as IDataObject;
		throw new NodeOperationError(
			this.getNode(),
			`The username "${base}" is already taken by JumpCloud user ${userId(holder)} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					"Choose another username or set 'On Username Conflict' to 'Append Next Number'.",
			},
		);
	}

	const body = userBodyFromInput(input) as IDataObject;
	body.state = state;
	body.suspended = state === 'SUSPENDED';
	const free = candidates.filter((candidate) => !taken.has(candidate.toLowerCase()));
	const outcome = await createUserOnce.call(this, itemIndex, input, body, () => free.shift());
	if (outcome.kind === 'created') return { user: outcome.user, username: outcome.username };
	// After an unclear answer, the person found is the one this POST created.
	if (outcome.kind === 'found' && outcome.after === 'unclear')
		return {
			user: outcome.match.user,
			username: String(outcome.match.user.username ?? outcome.username),
		};
	if (outcome.kind === 'found') throw personExistsError.call(this, itemIndex, outcome.match);
	if (outcome.kind === 'usernameTaken' && !append)
		throw jumpCloudApiError(
			this,
			outcome.response.statusCode,
			outcome.response.body,
			'POST',
			'/systemusers',
			itemIndex,
		);
	throw new NodeOperationError(
		this.getNode(),
		`No free username found for "${base}" after ${Math.min(outcome.attempts, MAX_CREATE_ATTEMPTS)} attempts [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Too many similar usernames exist or are being created at the same time. Choose another base username.',
		},
	);
}

/** What `createUserOnce` ended with; every caller decides what a found person or a taken username means. */
export type CreateOutcome =
	/** `username` is the one sent. */
	| { kind: 'created'; user: IDataObject; username: string }
	/**
	 * The person (employee identifier, then email) exists: after an unclear answer (5xx, connection lost)
	 * it is most likely the user this POST created; after a duplicate answer someone else created it.
	 */
	| { kind: 'found'; match: PersonMatch; after: 'unclear' | 'duplicate'; username: string }
	/** JumpCloud refused the last username as a duplicate and `nextUsername` had no other one. */
	| { kind: 'usernameTaken'; response: JumpCloudFullResponse; attempts: number }
	/** MAX_CREATE_ATTEMPTS usernames were refused as duplicates. */
	| { kind: 'tooManyAttempts'; attempts: number };

/**
 * The one routine that POSTs a new user without ever creating it twice, used by Create, Create or
 * Update and the reconciliation. `body` is the user without `username`; `nextUsername` gives the first
 * username, then the next one to try after JumpCloud refuses one as a duplicate (undefined: none left).
 *
 * - An unclear answer (5xx, connection lost: JumpCloud may or may not have acted) is followed by a
 *   lookup of the person (employee identifier, then email); only when absent is the POST sent again,
 *   at most MAX_UNCLEAR_RESENDS times.
 * - A duplicate answer is followed by the same lookup: the person appeared meanwhile (another
 *   execution), or only the username is taken and the next one is tried (at most MAX_CREATE_ATTEMPTS).
 * - Any other refusal throws the API error.
 */
export async function createUserOnce(
	this: IExecuteFunctions,
	itemIndex: number,
	person: UserInput,
	body: IDataObject,
	nextUsername: () => string | undefined,
): Promise<CreateOutcome> {
	let attempts = 0;
	let refused: JumpCloudFullResponse | undefined;
	for (let candidate = nextUsername(); candidate !== undefined; candidate = nextUsername()) {
		if (++attempts > MAX_CREATE_ATTEMPTS) return { kind: 'tooManyAttempts', attempts };
		const response = await postUser.call(this, itemIndex, person, { ...body, username: candidate });
		if ('created' in response)
			return { kind: 'found', match: response.created, after: 'unclear', username: candidate };
		if (response.statusCode >= 200 && response.statusCode < 300)
			return { kind: 'created', user: response.body as IDataObject, username: candidate };
		if (!isDuplicateAnswer(response.statusCode, response.body)) {
			throw jumpCloudApiError(
				this,
				response.statusCode,
				response.body,
				'POST',
				'/systemusers',
				itemIndex,
			);
		}
		// Was it the person (employee identifier / email) that appeared meanwhile? Then stop.
		const appeared = await findExistingPerson.call(this, itemIndex, person);
		if (appeared)
			return { kind: 'found', match: appeared, after: 'duplicate', username: candidate };
		refused = response;
	}
	if (refused) return { kind: 'usernameTaken', response: refused, attempts };
	return { kind: 'tooManyAttempts', attempts };
}

/**
 * POST /systemusers is not idempotent: a resend could create the user twice. After an unclear
 * answer (5xx or a lost connection: JumpCloud may or may not have acted) the person is looked up
 * first; only when absent is the POST sent again.
 */
async function postUser(
	this: IExecuteFunctions,
	itemIndex: number,
	input: UserInput,
	body: IDataObject,
): Promise<JumpCloudFullResponse | { created: PersonMatch }> {
	for (let resend = 0; ; resend++) {
		let response: JumpCloudFullResponse | undefined;
		let lost: unknown;
		try {
			response = (await jumpCloudApiRequest.call(this, 'POST', '/systemusers', body, undefined, {
				itemIndex,
				idempotent: false,
				returnFullResponse: true,
				allowStatuses: [400, 409, ...UNCLEAR_STATUSES],
			})) as JumpCloudFullResponse;
		} catch (error) {
			if (!isConnectionError(error)) throw toNodeError(this.getNode(), error, itemIndex);
			lost = error;
		}
		if (response && !UNCLEAR_STATUSES.includes(response.statusCode)) return response;
		if (resend >= MAX_UNCLEAR_RESENDS) {
			if (response)
				throw jumpCloudApiError(
					this,
					response.statusCode,
					response.body,
					'POST',
					'/systemusers',
					itemIndex,
				);
			throw new NodeOperationError(
				this.getNode(),
				`The connection to JumpCloud failed while creating the user [item ${itemIndex}]`,
				{
					itemIndex,
					description: `Tried ${resend + 1} times (${String((lost as Error)?.message ?? lost)}). Run the node again: it looks the user up before creating, so no duplicate is made.`,
				},
			);
		}
		const appeared = await findExistingPerson.call(this, itemIndex, input);
		if (appeared) return { created: appeared };
	}
}
