import type {
	IAllExecuteFunctions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { connectionErrorCode, headerValue, isConnectionError } from '../lib/http';
import type { RetryTiming } from '../shared/http';
import { retryTimingOf, sendWithRetry } from '../shared/http';
import { credentialSecrets, redactSecrets } from '../shared/redact';
import type { PageProblem } from '../lib/pagination';
import { describePageProblem, PageGuard } from '../lib/pagination';
import { customUrlProblem } from '../shared/url';
import { jumpCloudBaseUrl } from './regions';
import { dryRunAnswer, dryRunSawRead } from './shared/dryRun';
import type { SystemUserLookup } from './search';
import { buildSystemUserSearch, matchesLookup } from './search';

/**
 * The only module that talks HTTP to JumpCloud. Paths are relative to /api: `/systemusers` (v1) or
 * `/v2/usergroups` (v2). Base URL, region and x-org-id come from the credential; secrets are only
 * ever sent to that origin because callers cannot pass an absolute URL.
 */

export const API_KEY_CREDENTIAL_TYPE = 'jumpCloudApi';
export const SERVICE_ACCOUNT_CREDENTIAL_TYPE = 'jumpCloudOAuth2Api';

/** JumpCloud caps `limit` at 100 on v1 and v2 lists. */
export const JUMPCLOUD_PAGE_SIZE = 100;

export interface JumpCloudRequestOptions {
	/**
	 * Whether resending after a 5xx or connection reset is safe. Default: true for GET, PUT and
	 * DELETE (same request, same end state) and false for POST, because POST /systemusers and
	 * POST /v2/usergroups create a new object each time: a create that timed out may already exist.
	 * Callers mark POSTs that cannot duplicate (membership add/remove, unlock, expire, state
	 * change, search) as idempotent.
	 */
	idempotent?: boolean;
	itemIndex?: number;
	/** Return `{ statusCode, headers, body }` instead of the body. */
	returnFullResponse?: boolean;
	/** Statuses handed back to the caller instead of thrown (e.g. 404 on a remove that is fine). */
	allowStatuses?: number[];
	/** Overrides the credential chosen from the node's `authentication` parameter. */
	credentialType?: string;
	headers?: IDataObject;
	/**
	 * Retry timing for this call. Default: the timing the context carries (see RETRY_TIMING in
	 * nodes/shared/http.ts; only tests set it), else DEFAULT_RETRY_POLICY with n8n's sleep.
	 */
	retry?: RetryTiming;
}

export interface JumpCloudFullResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

type Ctx = IAllExecuteFunctions;

function readAuthentication(ctx: Ctx): string {
	try {
		if (typeof (ctx as IExecuteFunctions).getInputData === 'function') {
			return String((ctx as IExecuteFunctions).getNodeParameter('authentication', 0, 'apiKey'));
		}
		return String((ctx as ILoadOptionsFunctions).getNodeParameter('authentication', 'apiKey'));
	} catch {
		return 'apiKey';
	}
}

export function jumpCloudCredentialType(ctx: Ctx): string {
	return readAuthentication(ctx) === 'oAuth2'
		? SERVICE_ACCOUNT_CREDENTIAL_TYPE
		: API_KEY_CREDENTIAL_TYPE;
}

/** Message text JumpCloud put in an error body (`message`, `error`), never the request. */
export function jumpCloudErrorText(body: unknown): string {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const b = body as IDataObject;
		const parts = [b.message, b.error].filter(
			(p) => typeof p === 'string' && p.trim() !== '',
		) as string[];
		const unique = [...new Set(parts)];
		if (unique.length) return unique.join(': ');
	}
	if (
		typeof body === 'string' &&
		body.trim() &&
		!body.trim().startsWith('<') &&
		body.length < 500
	) {
		return body.trim();
	}
	return '';
}

/** Whether a 400/409 answer means "already exists" (JumpCloud's wording varies by endpoint). */
export function isDuplicateAnswer(statusCode: number, body: unknown): boolean {
	if (statusCode !== 400 && statusCode !== 409) return false;
	const text = jumpCloudErrorText(body).toLowerCase();
	if (statusCode === 409) return true;
	return /already exists|already in use|exists|unique|duplicate|taken/.test(text);
}

interface ErrorText {
	message: string;
	description: string;
}

