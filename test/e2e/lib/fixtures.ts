/**
 * What every e2e file needs: the two emulators, credentials pointing at them (plaintext `data`, encrypted
 * by n8n on import), and the templates as shipped, with the few edits a test makes (settings, trigger).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startFactorialEmulator, startJumpCloudEmulator } from '../../emulators';
import type {
	FactorialEmulator,
	FactorialEmulatorOptions,
	JumpCloudEmulator,
	JumpCloudEmulatorOptions,
} from '../../emulators';
import { REPO_ROOT } from './host';
import type { CredentialEntry, WorkflowEntry } from './n8n';

/** The credential ids and names the templates reference (placeholders a user re-selects after import). */
export const TEMPLATE_CREDENTIALS = {
	factorial: { id: 'factorial-credential', name: 'Factorial account', type: 'factorialApi' },
	jumpCloud: { id: 'jumpcloud-credential', name: 'JumpCloud account', type: 'jumpCloudApi' },
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
): CredentialEntry[] {
	return [
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

/** A template exactly as shipped in templates/ (a fresh copy each call). */
export function loadTemplate(name: TemplateName): WorkflowEntry {
	return JSON.parse(
		readFileSync(join(REPO_ROOT, 'templates', `${name}.json`), 'utf8'),
	) as WorkflowEntry;
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
