/**
 * What every e2e file needs: the two emulators, credentials pointing at them (plaintext `data`, encrypted
 * by n8n on import), and the templates as shipped, with the few edits a test makes (settings, trigger).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { livedInDirectory, startFactorialEmulator, startJumpCloudEmulator } from '../../emulators';
import type {
	FactorialEmulator,
	FactorialEmulatorOptions,
	JumpCloudEmulator,
	JumpCloudEmulatorOptions,
} from '../../emulators';
import { REPO_ROOT, packageTarballFromEnv } from './host';
import { waitFor, type CredentialEntry, type N8n, type WorkflowEntry } from './n8n';

/**
 * The credentials the e2e suite imports. The templates reference them by name only (`"id": null`):
 * `n8n import:workflow` binds such a reference to the one credential of that name and type in the
 * owner's project (`replaceInvalidCredentials`, docs/reference/n8n-template-import.md), as the editor's
 * import does. The ids here exist only for the workflows the tests build themselves.
 */
export const TEMPLATE_CREDENTIALS = {
	factorial: { id: 'factorial-credential', name: 'Factorial account', type: 'factorialApi' },
	jumpCloud: { id: 'jumpcloud-credential', name: 'JumpCloud account', type: 'jumpCloudApi' },
	// Settings only (issue 25): empty, everyone is in scope and every attribute always written.
	syncPolicy: {
		id: 'sync-policy-credential',
		name: 'Sync policy',
		type: 'factorialJumpCloudSyncPolicyApi',
	},
} as const;

export const TEMPLATE_FILES = [
	'joiner',
	'mover',
	'leaver',
	'rehire',
	'nightly-reconciliation',
] as const;
export type TemplateName = (typeof TEMPLATE_FILES)[number];

export interface Emulators {
	factorial: FactorialEmulator;
	jumpCloud: JumpCloudEmulator;
	close(): Promise<void>;
}

export async function startEmulators(
	factorialOptions: FactorialEmulatorOptions = {},
	jumpCloudOptions: JumpCloudEmulatorOptions = {},
): Promise<Emulators> {
	const factorial = await startFactorialEmulator({
		seed: 'e2e',
		employees: 30,
		...factorialOptions,
	});
	const jumpCloud = await startJumpCloudEmulator({ seed: 'e2e', ...jumpCloudOptions });
	return {
		factorial,
		jumpCloud,
		async close() {
			await Promise.allSettled([factorial.close(), jumpCloud.close()]);
		},
	};
}

export function credentialsFor(
	emulators: Pick<Emulators, 'factorial' | 'jumpCloud'>,
	syncPolicy: Record<string, unknown> = {},
): CredentialEntry[] {
	return [
		{ ...TEMPLATE_CREDENTIALS.syncPolicy, data: syncPolicy },
		{
			...TEMPLATE_CREDENTIALS.factorial,
			data: {
				environment: 'custom',
				customUrl: emulators.factorial.url,
				apiKey: emulators.factorial.apiKey,
			},
		},
		{
			...TEMPLATE_CREDENTIALS.jumpCloud,
			data: {
				region: 'custom',
				customUrl: emulators.jumpCloud.url,
				orgId: emulators.jumpCloud.orgId,
				apiKey: emulators.jumpCloud.apiKey,
			},
		},
	];
}

/** The templates an HR event starts; each has Settings → dryRun (the try-out mode), shipped on. */
export const EVENT_TEMPLATES: readonly TemplateName[] = ['joiner', 'mover', 'leaver', 'rehire'];

/**
 * A template from templates/ (a fresh copy each call), set up the one way every e2e file needs it:
 * the event templates with Settings → dryRun off, as an admin runs them after the quickstart's try-out
 * (they ship with it on and would write nothing). `asShipped` keeps the file as it is (the dry-run
 * cases). The Nightly Reconciliation is always as shipped (dry run on; its tests turn it off).
 */
export function loadTemplate(
	name: TemplateName,
	options: { asShipped?: boolean } = {},
): WorkflowEntry {
	const workflow = JSON.parse(
		readFileSync(join(REPO_ROOT, 'templates', `${name}.json`), 'utf8'),
	) as WorkflowEntry;
	if (!options.asShipped && EVENT_TEMPLATES.includes(name)) setSetting(workflow, 'dryRun', false);
	return workflow;
}

/**
 * Readies `n8n` for webhook-driven tests: installs the packed package, imports credentials for the
 * emulators and `workflows`, activates them, starts n8n and waits until the Factorial emulator holds
 * `subscriptions` enabled webhook subscriptions (`label` names them in a timeout).
 */
