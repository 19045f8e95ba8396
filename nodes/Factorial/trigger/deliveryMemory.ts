/**
 * The Factorial Trigger's memory of processed deliveries ("Ignore Stale Deliveries"). Pure module
 * (node:crypto only): no n8n imports.
 *
 * Static data layout (the node's workflow static data, saved by n8n after every webhook call):
 *   seenDeliveries: {
 *     confirmed:   { '<event>': { '#<canonical id>': '<version>' } },
 *     unconfirmed: { '<event>': { '#<canonical id>': '<version>' } },
 *   }
 * A replaced flat `lastSeen: { '<event>:<id>': '<updated_at>' }` (before issue 21) is carried over
 * into `unconfirmed` once and removed.
 */
import { createHash } from 'node:crypto';

/**
 * How far in the future an `updated_at` may be (clock skew). A later one is ignored: a forged
 * far-future value would otherwise mark every later real delivery for that record as stale.
 */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Why two regions, each split per event: a caller with a leaked challenge can send any number of
 * deliveries, but only records Factorial itself returned reach `confirmed`, so its keys are bounded
 * by the company's size (records x events), never by the caller. Deliveries decided on their body
 * alone go to `unconfirmed`, which is small and can push out only its own event's entries, never a
 * confirmed one. Bounds are per event so one event's flood cannot evict another's memory.
 */
export const CONFIRMED_LIMIT = 15_000;
export const UNCONFIRMED_LIMIT = 1_000;
/**
 * Bytes one entry takes at most in the saved JSON: a key of at most 21 characters (`#` and 20
 * digits) and a version of at most 32 (an ISO time, `lead:false`, `content:` and 24 hex digits), all
 * ASCII, plus quotes, colon and comma. So an event's memory stays under limit x this many bytes
 * (960 kB confirmed, 64 kB unconfirmed) without measuring it on every delivery.
 */
export const MAX_ENTRY_BYTES = 64;

/** Longest id Factorial hands out: unsigned 64-bit (sharded ids start near 1.8e16, API 2026-07-01). */
const FACTORIAL_ID = /^(0|[1-9][0-9]{0,19})$/;

export type CanonicalId = { id: string; problem?: undefined } | { id?: undefined; problem: string };

/**
 * A Factorial id in its one written form: decimal digits without sign, spaces, decimal point or
 * leading zero (JSON numbers before API 2026-07-01, strings of digits from it on). `02`, `+2`,
 * `2.0`, ` 2` are refused, not normalised: Factorial never writes them, and a second spelling of
 * one record would be a second key in the memory. Numbers must be exact (safe integers).
 */
export function canonicalFactorialId(value: unknown): CanonicalId {
	if (typeof value === 'number') {
		return Number.isSafeInteger(value) && value >= 0
			? { id: String(value) }
			: { problem: 'a number that is not a whole non-negative integer read exactly' };
	}
	if (typeof value !== 'string') return { problem: 'missing' };
	if (FACTORIAL_ID.test(value)) return { id: value };
	if (/^[0-9]+$/.test(value)) return { problem: 'digits with a leading zero' };
	return { problem: 'not plain digits (no sign, spaces, decimal point or letters)' };
}

/**
 * What a delivery's version is, per event kind (sources in docs/reference/factorial.md):
 * - `updatedAt`: the record's `updated_at`; a delivery is stale when not newer than the last one.
 * - `once`: creations and deletions happen once per id; any second delivery is a repeat.
 * - `lead`: a membership update changes only the lead flag and carries no time; the same flag
 *   again is a repeat.
 * - `content`: a team or location update carries no time; the same content again is a repeat.
 */
export type VersionRule = 'updatedAt' | 'once' | 'lead' | 'content';

const RULES: Record<string, VersionRule> = {
	'employee.created': 'updatedAt',
	'employee.updated': 'updatedAt',
	'employee.terminated': 'updatedAt',
	'employee.unterminated': 'updatedAt',
	'employee.invited': 'updatedAt',
	'contract_version.created': 'updatedAt',
	'contract_version.updated': 'updatedAt',
	'team_membership.created': 'once',
	'team_membership.updated': 'lead',
	'team_membership.deleted': 'once',
	'team.created': 'once',
	'team.updated': 'content',
	'team.deleted': 'once',
	'location.created': 'once',
	'location.updated': 'content',
	'location.deleted': 'once',
	'legal_entity.created': 'once',
};

export function versionRuleFor(event: string): VersionRule | undefined {
	return Object.prototype.hasOwnProperty.call(RULES, event) ? RULES[event] : undefined;
}

/** Milliseconds of a usable `updated_at`: a parsable date no later than now plus the clock skew. */
export function usableUpdatedAt(value: unknown, now: number = Date.now()): number | undefined {
	if (typeof value !== 'string' || value.length > 64) return undefined;
	const ms = Date.parse(value);
	if (Number.isNaN(ms) || ms > now + MAX_FUTURE_SKEW_MS) return undefined;
	return ms;
}

