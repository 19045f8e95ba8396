import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { JUMPCLOUD_BASE as BASE, byId, byMode, regexOf, runNode, user } from '../contexts';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';
import { U1, U2, U5, U9 } from '../../helpers/jumpcloudIds';

afterEach(() => nock.cleanAll());

/** Scripted POST /api/search/systemusers: each call gets the next answer; bodies are recorded. */
function searches(answers: IDataObject[][]): IDataObject[] {
	const bodies: IDataObject[] = [];
	let call = 0;
	nock(BASE)
		.post('/api/search/systemusers', (body) => {
			bodies.push(body);
			return true;
		})
		.query(true)
		.times(answers.length)
		.reply(() => {
			const results = answers[call++] ?? [];
			return [200, { totalCount: results.length, results }];
		});
	return bodies;
}

/** POST /api/systemusers answers the sent user as `_id`; `sent.body` is what the node posted. */
function createsUser(_id: string): { body?: IDataObject } {
	const sent: { body?: IDataObject } = {};
	nock(BASE)
		.post('/api/systemusers', (b) => {
			sent.body = b;
			return true;
		})
		.reply(200, (_uri, b) => ({ ...user(), ...(b as IDataObject), _id }));
	return sent;
}

/**
 * GET /api/systemusers/U1 answers `current`; the PUT answers `current` with the sent fields merged (or
 * `answer`). `sent.body` is the PUT's body once the node has written.
 */
function readThenWrite(current: IDataObject, answer?: IDataObject): { body?: IDataObject } {
	const sent: { body?: IDataObject } = {};
	nock(BASE)
		.get(`/api/systemusers/${U1}`)
		.reply(200, current)
		.put(`/api/systemusers/${U1}`, (b) => {
			sent.body = b;
			return true;
		})
		.reply(200, (_u, b) => answer ?? { ...current, ...(b as IDataObject) });
	return sent;
}

const createParams = {
	resource: 'user',
	operation: 'create',
	email: 'Jane.Doe+hr@example.com',
	username: 'jdoe',
	state: 'STAGED',
	onUsernameConflict: 'fail',
	additionalFields: {
		firstName: 'Jane',
		lastName: 'Doe',
		employeeIdentifier: 'E1',
		attributes: { attribute: [{ name: 'hrisId', value: '42' }] },
		phoneNumbers: { phoneNumber: [{ type: 'mobile', number: '+49 1' }] },
	},
	simplify: true,
};

