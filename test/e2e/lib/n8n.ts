/**
 * A real n8n host driven through its CLI and `n8n start`: one user folder (SQLite, encryption key,
 * community packages) per instance, the package installed into it the way n8n's own community-package
 * installer does.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PACKAGE_NAME, type Host } from './host';

/** Fixed so that credentials imported in one CLI call decrypt in the next and under `n8n start`. */
export const E2E_ENCRYPTION_KEY = 'fj-e2e-not-a-secret-encryption-key';

export interface CliResult {
	/** The exit code; -1 when the process ended by a signal (then `signal` names it). */
	code: number;
	signal?: string;
	stdout: string;
	stderr: string;
}

export interface CredentialEntry {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowEntry {
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/**
 * Installs a packed tarball into `<userFolder>/.n8n/nodes` like n8n's CommunityPackagesService does
 * (n8n 1.123 `downloadPackage`): extract into node_modules/<name>, drop dev/peer/optional dependencies from
 * its package.json, `npm install` in the package folder with n8n's flags, and list it in the nodes folder's
 * package.json. The peer `n8n-workflow` then resolves from the host, as in a real install.
 */
export function installPackage(userFolder: string, tarball: string): string {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const pkgDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(pkgDir, { recursive: true, force: true });
	mkdirSync(pkgDir, { recursive: true });
	const nodesPkgPath = join(nodesDir, 'package.json');
	if (!existsSync(nodesPkgPath)) {
		writeFileSync(
			nodesPkgPath,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	execFileSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
	const pkgJsonPath = join(pkgDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkgJson } = JSON.parse(
		readFileSync(pkgJsonPath, 'utf8'),
	) as Record<string, unknown> & { version: string };
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	writeFileSync(pkgJsonPath, JSON.stringify(pkgJson, null, 2));
	execFileSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		// No native addons to build here; dropping nodedir also silences npm 11's "unknown config" warning.
		{
			cwd: pkgDir,
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, npm_config_nodedir: undefined },
		},
	);
	const nodesPkg = JSON.parse(readFileSync(nodesPkgPath, 'utf8')) as {
		dependencies: Record<string, string>;
	};
	nodesPkg.dependencies[PACKAGE_NAME] = pkgJson.version;
	writeFileSync(nodesPkgPath, JSON.stringify(nodesPkg, null, 2));
	return pkgDir;
}

export interface N8nOptions {
	/** Defaults to a fresh folder under the OS temp dir, removed by `dispose()`. */
	userFolder?: string;
	/** Extra environment for every CLI call and `start`. */
	env?: Record<string, string>;
	/** Forward n8n's own output to this process (debugging). */
	verbose?: boolean;
}

export class N8n {
	readonly userFolder: string;
	private readonly ownsFolder: boolean;
	private child?: ChildProcess;
	private output = '';
	port = 0;

