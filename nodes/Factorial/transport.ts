import type {
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RetryHooks, RetryPolicy } from '../lib/http';
import { isConnectionError } from '../lib/http';
import { sendWithRetry } from '../shared/http';
import { credentialSecrets, redactSecrets } from '../shared/redact';
import {
	DEFAULT_FACTORIAL_API_VERSION,
	FACTORIAL_API_VERSIONS,
	factorialBaseUrl,
	INTEGER_ID_FACTORIAL_API_VERSIONS,
	WITHDRAWN_FACTORIAL_API_VERSIONS,
} from './constants';
import { toWorkEmailSource, type WorkEmailSource } from '../lib/employee';
import { normaliseIds } from './ids';
import { customUrlProblem } from '../shared/url';
import type { PageProblem } from '../lib/pagination';
import { describePageProblem, PageGuard } from '../lib/pagination';

/**
 * The only module that talks HTTP to Factorial. URLs are always built from the credential's base
 * URL, so the key or token never goes anywhere else; redirects are never followed.
 */

export type FactorialCredentialType = 'factorialApi' | 'factorialOAuth2Api';

export interface FactorialContext {
	baseUrl: string;
	apiVersion: string;
	credentialType: FactorialCredentialType;
	/** The credential's Work Email Field. */
	workEmailSource: WorkEmailSource;
}

export interface FactorialRequestOptions {
	/**
	 * Whether repeating the request after a 5xx or a reset cannot duplicate anything. Defaults:
	 * GET, PUT and DELETE yes (PUT replaces fields, DELETE of a deleted record at worst answers
	 * 404); POST no, because create_with_contract, teams, memberships and invites would be created
	 * or sent twice. Callers opt in for POST actions that set a state: terminate and unterminate.
	 * 429 is always retried (the server did not act).
	 */
	idempotent?: boolean;
	itemIndex?: number;
	/** Values besides the credential's to cut from error messages (e.g. a webhook challenge sent). */
	secrets?: string[];
	/** Retry bounds and test hooks (injected clock/sleep), passed to sendWithRetry. */
	retry?: { policy?: Partial<RetryPolicy>; hooks?: RetryHooks };
}

/** Factorial's maximum page size. */
export const FACTORIAL_PAGE_SIZE = 100;

function readAuthentication(ctx: IAllExecuteFunctions): string {
	const context = ctx as unknown as {
		getInputData?: unknown;
		getNodeParameter: (...args: unknown[]) => unknown;
	};
	try {
		// Another node reading Factorial (the JumpCloud reconciliation) names its Factorial
		// credential type in `factorialAuthentication`; its own `authentication` is not Factorial's.
		const own = (ctx.getNode().parameters ?? {}).factorialAuthentication;
		if (typeof own === 'string') return own;
		// Execute contexts take an item index; hook, poll, webhook and load-options ones do not.
		const value =
			typeof context.getInputData === 'function'
				? context.getNodeParameter('authentication', 0, 'apiKey')
				: context.getNodeParameter('authentication', 'apiKey');
		return typeof value === 'string' ? value : 'apiKey';
	} catch {
		return 'apiKey';
	}
}

/** Credential type, base URL and API version this node's credential points at. */
export async function getFactorialContext(this: IAllExecuteFunctions): Promise<FactorialContext> {
	const credentialType: FactorialCredentialType =
		readAuthentication(this) === 'oAuth2' ? 'factorialOAuth2Api' : 'factorialApi';
	const credentials = await this.getCredentials(credentialType);
	const environment = String(credentials.environment ?? 'production');
	const baseUrl = factorialBaseUrl(environment, credentials.customUrl as string | undefined);
	const problem = /^https?:\/\/[^/\s]+/i.test(baseUrl) ? customUrlProblem(baseUrl) : undefined;
	if (problem) {
		throw new NodeOperationError(
			this.getNode(),
			`The Factorial credential's Custom URL ${problem}`,
			{
				description:
					"Set 'Custom URL' in the Factorial credential to an https:// address such as https://factorial-proxy.example.com (http:// only for localhost), or choose the Production or Demo environment",
			},
		);
	}
	if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
		throw new NodeOperationError(this.getNode(), 'The Factorial credential has no valid base URL', {
			description:
				"Set 'Custom URL' in the Factorial credential to an http(s) address such as https://factorial-proxy.example.com, or choose the Production or Demo environment",
		});
	}
	const apiVersion = String(credentials.apiVersion || DEFAULT_FACTORIAL_API_VERSION);
	if (!(FACTORIAL_API_VERSIONS as readonly string[]).includes(apiVersion)) {
		// Never moved silently to another version: the answers' shape (id types, filters) follows it.
		const why = WITHDRAWN_FACTORIAL_API_VERSIONS[apiVersion];
		throw new NodeOperationError(
			this.getNode(),
			`The Factorial credential's API Version ${apiVersion} is no longer offered${why ? `: ${why}` : ''}`,
			{
				description: `Open the Factorial credential and choose one of ${FACTORIAL_API_VERSIONS.join(', ')} under 'API Version' (IDs are output as strings with every version). Nothing was sent to Factorial.`,
			},
		);
	}
	const workEmailSource = toWorkEmailSource(credentials.workEmailField);
	return { baseUrl, apiVersion, credentialType, workEmailSource };
}

