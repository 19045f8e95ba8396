import { coerceValue, describeValue } from '../../../nodes/lib/coerce';

describe('coerceValue: what an expression produced, in the declared kind', () => {
	it('turns plain scalars into text, numbers and booleans', () => {
		expect(coerceValue(42, 'string')).toEqual({ ok: true, value: '42' });
		expect(coerceValue(false, 'string')).toEqual({ ok: true, value: 'false' });
		expect(coerceValue(' 5 ', 'number')).toEqual({ ok: true, value: 5 });
		expect(coerceValue('true', 'boolean')).toEqual({ ok: true, value: true });
		expect(coerceValue('', 'collection')).toEqual({ ok: true, value: undefined });
		expect(coerceValue('a', 'list')).toEqual({ ok: true, value: ['a'] });
	});
	it('treats null as not set, so the default applies', () => {
		for (const kind of ['string', 'number', 'boolean', 'collection', 'list'] as const) {
			expect(coerceValue(null, kind)).toEqual({ ok: true, value: undefined });
		}
	});
	it('says what is wrong with the rest', () => {
		expect(coerceValue({ a: 1 }, 'string')).toEqual({
			ok: false,
			problem: 'must be text, not an object',
		});
		expect(coerceValue(Number.NaN, 'string')).toEqual({
			ok: false,
			problem: 'must be text, not the number NaN',
		});
		expect(coerceValue('abc', 'number')).toEqual({
			ok: false,
			problem: 'must be a number, not a string',
		});
		expect(coerceValue(1, 'boolean')).toEqual({
			ok: false,
			problem: 'must be true or false, not the number 1',
		});
		expect(coerceValue([], 'collection')).toEqual({
			ok: false,
			problem: 'must be a set of fields, not a list',
		});
		expect(coerceValue({}, 'list')).toEqual({
			ok: false,
			problem: 'must be a list, not an object',
		});
		expect(describeValue(null)).toBe('null');
	});
});
