/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a benchmark helper, not node code: it spawns n8n and reads /proc */
/**
 * The shipped Nightly Reconciliation inside a real n8n (the newest pinned host, test/e2e/hosts.json), run
 * headless with `n8n execute` on SQLite: wall time of the execution, peak RSS of the n8n process sampled
 * from outside (/proc/<pid>/status VmHWM, every 100 ms), the size of the execution n8n stored
 * (execution_data.data), and the summary item. Self-contained (no e2e helpers): the bench is compiled
 * into node_modules/.cache, so paths are taken from the working directory (the repo root).
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PACKAGE_NAME = 'n8n-nodes-factorial-jumpcloud';
const ENCRYPTION_KEY = 'fj-bench-not-a-secret-encryption-key';

export interface N8nHost {
	version: string;
	dir: string;
	bin: string;
}

export interface N8nRunResult {
	ok: boolean;
	/** startedAt → stoppedAt of the execution as n8n recorded it. */
	executionMs: number;
	/** The whole `n8n execute` process, boot included. */
	processMs: number;
	peakRssMb: number;
	storedBytes: number;
	summary: Record<string, unknown> | undefined;
	error?: string;
}

/** The newest pinned host, installed into the cache by test/e2e/host.sh when missing. */
export function newestHost(root: string, version?: string): N8nHost {
	const versions = JSON.parse(
		fs.readFileSync(path.join(root, 'test/e2e/hosts.json'), 'utf8'),
	) as string[];
	const sorted = [...versions].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
	const newest = version || sorted[sorted.length - 1];
	const dir = execFileSync('bash', [path.join(root, 'test/e2e/host.sh'), newest], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	})
		.trim()
		.split('\n')
		.pop() as string;
	return { version: newest, dir, bin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
}

/** A fresh n8n user folder with the packed package installed as n8n's community installer does. */
export class BenchN8n {
	readonly userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'fj-bench-n8n-'));

	constructor(
		readonly host: N8nHost,
		root: string,
	) {
		if (!fs.existsSync(path.join(root, 'dist', 'nodes')))
			throw new Error('dist/ is missing: run `npm run build` (scripts/run bench does) first');
		const packDir = path.join(this.userFolder, 'pack');
		fs.mkdirSync(packDir);
		const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		})
			.trim()
			.split('\n')
			.pop() as string;
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
		fs.mkdirSync(pkgDir, { recursive: true });
		execFileSync('tar', ['-xzf', path.join(packDir, tgz), '-C', pkgDir, '--strip-components=1']);
		// No runtime dependencies: nothing to npm install; n8n-workflow resolves from the host.
		const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as {
			version: string;
		};
		fs.writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({
				name: 'installed-nodes',
				private: true,
				dependencies: { [PACKAGE_NAME]: pkg.version },
			}),
		);
	}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {
			...process.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: 'warn',
			GENERIC_TIMEZONE: 'UTC',
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(20000 + Math.floor(Math.random() * 20000)),
			...extra,
		};
		delete env.NODE_ENV;
		return env;
	}

	private cli(args: string[]): void {
		execFileSync(process.execPath, [this.host.bin, ...args], {
			env: this.env(),
			cwd: this.userFolder,
			stdio: ['ignore', 'ignore', 'pipe'],
		});
	}

	importJson(kind: 'credentials' | 'workflow', data: unknown): void {
		const file = path.join(this.userFolder, `${kind}-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(data));
		this.cli([`import:${kind}`, `--input=${file}`]);
	}

	/** `n8n execute --id`, sampling the process's peak RSS from /proc while it runs. */
	async execute(workflowId: string): Promise<N8nRunResult> {
		const started = Date.now();
		const child = spawn(process.execPath, [this.host.bin, 'execute', `--id=${workflowId}`], {
			env: this.env(),
			cwd: this.userFolder,
			// The printed run record is not needed (it is read from the database); it may be huge.
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let stderr = '';
		child.stderr?.on('data', (d: Buffer) => {
			stderr = (stderr + d.toString()).slice(-8000);
		});
		let peakKb = 0;
		const sample = () => {
			try {
				const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
				const hwm = /VmHWM:\s+(\d+)/.exec(status);
				if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
			} catch {
				// the process is gone
			}
		};
		const timer = setInterval(sample, 100);
		const code = await new Promise<number>((resolve) =>
			child.on('exit', (c) => {
				resolve(c ?? -1);
			}),
		);
		clearInterval(timer);
		const processMs = Date.now() - started;
		const stored = this.lastExecution();
		return {
			ok: code === 0 && stored?.status === 'success',
			executionMs: stored?.ms ?? processMs,
			processMs,
			peakRssMb: peakKb / 1024,
			storedBytes: stored?.bytes ?? 0,
			summary: stored?.summary,
			error: code === 0 ? undefined : stderr.slice(-2000),
		};
	}

	private lastExecution():
		| { status: string; ms: number; bytes: number; summary?: Record<string, unknown> }
		| undefined {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { DatabaseSync } = require('node:sqlite') as typeof import('node:sqlite');
		const db = new DatabaseSync(path.join(this.userFolder, '.n8n', 'database.sqlite'), {
			readOnly: true,
		});
		try {
			const row = db
				.prepare(
					`SELECT e.status AS status, e.startedAt AS startedAt, e.stoppedAt AS stoppedAt, d.data AS data
					 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id ORDER BY e.id DESC LIMIT 1`,
				)
				.get() as
				| { status: string; startedAt: string; stoppedAt: string; data: string | null }
				| undefined;
			if (!row) return undefined;
			const ms = Date.parse(`${row.stoppedAt}Z`) - Date.parse(`${row.startedAt}Z`);
			const data = row.data ?? '';
			return {
				status: row.status,
				ms: Number.isFinite(ms) ? ms : 0,
				bytes: Buffer.byteLength(data),
				summary: this.summaryOf(data),
			};
		} finally {
			db.close();
		}
	}

	/** The summary item in n8n's stored (flatted) run data, parsed with the host's own `flatted`. */
	private summaryOf(data: string): Record<string, unknown> | undefined {
		if (!data) return undefined;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const flatted = require(path.join(this.host.dir, 'node_modules', 'flatted')) as {
			parse: (s: string) => unknown;
		};
		const run = flatted.parse(data) as {
			resultData?: {
				runData?: Record<
					string,
					Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>
				>;
			};
		};
		const runs = run.resultData?.runData?.['Reconcile JumpCloud'] ?? [];
		const items = runs[runs.length - 1]?.data?.main?.[0] ?? [];
		return items.find((i) => i.json.summary === true)?.json;
	}

	dispose(): void {
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}
