/**
 * No secret (API keys, OAuth tokens, the webhook challenge) ever appears in node output, error messages,
 * descriptions or anything serialised from an error, on every error path (401, 403, 302, 500, connection
 * reset, validation). A custom base URL only ever receives its own credential, and redirects are never
 * followed with it. Real HTTP: the emulators plus recording servers that misbehave on purpose.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';

import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import { FactorialApi } from '../../credentials/FactorialApi.credentials';
import { FactorialOAuth2Api } from '../../credentials/FactorialOAuth2Api.credentials';
import { JumpCloudApi } from '../../credentials/JumpCloudApi.credentials';
import { JumpCloudOAuth2Api } from '../../credentials/JumpCloudOAuth2Api.credentials';
import { Factorial } from '../../nodes/Factorial/Factorial.node';
import { GenerateUniqueUsername } from '../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { JumpCloud } from '../../nodes/JumpCloud/JumpCloud.node';
import { startFactorialEmulator, startJumpCloudEmulator } from '../emulators';
import { U1 } from '../helpers/jumpcloudIds';
import type { FactorialEmulator, JumpCloudEmulator } from '../emulators';
import { createFakeContext } from '../helpers/executeFunctions';

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async () => undefined,
}));

const FACTORIAL_KEY = 'fk_SECRET_factorial_9f8e7d6c5b4a';
const JUMPCLOUD_KEY = 'jca_SECRET_jumpcloud_1a2b3c4d5e6f';
const WRONG_JUMPCLOUD_KEY = 'jca_SECRET_typo_in_key_77777777';
const JC_TOKEN = 'tok_SECRET_jumpcloud_oauth_5555';
const F_TOKEN = 'tok_SECRET_factorial_oauth_6666';
const F_REFRESH = 'rt_SECRET_factorial_refresh_7777';
const CLIENT_SECRET = 'cs_SECRET_client_secret_8888';
const SECRETS = [
	FACTORIAL_KEY,
	JUMPCLOUD_KEY,
	WRONG_JUMPCLOUD_KEY,
	JC_TOKEN,
	F_TOKEN,
	F_REFRESH,
	CLIENT_SECRET,
];

/** Everything an error or output carries, however deep, as text (circular references cut). */
function serialise(value: unknown): string {
	const seen = new WeakSet<object>();
	const json = JSON.stringify(value, (_key, v: unknown) => {
		if (v && typeof v === 'object') {
			if (seen.has(v)) return '[circular]';
			seen.add(v);
		}
		return v;
	});
	const error = value as {
		message?: string;
		description?: string;
		stack?: string;
		context?: unknown;
		cause?: unknown;
	};
	return [
		json,
		inspect(value, { depth: 12, showHidden: false }),
		error?.message,
		error?.description,
		error?.stack,
		inspect(error?.cause, { depth: 8 }),
	].join('\n');
}

function expectNoSecret(value: unknown): void {
	const text = serialise(value);
	for (const secret of SECRETS) expect(text).not.toContain(secret);
}

interface Recorder {
	url: string;
	requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;
	close(): Promise<void>;
}

/** A server that records everything and answers what `answer` says (it may echo what it received). */
async function recorder(
	answer: (
		req: http.IncomingMessage,
		body: string,
	) => { status: number; body?: unknown; headers?: Record<string, string> },
): Promise<Recorder> {
	const requests: Recorder['requests'] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			const out = answer(req, body);
			if (out.status === 0) {
				req.socket.destroy();
				return;
			}
			res.writeHead(out.status, { 'content-type': 'application/json', ...(out.headers ?? {}) });
			res.end(out.body === undefined ? '' : JSON.stringify(out.body));
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: async () => await new Promise<void>((r) => server.close(() => r())),
	};
}

function context(
	urls: { factorial: string; jumpcloud: string },
	params: IDataObject,
	overrides: { jumpCloudKey?: string; continueOnFail?: boolean } = {},
) {
	return createFakeContext({
		params,
		continueOnFail: overrides.continueOnFail,
		// JumpCloud retries: three attempts, no waiting.
		retry: { policy: { maxAttempts: 3 }, hooks: { sleep: async () => undefined } },
		credentials: {
			factorialApi: { environment: 'custom', customUrl: urls.factorial, apiKey: FACTORIAL_KEY },
			factorialOAuth2Api: {
				environment: 'custom',
				customUrl: urls.factorial,
				clientId: 'cid',
				clientSecret: CLIENT_SECRET,
				oauthTokenData: { access_token: F_TOKEN, refresh_token: F_REFRESH },
			},
			jumpCloudApi: {
				region: 'custom',
				customUrl: urls.jumpcloud,
				apiKey: overrides.jumpCloudKey ?? JUMPCLOUD_KEY,
				orgId: 'org1',
			},
			jumpCloudOAuth2Api: {
				region: 'custom',
				customUrl: urls.jumpcloud,
				orgId: 'org1',
				clientId: 'cid',
				clientSecret: CLIENT_SECRET,
				oauthTokenData: { access_token: JC_TOKEN },
			},
		},
		credentialTypes: [
			new FactorialApi(),
			new FactorialOAuth2Api(),
			new JumpCloudApi(),
			new JumpCloudOAuth2Api(),
		],
	});
}

