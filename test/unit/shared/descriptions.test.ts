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
	['Factorial Poll Trigger', new FactorialPollTrigger(), ['factorialApi', 'factorialOAuth2Api'], {}],
	['JumpCloud', new JumpCloud(), ['jumpCloudApi', 'jumpCloudOAuth2Api'], {}],
	['Generate Unique Username', new GenerateUniqueUsername(), ['jumpCloudApi', 'jumpCloudOAuth2Api'], { uniquenessCheck: ['jumpCloud'] }],
];

test.each(NODES)('%s: authentication selects apiKey / oAuth2 and the matching credential', (_name, node, [apiKey, oAuth2], when) => {
	const auth = node.description.properties.find((p) => p.name === 'authentication') as INodeProperties;
	expect(auth).toMatchObject({ type: 'options', default: 'apiKey' });
	expect((auth.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['apiKey', 'oAuth2']);
	expect(auth.displayOptions?.show ?? {}).toEqual(when);
	expect(node.description.credentials).toEqual([
		{ name: apiKey, required: true, displayOptions: { show: { ...when, authentication: ['apiKey'] } } },
		{ name: oAuth2, required: true, displayOptions: { show: { ...when, authentication: ['oAuth2'] } } },
	]);
});

test.each([
	['Factorial', new Factorial()],
	['JumpCloud', new JumpCloud()],
])('%s: every list operation has Return All (false) and Limit (50, at least 1) shown only without Return All', (_name, node) => {
	const returnAll = node.description.properties.filter((p) => p.name === 'returnAll');
	const limits = node.description.properties.filter((p) => p.name === 'limit');
	expect(returnAll.length).toBeGreaterThan(2);
	expect(limits).toHaveLength(returnAll.length);
	for (const [i, flag] of returnAll.entries()) {
		expect(flag).toMatchObject({ type: 'boolean', default: false });
		expect(limits[i]).toMatchObject({ type: 'number', default: 50, typeOptions: { minValue: 1 } });
		expect(limits[i].displayOptions?.show).toEqual({ ...flag.displayOptions?.show, returnAll: [false] });
	}
});
