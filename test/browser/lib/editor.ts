/**
 * The n8n editor in headless Chromium (Debian's package, driven by playwright-core): an n8n from the e2e
 * harness with the packed package installed, an owner account made through the REST API so that the
 * editor opens without the setup wizard, and small helpers around n8n's own data-test-id attributes.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import {
	chromium,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page,
} from 'playwright-core';

import { REPO_ROOT, hostFromEnv, packageTarballFromEnv, type Host } from '../../e2e/lib/host';
import { N8n, type CredentialEntry, type WorkflowEntry } from '../../e2e/lib/n8n';

export const CHROMIUM = process.env.FJ_CHROMIUM ?? '/usr/bin/chromium';
/** Committed, hand-picked screenshots (small PNGs) the README shows. */
export const DOCS_SHOTS = join(REPO_ROOT, 'docs', 'screenshots');
/** Every screenshot of a run (not committed). */
export const RUN_SHOTS = join(REPO_ROOT, 'test-results', 'browser');

export const OWNER = {
	email: 'admin@example.com',
	firstName: 'Ada',
	lastName: 'Admin',
	// n8n wants 8+ characters with a number and a capital letter; a throwaway local account.
	password: 'BrowserCheck1',
};

export type Theme = 'light' | 'dark';

export interface Editor {
	host: Host;
	n8n: N8n;
	browser: Browser;
	/** Light and dark contexts, both logged in as the owner. */
	contexts: Record<Theme, BrowserContext>;
	close(): Promise<void>;
}

export interface EditorSetup {
	credentials?: CredentialEntry[];
	workflows?: WorkflowEntry[];
}

/**
 * Starts the pinned n8n (test/e2e/hosts.json, first entry, or FJ_N8N_VERSION) with the package, imports
 * credentials and workflows through the CLI, creates the owner and opens two logged-in browser contexts.
 */
export async function openEditor(setup: EditorSetup = {}): Promise<Editor> {
	if (!existsSync(CHROMIUM))
		throw new Error(`${CHROMIUM} is missing: run test/browser/run.sh (it installs chromium)`);
	const host = hostFromEnv();
	const n8n = new N8n(host, { verbose: !!process.env.FJ_BROWSER_VERBOSE });
	n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
	if (setup.credentials?.length) await n8n.importCredentials(setup.credentials);
	if (setup.workflows?.length) await n8n.importWorkflows(setup.workflows);
	await n8n.start();
	await setUpOwner(n8n.baseUrl);

	progress(`n8n ${host.version} ready at ${n8n.baseUrl}`);
	// Playwright gives every launch a fresh, empty profile folder of its own (it refuses --user-data-dir).
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			// Without these Chromium reaches for Google's hosts, which this closed network refuses.
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		timeout: 60_000,
	});
	const contexts = {} as Record<Theme, BrowserContext>;
	for (const theme of ['light', 'dark'] as const) {
		const context = await browser.newContext({
			viewport: { width: 1280, height: 800 },
			colorScheme: theme,
			baseURL: n8n.baseUrl,
		});
		// n8n keeps the theme choice in local storage; "system" would follow colorScheme, but be explicit.
		await context.addInitScript((t) => {
			try {
				(globalThis as any).localStorage.setItem('N8N_THEME', t);
			} catch {
				// storage not ready on about:blank
			}
		}, theme);
		await login(context);
		contexts[theme] = context;
	}
	return {
		host,
		n8n,
		browser,
		contexts,
		async close() {
			await browser.close().catch(() => undefined);
			await n8n.dispose();
		},
	};
}

/** Jest holds console output until a test ends; progress goes straight to stderr so a slow step shows. */
export function progress(message: string): void {
	if (process.env.FJ_BROWSER_VERBOSE || process.env.CI)
		process.stderr.write(`browser: ${message}\n`);
}

async function setUpOwner(baseUrl: string): Promise<void> {
	const res = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!res.ok) throw new Error(`owner setup answered ${res.status}: ${await res.text()}`);
}

async function login(context: BrowserContext): Promise<void> {
	// The login route's body changed names across versions (email -> emailOrLdapLoginId); send both.
	const res = await context.request.post('/rest/login', {
		data: { email: OWNER.email, emailOrLdapLoginId: OWNER.email, password: OWNER.password },
	});
	if (!res.ok()) throw new Error(`login answered ${res.status()}: ${await res.text()}`);
}

/** Console errors and uncaught page errors, collected per page so that a check can look at a window of them. */
export class ConsoleLog {
	readonly errors: string[] = [];

	constructor(page: Page) {
		page.on('console', (msg) => {
			if (msg.type() === 'error') this.errors.push(`${msg.text()} @ ${msg.location().url}`);
		});
		page.on('pageerror', (error) => this.errors.push(`pageerror: ${error.message}`));
	}

	mark(): number {
		return this.errors.length;
	}

	since(mark: number): string[] {
		return this.errors.slice(mark);
	}
}

export async function screenshot(
	target: Page | Locator,
	name: string,
	options: { docs?: boolean } = {},
): Promise<void> {
	mkdirSync(RUN_SHOTS, { recursive: true });
	const file = join(RUN_SHOTS, `${name}.png`);
	await target.screenshot({ path: file, animations: 'disabled' });
	if (options.docs && process.env.FJ_BROWSER_UPDATE_DOCS) {
		mkdirSync(DOCS_SHOTS, { recursive: true });
		await target.screenshot({ path: join(DOCS_SHOTS, `${name}.png`), animations: 'disabled' });
	}
}

export function byTestId(page: Page | Locator, id: string): Locator {
	return page.locator(`[data-test-id="${id}"]`);
}

/** Opens a workflow in the editor and waits until the canvas shows its nodes. */
export async function openWorkflow(page: Page, id: string, nodeCount: number): Promise<void> {
	await page.goto(`/workflow/${id}`);
	await byTestId(page, 'canvas-node')
		.nth(nodeCount - 1)
		.waitFor({ state: 'visible', timeout: 60_000 });
	await dismissPopups(page);
}

/** n8n greets new owners with toasts and callouts that cover parts of the canvas; close what is there. */
export async function dismissPopups(page: Page): Promise<void> {
	const closers = page.locator(
		'.el-notification .el-notification__closeBtn, .el-message-box__headerbtn',
	);
	const count = await closers.count();
	for (let i = count - 1; i >= 0; i--)
		await closers
			.nth(i)
			.click({ timeout: 2_000 })
			.catch(() => undefined);
}
