/**
 * Escapes every regex metacharacter (also `/` and `-`, harmless outside a class in both JavaScript
 * and JumpCloud's PCRE), so `a+b@x.com` or `ana-maria` matches only itself.
 */
export function escapeRegex(value: string): string {
	return value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
