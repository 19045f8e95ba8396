import type { IDataObject } from 'n8n-workflow';

/**
 * Secrets a credential holds: API keys, OAuth client secret and tokens. A server (or a proxy at a
 * custom URL) may echo the request in an error body; these are cut from anything we surface.
 */
export function credentialSecrets(credentials: IDataObject): string[] {
	const token = (credentials.oauthTokenData as IDataObject | undefined) ?? {};
	return [credentials.apiKey, credentials.clientSecret, token.access_token, token.refresh_token, token.id_token].filter(
		(value): value is string => typeof value === 'string' && value.length >= 4,
	);
}

/** Replaces every occurrence of a secret in a string, or in the strings of an object, deeply. */
export function redactSecrets<T>(value: T, secrets: string[], depth = 0): T {
	if (!secrets.length || depth > 20) return value;
	if (typeof value === 'string') {
		let text: string = value;
		for (const secret of secrets) text = text.split(secret).join('[redacted]');
		return text as T;
	}
	if (Array.isArray(value)) return value.map((v: unknown) => redactSecrets(v, secrets, depth + 1)) as T;
	if (value && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [key, v] of Object.entries(value as IDataObject)) {
			out[redactSecrets(key, secrets, depth + 1)] = redactSecrets(v, secrets, depth + 1) as IDataObject[string];
		}
		return out as T;
	}
	return value;
}