/**
 * The credential's Work Email Field alone, for a webhook delivery: it needs no base URL, and a delivery
 * is never refused because the credential cannot be read (then the default, `email`, applies; the
 * activation that registered the webhook already needed the credential).
 */
export async function getWorkEmailSource(this: IAllExecuteFunctions): Promise<WorkEmailSource> {
	try {
		const credentialType: FactorialCredentialType =
			readAuthentication(this) === 'oAuth2' ? 'factorialOAuth2Api' : 'factorialApi';
		const credentials = await this.getCredentials(credentialType);
		return toWorkEmailSource(credentials.workEmailField);
	} catch {
		return toWorkEmailSource(undefined);
	}
}

function assertRelativePath(
	ctx: IAllExecuteFunctions,
	resourcePath: string,
	itemIndex?: number,
): string {
	const trimmed = resourcePath.trim();
	// Anything that could point elsewhere (scheme, protocol-relative, parent segments) is refused,
	// so a value from an expression can never move the credential to another host.
	if (
		/^[a-z][a-z0-9+.-]*:/i.test(trimmed) ||
		trimmed.startsWith('//') ||
		/(^|\/)\.\.(\/|$)/.test(trimmed)
	) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Refusing to send Factorial credentials to '${trimmed}'`,
			{
				description:
					'Factorial requests take a path relative to the API (e.g. employees/employees), never a full URL',
				itemIndex,
			},
		);
	}
	return trimmed.replace(/^\/+/, '');
}

/** The server's own words from an error body: `errors` (array, map or string), `error`, `message`. */
export function extractServerMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (!text || text.startsWith('<')) return undefined;
		return text.slice(0, 500);
	}
	if (!body || typeof body !== 'object') return undefined;
	const data = body as IDataObject;
	const parts: string[] = [];
	const errors = data.errors;
	if (Array.isArray(errors)) {
		for (const entry of errors) {
			if (typeof entry === 'string') parts.push(entry);
			else if (entry && typeof entry === 'object') {
				const record = entry as IDataObject;
				const text = record.message ?? record.detail ?? record.title;
				if (text !== undefined) parts.push(String(text));
			}
		}
	} else if (typeof errors === 'string') {
		parts.push(errors);
	} else if (errors && typeof errors === 'object') {
		// Rails style: { field: ['has already been taken'] }
		for (const [field, messages] of Object.entries(errors as IDataObject)) {
			const list = Array.isArray(messages) ? messages : [messages];
			parts.push(`${field} ${list.map((m) => String(m)).join(', ')}`);
		}
	}
	if (parts.length === 0 && typeof data.error_description === 'string')
		parts.push(data.error_description);
	if (parts.length === 0 && typeof data.error === 'string') parts.push(data.error);
	if (parts.length === 0 && typeof data.message === 'string') parts.push(data.message);
	return parts.length ? parts.join('; ') : undefined;
}

interface ErrorText {
	message: string;
	description: string;
}

function describeStatus(
	status: number,
	serverWords: string | undefined,
	method: string,
	attempts: number,
	idempotent: boolean,
): ErrorText {
	const said = serverWords ? `: ${serverWords}` : '';
	if (status >= 300 && status < 400) {
		return {
			message: `Factorial answered with a redirect (HTTP ${status}) instead of data`,
			description:
				"Check 'Environment' and 'Custom URL' in the Factorial credential: the address must be the API host itself. The redirect was not followed, so the credential was not sent anywhere else.",
		};
	}
	if (status === 401) {
		return {
			message: `Factorial rejected the credential (HTTP 401)${said}`,
			description:
				"Check the API key (or reconnect the OAuth2 credential) and that 'Environment' matches where it was created: a demo key only works on Demo, a production key only on Production.",
		};
	}
	if (status === 403) {
		return {
			message: `The Factorial credential is not allowed to do this (HTTP 403)${said}`,
			description:
				"Use an API key created by a Factorial admin, or enable the needed scope (e.g. employees, contracts, custom_fields) on the OAuth application, update 'Scope' in the credential and reconnect. A company-wide OAuth token has admin rights.",
		};
	}
	if (status === 404) {
		return {
			message: `The Factorial record was not found (HTTP 404)${said}`,
			description:
				'Check the ID you passed. A user (non company-wide) OAuth token only sees what that user may see in Factorial; an unsupported API version or a wrong Custom URL also answers 404.',
		};
	}
	if (status === 409 || status === 422) {
		return {
			message: `Factorial refused the change (HTTP ${status})${said || ' without saying why'}`,
			description:
				'Fix the fields named in the message and run again, e.g. an email that is already taken belongs to another employee.',
		};
	}
	if (status === 400) {
		return {
			message: `Factorial rejected the request (HTTP 400)${said}`,
			description:
				'Check the values and formats of the fields you set (dates as YYYY-MM-DD, IDs as given by Factorial).',
		};
	}
	if (status === 429) {
		return {
			message: `Factorial kept rate limiting the request (HTTP 429) after ${attempts} attempts`,
			description:
				'Factorial allows about 200 write requests per minute. Wait a minute and run again, or process fewer items per execution (e.g. with Loop Over Items and a Wait).',
		};
	}
	if (status >= 500) {
		const notRetried =
			!idempotent && method !== 'GET'
				? ' It was not retried because sending it again could create a duplicate: check in Factorial whether the change happened before running again.'
				: ` It was tried ${attempts} times.`;
		return {
			message: `Factorial is unavailable (HTTP ${status})${said}`,
			description: `This is a temporary problem on Factorial's side (see https://status.factorialhr.com).${notRetried}`,
		};
	}
	return {
		message: `Factorial answered HTTP ${status}${said}`,
		description:
			'Check the request fields; if it persists, compare with the Factorial API documentation for your API version.',
	};
}

