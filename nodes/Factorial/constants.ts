/**
 * Factorial hosts and API versions: the ONE place they are defined. Credentials build their
 * expressions from these, the transport its base URL. Sources: factorial-api.md §1-2.
 */
export type FactorialEnvironment = 'production' | 'demo' | 'custom';

export const FACTORIAL_HOSTS: Record<Exclude<FactorialEnvironment, 'custom'>, string> = {
	production: 'https://api.factorialhr.com',
	// The current demo host. Older docs show api.demo.factorial.dev for OAuth, called deprecated
	// elsewhere; we assume OAuth lives on the same host as the API here (unconfirmed).
	demo: 'https://api.eu2.demo.factorial.dev',
};

/** OAuth endpoints are not versioned; they hang off the environment's host. */
export const FACTORIAL_CONSENT_PATH = '/oauth/authorize';
export const FACTORIAL_TOKEN_PATH = '/oauth/token';

/**
 * Dated API versions selectable in the credentials, newest first: the versions Factorial still supports
 * (one year from release, docs/reference/factorial.md "Versions") that have published models in
 * factorialco/factorial-api-sdks, each checked against its own models (test/contracts/factorial.json
 * `versions`). 2027-01-01 exists only as a release candidate in the SDK, so it is not offered yet.
 */
export const FACTORIAL_API_VERSIONS = ['2026-10-01', '2026-07-01', '2026-04-01'] as const;

/**
 * Versions earlier releases of this package offered, and why they are not offered any more. A saved
 * credential naming one fails before any request (transport), never silently moved to another version:
 * Factorial answers an unsupported version with its oldest supported schema, not the one asked for.
 */
export const WITHDRAWN_FACTORIAL_API_VERSIONS: Record<string, string> = {
	'2025-10-01':
		'Factorial supports a version for one year; 2025-10-01 reached that on 2026-10-01 and lacks the employee filters updated_at_gteq and company_identifier',
	'2026-01-01':
		'Factorial has published no models for 2026-01-01, so its requests cannot be checked',
};

/** Versions whose ids are integers (from 2026-07-01 they are strings); the transport sends them as numbers. */
export const INTEGER_ID_FACTORIAL_API_VERSIONS: readonly string[] = ['2026-04-01'];

export type FactorialApiVersion = (typeof FACTORIAL_API_VERSIONS)[number];

export const DEFAULT_FACTORIAL_API_VERSION: FactorialApiVersion = '2026-10-01';

/** Scopes needed by the Factorial node's resources (space-separated, editable in the credential). */
export const DEFAULT_FACTORIAL_OAUTH_SCOPE =
	'employees company_legal_entities company_locations contracts custom_fields';

/** Query parameter that asks Factorial for a company-wide (non-expiring, admin) token. */
export const COMPANY_OWNER_QUERY = 'resource_owner_type=company';

export function trimTrailingSlashes(url: string): string {
	return url.replace(/\/+$/, '');
}

/** Origin the credential points at, without a trailing slash. */
export function factorialBaseUrl(
	environment: string | undefined,
	customUrl: string | undefined,
): string {
	if (environment === 'custom') return trimTrailingSlashes(String(customUrl ?? '').trim());
	const host = FACTORIAL_HOSTS[(environment ?? 'production') as keyof typeof FACTORIAL_HOSTS];
	return host ?? FACTORIAL_HOSTS.production;
}

/** n8n expression equivalent of factorialBaseUrl over `$<source>` (`$credentials` or `$self`). */
function baseUrlExpression(source: '$credentials' | '$self'): string {
	return `(${source}.environment === 'custom' ? String(${source}.customUrl || '').trim().replace(/\\/+$/, '') : (${JSON.stringify(
		FACTORIAL_HOSTS,
	)})[${source}.environment || 'production'])`;
}

/** Base URL for credential test requests (reads the credential being tested). */
export const BASE_URL_EXPRESSION = `={{ ${baseUrlExpression('$credentials')} }}`;

/** Versioned resources root for credential test requests. */
export const RESOURCES_URL_EXPRESSION = `={{ ${baseUrlExpression('$credentials')} + '/api/' + ($credentials.apiVersion || '${DEFAULT_FACTORIAL_API_VERSION}') + '/resources' }}`;

/** OAuth2 URLs; read sibling credential fields through `$self`. */
export const AUTHORIZE_URL_EXPRESSION = `={{ ${baseUrlExpression('$self')} + '${FACTORIAL_CONSENT_PATH}' }}`;
export const TOKEN_URL_EXPRESSION = `={{ ${baseUrlExpression('$self')} + '${FACTORIAL_TOKEN_PATH}' }}`;
export const AUTH_QUERY_EXPRESSION = `={{ $self.companyWideToken ? '${COMPANY_OWNER_QUERY}' : '' }}`;
