/**
 * Script-aware transliteration to ASCII, with no runtime dependencies.
 * Latin: explicit table for letters Unicode does not decompose (ß, æ, ø, ł, đ, þ, ı, ...) then NFKD and
 * combining-mark strip. Cyrillic: ICAO Doc 9303 (the scheme used in machine-readable passports).
 * Greek: ELOT 743 / ISO 843 (type 2) with the common digraph rules.
 */

/** Latin letters that NFKD leaves alone (a plain accent strip would silently drop them). Capitals map to
 * title case (Þór -> Thor) because they almost always start a name. */
const LATIN_SPECIALS: Record<string, string> = {
	ß: 'ss',
	ẞ: 'Ss',
	æ: 'ae',
	Æ: 'Ae',
	ǽ: 'ae',
	Ǽ: 'Ae',
	ø: 'o',
	Ø: 'O',
	ǿ: 'o',
	Ǿ: 'O',
	ł: 'l',
	Ł: 'L',
	đ: 'd',
	Đ: 'D',
	ð: 'd',
	Ð: 'D',
	þ: 'th',
	Þ: 'Th',
	œ: 'oe',
	Œ: 'Oe',
	ı: 'i',
	// İ decomposes to I + combining dot, but map it first so toLowerCase never produces "i̇".
	İ: 'I',
	ħ: 'h',
	Ħ: 'H',
	ŋ: 'ng',
	Ŋ: 'Ng',
	ĸ: 'k',
	ŧ: 't',
	Ŧ: 'T',
	ƒ: 'f',
	ɓ: 'b',
	Ɓ: 'B',
	ɗ: 'd',
	Ɗ: 'D',
	ƙ: 'k',
	Ƙ: 'K',
	ƴ: 'y',
	Ƴ: 'Y',
	ə: 'e',
	Ə: 'E',
	ɛ: 'e',
	Ɛ: 'E',
	ɔ: 'o',
	Ɔ: 'O',
	ʒ: 'z',
	Ʒ: 'Z',
};

/** German-style umlaut expansion (Müller -> mueller), only when the option asks for it. */
const GERMAN_UMLAUTS: Record<string, string> = {
	ä: 'ae',
	Ä: 'Ae',
	ö: 'oe',
	Ö: 'Oe',
	ü: 'ue',
	Ü: 'Ue',
};

/** ICAO Doc 9303 Cyrillic table (Russian, Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian letters). */
const CYRILLIC: Record<string, string> = {
	а: 'a',
	б: 'b',
	в: 'v',
	г: 'g',
	д: 'd',
	е: 'e',
	ё: 'e',
	ж: 'zh',
	з: 'z',
	и: 'i',
	й: 'i',
	к: 'k',
	л: 'l',
	м: 'm',
	н: 'n',
	о: 'o',
	п: 'p',
	р: 'r',
	с: 's',
	т: 't',
	у: 'u',
	ф: 'f',
	х: 'kh',
	ц: 'ts',
	ч: 'ch',
	ш: 'sh',
	щ: 'shch',
	ъ: 'ie',
	ы: 'y',
	ь: '',
	э: 'e',
	ю: 'iu',
	я: 'ia',
	і: 'i',
	ї: 'i',
	є: 'ie',
	ґ: 'g',
	ў: 'u',
	ђ: 'd',
	ј: 'j',
	љ: 'lj',
	њ: 'nj',
	ћ: 'c',
	џ: 'dz',
	ѓ: 'g',
	ќ: 'k',
	ѕ: 'dz',
};

/** ELOT 743 single letters (lower case; tonos and dialytika are handled separately). */
const GREEK: Record<string, string> = {
	α: 'a',
	β: 'v',
	γ: 'g',
	δ: 'd',
	ε: 'e',
	ζ: 'z',
	η: 'i',
	θ: 'th',
	ι: 'i',
	κ: 'k',
	λ: 'l',
	μ: 'm',
	ν: 'n',
	ξ: 'x',
	ο: 'o',
	π: 'p',
	ρ: 'r',
	σ: 's',
	ς: 's',
	τ: 't',
	υ: 'y',
	φ: 'f',
	χ: 'ch',
	ψ: 'ps',
	ω: 'o',
};

/** After αυ/ευ/ηυ, υ is "f" before these (voiceless) letters and at the end, otherwise "v". */
const GREEK_VOICELESS = new Set(['θ', 'κ', 'ξ', 'π', 'σ', 'ς', 'τ', 'φ', 'χ', 'ψ']);
const COMBINING_DIAERESIS = '\u0308';
const COMBINING_MARK = /\p{M}/u;

