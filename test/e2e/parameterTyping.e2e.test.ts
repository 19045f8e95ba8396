/**
 * Parameters typed by n8n itself (docs/reference/n8n-parameters.md), in a real host: expressions that
 * give a boolean or number field text are converted by n8n's `validateType`, and a value n8n cannot
 * convert fails the item with n8n's error naming the field. Generate Unique Username with No Check needs
 * no credential and no emulator.
 */
import { join } from 'node:path';

import { PACKAGE_NAME, hostFromEnv, packageTarballFromEnv } from './lib/host';
import { N8n, outputOf } from './lib/n8n';

const host = hostFromEnv();

function usernameNode(name: string, y: number, parameters: Record<string, unknown>) {
	return {
		id: name,
		name,
		type: `${PACKAGE_NAME}.generateUniqueUsername`,
		typeVersion: 1,
		position: [220, y],
		onError: 'continueRegularOutput',
		parameters: {
			uniquenessCheck: 'none',
			firstName: 'José',
			lastName: 'Núñez',
			format: 'first.last',
			...parameters,
		},
	};
}

describe(`n8n ${host.version}: parameters typed by n8n (validateType)`, () => {
	let n8n: N8n;

	beforeAll(() => {
		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
	});

	afterAll(async () => await n8n.dispose());

	it('converts text from expressions and names the field it cannot convert', async () => {
		const branches = {
			Converted: {
				lengthLimit: 'custom',
				customMaxLength: '={{ " 6 " }}',
				options: { lowerCase: '={{ "FALSE" }}' },
			},
			BadNumber: { lengthLimit: 'custom', customMaxLength: '={{ "six" }}' },
			BadChoice: { options: { separator: '={{ "/" }}' } },
			BadBoolean: { options: { keepHyphens: '={{ "maybe" }}' } },
		};
		const names = Object.keys(branches);
		await n8n.importWorkflows([
			{
				id: 'fjParamTyping001',
				name: 'E2E: parameter typing',
				nodes: [
					{
						id: 'start',
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					...Object.entries(branches).map(([name, parameters], i) =>
						usernameNode(name, i * 160, parameters),
					),
				],
				connections: {
					Start: { main: [names.map((node) => ({ node, type: 'main', index: 0 }))] },
				},
				settings: {},
			},
		]);
		const runData = await n8n.executeOk('fjParamTyping001');

		// " 6 " → 6 and "FALSE" → false: the case is kept and the name cut to six characters.
		expect(outputOf(runData, 'Converted')).toEqual([
			expect.objectContaining({ username: 'Jose.N' }),
		]);
		expect(outputOf(runData, 'BadNumber')).toEqual([
			{ error: "Invalid input for 'Custom Maximum Length' [item 0]" },
		]);
		expect(outputOf(runData, 'BadChoice')).toEqual([
			{ error: "Invalid input for field 'Separator' inside 'Options' in [item 0]" },
		]);
		expect(outputOf(runData, 'BadBoolean')).toEqual([
			{ error: "Invalid input for field 'Keep Hyphens' inside 'Options' in [item 0]" },
		]);
	});
});
