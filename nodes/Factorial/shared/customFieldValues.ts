import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { EMPLOYEE_VALUABLE_TYPE } from '../../lib/customFields';
import { factorialApiRequest } from '../transport';

/**
 * Writes one employee's custom field value (Custom Field Value → Set, Employee → Write Back Directory
 * Identity): the existing value record is updated in place, otherwise the first one is created. The
 * published write bodies take `value` as a string whatever the field type.
 */
export async function writeCustomFieldValue(
	this: IExecuteFunctions,
	itemIndex: number,
	target: { valueId?: string; fieldId: string; employeeId: string; value: string },
): Promise<IDataObject> {
	if (target.valueId !== undefined)
		return await factorialApiRequest.call(
			this,
			'PUT',
			`custom_fields/values/${encodeURIComponent(target.valueId)}`,
			{ id: target.valueId, value: target.value },
			undefined,
			{ itemIndex },
		);
	// Not retried on 5xx: it could create a second value record.
	return await factorialApiRequest.call(
		this,
		'POST',
		'custom_fields/values',
		{
			field_id: target.fieldId,
			valuable_type: EMPLOYEE_VALUABLE_TYPE,
			valuable_id: target.employeeId,
			value: target.value,
		},
		undefined,
		{ itemIndex },
	);
}
