// Deliberately simple: one @, no spaces, a dot in the domain. Factorial and JumpCloud do the strict
// check; this only catches what is certainly not an address before any request is sent.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Printable ASCII only: a lookalike letter (Cyrillic "а", full-width "ａ") makes a different address. */
const ASCII = /^[\x21-\x7e]+$/;

/**
 * Whether the address is plausible and plain ASCII. Callers fold it with normaliseEmail first, so a
 * full-width address that folds to ASCII passes and a Cyrillic lookalike does not.
 */
export function isValidEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value) && ASCII.test(value);
}

/** Unicode NFKC (full-width and compatibility forms to their plain letters), trimmed. */
export function normaliseEmail(value: string): string {
	return value.normalize('NFKC').trim();
}
