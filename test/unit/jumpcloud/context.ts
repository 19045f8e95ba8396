/** JumpCloud wrapper around the shared fake context: credentials for a custom base URL, instant retries. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { JumpCloudOAuth2Api } from '../../../credentials/JumpCloudOAuth2Api.credentials';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';
import { jumpCloudRetrySettings } from '../../../nodes/JumpCloud/transport';
import type { FakeContext, FakeContextOptions } from '../../helpers/executeFunctions';
import { createFakeContext } from '../../helpers/executeFunctions';

export const BASE = 'https://jc.test';
export const FAKE_KEY_VALUE = ['jca', 'test', 'value'].join('_');
export const FAKE_BEARER_VALUE = 'oauth-token-xyz';

export const sleeps: number[] = [];
jumpCloudRetrySettings.hooks = {
	sleep: async (ms: number) => {
		sleeps.push(ms);
	},
	random: () => 0.5,
};

export function jcContext(params: IDataObject, options: FakeContextOptions & { orgId?: string } = {}): FakeContext {
	const { orgId, ...rest } = options;
	return createFakeContext({
		params: { authentication: 'apiKey', ...params },
		credentials: {
			jumpCloudApi: { region: 'custom', customUrl: BASE, apiKey: FAKE_KEY_VALUE, orgId: orgId ?? '' },
			jumpCloudOAuth2Api: {
				region: 'custom',
				customUrl: BASE,
				orgId: orgId ?? '',
				clientId: 'cid',
				clientSecret: 'csecret',
				oauthTokenData: { access_token: FAKE_BEARER_VALUE },
			},
		},
		credentialTypes: [new JumpCloudApi(), new JumpCloudOAuth2Api()],
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
		_id: 'u1',
		id: 'u1',
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
	const and = ((body as IDataObject)?.filter as IDataObject | undefined)?.and as IDataObject[] | undefined;
	const clause = and?.find((c) => field in c) as IDataObject | undefined;
	return (clause?.[field] as IDataObject | undefined)?.$regex as string | undefined;
}
