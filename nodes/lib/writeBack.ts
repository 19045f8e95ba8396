/**
 * Write-back of the directory identity (JumpCloud username and email) to Factorial custom fields
 * (issue 25). Pure module: no n8n types. The node (Employee → Write Back Directory Identity) reads the
 * company's custom fields and the employee's values, and this module decides what to write, so that a
 * second run with the same identity writes nothing.
 *
 * A field (SDK model `CustomFieldsField`, factorialco/factorial-api-sdks
 * python/factorial_api_client/generated/models/custom_fields_field.py @ 37cbe4f7): `id`, `field_type`,
 * `label_text`, optionally `slug`, `position`, `required`, `legal_entity_id`, ... The admin names a field
 * by its slug (the values' `custom_field_identifier`), its id or its label, as the reconciliation's
 * custom attribute pairs do (customFields.ts `matchCustomField`).
 */

import {
	customFieldValueText,
	EMPLOYEE_VALUABLE_TYPE,
	matchCustomField,
	type CustomFieldRef,
} from './customFields';
import { toFactorialId } from './employee';

type Obj = Record<string, unknown>;

export type WriteBackAttribute = 'username' | 'email';

/** One attribute to write: the field the admin named and the value the directory holds. */
export interface WriteBackTarget {
	attribute: WriteBackAttribute;
	fieldName: string;
	value: string;
}

/** The custom fields of `GET custom_fields/fields`, by id, as the matcher sees them. */
export function customFieldRefs(fields: readonly Obj[]): Map<string, CustomFieldRef> {
	const refs = new Map<string, CustomFieldRef>();
	for (const field of fields) {
		const fieldId = toFactorialId(field.id);
		if (fieldId === null) continue;
		const text = (value: unknown) =>
			typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
		refs.set(fieldId, { fieldId, identifier: text(field.slug), label: text(field.label_text) });
	}
	return refs;
}

/** Whether a field name can only be an id (digits): such a field is never created. */
export const looksLikeFieldId = (name: string): boolean => /^\d+$/.test(name.trim());

export interface ResolvedFields {
	/** fieldName → field, for the names that name one. */
	found: Map<string, CustomFieldRef>;
	/** Names that name no field (trimmed, in the targets' order, once each). */
	missing: string[];
	/** Why a name cannot be used (two fields with that label, or two attributes into one field). */
	problems: string[];
}

/** The field each target names. */
export function resolveWriteBackFields(
	targets: readonly WriteBackTarget[],
	fields: ReadonlyMap<string, CustomFieldRef>,
): ResolvedFields {
	const found = new Map<string, CustomFieldRef>();
	const missing: string[] = [];
	const problems: string[] = [];
	for (const { fieldName } of targets) {
		const name = fieldName.trim();
		if (found.has(name) || missing.includes(name)) continue;
		const { field, problem } = matchCustomField(name, fields);
		if (problem) problems.push(problem);
		else if (field) found.set(name, field);
		else missing.push(name);
	}
	const owner = new Map<string, WriteBackAttribute>();
	for (const target of targets) {
		const field = found.get(target.fieldName.trim());
		if (!field) continue;
		const other = owner.get(field.fieldId);
		if (other && other !== target.attribute)
			problems.push(
				`the ${other} and the ${target.attribute} both name Factorial custom field ${field.fieldId}`,
			);
		owner.set(field.fieldId, target.attribute);
	}
	return { found, missing, problems };
}

export type WriteBackStep =
	| { attribute: WriteBackAttribute; field: CustomFieldRef; action: 'unchanged'; value: string }
	| {
			attribute: WriteBackAttribute;
			field: CustomFieldRef;
			action: 'update';
			valueId: string;
			from: string | null;
			value: string;
	  }
	| { attribute: WriteBackAttribute; field: CustomFieldRef; action: 'create'; value: string };

/**
 * What to write for one employee: per target, nothing when the employee's value of the field already
 * equals the directory's (compared trimmed, case and all), an update of the existing value record
 * otherwise (never a second record), a create when the employee has none. `values` are the employee's
 * `custom_fields/values` records; those of other employees or owner types are ignored. Of two records for
 * one field, the one updated last is the employee's value. A target with an empty value is left out:
 * write-back never clears a field.
 */
export function planWriteBack(
	employeeId: string,
	targets: ReadonlyArray<WriteBackTarget & { field: CustomFieldRef }>,
	values: readonly Obj[],
): WriteBackStep[] {
	const latest = new Map<string, Obj>();
	for (const record of values) {
		if (record.valuable_type !== undefined && record.valuable_type !== EMPLOYEE_VALUABLE_TYPE)
			continue;
		if (toFactorialId(record.valuable_id) !== employeeId) continue;
		const fieldId = toFactorialId(record.field_id);
		if (fieldId === null || toFactorialId(record.id) === null) continue;
		const known = latest.get(fieldId);
		const stamp = (r: Obj | undefined) => (typeof r?.updated_at === 'string' ? r.updated_at : '');
		if (!known || stamp(record) >= stamp(known)) latest.set(fieldId, record);
	}
	const steps: WriteBackStep[] = [];
	for (const { attribute, field, value: raw } of targets) {
		const value = raw.trim();
		if (value === '') continue;
		const record = latest.get(field.fieldId);
		if (!record) {
			steps.push({ attribute, field, action: 'create', value });
			continue;
		}
		const current = customFieldValueText(record);
		if (current === value) steps.push({ attribute, field, action: 'unchanged', value });
		else
			steps.push({
				attribute,
				field,
				action: 'update',
				valueId: String(toFactorialId(record.id)),
				from: current,
				value,
			});
	}
	return steps;
}