async function run(
	node: INodeType,
	ctx: ReturnType<typeof context>,
): Promise<{ out?: INodeExecutionData[][]; error?: unknown }> {
	try {
		return { out: (await node.execute!.call(ctx.asExecute())) as INodeExecutionData[][] };
	} catch (error) {
		return { error };
	}
}

const NODE_CALLS: Array<[string, () => INodeType, IDataObject]> = [
	[
		'Factorial Get employee (API key)',
		() => new Factorial(),
		{
			resource: 'employee',
			operation: 'get',
			authentication: 'apiKey',
			employee: { __rl: true, mode: 'id', value: '1' },
			simplify: true,
			options: {},
		},
	],
	[
		'Factorial Get employee (OAuth2)',
		() => new Factorial(),
		{
			resource: 'employee',
			operation: 'get',
			authentication: 'oAuth2',
			employee: { __rl: true, mode: 'id', value: '1' },
			simplify: true,
			options: {},
		},
	],
	[
		'Factorial Get Many teams',
		() => new Factorial(),
		{ resource: 'team', operation: 'getAll', authentication: 'apiKey', returnAll: true },
	],
	[
		'JumpCloud Get user (API key)',
		() => new JumpCloud(),
		{
			resource: 'user',
			operation: 'get',
			authentication: 'apiKey',
			user: { __rl: true, mode: 'email', value: 'a@acme.test' },
			simplify: true,
		},
	],
	[
		'JumpCloud Get user (OAuth2)',
		() => new JumpCloud(),
		{
			resource: 'user',
			operation: 'get',
			authentication: 'oAuth2',
			user: { __rl: true, mode: 'id', value: U1 },
			simplify: true,
		},
	],
	[
		'JumpCloud Create user',
		() => new JumpCloud(),
		{
			resource: 'user',
			operation: 'create',
			authentication: 'apiKey',
			email: 'new@acme.test',
			username: 'new.user',
			state: 'STAGED',
			onUsernameConflict: 'appendNumber',
			additionalFields: { employeeIdentifier: '9' },
			simplify: true,
		},
	],
	[
		'JumpCloud Suspend',
		() => new JumpCloud(),
		{
			resource: 'userState',
			operation: 'suspend',
			authentication: 'apiKey',
			user: { __rl: true, mode: 'employeeIdentifier', value: '9' },
			simplify: true,
		},
	],
	[
		'Generate Unique Username',
		() => new GenerateUniqueUsername(),
		{
			uniquenessCheck: 'jumpCloud',
			authentication: 'apiKey',
			firstName: 'Ana',
			lastName: 'García',
			format: 'first.last',
			lengthLimit: 'standard',
			options: {},
		},
	],
];

describe('hostile servers: errors that echo the request never surface a secret', () => {
	// Each answer reflects every header it received (the key included) back in its error body.
	const echo = (status: number) => (req: http.IncomingMessage) => {
		const said = JSON.stringify(req.headers);
		return { status, body: { message: `denied for ${said}`, error: said, errors: [said] } };
	};
	const cases: Array<
		[
			string,
			(
				req: http.IncomingMessage,
				body: string,
			) => { status: number; body?: unknown; headers?: Record<string, string> },
		]
	> = [
		['401', echo(401)],
		['403', echo(403)],
		['404', echo(404)],
		['400', echo(400)],
		['409', echo(409)],
		['422', echo(422)],
		['429', (req) => ({ ...echo(429)(req), headers: { 'retry-after': '0' } })],
		['500', echo(500)],
		['503', echo(503)],
		[
			'302 to an attacker',
			() => ({ status: 302, headers: { location: `http://127.0.0.1:9/steal?k=${JUMPCLOUD_KEY}` } }),
		],
		['connection reset', () => ({ status: 0 })],
	];

	for (const [name, answer] of cases) {
		it(`${name}: every node's error and continue-on-fail output are free of secrets`, async () => {
			const server = await recorder(answer);
			try {
				for (const [label, make, params] of NODE_CALLS) {
					const failed = await run(
						make(),
						context({ factorial: server.url, jumpcloud: server.url }, params),
					);
					expect({ label, failed: failed.error !== undefined }).toEqual({ label, failed: true });
					expectNoSecret(failed.error);
					const soft = await run(
						make(),
						context({ factorial: server.url, jumpcloud: server.url }, params, {
							continueOnFail: true,
						}),
					);
					expect(soft.error).toBeUndefined();
					expectNoSecret(soft.out);
				}
			} finally {
				await server.close();
			}
		});
	}
});

