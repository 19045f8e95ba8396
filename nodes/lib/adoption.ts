/**
 * Adoption by email: linking an existing JumpCloud user that carries no employee identifier to a
 * Factorial employee because the work emails are equal. Pure module (no n8n types).
 *
 * An adoption hands an existing account, with its devices, groups and history, to whoever Factorial
 * says owns that email. Anyone who can create an employee in Factorial can pick the email, so it is
 * off unless the admin turns it on, limited to an allow-list (email domains and/or JumpCloud groups),
 * and a suspended account (an old admin, a service or contractor account) is never adopted.
 */

export interface AdoptionPolicy {
	/** Adopt at all (off by default). */
	enabled: boolean;
	/** Lower-case email domains a user's email must end in ("acme.com" allows x@acme.com only). */
	emailDomains: string[];
	/** JumpCloud user ids that are members of the allowed groups; null when no group was given. */
	groupMemberIds: ReadonlySet<string> | null;
}

export const ADOPTION_OFF: AdoptionPolicy = {
	enabled: false,
	emailDomains: [],
	groupMemberIds: null,
};

export interface AdoptionCandidate {
	id: string;
	email: string;
	state: string;
	suspended?: boolean;
}

/** A comma, space or newline separated list of domains ("@acme.com" and "acme.com" alike). */
export function parseDomainList(text: string): { domains: string[]; invalid: string[] } {
	const domains: string[] = [];
	const invalid: string[] = [];
	for (const raw of text.split(/[\s,;]+/)) {
		const entry = raw.trim().replace(/^@/, '').toLowerCase();
		if (!entry) continue;
		if (/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(entry))
			domains.push(entry);
		else invalid.push(raw.trim());
	}
	return { domains, invalid };
}

/** A comma, space or newline separated list of JumpCloud group ids (24 hex characters each). */
export function parseGroupIdList(text: string): { ids: string[]; invalid: string[] } {
	const ids: string[] = [];
	const invalid: string[] = [];
	for (const raw of text.split(/[\s,;]+/)) {
		const entry = raw.trim();
		if (!entry) continue;
		if (/^[0-9a-f]{24}$/i.test(entry)) ids.push(entry.toLowerCase());
		else invalid.push(entry);
	}
	return { ids, invalid };
}

/** Whether an allow-list is set at all (adoption without one is refused by the nodes). */
export function hasAllowList(policy: AdoptionPolicy): boolean {
	return policy.emailDomains.length > 0 || policy.groupMemberIds !== null;
}

/**
 * Why this user may not be adopted, or undefined when it may. Checked in this order: adoption off,
 * suspended, outside the allow-list (in an allowed domain OR an allowed group is enough).
 */
export function adoptionRefusal(
	user: AdoptionCandidate,
	policy: AdoptionPolicy,
): string | undefined {
	if (!policy.enabled) {
		return 'adoption by email is off (turn on "Adopt Users by Email" and set an allow-list to link it)';
	}
	if (user.state.toUpperCase() === 'SUSPENDED' || user.suspended === true) {
		return 'the user is suspended, and suspended users are never adopted by email';
	}
	if (!hasAllowList(policy)) {
		return 'adoption by email needs an allow-list (email domains or JumpCloud groups)';
	}
	const at = user.email.lastIndexOf('@');
	const domain = at >= 0 ? user.email.slice(at + 1).toLowerCase() : '';
	if (domain && policy.emailDomains.includes(domain)) return undefined;
	if (policy.groupMemberIds?.has(user.id)) return undefined;
	return 'the user is outside the adoption allow-list (its email domain and groups are not listed)';
}

// ---------------------------------------------------------------- the guided link path

/**
 * Why the dry run would not link an existing user to an employee (reported per employee and counted in
 * the summary): the user is suspended (IT's, or a former account), no allow-list is set yet, the user
 * is outside it, the user is already linked to another employee, two users hold the email, or the
 * employee has left.
 */
export type LinkRefusalCode =
	| 'suspended'
	| 'noAllowList'
	| 'outsideAllowList'
	| 'alreadyLinked'
	| 'ambiguousEmail'
	| 'notActive';

/** One employee whose work email an existing JumpCloud user without employee identifier holds. */
export interface LinkProposal {
	itemIndex: number;
	employeeId: string;
	userId: string;
	username: string;
	email: string;
}

export interface LinkRefusal extends Omit<LinkProposal, 'userId'> {
	userIds: string[];
	code: LinkRefusalCode;
	reason: string;
}

/** The links a run makes (adoption on) or would make (off), and those it refuses. */
export interface LinkListing {
	/** Whether the proposals are applied in this run (Adopt Users by Email on). */
	applied: boolean;
	proposed: LinkProposal[];
	refused: LinkRefusal[];
}

/** Where the setting lives, for messages: the node's option and the Nightly template's Settings field. */
export const LINK_SETTING =
	'Options → Adopt Users by Email (in the Nightly template: Settings → linkExistingUsers)';
export const LINK_ALLOW_LIST_SETTING =
	'Options → Adoption Allowed Email Domains or Group IDs (in the Nightly template: Settings → linkDomains)';

/**
 * Whether an unlinked user with the employee's work email would be linked by the allow-list as set,
 * whatever Adopt Users by Email says (the dry run lists the links before the admin turns it on).
 * Suspended first: a suspended account is never linked, whatever the lists say.
 */
export function linkRefusal(
	user: AdoptionCandidate,
	policy: AdoptionPolicy,
): { code: LinkRefusalCode; reason: string } | undefined {
	if (user.state.toUpperCase() === 'SUSPENDED' || user.suspended === true)
		return {
			code: 'suspended',
			reason:
				'the user is suspended (by IT, or a former account): suspended users are never linked; reactivate it in JumpCloud first if it really is this employee',
		};
	const at = user.email.lastIndexOf('@');
	const domain = at >= 0 ? user.email.slice(at + 1).toLowerCase() : '';
	if (!hasAllowList(policy))
		return {
			code: 'noAllowList',
			reason: `no allow-list is set: put the company's email domains (here "${domain}") in ${LINK_ALLOW_LIST_SETTING} to link such users`,
		};
	if (domain && policy.emailDomains.includes(domain)) return undefined;
	if (policy.groupMemberIds?.has(user.id)) return undefined;
	return {
		code: 'outsideAllowList',
		reason: `its email domain "${domain}" is not in the allow-list and it is in no allowed group`,
	};
}

/** The listing's counts for the summary: proposals, refusals by reason, proposals and refusals by domain. */
export function linkCounts(listing: LinkListing): {
	applied: boolean;
	proposed: number;
	refused: number;
	refusedBy: Partial<Record<LinkRefusalCode, number>>;
	domains: Record<string, number>;
} {
	const refusedBy: Partial<Record<LinkRefusalCode, number>> = {};
	for (const r of listing.refused) refusedBy[r.code] = (refusedBy[r.code] ?? 0) + 1;
	const domains: Record<string, number> = {};
	for (const entry of [...listing.proposed, ...listing.refused]) {
		const domain = entry.email.slice(entry.email.lastIndexOf('@') + 1).toLowerCase();
		domains[domain] = (domains[domain] ?? 0) + 1;
	}
	return {
		applied: listing.applied,
		proposed: listing.proposed.length,
		refused: listing.refused.length,
		refusedBy,
		domains,
	};
}
