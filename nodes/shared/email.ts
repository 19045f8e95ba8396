// Deliberately simple: one @, no spaces, a dot in the domain. Factorial and JumpCloud do the strict
// check; this only catches what is certainly not an address before any request is sent.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value);
}
