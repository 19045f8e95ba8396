/**
 * A throwaway PostgreSQL server for one test file: Debian's package (installed by
 * test/e2e/queue/postgres.sh when missing), a fresh cluster in a temp folder, loopback only, a free port,
 * trust authentication for the `n8n` role. Postgres refuses to run as root: as root it runs as the
 * package's `postgres` user (or `nobody`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { debianPackagePath } from './host';
import { freePort, waitFor } from './n8n';

export interface Postgres {
	port: number;
	database: string;
	user: string;
	/** What every n8n process needs to use this database. */
	n8nEnv: Record<string, string>;
	/** Runs SQL with psql and returns the rows (tab-separated fields). */
	query(sql: string): string[][];
	logs(): string;
	stop(): Promise<void>;
}

function runAsUser(): { uid: number; gid: number; name: string } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	for (const name of ['postgres', 'nobody']) {
		try {
			const id = (flag: string) =>
				Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }).trim());
			return { uid: id('-u'), gid: id('-g'), name };
		} catch {
			// no such user; try the next
		}
	}
	throw new Error('Running as root and neither a "postgres" nor a "nobody" user exists');
}

export async function startPostgres(): Promise<Postgres> {
	const bin = debianPackagePath('postgres.sh');
	const as = runAsUser();
	const dir = mkdtempSync(join(tmpdir(), 'fj-postgres-'));
	const data = join(dir, 'data');
	chmodSync(dir, 0o700);
	if (as) chownSync(dir, as.uid, as.gid);
	// runuser keeps our environment; the server gets only what it needs.
	const wrap = (cmd: string, args: string[]): [string, string[]] =>
		as ? ['runuser', ['-u', as.name, '--', cmd, ...args]] : [cmd, args];
	const user = 'n8n';
	const [initCmd, initArgs] = wrap(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		user,
		'--auth=trust',
		'--encoding=UTF8',
		'--no-sync',
	]);
	execFileSync(initCmd, initArgs, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
	const port = await freePort();
	const [cmd, args] = wrap(join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'max_connections=100',
	]);
	const child: ChildProcess = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	child.once('exit', () => process.removeListener('exit', killOnExit));
	await waitFor(
		() => {
			if (child.exitCode !== null) throw new Error(`postgres exited ${child.exitCode}:\n${output}`);
			return /ready to accept connections/.test(output);
		},
		'PostgreSQL to start',
		60_000,
	);
	const database = 'n8n';
	const psql = (sql: string, db: string) =>
		execFileSync(
			join(bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', db, '-At', '-F', '\t', '-c', sql],
			{ encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '10' } },
		);
	psql(`CREATE DATABASE ${database}`, 'postgres');
	return {
		port,
		database,
		user,
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: user,
			DB_POSTGRESDB_PASSWORD: '',
		},
		query: (sql: string) =>
			psql(sql, database)
				.split('\n')
				.filter((l) => l !== '')
				.map((l) => l.split('\t')),
		logs: () => output,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise<void>((r) => child.once('exit', () => r()));
				// SIGINT = fast shutdown.
				child.kill('SIGINT');
				const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
				await exited;
				clearTimeout(timer);
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
