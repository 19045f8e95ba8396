/**
 * The provisioning flows of the templates, run node by node through the fake context (real n8n HTTP)
 * against the emulators: what n8n would do, minus the host. Each flow is one "execution": a node error
 * ends it, like in n8n without Retry On Fail.
 */
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import { FactorialApi } from '../../credentials/FactorialApi.credentials';
import { JumpCloudApi } from '../../credentials/JumpCloudApi.credentials';
import { Factorial } from '../../nodes/Factorial/Factorial.node';
import { GenerateUniqueUsername } from '../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { JumpCloud } from '../../nodes/JumpCloud/JumpCloud.node';
import type { FactorialEmulator, JumpCloudEmulator } from '../emulators';
import { livedInDirectory } from '../emulators';
import type { FakeContextOptions } from '../helpers/executeFunctions';
import { createFakeContext } from '../helpers/executeFunctions';
import { reconcileParams } from '../helpers/reconcile';

/** JumpCloud retries without waiting (every context from `credentials`): tests check outcomes, never timing. */
export const retryWaits: number[] = [];
const instantRetries = {
	policy: { maxAttempts: 8 },
	hooks: {
		sleep: async (ms: number) => {
			retryWaits.push(ms);
		},
	},
};

/** The faults the issue lists, at 20% of API requests, with short slow answers and Retry-After 0. */
export const FAULTS = {
	rate: 0.2,
	kinds: ['429', '500', '503', 'reset', 'slow'] as const,
	slowMs: 25,
	retryAfterSeconds: 0,
};

export interface Services {
	factorial: FactorialEmulator;
	jumpcloud: JumpCloudEmulator;
}

export const GROUP = 'All Employees';
export const START = '2099-03-01T09:00:00';
export const ZONE = 'Europe/Madrid';

export function credentials(s: Services): FakeContextOptions {
	return {
		credentials: {
			factorialApi: {
				environment: 'custom',
				customUrl: s.factorial.url,
				apiKey: s.factorial.apiKey,
			},
			jumpCloudApi: {
				region: 'custom',
				customUrl: s.jumpcloud.url,
				apiKey: s.jumpcloud.apiKey,
				orgId: '',
			},
		},
		credentialTypes: [new FactorialApi(), new JumpCloudApi()],
		retry: instantRetries,
	};
}

/** Runs one node over its input items; throws the node's error like n8n does. */
export async function runNode(
	s: Services,
	node: INodeType,
	params: IDataObject,
	items: INodeExecutionData[] = [{ json: {} }],
	itemParams?: IDataObject[],
): Promise<IDataObject[]> {
	const ctx = createFakeContext({ ...credentials(s), params, items, itemParams });
	const out = await node.execute!.call(ctx.asExecute());
	return (out as INodeExecutionData[][])[0].map((o) => o.json);
}

export interface JoinerResult {
	employee: IDataObject;
	username: string;
	user: IDataObject;
}

/**
 * Joiner: Factorial Get employee → Generate Unique Username → JumpCloud Create or Update (STAGED, Append
 * Next Number) → Add to group → Schedule activation on the start date.
 */
export async function joiner(s: Services, employeeId: string): Promise<JoinerResult> {
	const [employee] = await runNode(s, new Factorial(), {
		resource: 'employee',
		operation: 'get',
		authentication: 'apiKey',
		employee: { __rl: true, mode: 'id', value: employeeId },
		simplify: true,
		options: {},
	});
	const [named] = await runNode(s, new GenerateUniqueUsername(), {
		uniquenessCheck: 'jumpCloud',
		authentication: 'apiKey',
		firstName: String(employee.first_name ?? ''),
		lastName: String(employee.last_name ?? ''),
		fallbackValue: String(employee.work_email ?? employee.id),
		format: 'first.last',
		lengthLimit: 'standard',
		options: {},
	});
	const [user] = await runNode(s, new JumpCloud(), {
		authentication: 'apiKey',
		resource: 'user',
		operation: 'upsert',
		email: String(employee.work_email),
		username: String(named.username),
		state: 'STAGED',
		onUsernameConflict: 'appendNumber',
		additionalFields: {
			firstName: String(employee.first_name ?? ''),
			lastName: String(employee.last_name ?? ''),
			employeeIdentifier: String(employee.id),
		},
		options: {},
		simplify: true,
	});
	await runNode(s, new JumpCloud(), {
		authentication: 'apiKey',
		resource: 'userGroup',
		operation: 'addMember',
		group: { __rl: true, mode: 'name', value: GROUP },
		user: { __rl: true, mode: 'id', value: String(user.id) },
		createGroupIfMissing: false,
	});
	await runNode(s, new JumpCloud(), {
		authentication: 'apiKey',
		resource: 'userState',
		operation: 'schedule',
		user: { __rl: true, mode: 'id', value: String(user.id) },
		targetState: 'ACTIVATED',
		startDate: START,
		timezone: ZONE,
		sendActivationEmails: false,
	});
	return { employee, username: String(named.username), user };
}

