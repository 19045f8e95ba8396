/**
 * The template checker that `npm run build` (gulpfile.js) runs on templates/*.json against the built
 * node descriptions. Here it gets the source node descriptions and templates made to break each rule;
 * the shipped templates themselves are checked by the build, and run by the e2e suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeType } from 'n8n-workflow';

import { Factorial } from '../../../nodes/Factorial/Factorial.node';
import { FactorialPollTrigger } from '../../../nodes/Factorial/FactorialPollTrigger.node';
import { FactorialTrigger } from '../../../nodes/Factorial/FactorialTrigger.node';
import { GenerateUniqueUsername } from '../../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';
import type { TemplateCheckContext } from '../../../scripts/lib/templateCheck';
import {
	checkShippedTemplate,
	checkTemplate,
	checkTemplateList,
} from '../../../scripts/lib/templateCheck';

const PACKAGE = 'n8n-nodes-factorial-jumpcloud';
const nodes: INodeType[] = [
	new Factorial(),
	new FactorialTrigger(),
	new FactorialPollTrigger(),
	new JumpCloud(),
	new GenerateUniqueUsername(),
];
const context: TemplateCheckContext = {
	packageName: PACKAGE,
	nodes: Object.fromEntries(
		nodes.map((n) => [n.description.name, [n.description as unknown as Record<string, unknown>]]),
	),
	credentials: ['factorialApi', 'factorialOAuth2Api', 'jumpCloudApi', 'jumpCloudOAuth2Api'],
};
const factorialAccount = {
	factorialApi: { id: null, name: 'Factorial account' },
};

/** A small template that breaks no rule. */
function valid() {
	return {
		id: 'fjTplTest0000001',
		name: 'Valid',
		nodes: [
			{
				name: 'Every Night',
				type: 'n8n-nodes-base.scheduleTrigger',
				typeVersion: 1.2,
				position: [0, 0],
				parameters: { rule: { interval: [{ triggerAtHour: 2 }] } },
			},
			{
				name: 'Poll',
				type: `${PACKAGE}.factorialPollTrigger`,
				typeVersion: 1,
				position: [0, 200],
				credentials: factorialAccount,
				parameters: { pollTimes: { item: [{ mode: 'everyHour' }] } },
			},
			{
				name: 'Get Employee',
				type: `${PACKAGE}.factorial`,
				typeVersion: 1,
				position: [200, 0],
				credentials: factorialAccount,
				parameters: {
					authentication: 'apiKey',
					resource: 'employee',
					operation: 'get',
					employee: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					options: { includeContractAndTeams: true },
				},
			},
			{
				name: 'Create Staged User',
				type: `${PACKAGE}.jumpCloud`,
				typeVersion: 1,
				position: [400, 0],
				credentials: { jumpCloudApi: { id: null, name: 'JumpCloud account' } },
				parameters: { resource: 'user', operation: 'upsert', state: 'STAGED' },
			},
		],
		connections: {
			'Every Night': { main: [[{ node: 'Get Employee', type: 'main', index: 0 }]] },
			'Get Employee': { main: [[{ node: 'Create Staged User', type: 'main', index: 0 }]] },
		},
	};
}

/** What the build runs on each shipped template. */
const check = (template: unknown) => [
	...checkTemplate(template, context),
	...checkShippedTemplate(template, context),
];

describe('checkTemplate and checkShippedTemplate', () => {
	it('find nothing wrong in a template that follows every rule', () => {
		expect(check(valid())).toEqual([]);
	});

	it('reports each fault of the broken fixture, naming the node', () => {
		const broken: unknown = JSON.parse(
			readFileSync(join(__dirname, 'fixtures/broken.json'), 'utf8'),
		);
		const problems = check(broken);
		const expected = [
			/^id "not-an-id" is not 16 letters and digits$/,
			/^holds something that looks secret/,
			/^node "Code": type n8n-nodes-base\.code is neither a node of this package nor an allowed core node/,
			/^node "Own Credential": credential "factorialApi" must be the placeholder .*"Factorial account"/,
			/^node "OAuth Credential": credential "jumpCloudOAuth2Api" must be the placeholder .*"JumpCloud account"/,
			/^node "Unknown Credential": credential type "slackApi" has no placeholder/,
			/^node "Hidden Parameter": parameter "returnAll" is not shown for these settings$/,
			/^node "Stale Option": parameter "state" value "PENDING" is not one of .*STAGED/,
			/^node "Unknown Sub-option": parameter "options" has no option "includeEverything"$/,
		];
		for (const pattern of expected) expect(problems).toContainEqual(expect.stringMatching(pattern));
		expect(problems).toHaveLength(expected.length);
	});

	it('reports a parameter the node does not have, a dangling connection and a duplicate name', () => {
		const template = valid();
		template.nodes[2].parameters = { ...template.nodes[2].parameters, employeeId: '1' } as never;
		template.nodes.push({ ...template.nodes[3] });
		(template.connections as Record<string, unknown>)['Gone'] = {
			main: [[{ node: 'Nowhere', type: 'main', index: 0 }]],
		};
		expect(check(template)).toEqual([
			'node "Get Employee": parameter "employeeId" does not exist on this node',
			'node "Create Staged User" appears twice (names must be unique)',
			'connection from "Gone", which is not a node of the template',
			'connection to "Nowhere", which is not a node of the template',
		]);
	});
});

