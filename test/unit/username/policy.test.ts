import { readFileSync } from 'fs';
import { join } from 'path';

import {
	candidatePattern,
	candidates,
	generateUsername,
	numberedCandidate,
	planUsername,
	pickUsername,
	UsernamePolicyError,
	WINDOWS_MAX_LENGTH,
	type PolicyOptions,
} from '../../../nodes/lib/policy';
import { transliterate } from '../../../nodes/lib/transliterate';
import { EXAMPLES } from './examples';

const VALID = /^[a-z][a-z0-9._-]*$/;
const NO_DOUBLE_OR_TRAILING = /^(?!.*[._-]{2})(?!.*[._-]$)/;

function expectValid(username: string, maxLength = 30): void {
	expect(username).toMatch(VALID);
	expect(username).toMatch(NO_DOUBLE_OR_TRAILING);
	expect(username.length).toBeLessThanOrEqual(maxLength);
}

function policyError(fn: () => unknown): UsernamePolicyError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(UsernamePolicyError);
		return error as UsernamePolicyError;
	}
	throw new Error('expected a UsernamePolicyError');
}

describe('username policy: real-world names (default first.last)', () => {
	it.each(EXAMPLES.map((e) => [`${e.first} | ${e.last}`, e] as const))('%s', (_label, e) => {
		const r = generateUsername(
			{
				first: e.first,
				last: e.last,
				middle: e.middle,
				preferred: e.preferred,
				fallback: e.fallback,
			},
			{},
		);
		expect(r.username).toBe(e.expected);
		expect(r.base).toBe(e.expected);
		expect(r.collisionsSkipped).toBe(0);
		expectValid(r.username);
		if (e.note) expect(r.notes.join('\n')).toMatch(e.note);
		else expect(r.notes).toEqual([]);
		expect(r.source).toBe(
			e.fallback && e.note && /fallback/i.test(r.notes.join(' ')) ? 'fallback' : 'name',
		);
	});
});

describe('username policy: transliteration', () => {
	it('maps letters a plain accent strip would drop', () => {
		expect(transliterate('Łódź Øre Straße Æbelø Đakovo Þingvellir œuvre')).toBe(
			'Lodz Ore Strasse Aebelo Dakovo Thingvellir oeuvre',
		);
	});
	it('never leaves a two-code-point i from Turkish İ', () => {
		expect(transliterate('İzmir').toLowerCase()).toBe('izmir');
	});
	it('keeps case for Cyrillic capitals so Keep Case works', () => {
		expect(transliterate('Жанна Юрьевна')).toBe('Zhanna Iurevna');
	});
	it('expands German umlauts only when asked', () => {
		expect(
			generateUsername({ first: 'Jürgen', last: 'Müller-Lüdenscheidt' }, { germanUmlauts: true })
				.username,
		).toBe('juergen.mueller-luedenscheidt');
		expect(generateUsername({ first: 'Jürgen', last: 'Müller' }, {}).username).toBe(
			'jurgen.muller',
		);
	});
	it('leaves untransliterable scripts in place instead of deleting them', () => {
		expect(transliterate('李 Smith')).toBe('李 Smith');
	});
});

