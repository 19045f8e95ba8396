/**
 * Per-attribute authority of the employee → JumpCloud mapping: which attributes Factorial writes
 * always (the default, as before), only when the user is created, or never; and which ones a value HR
 * blanks clears in JumpCloud (by default a blank is left as it is). One rule for Create or Update and
 * Update ("Map From → A Factorial Employee Item") and the nightly planner. Pure: no n8n types.
 */
import type { SyncAttribute } from './employeeMapping';
import { SYNC_ATTRIBUTES } from './employeeMapping';

type Obj = Record<string, unknown>;

export type Authority = 'always' | 'onCreate' | 'never';
export const AUTHORITIES: Authority[] = ['always', 'onCreate', 'never'];

export interface AttributeAuthority {
	/** Attributes not listed are 'always'. */
	authority: Partial<Record<SyncAttribute, Authority>>;
	/** Attributes whose blank Factorial value clears JumpCloud's (only those written 'always'). */
	clearWhenBlank: SyncAttribute[];
}

/** Today's behaviour: every attribute always, a blank never clears. */
export const DEFAULT_AUTHORITY: AttributeAuthority = { authority: {}, clearWhenBlank: [] };

/** A JumpCloud user cannot exist without an email: it can be written only at creation, never skipped. */
export const NOT_CLEARABLE: SyncAttribute[] = ['email'];

export function authorityOf(policy: AttributeAuthority, attribute: SyncAttribute): Authority {
	const value = policy.authority[attribute] ?? 'always';
	// The email is needed to create a user, so 'never' reads as 'only at creation'.
	return attribute === 'email' && value === 'never' ? 'onCreate' : value;
}

/** Whether the attribute is written to an existing user (an update, an adoption, a reactivation). */
export function writesOnUpdate(policy: AttributeAuthority, attribute: SyncAttribute): boolean {
	return authorityOf(policy, attribute) === 'always';
}

/** Whether the attribute is written when the user is created. */
export function writesOnCreate(policy: AttributeAuthority, attribute: SyncAttribute): boolean {
	return authorityOf(policy, attribute) !== 'never';
}

/** The item fields an attribute is read from: present but empty means HR blanked it. */
const SOURCE_FIELDS: Record<SyncAttribute, string[]> = {
	email: ['work_email', 'email'],
	firstname: ['first_name'],
	lastname: ['last_name'],
	displayname: ['full_name'],
	jobTitle: ['job_title'],
	department: ['team_names', 'department'],
	manager: ['manager_id'],
	location: ['location_name'],
	company: ['legal_entity_name'],
};

function isBlank(value: unknown): boolean {
	if (value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.every((v) => typeof v !== 'string' || v.trim() === '');
	return false;
}

/**
 * The attributes an item delivers blank (the field is there, empty or null) and the policy clears. A
 * field the item does not carry at all is "not delivered", never blank: an employee read without
 * Include Contract and Teams does not lose its job title.
 */
export function attributesToClear(raw: Obj, policy: AttributeAuthority): SyncAttribute[] {
	const out: SyncAttribute[] = [];
	for (const attribute of SYNC_ATTRIBUTES) {
		if (!policy.clearWhenBlank.includes(attribute) || NOT_CLEARABLE.includes(attribute)) continue;
		if (!writesOnUpdate(policy, attribute)) continue;
		const fields = SOURCE_FIELDS[attribute].filter((field) => field in raw);
		if (fields.length && fields.every((field) => isBlank(raw[field]))) out.push(attribute);
	}
	return out;
}

/** The policy from untyped settings (the credential's fields), unknown values read as the default. */
export function readAuthority(
	authority: Partial<Record<string, unknown>>,
	clearWhenBlank: unknown,
): AttributeAuthority {
	const out: AttributeAuthority = { authority: {}, clearWhenBlank: [] };
	for (const attribute of SYNC_ATTRIBUTES) {
		const value = authority[attribute];
		if (typeof value === 'string' && (AUTHORITIES as string[]).includes(value))
			out.authority[attribute] = value as Authority;
	}
	const clear = Array.isArray(clearWhenBlank) ? clearWhenBlank : [];
	out.clearWhenBlank = SYNC_ATTRIBUTES.filter(
		(a) => clear.includes(a) && !NOT_CLEARABLE.includes(a),
	);
	return out;
}