	constructor(
		readonly host: Host,
		private readonly options: N8nOptions = {},
	) {
		this.ownsFolder = !options.userFolder;
		this.userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), `fj-n8n-${host.version}-`));
		mkdirSync(this.userFolder, { recursive: true });
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Everything a headless, quiet, reproducible instance needs. */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {
			...process.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: process.env.FJ_N8N_LOG_LEVEL ?? 'warn',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
			// The emulators count days in UTC; n8n's default instance zone is America/New_York.
			GENERIC_TIMEZONE: 'UTC',
			// The emulators listen on loopback; n8n 2.x may block private addresses for some nodes.
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			...this.options.env,
			...extra,
		};
		// 1.x still asks for the flag to run Code nodes in task runners; 2.x always does and ignores it.
		if (this.host.major < 2) env.N8N_RUNNERS_ENABLED ??= 'true';
		// Jest sets NODE_ENV=test, which n8n reads as a hint for its own test mode.
		delete env.NODE_ENV;
		return env;
	}

	async cli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
		// Every n8n process opens a task broker; a free port lets instances run side by side.
		const brokerPort = String(await freePort());
		return await new Promise((resolveRun, reject) => {
			const child = spawn(process.execPath, [this.host.bin, ...args], {
				env: this.env({ N8N_RUNNERS_BROKER_PORT: brokerPort, ...extraEnv }),
				cwd: this.userFolder,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
			child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
			child.on('error', reject);
			child.on('close', (code, signal) => {
				if (this.options.verbose) process.stderr.write(`n8n ${args.join(' ')}\n${stdout}${stderr}`);
				resolveRun({ code: code ?? -1, signal: signal ?? undefined, stdout, stderr });
			});
		});
	}

	private async cliOk(args: string[]): Promise<CliResult> {
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`,
			);
		}
		return result;
	}

	installPackage(tarball: string): string {
		return installPackage(this.userFolder, tarball);
	}

	private writeInput(name: string, data: unknown): string {
		const dir = join(this.userFolder, 'inputs');
		mkdirSync(dir, { recursive: true });
		const file = join(dir, `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
		writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	async importCredentials(credentials: CredentialEntry[]): Promise<void> {
		await this.cliOk([
			'import:credentials',
			`--input=${this.writeInput('credentials', credentials)}`,
		]);
	}

	async importWorkflows(workflows: WorkflowEntry[]): Promise<void> {
		// `active` in the file is ignored by import (it deactivates); activation is a separate step.
		await this.cliOk(['import:workflow', `--input=${this.writeInput('workflows', workflows)}`]);
	}

	/**
	 * Marks workflows active so that `n8n start` activates their triggers. 1.x: `update:workflow
	 * --active=true`; 2.x publishes the current version (`publish:workflow`) where that command exists.
	 */
	async activate(ids: string[]): Promise<void> {
		for (const id of ids) {
			if (this.host.major >= 2) {
				const published = await this.cli(['publish:workflow', `--id=${id}`]);
				if (published.code === 0) continue;
			}
			await this.cliOk(['update:workflow', `--id=${id}`, '--active=true']);
		}
	}

	/**
	 * Runs a Manual-Trigger workflow headless (`n8n execute --id`) and returns the run data, or throws with
	 * n8n's output when it cannot be parsed. A failed execution still returns its data (`ok: false`).
	 */
	/** Like `execute`, but throws with the failing nodes' messages when the execution did not succeed. */
	async executeOk(id: string, extraEnv: Record<string, string> = {}): Promise<RunData> {
		const run = await this.execute(id, extraEnv);
		if (!run.ok) {
			const errors = Object.entries(run.runData)
				.flatMap(([node, runs]) =>
					runs
						.filter((r) => r.error)
						.map((r) => `${node}: ${r.error?.message} ${r.error?.description ?? ''}`),
				)
				.join('\n');
			throw new Error(
				`Workflow ${id} failed on n8n ${this.host.version} (exit ${run.raw.code}${run.raw.signal ? `, ${run.raw.signal}` : ''}):\n${errors || run.raw.stdout.slice(-3000)}\n${run.raw.stderr.slice(-3000)}`,
			);
		}
		return run.runData;
	}

	async execute(
		id: string,
		extraEnv: Record<string, string> = {},
	): Promise<{ ok: boolean; runData: RunData; raw: CliResult }> {
		// `execute` prints its result through the logger at info level.
		const raw = await this.cli(['execute', `--id=${id}`, '--rawOutput'], {
			N8N_LOG_LEVEL: 'info',
			...extraEnv,
		});
		const run = parseRunJson(raw.stdout);
		if (!run) {
			throw new Error(
				`n8n execute --id=${id} printed no run data (exit ${raw.code}):\n${raw.stdout}\n${raw.stderr}`,
			);
		}
		// n8n 1.123.x sometimes ends `execute` by a signal after it has printed the finished run (seen under
		// load, not reproducible on demand); the run's own status is the verdict then, not the exit.
		const finishedOk = raw.code === -1 && run.status === 'success' && run.finished === true;
		return { ok: raw.code === 0 || finishedOk, runData: run.data?.resultData?.runData ?? {}, raw };
	}

	/** `n8n start` on `port` (default a free one); resolves once `/healthz` answers. */
	async start(
		extraEnv: Record<string, string> = {},
		timeoutMs = 120_000,
		port?: number,
	): Promise<void> {
		if (this.child) throw new Error('n8n is already running');
		this.port = port ?? (await freePort());
		const url = `http://127.0.0.1:${this.port}/`;
		this.output = '';
		const child = spawn(process.execPath, [this.host.bin, 'start'], {
			env: this.env({
				N8N_PORT: String(this.port),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				WEBHOOK_URL: url,
				N8N_EDITOR_BASE_URL: url,
				// Readiness is read from the info line "Editor is now accessible via".
				N8N_LOG_LEVEL: process.env.FJ_N8N_LOG_LEVEL ?? 'info',
				...extraEnv,
			}),
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: false,
		});
		this.child = child;
		// Never leave an n8n behind when the test process ends abruptly.
		const killOnExit = () => child.kill('SIGKILL');
		process.once('exit', killOnExit);
		child.once('exit', () => process.removeListener('exit', killOnExit));
		const collect = (d: Buffer) => {
			this.output += d.toString();
			if (this.options.verbose) process.stderr.write(d);
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`n8n start exited ${child.exitCode}:\n${this.output}`);
			try {
				const res = await fetch(`${this.baseUrl}/healthz`);
				// The editor line is printed after the active workflows were activated (up to 2.40).
				if (res.ok && /Editor is now accessible/.test(this.output)) {
					await this.waitForPublication(deadline, extraEnv);
					return;
				}
			} catch {
				// not listening yet
			}
			await sleep(250);
		}
		throw new Error(`n8n start did not become ready in ${timeoutMs} ms:\n${this.output}`);
	}

	/**
	 * n8n 2.41+ publishes through its publication service, after the editor is up: the outbox records
	 * of `publish:workflow` and of the startup reconciliation are applied in the background. A test
	 * that acts before that (a hire before the poll trigger's baseline, a look at the subscriptions)
	 * races it, so wait until no record is pending and every published workflow reported its triggers.
	 * Older hosts have no outbox table; other databases than SQLite are not read here.
	 */
	private async waitForPublication(
		deadline: number,
		extraEnv: Record<string, string>,
	): Promise<void> {
		const file = join(this.userFolder, '.n8n', 'database.sqlite');
		const dbType = extraEnv.DB_TYPE ?? this.options.env?.DB_TYPE ?? 'sqlite';
		if (dbType !== 'sqlite' || !existsSync(file)) return;
		const settled = (): boolean | undefined => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { DatabaseSync } = require('node:sqlite') as typeof import('node:sqlite');
			const db = new DatabaseSync(file, {
				readOnly: true,
				timeout: 15_000,
			});
			try {
				const table = db
					.prepare(
						"SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'workflow_publication_outbox'",
					)
					.get();
				if (!table) return undefined;
				const busy = db
					.prepare(
						"SELECT COUNT(*) AS n FROM workflow_publication_outbox WHERE status IN ('pending', 'in_progress')",
					)
					.get() as { n: number };
				const unreported = db
					.prepare(
						`SELECT COUNT(*) AS n FROM workflow_entity w WHERE w.activeVersionId IS NOT NULL AND NOT EXISTS
						 (SELECT 1 FROM workflow_publication_trigger_status t WHERE t.workflowId = w.id AND t.versionId = w.activeVersionId)`,
					)
					.get() as { n: number };
				return busy.n === 0 && unreported.n === 0;
			} finally {
				db.close();
			}
		};
		while (Date.now() < deadline) {
			const done = settled();
			if (done !== false) return;
			await sleep(250);
		}
		throw new Error(`n8n ${this.host.version} did not finish publishing:\n${this.output}`);
	}

	/** What `n8n start` printed so far (for assertions on warnings and for failure messages). */
	get logs(): string {
		return this.output;
	}

	async stop(): Promise<void> {
		const child = this.child;
		this.child = undefined;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise<void>((r) => child.once('exit', () => r()));
		child.kill('SIGTERM');
		// n8n waits for running executions on SIGTERM; do not wait forever in tests.
		const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	}

	/**
	 * Executions n8n saved (production runs of active workflows), read straight from its SQLite file:
	 * status plus the serialized run data, enough to see which nodes ran and what failed.
	 */
	executions(
		workflowId?: string,
	): Array<{ id: string; workflowId: string; status: string; mode: string; data: string }> {
		// node:sqlite is built into Node 24; required lazily so nothing else depends on it.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { DatabaseSync } = require('node:sqlite') as typeof import('node:sqlite');
		// n8n writes to this file while we read: wait for its locks instead of failing on SQLITE_BUSY
		// ("database is locked", seen on a cold CI run).
		const db = new DatabaseSync(join(this.userFolder, '.n8n', 'database.sqlite'), {
			readOnly: true,
			timeout: 15_000,
		});
		try {
			const rows = db
				.prepare(
					`SELECT e.id AS id, e.workflowId AS workflowId, e.status AS status, e.mode AS mode, d.data AS data
					 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id ORDER BY e.id`,
				)
				.all() as Array<{
				id: number | string;
				workflowId: string;
				status: string;
				mode: string;
				data: string | null;
			}>;
			return rows
				.filter((r) => !workflowId || r.workflowId === workflowId)
				.map((r) => ({
					id: String(r.id),
					workflowId: r.workflowId,
					// n8n 1.x on SQLite (no pool) writes the final status and then, in a second statement,
					// the run data: a row read in between is finished with the data it started with. Such
					// a row still counts as running, or a waiting test would read a run without results.
					status: isEnded(r.status) && !hasResults(r.data) ? 'running' : r.status,
					mode: r.mode,
					data: r.data ?? '',
				}));
		} finally {
			db.close();
		}
	}

	/** The node and credential types n8n writes for its editor at start (static cache in the user folder). */
	readTypes(): {
		nodes: Array<{ name: string; displayName: string; credentials?: Array<{ name: string }> }>;
		credentials: Array<{ name: string; displayName: string }>;
	} {
		const dir = join(this.userFolder, '.cache', 'n8n', 'public', 'types');
		return {
			nodes: JSON.parse(readFileSync(join(dir, 'nodes.json'), 'utf8')),
			credentials: JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')),
		};
	}

	async dispose(): Promise<void> {
		await this.stop();
		if (this.ownsFolder && !process.env.FJ_E2E_KEEP)
			rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** The pretty-printed run JSON among other log lines: from a line `{` to the last line `}` that parses. */
function parseRunJson(
	stdout: string,
):
	| { data?: { resultData?: { runData?: RunData } }; status?: string; finished?: boolean }
	| undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start < 0) return undefined;
	for (let end = lines.length - 1; end > start; end--) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// a later `}` belonged to something else; try an earlier one
		}
	}
	return undefined;
}

