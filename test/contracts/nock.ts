/**
 * Nock side of the vendor contracts: test/setup/nock.ts passes every request a nock interceptor answers
 * through checkRequest, and a test whose code sent a request the real API would refuse fails after it.
 * A test that sends such a request on purpose (to check an error path) says so with
 * allowContractViolations(), for that test only.
 */
import { checkRequest, type Service } from './index';
import { noteContractCheck } from './sites';

export interface NockViolation {
	service: Service;
	method: string;
	path: string;
	violations: string[];
}

const found: NockViolation[] = [];
let allowed = false;

/** Lets the current test send requests the contract refuses (reset after each test). */
export function allowContractViolations(): void {
	allowed = true;
}

/** Which vendor an intercepted path belongs to; undefined for webhooks, OAuth and other hosts. */
export function serviceOf(path: string): Service | undefined {
	if (/^\/api\/[^/]+\/resources\//.test(path)) return 'factorial';
	if (/^\/api\/(?!\d{4}-\d{2}-\d{2}\/)/.test(path)) return 'jumpcloud';
	return undefined;
}

function parseBody(text: string | undefined, contentType: string): unknown {
	if (text === undefined || text === '') return undefined;
	if (contentType.includes('application/x-www-form-urlencoded'))
		return Object.fromEntries(new URLSearchParams(text));
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

export function recordNockRequest(
	method: string,
	pathWithQuery: string,
	headers: Record<string, unknown>,
	bodyText: string | undefined,
): void {
	const url = new URL(pathWithQuery, 'http://nock.local');
	const service = serviceOf(url.pathname);
	if (!service) return;
	const contentType = String(headers['content-type'] ?? headers['Content-Type'] ?? '');
	const result = checkRequest(service, {
		method,
		path: url.pathname,
		query: url.searchParams,
		body: parseBody(bodyText, contentType),
	});
	noteContractCheck(service, method, url.pathname, result.violations);
	if (result.violations.length)
		found.push({ service, method, path: url.pathname, violations: result.violations });
}

/** Violations since the last call (and the opt-out is reset). */
export function takeNockViolations(): NockViolation[] {
	const out = allowed ? [] : found.slice();
	found.length = 0;
	allowed = false;
	return out;
}
