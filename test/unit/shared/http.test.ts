import { backoffDelay, DEFAULT_RETRY_POLICY, isConnectionError, parseRetryAfter } from '../../../nodes/shared/http';

describe('parseRetryAfter', () => {
	it('reads delta-seconds', () => {
		expect(parseRetryAfter('3', 0)).toBe(3000);
		expect(parseRetryAfter(['0.5'], 0)).toBe(500);
	});
	it('reads an HTTP date relative to now', () => {
		const now = Date.parse('2026-11-21T10:00:00Z');
		expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
	});
	it('ignores missing or garbage values', () => {
		expect(parseRetryAfter(undefined, 0)).toBeUndefined();
		expect(parseRetryAfter('soon', 0)).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	it('grows exponentially and is capped', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(0, policy, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, () => 1)).toBe(800);
		expect(backoffDelay(10, policy, () => 1)).toBe(1000);
		expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
	});
});

describe('isConnectionError', () => {
	it('finds a reset in the cause chain', () => {
		expect(isConnectionError({ message: 'x', cause: { code: 'ECONNRESET' } })).toBe(true);
		expect(isConnectionError({ code: 'ERR_BAD_REQUEST' })).toBe(false);
		expect(isConnectionError(undefined)).toBe(false);
	});
});