/** Error table: status (class) → what happened + how to fix. The server's words are appended. */
export function describeJumpCloudError(
	statusCode: number,
	body: unknown,
	method: string,
	path: string,
	attempts: number,
): ErrorText {
	const said = jumpCloudErrorText(body);
	const quote = said ? ` JumpCloud said: "${said}"` : '';
	const what = `${method} /api${path}`;
	if (statusCode >= 300 && statusCode < 400) {
		return {
			message: 'JumpCloud redirected to its login page: the API key is missing or invalid',
			description:
				'JumpCloud answers a request without a usable key with a redirect to the login page. Open the JumpCloud credential, paste a current API key (it starts with "jca_") and check the Region.',
		};
	}
	if (statusCode === 401) {
		return {
			message: `JumpCloud did not accept the credentials (401).${quote}`,
			description:
				'Check the API key or service account in the JumpCloud credential, that its Region is the one the key was created in, and, for multi-tenant admins, the Organization ID.',
		};
	}
	if (statusCode === 403) {
		return {
			message: `JumpCloud refused access to ${what} (403).${quote}`,
			description:
				'The admin or service account lacks the role or scope for this action, or the Organization ID is not one it may manage. Grant the permission in JumpCloud or use another credential.',
		};
	}
	if (statusCode === 404) {
		return {
			message: `JumpCloud found nothing at ${what} (404).${quote}`,
			description:
				'Check the ID you passed (user, group or scheduled job) and that the credential points at the right Region and Organization ID.',
		};
	}
	if (isDuplicateAnswer(statusCode, body)) {
		return {
			message: `JumpCloud reports a conflict with an existing object (${statusCode}).${quote}`,
			description:
				'Another user or group already uses this username, email, employee identifier or name. Look it up and update it instead, or choose a different value (for usernames, set On Username Conflict to Append Next Number).',
		};
	}
	if (statusCode === 400 || statusCode === 422) {
		return {
			message: `JumpCloud rejected the request (${statusCode}).${quote}`,
			description:
				"Check the values of the fields named in JumpCloud's message and run the node again.",
		};
	}
	if (statusCode === 429) {
		return {
			message: `JumpCloud is rate limiting this credential (429 after ${attempts} attempts).`,
			description:
				'Process fewer items at a time (use Loop Over Items with a Wait), or run the workflow again later.',
		};
	}
	if (statusCode >= 500) {
		return {
			message: `JumpCloud failed to process ${what} (${statusCode}).${quote}`,
			description:
				method === 'POST'
					? 'This is a JumpCloud-side failure. Creates are not retried automatically because the object may exist already: look it up before running again.'
					: 'This is a JumpCloud-side failure and retries did not help. Try again later or check status.jumpcloud.com.',
		};
	}
	return {
		message: `JumpCloud answered ${what} with status ${statusCode}.${quote}`,
		description: 'Check the node parameters and the credential, then run the node again.',
	};
}

/** The NodeApiError for a JumpCloud answer; also used by callers that allowed a status first. */
export function jumpCloudApiError(
	ctx: Ctx,
	statusCode: number,
	body: unknown,
	method: string,
	path: string,
	itemIndex?: number,
	attempts = 1,
): NodeApiError {
	const text = describeJumpCloudError(statusCode, body, method, path, attempts);
	// Only the status and JumpCloud's own body go into the error: never the request (its headers carry the key).
	const safeBody: JsonObject =
		body && typeof body === 'object' && !Array.isArray(body)
			? (body as JsonObject)
			: { body: jumpCloudErrorText(body) };
	return new NodeApiError(ctx.getNode(), { ...safeBody, statusCode } as JsonObject, {
		...text,
		httpCode: String(statusCode),
		itemIndex,
	});
}

/**
 * A lost connection as a NodeApiError with our words. The raw HTTP client error is not passed on: it
 * carries the request configuration, headers (the key) included. The `code` stays on the error so
 * callers can still tell "the answer was lost" (see isConnectionError) from a refusal.
 */
async function connectionFailure(
	ctx: Ctx,
	credentialType: string,
	error: unknown,
	baseUrl: string,
	itemIndex?: number,
): Promise<NodeApiError> {
	const code = connectionErrorCode(error) ?? 'ECONNRESET';
	const secrets = credentialSecrets(await ctx.getCredentials(credentialType));
	const reason = redactSecrets(String((error as Error)?.message ?? error), secrets);
	const failure = new NodeApiError(ctx.getNode(), { message: reason } as JsonObject, {
		message: `Could not reach JumpCloud at ${baseUrl} (${code})`,
		description: `The connection failed (${reason}) and retrying did not help. Check the credential's Region or Custom URL and that this n8n instance can reach it, then run again.`,
		itemIndex,
	});
	(failure as unknown as { code: string }).code = code;
	return failure;
}

