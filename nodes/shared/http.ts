import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type {
	RetryHooks,
	RetryPolicy,
	SendOptions,
	SendResult as AttemptsResult,
} from '../lib/http';
import { retryRequest } from '../lib/http';

/**
 * The n8n side of the retry loop in `nodes/lib/http.ts`: one attempt through n8n's authenticated
 * HTTP helper. Only the service transports call this; nothing else in the package talks HTTP.
 */
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
		const failure = error as {
			httpCode?: string;
			response?: { status?: number; data?: unknown; headers?: IDataObject };
			cause?: unknown;
		};
		const cause = failure.cause as { response?: { status?: number; data?: unknown } } | undefined;
		const status = Number(
			failure.response?.status ?? cause?.response?.status ?? failure.httpCode ?? 401,
		);
		return {
			statusCode: Number.isFinite(status) ? status : 401,
			headers: failure.response?.headers ?? {},
			body: failure.response?.data ?? cause?.response?.data,
		} as IN8nHttpFullResponse;
	}
}

/** Retry timing a caller may override: attempts and waits (policy), sleep and jitter (hooks). */
export interface RetryTiming {
	policy?: Partial<RetryPolicy>;
	hooks?: RetryHooks;
}

/**
 * Key under which a context object may carry its own RetryTiming. n8n's contexts never carry it, so
 * the nodes always use DEFAULT_RETRY_POLICY and n8n's sleep; a test's fake context sets it to retry
 * without waiting, for that context only (no state shared between tests).
 */
export const RETRY_TIMING = Symbol.for('n8n-nodes-factorial-jumpcloud.retryTiming');

export function retryTimingOf(ctx: object): RetryTiming | undefined {
	return (ctx as { [RETRY_TIMING]?: RetryTiming })[RETRY_TIMING];
}

export type SendResult = Omit<AttemptsResult, 'headers'> & { headers: IDataObject };

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
	const attempt = async () => {
		let response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
			...request,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			maxRedirects: 0,
		})) as IN8nHttpFullResponse;
		if (response?.statusCode === 401 && OAUTH2_CREDENTIAL.test(credentialType)) {
			// ignoreHttpStatusErrors hides the 401 that n8n needs to refresh an OAuth2 token (or fetch a
			// new client-credentials token). Resend once letting n8n see it. Safe for any method: a 401
			// means the server did nothing.
			response = await resendForTokenRefresh(ctx, credentialType, request);
		}
		return response as { statusCode: number; headers?: IDataObject; body?: unknown };
	};
	const result = await retryRequest(attempt, options, sleep);
	return result as SendResult;
}