/** Leaver: suspend the JumpCloud user whose employee identifier is the Factorial employee's id. */
export async function leaver(s: Services, employeeId: string): Promise<IDataObject> {
	const [user] = await runNode(s, new JumpCloud(), {
		authentication: 'apiKey',
		resource: 'userState',
		operation: 'suspend',
		user: { __rl: true, mode: 'employeeIdentifier', value: employeeId },
		simplify: true,
	});
	return user;
}

/** Nightly run: Factorial Get Many (all) → JumpCloud Directory Sync → Reconcile (writes). */
export async function reconcile(s: Services, overrides: IDataObject = {}): Promise<IDataObject[]> {
	const employees = await runNode(s, new Factorial(), {
		resource: 'employee',
		operation: 'getAll',
		authentication: 'apiKey',
		returnAll: true,
		filters: {},
		simplify: true,
		options: { includeContractAndTeams: true },
	});
	return await runNode(
		s,
		new JumpCloud(),
		reconcileParams({ attributesToSync: ['email', 'firstname', 'lastname'], ...overrides }),
		employees.map((json) => ({ json })),
	);
}

/** The JumpCloud facts the flows must get exactly right, keyed by employee identifier. */
export function directoryState(
	jc: JumpCloudEmulator,
): Record<string, { usernames: string[]; states: string[]; groups: string[]; jobs: number }> {
	const out: Record<
		string,
		{ usernames: string[]; states: string[]; groups: string[]; jobs: number }
	> = {};
	const jobs = jc.jobs();
	for (const user of jc.users()) {
		const key = String(user.employeeIdentifier ?? `no-id:${user.username}`);
		const entry = (out[key] ??= { usernames: [], states: [], groups: [], jobs: 0 });
		entry.usernames.push(user.username);
		entry.states.push(user.state);
		entry.groups.push(...jc.groupsOf(user._id));
		entry.jobs += jobs.filter((j) => j.userIds.includes(user._id)).length;
	}
	return out;
}

/**
 * The emulator's lived-in directory (admins, IT's suspensions, outside and service accounts, none
 * linked) as `directoryState` shows it at start: the flows must leave it exactly so.
 */
export function livedInState(): ReturnType<typeof directoryState> {
	const directory = livedInDirectory();
	const out: ReturnType<typeof directoryState> = {};
	for (const user of directory.users)
		out[`no-id:${user.username}`] = {
			usernames: [user.username],
			states: [user.state],
			groups: directory.groups
				.filter((g) => g.usernames.includes(user.username))
				.map((g) => g.name),
			jobs: 0,
		};
	return out;
}

/** `state` without the lived-in directory, after checking that the directory is untouched. */
export function withoutLivedIn(
	state: ReturnType<typeof directoryState>,
): ReturnType<typeof directoryState> {
	const backdrop = livedInState();
	const rest: ReturnType<typeof directoryState> = {};
	for (const [key, entry] of Object.entries(state)) if (!(key in backdrop)) rest[key] = entry;
	for (const [key, entry] of Object.entries(backdrop)) {
		const now = state[key];
		if (JSON.stringify(now) !== JSON.stringify(entry))
			throw new Error(`the lived-in user ${key} changed: ${JSON.stringify(now)}`);
	}
	return rest;
}
