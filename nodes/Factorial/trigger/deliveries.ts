/**
 * Checks on incoming Factorial webhook deliveries. Pure module (node:crypto only): no n8n imports.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Factorial sends single resources; anything near this size is not a delivery we understand. */
export const MAX_DELIVERY_BYTES = 1_000_000;

/** Entries kept for "Ignore Stale Deliveries"; the oldest fall out first (about 60 bytes each). */
export const LAST_SEEN_LIMIT = 5_000;
/** Bytes (keys plus values, as stored in the workflow's static data) the map may take at most. */
export const LAST_SEEN_MAX_BYTES = 400_000;
/** A key longer than this (an absurd resource id in a forged delivery) is never stored. */
export const LAST_SEEN_MAX_KEY_LENGTH = 200;
/**
 * How far in the future an `updated_at` may be (clock skew). A later one is ignored: a forged
 * far-future value would otherwise mark every later real delivery for that record as stale.
 */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

export const CHALLENGE_HEADER = 'x-factorial-wh-challenge';
export const AUTHOR_ID_HEADER = 'x-factorial-author-id';
export const AUTHOR_TYPE_HEADER = 'x-factorial-author-type';

/** One header value; repeated headers are refused rather than guessed at. */
export function singleHeader(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	const value = headers[name];
	return typeof value === 'string' ? value : undefined;
}

/**
 * Constant-time comparison of the received challenge with the stored one. Both are hashed first so
 * the buffers handed to timingSafeEqual always have the same length and the length leaks nothing.
 */
export function challengeMatches(
	received: string | undefined,
	expected: string | undefined,
): boolean {
	if (!received || !expected) return false;
	const a = createHash('sha256').update(received, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

export type DeliveryShapeProblem = 'notAnObject' | 'tooLarge' | 'noResourceId';

/** Why a body cannot be a Factorial delivery, or undefined when it looks like one. */
export function checkDeliveryShape(
	body: unknown,
	byteLength: number,
): DeliveryShapeProblem | undefined {
	if (byteLength > MAX_DELIVERY_BYTES) return 'tooLarge';
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'notAnObject';
	const id = (body as Record<string, unknown>).id;
	if ((typeof id !== 'string' || id === '') && (typeof id !== 'number' || !Number.isFinite(id))) {
		return 'noResourceId';
	}
	return undefined;
}

export type LastSeenMap = Record<string, string>;

/** Milliseconds of a usable `updated_at`: a parsable date no later than now plus the clock skew. */
export function usableUpdatedAt(value: unknown, now: number = Date.now()): number | undefined {
	if (typeof value !== 'string' || value.length > 64) return undefined;
	const ms = Date.parse(value);
	if (Number.isNaN(ms) || ms > now + MAX_FUTURE_SKEW_MS) return undefined;
	return ms;
}

/**
 * Whether a delivery is a repeat or arrived after a newer one: its `updated_at` is not newer than the
 * last one seen for the same key (event + resource). A missing, unreadable or future `updated_at`
 * is never called stale (and never remembered), so nothing is dropped on a guess and a forged
 * far-future value cannot mute later deliveries.
 */
export function isStaleDelivery(
	lastSeen: LastSeenMap,
	key: string,
	updatedAt: unknown,
	now: number = Date.now(),
): boolean {
	const incoming = usableUpdatedAt(updatedAt, now);
	const previous = Object.prototype.hasOwnProperty.call(lastSeen, key)
		? usableUpdatedAt(lastSeen[key], now)
		: undefined;
	if (incoming === undefined || previous === undefined) return false;
	return incoming <= previous;
}

const entryBytes = (key: string, value: string) => Buffer.byteLength(key + value, 'utf8') + 6;

/**
 * Records the delivery and keeps the map bounded by entries and by bytes (insertion order = age,
 * the oldest fall out first; keys are never numeric). Unusable values and absurd keys are not stored.
 */
export function rememberDelivery(
	lastSeen: LastSeenMap,
	key: string,
	updatedAt: unknown,
	limit = LAST_SEEN_LIMIT,
	maxBytes = LAST_SEEN_MAX_BYTES,
	now: number = Date.now(),
): void {
	if (usableUpdatedAt(updatedAt, now) === undefined) return;
	if (key.length > LAST_SEEN_MAX_KEY_LENGTH || key === '__proto__') return;
	delete lastSeen[key];
	lastSeen[key] = updatedAt as string;
	const keys = Object.keys(lastSeen);
	let bytes = 0;
	for (const k of keys) bytes += entryBytes(k, String(lastSeen[k]));
	for (let i = 0; i < keys.length - 1 && (keys.length - i > limit || bytes > maxBytes); i++) {
		bytes -= entryBytes(keys[i], String(lastSeen[keys[i]]));
		delete lastSeen[keys[i]];
	}
}

/**
 * Whether the record read from Factorial contradicts the event a delivery names (a forged or
 * replayed `employee.terminated` for someone who is not leaving, an `employee.unterminated` for
 * someone still terminated). Only these two events are decided from the record; returns the reason.
 */
export function eventContradictsRecord(
	event: string,
	record: { active: boolean | null; isTerminating: boolean | null; terminatedOn: string | null },
): string | undefined {
	const leaving = record.terminatedOn !== null || record.isTerminating === true;
	if (event === 'employee.terminated' && !leaving && record.active !== false)
		return 'the employee record in Factorial has no termination';
	if (event === 'employee.unterminated' && record.terminatedOn !== null)
		return 'the employee record in Factorial is still terminated';
	return undefined;
}
