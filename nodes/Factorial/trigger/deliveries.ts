/**
 * Checks on incoming Factorial webhook deliveries. Pure module (node:crypto only): no n8n imports.
 * The memory of processed deliveries is in deliveryMemory.ts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Factorial sends single resources; anything near this size is not a delivery we understand. */
export const MAX_DELIVERY_BYTES = 1_000_000;

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
