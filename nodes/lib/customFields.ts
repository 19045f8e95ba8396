/**
 * Factorial custom field values as item fields, for the reconciliation's *Employees: Read From
 * Factorial* (issue 16). Pure module: no n8n types.
 *
 * A `custom_fields/values` record (SDK model `CustomFieldsValue`, factorialco/factorial-api-sdks
 * python/factorial_api_client/generated/models/custom_fields_value.py @ 343f75ea): `id`,
 * `custom_field_identifier`, `valuable_id`, `field_id`, `valuable_type`, and optionally `value`
 * (text), `long_text_value`, `date_value`, `single_choice_value` (text), `cents_value` (integer),
 * `label`, `required`, `updated_at`.
 *
 * A pair's Item Field names the custom field by its `custom_field_identifier` (exactly), else by its
 * `field_id`, else by its label (trimmed, case-insensitive). The employee's value for that field is
 * put into the employee item under the Item Field, so the mapping (`customAttributeValues`) reads it
 * as it reads an input item's field.
 */

import {
	ENRICHMENT_FIELDS,
	SCOPE_FIELDS,
	SIMPLIFIED_EMPLOYEE_FIELDS,
	toFactorialId,
} from './employee';

type Obj = Record<string, unknown>;

/** The owner type of an employee's value; values of documents, contracts, … are ignored. */
export const EMPLOYEE_VALUABLE_TYPE = 'Employee';

/**
 * The fields an employee item read from Factorial already has (Simplify, Include Contract and Teams,
 * the location's time zone) or that the mapping reads from an item: a pair may not put a custom field
 * value into one of these.
 */
export const RESERVED_ITEM_FIELDS: readonly string[] = [
	...SIMPLIFIED_EMPLOYEE_FIELDS,
	...ENRICHMENT_FIELDS,
	...SCOPE_FIELDS,
	'location_timezone',
	'email',
	'preferred_name',
	'timezone',
	'department',
	'location_name',
	'legal_entity_name',
];

/** The reserved item field an Item Field would overwrite (compared trimmed, ignoring case), if any. */
export function collidingItemField(itemField: string): string | undefined {
	const wanted = itemField.trim().toLowerCase();
	return RESERVED_ITEM_FIELDS.find((field) => field.toLowerCase() === wanted);
}

const text = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * The text of one value: `value` when it is non-empty text (what Custom Field Value → Set writes,
 * whatever the field type), else the typed column: `long_text_value`, `single_choice_value`,
 * `date_value`, then `cents_value` as its whole number (e.g. `1250`, the text Set takes for money).
 * null when none holds anything.
 */
export function customFieldValueText(record: Obj): string | null {
	const direct = text(record.value);
	if (direct !== null) return direct;
	for (const column of ['long_text_value', 'single_choice_value', 'date_value'])
		if (text(record[column]) !== null) return text(record[column]);
	const cents = record.cents_value;
	if (typeof cents === 'number' && Number.isFinite(cents)) return String(cents);
	return null;
}

/** One custom field as its values describe it. */
export interface CustomFieldRef {
	fieldId: string;
	identifier: string | null;
	label: string | null;
}

/** The custom fields employee values belong to, by field id. */
export function employeeCustomFields(values: readonly Obj[]): Map<string, CustomFieldRef> {
	const fields = new Map<string, CustomFieldRef>();
	for (const record of values) {
		if (record.valuable_type !== EMPLOYEE_VALUABLE_TYPE) continue;
		const fieldId = toFactorialId(record.field_id);
		if (fieldId === null) continue;
		const known = fields.get(fieldId);
		fields.set(fieldId, {
			fieldId,
			identifier: known?.identifier ?? text(record.custom_field_identifier),
			label: known?.label ?? text(record.label),
		});
	}
	return fields;
}

const describeField = (field: CustomFieldRef) =>
	`field ${field.fieldId}${field.identifier ? ` (identifier "${field.identifier}")` : ''}`;

/**
 * The custom field an Item Field names: by identifier, else field id, else label (trimmed,
 * case-insensitive). `field: null` when it names none (no employee has a value for such a field);
 * `problem` when a label names two different fields.
 */
export function matchCustomField(
	itemField: string,
	fields: ReadonlyMap<string, CustomFieldRef>,
): { field: CustomFieldRef | null; problem?: string } {
	const name = itemField.trim();
	const all = [...fields.values()];
	const byIdentifier = all.filter((f) => f.identifier === name);
	if (byIdentifier.length === 1) return { field: byIdentifier[0] };
	const byId = fields.get(name);
	if (byId) return { field: byId };
	const byLabel = all.filter(
		(f) => f.label !== null && f.label.toLowerCase() === name.toLowerCase(),
	);
	if (byLabel.length > 1 || byIdentifier.length > 1) {
		const found = byLabel.length > 1 ? byLabel : byIdentifier;
		return {
			field: null,
			problem: `"${name}" names ${found.length} different Factorial custom fields (${found
				.map(describeField)
				.join(', ')})`,
		};
	}
	return { field: byLabel[0] ?? null };
}

/**
 * Each employee's values for the pairs' Item Fields: employee id → { itemField: text }. Only values of
 * employees (`valuable_type` Employee) count; an employee without a value (or with an empty one) gets
 * nothing for that field. Two values of one employee for one field: the one updated last wins.
 * Throws nothing: `problems` lists the ambiguous Item Fields.
 */
export function employeeValuesByItemField(
	values: readonly Obj[],
	itemFields: readonly string[],
): { byEmployee: Map<string, Record<string, string>>; problems: string[] } {
	const fields = employeeCustomFields(values);
	const problems: string[] = [];
	const itemFieldsOf = new Map<string, string[]>();
	for (const itemField of new Set(itemFields.map((f) => f.trim()).filter(Boolean))) {
		const { field, problem } = matchCustomField(itemField, fields);
		if (problem) problems.push(problem);
		if (!field) continue;
		itemFieldsOf.set(field.fieldId, [...(itemFieldsOf.get(field.fieldId) ?? []), itemField]);
	}
	const byEmployee = new Map<string, Record<string, string>>();
	const stamp = new Map<string, string>();
	for (const record of values) {
		if (record.valuable_type !== EMPLOYEE_VALUABLE_TYPE) continue;
		const fieldId = toFactorialId(record.field_id);
		const employeeId = toFactorialId(record.valuable_id);
		const targets = fieldId === null ? undefined : itemFieldsOf.get(fieldId);
		if (!targets || employeeId === null) continue;
		const value = customFieldValueText(record);
		if (value === null) continue;
		const updated = typeof record.updated_at === 'string' ? record.updated_at : '';
		const key = `${employeeId}\u0000${fieldId}`;
		if ((stamp.get(key) ?? '') > updated) continue;
		stamp.set(key, updated);
		const item = byEmployee.get(employeeId) ?? {};
		for (const target of targets) item[target] = value;
		byEmployee.set(employeeId, item);
	}
	return { byEmployee, problems };
}
