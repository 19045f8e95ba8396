import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { OperationModule } from './shared/helpers';
import * as directorySync from './resources/directorySync';
import * as user from './resources/user';
import * as userGroup from './resources/userGroup';
import * as userState from './resources/userState';

const resources: Record<string, Record<string, OperationModule['execute']>> = {
	user: user.operations,
	userState: userState.operations,
	userGroup: userGroup.operations,
};

/** Runs one operation per input item; every output item is paired with its input item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Directory Sync reads all items at once (one reconciliation), not one call per item.
	if (this.getNodeParameter('resource', 0) === 'directorySync') {
		try {
			return [await directorySync.executeAll.call(this)];
		} catch (error) {
			if (this.continueOnFail()) return [[{ json: { error: (error as Error).message }, pairedItem: { item: 0 } }]];
			// Both constructors hand back an error that already is of their kind.
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error);
		}
	}
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const run = resources[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
					itemIndex: i,
				});
			}
			const result = await run.call(this, i);
			out.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result as IDataObject[]), {
					itemData: { item: i },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
				continue;
			}
			// Both constructors hand back an error that already is of their kind (message kept).
			if (error instanceof NodeApiError) {
				error.context.itemIndex ??= i;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex: i });
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [out];
}