async function credentialContext(
	ctx: Ctx,
	credentialType: string,
): Promise<{ baseUrl: string; orgId: string }> {
	const credentials = await ctx.getCredentials(credentialType);
	const baseUrl = jumpCloudBaseUrl(credentials.region as string, credentials.customUrl as string);
	const problem = /^https?:\/\/[^/]+/i.test(baseUrl)
		? customUrlProblem(baseUrl)
		: 'is not a full URL';
	if (problem) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The JumpCloud credential's Custom URL ${problem}`,
			{
				description:
					'Open the credential and enter a full URL such as https://jumpcloud-proxy.example.com, or pick a Region.',
			},
		);
	}
	return { baseUrl, orgId: String(credentials.orgId ?? '').trim() };
}

/**
 * Whether a path has a segment that would move it elsewhere once resolved: "." or ".." (also
 * percent-encoded), a backslash, or an empty segment. An id such as ".." from an expression would
 * otherwise turn /systemusers/{id} into another endpoint.
 */
export function hasUnsafeSegment(path: string): boolean {
	const [pathname] = path.split('?');
	return pathname
		.slice(1)
		.split('/')
		.some((segment, index, all) => {
			let decoded = segment;
			try {
				decoded = decodeURIComponent(segment);
			} catch {
				return true;
			}
			if (segment === '' && index < all.length - 1) return true;
			return decoded === '.' || decoded === '..' || decoded.includes('\\') || decoded.includes('/');
		});
}

export async function jumpCloudApiRequest<T = IDataObject>(
	this: Ctx,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject | IDataObject[],
	qs?: IDataObject,
	options: JumpCloudRequestOptions = {},
): Promise<T> {
	if (!path.startsWith('/') || path.startsWith('//') || hasUnsafeSegment(path)) {
		throw new NodeOperationError(this.getNode(), `Refusing to call JumpCloud path "${path}"`, {
			description: 'Paths must be relative to /api, e.g. /systemusers or /v2/usergroups.',
		});
	}
	// Dry Run: a write is recorded and answered without being sent (shared/dryRun.ts).
	const dry = dryRunAnswer(this, method, path, body, qs);
	if (dry) return (options.returnFullResponse ? dry : dry.body) as T;
	const credentialType = options.credentialType ?? jumpCloudCredentialType(this);
	const { baseUrl, orgId } = await credentialContext(this, credentialType);

	const headers: IDataObject = { Accept: 'application/json', ...(options.headers ?? {}) };
	// The API key credential adds x-org-id itself; n8n's OAuth2 helper only adds the bearer token.
	if (credentialType === SERVICE_ACCOUNT_CREDENTIAL_TYPE && orgId) headers['x-org-id'] = orgId;

	const request: IHttpRequestOptions = {
		method,
		url: `${baseUrl}/api${path}`,
		headers,
		json: true,
	};
	if (qs && Object.keys(qs).length) request.qs = qs;
	if (body !== undefined && method !== 'GET') {
		request.body = body;
		headers['Content-Type'] = 'application/json';
	}

	const idempotent = options.idempotent ?? method !== 'POST';
	const timing = options.retry ?? retryTimingOf(this);
	let lost: unknown;
	const result = await sendWithRetry(this, credentialType, request, {
		idempotent,
		policy: timing?.policy,
		hooks: timing?.hooks,
	}).catch((error: unknown) => {
		lost = error;
		return undefined;
	});
	if (result === undefined) {
		// Other failures (credential, OAuth refresh) are n8n's own errors and pass through unchanged.
		if (!isConnectionError(lost)) throw lost as Error;
		throw await connectionFailure(this, credentialType, lost, baseUrl, options.itemIndex);
	}

	const ok = result.statusCode >= 200 && result.statusCode < 300;
	if (!ok) {
		// Error bodies end up in messages and outputs; a server or proxy may echo the key in them.
		result.body = redactSecrets(
			result.body,
			credentialSecrets(await this.getCredentials(credentialType)),
		);
	}
	if (!ok && !(options.allowStatuses ?? []).includes(result.statusCode)) {
		throw jumpCloudApiError(
			this,
			result.statusCode,
			result.body,
			method,
			path,
			options.itemIndex,
			result.attempts,
		);
	}
	if (ok) dryRunSawRead(this, method, path, result.body);
	if (options.returnFullResponse) {
		const full: JumpCloudFullResponse = {
			statusCode: result.statusCode,
			headers: result.headers,
			body: result.body,
		};
		return full as unknown as T;
	}
	return result.body as T;
}

/** `POST /search/*`: JumpCloud's own clients page these from the body (see docs/reference/jumpcloud.md). */
export function isSearchPath(method: string, path: string): boolean {
	return method.toUpperCase() === 'POST' && path.startsWith('/search/');
}

