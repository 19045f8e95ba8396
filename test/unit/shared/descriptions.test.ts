import type { INodeProperties, INodeType } from 'n8n-workflow';

import { Factorial } from '../../../nodes/Factorial/Factorial.node';
import { FactorialPollTrigger } from '../../../nodes/Factorial/FactorialPollTrigger.node';
import { FactorialTrigger } from '../../../nodes/Factorial/FactorialTrigger.node';
import { GenerateUniqueUsername } from '../../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';

// The shared description factories carry contracts (parameter names, values, defaults, credential names):
// every node must still show them exactly as saved workflows and templates expect.
const NODES: Array<[string, INodeType, [string, string], Record<string, string[]>]> = [
	['Factorial', new Factorial(), ['factorialApi', 'factorialOAuth2Api'], {}],
	['Factorial Trigger', new FactorialTrigger(), ['factorialApi', 'factorialOAuth2Api'], {}],
	[
		'Factorial Poll Trigger',
		new FactorialPollTrigger(),
		['factorialApi', 'factorialOAuth2Api'],
		{},
	],
	['JumpCloud', new JumpCloud(), ['jumpCloudApi', 'jumpCloudOAuth2Api'], {}],
	[
		'Generate Unique Username',
		new GenerateUniqueUsername(),
		['jumpCloudApi', 'jumpCloudOAuth2Api'],
		{ '/uniquenessCheck': ['jumpCloud'] },
	],
];

test.each(NODES)(
	'%s: authentication selects apiKey / oAuth2 and the matching credential',
	(_name, node, [apiKey, oAuth2], when) => {
		const auth = node.description.properties.find(
			(p) => p.name === 'authentication',
		) as INodeProperties;
		expect(auth).toMatchObject({ type: 'options', default: 'apiKey' });
		expect((auth.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'apiKey',
			'oAuth2',
		]);
		expect(auth.displayOptions?.show ?? {}).toEqual(when);
		// The first two are the node's own service; JumpCloud's Reconcile may add Factorial's (tested below).
		expect(node.description.credentials?.slice(0, 2)).toEqual([
			{
				name: apiKey,
				required: true,
				displayOptions: { show: { ...when, authentication: ['apiKey'] } },
			},
			{
				name: oAuth2,
				required: true,
				displayOptions: { show: { ...when, authentication: ['oAuth2'] } },
			},
		]);
	},
);

test('one credential, one label: every node offering the same OAuth2 credential names it alike', () => {
	const labels = new Map<string, Set<string>>();
	for (const [, node, [, oAuth2]] of NODES) {
		const auth = node.description.properties.find((p) => p.name === 'authentication');
		const option = (auth?.options as Array<{ name: string; value: string }>).find(
			(o) => o.value === 'oAuth2',
		);
		labels.set(oAuth2, (labels.get(oAuth2) ?? new Set()).add(String(option?.name)));
	}
	expect(
		Object.fromEntries([...labels].map(([credential, names]) => [credential, [...names]])),
	).toEqual({
		factorialOAuth2Api: ['OAuth2'],
		jumpCloudOAuth2Api: ['OAuth2 (Service Account)'],
	});
});

test('JumpCloud: Factorial credentials only for Reconcile with Read From Factorial, by Factorial Authentication', () => {
	// The optional Sync policy (issue 25) is tested in test/unit/policy/operations.test.ts.
	const extra = new JumpCloud().description.credentials
		?.slice(2)
		.filter((c) => c.name !== 'factorialJumpCloudSyncPolicyApi');
	const when = {
		'/resource': ['directorySync'],
		'/operation': ['reconcile'],
		'/employeeSource': ['factorial'],
	};
	expect(extra).toEqual([
		{
			name: 'factorialApi',
			required: true,
			displayOptions: { show: { ...when, '/factorialAuthentication': ['apiKey'] } },
		},
		{
			name: 'factorialOAuth2Api',
			required: true,
			displayOptions: { show: { ...when, '/factorialAuthentication': ['oAuth2'] } },
		},
	]);
	for (const [name, node] of NODES)
		if (name !== 'JumpCloud') expect(node.description.credentials).toHaveLength(2);
});

// n8n's editor (NDV) treats every parameter a credential's displayOptions name as an authentication
// field, and hides the main one plus every parameter those fields' own displayOptions name (it expects
// them in the credential dialog). Root paths ("/resource") select the same values without that. This is
// the editor's rule, restated, so a credential condition can never hide Resource, Operation or any other
// parameter again; the browser suite checks the same thing in a real editor.
function hiddenByEditor(node: INodeType): string[] {
	const { credentials = [], properties } = node.description;
	const authFields = properties.filter((p) =>
		credentials.some((c) => Object.keys(c.displayOptions?.show ?? {}).includes(p.name)),
	);
	const main = authFields.find((p) => p.name === 'authentication' && p.type === 'options');
	if (!main) return [];
	const named = new Set(authFields.flatMap((f) => Object.keys(f.displayOptions?.show ?? {})));
	return [...new Set(properties.filter((p) => p === main || named.has(p.name)).map((p) => p.name))];
}

test.each(NODES)('%s: the editor hides only the Authentication selector', (_name, node) => {
	expect(hiddenByEditor(node)).toEqual(['authentication']);
});

test.each([
	['Factorial', new Factorial()],
	['JumpCloud', new JumpCloud()],
])(
	'%s: every list operation has Return All (false) and Limit (50, at least 1) shown only without Return All',
	(_name, node) => {
		const returnAll = node.description.properties.filter((p) => p.name === 'returnAll');
		const limits = node.description.properties.filter((p) => p.name === 'limit');
		expect(returnAll.length).toBeGreaterThan(2);
		expect(limits).toHaveLength(returnAll.length);
		for (const [i, flag] of returnAll.entries()) {
			expect(flag).toMatchObject({ type: 'boolean', default: false });
			expect(limits[i]).toMatchObject({
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1 },
			});
			expect(limits[i].displayOptions?.show).toEqual({
				...flag.displayOptions?.show,
				returnAll: [false],
			});
		}
	},
);