describe('username policy: formats and options', () => {
	const person = { first: 'José', last: 'García-López', middle: 'María' };
	it.each([
		['first.last', {}, 'jose.garcia-lopez'],
		['flast', { format: 'flast' }, 'jgarcia-lopez'],
		['firstl', { format: 'firstl' }, 'joseg'],
		['first_last', { format: 'first_last' }, 'jose_garcia-lopez'],
		['first', { format: 'first' }, 'jose'],
		['separator _', { separator: '_' }, 'jose_garcia-lopez'],
		['no separator', { separator: '' }, 'josegarcia-lopez'],
		['hyphens dropped', { keepHyphens: false }, 'jose.garcialopez'],
		['keep case', { lowerCase: false }, 'Jose.Garcia-Lopez'],
		['custom {f}{last}', { format: 'custom', template: '{f}{last}' }, 'jgarcia-lopez'],
		[
			'custom {first}.{m}.{last}',
			{ format: 'custom', template: '{first}.{m}.{last}' },
			'jose.m.garcia-lopez',
		],
		[
			'custom {first}{sep}{middle}{sep}{last}',
			{ format: 'custom', template: '{first}{sep}{middle}{sep}{last}' },
			'jose.maria.garcia-lopez',
		],
		[
			'custom {last}.{first} literal',
			{ format: 'custom', template: 'x-{last}.{first}' },
			'x-garcia-lopez.jose',
		],
		[
			'windows length',
			{ maxLength: WINDOWS_MAX_LENGTH, format: 'custom', template: '{first}.{middle}.{last}' },
			'jose.maria.garcia-lo',
		],
	] as Array<[string, Partial<PolicyOptions>, string]>)('%s', (_label, options, expected) => {
		const r = generateUsername(person, options);
		expect(r.username).toBe(expected);
		expect(r.username).toMatch(/^[a-z][a-z0-9._-]*$/i);
	});

	it('skips an empty middle name without leaving ".."', () => {
		expect(
			generateUsername(
				{ first: 'Ana', last: 'García' },
				{ format: 'custom', template: '{first}.{middle}.{last}' },
			).username,
		).toBe('ana.garcia');
	});

	it('ignores the preferred name when told to', () => {
		expect(
			generateUsername(
				{ first: 'Robert', last: 'Smith', preferred: 'Bob' },
				{ usePreferredName: false },
			).username,
		).toBe('robert.smith');
	});

	it('prefixes a name that starts with a digit', () => {
		const r = generateUsername({ first: '3rd', last: 'Eye' }, {});
		expect(r.username).toBe('u3rd.eye');
		expect(r.notes.join()).toMatch(/does not start with a letter/);
	});

	it.each([
		['no placeholder', 'abc', /no name placeholder/],
		['forbidden characters', '{first}@{last}', /cannot have/],
		['empty', '', /no name placeholder/],
	])('rejects a custom template with %s', (_label, template, message) => {
		const e = policyError(() =>
			generateUsername({ first: 'A', last: 'B' }, { format: 'custom', template }),
		);
		expect(e.field).toBe('template');
		expect(e.message).toMatch(message);
		expect(e.description).toMatch(/\{first\}|letters/);
	});

	it('rejects a maximum length too small to hold a name', () => {
		expect(
			policyError(() => generateUsername({ first: 'A', last: 'B' }, { maxLength: 2 })).field,
		).toBe('maxLength');
	});

	it('rejects a fallback prefix that is not letters', () => {
		expect(
			policyError(() => generateUsername({ first: 'A', last: 'B' }, { fallbackPrefix: '1' })).field,
		).toBe('fallbackPrefix');
	});
});

describe('username policy: names that cannot produce a username', () => {
	it.each([
		['empty', '', ''],
		['whitespace', ' \t ', '  '],
		['Chinese without fallback', '王', '芳'],
		['only punctuation', "'", '()'],
	])('%s: clear error naming the fallback field', (_label, first, last) => {
		const e = policyError(() => generateUsername({ first, last }, {}));
		expect(e.field).toBe('fallback');
		expect(e.message).toMatch(/No usable username/);
		expect(e.description).toMatch(/Fallback Value/);
	});

	it('rejects a fallback that is itself untransliterable', () => {
		const e = policyError(() =>
			generateUsername({ first: '王', last: '芳', fallback: '王芳' }, {}),
		);
		expect(e.field).toBe('fallback');
		expect(e.message).toMatch(/no usable characters/);
	});

	it('uses the fallback instead of silently dropping one non-Latin part', () => {
		const r = generateUsername({ first: 'Ana', last: 'Алиева', fallback: 'x' }, {});
		expect(r.username).toBe('ana.alieva'); // Cyrillic is transliterated, not a fallback case
		const han = generateUsername({ first: 'Ana', last: '王', fallback: 'E77' }, {});
		expect(han).toMatchObject({ username: 'e77', source: 'fallback' });
	});

	it('truncates a long fallback', () => {
		const r = generateUsername(
			{ first: '', last: '', fallback: 'a'.repeat(50) },
			{ maxLength: 20 },
		);
		expect(r.username).toBe('a'.repeat(20));
	});
});