/**
 * All items of a list. v1 answers `{ totalCount, results }`; v2 answers a bare array with the total
 * in `x-total-count`. For `POST /search/*`, `limit`/`skip` go in the body AND the query: JumpCloud's
 * SDK and PowerShell module page searches from the body, the 2023 spec listed the query, and a server
 * that reads neither answers a default page of 10. So a short page does not end the read while the
 * total says more are left; it ends on the total, on an empty page, or at `limit`. A read of
 * everything that ends with fewer items than JumpCloud reported, a page repeating an earlier one (a
 * server ignoring `skip`), more pages than the total allows (counted at the smallest page the
 * server answered), or a 200 without a list fails: a partial list is never handed on as the whole one.
 */
export async function jumpCloudApiRequestAllItems(
	this: Ctx,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
	qs: IDataObject = {},
	limit?: number,
	options: JumpCloudRequestOptions = {},
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	const search = isSearchPath(method, path);
	// A server that answers shorter pages than asked is read to its total, never without bound.
	const guard = new PageGuard(JUMPCLOUD_PAGE_SIZE);
	const fail = (problem: PageProblem): never => {
		const message = describePageProblem('JumpCloud', `${method} /api${path}`, problem);
		throw new NodeApiError(this.getNode(), { message } as JsonObject, {
			message,
			description:
				'Nothing was done with the incomplete list. This is usually temporary (users added or removed during the read, a proxy cutting the answer): run again. If it persists, check the Custom URL or proxy in the JumpCloud credential (a proxy must pass the paging parameters through).',
			itemIndex: options.itemIndex,
		});
	};
	let skip = 0;
	let pageNumber = 0;
	// A search POST only reads, so resending it is safe.
	const requestOptions: JumpCloudRequestOptions = {
		idempotent: true,
		...options,
		returnFullResponse: true,
	};
	for (;;) {
		const wanted = limit !== undefined ? limit - items.length : JUMPCLOUD_PAGE_SIZE;
		if (wanted <= 0) break;
		const pageSize = Math.min(JUMPCLOUD_PAGE_SIZE, wanted);
		const paging = { limit: pageSize, skip };
		pageNumber++;
		const response = await jumpCloudApiRequest.call<
			Ctx,
			Parameters<typeof jumpCloudApiRequest>,
			Promise<JumpCloudFullResponse>
		>(
			this,
			method,
			path,
			search ? { ...(body ?? {}), ...paging } : body,
			{ ...qs, ...paging },
			requestOptions,
		);

		let page: IDataObject[];
		let total: number | undefined;
		if (Array.isArray(response.body)) {
			page = response.body as IDataObject[];
			const header = Number(headerValue(response.headers, 'x-total-count'));
			total =
				Number.isFinite(header) && headerValue(response.headers, 'x-total-count') !== undefined
					? header
					: undefined;
		} else {
			const data = response.body as IDataObject | null | undefined;
			if (!data || typeof data !== 'object' || !Array.isArray(data.results))
				return fail({ kind: 'noData', page: pageNumber });
			page = data.results as IDataObject[];
			total = typeof data.totalCount === 'number' ? data.totalCount : undefined;
		}
		const problem = guard.page(page, total);
		if (problem) fail(problem);
		if (page.length === 0) break;
		items.push(...page);
		skip += page.length;
		if (total !== undefined) {
			if (skip >= total) break;
		} else if (page.length < pageSize) break;
	}
	if (limit === undefined) {
		const problem = guard.finish(items.length);
		if (problem) fail(problem);
	}
	return limit !== undefined ? items.slice(0, limit) : items;
}

/**
 * Exact, case-insensitive lookup of system users by any of email, username (one or several) and
 * employee identifier (all given fields must match). Regex metacharacters, `+` included, are
 * escaped; results are re-checked client-side so a loose server match never returns a wrong user.
 */
export async function findSystemUsers(
	this: Ctx,
	filter: SystemUserLookup,
	fields?: string[] | string,
	options: JumpCloudRequestOptions = {},
): Promise<IDataObject[]> {
	const search = buildSystemUserSearch(filter);
	if (!search) return [];
	const body: IDataObject = { ...search };
	if (fields && fields.length) body.fields = Array.isArray(fields) ? fields.join(' ') : fields;
	const users = await jumpCloudApiRequestAllItems.call(
		this,
		'POST',
		'/search/systemusers',
		body,
		{},
		undefined,
		options,
	);
	return users.filter((u) => matchesLookup(u, filter));
}