/** `id` / `*_id` fields holding a whole number as text become numbers (versions typing ids as integers). */
export function integerIds<T extends IDataObject | IDataObject[]>(body: T): T {
	if (Array.isArray(body)) return body.map((b) => integerIds(b)) as T;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(body))
		out[key] =
			(key === 'id' || key.endsWith('_id')) && typeof value === 'string' && /^\d+$/.test(value)
				? Number(value)
				: value;
	return out as T;
}

/**
 * One Factorial request. resourcePath is relative to `{base}/api/{version}/resources/`, e.g.
 * `employees/employees/123`. Returns the parsed body (a record, or `{ data, meta }` for lists)
 * with IDs as strings.
 */
export async function factorialApiRequest(
	this: IAllExecuteFunctions,
	method: IHttpRequestMethods,
	resourcePath: string,
	body?: IDataObject | IDataObject[],
	qs?: IDataObject,
	options: FactorialRequestOptions = {},
): Promise<IDataObject> {
	const { baseUrl, apiVersion, credentialType } = await getFactorialContext.call(this);
	const path = assertRelativePath(this, resourcePath, options.itemIndex);
	const idempotent = options.idempotent ?? method !== 'POST';

	const request: IHttpRequestOptions = {
		method,
		url: `${baseUrl}/api/${encodeURIComponent(apiVersion)}/resources/${path}`,
		headers: { Accept: 'application/json' },
		qs: qs && Object.keys(qs).length ? qs : undefined,
		arrayFormat: 'brackets',
		json: true,
	};
	if (body !== undefined && method !== 'GET' && method !== 'DELETE')
		request.body = INTEGER_ID_FACTORIAL_API_VERSIONS.includes(apiVersion) ? integerIds(body) : body;

	let status: number;
	let responseBody: unknown;
	let attempts = 1;
	try {
		const result = await sendWithRetry(this, credentialType, request, {
			idempotent,
			policy: options.retry?.policy,
			hooks: options.retry?.hooks,
		});
		status = result.statusCode;
		responseBody = result.body;
		attempts = result.attempts;
	} catch (error) {
		let secrets: string[] = [...(options.secrets ?? [])];
		try {
			secrets = [
				...secrets,
				...credentialSecrets((await this.getCredentials(credentialType)) as IDataObject),
			];
		} catch {
			// Without credentials there is nothing to redact.
		}
		const reason = redactSecrets(String((error as Error)?.message ?? error), secrets);
		throw new NodeApiError(
			this.getNode(),
			{ message: reason } as JsonObject,
			isConnectionError(error)
				? {
						message: `Could not reach Factorial at ${baseUrl}`,
						description: `The connection failed (${reason}). Check 'Environment' / 'Custom URL' in the credential and that this n8n instance can reach the host.`,
						itemIndex: options.itemIndex,
					}
				: {
						message: 'The request to Factorial failed before an answer arrived',
						description: reason,
						itemIndex: options.itemIndex,
					},
		);
	}

	if (status >= 200 && status < 300) return normaliseIds(responseBody) as IDataObject;

	const credentials = (await this.getCredentials(credentialType)) as IDataObject;
	const secrets = [...credentialSecrets(credentials), ...(options.secrets ?? [])];
	const serverWords = extractServerMessage(responseBody);
	const safeWords = serverWords === undefined ? undefined : redactSecrets(serverWords, secrets);
	const text = describeStatus(status, safeWords, method, attempts, idempotent);
	throw new NodeApiError(
		this.getNode(),
		{ httpCode: String(status), message: safeWords ?? text.message } as JsonObject,
		{
			message: text.message,
			description: text.description,
			httpCode: String(status),
			itemIndex: options.itemIndex,
		},
	);
}

