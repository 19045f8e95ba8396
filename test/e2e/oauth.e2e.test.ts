/**
 * Both OAuth2 credentials through n8n's own OAuth2 machinery, against the emulators, in a real n8n:
 * - Factorial (authorization code): the credential is connected through n8n's REST endpoints the way the
 *   editor's "Connect" button does it (`/rest/oauth2-credential/auth` → the emulator's /oauth/authorize →
 *   n8n's callback, which exchanges the code at /oauth/token with the client ID and secret in the form
 *   body; the emulator refuses HTTP Basic). Then a workflow runs the Factorial node with it, and the access
 *   token expires during the run (a Wait longer than its lifetime): n8n refreshes it with the refresh token.
 * - JumpCloud (service account, client credentials): n8n fetches the token itself on the first request;
 *   the token expires during the run and n8n fetches a new one.
 * No Bearer token is injected anywhere: every token the nodes use was issued by an emulator to n8n.
 */
import { join } from 'node:path';

import { PACKAGE_NAME, hostFromEnv, packageTarballFromEnv, recordResult } from './lib/host';
import { startEmulators, type Emulators } from './lib/fixtures';
import { N8n, outputOf, type WorkflowEntry } from './lib/n8n';

const host = hostFromEnv();

const OWNER = {
	email: 'oauth-owner@example.com',
	firstName: 'Olga',
	lastName: 'Owner',
	password: 'OAuth-e2e-Passw0rd',
};
const FACTORIAL_CLIENT = { clientId: 'e2e-factorial-app', clientSecret: 'e2e-factorial-secret' };
const JUMPCLOUD_CLIENT = { clientId: 'e2e-jc-service-account', clientSecret: 'e2e-jc-secret' };
/** Token lifetime in both emulators; the workflows wait longer than this between two requests. */
const TOKEN_TTL_SECONDS = 3;
const WAIT_SECONDS = 5;

const FACTORIAL_CREDENTIAL = { id: 'fjOAuthFactorial1', name: 'Factorial OAuth2 (e2e)' };
const JUMPCLOUD_CREDENTIAL = { id: 'fjOAuthJumpCloud1', name: 'JumpCloud OAuth2 (e2e)' };