/** Scripts we recognise by name so the note can say which one could not be transliterated. */
const NAMED_SCRIPTS: Array<[string, RegExp]> = [
	['Han (Chinese characters)', /\p{Script=Han}/u],
	['Hiragana', /\p{Script=Hiragana}/u],
	['Katakana', /\p{Script=Katakana}/u],
	['Hangul', /\p{Script=Hangul}/u],
	['Arabic', /\p{Script=Arabic}/u],
	['Hebrew', /\p{Script=Hebrew}/u],
	['Thai', /\p{Script=Thai}/u],
	['Devanagari', /\p{Script=Devanagari}/u],
	['Bengali', /\p{Script=Bengali}/u],
	['Tamil', /\p{Script=Tamil}/u],
	['Georgian', /\p{Script=Georgian}/u],
	['Armenian', /\p{Script=Armenian}/u],
	['Ethiopic', /\p{Script=Ethiopic}/u],
];

function transliterateGreek(input: string): string {
	// Work on the decomposed lower-case form so a dialytika (ϊ, ϋ) can block a digraph.
	const chars = Array.from(input.toLowerCase().normalize('NFD'));
	const base: Array<{ ch: string; diaeresis: boolean }> = [];
	for (const ch of chars) {
		if (COMBINING_MARK.test(ch)) {
			if (ch === COMBINING_DIAERESIS && base.length > 0) base[base.length - 1].diaeresis = true;
			continue;
		}
		base.push({ ch, diaeresis: false });
	}
	let out = '';
	for (let i = 0; i < base.length; i++) {
		const { ch } = base[i];
		const next = base[i + 1];
		const isGreekLetter = ch in GREEK;
		if (!isGreekLetter) {
			out += ch;
			continue;
		}
		if (next && !next.diaeresis) {
			if (ch === 'ο' && next.ch === 'υ') {
				out += 'ou';
				i++;
				continue;
			}
			if ((ch === 'α' || ch === 'ε' || ch === 'η') && next.ch === 'υ') {
				const after = base[i + 2]?.ch;
				const voiceless = after === undefined || !(after in GREEK) || GREEK_VOICELESS.has(after);
				out += GREEK[ch] + (voiceless ? 'f' : 'v');
				i++;
				continue;
			}
			if (ch === 'γ' && (next.ch === 'γ' || next.ch === 'ξ' || next.ch === 'χ')) {
				out += 'n';
				continue;
			}
		}
		out += GREEK[ch];
	}
	return out;
}

function mapChars(input: string, table: Record<string, string>, lowerLookup: boolean): string {
	let out = '';
	for (const ch of input) {
		const key = lowerLookup ? ch.toLowerCase() : ch;
		if (key in table) {
			const mapped = table[key];
			// Keep a capital so "Юлия" -> "Iuliia" when the caller keeps case.
			out +=
				lowerLookup && ch !== key && mapped ? mapped[0].toUpperCase() + mapped.slice(1) : mapped;
		} else {
			out += ch;
		}
	}
	return out;
}

export interface TransliterateOptions {
	germanUmlauts?: boolean;
}

/**
 * Transliterate to ASCII where a table exists. Characters from other scripts are left in place so the
 * caller can detect them with `findUntransliterable` instead of having them silently dropped.
 */
export function transliterate(input: string, options: TransliterateOptions = {}): string {
	let s = input;
	if (options.germanUmlauts) s = mapChars(s.normalize('NFC'), GERMAN_UMLAUTS, false);
	s = mapChars(s.normalize('NFC'), LATIN_SPECIALS, false);
	s = mapChars(s, CYRILLIC, true);
	if (/\p{Script=Greek}/u.test(s)) s = transliterateGreek(s);
	// NFKD also splits ligatures and compatibility forms (ﬁ -> fi, ĳ -> ij, fullwidth letters).
	s = s.normalize('NFKD').replace(/\p{M}/gu, '');
	// A second pass catches specials that only appear after decomposition.
	return mapChars(s, LATIN_SPECIALS, false);
}

/** The name of the first script in `s` that has letters but no table, or undefined. */
export function findUntransliterable(s: string): string | undefined {
	for (const ch of s) {
		if (!/\p{L}/u.test(ch) || /[A-Za-z]/.test(ch)) continue;
		for (const [name, re] of NAMED_SCRIPTS) if (re.test(ch)) return name;
		return 'a non-Latin script';
	}
	return undefined;
}
