/**
 * The one wrapper around the shared fake context (test/helpers/executeFunctions.ts) for the node tests:
 * Factorial and JumpCloud credentials pointing at a custom base URL, instant JumpCloud retries, and
 * runners that execute a node over items.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FactorialApi } from '../../credentials/FactorialApi.credentials';
import { FactorialOAuth2Api } from '../../credentials/FactorialOAuth2Api.credentials';
import { Factorial } from '../../nodes/Factorial/Factorial.node';
import { JumpCloudApi } from '../../credentials/JumpCloudApi.credentials';
import { JumpCloudOAuth2Api } from '../../credentials/JumpCloudOAuth2Api.credentials';
import { JumpCloud } from '../../nodes/JumpCloud/JumpCloud.node';
import type { FakeContext, FakeContextOptions } from '../helpers/executeFunctions';
import { createFakeContext } from '../helpers/executeFunctions';
import { U1 } from '../helpers/jumpcloudIds';

export const JUMPCLOUD_BASE = 'https://jc.test';
export const FAKE_KEY_VALUE = ['jca', 'test', 'value'].join('_');
export const FAKE_BEARER_VALUE = 'oauth-token-xyz';

/** The waits of JumpCloud retries from jcContext/runNode contexts: recorded, never slept. */
export const sleeps: number[] = [];
const recordedRetries = {
	hooks: {
		sleep: async (ms: number) => {
			sleeps.push(ms);
		},
		random: () => 0.5,
	},
};

export function jcContext(
	params: IDataObject,
	options: FakeContextOptions & { orgId?: string } = {},
): FakeContext {
	const { orgId, ...rest } = options;
	return createFakeContext({
		params: { authentication: 'apiKey', ...params },
		credentials: {
			jumpCloudApi: {
				region: 'custom',
				customUrl: JUMPCLOUD_BASE,
				apiKey: FAKE_KEY_VALUE,
				orgId: orgId ?? '',
			},
			jumpCloudOAuth2Api: {
				region: 'custom',
				customUrl: JUMPCLOUD_BASE,
				orgId: orgId ?? '',
				clientId: 'cid',
				clientSecret: 'csecret',
				oauthTokenData: { access_token: FAKE_BEARER_VALUE },
			},
		},
		credentialTypes: [new JumpCloudApi(), new JumpCloudOAuth2Api()],
		retry: recordedRetries,
		nodeType: new JumpCloud(),
		...rest,
	});
}

export async function runNode(
	params: IDataObject,
	options: FakeContextOptions & { orgId?: string } = {},
): Promise<{ ctx: FakeContext; out: INodeExecutionData[]; json: IDataObject[] }> {
	const ctx = jcContext(params, options);
	const [out] = await new JumpCloud().execute.call(ctx.asExecute());
	return { ctx, out, json: out.map((o) => o.json) };
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const byMode = (mode: string, value: string) => ({ __rl: true, mode, value });

export function user(partial: IDataObject = {}): IDataObject {
	return {
		_id: U1,
		id: U1,
		username: 'jdoe',
		email: 'jane.doe@example.com',
		firstname: 'Jane',
		lastname: 'Doe',
		employeeIdentifier: 'E1',
		state: 'ACTIVATED',
		department: 'R&D',
		jobTitle: 'Engineer',
		company: 'Acme',
		phoneNumbers: [],
		addresses: [],
		attributes: [],
		...partial,
	};
}

/** A POST /search/systemusers body whose first `and` clause regex is returned. */
export function regexOf(body: unknown, field: string): string | undefined {
	const and = ((body as IDataObject)?.filter as IDataObject | undefined)?.and as
		| IDataObject[]
		| undefined;
	const clause = and?.find((c) => field in c) as IDataObject | undefined;
	return (clause?.[field] as IDataObject | undefined)?.$regex as string | undefined;
}

// ---- Factorial ----------------------------------------------------------------------------

export const FACTORIAL_BASE = 'https://factorial.test';
export const VERSION = '2026-10-01';
export const API_KEY = 'dummy-factorial-key';
export const ROOT = `/api/${VERSION}/resources`;

/** A fake context with a Factorial API key credential pointing at BASE. */
export function factorialContext(options: FakeContextOptions & { apiVersion?: string } = {}) {
	const { apiVersion, ...rest } = options;
	return createFakeContext({
		node: { name: 'Factorial', type: 'n8n-nodes-factorial-jumpcloud.factorial' },
		credentials: {
			factorialApi: {
				apiKey: API_KEY,
				environment: 'custom',
				customUrl: FACTORIAL_BASE,
				apiVersion: apiVersion ?? VERSION,
			},
			factorialOAuth2Api: {
				environment: 'custom',
				customUrl: FACTORIAL_BASE,
				apiVersion: apiVersion ?? VERSION,
				oauthTokenData: { access_token: 'oauth-token-abcdef' },
			},
		},
		credentialTypes: [new FactorialApi(), new FactorialOAuth2Api()],
		nodeType: new Factorial(),
		...rest,
	});
}

export function page(data: IDataObject[], endCursor?: string, hasNext = endCursor !== undefined) {
	return {
		data,
		meta: {
			has_next_page: hasNext,
			has_previous_page: false,
			end_cursor: endCursor ?? null,
			limit: 100,
		},
	};
}

export const noWait = { sleep: async () => undefined, random: () => 0.5, now: () => 0 };

/** Runs the Factorial node with the given parameters over `items` (one empty item by default). */
export async function runFactorial(
	params: IDataObject,
	options: FakeContextOptions & { apiVersion?: string } = {},
): Promise<{ output: INodeExecutionData[]; ctx: ReturnType<typeof factorialContext> }> {
	const ctx = factorialContext({ ...options, params: { authentication: 'apiKey', ...params } });
	const [output] = await new Factorial().execute.call(ctx.asExecute());
	return { output, ctx };
}

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });
