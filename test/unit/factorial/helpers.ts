import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
import { Factorial } from '../../../nodes/Factorial/Factorial.node';
import { FactorialOAuth2Api } from '../../../credentials/FactorialOAuth2Api.credentials';
import type { FakeContextOptions } from '../../helpers/executeFunctions';
import { createFakeContext } from '../../helpers/executeFunctions';

export const BASE = 'https://factorial.test';
export const VERSION = '2026-10-01';
export const API_KEY = 'dummy-factorial-key';
export const ROOT = `/api/${VERSION}/resources`;

/** A fake context with a Factorial API key credential pointing at BASE. */
export function factorialContext(options: FakeContextOptions & { apiVersion?: string } = {}) {
	const { apiVersion, ...rest } = options;
	return createFakeContext({
		node: { name: 'Factorial', type: 'n8n-nodes-factorial-jumpcloud.factorial' },
		credentials: {
			factorialApi: { apiKey: API_KEY, environment: 'custom', customUrl: BASE, apiVersion: apiVersion ?? VERSION },
			factorialOAuth2Api: {
				environment: 'custom',
				customUrl: BASE,
				apiVersion: apiVersion ?? VERSION,
				oauthTokenData: { access_token: 'oauth-token-abcdef' },
			},
		},
		credentialTypes: [new FactorialApi(), new FactorialOAuth2Api()],
		...rest,
	});
}

export function page(data: IDataObject[], endCursor?: string, hasNext = endCursor !== undefined) {
	return {
		data,
		meta: { has_next_page: hasNext, has_previous_page: false, end_cursor: endCursor ?? null, limit: 100 },
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