/** Manual Trigger → node → Wait (longer than the token lives) → the same node again. */
function twoCallsAcrossExpiry(
	id: string,
	node: { type: string; parameters: Record<string, unknown>; credentials: Record<string, unknown> },
): WorkflowEntry {
	const call = (name: string, x: number) => ({
		id: `${id}-${name}`,
		name,
		type: node.type,
		typeVersion: 1,
		position: [x, 0],
		parameters: node.parameters,
		credentials: node.credentials,
		// Once per run, not once per item the first call returned.
		executeOnce: true,
	});
	return {
		id,
		name: `OAuth2 e2e ${id}`,
		nodes: [
			{
				id: `${id}-start`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			call('First Call', 220),
			{
				id: `${id}-wait`,
				name: 'Wait Past Expiry',
				type: 'n8n-nodes-base.wait',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: { resume: 'timeInterval', amount: WAIT_SECONDS, unit: 'seconds' },
			},
			call('Second Call', 660),
		],
		connections: {
			Start: { main: [[{ node: 'First Call', type: 'main', index: 0 }]] },
			'First Call': { main: [[{ node: 'Wait Past Expiry', type: 'main', index: 0 }]] },
			'Wait Past Expiry': { main: [[{ node: 'Second Call', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** A fetch that keeps n8n's auth cookie, like the editor's session. */
function session(baseUrl: string) {
	const jar = new Map<string, string>();
	const remember = (res: Response) => {
		for (const cookie of res.headers.getSetCookie()) {
			const [pair] = cookie.split(';');
			const eq = pair.indexOf('=');
			if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
		}
	};
	return async (path: string, init: RequestInit = {}): Promise<Response> => {
		const url = path.startsWith('http') ? path : `${baseUrl}${path}`;
		const headers = new Headers(init.headers);
		if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
		// n8n 2.x refuses browser-less REST calls without this header on some routes.
		headers.set('browser-id', 'fj-e2e-oauth');
		const res = await fetch(url, { ...init, headers, redirect: 'manual' });
		remember(res);
		return res;
	};
}

describe(`n8n ${host.version}: OAuth2 credentials through n8n's own OAuth2 flow`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	let rest: ReturnType<typeof session>;

	beforeAll(async () => {
		emulators = await startEmulators(
			{ employees: 12, oauth: { ...FACTORIAL_CLIENT, accessTokenTtlSeconds: TOKEN_TTL_SECONDS } },
			{ oauth: { ...JUMPCLOUD_CLIENT, tokenTtlSeconds: TOKEN_TTL_SECONDS } },
		);
		emulators.jumpCloud.insertUsers([
			{ username: 'ana.oauth', email: 'ana.oauth@example.com', state: 'ACTIVATED' },
		]);
		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials([
			{
				...FACTORIAL_CREDENTIAL,
				type: 'factorialOAuth2Api',
				data: {
					environment: 'custom',
					customUrl: emulators.factorial.url,
					...FACTORIAL_CLIENT,
				},
			},
			{
				...JUMPCLOUD_CREDENTIAL,
				type: 'jumpCloudOAuth2Api',
				data: {
					region: 'custom',
					customUrl: emulators.jumpCloud.url,
					orgId: emulators.jumpCloud.orgId,
					...JUMPCLOUD_CLIENT,
				},
			},
		]);
		await n8n.importWorkflows([
			twoCallsAcrossExpiry('fjOAuthFactorialRun', {
				type: `${PACKAGE_NAME}.factorial`,
				parameters: {
					authentication: 'oAuth2',
					resource: 'location',
					operation: 'getAll',
					returnAll: true,
				},
				credentials: { factorialOAuth2Api: FACTORIAL_CREDENTIAL },
			}),
			twoCallsAcrossExpiry('fjOAuthJumpCloudRun', {
				type: `${PACKAGE_NAME}.jumpCloud`,
				parameters: {
					authentication: 'oAuth2',
					resource: 'user',
					operation: 'getAll',
					returnAll: false,
					limit: 5,
				},
				credentials: { jumpCloudOAuth2Api: JUMPCLOUD_CREDENTIAL },
			}),
		]);
		await n8n.start();
		rest = session(n8n.baseUrl);
		const setup = await rest('/rest/owner/setup', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!setup.ok) throw new Error(`owner setup answered ${setup.status}: ${await setup.text()}`);
		const login = await rest('/rest/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				email: OWNER.email,
				emailOrLdapLoginId: OWNER.email,
				password: OWNER.password,
			}),
		});
		if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
	}, 300_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	it('connects the Factorial credential: n8n → /oauth/authorize → callback → /oauth/token (client secret in the body)', async () => {
		const auth = await rest(`/rest/oauth2-credential/auth?id=${FACTORIAL_CREDENTIAL.id}`);
		expect(auth.status).toBe(200);
		const authorizeUrl = new URL(((await auth.json()) as { data: string }).data);
		expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(
			`${emulators.factorial.url}/oauth/authorize`,
		);
		expect(authorizeUrl.searchParams.get('client_id')).toBe(FACTORIAL_CLIENT.clientId);
		expect(authorizeUrl.searchParams.get('response_type')).toBe('code');
		expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(
			`${n8n.baseUrl}/rest/oauth2-credential/callback`,
		);
		// The "admin clicks Authorize" step: the emulator approves at once and redirects to n8n.
		const approved = await fetch(authorizeUrl, { redirect: 'manual' });
		expect(approved.status).toBe(302);
		const callback = new URL(String(approved.headers.get('location')));
		expect(callback.searchParams.get('code')).toBeTruthy();

		const before = emulators.factorial.counters().byRoute['POST oauth/token'] ?? 0;
		const done = await rest(`${callback.pathname}${callback.search}`);
		const page = await done.text();
		expect({ status: done.status, page: page.slice(0, 300) }).toMatchObject({ status: 200 });
		expect(page).not.toMatch(/error/i);
		// n8n exchanged the code once; the emulator refuses Basic, so the secret went in the form body.
		expect(emulators.factorial.counters().byRoute['POST oauth/token']).toBe(before + 1);
		expect(emulators.factorial.counters().byStatus['401'] ?? 0).toBe(0);
	});

	it('runs the Factorial node with the connected credential, refreshing the token that expires mid-run', async () => {
		const tokenRequests = emulators.factorial.counters().byRoute['POST oauth/token'] ?? 0;
		const runData = await n8n.executeOk('fjOAuthFactorialRun');
		const locations = emulators.factorial.state.locations.byId.size;
		expect(outputOf(runData, 'First Call')).toHaveLength(locations);
		expect(outputOf(runData, 'Second Call')).toHaveLength(locations);
		const counters = emulators.factorial.counters();
		// At least one refresh_token grant: the Wait outlived the access token.
		expect(counters.byRoute['POST oauth/token']).toBeGreaterThan(tokenRequests);
		expect(counters.byStatus['401'] ?? 0).toBeGreaterThan(0);
		recordResult(host, { factorialOAuth2: true });
	}, 180_000);

	it('runs the JumpCloud node with the service account: n8n fetches the token and a new one when it expires mid-run', async () => {
		expect(emulators.jumpCloud.counters().byRoute['POST oauth2/token'] ?? 0).toBe(0);
		const runData = await n8n.executeOk('fjOAuthJumpCloudRun');
		expect(outputOf(runData, 'First Call').length).toBeGreaterThan(0);
		expect(outputOf(runData, 'Second Call').length).toBeGreaterThan(0);
		const counters = emulators.jumpCloud.counters();
		expect(counters.byRoute['POST oauth2/token']).toBeGreaterThanOrEqual(2);
		expect(counters.byStatus['401'] ?? 0).toBeGreaterThan(0);
		recordResult(host, { jumpCloudOAuth2: true });
	}, 180_000);
});
