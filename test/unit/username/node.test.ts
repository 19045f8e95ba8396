import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { GenerateUniqueUsername } from '../../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { createFakeContext } from '../../helpers/executeFunctions';
import { usernameParams } from '../../helpers/username';

const BASE = 'https://jc.test';
const credentials = {
	jumpCloudApi: { region: 'custom', customUrl: BASE, apiKey: 'test-key', orgId: '' },
};

interface SearchBody {
	filter: { and: Array<{ username: { $regex: string } }> };
	fields: string;
}

/** A JumpCloud stand-in that answers the search with the users whose name matches the sent regex. */
function directory(usernames: string[]) {
	const bodies: SearchBody[] = [];
	const queries: Array<Record<string, string>> = [];
	const scope = nock(BASE)
		.persist()
		.post('/api/search/systemusers')
		.query(true)
		// nock 14 hands the reply function the request path and the parsed JSON body.
		.reply(function (uri: string, requestBody: unknown) {
			const sent = (
				typeof requestBody === 'string' ? JSON.parse(requestBody) : requestBody
			) as SearchBody;
			bodies.push(sent);
			const query = Object.fromEntries(new URL(uri, BASE).searchParams);
			queries.push(query);
			// JumpCloud takes PCRE's inline (?i); JavaScript needs it as a flag.
			const source = sent.filter.and[0].username.$regex.replace(/^\(\?i\)/, '');
			const re = new RegExp(source, 'i');
			const matches = usernames.filter((u) => re.test(u));
			const skip = Number(query.skip ?? 0);
			const limit = Number(query.limit ?? 10);
			return [
				200,
				{
					totalCount: matches.length,
					results: matches.slice(skip, skip + limit).map((username) => ({ username })),
				},
			];
		});
	return { scope, bodies, queries };
}

function run(params: IDataObject, itemParams: IDataObject[] = [{}], continueOnFail = false) {
	const ctx = createFakeContext({
		params: usernameParams(params),
		itemParams,
		items: itemParams.map((_, i) => ({ json: { row: i } })),
		credentials,
		retry: { hooks: { sleep: async () => {} } },
		credentialTypes: [new JumpCloudApi()],
		continueOnFail,
	});
	return { ctx, promise: new GenerateUniqueUsername().execute.call(ctx.asExecute()) };
}

function jsonOf(out: INodeExecutionData[][]) {
	return out[0].map((o) => o.json);
}

