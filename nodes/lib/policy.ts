/**
 * Username policy: pure functions, no n8n types. Turns a person's name into a valid JumpCloud username
 * (starts with a letter; only a-z 0-9 . _ -; no doubled, leading or trailing separators; fits the maximum
 * length) and picks the first candidate that is not taken.
 */
import { escapeRegex } from './regex';
import { isReservedUsername, reservedSet } from './reservedUsernames';
import { findUntransliterable, transliterate } from './transliterate';

export type FormatPreset = 'first.last' | 'flast' | 'firstl' | 'first_last' | 'first';
export type Format = FormatPreset | 'custom';
export type Separator = '.' | '_' | '-' | '';

export const PRESET_TEMPLATES: Record<FormatPreset, string> = {
	'first.last': '{first}{sep}{last}',
	flast: '{f}{last}',
	firstl: '{first}{l}',
	first_last: '{first}_{last}',
	first: '{first}',
};

/** JumpCloud's recommendations: 30 characters for Mac/Linux, 20 when Windows devices are bound. */
export const DEFAULT_MAX_LENGTH = 30;
export const WINDOWS_MAX_LENGTH = 20;
export const MIN_MAX_LENGTH = 3;
/** Highest collision number tried (4 digits); past it the policy reports an error instead of looping. */
export const DEFAULT_MAX_SUFFIX = 9999;

export interface NameInput {
	first?: string;
	last?: string;
	middle?: string;
	preferred?: string;
	fallback?: string;
}

export interface PolicyOptions {
	format: Format;
	/** Used when format is 'custom', e.g. `{first}.{last}`, `{f}{last}`, `{first}{sep}{m}{sep}{last}`. */
	template?: string;
	separator: Separator;
	lowerCase: boolean;
	maxLength: number;
	keepHyphens: boolean;
	germanUmlauts: boolean;
	usePreferredName: boolean;
	/** Formats tried, in order, after the base and before numbering. */
	alternateFormats: FormatPreset[];
	/** Letter(s) put in front of a fallback value (or name) that does not start with a letter. */
	fallbackPrefix: string;
	maxSuffix: number;
	/**
	 * Names never handed out in addition to DEFAULT_RESERVED_USERNAMES (admin, root, system
	 * accounts...), compared after folding lookalikes (see lib/reservedUsernames).
	 */
	reservedUsernames?: readonly string[];
}

export const DEFAULT_OPTIONS: PolicyOptions = {
	format: 'first.last',
	separator: '.',
	lowerCase: true,
	maxLength: DEFAULT_MAX_LENGTH,
	keepHyphens: true,
	germanUmlauts: false,
	usePreferredName: true,
	alternateFormats: [],
	fallbackPrefix: 'u',
	maxSuffix: DEFAULT_MAX_SUFFIX,
};

export type PolicyField =
	| 'firstName'
	| 'lastName'
	| 'middleName'
	| 'preferredName'
	| 'fallback'
	| 'template'
	| 'maxLength'
	| 'fallbackPrefix'
	| 'username';

/** A failure the user can fix: `field` names the input, `description` says how. */
export class UsernamePolicyError extends Error {
	constructor(
		message: string,
		readonly field: PolicyField,
		readonly description: string,
	) {
		super(message);
		this.name = 'UsernamePolicyError';
	}
}

/**
 * Everything needed to produce candidates. A numbered candidate is `head + n + tail`: the number goes
 * right after the last-name part (alpha.zed -> alpha.zed1), or at the end when the format has no last name.
 */
export interface CandidatePlan {
	head: string;
	tail: string;
	base: string;
	alternates: string[];
	maxLength: number;
	maxSuffix: number;
	source: 'name' | 'fallback';
	notes: string[];
	/** Folded reserved names; the defaults when absent. */
	reserved?: ReadonlySet<string>;
}

export interface UsernameResult {
	username: string;
	base: string;
	collisionsSkipped: number;
	source: 'name' | 'fallback';
	notes: string[];
}

