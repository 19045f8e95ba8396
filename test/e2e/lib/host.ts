/**
 * Where the pinned n8n host and the packed package come from. test/e2e/run.sh prepares both and passes
 * them in the environment; when a single test file is run by hand, we prepare them here the same way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');

/** The lines the matrix runs on; the newest of each that installs on the registry mirror here. */
export const PINNED_HOSTS = ['1.123.81', '2.8.4'] as const;

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
	const existing = existsSync(scratch) ? readdirSync(scratch).find((f) => f.endsWith('.tgz')) : undefined;
	return existing ? join(scratch, existing) : packPackage(scratch);
}