export async function startWithActiveWorkflows(
	n8n: N8n,
	emulators: Pick<Emulators, 'factorial' | 'jumpCloud'>,
	workflows: WorkflowEntry[],
	subscriptions: number,
	label: string,
): Promise<void> {
	n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
	await n8n.importCredentials(credentialsFor(emulators));
	await n8n.importWorkflows(workflows);
	await n8n.activate(workflows.map((w) => w.id));
	await n8n.start();
	await waitFor(
		() => emulators.factorial.subscriptions().filter((s) => s.enabled).length === subscriptions,
		label,
	);
}

/**
 * `startWithActiveWorkflows` with the Joiner, Mover, Leaver and Rehire templates as shipped. Activation
 * registers one Factorial subscription per event: 1 joiner + 5 mover (employee, two team membership and
 * two contract version events) + 1 leaver + 1 rehire.
 */
export async function startWithLifecycleTemplates(
	n8n: N8n,
	emulators: Pick<Emulators, 'factorial' | 'jumpCloud'>,
): Promise<void> {
	const templates = EVENT_TEMPLATES.map((name) => loadTemplate(name));
	await startWithActiveWorkflows(n8n, emulators, templates, 8, 'eight webhook subscriptions');
}

/** The header a Factorial webhook delivery carries its subscription's challenge in. */
export const CHALLENGE_HEADER = 'x-factorial-wh-challenge';

/**
 * Delivers an event the way the emulator does (to the enabled subscription of `type`, with its
 * challenge), for cases the emulator cannot produce.
 */
export async function deliverAsFactorial(
	factorial: FactorialEmulator,
	type: string,
	payload: Record<string, unknown>,
): Promise<Response> {
	const subscription = factorial.subscriptions().find((s) => s.type === type && s.enabled);
	if (!subscription) throw new Error(`no subscription for ${type}`);
	return await fetch(subscription.target_url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			[CHALLENGE_HEADER]: String(subscription.challenge),
		},
		body: JSON.stringify(payload),
	});
}

interface NodeJson {
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	[key: string]: unknown;
}

export function nodeOf(workflow: WorkflowEntry, name: string): NodeJson {
	const node = (workflow.nodes as NodeJson[]).find((n) => n.name === name);
	if (!node) throw new Error(`Template "${workflow.name}" has no node "${name}"`);
	return node;
}

/** Changes one field of a Set node (the templates keep their knobs in a "Settings" Set node). */
export function setSetting(
	workflow: WorkflowEntry,
	field: string,
	value: string | number | boolean,
	node = 'Settings',
): WorkflowEntry {
	const assignments = (
		nodeOf(workflow, node).parameters.assignments as {
			assignments: Array<{ name: string; value: unknown }>;
		}
	).assignments;
	const assignment = assignments.find((a) => a.name === field);
	if (!assignment) throw new Error(`Node "${node}" has no field "${field}"`);
	assignment.value = `={{ ${JSON.stringify(value)} }}`;
	return workflow;
}

/** A copy under another id and name, so one test can hold several variants of a template. */
export function variant(workflow: WorkflowEntry, id: string, name: string): WorkflowEntry {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowEntry;
	copy.id = id;
	copy.name = name;
	for (const node of copy.nodes as NodeJson[]) {
		// Webhook ids must be unique across active workflows.
		if (typeof node.webhookId === 'string') node.webhookId = `${id}-${node.webhookId}`.slice(0, 36);
	}
	return copy;
}

/**
 * The JumpCloud users besides the emulator's lived-in directory (admins, IT's suspensions, outside and
 * service accounts, loaded by default), after checking that those are all still there as seeded: same
 * state, no employee identifier, same groups. A flow that touched one of them fails here.
 */
export function usersBesideLivedIn(
	jumpCloud: JumpCloudEmulator,
): ReturnType<JumpCloudEmulator['users']> {
	const directory = livedInDirectory();
	const names = new Set(directory.users.map((u) => u.username));
	const users = jumpCloud.users();
	for (const seeded of directory.users) {
		const user = users.find((u) => u.username === seeded.username);
		const groups = directory.groups
			.filter((g) => g.usernames.includes(seeded.username))
			.map((g) => g.name);
		const now = user && {
			state: user.state,
			employeeIdentifier: user.employeeIdentifier ?? null,
			groups: jumpCloud.groupsOf(user._id).sort(),
		};
		const want = { state: seeded.state, employeeIdentifier: null, groups: groups.sort() };
		if (JSON.stringify(now) !== JSON.stringify(want))
			throw new Error(
				`lived-in user ${seeded.username} changed: ${JSON.stringify(now)}, seeded ${JSON.stringify(want)}`,
			);
	}
	return users.filter((u) => !names.has(u.username));
}
