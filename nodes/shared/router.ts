import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from './errors';

/** One operation of a resource: its fields and what it does for one input item. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/** A resource whose operations run once per input item. */
export interface ResourceModule {
	operations: Record<string, OperationModule>;
}

/** A resource that works on the whole input at once (one reconciliation), not once per item. */
export interface BatchResourceModule {
	executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

export type Resources = Record<string, ResourceModule | BatchResourceModule>;

function isBatch(
	module: ResourceModule | BatchResourceModule | undefined,
): module is BatchResourceModule {
	return module !== undefined && 'executeAll' in module;
}

/**
 * What continue-on-fail emits for a failed item: `{ error }` only. n8n routes an item to a node's
 * error output ("On Error: Continue (using error output)") only when its JSON has no other keys
 * than `error` (n8n 1.x also accepts `message`; 2.x `message` and `details`), so any further key
 * would send failures down the success branch.
 */
function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	return { json: { error: (error as Error).message }, pairedItem: { item: itemIndex } };
}

/**
 * The one router of the package's resource/operation nodes. Runs the chosen operation once per
 * input item (a batch resource once for all items); every output item is paired with its input,
 * continue-on-fail emits one error item per failed input item, and every error leaves through
 * `toNodeError`.
 */
export async function router(
	this: IExecuteFunctions,
	resources: Resources,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (Object.values(resources).some(isBatch)) {
		const batch = resources[this.getNodeParameter('resource', 0) as string];
		if (isBatch(batch)) {
			try {
				return [await batch.executeAll.call(this)];
			} catch (error) {
				if (this.continueOnFail()) return [[errorItem(error, 0)]];
				throw toNodeError(this.getNode(), error);
			}
		}
	}
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const module = resources[resource];
			const operation = isBatch(module) ? undefined : module?.operations[operationName];
			if (!operation) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation '${operationName}' is not known for '${resource}'`,
					{ itemIndex, description: 'Choose a resource and operation from the lists' },
				);
			}
			const result = await operation.execute.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push(errorItem(error, itemIndex));
				continue;
			}
			throw toNodeError(this.getNode(), error, itemIndex);
		}
	}
	return [returnData];
}
