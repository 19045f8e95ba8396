/**
 * What an admin meets in the real n8n editor, checked in headless Chromium: the nodes panel finds every
 * node with its icon (light and dark), each node's panel opens without console errors, resource and
 * operation lists read well, the credential forms offer the environment/region choices, and every
 * template opens on the canvas without warnings. Credentials point at the emulators, so the panels'
 * list lookups answer as they would against the real services.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { DEFAULT_FACTORIAL_API_VERSION } from '../../nodes/Factorial/constants';
import { REPO_ROOT, PACKAGE_NAME } from '../e2e/lib/host';
import type { CredentialEntry, WorkflowEntry } from '../e2e/lib/n8n';
import { startFactorialEmulator, startJumpCloudEmulator } from '../emulators';
import {
	ConsoleLog,
	byTestId,
	dismissPopups,
	openEditor,
	openWorkflow,
	progress,
	screenshot,
	type Editor,
	type Theme,
} from './lib/editor';

interface PackageNode {
	type: string;
	displayName: string;
	icon: string;
	trigger: boolean;
	/** Parameters that must be on the panel when it opens (the first choices an admin makes). */
	firstChoices?: string[];
}

const NODES: PackageNode[] = [
	{
		type: 'factorial',
		displayName: 'Factorial',
		icon: 'factorial',
		trigger: false,
		firstChoices: ['resource', 'operation'],
	},
	{ type: 'factorialTrigger', displayName: 'Factorial Trigger', icon: 'factorial', trigger: true },
	{
		type: 'factorialPollTrigger',
		displayName: 'Factorial Poll Trigger',
		icon: 'factorial',
		trigger: true,
	},
	{
		type: 'jumpCloud',
		displayName: 'JumpCloud',
		icon: 'jumpcloud',
		trigger: false,
		firstChoices: ['resource', 'operation'],
	},
	{
		type: 'generateUniqueUsername',
		displayName: 'Generate Unique Username',
		icon: 'username',
		trigger: false,
		firstChoices: ['uniquenessCheck'],
	},
];

/** The credentials the suite imports; the templates bind to them by name (their references have no id). */
const FACTORIAL_CREDENTIAL = { id: 'factorial-credential', name: 'Factorial account' };
const JUMPCLOUD_CREDENTIAL = { id: 'jumpcloud-credential', name: 'JumpCloud account' };
const SYNC_POLICY_CREDENTIAL = { id: 'sync-policy-credential', name: 'Sync policy' };

const SHOWCASE_ID = 'fjBrowserShow001';
/** A Factorial OAuth2 credential with the emulator's app, not yet connected. */
const FACTORIAL_OAUTH_CREDENTIAL = { id: 'fjBrowserOAuthFct', name: 'Factorial OAuth2 (emulator)' };
const OAUTH_ID = 'fjBrowserOAuth01';

/** Console noise of n8n itself on a closed network (banners, telemetry, licensed features). */
const HOST_NOISE = [
	/ERR_NAME_NOT_RESOLVED/,
	/dynamic banners/i,
	/Can't connect to n8n/,
	/\/rest\/ai\//,
	/Plan lacks license/,
	/executions\/last-successful/,
	/api(-staging)?\.n8n\.io/,
	// The credential dialog asks for external secrets, an enterprise feature this instance lacks.
	/\/rest\/external-secrets\//,
];

function realErrors(errors: string[]): string[] {
	return errors.filter((e) => !HOST_NOISE.some((re) => re.test(e)));
}

interface Template extends WorkflowEntry {
	file: string;
}

const templates: Template[] = readdirSync(join(REPO_ROOT, 'templates'))
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((file) => ({
		...(JSON.parse(readFileSync(join(REPO_ROOT, 'templates', file), 'utf8')) as WorkflowEntry),
		file,
	}));

