import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

import type { OperationModule, ResourceModule, Resources } from '../../shared/router';

/**
 * Dry Run of the per-item write operations (the event templates' try-out mode): the operation runs
 * as usual, reads included, but every write the transport would send is recorded instead and
 * answered here, so the item reports what it would do (`dryRun: true`, `wouldSend`) and JumpCloud
 * is unchanged. The one place that turns a write into a "would send" result is `dryRunAnswer`,
 * called by `jumpCloudApiRequest` before anything is sent.
 */

/**
 * The id a user that a dry run would create gets, so the next nodes (schedule, team groups) run too.
 * A valid JumpCloud ID (24 hex digits) that JumpCloud never issues: an ObjectId starts with its
 * creation time, and these are from 1970.
 */
export const DRY_RUN_USER_ID = '000000000000000000000000';
const DRY_RUN_GROUP_ID = '000000000000000000000001';
const DRY_RUN_JOB_ID = '000000000000000000000002';

export interface WouldSend {
	method: string;
	path: string;
	body?: IDataObject | IDataObject[];
}

interface Recording {
	wouldSend: WouldSend[];
	/** Users read in this item, so a would-be PUT answers with the whole user as JumpCloud would. */
	users: Map<string, IDataObject>;
}

const recordings = new WeakMap<object, Recording>();

export const dryRunField = (show: NonNullable<IDisplayOptions['show']>): INodeProperties => ({
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	validateType: 'boolean',
	default: false,
	description:
		'Whether to only report what would be written (dryRun, wouldSend: method, path and body of each write) without changing JumpCloud. Reads still happen.',
	displayOptions: { show },
});

const SECRET_KEY = /password|secret|token|apikey/i;

/** A body as it may be shown: keys that could hold a secret are dropped, whatever their depth. */
function withoutSecrets(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutSecrets);
	if (value && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [key, inner] of Object.entries(value as IDataObject))
			if (!SECRET_KEY.test(key)) out[key] = withoutSecrets(inner) as IDataObject;
		return out;
	}
	return value;
}

function isWrite(method: string, path: string): boolean {
	const m = method.toUpperCase();
	// POST /search/* only reads.
	return m !== 'GET' && m !== 'HEAD' && !(m === 'POST' && path.startsWith('/search/'));
}

const USER_PATH = /^\/systemusers\/([^/?]+)$/;

/** What JumpCloud would have answered a write, as far as the callers read it. */
function answerWrite(
	recording: Recording,
	method: string,
	path: string,
	body: IDataObject | IDataObject[] | undefined,
): { statusCode: number; body: unknown } {
	const sent = (body && !Array.isArray(body) ? body : {}) as IDataObject;
	if (method === 'POST' && path === '/systemusers')
		return {
			statusCode: 201,
			body: { ...(withoutSecrets(sent) as IDataObject), _id: DRY_RUN_USER_ID },
		};
	const userPath = USER_PATH.exec(path);
	if (method === 'PUT' && userPath) {
		const id = decodeURIComponent(userPath[1]);
		const current = recording.users.get(id) ?? { _id: id };
		const updated = { ...current, ...sent };
		recording.users.set(id, updated);
		return { statusCode: 200, body: updated };
	}
	if (method === 'POST' && path === '/v2/usergroups')
		return { statusCode: 201, body: { ...sent, id: DRY_RUN_GROUP_ID, type: 'user_group' } };
	if (method === 'POST' && path === '/v2/bulk/userstates') {
		const { user_ids: userIds, ...job } = sent;
		return {
			statusCode: 201,
			body: [
				{
					...job,
					scheduledJobId: DRY_RUN_JOB_ID,
					systemUserId: Array.isArray(userIds) ? userIds[0] : undefined,
					scheduledDate: job.start_date,
				},
			],
		};
	}
	return { statusCode: 200, body: {} };
}

/** A read about the user this dry run would create: it does not exist, so it is answered here. */
function answerReadOfPlannedUser(path: string): { statusCode: number; body: unknown } {
	if (USER_PATH.test(path))
		return { statusCode: 200, body: { _id: DRY_RUN_USER_ID, state: 'STAGED', attributes: [] } };
	return { statusCode: 200, body: [] };
}

/**
 * Called by the transport before a request is sent. Undefined: send it (no dry run, or a read).
 * Otherwise the answer to hand back instead; a write is recorded in the item's `wouldSend`.
 */
export function dryRunAnswer(
	ctx: object,
	method: IHttpRequestMethods,
	path: string,
	body: IDataObject | IDataObject[] | undefined,
	qs: IDataObject | undefined,
): { statusCode: number; headers: IDataObject; body: unknown } | undefined {
	const recording = recordings.get(ctx);
	if (!recording) return undefined;
	const headers: IDataObject = {};
	if (!isWrite(method, path)) {
		const aboutPlannedUser =
			path.includes(DRY_RUN_USER_ID) || JSON.stringify(qs ?? {}).includes(DRY_RUN_USER_ID);
		if (!aboutPlannedUser) return undefined;
		const answer = answerReadOfPlannedUser(path);
		if (Array.isArray(answer.body)) headers['x-total-count'] = '0';
		return { ...answer, headers };
	}
	const shown: WouldSend = { method, path: `/api${path}` };
	if (body !== undefined) shown.body = withoutSecrets(body) as IDataObject;
	recording.wouldSend.push(shown);
	return { ...answerWrite(recording, method, path, body), headers };
}

/** Called by the transport with each user read during a dry run (see Recording.users). */
export function dryRunSawRead(ctx: object, method: string, path: string, answer: unknown): void {
	const recording = recordings.get(ctx);
	const userPath = USER_PATH.exec(path);
	if (!recording || method !== 'GET' || !userPath || !answer || typeof answer !== 'object') return;
	recording.users.set(decodeURIComponent(userPath[1]), answer as IDataObject);
}

function hasDryRun(operation: OperationModule): boolean {
	return operation.description.some((property) => property.name === 'dryRun');
}

/** Runs one item of an operation with Dry Run on: nothing is written, the result says what would be. */
async function runDry(
	ctx: IExecuteFunctions,
	operation: OperationModule,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const recording: Recording = { wouldSend: [], users: new Map() };
	recordings.set(ctx, recording);
	try {
		const result = await operation.execute.call(ctx, itemIndex);
		const mark = (item: IDataObject) => ({
			...item,
			dryRun: true,
			wouldSend: recording.wouldSend as unknown as IDataObject[],
		});
		return Array.isArray(result) ? result.map(mark) : mark(result);
	} finally {
		recordings.delete(ctx);
	}
}

/** The resources with Dry Run honoured by every operation that has the parameter. */
export function withDryRun(resources: Resources): Resources {
	const wrapped: Resources = {};
	for (const [name, module] of Object.entries(resources)) {
		if (!('operations' in module)) {
			wrapped[name] = module;
			continue;
		}
		const operations: ResourceModule['operations'] = {};
		for (const [key, operation] of Object.entries(module.operations)) {
			operations[key] = !hasDryRun(operation)
				? operation
				: {
						description: operation.description,
						async execute(this: IExecuteFunctions, itemIndex: number) {
							const value = this.getNodeParameter('dryRun', itemIndex, false) as unknown;
							const dry = value === true || value === 'true';
							if (!dry) return await operation.execute.call(this, itemIndex);
							return await runDry(this, operation, itemIndex);
						},
					};
		}
		wrapped[name] = { operations };
	}
	return wrapped;
}
