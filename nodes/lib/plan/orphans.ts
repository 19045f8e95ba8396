/**
 * The orphan report (issue 25): JumpCloud users no Factorial employee accounts for, each with why.
 * A report only: it reads what the passes before it left and changes nothing in the plan (no action,
 * no brake, no count); auditors ask for this list, and acting on it needs an admin.
 *
 * Cost at 50,000 users: one pass over the users already read, no request; memory bounded by
 * ORPHAN_LIST_LIMIT per reason (the rest are only counted).
 */
import type { DirectoryUser } from './types';

/**
 * Why a user is an orphan, in the order the list shows them (the most urgent first). The one place the
 * reasons live: a new reason is one line here (and its test in the pass below).
 */
export const ORPHAN_REASONS = {
	terminated_active:
		'active, and its email is the work email of an employee who has left; the sync never links or suspends a user by email alone, so nobody suspends it',
	outside_scope:
		'its employee is outside the sync scope (Sync policy credential) and the scope says leave alone: the sync neither updates nor suspends it',
	unknown_identifier: 'its employee identifier is no Factorial employee id (a record deleted?)',
	no_identifier:
		'no employee identifier, and no employee matches it by work email (an admin, service, outside or former account, or someone’s second account?)',
} as const;

export type OrphanReason = keyof typeof ORPHAN_REASONS;

/** How many orphans the output lists; the rest are counted. */
export const ORPHAN_LIST_LIMIT = 100;

/** One listed orphan: what identifies the user, never more (no attributes, no secret). */
export interface Orphan {
	id: string;
	username: string;
	email: string;
	state: string;
	reason: OrphanReason;
	/**
	 * unknown_identifier: the identifier it carries; terminated_active: the leaver whose email it has;
	 * outside_scope: its employee.
	 */
	employeeId?: string;
}

export interface OrphanReport {
	total: number;
	/** Counts by reason (reasons with none left out, as the links' refusedBy). */
	byReason: Partial<Record<OrphanReason, number>>;
	/** What each reason in byReason means, for the person reading the summary. */
	why: Partial<Record<OrphanReason, string>>;
	/** At most ORPHAN_LIST_LIMIT, by reason in the order of ORPHAN_REASONS, then as read (by id). */
	users: Orphan[];
	/** How many orphans the list leaves out (total − users.length). */
	omitted: number;
	/** Why a reason may be overstated in this run. */
	caveat?: string;
}

/** What the passes before know about the users (nothing here is changed). */
export interface OrphanInputs {
	users: readonly DirectoryUser[];
	/** Users an employee matched, claimed in a conflict or was proposed or refused a link to. */
	touchedUsers: ReadonlySet<string>;
	/** Every readable input employee id (skipped employees included: they are reported as skips). */
	inputEmployeeIds: ReadonlySet<string>;
	/** Lower-case work email → id of an employee who is not active (a leaver). */
	leaverEmails: ReadonlyMap<string, string>;
	/** Input employees whose id could not be read. */
	unreadableIds: number;
	/** Linked users the scope leaves alone → their employee's id (absent: no scope). */
	outOfScopeUsers?: ReadonlyMap<string, string>;
}

const isActive = (state: string) => state === 'ACTIVATED' || state === 'STAGED';

/** Why no employee accounts for this user, or undefined when one does. */
function orphanReason(
	user: DirectoryUser,
	inputs: OrphanInputs,
): { reason: OrphanReason; employeeId?: string } | undefined {
	const outOfScope = inputs.outOfScopeUsers?.get(user.id);
	if (outOfScope !== undefined) return { reason: 'outside_scope', employeeId: outOfScope };
	if (inputs.touchedUsers.has(user.id)) return undefined;
	if (user.employeeIdentifier) {
		// An input employee skipped for unreadable fields still accounts for its user (reported as a skip).
		if (inputs.inputEmployeeIds.has(user.employeeIdentifier)) return undefined;
		return { reason: 'unknown_identifier', employeeId: user.employeeIdentifier };
	}
	const leaver = user.email ? inputs.leaverEmails.get(user.email.toLowerCase()) : undefined;
	if (leaver !== undefined) {
		// A leaver's own account, suspended as it should be: accounted for.
		if (!isActive(user.state)) return undefined;
		return { reason: 'terminated_active', employeeId: leaver };
	}
	return { reason: 'no_identifier' };
}

/** The orphan report of a plan's users (pure; reads `inputs` only). */
export function reportOrphans(inputs: OrphanInputs): OrphanReport {
	const reasons = Object.keys(ORPHAN_REASONS) as OrphanReason[];
	const kept = new Map<OrphanReason, Orphan[]>(reasons.map((r) => [r, []]));
	const counts = new Map<OrphanReason, number>();
	let total = 0;
	for (const user of inputs.users) {
		const verdict = orphanReason(user, inputs);
		if (!verdict) continue;
		total++;
		counts.set(verdict.reason, (counts.get(verdict.reason) ?? 0) + 1);
		const list = kept.get(verdict.reason) as Orphan[];
		if (list.length < ORPHAN_LIST_LIMIT)
			list.push({
				id: user.id,
				username: user.username,
				email: user.email,
				state: user.state,
				reason: verdict.reason,
				...(verdict.employeeId !== undefined ? { employeeId: verdict.employeeId } : {}),
			});
	}
	// Counts in the order of ORPHAN_REASONS, whatever order the users came in.
	const byReason: Partial<Record<OrphanReason, number>> = {};
	const why: Partial<Record<OrphanReason, string>> = {};
	for (const reason of reasons)
		if (counts.has(reason)) {
			byReason[reason] = counts.get(reason);
			why[reason] = ORPHAN_REASONS[reason];
		}
	const users = reasons.flatMap((r) => kept.get(r) as Orphan[]).slice(0, ORPHAN_LIST_LIMIT);
	const report: OrphanReport = { total, byReason, why, users, omitted: total - users.length };
	if (inputs.unreadableIds > 0 && byReason.unknown_identifier)
		report.caveat = `${inputs.unreadableIds} input employee(s) had no readable id: a user listed as unknown_identifier may be one of theirs`;
	return report;
}