describe('User → Create', () => {
	it('checks employee identifier, email and username, then creates STAGED', async () => {
		const bodies = searches([[], [], []]);
		const created = createsUser('new1');
		const { json } = await runNode(createParams);
		expect(regexOf(bodies[0], 'employeeIdentifier')).toBe('(?i)^E1$');
		expect(regexOf(bodies[1], 'email')).toBe('(?i)^Jane\\.Doe\\+hr@example\\.com$');
		expect(regexOf(bodies[2], 'username')).toBe('(?i)^jdoe$');
		expect(created.body).toEqual({
			email: 'Jane.Doe+hr@example.com',
			username: 'jdoe',
			firstname: 'Jane',
			lastname: 'Doe',
			employeeIdentifier: 'E1',
			attributes: [{ name: 'hrisId', value: '42' }],
			phoneNumbers: [{ type: 'mobile', number: '+49 1' }],
			state: 'STAGED',
			suspended: false,
		});
		expect(json[0]).toMatchObject({
			id: 'new1',
			username: 'jdoe',
			state: 'STAGED',
			created: true,
			usernameAdjusted: false,
		});
		expect(json[0]).not.toHaveProperty('phoneNumbers');
	});

	it.each([
		['nothing chosen', undefined, 'STAGED', false],
		['Activated', 'ACTIVATED', 'ACTIVATED', false],
		['Suspended', 'SUSPENDED', 'SUSPENDED', true],
	])(
		'Initial State (%s) decides the created state, Staged by default',
		async (_label, chosen, state, suspended) => {
			searches([[], [], []]);
			const created = createsUser('new1');
			const { state: _omit, ...withoutState } = createParams;
			const { json } = await runNode(
				chosen === undefined ? withoutState : { ...withoutState, state: chosen },
			);
			expect(created.body).toMatchObject({ state, suspended });
			expect(json[0]).toMatchObject({ created: true, state });
		},
	);

	it('offers Initial State on Create with Staged as the n8n default', () => {
		const state = new JumpCloud().description.properties.find(
			(p) =>
				p.name === 'state' &&
				p.displayOptions?.show?.resource?.includes('user') &&
				p.displayOptions?.show?.operation?.includes('create'),
		);
		expect(state?.default).toBe('STAGED');
		expect(state?.options?.map((o) => (o as { value: string }).value)).toEqual([
			'STAGED',
			'ACTIVATED',
			'SUSPENDED',
		]);
	});

	it('fails before creating when the person already exists (by employee identifier)', async () => {
		searches([[user({ employeeIdentifier: 'E1' })]]);
		await expect(runNode(createParams)).rejects.toThrow(
			`employee identifier already exists: "jdoe" (${U1}) [item 0]`,
		);
	});

	it('fails on a taken username by default', async () => {
		searches([[], [], [user({ _id: U9, username: 'JDoe' })]]);
		await expect(runNode(createParams)).rejects.toThrow(
			`username "jdoe" is already taken by JumpCloud user ${U9}`,
		);
	});

	it('Append Next Number skips taken names and retries after a race (duplicate answer)', async () => {
		const bodies = searches([[], [], [user({ username: 'jdoe' })], [], []]);
		const posted: string[] = [];
		nock(BASE)
			.post('/api/systemusers', (b) => {
				posted.push(String(b.username));
				return true;
			})
			.reply(400, { message: 'User already exists' })
			.post('/api/systemusers', (b) => {
				posted.push(String(b.username));
				return true;
			})
			.reply(200, (_uri, b) => ({ ...user(), ...(b as IDataObject), _id: 'new2' }));
		const { json } = await runNode({ ...createParams, onUsernameConflict: 'appendNumber' });
		expect(regexOf(bodies[2], 'username')).toMatch(/^\(\?i\)\^\(\?:jdoe\|jdoe1\|jdoe2\|/);
		// The re-check after the duplicate answer found no person with this email/ID: it was the username.
		expect(regexOf(bodies[3], 'employeeIdentifier')).toBe('(?i)^E1$');
		expect(regexOf(bodies[4], 'email')).toBeDefined();
		expect(posted).toEqual(['jdoe1', 'jdoe2']);
		expect(json[0]).toMatchObject({ username: 'jdoe2', created: true, usernameAdjusted: true });
	});

	it('Append Next Number continues from a generated number and fits the Maximum Username Length', async () => {
		searches([[], [], [user({ username: 'alexandra.konstanti1' })]]);
		const posted: string[] = [];
		nock(BASE)
			.post('/api/systemusers', (b) => {
				posted.push(String(b.username));
				return true;
			})
			.reply(200, (_uri, b) => ({ ...user(), ...(b as IDataObject), _id: 'new3' }));
		const { json } = await runNode({
			...createParams,
			username: 'alexandra.konstanti1',
			onUsernameConflict: 'appendNumber',
			usernameMaxLength: 20,
		});
		expect(posted).toEqual(['alexandra.konstanti2']);
		expect(json[0]).toMatchObject({ username: 'alexandra.konstanti2', usernameAdjusted: true });
	});

	it('rejects a username longer than the Maximum Username Length, and a bad length, before any request', async () => {
		const long = await runNode(
			{
				...createParams,
				username: 'alexandra.konstantin',
				onUsernameConflict: 'appendNumber',
				usernameMaxLength: 12,
			},
			{ continueOnFail: true },
		);
		expect(long.ctx.requests).toHaveLength(0);
		expect(long.json[0].error).toBe(
			"'Username' is longer than the Maximum Username Length (12) [item 0]",
		);
		const bad = await runNode(
			{ ...createParams, onUsernameConflict: 'appendNumber', usernameMaxLength: 2.5 },
			{ continueOnFail: true },
		);
		expect(bad.ctx.requests).toHaveLength(0);
		expect(bad.json[0].error).toMatch(
			/^'Maximum Username Length' must be 0 or a whole number from 3 to 1024 \[item 0\]$/,
		);
	});

	it('stops retrying when the duplicate answer was the person itself', async () => {
		searches([[], [], [], [user()]]);
		nock(BASE).post('/api/systemusers').reply(409, { message: 'User already exists' });
		await expect(runNode({ ...createParams, onUsernameConflict: 'appendNumber' })).rejects.toThrow(
			/already exists: "jdoe"/,
		);
	});

	it('validates before any request and names item and field', async () => {
		const { ctx, json } = await runNode(
			{ ...createParams, email: 'not-an-email' },
			{ continueOnFail: true },
		).then(
			(r) => r,
			(e) => {
				throw e;
			},
		);
		expect(ctx.requests).toHaveLength(0);
		expect(json[0].error).toBe('\'Email\' "not-an-email" is not a valid email address [item 0]');
	});

	it('takes what an expression produced: null collection is empty, a number is text, an object is refused by name', async () => {
		const objectEmail = await runNode(
			{ ...createParams, email: { address: 'x' } },
			{ continueOnFail: true },
		);
		expect(objectEmail.ctx.requests).toHaveLength(0);
		expect(objectEmail.json[0].error).toBe("'Email' must be text, not an object [item 0]");
		const objectField = await runNode(
			{ ...createParams, additionalFields: { lastName: ['Doe'] } },
			{ continueOnFail: true },
		);
		expect(objectField.json[0].error).toBe("'Last Name' must be text, not a list [item 0]");
		const bodies = searches([[], []]);
		const created = createsUser('new4');
		// A number is read as its text, which a username may not be (it must start with a letter).
		const numeric = await runNode(
			{ ...createParams, additionalFields: null, username: 12345 },
			{ continueOnFail: true },
		);
		expect(numeric.json[0].error).toBe(
			'\'Username\' "12345" may contain only letters, digits, ".", "_" and "-" and must start with a letter [item 0]',
		);
		expect(numeric.ctx.requests).toHaveLength(0);
		const nullFields = await runNode({
			...createParams,
			additionalFields: null,
			username: 'j12345',
		});
		expect(regexOf(bodies[1], 'username')).toBe('(?i)^j12345$');
		expect(created.body).toEqual({
			email: 'Jane.Doe+hr@example.com',
			username: 'j12345',
			state: 'STAGED',
			suspended: false,
		});
		expect(nullFields.json[0]).toMatchObject({ created: true, username: 'j12345' });
	});

	it('rejects invalid custom attribute names', async () => {
		await expect(
			runNode({
				...createParams,
				additionalFields: { attributes: { attribute: [{ name: 'hris id', value: '1' }] } },
			}),
		).rejects.toThrow(/'Custom Attributes' name "hris id" must be 1 to 31 letters or digits/);
	});

	it('resolves Manager Email to the manager ID', async () => {
		const bodies = searches([[user({ _id: 'boss1', email: 'boss@example.com' })], [], [], []]);
		let created: IDataObject | undefined;
		nock(BASE)
			.post('/api/systemusers', (b) => {
				created = b;
				return true;
			})
			.reply(200, { _id: 'n' });
		await runNode({ ...createParams, additionalFields: { managerEmail: 'boss@example.com' } });
		expect(regexOf(bodies[0], 'email')).toBe('(?i)^boss@example\\.com$');
		expect(created?.manager).toBe('boss1');
	});
});

describe('User → Create or Update', () => {
	const upsert = { ...createParams, operation: 'upsert', options: {} };

	it('creates when nobody matches (one lookup per key, not repeated)', async () => {
		searches([[], [], []]);
		nock(BASE).post('/api/systemusers').reply(200, { _id: 'n1', username: 'jdoe' });
		const { json } = await runNode(upsert);
		expect(json[0]).toMatchObject({ created: true, updated: false, matchedBy: null });
	});

	it('updates the user matched by employee identifier, merging lists, without touching the username', async () => {
		const current = user({
			_id: U1,
			username: 'jane.old',
			email: 'old@example.com',
			employeeIdentifier: 'E1',
			attributes: [{ name: 'site', value: 'BER' }],
			phoneNumbers: [{ id: 'p', type: 'work', number: '2' }],
		});
		searches([[current]]);
		const put = readThenWrite(current);
		const { json } = await runNode(upsert);
		expect(put.body).toEqual({
			email: 'Jane.Doe+hr@example.com',
			phoneNumbers: [
				{ type: 'work', number: '2' },
				{ type: 'mobile', number: '+49 1' },
			],
			attributes: [
				{ name: 'site', value: 'BER' },
				{ name: 'hrisId', value: '42' },
			],
		});
		expect(json[0]).toMatchObject({
			updated: true,
			created: false,
			matchedBy: 'employeeIdentifier',
			username: 'jane.old',
		});
	});

	it('reports unchanged without a PUT', async () => {
		const current = user({ email: 'jane.doe+HR@example.com', firstname: 'Jane', lastname: 'Doe' });
		searches([[current]]);
		nock(BASE).get(`/api/systemusers/${U1}`).reply(200, current);
		const { json, ctx } = await runNode({
			...upsert,
			additionalFields: { firstName: 'Jane', lastName: 'Doe' },
		});
		expect(json[0]).toMatchObject({ unchanged: true, updated: false, matchedBy: 'email' });
		expect(ctx.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
	});

	it('matches employee identifiers exactly: "e1" is not employee "E1"', async () => {
		// The server's regex is case-insensitive; the client re-check is not.
		searches([[user({ employeeIdentifier: 'e1' })], [], []]);
		nock(BASE).post('/api/systemusers').reply(200, { _id: 'n1', username: 'jdoe' });
		const { json } = await runNode(upsert);
		expect(json[0]).toMatchObject({ created: true, matchedBy: null });
	});

	describe('adoption: a user found by email without employee identifier', () => {
		const unlinked = (over: IDataObject = {}) =>
			user({ employeeIdentifier: '', email: 'jane.doe+HR@example.com', ...over });

		it('is refused by default (the item fails, nothing is written)', async () => {
			searches([[], [unlinked()]]);
			await expect(runNode(upsert)).rejects.toThrow(
				/has this email but no employee identifier; it was not given "E1": adoption by email is off/,
			);
		});

		it('a suspended user is never adopted, even in the allowed domain', async () => {
			searches([[], [unlinked({ state: 'SUSPENDED', suspended: true })]]);
			await expect(
				runNode({
					...upsert,
					options: { adoptByEmail: true, adoptionEmailDomains: 'example.com' },
				}),
			).rejects.toThrow(/suspended users are never adopted/);
		});

		it('outside the allow-list it is refused', async () => {
			searches([[], [unlinked()]]);
			await expect(
				runNode({ ...upsert, options: { adoptByEmail: true, adoptionEmailDomains: 'acme.com' } }),
			).rejects.toThrow(/outside the adoption allow-list/);
		});

		it('in an allowed group it is adopted and says so', async () => {
			const group = 'aaaaaaaaaaaaaaaaaaaaaaaa';
			const current = unlinked();
			searches([[], [current]]);
			nock(BASE)
				.get(`/api/v2/users/${U1}/memberof`)
				.query(true)
				.reply(200, [{ id: group, type: 'user_group', paths: [] }], { 'x-total-count': '1' });
			const put = readThenWrite(current);
			const { json } = await runNode({
				...upsert,
				options: { adoptByEmail: true, adoptionGroupIds: group },
			});
			expect(put.body).toMatchObject({ employeeIdentifier: 'E1' });
			expect(json[0]).toMatchObject({ updated: true, adopted: true, matchedBy: 'email' });
		});
	});

	it('refuses to change a user whose email matches but whose employee identifier differs', async () => {
		searches([[], [user({ employeeIdentifier: 'E999', email: 'jane.doe+HR@example.com' })]]);
		await expect(runNode(upsert)).rejects.toThrow(
			/belongs to JumpCloud user "jdoe" with employee identifier "E999", not "E1"/,
		);
	});
});

describe('User → Get, Get Many, Delete', () => {
	it('refuses a locator email the other email fields refuse (no dot in the domain) before any request', async () => {
		const { ctx, json } = await runNode(
			{
				resource: 'user',
				operation: 'get',
				user: byMode('email', 'jane@localhost'),
				simplify: true,
			},
			{ continueOnFail: true },
		);
		expect(ctx.requests).toHaveLength(0);
		expect(json[0].error).toBe(
			'\'User to Get\' "jane@localhost" is not a valid email address [item 0]',
		);
	});

	it('gets by ID, simplified', async () => {
		nock(BASE)
			.get(`/api/systemusers/${U1}`)
			.reply(200, user({ mfa: {}, ssh_keys: [] }));
		const { json } = await runNode({
			resource: 'user',
			operation: 'get',
			user: byId(U1),
			simplify: true,
		});
		expect(Object.keys(json[0]).sort()).toEqual(
			[
				'department',
				'email',
				'employeeIdentifier',
				'firstname',
				'id',
				'jobTitle',
				'lastname',
				'state',
				'username',
			].sort(),
		);
	});

	it.each([
		['email', 'JANE.DOE@example.com', 'email'],
		['username', 'JDOE', 'username'],
		['employeeIdentifier', 'E1', 'employeeIdentifier'],
	])(
		'gets by %s (exact; case-insensitive except the employee identifier)',
		async (mode, value, field) => {
			const bodies = searches([[user()]]);
			const { json } = await runNode({
				resource: 'user',
				operation: 'get',
				user: byMode(mode, value),
				simplify: false,
			});
			expect(regexOf(bodies[0], field)).toBeDefined();
			expect(json[0]._id).toBe(U1);
		},
	);

	it('gets by employee identifier only on an exact match: "e1" is not employee "E1"', async () => {
		// The server's regex search is case-insensitive, so it answers with E1; the node re-checks.
		searches([[user({ employeeIdentifier: 'E1' })]]);
		await expect(
			runNode({ resource: 'user', operation: 'get', user: byMode('employeeIdentifier', 'e1') }),
		).rejects.toThrow('No JumpCloud user has the employee identifier "e1" [item 0]');
	});

	it('says clearly when no user matches', async () => {
		searches([[]]);
		await expect(
			runNode({ resource: 'user', operation: 'get', user: byMode('email', 'x@example.com') }),
		).rejects.toThrow('No JumpCloud user has the email "x@example.com" [item 0]');
	});

	describe("a Leaver's or Mover's lookup: 'Then Check Email' and 'If No User Matches'", () => {
		const lookup = (extra: IDataObject = {}) => ({
			resource: 'user',
			operation: 'get',
			user: byMode('employeeIdentifier', '1187'),
			checkEmail: 'lena.fischer@example.com',
			ifNotFound: 'outputNotFound',
			simplify: true,
			...extra,
		});

		it('outputs one not-found item (nothing changed) when neither the employee identifier nor the email matches', async () => {
			const bodies = searches([[], []]);
			const { ctx, json } = await runNode(lookup());
			expect(regexOf(bodies[0], 'employeeIdentifier')).toBe('(?i)^1187$');
			expect(regexOf(bodies[1], 'email')).toBe('(?i)^lena\\.fischer@example\\.com$');
			expect(ctx.requests.every((r) => r.method === 'POST' && /search/.test(r.url))).toBe(true);
			expect(json).toEqual([
				{
					found: false,
					lookedUpBy: 'employee identifier, then email',
					lookupValue: '1187',
					email: 'lena.fischer@example.com',
					reason:
						'No JumpCloud user has the employee identifier "1187" or the email "lena.fischer@example.com"',
				},
			]);
		});

		it('returns the user found by employee identifier, marked found, without asking by email', async () => {
			const bodies = searches([[user({ employeeIdentifier: '1187' })]]);
			const { json } = await runNode(lookup());
			expect(bodies).toHaveLength(1);
			expect(json[0]).toMatchObject({ id: U1, username: 'jdoe', found: true });
		});

		it.each([
			[
				'no employee identifier (not linked)',
				{},
				'JumpCloud user "jdoe" has the email "lena.fischer@example.com" but no employee identifier, so it is not linked to employee "1187" [item 0]',
			],
			[
				'another employee identifier',
				{ employeeIdentifier: '999' },
				'JumpCloud user "jdoe" has the email "lena.fischer@example.com" but the employee identifier "999", not "1187" [item 0]',
			],
		])(
			'never returns a user found only by email (%s): it fails and names it',
			async (_case, fields, message) => {
				const found = user({ email: 'lena.fischer@example.com', ...fields });
				if (!('employeeIdentifier' in fields)) delete found.employeeIdentifier;
				searches([[], [found]]);
				await expect(runNode(lookup())).rejects.toThrow(message);
			},
		);

		const twoUsers = (fields: IDataObject) => [
			user({ _id: 'a1', ...fields }),
			user({ _id: 'a2', ...fields }),
		];
		it.each([
			[
				'the employee identifier, even with Output a Not-Found Item',
				[twoUsers({ employeeIdentifier: '1187' })],
				'2 JumpCloud users have the employee identifier "1187" [item 0]',
			],
			[
				'the email and none the employee identifier',
				[[], twoUsers({ email: 'lena.fischer@example.com' })],
				'2 JumpCloud users have the email "lena.fischer@example.com" and none has the employee identifier "1187" [item 0]',
			],
		])('fails when two users have %s', async (_case, answers, message) => {
			searches(answers);
			await expect(runNode(lookup())).rejects.toThrow(message);
		});

		it('by default still fails when nothing matches, now naming both lookups', async () => {
			searches([[], []]);
			await expect(runNode(lookup({ ifNotFound: undefined }))).rejects.toThrow(
				'No JumpCloud user has the employee identifier "1187" or the email "lena.fischer@example.com" [item 0]',
			);
		});

		it('an ID that JumpCloud does not know (404) is a not-found item too', async () => {
			nock(BASE)
				.get('/api/systemusers/5f1b2c3d4e5f6a7b8c9d0e1f')
				.reply(404, { message: 'Not Found' });
			const { json } = await runNode(
				lookup({ user: byId('5f1b2c3d4e5f6a7b8c9d0e1f'), checkEmail: '' }),
			);
			expect(json[0]).toMatchObject({ found: false, lookedUpBy: 'ID' });
		});

		it("refuses 'Then Check Email' with any locator other than the employee identifier, before any request", async () => {
			const { ctx, json } = await runNode(lookup({ user: byMode('username', 'jdoe') }), {
				continueOnFail: true,
			});
			expect(ctx.requests).toHaveLength(0);
			expect(json[0].error).toBe(
				"'Then Check Email' only applies when User to Get is By Employee Identifier [item 0]",
			);
		});
	});

	it('gets many with filters, paging through all results', async () => {
		const page = Array.from({ length: 100 }, (_, n) => user({ _id: `u${n}` }));
		const bodies: IDataObject[] = [];
		nock(BASE)
			.post('/api/search/systemusers', (b) => {
				bodies.push(b);
				return true;
			})
			.query({ limit: 100, skip: 0 })
			.reply(200, { totalCount: 101, results: page })
			.post('/api/search/systemusers')
			.query({ limit: 100, skip: 100 })
			.reply(200, { totalCount: 101, results: [user({ _id: 'last' })] });
		const { json, out } = await runNode({
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			filters: { department: 'R&D', state: 'STAGED', email: 'a+b@x.io', searchText: 'jan' },
			options: {},
			simplify: true,
		});
		expect(json).toHaveLength(101);
		expect(out[100].pairedItem).toEqual({ item: 0 });
		expect(bodies[0]).toEqual({
			filter: {
				and: [
					{ email: { $regex: '(?i)^a\\+b@x\\.io$' } },
					{ department: 'R&D' },
					{ state: 'STAGED' },
				],
			},
			searchFilter: {
				searchTerm: 'jan',
				fields: ['username', 'email', 'firstname', 'lastname', 'displayname'],
			},
			// Search paging goes in the body too (JumpCloud's own clients page searches from the body).
			limit: 100,
			skip: 0,
		});
	});

	it('gets many with a limit and chosen fields', async () => {
		const five = Array.from({ length: 5 }, (_, n) => ({
			_id: `a${n}`,
			username: `a${n}`,
			email: `a${n}@x.io`,
		}));
		nock(BASE)
			.post('/api/search/systemusers', { fields: 'username email', limit: 5, skip: 0 })
			.query({ limit: 5, skip: 0 })
			.reply(200, { totalCount: 50, results: five });
		const { json } = await runNode({
			resource: 'user',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: {},
			options: { fields: 'username, email' },
		});
		expect(json).toEqual(five);
	});

	it('deletes and returns {deleted: true}', async () => {
		searches([[user({ _id: U5 })]]);
		nock(BASE)
			.delete(`/api/systemusers/${U5}`)
			.query({ cascade_manager: 'null' })
			.reply(200, user());
		const { json } = await runNode({
			resource: 'user',
			operation: 'delete',
			user: byMode('email', 'jane.doe@example.com'),
			options: { cascadeManager: true },
		});
		expect(json).toEqual([{ deleted: true, id: U5 }]);
	});
});

describe('User → Update', () => {
	it('reads, merges and writes only the changes', async () => {
		const current = user({
			addresses: [{ id: 'a', type: 'work', locality: 'Berlin', country: 'DE' }],
			attributes: [{ name: 'hrisId', value: '1' }],
		});
		const put = readThenWrite(current);
		const { json } = await runNode({
			resource: 'user',
			operation: 'update',
			user: byId(U1),
			updateFields: {
				jobTitle: 'Lead',
				department: 'R&D',
				addresses: { address: [{ type: 'work', locality: 'Hamburg' }] },
				attributes: { attribute: [{ name: 'costCode', value: '7' }] },
			},
			options: {},
		});
		expect(put.body).toEqual({
			jobTitle: 'Lead',
			addresses: [{ type: 'work', locality: 'Hamburg', country: 'DE' }],
			attributes: [
				{ name: 'hrisId', value: '1' },
				{ name: 'costCode', value: '7' },
			],
		});
		expect(json[0]).toMatchObject({
			updated: true,
			changedFields: ['jobTitle', 'addresses', 'attributes'],
		});
	});

	it('does not PUT when nothing changes', async () => {
		nock(BASE).get(`/api/systemusers/${U1}`).reply(200, user());
		const { json, ctx } = await runNode({
			resource: 'user',
			operation: 'update',
			user: byId(U1),
			updateFields: { department: 'R&D' },
		});
		expect(json[0]).toMatchObject({ unchanged: true, updated: false });
		expect(ctx.requests).toHaveLength(1);
	});

	it('rejects an empty update before any request', async () => {
		await expect(
			runNode({ resource: 'user', operation: 'update', user: byId(U1), updateFields: {} }),
		).rejects.toThrow("'Update Fields' is empty [item 0]");
	});
});

describe('User → Unlock, Reset MFA, Expire Password, Set Password', () => {
	it('unlocks', async () => {
		const scope = nock(BASE).post(`/api/systemusers/${U1}/unlock`).reply(200, {});
		const { json } = await runNode({ resource: 'user', operation: 'unlock', user: byId(U1) });
		expect(scope.isDone()).toBe(true);
		expect(json).toEqual([{ id: U1, unlocked: true }]);
	});

	it('resets MFA with an enrollment window', async () => {
		const scope = nock(BASE)
			.post(`/api/systemusers/${U1}/resetmfa`, { exclusion: true, exclusionDays: 3 })
			.reply(200, {});
		const { json } = await runNode({
			resource: 'user',
			operation: 'resetMfa',
			user: byId(U1),
			exclusionDays: 3,
			options: {},
		});
		expect(scope.isDone()).toBe(true);
		expect(json[0]).toEqual({ id: U1, mfaReset: true, enrollmentDays: 3 });
	});

	it('expires the password', async () => {
		const scope = nock(BASE).post(`/api/systemusers/${U1}/expire`).reply(200, {});
		await runNode({ resource: 'user', operation: 'expirePassword', user: byId(U1) });
		expect(scope.isDone()).toBe(true);
	});

	it('sets the password with full validation details and never echoes it', async () => {
		nock(BASE)
			.put(`/api/systemusers/${U1}`, { password: 'S3cret!pass' })
			.query({ fullValidationDetails: 'password' })
			.reply(200, user())
			.post(`/api/systemusers/${U1}/expire`)
			.reply(200, {});
		const { json } = await runNode({
			resource: 'user',
			operation: 'setPassword',
			user: byId(U1),
			password: 'S3cret!pass',
			requireChange: true,
		});
		expect(json).toEqual([{ id: U1, passwordSet: true, passwordExpired: true }]);
		expect(JSON.stringify(json)).not.toContain('S3cret');
	});

	it("reports a password policy failure with JumpCloud's words", async () => {
		nock(BASE)
			.put(`/api/systemusers/${U1}`)
			.query(true)
			.reply(400, { code: 400, message: 'Password validation fail', status: 'INVALID_ARGUMENT' });
		await expect(
			runNode({
				resource: 'user',
				operation: 'setPassword',
				user: byId(U1),
				password: 'x',
				requireChange: false,
			}),
		).rejects.toThrow(/rejected the request \(400\)\. JumpCloud said: "Password validation fail"/);
	});
});

describe('continue on fail', () => {
	it('keeps going, pairs the error item and the good item', async () => {
		nock(BASE).post(`/api/systemusers/${U2}/unlock`).reply(200, {});
		const { out } = await runNode(
			{ resource: 'user', operation: 'unlock', user: byId(U1) },
			{
				continueOnFail: true,
				items: [{ json: {} }, { json: {} }],
				itemParams: [{ user: byId('') }, { user: byId(U2) }],
			},
		);
		expect(out).toEqual([
			{ json: { error: "'User to Unlock' is empty [item 0]" }, pairedItem: { item: 0 } },
			{ json: { id: U2, unlocked: true }, pairedItem: { item: 1 } },
		]);
	});

	it('without continue on fail, an API error carries the item index', async () => {
		nock(BASE).post(`/api/systemusers/${U1}/unlock`).reply(404, { message: 'User not found' });
		await expect(
			runNode({ resource: 'user', operation: 'unlock', user: byId(U1) }),
		).rejects.toMatchObject({
			message: expect.stringContaining(`found nothing at POST /api/systemusers/${U1}/unlock`),
			context: expect.objectContaining({ itemIndex: 0 }),
		});
	});
});

// Issue 16: one mapping, used everywhere. The templates repeated it in dozens of expressions and never
// mapped the manager or custom fields; the node now maps a Factorial employee item itself.
describe('User → Update / Create or Update: Map From a Factorial Employee Item', () => {
	const employee = {
		id: 42,
		first_name: 'Ana',
		last_name: 'García',
		full_name: 'Ana García',
		work_email: 'ana.garcia@example.com',
		job_title: 'Lead',
		team_names: ['Sales', 'Ops'],
		manager_id: 7,
		location_name: 'Madrid',
		cost_center: 'CC-1',
		nickname: '',
		active: true,
	};
	const mapping = {
		mapFrom: 'factorialEmployee',
		employee,
		customAttributeMap: {
			pair: [
				{ field: 'cost_center', attribute: 'costCenter' },
				{ field: 'nickname', attribute: 'nick' },
			],
		},
	};

	it('writes names, email, title, first team, location, employee id, manager by employee id and custom attributes', async () => {
		const bodies = searches([[{ _id: 'm7', employeeIdentifier: '7' }]]);
		const current = user({ employeeIdentifier: '42', lastname: 'Garcia', attributes: [] });
		const put = readThenWrite(current);
		const { json } = await runNode({
			resource: 'user',
			operation: 'update',
			user: byId(U1),
			...mapping,
			updateFields: {},
			options: {},
		});
		expect(JSON.stringify(bodies[0])).toContain('^7$');
		expect(put.body).toEqual({
			email: 'ana.garcia@example.com',
			firstname: 'Ana',
			lastname: 'García',
			displayname: 'Ana García',
			jobTitle: 'Lead',
			department: 'Sales',
			location: 'Madrid',
			manager: 'm7',
			attributes: [{ name: 'costCenter', value: 'CC-1' }],
		});
		expect(json[0]).toMatchObject({ updated: true });
	});

	it('explicit fields win over the mapped ones; an item without a work email is refused before any request', async () => {
		searches([[]]);
		const current = user({
			employeeIdentifier: '42',
			firstname: 'Ana',
			lastname: 'García',
			displayname: 'Ana García',
			email: 'ana.garcia@example.com',
			jobTitle: 'Lead',
			department: 'Sales',
		});
		const put = readThenWrite(current, current);
		await runNode({
			resource: 'user',
			operation: 'update',
			user: byId(U1),
			...mapping,
			customAttributeMap: {},
			updateFields: { location: 'Remote' },
		});
		expect(put.body).toEqual({ location: 'Remote' });

		const { json, ctx } = await runNode(
			{
				resource: 'user',
				operation: 'update',
				user: byId(U1),
				...mapping,
				employee: { ...employee, work_email: null },
			},
			{ continueOnFail: true },
		);
		expect(json[0].error).toMatch(/'Factorial Employee' has no valid work email/);
		expect(ctx.requests).toHaveLength(0);
	});
});