describe('real emulators: 401, 302, 500 and resets', () => {
	let factorial: FactorialEmulator;
	let jumpcloud: JumpCloudEmulator;
	beforeAll(async () => {
		factorial = await startFactorialEmulator({
			seed: 'security',
			employees: 5,
			apiKey: FACTORIAL_KEY,
		});
		jumpcloud = await startJumpCloudEmulator({ seed: 'security', apiKey: JUMPCLOUD_KEY });
	});
	afterAll(async () => {
		await factorial.close();
		await jumpcloud.close();
	});
	const urls = () => ({ factorial: factorial.url, jumpcloud: jumpcloud.url });

	it('a wrong JumpCloud key (401) and a missing one (302 to the login page)', async () => {
		for (const key of [WRONG_JUMPCLOUD_KEY, '']) {
			for (const [, make, params] of NODE_CALLS.filter(
				([label]) => !label.startsWith('Factorial') && !label.includes('OAuth2'),
			)) {
				const failed = await run(make(), context(urls(), params, { jumpCloudKey: key }));
				expect(failed.error).toBeDefined();
				expect(String((failed.error as Error).message)).toMatch(
					/JumpCloud (did not accept|redirected)/,
				);
				expectNoSecret(failed.error);
			}
		}
	});

	it('500s and connection resets on every request', async () => {
		for (const kind of ['500', 'reset'] as const) {
			factorial.setFaults({ rate: 1, kinds: [kind] });
			jumpcloud.setFaults({ rate: 1, kinds: [kind] });
			for (const [, make, params] of NODE_CALLS.filter(([label]) => !label.includes('OAuth2'))) {
				const failed = await run(make(), context(urls(), params));
				expect(failed.error).toBeDefined();
				expectNoSecret(failed.error);
			}
		}
		factorial.clearFaults();
		jumpcloud.clearFaults();
	});

	it('validation errors and successful outputs carry no secret either', async () => {
		const invalid = await run(
			new JumpCloud(),
			context(urls(), { ...NODE_CALLS[5][2], email: `${JUMPCLOUD_KEY}-not-an-email` }),
		);
		expect(invalid.error).toBeDefined();
		const ok = await run(
			new Factorial(),
			context(urls(), {
				resource: 'employee',
				operation: 'getAll',
				authentication: 'apiKey',
				returnAll: true,
				filters: {},
				simplify: false,
				options: {},
			}),
		);
		expect(ok.error).toBeUndefined();
		expect(ok.out?.[0].length).toBeGreaterThan(0);
		expectNoSecret(ok.out);
	});
});

describe('a custom base URL receives only its own credential', () => {
	it("Factorial's host never sees the JumpCloud key or token and the reverse; redirects are not followed", async () => {
		const jumpcloudHost = await recorder(() => ({ status: 404, body: { message: 'Not Found' } }));
		// Factorial's host redirects everything to the JumpCloud host.
		const factorialHost = await recorder((req) => ({
			status: 307,
			headers: { location: `${jumpcloudHost.url}${req.url ?? ''}` },
		}));
		try {
			for (const [, make, params] of NODE_CALLS) {
				await run(
					make(),
					context({ factorial: factorialHost.url, jumpcloud: jumpcloudHost.url }, params),
				);
			}
			const seen = (r: Recorder) => r.requests.map((q) => JSON.stringify(q)).join('\n');
			// Each host got requests, with its own secret...
			expect(seen(factorialHost)).toContain(FACTORIAL_KEY);
			expect(seen(factorialHost)).toContain(F_TOKEN);
			expect(seen(jumpcloudHost)).toContain(JUMPCLOUD_KEY);
			expect(seen(jumpcloudHost)).toContain(JC_TOKEN);
			// ...and never the other service's, not even through the redirect.
			for (const secret of [JUMPCLOUD_KEY, JC_TOKEN])
				expect(seen(factorialHost)).not.toContain(secret);
			for (const secret of [FACTORIAL_KEY, F_TOKEN, F_REFRESH, CLIENT_SECRET])
				expect(seen(jumpcloudHost)).not.toContain(secret);
			expect(jumpcloudHost.requests.filter((q) => q.url.includes('/resources/'))).toEqual([]);
		} finally {
			await factorialHost.close();
			await jumpcloudHost.close();
		}
	});
});