/** JSON with sorted keys, so the same content always gives the same fingerprint. */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.keys(value as Record<string, unknown>)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The version a delivery is remembered under, read from `source` (the record read from Factorial
 * when there is one, else the delivered body); undefined when the fields it needs are missing or
 * unusable: such a delivery is never stale and never remembered.
 */
export function deliveryVersion(
	rule: VersionRule,
	source: Record<string, unknown>,
	now: number = Date.now(),
): string | undefined {
	switch (rule) {
		case 'updatedAt': {
			// Stored in one form (ASCII, at most 27 characters): see MAX_ENTRY_BYTES.
			const ms = usableUpdatedAt(source.updated_at, now);
			return ms === undefined ? undefined : new Date(ms).toISOString();
		}
		case 'once':
			return 'once';
		case 'lead':
			return typeof source.lead === 'boolean' ? `lead:${String(source.lead)}` : undefined;
		case 'content':
			return `content:${createHash('sha256').update(stableJson(source)).digest('hex').slice(0, 24)}`;
	}
}

type Region = Record<string, Record<string, string>>;
export interface DeliveryMemory {
	confirmed: Region;
	unconfirmed: Region;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The memory inside the node's static data, created (or repaired) in place. n8n's static data is
 * an observable object: writing into it marks the workflow for saving after the webhook call.
 */
export function deliveryMemoryIn(staticData: Record<string, unknown>): DeliveryMemory {
	if (!isPlainObject(staticData.seenDeliveries)) staticData.seenDeliveries = {};
	const memory = staticData.seenDeliveries as Record<string, unknown>;
	if (!isPlainObject(memory.confirmed)) memory.confirmed = {};
	if (!isPlainObject(memory.unconfirmed)) memory.unconfirmed = {};
	const result = memory as unknown as DeliveryMemory;
	const legacy = staticData.lastSeen;
	if (legacy !== undefined) {
		if (isPlainObject(legacy)) {
			for (const [key, value] of Object.entries(legacy)) {
				const cut = key.lastIndexOf(':');
				const event = key.slice(0, cut);
				const id = canonicalFactorialId(key.slice(cut + 1)).id;
				const version = deliveryVersion('updatedAt', { updated_at: value });
				if (cut > 0 && id !== undefined && versionRuleFor(event) && version !== undefined)
					rememberIn(result.unconfirmed, event, id, version, UNCONFIRMED_LIMIT);
			}
		}
		delete staticData.lastSeen;
	}
	return result;
}

function isNotNewer(rule: VersionRule, previous: string, incoming: string, now: number): boolean {
	if (rule !== 'updatedAt') return previous === incoming;
	const before = usableUpdatedAt(previous, now);
	const after = usableUpdatedAt(incoming, now);
	return before !== undefined && after !== undefined && after <= before;
}

/** Whether a delivery repeats, or is older than, one already processed for the same event and id. */
export function isStaleDelivery(
	memory: DeliveryMemory,
	event: string,
	id: string,
	version: string | undefined,
	now: number = Date.now(),
): boolean {
	const rule = versionRuleFor(event);
	if (rule === undefined || version === undefined) return false;
	for (const region of [memory.confirmed, memory.unconfirmed]) {
		const seen = isPlainObject(region[event]) ? region[event] : undefined;
		const key = keyOf(id);
		if (seen === undefined || !Object.prototype.hasOwnProperty.call(seen, key)) continue;
		if (isNotNewer(rule, String(seen[key]), version, now)) return true;
	}
	return false;
}

/** `#2`: the stored key of id `2`. */
export const keyOf = (id: string) => `#${id}`;

function rememberIn(
	region: Region,
	event: string,
	id: string,
	version: string,
	limit: number,
): void {
	if (!isPlainObject(region[event])) region[event] = {};
	const seen = region[event];
	const key = keyOf(id);
	delete seen[key];
	seen[key] = version;
	// Insertion order is age: keys are prefixed, as JavaScript puts integer-like keys first.
	const keys = Object.keys(seen);
	for (let i = 0; keys.length - i > limit; i++) delete seen[keys[i]];
}

/**
 * Records a processed delivery. `confirmed` means the record named by the id was read from
 * Factorial for this delivery; only then may it go where junk cannot reach.
 */
export function rememberDelivery(
	memory: DeliveryMemory,
	event: string,
	id: string,
	version: string | undefined,
	confirmed: boolean,
	limits = { confirmed: CONFIRMED_LIMIT, unconfirmed: UNCONFIRMED_LIMIT },
): void {
	if (version === undefined || versionRuleFor(event) === undefined) return;
	if (canonicalFactorialId(id).id !== id) return;
	if (confirmed) {
		if (isPlainObject(memory.unconfirmed[event])) delete memory.unconfirmed[event][keyOf(id)];
		rememberIn(memory.confirmed, event, id, version, limits.confirmed);
	} else {
		rememberIn(memory.unconfirmed, event, id, version, limits.unconfirmed);
	}
}
