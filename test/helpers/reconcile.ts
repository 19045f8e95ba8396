/**
 * JumpCloud → Directory Sync → Reconcile, run through the fake context: the parameters every test of
 * it starts from, and the employee and user records the unit tests build their companies with.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { JumpCloud } from '../../nodes/JumpCloud/JumpCloud.node';
import { createFakeContext, type FakeContextOptions } from './executeFunctions';

type Obj = Record<string, unknown>;

/**
 * A real (not dry) run that stages new users with generated usernames, then `over` (add
 * `attributesToSync`). A fresh object each call: no test sees another's parameters.
 */
export const reconcileParams = (over: IDataObject = {}): IDataObject => ({
	authentication: 'apiKey',
	resource: 'directorySync',
	operation: 'reconcile',
	dryRun: false,
	maxSuspensionShare: 10,
	newUserState: 'STAGED',
	usernameSource: 'generate',
	usernameFormat: 'first.last',
	reconcileOptions: {},
	...over,
});

/**
 * Runs Reconcile with `reconcileParams(params)` over `items`, retrying without waiting, and
 * returns its output. n8n types numbers and booleans (validateType) as getNodeParameter does in a
 * real n8n.
 */
export async function runReconcile(
	options: Omit<FakeContextOptions, 'nodeType' | 'retry'>,
): Promise<INodeExecutionData[]> {
	const ctx = createFakeContext({
		...options,
		nodeType: new JumpCloud(),
		retry: { hooks: { sleep: async () => undefined, random: () => 0 } },
		params: reconcileParams(options.params),
	});
	const [out] = await new JumpCloud().execute.call(ctx.asExecute());
	return out;
}

/** A Factorial employee (as Get Many returns it) whose JumpCloud match is `user(id)`. */
export const employee = (id: string, over: Obj = {}): Obj => ({
	id,
	first_name: `Ana${id}`,
	last_name: 'Garcia',
	full_name: `Ana${id} Garcia`,
	email: `ana${id}@acme.test`,
	active: true,
	terminated_on: null,
	...over,
});

/** An active JumpCloud user linked to employee `id`, its attributes in sync. */
export const user = (id: string, over: Obj = {}): Obj => ({
	_id: `u${id}`,
	username: `ana${id}.garcia`,
	email: `ana${id}@acme.test`,
	employeeIdentifier: id,
	state: 'ACTIVATED',
	firstname: `Ana${id}`,
	lastname: 'Garcia',
	displayname: `Ana${id} Garcia`,
	...over,
});
