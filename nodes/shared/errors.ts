import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The one error wrapper of the package: every failure leaves a node as an n8n node error.
 * An error that already is a NodeApiError or NodeOperationError (the transports' answers, the
 * parameter checks) is handed back as the same instance, its message and description kept; it gets
 * the item index only when it has none yet. Anything else becomes a NodeOperationError.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, itemIndex === undefined ? {} : { itemIndex });
}