function showcaseNode(
	node: PackageNode,
	x: number,
	parameters: Record<string, unknown> = {},
	credentials = true,
) {
	const creds =
		node.icon === 'factorial'
			? { factorialApi: FACTORIAL_CREDENTIAL }
			: { jumpCloudApi: JUMPCLOUD_CREDENTIAL };
	return {
		id: `show-${node.type}-${x}`,
		name: node.displayName,
		type: `${PACKAGE_NAME}.${node.type}`,
		typeVersion: 1,
		position: [x, 0],
		parameters,
		...(credentials ? { credentials: creds } : {}),
	};
}

let editor: Editor;
let factorialUrl = '';
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
	const factorial = await startFactorialEmulator({});
	factorialUrl = factorial.url;
	stops.push(async () => await factorial.close());
	const jumpcloud = await startJumpCloudEmulator({});
	stops.push(async () => await jumpcloud.close());
	const credentials: CredentialEntry[] = [
		{
			...FACTORIAL_CREDENTIAL,
			type: 'factorialApi',
			data: {
				apiKey: factorial.apiKey,
				environment: 'custom',
				customUrl: factorial.url,
				apiVersion: DEFAULT_FACTORIAL_API_VERSION,
			},
		},
		{
			...JUMPCLOUD_CREDENTIAL,
			type: 'jumpCloudApi',
			data: { apiKey: jumpcloud.apiKey, region: 'custom', customUrl: jumpcloud.url, orgId: '' },
		},
		{ ...SYNC_POLICY_CREDENTIAL, type: 'factorialJumpCloudSyncPolicyApi', data: {} },
		{
			...FACTORIAL_OAUTH_CREDENTIAL,
			type: 'factorialOAuth2Api',
			data: {
				environment: 'custom',
				customUrl: factorial.url,
				clientId: factorial.oauthClient.clientId,
				clientSecret: factorial.oauthClient.clientSecret,
			},
		},
	];
	const factorialNode = NODES[0];
	const jumpCloudNode = NODES[3];
	editor = await openEditor({
		credentials,
		workflows: [
			{
				id: SHOWCASE_ID,
				name: 'Browser check: every node',
				settings: {},
				connections: {},
				nodes: NODES.map((node, i) => showcaseNode(node, i * 260)),
			},
			{
				// No credentials yet and the OAuth2 choice made: what a new user sees before connecting.
				id: OAUTH_ID,
				name: 'Browser check: OAuth2 credentials',
				settings: {},
				connections: {},
				nodes: [
					showcaseNode(factorialNode, 0, { authentication: 'oAuth2' }, false),
					showcaseNode(jumpCloudNode, 260, { authentication: 'oAuth2' }, false),
				],
			},
			...templates.map(({ file: _file, ...workflow }) => workflow),
		],
	});
}, 300_000);

