/**
 * Custom base URLs of the credentials: the API key or token goes to that address on every request,
 * so it must be HTTPS. Plain HTTP is accepted only for this machine (a local proxy or emulator).
 */
const LOCAL_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Why this base URL is refused, or undefined when it may be used. */
export function customUrlProblem(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not a URL';
	}
	if (parsed.username || parsed.password) return 'must not contain a user name or password';
	if (parsed.protocol === 'https:') return undefined;
	if (parsed.protocol === 'http:' && LOCAL_HOSTS.test(parsed.hostname)) return undefined;
	if (parsed.protocol === 'http:')
		return 'uses plain http:// (the key would travel unencrypted); use https://, or http:// only for localhost';
	return 'must start with https://';
}
