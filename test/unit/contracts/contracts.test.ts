/** The contract layer itself: the checks, the nock hook and the emulators' vendor-shaped refusals. */
import nock from 'nock';

import { checkRequest, contracts, findOperation, queryObject } from '../../contracts';
import { takeNockViolations } from '../../contracts/nock';
import { startFactorialEmulator } from '../../emulators/factorial';
import { startJumpCloudEmulator } from '../../emulators/jumpcloud';

const F = '/api/2026-10-01/resources';

describe('contract files', () => {
	it.each(['factorial', 'jumpcloud'] as const)(
		'%s: every entry cites sources that exist',
		(service) => {
			const c = contracts[service];
			const tags = new Set(Object.keys(c.sources));
			for (const op of c.operations) {
				expect(op.sources.length).toBeGreaterThan(0);
				for (const source of op.sources) {
					const tag = source.split(' ')[0];
					expect({ op: op.id, tag, known: tags.has(tag) }).toEqual({ op: op.id, tag, known: true });
				}
			}
		},
	);

	it('matches paths with ids and keeps methods apart', () => {
		expect(findOperation('jumpcloud', 'PUT', '/systemusers/abc')?.id).toBe('User_Set');
		expect(findOperation('jumpcloud', 'POST', '/systemusers/abc/state/activate')?.id).toBe(
			'UserState_Activate',
		);
		expect(findOperation('factorial', 'PUT', 'custom_fields/values/9')?.id).toBe(
			'custom_field_values.update',
		);
		expect(findOperation('jumpcloud', 'PATCH', '/systemusers/abc')).toBeUndefined();
	});

	it('reads Rails brackets and repeated keys as arrays', () => {
		expect(queryObject(new URLSearchParams('ids[]=1&ids[]=2&limit=5&filter=a&filter=b'))).toEqual({
			ids: ['1', '2'],
			limit: '5',
			filter: ['a', 'b'],
		});
	});
});

describe('checkRequest', () => {
	it('refuses the custom field value body the Set operation used to send', () => {
		const { violations } = checkRequest('factorial', {
			method: 'POST',
			path: `${F}/custom_fields/values`,
			body: { field_id: '12', valuable_id: '7', date_value: '2026-12-01' },
		});
		expect(violations).toEqual(
			expect.arrayContaining([
				"body: unknown field 'date_value'",
				"body: missing required field 'valuable_type'",
				"body: missing required field 'value'",
			]),
		);
	});

	it('accepts the published custom field value bodies', () => {
		const create = checkRequest('factorial', {
			method: 'POST',
			path: `${F}/custom_fields/values`,
			body: { field_id: '12', valuable_type: 'Employee', valuable_id: '7', value: '125000' },
		});
		const update = checkRequest('factorial', {
			method: 'PUT',
			path: `${F}/custom_fields/values/5`,
			body: { id: '5', value: 'x' },
		});
		expect([create.violations, update.violations]).toEqual([[], []]);
		expect(
			checkRequest('factorial', {
				method: 'PUT',
				path: `${F}/custom_fields/values/5`,
				body: { id: '5', cents_value: 125000 },
			}).violations,
		).toEqual(["body: unknown field 'cents_value'"]);
	});

	it('JumpCloud search: paging in body and query is fine, sort and limits above 100 on lists are not', () => {
		expect(
			checkRequest('jumpcloud', {
				method: 'POST',
				path: '/api/search/systemusers',
				query: { limit: 100, skip: 0 },
				body: { filter: { and: [] }, fields: 'username', limit: 100, skip: 0 },
			}).violations,
		).toEqual([]);
		expect(
			checkRequest('jumpcloud', {
				method: 'POST',
				path: '/api/search/systemusers',
				query: { limit: 100, skip: 0, sort: 'username' },
				body: {},
			}).violations,
		).toEqual(["query: unknown field 'sort'"]);
		expect(
			checkRequest('jumpcloud', {
				method: 'GET',
				path: '/api/systemusers',
				query: new URLSearchParams('limit=101&skip=0'),
			}).violations,
		).toEqual(['request parameter "limit" exceeds maximum value of 100']);
	});

	it('says when a call has no contract entry', () => {
		expect(
			checkRequest('jumpcloud', { method: 'GET', path: '/api/v2/systems' }).violations,
		).toEqual(['GET /v2/systems: no entry in test/contracts/jumpcloud.json']);
	});
});

describe('nock requests are held to the contract', () => {
	afterEach(() => nock.cleanAll());

	it('records a mocked request the real API would refuse', async () => {
		nock('https://jc.test').post('/api/v2/usergroups/g1/members').reply(204);
		await fetch('https://jc.test/api/v2/usergroups/g1/members', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ op: 'add', id: 'u1' }),
		});
		expect(takeNockViolations()).toEqual([
			{
				service: 'jumpcloud',
				method: 'POST',
				path: '/api/v2/usergroups/g1/members',
				violations: ["body: missing required field 'type'"],
			},
		]);
	});
});

describe('nock requests to Factorial are held to the contract too', () => {
	afterEach(() => nock.cleanAll());

	it('records the typed-column custom field value body', async () => {
		nock('https://factorial.test').post(`${F}/custom_fields/values`).reply(201, {});
		await fetch(`https://factorial.test${F}/custom_fields/values`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				field_id: '1',
				valuable_id: '2',
				valuable_type: 'Employee',
				value: 'x',
				cents_value: 5,
			}),
		});
		expect(takeNockViolations()).toEqual([
			expect.objectContaining({
				service: 'factorial',
				violations: ["body: unknown field 'cents_value'"],
			}),
		]);
	});
});

describe('the emulators refuse what the vendors refuse, in their error shape', () => {
	it('JumpCloud answers 400 {message} for an unknown or missing field', async () => {
		const jc = await startJumpCloudEmulator({ seed: 'contract' });
		try {
			const seeded = jc.users().length;
			const post = (body: unknown) =>
				fetch(`${jc.url}/api/systemusers`, {
					method: 'POST',
					headers: { 'x-api-key': jc.apiKey, 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
			const unknown = await post({ username: 'a', email: 'a@x.io', employee_id: '7' });
			expect(unknown.status).toBe(400);
			expect(await unknown.json()).toEqual({
				message: "Bad Request: body: unknown field 'employee_id'",
			});
			const missing = await post({ username: 'a' });
			expect(await missing.json()).toEqual({
				message: "Bad Request: body: missing required field 'email'",
			});
			expect(jc.users()).toHaveLength(seeded);
			expect(jc.contractViolations()).toHaveLength(2);
			jc.setContractMode('off');
			expect((await post({ username: 'a', email: 'a@x.io', employee_id: '7' })).status).toBe(200);
		} finally {
			await jc.close();
		}
	});

	it('Factorial answers 422 {errors} for a custom field value without valuable_type', async () => {
		const f = await startFactorialEmulator({ seed: 'contract', employees: 3 });
		try {
			const res = await fetch(`${f.url}${F}/custom_fields/values`, {
				method: 'POST',
				headers: { 'x-api-key': f.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({ field_id: '1', valuable_id: '1', long_text_value: 'x' }),
			});
			expect(res.status).toBe(422);
			expect(((await res.json()) as { errors: string[] }).errors).toEqual(
				expect.arrayContaining([
					"body: unknown field 'long_text_value'",
					"body: missing required field 'valuable_type'",
				]),
			);
		} finally {
			await f.close();
		}
	});
});
