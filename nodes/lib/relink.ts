/**
 * When a suspended JumpCloud account may be handed to a new HR record (a rehire recorded as a new
 * employee). Pure module (no n8n types).
 *
 * A freed work email is no proof: the account is relinked only when an identifier HR holds (the admin
 * picks the employee field, default `company_identifier`, the HR employee number) is present and equal
 * on the earlier and the new record, the earlier record is terminated and is the one the account is
 * linked to, and the account's suspension is the sync's (lib/suspensionMark.ts). Anything weaker is a
 * possible rehire for an admin to review: the account is left alone. On a relink, memberships of groups
 * the sync does not own (lib/groupOwnership.ts) are dropped, so admin rights never come back by themselves.
 */

import { isOwnedGroup } from './groupOwnership';
import { suspendedBySync } from './suspensionMark';

type Obj = Record<string, unknown>;

/** The employee field that proves a rehire unless the admin picks another. */
export const DEFAULT_PROOF_FIELD = 'company_identifier';

const isObj = (value: unknown): value is Obj =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** An identifier as text: trimmed, empty when missing (numbers count, objects and booleans do not). */
export function identifierText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

/** The few fields of an employee a report names (never the whole record). */
export interface EmployeeSummary {
	id: string;
	name: string;
	/** The proof field's value, empty when the record has none. */
	identifier: string;
}

export function summarizeEmployee(employee: unknown, proofField: string): EmployeeSummary {
	const e = isObj(employee) ? employee : {};
	return {
		id: identifierText(e.id),
		name: typeof e.full_name === 'string' ? e.full_name : '',
		identifier: identifierText(e[proofField]),
	};
}

export type RelinkDecision =
	| { relink: true }
	| {
			relink: false;
			/** The account may belong to the new record's person: an admin should look (both records are reported). */
			possibleRehire: boolean;
			/** The account was suspended by someone else (it stays suspended). */
			suspendedOutsideSync?: boolean;
			reason: string;
	  };

export interface RelinkInput {
	/** The suspended JumpCloud user that has the new record's work email. */
	account: unknown;
	/** The new Factorial employee record. */
	newEmployee: unknown;
	/** The Factorial record the account is linked to (its employee identifier), or `{ error }` when unread. */
	earlierEmployee: unknown;
	/** The employee field both records must carry, equal (default company_identifier). */
	proofField?: string;
	/** Milliseconds since epoch. */
	now: number;
}

export function relinkDecision(input: RelinkInput): RelinkDecision {
	const field = input.proofField?.trim() || DEFAULT_PROOF_FIELD;
	const account = isObj(input.account) ? input.account : {};
	const linkedTo = identifierText(account.employeeIdentifier);
	const username = typeof account.username === 'string' ? account.username : '';
	const earlier = isObj(input.earlierEmployee) ? input.earlierEmployee : {};
	const newer = summarizeEmployee(input.newEmployee, field);
	const older = summarizeEmployee(earlier, field);
	const who = `suspended JumpCloud user ${username} of employee ${linkedTo}`;
	if (earlier.error !== undefined || older.id === '')
		return {
			relink: false,
			possibleRehire: false,
			reason: `the earlier employee ${linkedTo} of ${who} could not be read in Factorial${isObj(earlier.error) && typeof earlier.error.message === 'string' ? `: ${earlier.error.message}` : ''}`,
		};
	if (older.id !== linkedTo)
		return {
			relink: false,
			possibleRehire: false,
			reason: `Factorial returned employee ${older.id}, not ${linkedTo}, the employee of ${who}`,
		};
	if (earlier.active !== false || identifierText(earlier.terminated_on) === '')
		return {
			relink: false,
			possibleRehire: false,
			reason: `the work email belongs to ${who}, who is not terminated in Factorial`,
		};
	const records = `new employee ${newer.id}${newer.name ? ` (${newer.name})` : ''} ${field} "${newer.identifier}", earlier employee ${older.id}${older.name ? ` (${older.name})` : ''} ${field} "${older.identifier}"`;
	if (newer.identifier === '' || older.identifier === '')
		return {
			relink: false,
			possibleRehire: true,
			reason: `possible rehire, not relinked: the work email belongs to ${who}, but ${field} is missing on ${newer.identifier === '' ? 'the new' : 'the earlier'} record, so nothing proves it is the same person (${records}); review and relink by hand`,
		};
	if (newer.identifier !== older.identifier)
		return {
			relink: false,
			possibleRehire: true,
			reason: `possible rehire, not relinked: the work email belongs to ${who}, but ${field} differs (${records}); review and relink by hand`,
		};
	const owner = suspendedBySync(input.account, input.now);
	if (!owner.bySync)
		return {
			relink: false,
			possibleRehire: true,
			suspendedOutsideSync: true,
			reason: owner.reason,
		};
	return { relink: true };
}

/** Of a user's groups (as JumpCloud lists them, with `attributes`), those the sync does not own. */
export function unownedGroups<G>(groups: G[]): G[] {
	return groups.filter((g) => !isOwnedGroup(g));
}
