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
