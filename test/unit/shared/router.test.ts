import type { INodeExecutionData } from 'n8n-workflow';

import { byId, rl, runFactorial, runNode } from '../contexts';

/**
 * With "On Error: Continue (using error output)", n8n sends a continue-on-fail item to the error
 * output only when its JSON holds nothing but `error` (n8n 1.123: `error`, or `error` + `message`;
 * n8n 2.x: any of `error`, `message`, `details`). Any other key sends the failure down the success
 * branch as if the item had worked.
 */
function routedToErrorOutputByN8n1(item: INodeExecutionData): boolean {
	const keys = Object.keys(item.json);
	if (!item.json.error) return false;
	return keys.length === 1 || (keys.length === 2 && item.json.message !== undefined);
}

describe('the shared router: continue-on-fail items', () => {
	it('Factorial: a failed item is one n8n routes to the error output, paired with its input', async () => {
		const { output } = await runFactorial(
			{ resource: 'employee', operation: 'get', employee: rl('') },
			{ continueOnFail: true },
		);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(routedToErrorOutputByN8n1(output[0])).toBe(true);
	});

	it('JumpCloud: a failed item is one n8n routes to the error output, paired with its input', async () => {
		const { out } = await runNode(
			{ resource: 'user', operation: 'unlock', user: byId('') },
			{ continueOnFail: true },
		);
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(routedToErrorOutputByN8n1(out[0])).toBe(true);
	});

	it('an unknown operation fails with a clear error naming the item', async () => {
		await expect(
			runFactorial({ resource: 'employee', operation: 'noSuchOperation' }),
		).rejects.toMatchObject({
			message: "The operation 'noSuchOperation' is not known for 'employee'",
			context: expect.objectContaining({ itemIndex: 0 }),
		});
	});
});
