/**
 * scripts/templates.js: the credential references an editor import keeps (null id, the documented
 * name), the generated Setup note with the package version, and the OAuth2 variants; and the shipped
 * files are what the script writes (the build checks the same).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	HOW_IT_WORKS,
	normalizeTemplate,
	oauth2Variant,
} from '../../../scripts/lib/templateVariants';
import { staleFiles } from '../../../scripts/templates';

interface Node {
	name: string;
	position: number[];
	type: string;
	webhookId?: string;
	credentials?: Record<string, { id: string | null; name: string }>;
	parameters: Record<string, unknown>;
}
interface Template {
	id: string;
	name: string;
	nodes: Node[];
}

const ctx = { packageName: 'n8n-nodes-factorial-jumpcloud', version: '9.8.7', file: 'demo.json' };

function source(): Template {
	return {
		id: 'fjTplDemo0000001',
		name: 'Demo',
		nodes: [
			{
				name: 'About',
				type: 'n8n-nodes-base.stickyNote',
				position: [-420, -320],
				parameters: { content: '## Demo\nWhat it does.', height: 200, width: 380 },
			},
			{
				name: 'Trigger',
				type: 'n8n-nodes-factorial-jumpcloud.factorialTrigger',
				position: [0, 0],
				webhookId: '0b7c1e9a-1111-4222-8333-444455556666',
				credentials: { factorialApi: { id: 'factorial-credential', name: 'Factorial account' } },
				parameters: { authentication: 'apiKey', events: ['employee.created'] },
			},
			{
				name: 'Create',
				type: 'n8n-nodes-factorial-jumpcloud.jumpCloud',
				position: [200, 0],
				credentials: { jumpCloudApi: { id: 'jumpcloud-credential', name: 'JumpCloud account' } },
				parameters: { resource: 'user', operation: 'create', factorialAuthentication: 'apiKey' },
			},
		],
	};
}

describe('normalizeTemplate', () => {
	it('gives every credential reference a null id and the documented name', () => {
		const out = normalizeTemplate(source(), ctx);
		expect(out.nodes.find((n) => n.name === 'Trigger')?.credentials).toEqual({
			factorialApi: { id: null, name: 'Factorial account' },
		});
		expect(out.nodes.find((n) => n.name === 'Create')?.credentials).toEqual({
			jumpCloudApi: { id: null, name: 'JumpCloud account' },
		});
	});

	it("adds the creators' How it works heading and a Setup note naming the version, self-hosted only", () => {
		const out = normalizeTemplate(source(), ctx);
		const about = out.nodes.find((n) => n.name === 'About');
		expect(about?.parameters.content).toBe(`## Demo\n${HOW_IT_WORKS}\nWhat it does.`);
		const setup = String(out.nodes.find((n) => n.name === 'Setup')?.parameters.content);
		expect(setup).toMatch(/^### Setup\n\*\*Self-hosted n8n only\*\*/);
		expect(setup).toContain('`n8n-nodes-factorial-jumpcloud` **9.8.7 or later**');
		expect(setup).toContain('**Factorial account** (*Factorial API*)');
		expect(setup).toContain('`templates/oauth2/demo.json`');
		expect(setup).toMatch(/\*\*Active\*\* \(n8n 1\.x\) or \*\*Publish\*\* \(n8n 2\.x\)/);
		expect(setup).toContain('GENERIC_TIMEZONE');
	});

	it('is idempotent (the script can run after every merge)', () => {
		const once = normalizeTemplate(source(), ctx);
		expect(normalizeTemplate(once, ctx)).toEqual(once);
		expect(normalizeTemplate(once, { ...ctx, version: '10.0.0' }).nodes).toHaveLength(
			once.nodes.length,
		);
	});
});

describe('oauth2Variant', () => {
	it('puts every credentialed node on its OAuth2 credential, same name, authentication oAuth2', () => {
		const shipped = normalizeTemplate(source(), ctx);
		const out = oauth2Variant(shipped, ctx);
		expect(out.id).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(out.id).not.toBe(shipped.id);
		expect(out.name).toBe('Demo (OAuth2)');
		const trigger = out.nodes.find((n) => n.name === 'Trigger') as Node;
		expect(trigger.credentials).toEqual({
			factorialOAuth2Api: { id: null, name: 'Factorial account' },
		});
		expect(trigger.parameters.authentication).toBe('oAuth2');
		const create = out.nodes.find((n) => n.name === 'Create') as Node;
		expect(create.credentials).toEqual({
			jumpCloudOAuth2Api: { id: null, name: 'JumpCloud account' },
		});
		// Every credential selector follows (JumpCloud's Reconcile reads Factorial with its own).
		expect(create.parameters).toEqual({
			authentication: 'oAuth2',
			resource: 'user',
			operation: 'create',
			factorialAuthentication: 'oAuth2',
		});
		// Both files can be imported side by side: their webhook paths differ.
		expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(trigger.webhookId).not.toBe(shipped.nodes[1].webhookId);
		expect(String(out.nodes.find((n) => n.name === 'Setup')?.parameters.content)).toContain(
			'*Factorial OAuth2 API*',
		);
	});
});

describe('the shipped templates', () => {
	it('are what scripts/templates.js writes (run it after editing a template or the version)', () => {
		expect(staleFiles()).toEqual([]);
	});

	it('carry no credential id an editor import would drop', () => {
		const joiner = JSON.parse(
			readFileSync(join(__dirname, '../../../templates/joiner.json'), 'utf8'),
		) as Template;
		const ids = joiner.nodes.flatMap((n) => Object.values(n.credentials ?? {}).map((c) => c.id));
		expect(ids.length).toBeGreaterThan(0);
		expect(new Set(ids)).toEqual(new Set([null]));
	});
});
