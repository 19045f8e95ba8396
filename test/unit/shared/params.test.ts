/**
 * Parameters typed by n8n (docs/reference/n8n-parameters.md): numbers and booleans declare
 * `validateType`, and the fake context runs n8n-core's own `validateValueAgainstSchema`, as
 * getNodeParameter does in a real n8n. A wrong-typed value fails with an error naming the field.
 */
import type {
	IDataObject,
	INodeProperties,
	INodePropertyCollection,
	INodeType,
} from 'n8n-workflow';

import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { Factorial } from '../../../nodes/Factorial/Factorial.node';
import { FactorialPollTrigger } from '../../../nodes/Factorial/FactorialPollTrigger.node';
import { FactorialTrigger } from '../../../nodes/Factorial/FactorialTrigger.node';
import { GenerateUniqueUsername } from '../../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';
import { createFakeContext } from '../../helpers/executeFunctions';
import { runFactorial, runNode } from '../contexts';

/** Every number/boolean parameter or field (collections and fixed collections) without the same validateType. */
function untyped(properties: INodeProperties[], path = ''): string[] {
	return properties.flatMap((p) => {
		const here = (p.type === 'number' || p.type === 'boolean') && p.validateType !== p.type;
		const nested =
			p.type === 'collection'
				? untyped((p.options ?? []) as INodeProperties[], `${path}${p.name}.`)
				: p.type === 'fixedCollection'
					? ((p.options ?? []) as INodePropertyCollection[]).flatMap((group) =>
							untyped(group.values, `${path}${p.name}.${group.name}.`),
						)
					: [];
		return [...(here ? [`${path}${p.name}`] : []), ...nested];
	});
}

const NODES: Array<[string, INodeType, string[]]> = [
	['Factorial', new Factorial(), []],
	['Factorial Trigger', new FactorialTrigger(), []],
	['Factorial Poll Trigger', new FactorialPollTrigger(), []],
	['JumpCloud', new JumpCloud(), []],
	['Generate Unique Username', new GenerateUniqueUsername(), []],
];

test.each(NODES)(
	'%s: every number and boolean parameter lets n8n type it (validateType)',
	(_name, node, known) => {
		expect(untyped(node.description.properties)).toEqual(known);
	},
);

function username(params: IDataObject, continueOnFail = false) {
	const ctx = createFakeContext({
		params: {
			uniquenessCheck: 'none',
			firstName: 'José',
			lastName: 'Núñez',
			format: 'first.last',
			lengthLimit: 'standard',
			...params,
		},
		credentials: {
			jumpCloudApi: { region: 'custom', customUrl: 'https://jc.test', apiKey: 'k', orgId: '' },
		},
		credentialTypes: [new JumpCloudApi()],
		nodeType: new GenerateUniqueUsername(),
		continueOnFail,
	});
	return new GenerateUniqueUsername().execute.call(ctx.asExecute());
}

describe('values n8n types', () => {
	it('a boolean field given 0 or "TRUE" by an expression is read as n8n converts it', async () => {
		const [[lower]] = await username({ options: { lowerCase: 0 } });
		expect(lower.json.username).toBe('Jose.Nunez');
		const [[upper]] = await username({ options: { lowerCase: 'TRUE' } });
		expect(upper.json.username).toBe('jose.nunez');
	});

	it('a number given as text is converted', async () => {
		const [[item]] = await username({
			firstName: 'Maximiliana',
			lastName: 'Hohenzollern',
			lengthLimit: 'custom',
			customMaxLength: ' 12 ',
		});
		expect(String(item.json.username).length).toBeLessThanOrEqual(12);
	});
});

describe('a wrong-typed value names the field and the item', () => {
	it('a top-level number (Custom Maximum Length)', async () => {
		await expect(
			username({ lengthLimit: 'custom', customMaxLength: 'twelve' }),
		).rejects.toMatchObject({
			message: "Invalid input for 'Custom Maximum Length' [item 0]",
			description: "'customMaxLength' expects a number but we got 'twelve'",
		});
	});

	it('a choice inside a collection (Options > Separator)', async () => {
		await expect(username({ options: { separator: '/' } })).rejects.toMatchObject({
			message: "Invalid input for field 'Separator' inside 'Options' in [item 0]",
			description: expect.stringContaining("'separator' expects one of the following values"),
		});
	});

	it('continue-on-fail: the error item names the field', async () => {
		const [[item]] = await username({ options: { keepHyphens: 'maybe' } }, true);
		expect(item.json).toEqual({
			error: "Invalid input for field 'Keep Hyphens' inside 'Options' in [item 0]",
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('JumpCloud: Limit and Simplify of Get Many', async () => {
		const base = { resource: 'user', operation: 'getAll', returnAll: false };
		await expect(runNode({ ...base, limit: 'ten' })).rejects.toMatchObject({
			message: "Invalid input for 'Limit' [item 0]",
			description: "'limit' expects a number but we got 'ten'",
		});
		await expect(runNode({ ...base, limit: 10, simplify: 'yes' })).rejects.toMatchObject({
			message: "Invalid input for 'Simplify' [item 0]",
		});
	});

	it('JumpCloud: a whole number n8n accepts but the node does not (Limit 2.5) keeps its own message', async () => {
		await expect(
			runNode({ resource: 'user', operation: 'getAll', returnAll: false, limit: '2.5' }),
		).rejects.toThrow("'Limit' must be a whole number of at least 1, not 2.5 [item 0]");
	});

	it('Factorial: a boolean inside a collection (Filters > Only Active)', async () => {
		await expect(
			runFactorial({
				resource: 'employee',
				operation: 'getAll',
				returnAll: true,
				filters: { onlyActive: 'sometimes' },
			}),
		).rejects.toThrow("Invalid input for field 'Only Active' inside 'Filters' in [item 0]");
	});
});