describe('GenerateUniqueUsername node', () => {
	beforeEach(() => nock.disableNetConnect());
	afterEach(() => {
		nock.cleanAll();
		nock.enableNetConnect();
	});

	it.each([0, 5, 50])(
		'makes exactly one request per item with %i existing collisions',
		async (existing) => {
			const taken = existing
				? ['ana.garcia', ...Array.from({ length: existing - 1 }, (_, i) => `ana.garcia${i + 1}`)]
				: [];
			const dir = directory([...taken, 'ana.garcias', 'bob.garcia', 'ana.garcia.x']);
			const { ctx, promise } = run({ firstName: 'Ana', lastName: 'García' });
			const [item] = jsonOf(await promise);
			expect(ctx.requests).toHaveLength(1);
			expect(item).toMatchObject({
				username: existing ? `ana.garcia${existing}` : 'ana.garcia',
				base: 'ana.garcia',
				collisionsSkipped: existing,
				source: 'name',
				notes: [],
				uniquenessCheck: 'jumpCloud',
			});
			expect(dir.bodies[0]).toEqual({
				filter: {
					and: [{ username: { $regex: '(?i)^(?:ana\\.garcia|ana\\.garcia[1-9][0-9]{0,3})$' } }],
				},
				fields: 'username',
				limit: 100,
				skip: 0,
			});
			expect(dir.queries[0]).toEqual({ limit: '100', skip: '0' });
			expect(ctx.requests[0]).toMatchObject({
				method: 'POST',
				url: `${BASE}/api/search/systemusers`,
			});
			expect(ctx.requests[0].headers['x-api-key']).toBe('test-key');
		},
	);

	it('checks case-insensitively and counts suspended users (no state filter in the query)', async () => {
		const dir = directory(['Ana.Garcia', 'ANA.GARCIA1']);
		const { promise } = run({ firstName: 'Ana', lastName: 'García' });
		expect(jsonOf(await promise)[0]).toMatchObject({
			username: 'ana.garcia2',
			collisionsSkipped: 2,
		});
		expect(Object.keys(dir.bodies[0].filter.and[0])).toEqual(['username']);
	});

	it('reserves names across items of one run: one request per item, ana.garcia then ana.garcia1', async () => {
		const dir = directory(['ana.garcia.old']);
		const { ctx, promise } = run({}, [
			{ firstName: 'Ana', lastName: 'García' },
			{ firstName: 'ANA', lastName: 'Garcia' },
			{ firstName: 'Søren', lastName: 'Ødegård' },
		]);
		const out = await promise;
		expect(jsonOf(out).map((j) => j.username)).toEqual([
			'ana.garcia',
			'ana.garcia1',
			'soren.odegard',
		]);
		expect(out[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(ctx.requests).toHaveLength(3);
		expect(dir.bodies).toHaveLength(3);
	});

	it('tries alternate formats and the reserved list in the same single request', async () => {
		directory(['jsmith']);
		const { ctx, promise } = run({
			firstName: 'John',
			lastName: 'Smith',
			format: 'flast',
			options: { alternateFormats: ['first.last'], reservedUsernames: 'john.smith, admin' },
		});
		expect(jsonOf(await promise)[0]).toMatchObject({ username: 'jsmith1', collisionsSkipped: 2 });
		expect(ctx.requests).toHaveLength(1);
	});

	it('fits the number inside the Windows length', async () => {
		directory(['maximiliana.wolfesch', 'maximiliana.wolfesc1']);
		const { promise } = run({
			firstName: 'Maximiliana',
			lastName: 'Wolfeschlegelsteinhausen',
			lengthLimit: 'windows',
		});
		expect(jsonOf(await promise)[0]).toMatchObject({
			username: 'maximiliana.wolfesc2',
			base: 'maximiliana.wolfesch',
		});
	});

	it('pages only when more than 100 users match (documented exception to one request)', async () => {
		const taken = ['ana.garcia', ...Array.from({ length: 149 }, (_, i) => `ana.garcia${i + 1}`)];
		directory(taken);
		const { ctx, promise } = run({ firstName: 'Ana', lastName: 'García' });
		expect(jsonOf(await promise)[0]).toMatchObject({
			username: 'ana.garcia150',
			collisionsSkipped: 150,
		});
		expect(ctx.requests).toHaveLength(2);
	});

	it('uses the fallback for a Chinese name and says so', async () => {
		directory(['e1042']);
		const { promise } = run({ firstName: '李', lastName: '小龙', fallbackValue: 'E1042' });
		const [item] = jsonOf(await promise);
		expect(item).toMatchObject({ username: 'e10421', base: 'e1042', source: 'fallback' });
		expect((item.notes as string[]).join(' ')).toMatch(/Han .*fallback value/);
	});

	it('makes zero requests in No Check mode and still reserves within the run', async () => {
		const { ctx, promise } = run(
			{ uniquenessCheck: 'none', options: { reservedUsernames: 'ana.garcia' } },
			[
				{ firstName: 'Ana', lastName: 'García' },
				{ firstName: 'Ana', lastName: 'García' },
			],
		);
		const out = jsonOf(await promise);
		expect(out.map((j) => j.username)).toEqual(['ana.garcia1', 'ana.garcia2']);
		expect(out[0].uniquenessCheck).toBe('none');
		expect(ctx.requests).toHaveLength(0);
	});

	it('keeps input fields only when asked', async () => {
		const { promise } = run({
			uniquenessCheck: 'none',
			firstName: 'A',
			lastName: 'B',
			options: { includeInputFields: true },
		});
		expect(jsonOf(await promise)[0]).toMatchObject({ row: 0, username: 'a.b' });
	});

	it('fails with a NodeOperationError naming the item and the field to fix', async () => {
		const { ctx, promise } = run({ uniquenessCheck: 'none' }, [
			{ firstName: 'Ana', lastName: 'García' },
			{ firstName: '王', lastName: '芳' },
		]);
		const error = await promise.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toMatch(
			/No usable username.*Han.*\(item 1, 'Fallback Value'\)/,
		);
		expect((error as NodeOperationError).description).toMatch(/Fallback Value/);
		expect(ctx.requests).toHaveLength(0);
	});

	it('names the Custom Format field for a bad template, before any request', async () => {
		const { ctx, promise } = run({
			format: 'custom',
			template: '{first}@{last}',
			firstName: 'A',
			lastName: 'B',
		});
		await expect(promise).rejects.toThrow(/\(item 0, 'Custom Format'\)/);
		expect(ctx.requests).toHaveLength(0);
	});

	it('continues on fail with the error paired to its item', async () => {
		directory([]);
		const { promise } = run(
			{},
			[
				{ firstName: '', lastName: '' },
				{ firstName: 'Ana', lastName: 'García' },
			],
			true,
		);
		const out = await promise;
		expect(out[0][0]).toEqual({
			json: { error: expect.stringMatching(/No usable username/) },
			pairedItem: { item: 0 },
		});
		expect(out[0][1]).toMatchObject({ json: { username: 'ana.garcia' }, pairedItem: { item: 1 } });
	});

	it('surfaces a JumpCloud auth failure as NodeApiError without leaking the key', async () => {
		nock(BASE).post('/api/search/systemusers').query(true).reply(401, { message: 'Unauthorized' });
		const { promise } = run({ firstName: 'Ana', lastName: 'García' });
		const error = await promise.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(JSON.stringify(error)).not.toContain('test-key');
	});
});
