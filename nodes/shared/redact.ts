import type { IDataObject } from 'n8n-workflow';

/**
 * Secrets a credential holds: API keys, OAuth client secret and tokens. A server (or a proxy at a
 * custom URL) may echo the request in an error body; these are cut from anything we surface.
 */
export function credentialSecrets(credentials: IDataObject): string[] {
	const token = (credentials.oauthTokenData as IDataObject | undefined) ?? {};
	return [
		credentials.apiKey,
		credentials.clientSecret,
		token.access_token,
		token.refresh_token,
		token.id_token,
	].filter((value): value is string => typeof value === 'string' && value.length >= 4);
}

/** Levels of nesting walked; anything deeper is replaced as a whole (it cannot be checked). */
export const REDACT_MAX_DEPTH = 20;
export const TOO_DEEP = '[omitted: nested too deep to check for secrets]';

/** The forms a secret can take in text: as is, URL-encoded (both styles). */
function secretForms(secrets: string[]): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		forms.add(secret);
		try {
			forms.add(encodeURIComponent(secret));
			forms.add(encodeURIComponent(secret).replace(/%20/g, '+'));
			forms.add(encodeURI(secret));
		} catch {
			// A lone surrogate cannot be encoded; the plain form is still cut.
		}
	}
	// Longest first, so a form containing another is cut whole.
	return [...forms].sort((a, b) => b.length - a.length);
}

/** `Basic <base64 of user:password>`: cut whatever the pair holds (e.g. a key as the user name). */
const BASIC_AUTH = /\b(Basic)\s+([A-Za-z0-9+/]{4,}={0,2})/gi;

function redactBasic(match: string, word: string, encoded: string): string {
	const decoded = Buffer.from(encoded, 'base64').toString('utf8');
	return decoded.includes(':') ? `${word} [redacted]` : match;
}

function redactText(text: string, forms: string[]): string {
	let out = text.replace(BASIC_AUTH, redactBasic);
	for (const form of forms) out = out.split(form).join('[redacted]');
	return out;
}

/**
 * Replaces every occurrence of a secret (also URL-encoded, and any Basic authorization value) in a
 * string, or in the keys and strings of an object, deeply. Values nested deeper than
 * REDACT_MAX_DEPTH are replaced by TOO_DEEP rather than passed on unchecked. Own `__proto__` keys
 * stay plain data.
 */
export function redactSecrets<T>(value: T, secrets: string[], depth = 0): T {
	const forms = secretForms(
		secrets.filter((secret) => typeof secret === 'string' && secret !== ''),
	);
	return redactWith(value, forms, depth);
}

function redactWith<T>(value: T, forms: string[], depth: number): T {
	if (typeof value === 'string') return redactText(value, forms) as T;
	if (value === null || typeof value !== 'object') return value;
	if (depth >= REDACT_MAX_DEPTH) return TOO_DEEP as T;
	if (Array.isArray(value)) return value.map((v: unknown) => redactWith(v, forms, depth + 1)) as T;
	const out: IDataObject = {};
	for (const [key, v] of Object.entries(value as IDataObject)) {
		Object.defineProperty(out, redactText(key, forms), {
			value: redactWith(v, forms, depth + 1),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return out as T;
}
