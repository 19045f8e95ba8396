/** scripts/contracts.js (npm run contracts): every call site in nodes/ needs a contract entry. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const SCRIPT = join(__dirname, '../../../scripts/contracts.js');

function scan(files: Record<string, string>) {
	const dir = mkdtempSync(join(tmpdir(), 'contracts-scan-'));
	try {
		for (const [name, text] of Object.entries(files)) {
			mkdirSync(join(dir, name, '..'), { recursive: true });
			writeFileSync(join(dir, name), text);
		}
		const run = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
		return { status: run.status, out: run.stdout, err: run.stderr };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('npm run contracts', () => {
	it('passes on the package as it is and lists its calls', () => {
		const run = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/POST\s+\/search\/systemusers\s+User_Search/);
		expect(run.stdout).toMatch(/POST\s+custom_fields\/values\s+custom_field_values\.create/);
		expect(run.stdout).not.toContain('UNCHECKED');
	});

	it('every call site in nodes/ whose body is built at run time is driven by a test', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { callSites, drivers } = require(SCRIPT) as {
			callSites: () => Array<{ id: string; body: string[] | null }>;
			drivers: () => Map<string, string[]>;
		};
		const driven = drivers();
		const undriven = [
			...new Set(
				callSites()
					.filter((s) => s.body === null && !driven.has(s.id))
					.map((s) => s.id),
			),
		];
		// A new site with a run-time body comes with a drivesSite test (CONTRIBUTING.md, "The contract check").
		expect(undriven).toEqual([]);
		expect(driven.size).toBeGreaterThan(0);
	});

	it('fails on a call without a contract entry, following constants, helpers and callers', () => {
		const run = scan({
			'A/paths.ts': "export const SYSTEMS = '/v2/systems';\n",
			'A/op.ts': [
				"import { SYSTEMS } from './paths';",
				'function path(id: string, suffix = ""): string { return `/systemusers/${encodeURIComponent(id)}${suffix}`; }',
				'export async function run(this: unknown, id: string) {',
				"\tawait jumpCloudApiRequest.call(this, 'GET', SYSTEMS);",
				"\tawait jumpCloudApiRequest.call(this, 'POST', path(id, '/unlock'));",
				"\tawait jumpCloudApiRequest.call(this, 'POST', path(id, '/mfasync'));",
				'}',
				'export async function list(this: unknown, resource: string) {',
				"\treturn factorialApiRequestAllItems.call(this, 'GET', `${resource}/x`);",
				'}',
				"export const teams = () => list.call(undefined, 'teams/teams');",
			].join('\n'),
		});
		expect(run.status).toBe(1);
		expect(run.out).toMatch(/ok\s+jumpcloud POST\s+\/systemusers\/\{\}\/unlock\s+User_Unlock/);
		expect(run.err).toContain('GET /v2/systems has no entry in test/contracts/jumpcloud.json');
		expect(run.err).toContain('POST /systemusers/{}/mfasync has no entry');
		expect(run.out).toMatch(/ok\s+factorial GET\s+teams\/teams\/x\s+teams\.get/);
	});

	it('checks static bodies and query parameters field by field, whether or not a test runs them', () => {
		const run = scan({
			'B/op.ts': [
				'export async function run(this: unknown, id: string) {',
				"\tconst body = { id, terminated_on: '2026-12-31', reason: 'x' };",
				"\tawait factorialApiRequest.call(this, 'POST', 'employees/employees/terminate', body);",
				"\tawait factorialApiRequestAllItems.call(this, 'GET', 'employees/employees', { updated_since: '2026-01-01' });",
				"\tawait jumpCloudApiRequest.call(this, 'PUT', `/systemusers/${id}`, { state: 'ACTIVATED' });",
				'}',
			].join('\n'),
		});
		expect(run.status).toBe(1);
		expect(run.err).toContain(
			"POST employees/employees/terminate sends body field 'reason' that employees.terminate does not take",
		);
		expect(run.err).toContain(
			"GET employees/employees sends query parameter 'updated_since' that employees.list does not take",
		);
		expect(run.err).not.toContain("'state'");
	});

	it('lists every call with its Factorial versions, and the credential, OAuth2 and delivery requests', () => {
		const run = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(
			/factorial POST\s+employees\/employees\/terminate\s+employees\.terminate\s+2026-10-01,2026-07-01,2026-04-01/,
		);
		for (const entry of [
			/factorial GET\s+\/api_public\/credentials\s+credential\.test/,
			/factorial GET\s+\/oauth\/authorize\s+oauth\.authorize/,
			/factorial POST\s+\/oauth\/token\s+oauth\.token\.authorization_code/,
			/factorial POST\s+\/oauth\/token\s+oauth\.token\.refresh_token/,
			/jumpcloud GET\s+\/api\/systemusers\s+credential\.test/,
			/jumpcloud POST\s+\/oauth2\/token\s+oauth\.token\.client_credentials/,
			/factorial POST\s+\(the workflow's webhook URL\)\s+delivery/,
		])
			expect(run.stdout).toMatch(entry);
	});

	it('fails when a path cannot be worked out from the source', () => {
		const run = scan({
			'B/op.ts':
				"export async function run(this: unknown, p: string) { await jumpCloudApiRequest.call(this, 'GET', p.trim()); }\n",
		});
		expect(run.status).toBe(1);
		expect(run.err).toContain('cannot work out the path');
	});

	describe('run-time bodies need a test that drives them (drivesSite)', () => {
		const op = [
			'export async function run(this: unknown, email: string) {',
			'\tconst body = email ? { email } : {};',
			"\tawait jumpCloudApiRequest.call(this, 'POST', '/search/systemusers', body);",
			'}',
		].join('\n');
		/** Scans a fixture nodes/ with a test/ folder; `tests` gets the site id of the fixture's call. */
		function scanWithTests(tests: (site: string) => Record<string, string>) {
			const dir = mkdtempSync(join(tmpdir(), 'contracts-drive-'));
			try {
				mkdirSync(join(dir, 'nodes', 'A'), { recursive: true });
				mkdirSync(join(dir, 'test'), { recursive: true });
				writeFileSync(join(dir, 'nodes', 'A', 'op.ts'), op);
				// Site ids are relative to the repository root.
				const site = `${relative(join(__dirname, '../../..'), join(dir, 'nodes', 'A', 'op.ts'))
					.split('\\')
					.join('/')}#run`;
				for (const [name, text] of Object.entries(tests(site)))
					writeFileSync(join(dir, 'test', name), text);
				const run = spawnSync(process.execPath, [SCRIPT, join(dir, 'nodes'), join(dir, 'test')], {
					encoding: 'utf8',
				});
				return { status: run.status, out: run.stdout, err: run.stderr };
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}

		it('fails on a run-time body no test drives', () => {
			const run = scanWithTests(() => ({}));
			expect(run.status).toBe(1);
			expect(run.err).toMatch(
				/the request body is built at run time and no test drives .*A\/op\.ts#run through the contract check/,
			);
			// The message says how to fix it: the drivesSite call to write, with the site's id.
			expect(run.err).toMatch(
				/Fix: add a unit test .* inside\s+drivesSite\('.*A\/op\.ts#run', \(\) => \.\.\.\)/,
			);
			expect(run.out).toMatch(/body dynamic \[.*A\/op\.ts#run: UNCHECKED\]/);
		});

		it('lists the test that drives it', () => {
			const run = scanWithTests((site) => ({
				'op.test.ts': `it('x', () => drivesSite('${site}', async () => run()));`,
			}));
			expect(run.err).toBe('');
			expect(run.status).toBe(0);
			expect(run.out).toMatch(/A\/op\.ts#run: driven by .*test\/op\.test\.ts\]/);
		});

		it('does not count a drivesSite call in a skipped test or in a comment', () => {
			const run = scanWithTests((site) => ({
				'skipped.test.ts': `it.skip('x', () => drivesSite('${site}', async () => run()));`,
				'xit.test.ts': `describe('d', () => { xit('x', () => drivesSite('${site}', f)); });`,
				'todo.test.ts': `// drivesSite('${site}', f)\n/* drivesSite('${site}', f) */`,
			}));
			expect(run.status).toBe(1);
			expect(run.err).toMatch(/no test drives .*A\/op\.ts#run/);
			expect(run.out).toMatch(/A\/op\.ts#run: UNCHECKED\]/);
		});

		it('fails on a drivesSite id that names no call site', () => {
			const run = scanWithTests((site) => ({
				'op.test.ts': `drivesSite('${site}', f); drivesSite('${site}#2', f);`,
			}));
			expect(run.status).toBe(1);
			expect(run.err).toMatch(/drivesSite\('.*A\/op\.ts#run#2'\) names no call site/);
		});
	});
});
