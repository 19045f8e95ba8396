/**
 * The templates as shipped, checked against the node descriptions without running n8n (the e2e suite
 * runs them): known node types, parameters that exist, option values that exist, connections that
 * point at real nodes, credentials only by placeholder, nothing secret.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { Factorial } from '../../../nodes/Factorial/Factorial.node';
import { FactorialPollTrigger } from '../../../nodes/Factorial/FactorialPollTrigger.node';
import { FactorialTrigger } from '../../../nodes/Factorial/FactorialTrigger.node';
import { GenerateUniqueUsername } from '../../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';

const PACKAGE = 'n8n-nodes-factorial-jumpcloud';
const TEMPLATES_DIR = join(__dirname, '../../../templates');
const OURS: Record<string, INodeType> = {
	[`${PACKAGE}.factorial`]: new Factorial(),
	[`${PACKAGE}.factorialTrigger`]: new FactorialTrigger(),
	[`${PACKAGE}.factorialPollTrigger`]: new FactorialPollTrigger(),
	[`${PACKAGE}.jumpCloud`]: new JumpCloud(),
	[`${PACKAGE}.generateUniqueUsername`]: new GenerateUniqueUsername(),
};
const CORE = new Set([
	'n8n-nodes-base.if',
	'n8n-nodes-base.set',
	'n8n-nodes-base.switch',
	'n8n-nodes-base.merge',
	'n8n-nodes-base.filter',
	'n8n-nodes-base.aggregate',
	'n8n-nodes-base.stickyNote',
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.manualTrigger',
]);
const PLACEHOLDERS: Record<string, { id: string; name: string }> = {
	factorialApi: { id: 'factorial-credential', name: 'Factorial account' },
	jumpCloudApi: { id: 'jumpcloud-credential', name: 'JumpCloud account' },
};

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Template {
	id: string;
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const files = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.json'));
const load = (file: string) => JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8')) as Template;

/** Properties shown for these parameter values (displayOptions.show only; enough for our templates). */
function visible(properties: INodeProperties[], values: Record<string, unknown>): INodeProperties[] {
	return properties.filter((p) => {
		const show = p.displayOptions?.show;
		if (!show) return true;
		return Object.entries(show).every(([key, allowed]) => {
			const value = key in values ? values[key] : properties.find((q) => q.name === key)?.default;
			return (allowed as unknown[]).includes(value);
		});
	});
}

describe('templates/', () => {
	it('holds the four documented templates', () => {
		expect(files.sort()).toEqual(['joiner.json', 'leaver.json', 'mover.json', 'nightly-reconciliation.json']);
	});

	describe.each(files)('%s', (file) => {
		const template = load(file);

		it('has a short unique id and only core or package nodes', () => {
			expect(template.id).toMatch(/^[A-Za-z0-9]{16}$/);
			for (const node of template.nodes) expect(CORE.has(node.type) || node.type in OURS).toBe(true);
		});

		it('connects only nodes that exist', () => {
			const names = new Set(template.nodes.map((n) => n.name));
			for (const [from, { main }] of Object.entries(template.connections)) {
				expect(names.has(from)).toBe(true);
				for (const link of main.flat()) expect(names.has(link.node)).toBe(true);
			}
		});

		it('references credentials only by their placeholders and holds nothing secret', () => {
			for (const node of template.nodes) {
				for (const [type, ref] of Object.entries(node.credentials ?? {})) expect(ref).toEqual(PLACEHOLDERS[type]);
			}
			const text = JSON.stringify(template);
			expect(text).not.toMatch(/jca_[A-Za-z0-9]|apiKey"\s*:\s*"[^"=]|password|secret/i);
		});

		it('uses parameter names and option values the package nodes define', () => {
			for (const node of template.nodes.filter((n) => n.type in OURS)) {
				const shown = visible(OURS[node.type].description.properties, node.parameters);
				for (const [key, value] of Object.entries(node.parameters)) {
					if (key === 'pollTimes') continue;
					const property = shown.find((p) => p.name === key);
					expect({ node: node.name, key, known: Boolean(property) }).toEqual({ node: node.name, key, known: true });
					if (property?.type === 'options' && typeof value === 'string' && !value.startsWith('=')) {
						expect((property.options as Array<{ value: unknown }>).map((o) => o.value)).toContain(value);
					}
					if (property?.type === 'collection' && value && typeof value === 'object') {
						const names = (property.options as INodeProperties[]).map((o) => o.name);
						for (const sub of Object.keys(value)) expect({ node: node.name, key, sub, known: names.includes(sub) }).toMatchObject({ known: true });
					}
				}
			}
		});
	});
});