export type RunData = Record<
	string,
	Array<{
		data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
		error?: { message?: string; description?: string };
	}>
>;

/** Items a node emitted on one output in its last run. */
export function outputOf(
	runData: RunData,
	node: string,
	output = 0,
): Array<Record<string, unknown>> {
	const runs = runData[node];
	if (!runs?.length) return [];
	return (runs[runs.length - 1].data?.main?.[output] ?? []).map((i) => i.json);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function waitFor<T>(
	check: () => T | Promise<T>,
	what: string,
	timeoutMs = 30_000,
	everyMs = 200,
): Promise<Exclude<T, undefined | null | false | 0 | ''>> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value) return value as Exclude<T, undefined | null | false | 0 | ''>;
		} catch (error) {
			last = error;
		}
		await sleep(everyMs);
	}
	throw new Error(
		`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
	);
}

/** Statuses n8n gives an execution that will not run any further. */
function isEnded(status: string): boolean {
	return !['new', 'running', 'waiting'].includes(status);
}

/**
 * Whether stored run data (n8n's `flatted` JSON: objects hold indexes into one array) holds the results
 * of a run: some node's run data, or the error that ended it. The data n8n stores when an execution
 * starts has neither.
 */
function hasResults(data: string | null): boolean {
	if (!data) return false;
	try {
		const table = JSON.parse(data) as Array<Record<string, unknown>>;
		const result = table[Number(table[0]?.resultData)];
		if (!result) return false;
		if (result.error !== undefined) return true;
		const runData = table[Number(result.runData)];
		return !!runData && Object.keys(runData).length > 0;
	} catch {
		return false;
	}
}
