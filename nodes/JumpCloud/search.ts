/**
 * Pure helpers for exact, case-insensitive lookups through JumpCloud's POST /search/systemusers.
 * No n8n types here, so they are tested directly.
 */

import { escapeRegex } from '../lib/regex';

/** `(?i)^(?:a|b)$`: the inline flag JumpCloud's own PowerShell module uses for exact matches. */
export function exactCaseInsensitiveRegex(values: string[]): string {
	const alternatives = values.map(escapeRegex);
	return alternatives.length === 1
		? `(?i)^${alternatives[0]}$`
		: `(?i)^(?:${alternatives.join('|')})$`;
}

export interface SystemUserLookup {
	email?: string;
	username?: string | string[];
	employeeIdentifier?: string;
}

const LOOKUP_FIELDS: Array<keyof SystemUserLookup> = ['employeeIdentifier', 'email', 'username'];

function valuesOf(lookup: SystemUserLookup, field: keyof SystemUserLookup): string[] {
	const raw = lookup[field];
	const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
	return list.map((v) => String(v).trim()).filter((v) => v !== '');
}

/** Builds the search body; every given field must match (AND). Returns undefined if nothing given. */
export function buildSystemUserSearch(
	lookup: SystemUserLookup,
): { filter: { and: Array<Record<string, { $regex: string }>> } } | undefined {
	const and: Array<Record<string, { $regex: string }>> = [];
	for (const field of LOOKUP_FIELDS) {
		const values = valuesOf(lookup, field);
		if (values.length) and.push({ [field]: { $regex: exactCaseInsensitiveRegex(values) } });
	}
	return and.length ? { filter: { and } } : undefined;
}

/**
 * Client-side re-check of what the server returned: exact; case-insensitive for email and username,
 * case-sensitive for the employee identifier ("e1" and "E1" are two employees). Protects against a
 * server (or proxy) that treats the regex loosely; a wrong match would change the wrong user.
 */
export function matchesLookup(user: Record<string, unknown>, lookup: SystemUserLookup): boolean {
	for (const field of LOOKUP_FIELDS) {
		const exact = field === 'employeeIdentifier';
		const fold = (v: string) => (exact ? v : v.toLowerCase());
		const values = valuesOf(lookup, field).map(fold);
		if (!values.length) continue;
		const actual = user[field];
		if (typeof actual !== 'string' || !values.includes(fold(actual.trim()))) return false;
	}
	return true;
}