afterAll(async () => {
	await editor?.close();
	for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

async function newPage(theme: Theme = 'light'): Promise<{ page: Page; log: ConsoleLog }> {
	const page = await editor.contexts[theme].newPage();
	return { page, log: new ConsoleLog(page) };
}

/** The row of the nodes panel whose name reads exactly `name`. */
function creatorRow(page: Page, name: string): Locator {
	return byTestId(page, 'item-iterator-item').filter({
		has: page.locator(`[data-test-id="node-creator-item-name"]`).getByText(name, { exact: true }),
	});
}

async function iconOf(row: Locator): Promise<{ src: string; loaded: boolean }> {
	const img = row.locator('img').first();
	await img.waitFor({ state: 'visible' });
	return await img.evaluate((el: any) => ({
		src: String(el.getAttribute('src')),
		loaded: el.complete && el.naturalWidth > 0,
	}));
}

async function openCanvasNode(page: Page, name: string): Promise<Locator> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	const ndv = byTestId(page, 'ndv');
	await ndv.waitFor({ state: 'visible' });
	await byTestId(ndv, 'node-parameters').waitFor({ state: 'visible' });
	return ndv;
}

async function closeNdv(page: Page): Promise<void> {
	// "Back to canvas" in 1.x, a close button in newer editors; Escape as the last resort.
	const back = page
		.locator('[data-test-id="back-to-canvas"], [data-test-id="ndv-close-button"]')
		.first();
	if (await back.isVisible()) await back.click();
	else await page.keyboard.press('Escape');
	await byTestId(page, 'ndv').waitFor({ state: 'hidden' });
}

/** Opens an options parameter and reads the visible choices (name, and description where n8n shows one). */
async function readOptions(
	page: Page,
	scope: Locator,
	parameter: string,
	whileOpen?: () => Promise<void>,
): Promise<Array<{ name: string; description: string }>> {
	const input = byTestId(scope, `parameter-input-${parameter}`);
	const items = page.locator('.el-select-dropdown__item:visible');
	// A list opened just before (the credential picker) fades out for a moment; reading then would
	// return its items instead of this field's.
	await items.first().waitFor({ state: 'hidden' });
	await input.click();
	await items.first().waitFor({ state: 'visible' });
	const read = () =>
		items.evaluateAll((els: any[]) =>
			els.map((el) => {
				// Leaf elements only: n8n renders the name and, under it, the description.
				const spans = [...el.querySelectorAll('*')]
					.filter((s: any) => s.children.length === 0)
					.map((s: any) => String(s.textContent).trim())
					.filter(Boolean);
				const name = spans[0] ?? String(el.textContent).trim();
				const description = spans.length > 1 ? String(spans[spans.length - 1]) : '';
				return { name, description: description === name ? '' : description };
			}),
		);
	// Read until two reads agree, so a list still rendering is not taken for the whole list.
	let options = await read();
	for (let tries = 0; tries < 20; tries++) {
		await page.waitForTimeout(100);
		const again = await read();
		if (JSON.stringify(again) === JSON.stringify(options)) break;
		options = again;
	}
	if (whileOpen) await whileOpen();
	// Clicking the field again closes the list without changing the value (Escape would close the panel).
	await input.click();
	await items.first().waitFor({ state: 'hidden' });
	return options;
}

/** Title Case: every word of 4+ letters starts upper-case (n8n keeps "and", "or", "to" lower-case). */
function isTitleCase(name: string): boolean {
	return name.split(/\s+/).every((word) => word.length < 4 || /^[A-Z0-9(]/.test(word));
}

describe.each(['light', 'dark'] as const)('nodes panel (%s theme)', (theme) => {
	const iconFile = (icon: string) => (theme === 'dark' ? `${icon}.dark.svg` : `${icon}.svg`);

	it('finds the triggers with their icons when a workflow starts', async () => {
		const { page } = await newPage(theme);
		await page.goto('/workflow/new');
		await byTestId(page, 'canvas-add-button').click();
		const search = byTestId(page, 'node-creator-search-bar');
		for (const node of NODES.filter((n) => n.trigger)) {
			await search.fill(node.displayName);
			// n8n's trigger list drops the " Trigger" suffix ("Factorial Poll Trigger" reads "Factorial Poll").
			const shown = node.displayName.replace(/ Trigger$/, '');
			const row = creatorRow(page, shown).first();
			await row.waitFor({ state: 'visible' });
			const icon = await iconOf(row);
			expect(icon.src).toContain(`/icons/${PACKAGE_NAME}/dist/icons/${iconFile(node.icon)}`);
			expect(icon.loaded).toBe(true);
		}
		await search.fill('Factorial');
		await creatorRow(page, 'Factorial Poll').waitFor({ state: 'visible' });
		await screenshot(page.locator('#app'), `nodes-panel-triggers-${theme}`, {
			docs: theme === 'light',
		});
		await page.close();
	});

	it('finds the action nodes with their icons in a workflow', async () => {
		const { page } = await newPage(theme);
		await openWorkflow(page, SHOWCASE_ID, NODES.length);
		await byTestId(page, 'node-creator-plus-button').click();
		const search = byTestId(page, 'node-creator-search-bar');
		for (const node of NODES.filter((n) => !n.trigger)) {
			await search.fill(node.displayName);
			const row = creatorRow(page, node.displayName).first();
			await row.waitFor({ state: 'visible' });
			const icon = await iconOf(row);
			expect(icon.src).toContain(`/icons/${PACKAGE_NAME}/dist/icons/${iconFile(node.icon)}`);
			expect(icon.loaded).toBe(true);
		}
		await search.fill('JumpCloud');
		await creatorRow(page, 'Generate Unique Username').waitFor({ state: 'visible' });
		await screenshot(page, `nodes-panel-jumpcloud-${theme}`, { docs: theme === 'dark' });
		await page.close();
	});
});

describe('node panels', () => {
	it.each(NODES.map((n) => [n.displayName, n] as const))(
		'%s opens without console errors',
		async (_name, node) => {
			const { page, log } = await newPage('light');
			await openWorkflow(page, SHOWCASE_ID, NODES.length);
			const mark = log.mark();
			const ndv = await openCanvasNode(page, node.displayName);
			// List lookups (resource locators, load options) answer from the emulators; give them a moment.
			await page.waitForLoadState('networkidle');
			expect(await byTestId(ndv, 'node-not-installed').count()).toBe(0);
			// The choices everything else depends on must be on the panel (n8n hides parameters that a
			// credential's displayOptions name, which once hid JumpCloud's Resource and Operation).
			for (const parameter of node.firstChoices ?? [])
				expect(await byTestId(ndv, `parameter-input-${parameter}`).count()).toBe(1);
			const slug = node.type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
			await screenshot(page, `ndv-${slug}`, { docs: node.type === 'jumpCloud' });
			expect(realErrors(log.since(mark))).toEqual([]);
			await closeNdv(page);
			await page.close();
		},
	);

	it('resource and operation lists read well (Factorial, JumpCloud)', async () => {
		const { page } = await newPage('light');
		await openWorkflow(page, SHOWCASE_ID, NODES.length);
		for (const name of ['Factorial', 'JumpCloud']) {
			const ndv = await openCanvasNode(page, name);
			const resources = await readOptions(page, ndv, 'resource', async () => {
				await screenshot(page, `resources-${name.toLowerCase()}`, { docs: name === 'JumpCloud' });
			});
			progress(`${name} resources: ${resources.map((r) => r.name).join(', ')}`);
			expect(resources.length).toBeGreaterThan(1);
			for (const { name: option } of resources) {
				expect(isTitleCase(option)).toBe(true);
				// A raw value (camelCase) leaking into the UI would read badly.
				expect(option).not.toMatch(/^[a-z]+[A-Z]/);
			}
			expect(new Set(resources.map((r) => r.name)).size).toBe(resources.length);

			const operations = await readOptions(page, ndv, 'operation', async () => {
				await screenshot(page, `operations-${name.toLowerCase()}`, { docs: name === 'Factorial' });
			});
			progress(
				`${name} operations: ${operations.map((o) => `${o.name} (${o.description})`).join('; ')}`,
			);
			expect(operations.length).toBeGreaterThan(1);
			for (const { name: option, description } of operations) {
				expect(option).toMatch(/^[A-Z]/);
				expect(option).not.toMatch(/[.:]$/);
				// n8n shows the description under each operation; only its own Custom API Call has none.
				if (option !== 'Custom API Call') expect(description).not.toBe('');
			}
			expect(new Set(operations.map((o) => o.name)).size).toBe(operations.length);
			await closeNdv(page);
		}
		await page.close();
	});
});

describe('credential forms', () => {
	const cases = [
		{
			node: 'Factorial',
			workflow: SHOWCASE_ID,
			field: 'environment',
			choices: ['Production', 'Demo', 'Custom URL'],
			shot: 'credential-factorial-api',
		},
		{
			node: 'JumpCloud',
			workflow: SHOWCASE_ID,
			field: 'region',
			choices: ['US', 'EU', 'India', 'Custom URL'],
			shot: 'credential-jumpcloud-api',
		},
		{
			node: 'Factorial',
			workflow: OAUTH_ID,
			field: 'environment',
			choices: ['Production', 'Demo', 'Custom URL'],
			shot: 'credential-factorial-oauth2',
		},
		{
			node: 'JumpCloud',
			workflow: OAUTH_ID,
			field: 'region',
			choices: ['US', 'EU', 'India', 'Custom URL'],
			shot: 'credential-jumpcloud-oauth2',
		},
	];

	it.each(cases.map((c) => [c.shot, c] as const))('%s offers its choices', async (_shot, c) => {
		const { page, log } = await newPage('light');
		await openWorkflow(page, c.workflow, 2);
		const ndv = await openCanvasNode(page, c.node);
		const mark = log.mark();
		await byTestId(ndv, 'node-credentials-select').click();
		await byTestId(page, 'node-credentials-select-item-new').click();
		const dialog = byTestId(page, 'credential-edit-dialog');
		await dialog.waitFor({ state: 'visible' });
		const options = await readOptions(page, dialog, c.field, async () => {
			await screenshot(page, c.shot, { docs: c.shot.endsWith('-api') });
		});
		const names = options.map((o) => o.name);
		for (const choice of c.choices) {
			expect({ choice, shown: names.some((n) => n.startsWith(choice)) ? choice : names }).toEqual({
				choice,
				shown: choice,
			});
		}
		expect(realErrors(log.since(mark))).toEqual([]);
		await page.close();
	});
});

describe('templates', () => {
	it.each(templates.map((t) => [t.file, t] as const))(
		'%s opens on the canvas without warnings',
		async (file, template) => {
			const { page, log } = await newPage('light');
			const nodes = template.nodes as Array<{ name: string; type: string }>;
			const first = nodes.find((n) => !n.type.endsWith('stickyNote')) as { name: string };
			await page.goto(`/workflow/${template.id}`);
			await page
				.locator(`[data-test-id="canvas-node"][data-node-name="${first.name}"]`)
				.waitFor({ state: 'visible', timeout: 60_000 });
			await dismissPopups(page);
			await byTestId(page, 'canvas-controls').locator('button').first().click(); // zoom to fit
			await page.mouse.move(700, 120); // no tooltip in the screenshot
			await page.waitForTimeout(500);
			const names = await page
				.locator('[data-test-id="canvas-node"]')
				.evaluateAll((els: any[]) => els.map((el) => el.getAttribute('data-node-name')));
			for (const node of nodes.filter((n) => !n.type.endsWith('stickyNote')))
				expect(names).toContain(node.name);
			// A warning sign on a node means a missing node type, credential or required parameter.
			const warned = await page
				.locator('[data-test-id="canvas-node"]:has([data-test-id="canvas-node-status-warning"])')
				.evaluateAll((els: any[]) => els.map((el) => el.getAttribute('data-node-name')));
			expect(warned).toEqual([]);
			await screenshot(page, `template-${file.replace(/\.json$/, '')}`, {
				docs: file === 'joiner.json',
			});
			expect(realErrors(log.errors)).toEqual([]);
			await page.close();
		},
	);
});

describe('OAuth2 connect', () => {
	it('connects the Factorial OAuth2 credential in the editor: popup to /oauth/authorize, back through n8n, connected', async () => {
		const { page, log } = await newPage('light');
		const mark = log.mark();
		// The credential's own page opens its dialog, as from Overview → Credentials.
		await page.goto(`/home/credentials/${FACTORIAL_OAUTH_CREDENTIAL.id}`);
		const dialog = byTestId(page, 'credential-edit-dialog');
		await dialog.waitFor({ state: 'visible', timeout: 60_000 });
		await dismissPopups(page);
		const connect = byTestId(dialog, 'oauth-connect-button');
		await connect.waitFor({ state: 'visible' });
		const [popup] = await Promise.all([page.waitForEvent('popup'), connect.click()]);
		// The popup goes to the emulator's authorize page, which approves and sends it to n8n's callback.
		await popup.waitForEvent('close', { timeout: 60_000 }).catch(async () => {
			throw new Error(`OAuth popup stayed open at ${popup.url()}`);
		});
		await dialog.getByText(/account connected/i).waitFor({ state: 'visible', timeout: 30_000 });
		await screenshot(page, 'credential-factorial-oauth2-connected');
		expect(factorialUrl).not.toBe('');
		expect(realErrors(log.since(mark))).toEqual([]);
		await page.close();
	});
});