describe('checkShippedTemplate: the try-out switch of an event template (issue 23)', () => {
	/** valid() with its poll trigger feeding the JumpCloud write: an event template. */
	function eventTemplate() {
		const template = valid();
		(template.connections as Record<string, unknown>).Poll = {
			main: [[{ node: 'Get Employee', type: 'main', index: 0 }]],
		};
		return template;
	}
	const settings = (assignments: Array<{ name: string; type: string }>) => ({
		name: 'Settings',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [0, 400],
		parameters: {
			assignments: {
				assignments: assignments.map((a, i) => ({ id: `s${i}`, value: '={{ true }}', ...a })),
			},
			includeOtherFields: true,
			options: {},
		},
	});
	const dryRunProblems = (template: unknown) =>
		checkShippedTemplate(template, context).filter((p) => /dryRun|Dry Run/.test(p));

	it('refuses a JumpCloud write that does not take Dry Run from Settings, and a template without the switch', () => {
		expect(dryRunProblems(eventTemplate())).toEqual([
			`node "Create Staged User": Dry Run must be ={{ $('Settings').first().json.dryRun }} (every write of an event template follows Settings → dryRun)`,
			'has no Set node "Settings" assigning dryRun (boolean): the try-out switch',
		]);
	});

	it('accepts every write following Settings → dryRun', () => {
		const template = eventTemplate();
		template.nodes.push(settings([{ name: 'dryRun', type: 'boolean' }]) as never);
		(template.nodes[3].parameters as Record<string, unknown>).dryRun =
			"={{ $('Settings').first().json.dryRun }}";
		expect(dryRunProblems(template)).toEqual([]);
	});

	it('leaves a template no Factorial trigger feeds alone (the nightly has its own dry run)', () => {
		expect(dryRunProblems(valid())).toEqual([]);
	});
});

describe('checkShippedTemplate: credential references an editor import keeps', () => {
	// n8n's editor drops a reference whose id the instance does not know, then binds by name.
	it.each([
		['a fixed id (what 0.1.0 shipped)', { id: 'factorial-credential', name: 'Factorial account' }],
		['no id at all', { name: 'Factorial account' }],
		['an empty id', { id: '', name: 'Factorial account' }],
		['another name', { id: null, name: 'Factorial prod' }],
	])('refuses %s', (_case, reference) => {
		const template = valid();
		template.nodes[1].credentials = { factorialApi: reference } as never;
		expect(checkShippedTemplate(template, context)).toEqual([
			expect.stringMatching(/^node "Poll": credential "factorialApi" must be the placeholder/),
		]);
	});

	it('accepts the OAuth2 credentials under the same names when the node is set to OAuth2', () => {
		const template = valid();
		template.nodes[1].credentials = {
			factorialOAuth2Api: { id: null, name: 'Factorial account' },
		} as never;
		template.nodes[1].parameters = {
			authentication: 'oAuth2',
			...template.nodes[1].parameters,
		} as never;
		expect(checkShippedTemplate(template, context)).toEqual([]);
	});

	it('refuses a credential the node does not show for its authentication (the editor drops it on save)', () => {
		const template = valid();
		template.nodes[1].credentials = {
			factorialOAuth2Api: { id: null, name: 'Factorial account' },
		} as never;
		expect(checkShippedTemplate(template, context)).toEqual([
			'node "Poll": credential "factorialOAuth2Api" is not shown for these settings (check its authentication parameter)',
		]);
	});
});

describe('checkShippedTemplate: root-path display conditions', () => {
	it("reads '/name' as the top-level parameter name (Generate Unique Username shows its authentication by '/uniquenessCheck')", () => {
		const template = valid();
		template.nodes.push({
			id: 'fjTplTest0000001-09',
			name: 'Generate Username',
			type: `${PACKAGE}.generateUniqueUsername`,
			typeVersion: 1,
			position: [600, 0],
			credentials: { jumpCloudApi: { id: null, name: 'JumpCloud account' } },
			parameters: {
				uniquenessCheck: 'jumpCloud',
				authentication: 'apiKey',
				firstName: 'Ana',
				lastName: 'García',
				format: 'first.last',
				options: {},
			},
		} as never);
		expect(checkShippedTemplate(template, context)).toEqual([]);
	});
});

describe('checkTemplateList', () => {
	const readme = [
		'# Title',
		'<!-- section:templates -->',
		'| Template | Trigger | What it does |',
		'|---|---|---|',
		'| `joiner.json` (**Joiner**) | Factorial Trigger | Creates users. |',
		'| `leaver.json` (**Leaver**) | Factorial Trigger | Suspends users. |',
		'<!-- /section:templates -->',
		'| `elsewhere.json` | outside the section | not a template row |',
	].join('\n');

	it('accepts exactly the templates the README table documents', () => {
		expect(checkTemplateList(['leaver.json', 'joiner.json'], readme)).toEqual([]);
	});

	it('reports an undocumented template and a documented one that is missing', () => {
		expect(checkTemplateList(['joiner.json', 'rehire.json'], readme)).toEqual([
			"templates/rehire.json is not in the README's templates table",
			"README's templates table lists leaver.json, which is not in templates/",
		]);
	});

	it('fails when the README has no templates section', () => {
		expect(checkTemplateList(['joiner.json'], '# no table')).toHaveLength(1);
	});
});
