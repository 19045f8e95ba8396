/**
 * Checks on incoming Factorial webhook deliveries. Pure module (node:crypto only): no n8n imports.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Factorial sends single resources; anything near this size is not a delivery we understand. */
export const MAX_DELIVERY_BYTES = 1_000_000;

/** Entries kept for "Ignore Stale Deliveries"; the oldest fall out first (about 60 bytes each). */
export const LAST_SEEN_LIMIT = 5_000;

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
export function challengeMatches(received: string | undefined, expected: string | undefined): boolean {
	if (!received || !expected) return false;
	const a = createHash('sha256').update(received, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

export type DeliveryShapeProblem = 'notAnObject' | 'tooLarge' | 'noResourceId';

/** Why a body cannot be a Factorial delivery, or undefined when it looks like one. */
export function checkDeliveryShape(body: unknown, byteLength: number): DeliveryShapeProblem | undefined {
	if (byteLength > MAX_DELIVERY_BYTES) return 'tooLarge';
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'notAnObject';
	const id = (body as Record<string, unknown>).id;
	if ((typeof id !== 'string' || id === '') && (typeof id !== 'number' || !Number.isFinite(id))) {
		return 'noResourceId';
	}
	return undefined;
}

export type LastSeenMap = Record<string, string>;

function toMillis(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Whether a delivery is a repeat or arrived after a newer one: its `updated_at` is not newer than the
 * last one seen for the same key (event + resource). Deliveries without a usable `updated_at` are
 * never called stale, so nothing is dropped on a guess.
 */
export function isStaleDelivery(lastSeen: LastSeenMap, key: string, updatedAt: unknown): boolean {
	const incoming = toMillis(updatedAt);
	const previous = toMillis(lastSeen[key]);
	if (incoming === undefined || previous === undefined) return false;
	return incoming <= previous;
}

/** Records the delivery and keeps the map bounded (insertion order = age; keys are never numeric). */
export function rememberDelivery(
	lastSeen: LastSeenMap,
	key: string,
	updatedAt: unknown,
	limit = LAST_SEEN_LIMIT,
): void {
	if (toMillis(updatedAt) === undefined) return;
	delete lastSeen[key];
	lastSeen[key] = updatedAt as string;
	const keys = Object.keys(lastSeen);
	for (let i = 0; i < keys.length - limit; i++) delete lastSeen[keys[i]];
}
