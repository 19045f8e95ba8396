/** Usernames of the creates: from an input field or the username policy, checked against the taken ones. */
import { coerceValue } from '../coerce';
import type { PolicyOptions } from '../policy';
import { DEFAULT_MAX_LENGTH, pickUsername, planUsername, UsernamePolicyError } from '../policy';
import { isReservedUsername, reservedSet } from '../reservedUsernames';
import { executionOrder } from './order';
import type { PlannedAction, ReconcilePlan } from './types';

export interface UsernameChoice {
	username?: string;
	/** Set when no username could be made (the create is skipped with this reason). */
	error?: string;
}

/**
 * Usernames for the creates, checked against every username already in JumpCloud (the list is
 * already in memory, so this costs no request) and against the ones handed out in this run.
 */
export function assignUsernames(
	creates: PlannedAction[],
	existingUsernames: Iterable<string>,
	policy: Partial<PolicyOptions>,
): UsernameChoice[] {
	const taken = new Set<string>();
	for (const name of existingUsernames) if (name) taken.add(name.toLowerCase());
	return creates.map((action) => {
		const e = action.employee;
		try {
			const plan = planUsername(
				{
					first: e?.firstName ?? '',
					last: e?.lastName ?? '',
					preferred: e?.preferredName ?? '',
					fallback: e?.workEmail ?? e?.id ?? '',
				},
				policy,
			);
			const { username } = pickUsername(plan, taken);
			taken.add(username.toLowerCase());
			return { username };
		} catch (error) {
			// A policy error is the person's data (e.g. an empty name): that employee is skipped.
			return {
				error:
					error instanceof UsernamePolicyError
						? error.message
						: String((error as Error)?.message ?? error),
			};
		}
	});
}

/** Where the usernames of new users come from: an input field, or the username policy. */
/** A username a created user may get (JumpCloud's device naming advice; case as the username node made it). */
const FIELD_USERNAME_PATTERN = /^[a-z][a-z0-9._-]*$/i;

export type UsernameSource =
	| {
			source: 'field';
			field: string;
			valueAt: (itemIndex: number) => unknown;
			/** Longest username accepted (default DEFAULT_MAX_LENGTH of the policy). */
			maxLength?: number;
			/** Names refused besides DEFAULT_RESERVED_USERNAMES. */
			reservedUsernames?: readonly string[];
	  }
	| { source: 'generate'; policy: Partial<PolicyOptions> };

/**
 * Gives every planned create its username, checked against `taken` (lower-case usernames already in
 * JumpCloud; the ones handed out here are added). A create that gets none becomes a skip with its
 * reason: no or unusable username in the input field, one already taken, or one the policy cannot make.
 */
export function assignCreateUsernames(
	plan: ReconcilePlan,
	taken: Set<string>,
	usernames: UsernameSource,
): void {
	const creates: PlannedAction[] = [];
	const skip = (action: PlannedAction, reason: string) =>
		plan.skipped.push({ itemIndex: action.itemIndex ?? 0, employeeId: action.employeeId, reason });
	if (usernames.source === 'field') {
		const field = usernames.field;
		const reserved = reservedSet(usernames.reservedUsernames ?? []);
		const maxLength = usernames.maxLength ?? DEFAULT_MAX_LENGTH;
		for (const action of plan.create) {
			const value = coerceValue(usernames.valueAt(action.itemIndex ?? 0), 'string');
			const username = value.ok && typeof value.value === 'string' ? value.value.trim() : '';
			const reason = !value.ok
				? `the input field "${field}" ${value.problem}`
				: !username
					? `no username in the input field "${field}"`
					: /\s/.test(username)
						? `the username "${username}" contains spaces`
						: !FIELD_USERNAME_PATTERN.test(username)
							? `the username "${username}" is not valid (letters, digits, ".", "_" and "-", starting with a letter)`
							: username.length > maxLength
								? `the username "${username}" is longer than ${maxLength} characters`
								: isReservedUsername(username, reserved)
									? `the username "${username}" is reserved (a system or privileged account name)`
									: taken.has(username.toLowerCase())
										? `the username "${username}" is already taken in JumpCloud`
										: undefined;
			if (reason) {
				skip(action, reason);
				continue;
			}
			taken.add(username.toLowerCase());
			action.username = username;
			creates.push(action);
		}
	} else {
		const choices = assignUsernames(plan.create, taken, usernames.policy);
		plan.create.forEach((action, index) => {
			const choice = choices[index];
			if (!choice.username) {
				skip(action, `no username could be generated: ${choice.error ?? 'unknown reason'}`);
				return;
			}
			taken.add(choice.username.toLowerCase());
			action.username = choice.username;
			creates.push(action);
		});
	}
	plan.create = creates;
	plan.order = executionOrder(plan);
}

/**
 * The next free username for a create whose username was taken since the list was read (the policy
 * numbers it); undefined when usernames come from an input field (never replaced) or none is left.
 */
export function nextUsername(
	action: PlannedAction,
	taken: Set<string>,
	usernames: UsernameSource,
): string | undefined {
	if (usernames.source !== 'generate') return undefined;
	taken.add(String(action.username).toLowerCase());
	const [choice] = assignUsernames([action], taken, usernames.policy);
	if (choice.username) taken.add(choice.username.toLowerCase());
	return choice.username;
}

/**
 * The username to try when JumpCloud refuses a create's username as taken (another run took it since
 * the list was read): the policy's next free one, or undefined (usernames from an input field are never
 * replaced). Needs a plan made with `usernames`.
 */
export function replacementUsername(
	plan: ReconcilePlan,
	action: PlannedAction,
	usernames: UsernameSource,
): string | undefined {
	return nextUsername(action, plan.takenUsernames, usernames);
}
