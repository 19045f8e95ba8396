/**
 * Retry and backoff shared by both service transports. Pure module: no n8n types; the n8n glue that
 * sends one attempt through n8n's authenticated helper is `nodes/shared/http.ts`. It never decides
 * *what* to send, only *whether to send again*.
 */
type Headers = Record<string, unknown>;

export interface RetryPolicy {
	/** Total attempts including the first one. */
	maxAttempts: number;
	/** Give up once this much time has been spent waiting between attempts. */
	maxTotalWaitMs: number;
	/** First backoff step; doubles every attempt (full jitter). */
	baseDelayMs: number;
	/** Upper bound for one wait, also caps a server's Retry-After. */
	maxDelayMs: number;
	/**
	 * First step of the wait after a 429 that names no Retry-After (JumpCloud never sends one,
	 * docs/reference/jumpcloud-api-notes.md): base * 2^attempt plus up to one base of jitter, so a rate
	 * limit is never hammered with near-zero waits; still capped by maxDelayMs and maxTotalWaitMs.
	 */
	rateLimitBaseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	maxTotalWaitMs: 120_000,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	rateLimitBaseDelayMs: 1000,
};

/**
 * Resent only when the request is idempotent (429 excepted, see SendOptions). 500 is included: both
 * services answer it for transient faults, and resending a read or an idempotent write cannot harm.
 */
export const RETRYABLE_STATUS_CODES = [429, 500, 502, 503, 504];

const CONNECTION_ERROR_CODES = [
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
];

export interface RetryHooks {
	/** Injected by tests to avoid real waiting; the n8n glue passes n8n-workflow's sleep. */
	sleep?: (ms: number) => Promise<void>;
	/** Injected by tests for deterministic jitter. */
	random?: () => number;
	now?: () => number;
}

export interface SendOptions {
	/**
	 * Whether the request may be sent again after a failure where the server might already have
	 * acted (5xx, connection reset). Rate-limit answers (429) never acted, so they are always
	 * retried. Callers set this for GET/DELETE and for writes that are idempotent by design.
	 */
	idempotent: boolean;
	policy?: Partial<RetryPolicy>;
	hooks?: RetryHooks;
}

/** Parses Retry-After as delta-seconds or an HTTP date; returns milliseconds or undefined. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(parseFloat(text) * 1000);
	const date = Date.parse(text);
	if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
	return undefined;
}

/** Exponential backoff with full jitter: random in [0, min(max, base * 2^attempt)]. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(random() * ceiling);
}

/**
 * Wait after the n-th attempt (1-based) was answered 429 without Retry-After: exponential with a floor
 * (base * 2^attempt) plus jitter in [0, base], capped at maxDelayMs. With the defaults: about 2, 4, 8,
 * 16, 30 s, which the 120 s maxTotalWaitMs bounds. Mirrors JumpCloud's own CLI (min(2^n s + jitter, 30 s)).
 */
export function rateLimitDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
	const base = policy.rateLimitBaseDelayMs;
	return Math.min(policy.maxDelayMs, Math.round(base * 2 ** attempt + random() * base));
}

export function headerValue(headers: Headers | undefined, name: string): unknown {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() === wanted) return headers[key];
	}
	return undefined;
}

/**
 * The socket error code of a request that got no answer (ECONNRESET, ECONNREFUSED, ...), or undefined.
 * Two shapes reach us:
 * - the HTTP client's own error (axios, as n8n's `httpRequest` throws it): `code`, possibly on a `cause`;
 * - what n8n's `httpRequestWithAuthentication` throws inside a real n8n (1.123 and 2.15 alike, captured
 *   against the emulators' connection drops): a NodeApiError wrapping that error. It keeps neither `code`
 *   nor `cause` (n8n's error class re-declares `cause` and drops an Error cause); the code survives only
 *   as `httpCode` ("ECONNRESET"), next to a message rewritten for humans. A real HTTP status there is
 *   numeric ("503"), so reading a socket code from it cannot mistake an answer for a lost connection.
 */
export function connectionErrorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; httpCode?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		for (const value of [current.code, current.httpCode])
			if (typeof value === 'string' && CONNECTION_ERROR_CODES.includes(value)) return value;
		current = current.cause as typeof current;
	}
	return undefined;
}

export function isConnectionError(error: unknown): boolean {
	return connectionErrorCode(error) !== undefined;
}

/** What one attempt answered: an HTTP status (errors are answers, not exceptions). */
export interface AttemptResponse {
	statusCode: number;
	headers?: Headers;
	body?: unknown;
}

export interface SendResult {
	statusCode: number;
	headers: Headers;
	body: unknown;
	attempts: number;
}

/**
 * Sends one logical request by calling `attempt` until it succeeds or may not be sent again.
 * `attempt` answers the HTTP response or throws; a thrown connection error is a retry candidate,
 * any other error is handed back untouched (the service transport wraps it with its own wording).
 * `defaultSleep` waits between attempts unless `options.hooks.sleep` is given (the n8n glue passes
 * n8n-workflow's sleep).
 */
export async function retryRequest(
	attempt: () => Promise<AttemptResponse>,
	options: SendOptions,
	defaultSleep: (ms: number) => Promise<void>,
): Promise<SendResult> {
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...(options.policy ?? {}) };
	const wait = options.hooks?.sleep ?? defaultSleep;
	const random = options.hooks?.random ?? Math.random;
	const now = options.hooks?.now ?? Date.now;
	let waited = 0;

	for (let attemptNumber = 1; ; attemptNumber++) {
		let response: AttemptResponse | undefined;
		// Only connection failures are candidates for a retry.
		let connectionError: unknown;
		let fatalError: unknown;
		try {
			response = await attempt();
		} catch (error) {
			if (isConnectionError(error)) connectionError = error;
			else fatalError = error;
		}
		if (fatalError !== undefined) throw fatalError;

		const status = response?.statusCode;
		const retryable =
			status === 429 ||
			(options.idempotent &&
				(connectionError !== undefined ||
					(status !== undefined && RETRYABLE_STATUS_CODES.includes(status))));

		if (!retryable || attemptNumber >= policy.maxAttempts) {
			if (connectionError !== undefined) throw connectionError;
			return {
				statusCode: status as number,
				headers: response?.headers ?? {},
				body: response?.body,
				attempts: attemptNumber,
			};
		}

		const retryAfter = parseRetryAfter(headerValue(response?.headers, 'retry-after'), now());
		const fallback =
			status === 429
				? rateLimitDelay(attemptNumber, policy, random)
				: backoffDelay(attemptNumber - 1, policy, random);
		const delay = Math.min(policy.maxDelayMs, retryAfter ?? fallback);
		if (waited + delay > policy.maxTotalWaitMs) {
			if (connectionError !== undefined) throw connectionError;
			return {
				statusCode: status as number,
				headers: response?.headers ?? {},
				body: response?.body,
				attempts: attemptNumber,
			};
		}
		waited += delay;
		await wait(delay);
	}
}
