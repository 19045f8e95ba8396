/**
 * What an admin gets from *Import from File* in the editor: every template (templates/*.json and the
 * OAuth2 variants in templates/oauth2/) imported into an instance whose credentials were made in that
 * instance (their own ids, none of them known to the template), with two credentials of each type, the
 * documented one first and another one after it. After saving, every node must hold the credential the
 * template names, never "the most recent" one. n8n's editor drops a reference whose id it does not know
 * and binds the rest by name (docs/reference/n8n-template-import.md).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

import type { APIRequestContext } from 'playwright-core';

import { REPO_ROOT } from '../e2e/lib/host';
import { byTestId, dismissPopups, openEditor, progress, type Editor } from './lib/editor';

interface Reference {
	id: string | null;
	name: string;
}
interface TemplateNode {
	name: string;
	type: string;
	credentials?: Record<string, Reference>;
}

// FJ_IMPORT_TEMPLATES: another templates folder (e.g. an older release's, to see this test fail on it).
const DIR = process.env.FJ_IMPORT_TEMPLATES ?? join(REPO_ROOT, 'templates');
const files = [
	...readdirSync(DIR).filter((f) => f.endsWith('.json')),
	...(existsSync(join(DIR, 'oauth2'))
		? readdirSync(join(DIR, 'oauth2'))
				.filter((f) => f.endsWith('.json'))
				.map((f) => `oauth2/${f}`)
		: []),
].sort();

/** Per credential type: the documented name (made first) and a second one made later. */
const CREDENTIALS: Record<string, { data: Record<string, unknown>; names: [string, string] }> = {
	factorialApi: {
		data: { environment: 'custom', customUrl: 'http://127.0.0.1:9', apiKey: 'not-a-key' },
		names: ['Factorial account', 'Factorial sandbox'],
	},
	jumpCloudApi: {
		data: { region: 'custom', customUrl: 'http://127.0.0.1:9', apiKey: 'not-a-key', orgId: '' },
		names: ['JumpCloud account', 'JumpCloud sandbox'],
	},
	factorialOAuth2Api: {
		data: {
			environment: 'custom',
			customUrl: 'http://127.0.0.1:9',
			clientId: 'a',
			clientSecret: 'b',
		},
		names: ['Factorial account', 'Factorial sandbox'],
	},
	jumpCloudOAuth2Api: {
		data: { clientId: 'a', clientSecret: 'b', orgId: '' },
		names: ['JumpCloud account', 'JumpCloud sandbox'],
	},
	factorialJumpCloudSyncPolicyApi: {
		data: { includeTeams: 'Sales' },
		names: ['Sync policy', 'Sync policy (trial)'],
	},
};

let editor: Editor;
/** type -> name -> the id this instance gave it */
const ids: Record<string, Record<string, string>> = {};

async function restData<T>(
	request: APIRequestContext,
	method: 'get' | 'post',
	url: string,
	data?: unknown,
): Promise<T> {
	const res = await request[method](url, data === undefined ? {} : { data });
	if (!res.ok())
		throw new Error(`${method.toUpperCase()} ${url} answered ${res.status()}: ${await res.text()}`);
	return ((await res.json()) as { data: T }).data;
}

beforeAll(async () => {
	editor = await openEditor();
	// Made the way the editor's credential dialog saves them (its REST call, the owner's session): the
	// instance picks the ids. The documented name first, so the second one is "the most recent".
	const request = editor.contexts.light.request;
	for (const round of [0, 1]) {
		for (const [type, { data, names }] of Object.entries(CREDENTIALS)) {
			const made = await restData<{ id: string }>(request, 'post', '/rest/credentials', {
				name: names[round],
				type,
				data,
			});
			(ids[type] ??= {})[names[round]] = made.id;
		}
	}
	progress(`credentials made: ${JSON.stringify(ids)}`);
}, 300_000);

afterAll(async () => {
	await editor?.close();
});

describe('Import from File', () => {
	it.each(files)('%s: every node holds the credential the template names', async (file) => {
		const template = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as {
			nodes: TemplateNode[];
		};
		const page = await editor.contexts.light.newPage();
		await page.goto('/workflow/new');
		await byTestId(page, 'canvas-add-button').waitFor({ state: 'visible', timeout: 60_000 });
		await dismissPopups(page);
		// The hidden file input behind the workflow menu's "Import from File...".
		await byTestId(page, 'workflow-import-input').setInputFiles(join(DIR, file));
		// The canvas renders only what is in view: wait for the first real node, the REST read below checks all.
		const first = template.nodes.find((n) => !n.type.endsWith('stickyNote')) as TemplateNode;
		await page
			.locator(`[data-test-id="canvas-node"][data-node-name="${first.name}"]`)
			.waitFor({ state: 'visible', timeout: 60_000 });
		await page.waitForTimeout(1_000);
		await page.keyboard.press('Control+s');
		await page.waitForURL(/\/workflow\/(?!new)[A-Za-z0-9]+/, { timeout: 30_000 });
		const id = /\/workflow\/([A-Za-z0-9]+)/.exec(page.url())?.[1] as string;
		// Saving is asynchronous: read until the saved workflow has every node.
		let saved: TemplateNode[] = [];
		for (let i = 0; i < 60 && saved.length < template.nodes.length; i++) {
			if (i) await page.waitForTimeout(500);
			// n8n 2.x names the new workflow's id in the URL before the save has stored it (404 until then).
			saved = await restData<{ nodes: TemplateNode[] }>(
				page.request,
				'get',
				`/rest/workflows/${id}`,
			)
				.then((w) => w.nodes)
				.catch(() => []);
		}
		await page.close();
		expect(saved.map((n) => n.name).sort()).toEqual(template.nodes.map((n) => n.name).sort());

		const expected: Record<string, Record<string, Reference>> = {};
		const held: Record<string, Record<string, Reference> | undefined> = {};
		for (const node of template.nodes.filter((n) => n.credentials)) {
			expected[node.name] = Object.fromEntries(
				Object.entries(node.credentials ?? {}).map(([type, ref]) => [
					type,
					{ id: ids[type]?.[ref.name] ?? `(no credential named ${ref.name})`, name: ref.name },
				]),
			);
			const mine = saved.find((n) => n.name === node.name)?.credentials;
			held[node.name] = mine && Object.keys(mine).length ? mine : undefined;
		}
		expect(Object.keys(expected).length).toBeGreaterThan(0);
		expect(held).toEqual(expected);
	});
});