describe('username policy: collisions', () => {
	const plan = planUsername({ first: 'Alpha', last: 'Zed' }, {});

	it('numbers from 1 after the last name, like JumpCloud (alpha.zed -> alpha.zed1)', () => {
		expect(pickUsername(plan, new Set(['alpha.zed']))).toMatchObject({
			username: 'alpha.zed1',
			base: 'alpha.zed',
			collisionsSkipped: 1,
		});
	});

	it('skips every taken number and reports how many', () => {
		const taken = new Set([
			'alpha.zed',
			...Array.from({ length: 50 }, (_, i) => `alpha.zed${i + 1}`),
		]);
		expect(pickUsername(plan, taken)).toMatchObject({
			username: 'alpha.zed51',
			collisionsSkipped: 51,
		});
	});

	it('uses the first gap', () => {
		expect(pickUsername(plan, new Set(['alpha.zed', 'alpha.zed1', 'alpha.zed3'])).username).toBe(
			'alpha.zed2',
		);
	});

	it('compares case-insensitively (taken names are lower-cased by the caller)', () => {
		const keepCase = planUsername({ first: 'Alpha', last: 'Zed' }, { lowerCase: false });
		expect(pickUsername(keepCase, new Set(['alpha.zed'])).username).toBe('Alpha.Zed1');
	});

	it('puts the number after the last name when the template continues', () => {
		const p = planUsername(
			{ first: 'Ana', last: 'García' },
			{ format: 'custom', template: '{last}.{first}' },
		);
		expect(pickUsername(p, new Set(['garcia.ana'])).username).toBe('garcia1.ana');
		const noLast = planUsername({ first: 'Ana', last: 'García' }, { format: 'first' });
		expect(pickUsername(noLast, new Set(['ana'])).username).toBe('ana1');
	});

	it('tries alternate formats before numbers', () => {
		const p = planUsername(
			{ first: 'John', last: 'Smith' },
			{ format: 'flast', alternateFormats: ['first.last', 'firstl', 'flast'] },
		);
		expect(p.alternates).toEqual(['john.smith', 'johns']);
		expect(pickUsername(p, new Set(['jsmith'])).username).toBe('john.smith');
		expect(pickUsername(p, new Set(['jsmith', 'john.smith'])).username).toBe('johns');
		expect(pickUsername(p, new Set(['jsmith', 'john.smith', 'johns'])).username).toMatch(
			/^jsmith1$/,
		);
	});

	it('truncation leaves room for the number so every candidate fits', () => {
		const p = planUsername(
			{ first: 'Maximiliana', last: 'Wolfeschlegelsteinhausen' },
			{ maxLength: 20 },
		);
		expect(p.base).toBe('maximiliana.wolfesch');
		expect(numberedCandidate(p, 1)).toBe('maximiliana.wolfesc1');
		expect(numberedCandidate(p, 42)).toBe('maximiliana.wolfes42');
		expect(numberedCandidate(p, 9999)).toBe('maximiliana.wolf9999');
		for (const c of candidates(p)) expectValid(c, 20);
	});

	it('never leaves a separator before the number after a cut', () => {
		// The 20-character cut falls right after "abcdefgh." -> the number must not follow the dot.
		const p = planUsername({ first: 'Abcdefghij', last: 'Klmnopqrstuvwxyz' }, { maxLength: 12 });
		expect(p.base).toBe('abcdefghij.k');
		expect(numberedCandidate(p, 1)).toBe('abcdefghij1');
		expect(numberedCandidate(p, 10)).toBe('abcdefghij10');
	});

	it('reports an error when every candidate is taken', () => {
		const small = planUsername({ first: 'A', last: 'B' }, { maxSuffix: 3 });
		const e = policyError(() => pickUsername(small, new Set(['a.b', 'a.b1', 'a.b2', 'a.b3'])));
		expect(e.field).toBe('username');
		expect(e.message).toMatch(/up to number 3 is taken/);
	});

	it('numbers in-batch reservations: two "Ana García" in one run', () => {
		const taken = new Set<string>();
		const first = generateUsername({ first: 'Ana', last: 'García' }, {}, taken);
		taken.add(first.username);
		const second = generateUsername({ first: 'ANA', last: 'garcia' }, {}, taken);
		expect([first.username, second.username]).toEqual(['ana.garcia', 'ana.garcia1']);
	});
});

