import type { IAllExecuteFunctions } from 'n8n-workflow';

import { sendWithRetry } from '../../../nodes/shared/http';

// sendWithRetry against a scripted sequence of answers: each entry is a status code or a thrown
// connection error. Waits are recorded, never slept.
function scripted(answers: Array<number | { code: string }>, headers: Record<string, string> = {}) {
	const calls: unknown[] = [];
	const ctx = {
		helpers: {
			httpRequestWithAuthentication: async (_type: string, request: unknown) => {
				calls.push(request);
				const answer = answers[Math.min(calls.length, answers.length) - 1];
				if (typeof answer !== 'number')
					throw Object.assign(new Error('socket hang up'), { code: answer.code });
				return { statusCode: answer, headers, body: { ok: answer < 400 } };
			},
		},
	} as unknown as IAllExecuteFunctions;
	const waits: number[] = [];
	const hooks = { sleep: async (ms: number) => void waits.push(ms), random: () => 1, now: () => 0 };
	return { ctx, calls, waits, hooks };
}

const request = { method: 'GET' as const, url: 'https://api.example.test/x' };

describe('sendWithRetry', () => {
	it('retries a connection reset on an idempotent request and returns the later success', async () => {
		const { ctx, calls, waits, hooks } = scripted([{ code: 'ECONNRESET' }, 200]);
		const result = await sendWithRetry(ctx, 'factorialApi', request, { idempotent: true, hooks });
		expect(result).toMatchObject({ statusCode: 200, attempts: 2 });
		expect(calls).toHaveLength(2);
		expect(waits).toEqual([500]);
	});

	it('never resends a non-idempotent request after a connection reset (it may have landed)', async () => {
		const { ctx, calls, hooks } = scripted([{ code: 'ECONNRESET' }, 200]);
		await expect(
			sendWithRetry(
				ctx,
				'factorialApi',
				{ ...request, method: 'POST' },
				{ idempotent: false, hooks },
			),
		).rejects.toMatchObject({
			code: 'ECONNRESET',
		});
		expect(calls).toHaveLength(1);
	});

	it('after a 429 without Retry-After (JumpCloud sends none) waits at least 2 s, doubling, capped, and stops within the total budget', async () => {
		const { ctx, calls, waits } = scripted([429]);
		// random() = 0: the jitter cannot help; the floor alone must keep the waits sane.
		const hooks = {
			sleep: async (ms: number) => void waits.push(ms),
			random: () => 0,
			now: () => 0,
		};
		const result = await sendWithRetry(ctx, 'jumpCloudApi', request, { idempotent: false, hooks });
		expect(result).toMatchObject({ statusCode: 429, attempts: 6 });
		expect(calls).toHaveLength(6);
		expect(waits).toEqual([2000, 4000, 8000, 16000, 30000]);
		expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(120_000);
	});

	it('stops once the next wait would pass maxTotalWaitMs, and hands back the last answer', async () => {
		const { ctx, calls, waits, hooks } = scripted([503], { 'retry-after': '4' });
		const result = await sendWithRetry(ctx, 'jumpCloudApi', request, {
			idempotent: true,
			hooks,
			policy: { maxAttempts: 10, maxTotalWaitMs: 10_000 },
		});
		expect(result).toMatchObject({ statusCode: 503, attempts: 3 });
		expect(waits).toEqual([4000, 4000]);
		expect(calls).toHaveLength(3);
	});

	it('caps a long Retry-After at maxDelayMs', async () => {
		const { ctx, waits, hooks } = scripted([429, 200], { 'retry-after': '3600' });
		const result = await sendWithRetry(ctx, 'jumpCloudApi', request, { idempotent: false, hooks });
		expect(result.statusCode).toBe(200);
		expect(waits).toEqual([30_000]);
	});
});
