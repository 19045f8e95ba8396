/**
 * JumpCloud hosts per data-centre region: the ONE place they are defined. Credentials build their
 * expressions from these, the transport its base URL. Confidence per jumpcloud-api.md §1.1/§1.3:
 * console hosts are confirmed for all three regions; the US and EU token URLs are confirmed, the
 * IN token URL is GUESSED (no source names it) and must be checked against a real IN tenant.
 */
export type JumpCloudRegion = 'us' | 'eu' | 'in' | 'custom';

export const JUMPCLOUD_CONSOLE_HOSTS: Record<Exclude<JumpCloudRegion, 'custom'>, string> = {
	us: 'https://console.jumpcloud.com',
	eu: 'https://console.eu.jumpcloud.com',
	in: 'https://console.in.jumpcloud.com',
};

export const JUMPCLOUD_TOKEN_URLS: Record<Exclude<JumpCloudRegion, 'custom'>, string> = {
	us: 'https://admin-oauth.id.jumpcloud.com/oauth2/token',
	eu: 'https://admin-oauth.id.eu.jumpcloud.com/oauth2/token',
	// Guessed by analogy with the EU host; unconfirmed.
	in: 'https://admin-oauth.id.in.jumpcloud.com/oauth2/token',
};

/** Path appended to a Custom URL (proxy or emulator) for the OAuth2 token endpoint. */
export const JUMPCLOUD_CUSTOM_TOKEN_PATH = '/oauth2/token';

export function trimTrailingSlashes(url: string): string {
	return url.replace(/\/+$/, '');
}

/** Origin (scheme://host[:port][/prefix]) the credential points at, without a trailing slash. */
export function jumpCloudBaseUrl(
	region: string | undefined,
	customUrl: string | undefined,
): string {
	if (region === 'custom') return trimTrailingSlashes(String(customUrl ?? '').trim());
	const host = JUMPCLOUD_CONSOLE_HOSTS[(region ?? 'us') as keyof typeof JUMPCLOUD_CONSOLE_HOSTS];
	return host ?? JUMPCLOUD_CONSOLE_HOSTS.us;
}

/** n8n expression equivalent of jumpCloudBaseUrl, for credential fields and tests. */
export const BASE_URL_EXPRESSION = `={{ $credentials.region === 'custom' ? String($credentials.customUrl || '').trim().replace(/\\/+$/, '') : (${JSON.stringify(
	JUMPCLOUD_CONSOLE_HOSTS,
)})[$credentials.region || 'us'] }}`;

/** n8n expression for the OAuth2 token URL; reads sibling credential fields. */
export const TOKEN_URL_EXPRESSION = `={{ $self.region === 'custom' ? String($self.customUrl || '').trim().replace(/\\/+$/, '') + '${JUMPCLOUD_CUSTOM_TOKEN_PATH}' : (${JSON.stringify(
	JUMPCLOUD_TOKEN_URLS,
)})[$self.region || 'us'] }}`;