describe('username policy: one query pattern covers every candidate', () => {
	const plans = [
		planUsername({ first: 'Ana', last: 'García' }, {}),
		planUsername({ first: 'Maximiliana', last: 'Wolfeschlegelsteinhausen' }, { maxLength: 20 }),
		planUsername(
			{ first: 'Ana', last: 'García' },
			{ format: 'custom', template: '{last}.{first}', alternateFormats: ['flast'] },
		),
		planUsername(
			{ first: 'John', last: 'Smith' },
			{ format: 'flast', alternateFormats: ['first.last', 'firstl'] },
		),
	];

	it.each(plans.map((p) => [p.base, p] as const))(
		'%s: matches base, alternates and all numbers to 9999',
		(_b, plan) => {
			const re = new RegExp(candidatePattern(plan), 'i');
			let count = 0;
			for (const c of candidates(plan)) {
				expect(re.test(c)).toBe(true);
				expect(re.test(c.toUpperCase())).toBe(true);
				count++;
			}
			expect(count).toBe(1 + plan.alternates.length + 9999);
		},
	);

	it('does not match unrelated or lookalike names (dots are escaped)', () => {
		const re = new RegExp(candidatePattern(plans[0]), 'i');
		for (const other of [
			'anaxgarcia',
			'ana.garcia.x',
			'xana.garcia',
			'ana.garcia0',
			'ana.garcia01',
			'ana.garcia12345',
			'ana.garcias',
		]) {
			expect(re.test(other)).toBe(false);
		}
	});

	it('is compact when nothing is truncated', () => {
		expect(candidatePattern(plans[0])).toBe('^(?:ana\\.garcia|ana\\.garcia[1-9][0-9]{0,3})$');
	});
});

describe('username policy: stress', () => {
	it('every example stays valid at the Windows length and with hyphens dropped', () => {
		for (const e of EXAMPLES) {
			for (const options of [
				{ maxLength: 20 },
				{ keepHyphens: false },
				{ format: 'flast' as const },
				{ format: 'firstl' as const },
			]) {
				const r = generateUsername(
					{ first: e.first, last: e.last, preferred: e.preferred, fallback: e.fallback },
					options,
				);
				expectValid(r.username, options.maxLength ?? 30);
			}
		}
	});

	it('handles a very long name with many parts', () => {
		const r = generateUsername(
			{ first: 'Pablo Diego José Francisco de Paula Juan Nepomuceno', last: 'Ruiz y Picasso' },
			{},
		);
		expect(r.username).toBe('pablodiegojosefranciscodepaula');
		expect(r.notes.join()).toMatch(/maximum length/);
		expectValid(r.username);
	});
});

describe('username policy document (docs/username-policy.md)', () => {
	it('lists every asserted example with its username', () => {
		// The documented table must not drift from the examples the tests assert (the section moved
		// from the README to docs/username-policy.md in issue 15).
		const readme = readFileSync(join(__dirname, '../../../docs/username-policy.md'), 'utf8');
		const section = readme.slice(
			readme.indexOf('<!-- section:username -->'),
			readme.indexOf('<!-- /section:username -->'),
		);
		for (const e of EXAMPLES) expect(section).toContain(`| \`${e.expected}\` | ${e.why} |`);
	});
});
