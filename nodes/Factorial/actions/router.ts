import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FactorialOperation } from './common';
import * as contractVersion from './contractVersion';
import * as customFieldValue from './customFieldValue';
import * as employee from './employee';
import * as legalEntity from './legalEntity';
import * as location from './location';
import * as team from './team';
import * as teamMembership from './teamMembership';

export const resources: Record<string, { operations: Record<string, FactorialOperation> }> = {
	employee,
	team,
	teamMembership,
	location,
	legalEntity,
	contractVersion,
	customFieldValue,
};

/** Runs the chosen operation once per input item; every output item is paired with its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = resources[resource]?.operations[operationName];
			if (!operation) {
				throw new NodeOperationError(this.getNode(), `The operation '${operationName}' is not known for '${resource}'`, {
					itemIndex,
					description: 'Choose a resource and operation from the lists',
				});
			}
			const result = await operation.execute.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: (error as Error).message, description: (error as NodeApiError).description ?? null },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			nodeError.context.itemIndex = itemIndex;
			throw nodeError;
		}
	}
	return [returnData];
}
