/**
 * Compatibility smoke test, run on every pinned host: the packed package installs like a community
 * package, n8n lists its nodes and credentials, and a package node runs headless.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	PACKAGE_NAME,
	hostFromEnv,
	packageTarballFromEnv,
	recordResult,
	REPO_ROOT,
} from './lib/host';
import { N8n, outputOf } from './lib/n8n';

const EXPECTED_NODES = [
	'factorial',
	'factorialPollTrigger',
	'factorialTrigger',
	'generateUniqueUsername',
	'jumpCloud',
];
const EXPECTED_CREDENTIALS = [
	'factorialApi',
	'factorialJumpCloudSyncPolicyApi',
	'factorialOAuth2Api',
	'jumpCloudApi',
	'jumpCloudOAuth2Api',
];

const host = hostFromEnv();

describe(`n8n ${host.version}: the packed package as a community package`, () => {
	let n8n: N8n;

	beforeAll(() => {
		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		recordResult(host, { node: process.versions.node });
	});

	afterAll(async () => await n8n.dispose());

	it('lists every node of the package (export:nodes, headless)', async () => {
		const out = join(n8n.userFolder, 'nodes.json');
		const result = await n8n.cli(['export:nodes', `--output=${out}`]);
		expect(result.code).toBe(0);
		const ours = (JSON.parse(readFileSync(out, 'utf8')) as Array<{ name: string }>)
			.map((n) => n.name)
			.filter((name) => name.startsWith(`${PACKAGE_NAME}.`))
			.map((name) => name.slice(PACKAGE_NAME.length + 1));
		// Tool variants (`<name>Tool`) only appear when the host allows community tools; we list the nodes.
		const nodes = [...new Set(ours.filter((n) => !n.endsWith('Tool')))].sort();
		recordResult(host, { nodes });
		expect(nodes).toEqual(EXPECTED_NODES);
		// Every node file the manifest lists is one of them (nothing registered but missing, or the reverse).
		const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[] };
		};
		expect(manifest.n8n.nodes).toHaveLength(EXPECTED_NODES.length);
	});

	it('runs a package node headless from an imported Manual Trigger workflow', async () => {
		await n8n.importWorkflows([
			{
				id: 'fjSmokeUsername01',
				name: 'Smoke: Generate Unique Username',
				nodes: [
					{
						id: 's1',
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 's2',
						name: 'Username',
						type: `${PACKAGE_NAME}.generateUniqueUsername`,
						typeVersion: 1,
						position: [220, 0],
						parameters: {
							uniquenessCheck: 'none',
							firstName: 'José',
							lastName: 'Núñez',
							format: 'first.last',
						},
					},
				],
				connections: { Start: { main: [[{ node: 'Username', type: 'main', index: 0 }]] } },
				settings: {},
			},
		]);
		const runData = await n8n.executeOk('fjSmokeUsername01');
		expect(outputOf(runData, 'Username')).toEqual([
			expect.objectContaining({ username: 'jose.nunez' }),
		]);
		recordResult(host, { loads: true, executes: true });
	});

	it('lists every credential and node under `n8n start`', async () => {
		const started = Date.now();
		await n8n.start();
		const { nodes, credentials } = n8n.readTypes();
		const ourCredentials = credentials
			.map((c) => c.name)
			.filter((name) => EXPECTED_CREDENTIALS.includes(name))
			.sort();
		recordResult(host, {
			credentials: ourCredentials,
			startSeconds: Math.round((Date.now() - started) / 1000),
		});
		expect(ourCredentials).toEqual(EXPECTED_CREDENTIALS);
		const served = nodes.map((n) => n.name).filter((name) => name.startsWith(`${PACKAGE_NAME}.`));
		for (const name of EXPECTED_NODES) expect(served).toContain(`${PACKAGE_NAME}.${name}`);
		// The package must not make n8n warn about it (e.g. a wrong n8nNodesApiVersion or a load error).
		expect(n8n.logs).not.toMatch(new RegExp(`${PACKAGE_NAME}[^\\n]*(error|failed|skipp)`, 'i'));
	});
});
