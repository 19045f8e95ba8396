import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CustomFieldRef } from '../../../lib/customFields';
import {
	customFieldRefs,
	looksLikeFieldId,
	planWriteBack,
	resolveWriteBackFields,
	type WriteBackTarget,
} from '../../../lib/writeBack';
import { factorialApiRequest, factorialApiRequestAllItems } from '../../transport';
import { locator, show } from '../../shared/descriptions';
import { getCompanyId } from '../../shared/lookups';
import { writeCustomFieldValue } from '../../shared/customFieldValues';
import { readId } from '../../shared/params';
import { readBoolean, readText } from '../../../shared/params';

const displayOptions = show('employee', ['writeBackIdentity']);

/** A custom field picked from the list, or named by its label, identifier (slug) or ID. */
function fieldLocator(name: string, displayName: string, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: `Factorial custom field that holds the ${what}. Leave empty to not write the ${what}.`,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCustomFields', searchable: true },
			},
			{
				displayName: 'By Label or ID',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. JumpCloud Username',
			},
		],
	};
}

export const description: INodeProperties[] = [
	locator('employee', 'employee', 'Employee', displayOptions),
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		placeholder: 'e.g. ana.garcia',
		description: 'The directory username to write (e.g. the JumpCloud user’s username)',
		displayOptions,
	},
	fieldLocator('usernameField', 'Username Field', 'username'),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'e.g. name@email.com',
		description: 'The directory email to write (e.g. the JumpCloud user’s email)',
		displayOptions,
	},
	fieldLocator('emailField', 'Email Field', 'email'),
	{
		displayName: 'Create Field If Missing',
		name: 'createFieldIfMissing',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description:
			'Whether to create a text custom field with the given label when the company has none. Off: a label that names no field stops with an error and nothing is written.',
		displayOptions,
	},
];

function readFieldName(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
}

/**
 * Writes the username and email to the custom fields the admin named, idempotently: a value already
 * equal is not written, an existing value is updated in place (PUT), a missing one created (POST). A
 * field that does not exist is created only with Create Field If Missing. No field named: no request.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const employeeId = readId.call(this, 'employee', 'Employee', itemIndex);
	const targets: WriteBackTarget[] = [];
	for (const [attribute, valueParam, displayName, fieldParam] of [
		['username', 'username', 'Username', 'usernameField'],
		['email', 'email', 'Email', 'emailField'],
	] as const) {
		const fieldName = readFieldName(this, fieldParam, itemIndex);
		const value = readText.call(this, valueParam, displayName, '', itemIndex).trim();
		if (fieldName && value) targets.push({ attribute, fieldName, value });
	}
	const result: IDataObject = { employee_id: employeeId, written: 0, fields: [] };
	if (!targets.length) return result;

	const fields = customFieldRefs(
		await factorialApiRequestAllItems.call(this, 'GET', 'custom_fields/fields', {}, undefined, {
			itemIndex,
		}),
	);
	const { found, missing, problems } = resolveWriteBackFields(targets, fields);
	if (problems.length) {
		throw new NodeOperationError(
			this.getNode(),
			`Cannot write back to Factorial: ${problems[0]} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Name each custom field by its ID (or its identifier) instead of a label two fields share, and use a different field for the username and the email. Nothing was written.',
			},
		);
	}
	const created: CustomFieldRef[] = [];
	if (missing.length) {
		const createFields = readBoolean.call(this, 'createFieldIfMissing', false, itemIndex);
		const byId = missing.find(looksLikeFieldId);
		if (byId !== undefined || !createFields) {
			const name = byId ?? missing[0];
			throw new NodeOperationError(
				this.getNode(),
				`No Factorial custom field is named "${name}" [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						byId !== undefined
							? 'No custom field has this ID. Pick the field from the list or enter its label. Nothing was written.'
							: "Create a text custom field with this label in Factorial (Settings → Custom fields), enter the label or ID of an existing one, or turn on 'Create Field If Missing' to let this node create it. Nothing was written.",
				},
			);
		}
		const companyId = await getCompanyId.call(this, itemIndex);
		for (const label of missing) {
			// Not retried on 5xx: it could create the field twice.
			const field = await factorialApiRequest.call(
				this,
				'POST',
				'custom_fields/fields',
				{ company_id: companyId, field_type: 'text', label },
				undefined,
				{ itemIndex },
			);
			const ref: CustomFieldRef = {
				fieldId: String(field.id),
				identifier: typeof field.slug === 'string' ? field.slug : null,
				label: typeof field.label_text === 'string' ? field.label_text : label,
			};
			found.set(label, ref);
			created.push(ref);
		}
	}

	const resolved = targets.map((target) => ({
		...target,
		field: found.get(target.fieldName.trim()) as CustomFieldRef,
	}));
	// A field created just now has no values: read the employee's values only for fields that existed.
	const values = resolved.some((t) => !created.includes(t.field))
		? await factorialApiRequestAllItems.call(
				this,
				'GET',
				'custom_fields/values',
				{ employee_ids: [employeeId] },
				undefined,
				{ itemIndex },
			)
		: [];
	const steps = planWriteBack(employeeId, resolved, values);

	const out: IDataObject[] = [];
	for (const step of steps) {
		const entry: IDataObject = {
			attribute: step.attribute,
			field_id: step.field.fieldId,
			field_label: step.field.label,
			field_created: created.includes(step.field),
			value: step.value,
		};
		if (step.action === 'update') {
			await writeCustomFieldValue.call(this, itemIndex, {
				valueId: step.valueId,
				fieldId: step.field.fieldId,
				employeeId,
				value: step.value,
			});
			entry.action = 'updated';
			entry.previous = step.from;
		} else if (step.action === 'create') {
			await writeCustomFieldValue.call(this, itemIndex, {
				fieldId: step.field.fieldId,
				employeeId,
				value: step.value,
			});
			entry.action = 'created';
		} else entry.action = 'unchanged';
		out.push(entry);
	}
	return {
		...result,
		written: out.filter((entry) => entry.action !== 'unchanged').length,
		fields: out,
	};
}
