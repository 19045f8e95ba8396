/**
 * Where the pinned n8n host and the packed package come from. test/e2e/run.sh prepares both and passes
 * them in the environment; when a single test file is run by hand, we prepare them here the same way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');

/** The lines the matrix runs on (test/e2e/hosts.json): the newest of each that installs on the mirror here. */
export const PINNED_HOSTS: string[] = JSON.parse(
	readFileSync(join(REPO_ROOT, 'test/e2e/hosts.json'), 'utf8'),
);

export const PACKAGE_NAME = 'n8n-nodes-factorial-jumpcloud';

export interface Host {
	version: string;
	/** Folder holding the wrapper package.json and node_modules/n8n. */
	dir: string;
	/** The n8n CLI script (run it with the current Node, which is 24). */
	bin: string;
	major: number;
}

function hostAt(version: string, dir: string): Host {
	return {
		version,
		dir,
		bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		major: Number(version.split('.')[0]),
	};
}

/** Installs (or reuses) a host with test/e2e/host.sh. Minutes the first time, instant afterwards. */
export function ensureHost(version: string): Host {
	const dir = execFileSync('bash', [join(REPO_ROOT, 'test/e2e/host.sh'), version], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	})
		.trim()
		.split('\n')
		.pop() as string;
	return hostAt(version, dir);
}

export function hostFromEnv(): Host {
	const version = process.env.FJ_N8N_VERSION ?? PINNED_HOSTS[0];
	if (process.env.FJ_N8N_DIR) return hostAt(version, process.env.FJ_N8N_DIR);
	return ensureHost(version);
}

/**
 * `npm pack` of the built package, as a user would receive it from the registry. run.sh packs once per
 * run (FJ_PACKAGE_TGZ); by hand we pack into a scratch folder. Build first (`npm run build`).
 */
export function packPackage(outDir: string): string {
	if (!existsSync(join(REPO_ROOT, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before packing');
	}
	mkdirSync(outDir, { recursive: true });
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		// `prepublishOnly` is not run by pack; `prepack` would be, and we have none.
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const name = out.trim().split('\n').pop() as string;
	return join(outDir, name);
}

export function packageTarballFromEnv(scratch: string): string {
	const fromEnv = process.env.FJ_PACKAGE_TGZ;
	if (fromEnv && existsSync(fromEnv)) return fromEnv;
	const existing = existsSync(scratch)
		? readdirSync(scratch).find((f) => f.endsWith('.tgz'))
		: undefined;
	return existing ? join(scratch, existing) : packPackage(scratch);
}

/**
 * The last line test/e2e/queue/<script> prints: where Debian's package it installs when missing has its
 * program (deps.sh: redis-server) or programs (postgres.sh: PostgreSQL's bin folder).
 */
export function debianPackagePath(script: 'deps.sh' | 'postgres.sh'): string {
	return execFileSync('bash', [join(REPO_ROOT, 'test/e2e/queue', script)], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	})
		.trim()
		.split('\n')
		.pop() as string;
}

/** Merges facts about this host into the matrix record run.sh prints and CONTRIBUTING.md cites. */
export function recordResult(host: Host, facts: Record<string, unknown>): void {
	const dir = process.env.FJ_E2E_RESULTS;
	if (!dir) return;
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${host.version}.json`);
	const current = existsSync(file)
		? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
		: {};
	writeFileSync(file, JSON.stringify({ ...current, n8n: host.version, ...facts }, null, 2) + '\n');
}

/**
 * The most frequent Factorial Poll Trigger schedule the host accepts, and how long one poll interval
 * is. n8n 2.41 refuses a cron that fires more than once a minute ("The polling interval is too short",
 * n8n-core's active-workflow-triggers); older hosts take a list of seconds, so their tests stay fast.
 */
export function fastestPolling(host: Host): {
	pollTimes: Record<string, unknown>;
	everyMs: number;
} {
	const core = require.resolve('n8n-core', { paths: [join(host.dir, 'node_modules', 'n8n')] });
	const triggers = join(dirname(core), 'execution-engine', 'active-workflow-triggers.js');
	const minuteOnly =
		existsSync(triggers) && readFileSync(triggers, 'utf8').includes('isSubMinuteCron');
	return minuteOnly
		? { pollTimes: { item: [{ mode: 'everyMinute' }] }, everyMs: 60_000 }
		: {
				// n8n refuses a seconds field with "*"; a list of seconds polls every 5 s.
				pollTimes: {
					item: [{ mode: 'custom', cronExpression: '0,5,10,15,20,25,30,35,40,45,50,55 * * * * *' }],
				},
				everyMs: 5_000,
			};
}
