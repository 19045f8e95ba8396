/**
 * The processes of the queue-mode e2e tests besides the N8n main (test/e2e/lib/n8n.ts): a throwaway Redis,
 * n8n workers and the webhook process. Each collects its output (echoed with FJ_E2E_VERBOSE) and is killed
 * if the test process exits first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { debianPackagePath, type Host } from '../lib/host';
import { freePort, waitFor, type N8n } from '../lib/n8n';

export interface Proc {
	name: string;
	child: ChildProcess;
	output: string;
}

export function launch(
	name: string,
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	cwd: string,
): Proc {
	const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
	const proc: Proc = { name, child, output: '' };
	const collect = (d: Buffer) => {
		proc.output += d.toString();
		if (process.env.FJ_E2E_VERBOSE) process.stderr.write(`[${name}] ${d.toString()}`);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	child.once('exit', () => process.removeListener('exit', killOnExit));
	return proc;
}

/** SIGTERM, then SIGKILL after 15 s; resolves once the process has exited. */
export async function stopProc(proc: Proc | undefined): Promise<void> {
	if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
	const exited = new Promise<void>((r) => proc.child.once('exit', () => r()));
	proc.child.kill('SIGTERM');
	const timer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

/** `n8n <args>` of the host, e.g. a worker or the webhook process. */
export function launchN8n(
	host: Host,
	name: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	cwd: string,
): Proc {
	return launch(name, process.execPath, [host.bin, ...args], env, cwd);
}

/** How many executions an n8n worker has started, from its log. */
export const workerStarted = (proc: Proc) =>
	(proc.output.match(/Worker started execution/g) ?? []).length;

export interface Redis {
	port: number;
	/** The environment that puts an n8n process in queue mode on this Redis, under its own key prefix. */
	queueEnv(prefix: string): Record<string, string>;
	stop(): Promise<void>;
}

/**
 * A redis-server from Debian's packages (test/e2e/queue/deps.sh installs it when missing) on a free
 * loopback port, saving nothing, in a folder of its own that `stop()` removes.
 */
export async function startRedis(): Promise<Redis> {
	const bin = debianPackagePath('deps.sh');
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'fj-redis-'));
	const proc = launch(
		'redis',
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		process.env,
		dir,
	);
	const stop = async () => {
		await stopProc(proc);
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitFor(
			() => /Ready to accept connections/.test(proc.output),
			'redis-server to start',
			20_000,
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		port,
		queueEnv: (prefix) => ({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(port),
			QUEUE_BULL_PREFIX: prefix,
		}),
		stop,
	};
}

/** `count` n8n workers (worker1, worker2, …) on the main's user folder, each on ports of its own. */
export async function launchWorkers(
	n8n: N8n,
	env: Record<string, string>,
	count: number,
	concurrency: number,
): Promise<Proc[]> {
	const workers: Proc[] = [];
	for (let w = 0; w < count; w++) {
		const workerEnv = n8n.env({
			...env,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
			N8N_PORT: String(await freePort()),
		});
		workers.push(
			launchN8n(
				n8n.host,
				`worker${w + 1}`,
				['worker', `--concurrency=${concurrency}`],
				workerEnv,
				n8n.userFolder,
			),
		);
	}
	return workers;
}

/**
 * Waits until every worker says it is ready. Fails as soon as one of `processes` (the workers and any
 * other process started with them) has exited, and on time-out with the end of each one's output.
 */
export async function waitForWorkers(
	workers: Proc[],
	processes: Proc[],
	timeoutMs: number,
): Promise<void> {
	const exited = () => processes.find((p) => p.child.exitCode !== null);
	await waitFor(
		() =>
			exited() ??
			workers.every((w) => /n8n worker is now ready|Worker ready|ready to receive/i.test(w.output)),
		'every worker to be ready',
		timeoutMs,
	).catch((error: Error) => {
		const tails = processes.map((p) => `--- ${p.name}:\n${p.output.slice(-3000)}`).join('\n');
		throw new Error(`${error.message}\n${tails}`);
	});
	const dead = exited();
	if (dead) throw new Error(`n8n ${dead.name} exited ${dead.child.exitCode}:\n${dead.output}`);
}
