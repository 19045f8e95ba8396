/**
 * Every caller of JumpCloud's POST /search/systemusers against the emulator over real HTTP, once with a
 * server that pages from the body (JumpCloud's 2025 SDK and PowerShell module; no body limit = a page of
 * 10) and once with one that pages from the query (the 2023 spec). Where the two disagree is unsettled
 * (test/contracts/jumpcloud.json), so both must give complete answers.
 */
import type { IDataObject } from 'n8n-workflow';

import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { GenerateUniqueUsername } from '../../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';
import { searchUsers } from '../../../nodes/JumpCloud/listSearch';
import { findSystemUsers } from '../../../nodes/JumpCloud/transport';
import {
	startJumpCloudEmulator,
	type JumpCloudEmulator,
	type SearchPaging,
} from '../../emulators/jumpcloud';
import { createFakeContext, type FakeContextOptions } from '../../helpers/executeFunctions';
import { usernameParams } from '../../helpers/username';

const MODES: SearchPaging[] = ['body', 'query'];
const USERS = 250;

describe.each(MODES)('POST /search/systemusers paged from the %s', (mode) => {
	let jc: JumpCloudEmulator;

	beforeAll(async () => {
		jc = await startJumpCloudEmulator({ seed: `search-${mode}`, searchPaging: mode });
		jc.insertUsers(
			Array.from({ length: USERS }, (_, n) => ({
				username: `person${String(n).padStart(3, '0')}`,
				email: `person${n}@example.com`,
				department: 'Sales',
				state: 'ACTIVATED',
			})),
		);
		jc.insertUsers([
			{ username: 'john.smith', email: 'john.smith@example.com', state: 'ACTIVATED' },
			...Array.from({ length: 14 }, (_, n) => ({
				username: `john.smith${n + 1}`,
				email: `john.smith${n + 1}@example.com`,
				state: n % 3 === 0 ? 'SUSPENDED' : 'ACTIVATED',
				suspended: n % 3 === 0,
			})),
		]);
	});
	afterAll(async () => jc.close());

	/** A node context with the API key credential of this emulator. */
	const context = (params: IDataObject, options: FakeContextOptions = {}) =>
		createFakeContext({
			params,
			...options,
			credentials: {
				jumpCloudApi: { region: 'custom', customUrl: jc.url, apiKey: jc.apiKey, orgId: '' },
			},
			credentialTypes: [new JumpCloudApi()],
		});

	/** User → Get Many of the Sales department (simplified), paged as `paging` says. */
	const getManySales = async (paging: IDataObject) => {
		const ctx = context({
			authentication: 'apiKey',
			resource: 'user',
			operation: 'getAll',
			...paging,
			filters: { department: 'Sales' },
			options: {},
			simplify: true,
		});
		const [out] = await new JumpCloud().execute.call(ctx.asExecute());
		return out;
	};

	it('User → Get Many with Return All returns all 250 of 250', async () => {
		const out = await getManySales({ returnAll: true });
		const names = out.map((o) => String(o.json.username));
		expect(names).toHaveLength(USERS);
		expect(new Set(names).size).toBe(USERS);
	});

	it('User → Get Many with a Limit of 150 returns 150', async () => {
		const out = await getManySales({ returnAll: false, limit: 150 });
		expect(new Set(out.map((o) => String(o.json.username))).size).toBe(150);
	});

	it('Generate Unique Username never answers a taken name (john.smith … john.smith14 taken)', async () => {
		const ctx = context(usernameParams(), {
			itemParams: [{ firstName: 'John', lastName: 'Smith' }],
			items: [{ json: {} }],
		});
		const out = await new GenerateUniqueUsername().execute.call(ctx.asExecute());
		expect(out[0][0].json.username).toBe('john.smith15');
	});

	it('the exact lookup the create, upsert and reconciliation use sees every holder', async () => {
		const ctx = context({ authentication: 'apiKey' });
		const names = Array.from({ length: 120 }, (_, n) => `person${String(n).padStart(3, '0')}`);
		const found = await findSystemUsers.call(ctx.asExecute(), { username: names }, [
			'_id',
			'username',
		]);
		expect(found).toHaveLength(120);
	});

	it('the user list in the editor (listSearch) pages through every user', async () => {
		const ctx = context({ authentication: 'apiKey' });
		const seen = new Set<string>();
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await searchUsers.call(ctx.asLoadOptions(), 'person', token);
			for (const r of page.results) seen.add(String(r.value));
			token = page.paginationToken as string | undefined;
			pages++;
		} while (token !== undefined && pages < 100);
		expect(seen.size).toBe(USERS);
	});
});