const SEPARATORS = '._-';
const VALID_USERNAME = /^[a-z][a-z0-9._-]*$/i;
/** Characters that routinely appear in names and are dropped without a note. */
const QUIET_DROPS = /[\s'’‘ʼʻ`´"“”.,]/u;
const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/gu;
const TOKEN = /\{(first|last|middle|f|l|m|sep)\}/g;

type Part = 'first' | 'last' | 'middle';

const PART_LABEL: Record<Part, string> = {
	first: 'first name',
	last: 'last name',
	middle: 'middle name',
};

function isSeparator(ch: string | undefined): boolean {
	return ch !== undefined && ch !== '' && SEPARATORS.includes(ch);
}

/** Collapse runs of separators to their first character. */
function collapseSeparators(s: string): string {
	return s.replace(/[._-]{2,}/g, (run) => run[0]);
}

function trimSeparators(s: string): string {
	return s.replace(/^[._-]+/, '').replace(/[._-]+$/, '');
}

interface NormalizedPart {
	value: string;
	script?: string;
	dropped: string[];
}

/** Normalise one name part: transliterate, case, drop spaces/apostrophes, keep or drop hyphens. */
export function normalizeNamePart(
	raw: string | undefined,
	options: Pick<PolicyOptions, 'lowerCase' | 'keepHyphens' | 'germanUmlauts'>,
): NormalizedPart {
	const trimmed = (raw ?? '').trim();
	if (!trimmed) return { value: '', dropped: [] };
	let s = transliterate(trimmed.replace(DASHES, '-'), { germanUmlauts: options.germanUmlauts });
	const script = findUntransliterable(s);
	if (script) return { value: '', script, dropped: [] };
	if (options.lowerCase) s = s.toLowerCase();
	const dropped: string[] = [];
	let out = '';
	for (const ch of s) {
		if (/[A-Za-z0-9]/.test(ch) || (ch === '-' && options.keepHyphens)) out += ch;
		else if (ch !== '-' && !QUIET_DROPS.test(ch) && !dropped.includes(ch)) dropped.push(ch);
	}
	return { value: trimSeparators(out.replace(/-{2,}/g, '-')), dropped };
}

/** Validate a custom template and return it; presets map to fixed templates. */
export function resolveTemplate(format: Format, template: string | undefined): string {
	if (format !== 'custom') return PRESET_TEMPLATES[format];
	const t = (template ?? '').trim();
	const literals = t.replace(TOKEN, '');
	if (!t || !/\{(first|last|middle|f|l|m)\}/.test(t)) {
		throw new UsernamePolicyError(
			'The custom format has no name placeholder',
			'template',
			'Use placeholders such as {first}, {last}, {middle}, {f}, {l}, {m} and {sep}, e.g. {first}.{last} or {f}{last}',
		);
	}
	const bad = literals.replace(/[A-Za-z0-9._-]/g, '');
	if (bad) {
		throw new UsernamePolicyError(
			`The custom format contains characters a username cannot have: ${JSON.stringify(bad)}`,
			'template',
			'Outside the {placeholders}, only letters, digits, ".", "_" and "-" are allowed',
		);
	}
	return t;
}

function usedParts(template: string): Set<Part> {
	const parts = new Set<Part>();
	for (const m of template.matchAll(TOKEN)) {
		const tok = m[1];
		if (tok === 'first' || tok === 'f') parts.add('first');
		if (tok === 'last' || tok === 'l') parts.add('last');
		if (tok === 'middle' || tok === 'm') parts.add('middle');
	}
	return parts;
}

/** Render a template into head (up to the last-name token) and tail, cleaned of separator runs. */
function render(
	template: string,
	parts: Record<Part, string>,
	separator: Separator,
): { head: string; tail: string } {
	const value = (tok: string): string => {
		switch (tok) {
			case 'first':
			case 'last':
			case 'middle':
				return parts[tok];
			case 'f':
				return parts.first.slice(0, 1);
			case 'l':
				return parts.last.slice(0, 1);
			case 'm':
				return parts.middle.slice(0, 1);
			default:
				return separator;
		}
	};
	let splitAt = -1;
	let rendered = '';
	let last = 0;
	for (const m of template.matchAll(TOKEN)) {
		rendered += template.slice(last, m.index) + value(m[1]);
		last = (m.index ?? 0) + m[0].length;
		if (m[1] === 'last' || m[1] === 'l') splitAt = rendered.length;
	}
	rendered += template.slice(last);
	if (splitAt < 0) splitAt = rendered.length;
	let head = collapseSeparators(rendered.slice(0, splitAt)).replace(/^[._-]+/, '');
	let tail = collapseSeparators(rendered.slice(splitAt));
	// Move separators at the seam into the tail so the number sits right after the name (ana1.x, not ana.1x).
	const trailing = /[._-]+$/.exec(head)?.[0] ?? '';
	if (trailing) {
		head = head.slice(0, -trailing.length);
		if (!isSeparator(tail[0])) tail = trailing[0] + tail;
	}
	tail = tail.replace(/[._-]+$/, '');
	if (!head) {
		head = trimSeparators(tail);
		tail = '';
	}
	return { head, tail };
}

/** The candidate for collision number n (0 = the base), truncated so the number still fits. */
export function numberedCandidate(
	plan: Pick<CandidatePlan, 'head' | 'tail' | 'maxLength'>,
	n: number,
): string {
	const suffix = n > 0 ? String(n) : '';
	const { head: h, tail: t } = piecesFor(plan, suffix.length);
	return h + suffix + t;
}

/** Head and tail after truncation for a number of `digits` digits; shared by candidates and the query. */
export function piecesFor(
	plan: Pick<CandidatePlan, 'head' | 'tail' | 'maxLength'>,
	digits: number,
): { head: string; tail: string } {
	const budget = plan.maxLength - digits;
	let head = plan.head;
	let tail = plan.tail;
	if (head.length + tail.length > budget) {
		if (budget >= head.length) {
			tail = tail.slice(0, budget - head.length);
		} else {
			head = head.slice(0, budget);
			tail = '';
		}
		tail = tail.replace(/[._-]+$/, '');
		// A cut head must not end in a separator: "ana.garcia-" + "1" would look like a typo.
		head = head.replace(/[._-]+$/, '');
	}
	return { head, tail };
}

function truncateAlone(s: string, maxLength: number): string {
	return s.length <= maxLength ? s : s.slice(0, maxLength).replace(/[._-]+$/, '');
}

function ensureLetterStart(s: string, prefix: string, notes: string[], what: string): string {
	if (/^[a-z]/i.test(s)) return s;
	notes.push(`The ${what} does not start with a letter, so "${prefix}" was put in front`);
	return prefix + s;
}

function validateOptions(options: PolicyOptions): void {
	if (!Number.isInteger(options.maxLength) || options.maxLength < MIN_MAX_LENGTH) {
		throw new UsernamePolicyError(
			`The maximum length must be a whole number of at least ${MIN_MAX_LENGTH}`,
			'maxLength',
			`Use ${DEFAULT_MAX_LENGTH} for Mac/Linux or ${WINDOWS_MAX_LENGTH} when Windows devices are bound`,
		);
	}
	if (!/^[a-z]+$/i.test(options.fallbackPrefix)) {
		throw new UsernamePolicyError(
			'The fallback prefix must be one or more letters',
			'fallbackPrefix',
			'Use a short prefix such as "u" or "emp"',
		);
	}
}

function planFromFallback(
	raw: string | undefined,
	options: PolicyOptions,
	notes: string[],
	reason: string,
): CandidatePlan {
	let value = (raw ?? '').trim();
	if (!value) {
		throw new UsernamePolicyError(
			`No usable username: ${reason} and no fallback value was given`,
			'fallback',
			'Set "Fallback Value" (for example the employee ID or the email local part), or fix the name in the source system',
		);
	}
	notes.push(`${reason[0].toUpperCase()}${reason.slice(1)}; used the fallback value`);
	if (value.includes('@')) value = value.slice(0, value.indexOf('@'));
	if (value.includes('+')) {
		value = value.slice(0, value.indexOf('+'));
		notes.push('Dropped the "+tag" from the fallback value');
	}
	let s = transliterate(value.replace(DASHES, '-'), { germanUmlauts: options.germanUmlauts });
	const script = findUntransliterable(s);
	if (options.lowerCase) s = s.toLowerCase();
	s = trimSeparators(collapseSeparators(s.replace(/[^A-Za-z0-9._-]/g, '')));
	if (script || !s) {
		throw new UsernamePolicyError(
			`No usable username: ${reason} and the fallback value ${JSON.stringify(raw)} has no usable characters`,
			'fallback',
			'Use a fallback value made of Latin letters and digits, such as the employee ID or the email local part',
		);
	}
	s = ensureLetterStart(
		s,
		options.lowerCase ? options.fallbackPrefix.toLowerCase() : options.fallbackPrefix,
		notes,
		'fallback value',
	);
	const plan: CandidatePlan = {
		head: s,
		tail: '',
		base: '',
		alternates: [],
		maxLength: options.maxLength,
		maxSuffix: options.maxSuffix,
		source: 'fallback',
		notes,
	};
	plan.base = finishBase(plan);
	if (options.reservedUsernames?.length) plan.reserved = reservedSet(options.reservedUsernames);
	return plan;
}

function finishBase(plan: CandidatePlan): string {
	const base = numberedCandidate(plan, 0);
	if (base.length < plan.head.length + plan.tail.length) {
		plan.notes.push(`Shortened to the maximum length of ${plan.maxLength} characters`);
	}
	return base;
}

/**
 * Build the candidate plan for one person. Throws UsernamePolicyError when no valid username can be made.
 */
export function planUsername(input: NameInput, opts: Partial<PolicyOptions> = {}): CandidatePlan {
	const options: PolicyOptions = { ...DEFAULT_OPTIONS, ...opts };
	validateOptions(options);
	const template = resolveTemplate(options.format, options.template);
	const alternateTemplates = options.alternateFormats.map((f) => PRESET_TEMPLATES[f]);
	const needed = usedParts([template, ...alternateTemplates].join(''));
	const notes: string[] = [];

	const preferred = options.usePreferredName ? (input.preferred ?? '').trim() : '';
	const sources: Record<Part, string | undefined> = {
		first: preferred || input.first,
		last: input.last,
		middle: input.middle,
	};
	const parts: Record<Part, string> = { first: '', last: '', middle: '' };
	for (const part of ['first', 'last', 'middle'] as Part[]) {
		if (!needed.has(part)) continue;
		const n = normalizeNamePart(sources[part], options);
		const label = part === 'first' && preferred ? 'preferred name' : PART_LABEL[part];
		if (n.script) {
			return planFromFallback(
				input.fallback,
				options,
				notes,
				`the ${label} is written in ${n.script}, which has no transliteration table here`,
			);
		}
		if (n.dropped.length)
			notes.push(
				`Removed characters not allowed in a username from the ${label}: ${n.dropped.join(' ')}`,
			);
		parts[part] = n.value;
	}
	const hasFirst = !needed.has('first') || parts.first !== '';
	const hasLast = !needed.has('last') || parts.last !== '';
	if (!parts.first && !parts.last && !(needed.has('middle') && parts.middle)) {
		return planFromFallback(input.fallback, options, notes, 'the name is empty');
	}
	if (!hasFirst || !hasLast) {
		const missing = !hasFirst ? 'first name' : 'last name';
		// A single-name person is legitimate, but say so rather than guess silently.
		notes.push(`The ${missing} is empty; the username is built from the rest of the name`);
	}

	const { head, tail } = render(template, parts, options.separator);
	if (!head)
		return planFromFallback(input.fallback, options, notes, 'the name has no usable characters');
	const prefix = options.lowerCase ? options.fallbackPrefix.toLowerCase() : options.fallbackPrefix;
	const plan: CandidatePlan = {
		head: ensureLetterStart(head, prefix, notes, 'name'),
		tail,
		base: '',
		alternates: [],
		maxLength: options.maxLength,
		maxSuffix: options.maxSuffix,
		source: 'name',
		notes,
	};
	plan.base = finishBase(plan);
	if (options.reservedUsernames?.length) plan.reserved = reservedSet(options.reservedUsernames);
	for (const alt of alternateTemplates) {
		const r = render(alt, parts, options.separator);
		if (!r.head || !/^[a-z]/i.test(r.head)) continue;
		const candidate = truncateAlone(r.head + r.tail, options.maxLength);
		if (candidate !== plan.base && !plan.alternates.includes(candidate))
			plan.alternates.push(candidate);
	}
	for (const c of [plan.base, ...plan.alternates]) assertValid(c);
	return plan;
}

/** Last line of defence: the policy must never hand out an invalid name. */
export function assertValid(username: string): void {
	if (
		!VALID_USERNAME.test(username) ||
		/[._-]{2}/.test(username) ||
		isSeparator(username[username.length - 1])
	) {
		throw new UsernamePolicyError(
			`Generated username ${JSON.stringify(username)} is not valid`,
			'username',
			'This is a bug in the username policy; please report the input name',
		);
	}
}

/** Candidates in the order they are tried: base, alternates, then base with 1, 2, 3, ... */
export function* candidates(plan: CandidatePlan): Generator<string> {
	yield plan.base;
	yield* plan.alternates;
	const last = Math.min(plan.maxSuffix, 10 ** maxDigits(plan) - 1);
	for (let n = 1; n <= last; n++) yield numberedCandidate(plan, n);
}

/** Digits a collision number may have: bounded by maxSuffix and by leaving at least one letter. */
function maxDigits(plan: CandidatePlan): number {
	return Math.min(String(plan.maxSuffix).length, plan.maxLength - 1);
}

const DEFAULT_RESERVED = reservedSet();

/**
 * The first candidate not in `taken` (compared lower-cased) and not reserved (compared folded: a
 * system account name such as admin or root, also written with lookalike letters), and how many
 * were skipped.
 */
export function pickUsername(plan: CandidatePlan, taken: ReadonlySet<string>): UsernameResult {
	const reserved = plan.reserved ?? DEFAULT_RESERVED;
	const notes = [...plan.notes];
	let skipped = 0;
	for (const candidate of candidates(plan)) {
		if (isReservedUsername(candidate, reserved)) {
			notes.push(`"${candidate}" is a reserved username (a system or privileged account)`);
			skipped++;
			continue;
		}
		if (!taken.has(candidate.toLowerCase())) {
			assertValid(candidate);
			return {
				username: candidate,
				base: plan.base,
				collisionsSkipped: skipped,
				source: plan.source,
				notes,
			};
		}
		skipped++;
	}
	throw new UsernamePolicyError(
		`Every candidate from ${JSON.stringify(plan.base)} up to number ${Math.min(plan.maxSuffix, 10 ** maxDigits(plan) - 1)} is taken`,
		'username',
		'Choose another format or add alternate formats',
	);
}

/**
 * One regular expression (without flags; callers match case-insensitively) that matches the base, the
 * alternates and every numbered variant, so a single directory query returns all names that could collide.
 */
export function candidatePattern(plan: CandidatePlan): string {
	const options = [plan.base, ...plan.alternates].map(escapeRegex);
	// Digit counts that truncate the name the same way share one alternative: ana\.garcia[1-9][0-9]{0,3}.
	let from = 1;
	for (let d = 1; d <= maxDigits(plan); d++) {
		const pieces = piecesFor(plan, d);
		const next = d < maxDigits(plan) ? piecesFor(plan, d + 1) : undefined;
		if (next && next.head === pieces.head && next.tail === pieces.tail) continue;
		const digits =
			d === 1 ? '[1-9]' : from === d ? `[1-9][0-9]{${d - 1}}` : `[1-9][0-9]{${from - 1},${d - 1}}`;
		options.push(escapeRegex(pieces.head) + digits + escapeRegex(pieces.tail));
		from = d + 1;
	}
	return `^(?:${[...new Set(options)].join('|')})$`;
}

/**
 * Body for POST /search/systemusers that returns every existing username the plan could collide with, in
 * one request: all user states (the search has no state filter, so suspended and staged users count),
 * case-insensitive via the inline (?i) flag JumpCloud's own PowerShell module uses, only the username field.
 */
export function usernameSearchBody(plan: CandidatePlan): {
	filter: { and: Array<{ username: { $regex: string } }> };
	fields: string;
} {
	return {
		filter: { and: [{ username: { $regex: `(?i)${candidatePattern(plan)}` } }] },
		fields: 'username',
	};
}

/** Convenience for callers that already know the taken names. */
export function generateUsername(
	input: NameInput,
	options: Partial<PolicyOptions>,
	taken: ReadonlySet<string> = new Set(),
): UsernameResult {
	return pickUsername(planUsername(input, options), taken);
}
