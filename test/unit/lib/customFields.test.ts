/**
 * Custom field values as item fields for the reconciliation's Employees: Read From Factorial (issue 16):
 * which custom field a pair's Item Field names, the text of a value, and the fields a pair may not use.
 * Pure: plain records shaped like the SDK model CustomFieldsValue.
 */
import {
	collidingItemField,
	customFieldValueText,
	employeeCustomFields,
	employeeValuesByItemField,
	matchCustomField,
} from '../../../nodes/lib/customFields';

type Obj = Record<string, unknown>;

const value = (over: Obj = {}): Obj => ({
	id: '1',
	field_id: '7',
	custom_field_identifier: 'cost_center',
	label: 'Cost Center',
	valuable_type: 'Employee',
	valuable_id: '1',
	value: 'CC-10',
	...over,
});

describe('customFieldValueText', () => {
	test.each<[string, Obj, string | null]>([
		['value when it is text (trimmed)', { value: ' CC-10 ' }, 'CC-10'],
		['long_text_value', { value: undefined, long_text_value: 'Long' }, 'Long'],
		['single_choice_value when value is empty', { value: '', single_choice_value: 'B' }, 'B'],
		['date_value when value is null', { value: null, date_value: '2026-12-24' }, '2026-12-24'],
		['cents_value as its whole number', { value: undefined, cents_value: 1250 }, '1250'],
		['cents_value 0', { value: undefined, cents_value: 0 }, '0'],
		['nothing at all', { value: undefined }, null],
		['a value that is not text', { value: 12 }, null],
	])('%s', (_what, over, expected) => {
		expect(customFieldValueText(value(over))).toBe(expected);
	});
});

describe('matchCustomField', () => {
	const fields = employeeCustomFields([
		value(),
		value({ field_id: '8', custom_field_identifier: 'badge', label: 'Badge' }),
		value({ field_id: '9', custom_field_identifier: 'team_badge', label: 'badge ' }),
		// Not an employee's: its field does not count.
		value({ field_id: '10', label: 'Cost Center', valuable_type: 'Document' }),
	]);

	test('by identifier, field id, or label (trimmed, any case)', () => {
		expect(matchCustomField('cost_center', fields).field?.fieldId).toBe('7');
		expect(matchCustomField('7', fields).field?.fieldId).toBe('7');
		expect(matchCustomField('  COST center ', fields).field?.fieldId).toBe('7');
		expect(matchCustomField('team_badge', fields).field?.fieldId).toBe('9');
		expect(matchCustomField('nothing', fields)).toEqual({ field: null });
	});
	test('a label two fields have is ambiguous, and says which', () => {
		expect(matchCustomField('Badge', fields)).toEqual({
			field: null,
			problem:
				'"Badge" names 2 different Factorial custom fields (field 8 (identifier "badge"), field 9 (identifier "team_badge"))',
		});
		// The identifier is exact and wins over a label.
		expect(matchCustomField('badge', fields).field?.fieldId).toBe('8');
	});
});

describe('employeeValuesByItemField', () => {
	test("each employee's value under the Item Field; others' values and empty ones give nothing", () => {
		const { byEmployee, problems } = employeeValuesByItemField(
			[
				value(),
				value({ id: '2', valuable_id: '2', value: '' }),
				value({ id: '3', valuable_id: '3', valuable_type: 'Document' }),
				value({ id: '4', valuable_id: 3, field_id: 8, label: 'Badge', value: 'B-3' }),
				value({ id: '5', valuable_id: '1', value: 'older', updated_at: '2026-01-01' }),
				value({ id: '6', valuable_id: '1', value: 'newer', updated_at: '2026-02-01' }),
			],
			['Cost Center', 'badge'],
		);
		expect(problems).toEqual([]);
		expect(Object.fromEntries(byEmployee)).toEqual({
			'1': { 'Cost Center': 'newer' },
			'3': { badge: 'B-3' },
		});
	});
});

describe('collidingItemField', () => {
	test.each([
		['work_email', 'work_email'],
		[' Email ', 'email'],
		['First_Name', 'first_name'],
		['team_names', 'team_names'],
		['location_timezone', 'location_timezone'],
		['cost_center', undefined],
		['Cost Center', undefined],
	])('%j → %j', (field, expected) => {
		expect(collidingItemField(field)).toBe(expected);
	});
});