/**
 * All items of a cursor-paginated Factorial list: `limit=100`, then `after_id = meta.end_cursor`
 * while `meta.has_next_page`. Stops at `limit` items when given. A cursor seen twice or a page
 * repeating an earlier one means the server is looping; more pages than `meta.total` allows, a
 * 200 without `data`, or a read of everything that ends with fewer records than `meta.total` is a
 * partial read. All of these fail instead of handing on a partial list as the whole one.
 */
export async function factorialApiRequestAllItems(
	this: IAllExecuteFunctions,
	method: IHttpRequestMethods,
	resourcePath: string,
	qs: IDataObject = {},
	limit?: number,
	options: FactorialRequestOptions = {},
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	const guard = new PageGuard(FACTORIAL_PAGE_SIZE);
	let pageNumber = 0;
	const fail = (problem: PageProblem): never => {
		const message = describePageProblem('Factorial', resourcePath, problem);
		throw new NodeApiError(this.getNode(), { message } as JsonObject, {
			message,
			description:
				'Nothing was done with the incomplete list. This is usually temporary (records added or removed during the read, a proxy cutting the answer): run again. If it persists, check the Custom URL in the Factorial credential or report it to Factorial support.',
			itemIndex: options.itemIndex,
		});
	};

	for (;;) {
		pageNumber++;
		const pageQs: IDataObject = { ...qs, limit: FACTORIAL_PAGE_SIZE };
		if (cursor !== undefined) pageQs.after_id = cursor;
		// A few endpoints answer a bare array instead of { data, meta }.
		const response = (await factorialApiRequest.call(
			this,
			method,
			resourcePath,
			undefined,
			pageQs,
			options,
		)) as IDataObject | IDataObject[];

		if (Array.isArray(response)) {
			items.push(...response);
			break;
		}
		const data = response?.data;
		if (!Array.isArray(data)) return fail({ kind: 'noData', page: pageNumber });
		const meta = (
			response.meta && typeof response.meta === 'object' ? response.meta : {}
		) as IDataObject;
		const total = typeof meta.total === 'number' ? meta.total : undefined;
		const problem = guard.page(data, total);
		if (problem) fail(problem);
		items.push(...(data as IDataObject[]));
		if (limit !== undefined && limit > 0 && items.length >= limit) return items.slice(0, limit);

		const next = meta.end_cursor;
		if (meta.has_next_page !== true || next === undefined || next === null || next === '') {
			const partial = guard.finish(items.length);
			if (partial) fail(partial);
			break;
		}
		const nextCursor = String(next);
		if (seenCursors.has(nextCursor) || nextCursor === cursor) {
			throw new NodeApiError(
				this.getNode(),
				{ message: `Repeated cursor ${nextCursor}` } as JsonObject,
				{
					message: `Factorial returned the same page cursor twice while listing ${resourcePath}`,
					description:
						'Stopped to avoid an endless loop. Try again later; if it persists, narrow the list with filters or report it to Factorial support.',
					itemIndex: options.itemIndex,
				},
			);
		}
		if (cursor !== undefined) seenCursors.add(cursor);
		seenCursors.add(nextCursor);
		cursor = nextCursor;
	}
	return limit !== undefined && limit > 0 ? items.slice(0, limit) : items;
}
