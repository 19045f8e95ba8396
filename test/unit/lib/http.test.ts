import {
	backoffDelay,
	connectionErrorCode,
	DEFAULT_RETRY_POLICY,
	isConnectionError,
	parseRetryAfter,
	retryRequest,
} from '../../../nodes/lib/http';
import { asThrownByN8n, CAPTURED_N8N_CONNECTION_ERRORS } from '../n8nConnectionErrors';

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

	describe.each(Object.entries(CAPTURED_N8N_CONNECTION_ERRORS))(
		'what n8n %s throws for a lost connection',
		(_version, captured) => {
			it('is a connection error, with its socket code', () => {
				expect(connectionErrorCode(asThrownByN8n(captured.reset))).toBe('ECONNRESET');
				expect(connectionErrorCode(asThrownByN8n(captured.refused))).toBe('ECONNREFUSED');
			});

			it('is resent when idempotent, and only then', async () => {
				const hooks = { sleep: async () => undefined, random: () => 0, now: () => 0 };
				let calls = 0;
				const flaky = async () => {
					if (++calls === 1) throw asThrownByN8n(captured.reset);
					return { statusCode: 200, body: { ok: true } };
				};
				await expect(
					retryRequest(flaky, { idempotent: true, hooks }, hooks.sleep),
				).resolves.toMatchObject({ statusCode: 200, attempts: 2 });
				calls = 0;
				await expect(
					retryRequest(flaky, { idempotent: false, hooks }, hooks.sleep),
				).rejects.toMatchObject({ httpCode: 'ECONNRESET' });
				expect(calls).toBe(1);
			});
		},
	);

	it('does not take an HTTP status, a missing code or another kind of failure for a lost connection', () => {
		const { reset } = CAPTURED_N8N_CONNECTION_ERRORS['2.15.1'];
		for (const httpCode of ['503', '404', '429', null, 'ERR_CANCELED', 'ENOTFOUND'])
			expect(isConnectionError(asThrownByN8n({ ...reset, httpCode }))).toBe(false);
	});
});
