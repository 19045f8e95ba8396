/**
 * Directory Sync → Check Sync Scope (`checkScope`): whether each employee item is inside the sync scope
 * of the Sync Policy credential (nodes/lib/scope.ts, the rule the Reconcile applies too). The item comes
 * out with `inScope`, `scopeReason` and `outOfScopeAction` added; the event templates route on them. No
 * request is made. Without a policy credential every employee is in scope.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { hasConditions, scopeVerdict } from '../../../lib/scope';
import { toNodeError } from '../../../shared/errors';
import { readNodePolicy } from '../../shared/syncPolicy';
import { readEmployeeObject } from '../../shared/employeeInput';

const show = { resource: ['directorySync'], operation: ['checkScope'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'The scope is set in the Sync Policy credential, shared by every workflow. Without one, every employee is in scope.',
		name: 'scopeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Factorial Employee',
		name: 'scopeEmployee',
		type: 'json',
		default: '={{ $json }}',
		description:
			'The employee as the Factorial node (Simplify, Include Contract and Teams) or trigger outputs it',
		displayOptions: { show },
	},
];

function readEmployeeParameter(ctx: IExecuteFunctions, i: number): IDataObject {
	return readEmployeeObject(ctx, i, 'scopeEmployee') as IDataObject;
}

export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const policy = await readNodePolicy(this);
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const employee = readEmployeeParameter(this, i);
			const verdict =
				policy && hasConditions(policy.scope)
					? scopeVerdict(employee, policy.scope)
					: { inScope: true as const };
			out.push({
				json: {
					...employee,
					inScope: verdict.inScope,
					scopeReason: verdict.inScope ? null : verdict.reason,
					outOfScopeAction: policy?.scope.outOfScope ?? 'leaveAlone',
				},
				pairedItem: { item: i },
			});
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, i);
			out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
		}
	}
	return out;
}
