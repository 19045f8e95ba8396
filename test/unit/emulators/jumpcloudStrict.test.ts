/**
 * The JumpCloud emulator refuses by default what the published sources say JumpCloud refuses (issue 24);
 * each leniency is opt-in and named.
 */
import { startJumpCloudEmulator, type JumpCloudEmulator } from '../../emulators';
import type { JumpCloudLeniency } from '../../emulators/jumpcloud';

const CLIENT = { clientId: 'sa-id', clientSecret: 'sa-secret' };

async function withEmulator(
	lenient: JumpCloudLeniency[] | undefined,
	run: (j: JumpCloudEmulator) => Promise<void>,
): Promise<void> {
	const j = await startJumpCloudEmulator({ seed: 'strict', oauth: CLIENT, lenient });
	try {
		await run(j);
	} finally {
		await j.close();
	}
}

const token = (j: JumpCloudEmulator, how: 'basic' | 'body') =>
	fetch(`${j.url}/oauth2/token`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			...(how === 'basic'
				? {
						authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`,
					}
				: {}),
		},
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			scope: 'api',
			...(how === 'body' ? { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret } : {}),
		}).toString(),
	});

const api = (j: JumpCloudEmulator, method: string, path: string, body?: unknown, org?: string) =>
	fetch(`${j.url}/api${path}`, {
		method,
		headers: {
			'x-api-key': j.apiKey,
			...(org === undefined ? {} : { 'x-org-id': org }),
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});

async function suspendedUser(j: JumpCloudEmulator): Promise<string> {
	const created = (await (
		await api(j, 'POST', '/systemusers', {
			username: 'strict.user',
			email: 'strict.user@demo-company.example',
			state: 'ACTIVATED',
		})
	).json()) as { _id: string };
	await api(j, 'PUT', `/systemusers/${created._id}`, { state: 'SUSPENDED', suspended: true });
	return created._id;
}

describe('JumpCloud emulator strictness (defaults follow the published sources)', () => {
	it('token endpoint: client_secret_basic only; credentials in the body are refused', async () => {
		await withEmulator(undefined, async (j) => {
			expect((await token(j, 'basic')).status).toBe(200);
			const inBody = await token(j, 'body');
			expect(inBody.status).toBe(401);
			expect(await inBody.json()).toEqual({ error: 'invalid_client' });
		});
		await withEmulator(['tokenCredentialsInBody'], async (j) => {
			expect((await token(j, 'body')).status).toBe(200);
		});
	});

	it('state/activate refuses a SUSPENDED user (STAGED → ACTIVATED only); PUT state reactivates', async () => {
		await withEmulator(undefined, async (j) => {
			const id = await suspendedUser(j);
			const refused = await api(j, 'POST', `/systemusers/${id}/state/activate`, { email: false });
			expect(refused.status).toBe(400);
			expect(j.findUser({ id })?.state).toBe('SUSPENDED');
			const put = await api(j, 'PUT', `/systemusers/${id}`, { state: 'ACTIVATED' });
			expect(put.status).toBe(200);
			expect(j.findUser({ id })?.state).toBe('ACTIVATED');
		});
		await withEmulator(['activateSuspended'], async (j) => {
			const id = await suspendedUser(j);
			expect((await api(j, 'POST', `/systemusers/${id}/state/activate`, {})).status).toBe(200);
			expect(j.findUser({ id })?.state).toBe('ACTIVATED');
		});
	});

	it('x-org-id: malformed → 400, another org → 404, the org itself → 200', async () => {
		await withEmulator(undefined, async (j) => {
			expect((await api(j, 'GET', '/systemusers?limit=1', undefined, 'not-an-id')).status).toBe(
				400,
			);
			const other = j.orgId.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
			const unknown = await api(j, 'GET', '/systemusers?limit=1', undefined, other);
			expect(unknown.status).toBe(404);
			expect((await api(j, 'GET', '/systemusers?limit=1', undefined, j.orgId)).status).toBe(200);
		});
		await withEmulator(['anyOrgId'], async (j) => {
			expect((await api(j, 'GET', '/systemusers?limit=1', undefined, 'not-an-id')).status).toBe(
				200,
			);
		});
	});
});
