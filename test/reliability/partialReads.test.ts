/**
 * Partial reads and endless pagination, in both transports: a list is only handed on when it is
 * complete, and a server that ignores `skip` or cursors cannot make a read loop forever.
 */
import nock from 'nock';

import { factorialApiRequestAllItems } from '../../nodes/Factorial/transport';
import { jumpCloudApiRequestAllItems } from '../../nodes/JumpCloud/transport';
import {
	FACTORIAL_BASE as FBASE,
	factorialContext,
	JUMPCLOUD_BASE as JBASE,
	jcContext,
	ROOT,
} from '../unit/contexts';

const users = (from: number, n: number) =>
	Array.from({ length: n }, (_, i) => ({ _id: `u${from + i}`, username: `user${from + i}` }));
const employees = (from: number, n: number) =>
	Array.from({ length: n }, (_, i) => ({ id: from + i }));

afterEach(() => nock.cleanAll());

/** GET /api<path> answered page by page: each [skip, body, headers] answers limit=100&skip=<skip>. */
const jumpCloudPages = (
	path: string,
	...pages: Array<[skip: number, body: nock.Body, headers?: Record<string, string>]>
) =>
	pages.reduce(
		(scope, [skip, body, headers]) =>
			scope.get(`/api${path}`).query({ limit: 100, skip }).reply(200, body, headers),
		nock(JBASE),
	);

/** GET employees/employees answered page by page: each [after_id, body]; the first page has none. */
const factorialPages = (...pages: Array<[afterId: string | undefined, body: nock.Body]>) =>
	pages.reduce(
		(scope, [afterId, body]) =>
			scope
				.get(`${ROOT}/employees/employees`)
				.query(afterId === undefined ? { limit: '100' } : { limit: '100', after_id: afterId })
				.reply(200, body),
		nock(FBASE),
	);

describe('JumpCloud: reading all users', () => {
	const readAll = (path = '/systemusers') =>
		jumpCloudApiRequestAllItems.call(jcContext({}).asExecute(), 'GET', path);

	it('a short page before totalCount fails instead of returning the first 150 of 250', async () => {
		jumpCloudPages(
			'/systemusers',
			[0, { totalCount: 250, results: users(0, 100) }],
			[100, { totalCount: 250, results: users(100, 50) }],
			// A short page does not end the read while the total says more are left; the next is empty.
			[150, { totalCount: 250, results: [] }],
		);
		await expect(readAll()).rejects.toThrow(
			'Only 150 of the 250 records JumpCloud reported for GET /api/systemusers could be read',
		);
	});

	it('an empty page mid-list fails', async () => {
		jumpCloudPages(
			'/systemusers',
			[0, { totalCount: 1000, results: users(0, 100) }],
			[100, { totalCount: 1000, results: [] }],
		);
		await expect(readAll()).rejects.toThrow(/Only 100 of the 1000 records/);
	});

	it('a 200 without results mid-list fails', async () => {
		jumpCloudPages('/systemusers', [0, { totalCount: 1000, results: users(0, 100) }], [100, {}]);
		await expect(readAll()).rejects.toThrow(
			/answered page 2 of GET \/api\/systemusers without a list/,
		);
	});

	it('a v2 list whose x-total-count disagrees with what arrived fails', async () => {
		jumpCloudPages(
			'/v2/usergroups',
			[0, users(0, 40), { 'x-total-count': '90' }],
			[40, [], { 'x-total-count': '90' }],
		);
		await expect(readAll('/v2/usergroups')).rejects.toThrow(/Only 40 of the 90 records/);
	});

	it('a server ignoring skip (the same page again) stops at the second page', async () => {
		const scope = nock(JBASE)
			.get('/api/systemusers')
			.query(true)
			.times(3)
			.reply(200, { results: users(0, 100) });
		await expect(readAll()).rejects.toThrow(/returned the same page twice/);
		expect(scope.pendingMocks()).toHaveLength(1);
	});

	it('a total that grows with every page stops once the first reported total is far exceeded', async () => {
		let call = 0;
		nock(JBASE)
			.get('/api/systemusers')
			.query(true)
			.times(10)
			.reply(() => {
				const n = call++;
				return [200, { totalCount: 150 + 100 * n, results: users(100 * n, 100) }];
			});
		await expect(readAll()).rejects.toThrow(/more pages than its reported total of 150/);
		// 2 pages hold 150 (+10% growth), a third may come back empty; the fourth is refused.
		expect(call).toBe(4);
	});
});

describe('Factorial: reading all employees', () => {
	const readAll = () =>
		factorialApiRequestAllItems.call(factorialContext().asExecute(), 'GET', 'employees/employees');
	const pageOf = (data: unknown[], meta: Record<string, unknown>) => ({ data, meta });

	it('an empty last page while meta.total says 1000 fails', async () => {
		factorialPages(
			[undefined, pageOf(employees(1, 100), { has_next_page: true, end_cursor: 'A', total: 1000 })],
			['A', pageOf([], { has_next_page: false, total: 1000 })],
		);
		await expect(readAll()).rejects.toThrow(
			'Only 100 of the 1000 records Factorial reported for employees/employees could be read',
		);
	});

	it('a 200 without data mid-list fails', async () => {
		factorialPages(
			[undefined, pageOf(employees(1, 100), { has_next_page: true, end_cursor: 'A', total: 300 })],
			['A', { meta: { has_next_page: true, end_cursor: 'B' } }],
		);
		await expect(readAll()).rejects.toThrow(
			/answered page 2 of employees\/employees without a list/,
		);
	});

	it('new cursors forever with the same records stop at the repeated page', async () => {
		let call = 0;
		nock(FBASE)
			.get(`${ROOT}/employees/employees`)
			.query(true)
			.times(5)
			.reply(() => [
				200,
				pageOf(employees(1, 100), { has_next_page: true, end_cursor: `c${call++}` }),
			]);
		await expect(readAll()).rejects.toThrow(/returned the same page twice/);
		expect(call).toBe(2);
	});

	it('new cursors and new records forever stop once the reported total is exceeded', async () => {
		let call = 0;
		nock(FBASE)
			.get(`${ROOT}/employees/employees`)
			.query(true)
			.times(10)
			.reply(() => {
				const n = call++;
				return [
					200,
					pageOf(employees(1 + 100 * n, 100), {
						has_next_page: true,
						end_cursor: `c${n}`,
						total: 200,
					}),
				];
			});
		await expect(readAll()).rejects.toThrow(/more pages than its reported total of 200/);
		// 3 pages hold 200 (+10% growth), a fourth may come back empty; the fifth is refused.
		expect(call).toBe(5);
	});

	it('a complete read still works (control)', async () => {
		factorialPages(
			[undefined, pageOf(employees(1, 100), { has_next_page: true, end_cursor: 'A', total: 150 })],
			['A', pageOf(employees(101, 50), { has_next_page: false, total: 150 })],
		);
		await expect(readAll()).resolves.toHaveLength(150);
	});
});
