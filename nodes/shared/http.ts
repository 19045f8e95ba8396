import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * Retry and backoff shared by both service transports. Only the transports call this; nothing
 * else in the package talks HTTP. It never decides *what* to send, only *whether to send again*.
 */
export interface RetryPolicy {
	/** Total attempts including the first one. */
	maxAttempts: number;
	/** Give up once this much time has been spent waiting between attempts. */
	maxTotalWaitMs: number;
	/** First backoff step; doubles every attempt (full jitter). */
	baseDelayMs: number;
	/** Upper bound for one wait, also caps a server's Retry-After. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	maxTotalWaitMs: 120_000,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
};

/**
 * Resent only when the request is idempotent (429 excepted, see SendOptions). 500 is included: both
 * services answer it for transient faults, and resending a read or an idempotent write cannot harm.
 */
export const RETRYABLE_STATUS_CODES = [429, 500, 502, 503, 504];

const CONNECTION_ERROR_CODES = ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'UND_ERR_SOCKET'];

export interface RetryHooks {
	/** Injected by tests to avoid real waiting; defaults to n8n-workflow's sleep. */
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

export function headerValue(headers: IDataObject | undefined, name: string): unknown {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() === wanted) return headers[key];
	}
	return undefined;
}

export function isConnectionError(error: unknown): boolean {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && CONNECTION_ERROR_CODES.includes(current.code)) return true;
		current = current.cause as typeof current;
	}
	return false;
}

const OAUTH2_CREDENTIAL = /OAuth2Api$/;

async function resendForTokenRefresh(
	ctx: IAllExecuteFunctions,
	credentialType: string,
	request: IHttpRequestOptions,
): Promise<IN8nHttpFullResponse> {
	try {
		return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
			...request,
			returnFullResponse: true,
			disableFollowRedirect: true,
			maxRedirects: 0,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// Still refused after the refresh: hand the 401 back for the transport to explain.
		const failure = error as { httpCode?: string; response?: { status?: number; data?: unknown; headers?: IDataObject }; cause?: unknown };
		const cause = failure.cause as { response?: { status?: number; data?: unknown } } | undefined;
		const status = Number(failure.response?.status ?? cause?.response?.status ?? failure.httpCode ?? 401);
		return {
			statusCode: Number.isFinite(status) ? status : 401,
			headers: failure.response?.headers ?? {},
			body: failure.response?.data ?? cause?.response?.data,
		} as IN8nHttpFullResponse;
	}
}

export interface SendResult {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	attempts: number;
}

/**
 * Sends one logical request through n8n's authenticated HTTP helper, retrying transient failures.
 * Redirects are never followed (JumpCloud answers a missing key with a 302 to a login page) and
 * HTTP errors are returned, not thrown, so the transport can map them with the server's words.
 */
export async function sendWithRetry(
	ctx: IAllExecuteFunctions,
	credentialType: string,
	request: IHttpRequestOptions,
	options: SendOptions,
): Promise<SendResult> {
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...(options.policy ?? {}) };
	const wait = options.hooks?.sleep ?? sleep;
	const random = options.hooks?.random ?? Math.random;
	const now = options.hooks?.now ?? Date.now;
	let waited = 0;

	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse | undefined;
		// Errors are handed back to the service transport untouched (it wraps them in NodeApiError
		// with its own wording); only connection failures are candidates for a retry.
		let connectionError: unknown;
		let fatalError: unknown;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
				...request,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				maxRedirects: 0,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			if (isConnectionError(error)) connectionError = error;
			else fatalError = error;
		}
		if (fatalError !== undefined) throw fatalError;

		if (response?.statusCode === 401 && OAUTH2_CREDENTIAL.test(credentialType)) {
			// ignoreHttpStatusErrors hides the 401 that n8n needs to refresh an OAuth2 token (or fetch a
			// new client-credentials token). Resend once letting n8n see it. Safe for any method: a 401
			// means the server did nothing.
			response = await resendForTokenRefresh(ctx, credentialType, request);
		}

		const status = response?.statusCode;
		const retryable =
			status === 429 ||
			(options.idempotent &&
				(connectionError !== undefined || (status !== undefined && RETRYABLE_STATUS_CODES.includes(status))));

		if (!retryable || attempt >= policy.maxAttempts) {
			if (connectionError !== undefined) throw connectionError;
			return {
				statusCode: status as number,
				headers: (response?.headers ?? {}) as IDataObject,
				body: response?.body,
				attempts: attempt,
			};
		}

		const retryAfter = parseRetryAfter(headerValue(response?.headers as IDataObject, 'retry-after'), now());
		const delay = Math.min(policy.maxDelayMs, retryAfter ?? backoffDelay(attempt - 1, policy, random));
		if (waited + delay > policy.maxTotalWaitMs) {
			if (connectionError !== undefined) throw connectionError;
			return {
				statusCode: status as number,
				headers: (response?.headers ?? {}) as IDataObject,
				body: response?.body,
				attempts: attempt,
			};
		}
		waited += delay;
		await wait(delay);
	}
}
