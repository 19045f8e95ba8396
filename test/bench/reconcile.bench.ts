/* eslint-disable no-console, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a benchmark script, not node code: it prints, forks and writes docs */
/**
 * `npm run bench`: the nightly reconciliation through the node code vs the naive way (one JumpCloud
 * lookup per employee, as an HTTP Request workflow does), on the emulators over real HTTP, for
 * 1k / 10k / 50k employees; plus Generate Unique Username requests per item. Writes docs/performance.md.
 *
 * Compiled by tsc to node_modules/.cache/fj-bench (no ts-node; a folder linters skip). The parent process runs the emulators; every measured
 * run is a fresh child process (`--expose-gc`) so its peak RSS and heap belong to that run alone.
 *
 * Env: BENCH_SIZES=1000,10000,50000   BENCH_NAIVE_MAX=10000 (larger naive runs are sampled, see below)
 *      BENCH_LATENCY_MS=20   BENCH_OUT=docs/performance.md
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FactorialApi } from '../../credentials/FactorialApi.credentials';
import { JumpCloudApi } from '../../credentials/JumpCloudApi.credentials';
import { Factorial } from '../../nodes/Factorial/Factorial.node';
import { GenerateUniqueUsername } from '../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { JumpCloud } from '../../nodes/JumpCloud/JumpCloud.node';
import type { PlanOptions } from '../../nodes/JumpCloud/reconcile/plan';
import { planReconciliation, USER_FIELDS } from '../../nodes/JumpCloud/reconcile/plan';
import { jumpCloudApiRequest } from '../../nodes/JumpCloud/transport';
import { DEFAULT_SYNC_ATTRIBUTES } from '../../nodes/shared/employeeMapping';
import type { RequestCounters } from '../emulators';
import { generateCompany, startFactorialEmulator, startJumpCloudEmulator } from '../emulators';
import { createFakeContext } from '../helpers/executeFunctions';

// ---------------------------------------------------------------- configuration (one place)

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
/** Naive runs above this size time a deterministic sample of lookups and scale it (labelled). */
const NAIVE_MAX = Number(process.env.BENCH_NAIVE_MAX ?? 10000);
const NAIVE_SAMPLE = 5000;
const SEED = 'bench';
/** Drift of the pre-populated JumpCloud org ("a few percent of changes"). */
const DRIFT = { missingRate: 0.01, changedRate: 0.02, staleRate: 0.2 };
/**
 * Rate limits the emulators enforce during the run.
 * Factorial [DOC]: 200 POST a minute on /api/v2; GET limits are not published (not limited here).
 * JumpCloud: no figure is published [GUESS]: 50 requests a second, enforced with 429 + Retry-After.
 * A serial client at 20 ms latency stays just under it, so measured times are latency-bound.
 */
const FACTORIAL_RATE_LIMIT = { requests: 200, windowMs: 60_000, methods: ['POST'] };
const JUMPCLOUD_RATE_LIMIT = { requestsPerSecond: 50 };
/** The often-quoted but unconfirmed "200 requests per minute per API key" (jumpcloud-api.md §6.1). */
const CONSERVATIVE_JC_PER_MINUTE = 200;
const PAGE = 100;

// ---------------------------------------------------------------- shared types

interface Endpoints {
	factorialUrl: string;
	factorialKey: string;
	jumpCloudUrl: string;
	jumpCloudKey: string;
}

interface WorkerTask extends Endpoints {
	mode: 'ours' | 'naive' | 'username';
	employees: number;
	sample?: number;
	usernameCollisions?: number[];
}

interface WorkerResult {
	wallMs: number;
	factorialMs: number;
	jumpCloudMs: number;
	items: number;
	changes: { create: number; update: number; suspend: number; reactivate: number };
	/** Lookups actually timed (naive sampling); equals items otherwise. */
	timedLookups?: number;
	lookupMs?: number;
	maxRssMb: number;
	heapDeltaBytes: number;
	counters: { factorial: RequestCounters; jumpcloud: RequestCounters };
	remainingChanges?: number;
	username?: Array<{ collisions: number; items: number; requests: number; usernames: string[] }>;
}

// ---------------------------------------------------------------- worker side

function contexts(task: Endpoints) {
	const credentials = {
		factorialApi: { environment: 'custom', customUrl: task.factorialUrl, apiKey: task.factorialKey },
		jumpCloudApi: { region: 'custom', customUrl: task.jumpCloudUrl, apiKey: task.jumpCloudKey, orgId: '' },
	};
	const credentialTypes = [new FactorialApi(), new JumpCloudApi()];
	return { credentials, credentialTypes };
}

async function counters(url: string): Promise<RequestCounters> {
	const response = await fetch(`${url}/__emulator/counters`);
	return (await response.json()) as RequestCounters;
}

/** Factorial → Employee → Get Many (Return All, raw, with contract and teams), as the template does. */
async function listEmployees(task: Endpoints): Promise<INodeExecutionData[]> {
	const ctx = createFakeContext({
		params: {
			authentication: 'apiKey',
			resource: 'employee',
			operation: 'getAll',
			returnAll: true,
			filters: {},
			simplify: false,
			options: { includeContractAndTeams: true },
		},
		...contexts(task),
	});
	const [items] = await new Factorial().execute.call(ctx.asExecute());
	return items.map((item) => ({ json: item.json }));
}

function gc(): void {
	(globalThis as { gc?: () => void }).gc?.();
}

/** Heap in use after a forced GC, taken while the run's data (employees, users, output) is alive. */
let heapWithData = 0;
function sampleHeap(): void {
	gc();
	heapWithData = Math.max(heapWithData, process.memoryUsage().heapUsed);
}

const planOptions: PlanOptions = {
	today: new Date().toISOString().slice(0, 10),
	attributes: [...DEFAULT_SYNC_ATTRIBUTES],
	maxSuspensionShare: 100,
	overrideSafetyBrake: false,
	suspendUnmatchedUsers: false,
	reactivateSuspendedUsers: true,
};

async function runOurs(task: WorkerTask): Promise<Partial<WorkerResult>> {
	const started = performance.now();
	const items = await listEmployees(task);
	const listed = performance.now();
	const ctx = createFakeContext({
		params: {
			authentication: 'apiKey',
			resource: 'directorySync',
			operation: 'reconcile',
			dryRun: false,
			maxSuspensionShare: 10,
			newUserState: 'STAGED',
			usernameSource: 'generate',
			usernameFormat: 'first.last',
			attributesToSync: [...DEFAULT_SYNC_ATTRIBUTES],
			reconcileOptions: {},
		},
		items,
		...contexts(task),
	});
	const [out] = await new JumpCloud().execute.call(ctx.asExecute());
	const done = performance.now();
	sampleHeap();
	const summary = out[out.length - 1].json;
	const measured = { factorial: await counters(task.factorialUrl), jumpcloud: await counters(task.jumpCloudUrl) };

	// Convergence check (not counted above): a dry run right after must find nothing left to do.
	const verify = createFakeContext({ params: { ...(ctx.node.parameters as IDataObject), dryRun: true }, items, ...contexts(task) });
	const [again] = await new JumpCloud().execute.call(verify.asExecute());
	const s2 = again[again.length - 1].json;
	return {
		wallMs: done - started,
		factorialMs: listed - started,
		jumpCloudMs: done - listed,
		items: items.length,
		changes: {
			create: Number(summary.created),
			update: Number(summary.updated),
			suspend: Number(summary.suspended),
			reactivate: Number(summary.reactivated),
		},
		counters: measured,
		remainingChanges: Number(s2.created) + Number(s2.updated) + Number(s2.suspended) + Number(s2.reactivated),
	};
}

/**
 * The naive workflow: list employees, then per employee one GET /systemusers?filter=employeeIdentifier:$eq:X
 * and the write it implies (a create also costs the username search of Generate Unique Username).
 * Decisions use the same pure rules, so both ways do the same writes.
 */
async function runNaive(task: WorkerTask): Promise<Partial<WorkerResult>> {
	const started = performance.now();
	const items = await listEmployees(task);
	const listed = performance.now();
	const ctx = createFakeContext({ params: { authentication: 'apiKey' }, ...contexts(task) });
	const exec = ctx.asExecute();
	const changes = { create: 0, update: 0, suspend: 0, reactivate: 0 };
	const limit = task.sample ?? items.length;
	let lookupMs = 0;
	for (let i = 0; i < limit; i++) {
		const employee = items[i].json;
		const t0 = performance.now();
		const found = (await jumpCloudApiRequest.call(exec, 'GET', '/systemusers', undefined, {
			filter: `employeeIdentifier:$eq:${String(employee.id)}`,
			fields: USER_FIELDS.join(' '),
			limit: PAGE,
		})) as IDataObject;
		lookupMs += performance.now() - t0;
		const plan = planReconciliation([employee], (found.results as IDataObject[]) ?? [], planOptions);
		for (const action of [...plan.update, ...plan.reactivate, ...plan.suspend]) {
			const body: IDataObject = {};
			for (const [key, change] of Object.entries(action.diff)) body[key] = change.to;
			if (action.action === 'suspend') body.suspended = true;
			if (action.action === 'reactivate') body.suspended = false;
			await jumpCloudApiRequest.call(exec, 'PUT', `/systemusers/${action.userId}`, body);
			changes[action.action]++;
		}
		for (const action of plan.create) {
			// Generate Unique Username (one search), then the create.
			const search = (await jumpCloudApiRequest.call(exec, 'POST', '/search/systemusers', {
				filter: { and: [{ username: { $regex: `(?i)^${String(employee.id)}` } }] },
				fields: 'username',
			}, { limit: PAGE, skip: 0 }, { idempotent: true })) as IDataObject;
			void search;
			await jumpCloudApiRequest.call(exec, 'POST', '/systemusers', {
				...action.attributes,
				username: `u${String(employee.id)}`,
				state: 'STAGED',
			});
			changes.create++;
		}
		// The fake context records every request; keep only recent ones so memory reflects the work.
		if (ctx.requests.length > 1000) ctx.requests.length = 0;
	}
	const done = performance.now();
	sampleHeap();
	return {
		wallMs: done - started,
		factorialMs: listed - started,
		jumpCloudMs: done - listed,
		items: items.length,
		timedLookups: limit,
		lookupMs,
		changes,
		counters: { factorial: await counters(task.factorialUrl), jumpcloud: await counters(task.jumpCloudUrl) },
	};
}

/** Generate Unique Username with JumpCloud check: requests per item at 0, 5 and 50 collisions. */
async function runUsername(task: WorkerTask): Promise<Partial<WorkerResult>> {
	const rows: NonNullable<WorkerResult['username']> = [];
	for (const collisions of task.usernameCollisions ?? []) {
		const people = [`Person${collisions}a`, `Person${collisions}b`, `Person${collisions}c`, `Person${collisions}d`];
		const before = (await counters(task.jumpCloudUrl)).total;
		const ctx = createFakeContext({
			params: {
				authentication: 'apiKey',
				uniquenessCheck: 'jumpCloud',
				format: 'first.last',
				lengthLimit: 'standard',
				fallbackValue: '',
				options: {},
				firstName: 'Ana',
			},
			itemParams: people.map((last) => ({ lastName: last })),
			items: people.map(() => ({ json: {} })),
			...contexts(task),
		});
		const [out] = await new GenerateUniqueUsername().execute.call(ctx.asExecute());
		const after = (await counters(task.jumpCloudUrl)).total;
		rows.push({ collisions, items: people.length, requests: after - before, usernames: out.map((o) => String(o.json.username)) });
	}
	return { username: rows, items: 0 };
}

async function worker(): Promise<void> {
	const task = JSON.parse(process.env.BENCH_TASK as string) as WorkerTask;
	gc();
	const heapBefore = process.memoryUsage().heapUsed;
	const run = task.mode === 'ours' ? runOurs : task.mode === 'naive' ? runNaive : runUsername;
	const result = await run(task);
	const heapAfter = heapWithData || heapBefore;
	const maxRssMb = process.resourceUsage().maxRSS / 1024;
	process.send?.({ ...result, maxRssMb, heapDeltaBytes: heapAfter - heapBefore });
}

// ---------------------------------------------------------------- parent side

function runWorker(task: WorkerTask): Promise<WorkerResult> {
	return new Promise((resolve, reject) => {
		const child = fork(__filename, ['worker'], {
			execArgv: ['--expose-gc', '--max-old-space-size=4096'],
			env: { ...process.env, BENCH_TASK: JSON.stringify(task) },
		});
		let result: WorkerResult | undefined;
		child.on('message', (m) => (result = m as WorkerResult));
		child.on('error', reject);
		child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`bench worker (${task.mode}) exited with ${code}`))));
	});
}

async function withEmulators<T>(employees: number, fn: (endpoints: Endpoints) => Promise<T>): Promise<T> {
	const company = generateCompany({ seed: SEED, employees });
	const factorial = await startFactorialEmulator({ seed: SEED, company, latencyMs: LATENCY_MS, rateLimit: FACTORIAL_RATE_LIMIT });
	const jumpcloud = await startJumpCloudEmulator({
		seed: SEED,
		mirror: { company, ...DRIFT },
		latencyMs: LATENCY_MS,
		rateLimit: JUMPCLOUD_RATE_LIMIT,
	});
	try {
		return await fn({ factorialUrl: factorial.url, factorialKey: factorial.apiKey, jumpCloudUrl: jumpcloud.url, jumpCloudKey: jumpcloud.apiKey });
	} finally {
		await factorial.close();
		await jumpcloud.close();
	}
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtS = (ms: number) => (ms >= 100_000 ? `${fmtInt(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);
const fmtDuration = (ms: number) =>
	ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;

interface Row {
	n: number;
	ours: WorkerResult;
	naive: WorkerResult;
	naiveScaled: boolean;
	naiveJc: number;
	naiveWallMs: number;
}

function jcRequests(r: WorkerResult): number {
	return r.counters.jumpcloud.total;
}

async function main(): Promise<void> {
	const startedAt = new Date();
	const rows: Row[] = [];
	for (const n of SIZES) {
		console.log(`[bench] N=${n}: reconciliation through the nodes ...`);
		const ours = await withEmulators(n, (e) => runWorker({ ...e, mode: 'ours', employees: n }));
		console.log(`[bench]   ours: ${fmtS(ours.wallMs)}, JumpCloud ${jcRequests(ours)} requests, Factorial ${ours.counters.factorial.total}`);
		const sample = n > NAIVE_MAX ? NAIVE_SAMPLE : undefined;
		console.log(`[bench] N=${n}: naive (one lookup per employee${sample ? `, ${sample} timed and scaled` : ''}) ...`);
		const naive = await withEmulators(n, (e) => runWorker({ ...e, mode: 'naive', employees: n, sample }));
		// Sampled: every employee costs one lookup, plus the same writes as ours.
		const writes = ours.changes.create * 2 + ours.changes.update + ours.changes.suspend + ours.changes.reactivate;
		const naiveJc = sample ? n + writes : jcRequests(naive);
		const perLookup = (naive.jumpCloudMs / (naive.timedLookups ?? n));
		const naiveWallMs = sample ? naive.factorialMs + perLookup * n : naive.wallMs;
		console.log(`[bench]   naive: ${fmtS(naiveWallMs)}${sample ? ' (scaled)' : ''}, JumpCloud ${naiveJc} requests`);
		rows.push({ n, ours, naive, naiveScaled: !!sample, naiveJc, naiveWallMs });
	}

	console.log('[bench] Generate Unique Username: requests per item ...');
	const usernameRows = await (async () => {
		const jumpcloud = await startJumpCloudEmulator({ seed: SEED, latencyMs: LATENCY_MS });
		for (const collisions of [0, 5, 50]) {
			const users = [];
			for (const last of ['a', 'b', 'c', 'd']) {
				for (let k = 0; k < collisions; k++) {
					const base = `ana.person${collisions}${last}`;
					users.push({ username: k === 0 ? base : `${base}${k}`, email: `${base}.${k}@bench.example` });
				}
			}
			jumpcloud.insertUsers(users);
		}
		try {
			const r = await runWorker({
				mode: 'username',
				employees: 0,
				usernameCollisions: [0, 5, 50],
				factorialUrl: '',
				factorialKey: '',
				jumpCloudUrl: jumpcloud.url,
				jumpCloudKey: jumpcloud.apiKey,
			});
			return r.username ?? [];
		} finally {
			await jumpcloud.close();
		}
	})();

	const md = report(rows, usernameRows, startedAt);
	const out = process.env.BENCH_OUT ?? path.join(process.cwd(), 'docs', 'performance.md');
	fs.mkdirSync(path.dirname(out), { recursive: true });
	fs.writeFileSync(out, md);
	console.log(md);
	console.log(`[bench] written to ${path.relative(process.cwd(), out)}`);
}

function report(rows: Row[], usernameRows: NonNullable<WorkerResult['username']>, startedAt: Date): string {
	const lines: string[] = [];
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	lines.push('# Performance');
	lines.push('');
	lines.push('<!-- Generated by `npm run bench` (test/bench/reconcile.bench.ts). Do not edit by hand. -->');
	lines.push('');
	lines.push('Reproduce: `npm run bench` (or `scripts/run bench`; sizes via `BENCH_SIZES=1000,10000,50000`).');
	lines.push(
		`Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.versions.node}, ${os.platform()} ${os.release()}.`,
	);
	lines.push('');
	lines.push('## Setup');
	lines.push('');
	lines.push(
		`- Both emulators (test/emulators) over real HTTP on localhost, **${LATENCY_MS} ms latency** added to every API answer. Seeded demo company (seed \`${SEED}\`) of N employees: ~5% terminated, ~2% without work email, future starters; JumpCloud pre-populated with the matching org and drift: ${DRIFT.missingRate * 100}% of active employees missing, ${DRIFT.changedRate * 100}% with a stale title/last name, ${DRIFT.staleRate * 100}% of leavers still active.`,
	);
	lines.push(
		'- **Ours** = Factorial node (Employee → Get Many, Return All, Include Contract and Teams) feeding the JumpCloud node (Directory Sync → Reconcile With Factorial Employees, Dry Run off), the node code run in a fake n8n context that sends real HTTP with n8n\'s own request helper. One process per run; writes are serial.',
	);
	lines.push(
		'- **Naive** = the same Factorial listing, then per employee one `GET /api/systemusers?filter=employeeIdentifier:$eq:<id>` and the write it implies (a create also costs one username search), serial like an HTTP Request node. It gets the same decisions for free (it even skips manager lookups).',
	);
	lines.push(
		`- Rate limits enforced by the emulators (429 + Retry-After): Factorial 200 POST/min (documented; the reconciliation sends none, GET limits are unpublished); JumpCloud publishes no figure, the bench assumes ${JUMPCLOUD_RATE_LIMIT.requestsPerSecond} requests/s. The column "at 200/min" shows the minimum JumpCloud time under the often-quoted, unconfirmed 200 requests per minute per key.`,
	);
	lines.push(
		`- Floor = N/${PAGE} list requests per side + one write per change (+1 per create is not needed: usernames are checked against the list already read).`,
	);
	lines.push('');
	lines.push('## Reconciliation');
	lines.push('');
	lines.push(
		'| N | way | JumpCloud requests | Factorial requests | changes (create/update/suspend/reactivate) | wall time | JumpCloud at 200/min | peak RSS | heap held per employee |',
	);
	lines.push('|---:|---|---:|---:|---|---:|---:|---:|---:|');
	for (const r of rows) {
		const c = r.ours.changes;
		const changeText = `${c.create}/${c.update}/${c.suspend}/${c.reactivate}`;
		const nc = r.naive.changes;
		const naiveChangeText = r.naiveScaled ? `(same; ${nc.create}/${nc.update}/${nc.suspend}/${nc.reactivate} in the timed ${fmtInt(r.naive.timedLookups ?? 0)})` : `${nc.create}/${nc.update}/${nc.suspend}/${nc.reactivate}`;
		lines.push(
			`| ${fmtInt(r.n)} | ours | ${fmtInt(jcRequests(r.ours))} | ${fmtInt(r.ours.counters.factorial.total)} | ${changeText} | ${fmtS(r.ours.wallMs)} | ${fmtDuration((jcRequests(r.ours) / CONSERVATIVE_JC_PER_MINUTE) * 60_000)} | ${fmtInt(r.ours.maxRssMb)} MB | ${fmtInt(r.ours.heapDeltaBytes / r.n)} B |`,
		);
		lines.push(
			`| ${fmtInt(r.n)} | naive${r.naiveScaled ? ' (scaled from a timed sample)' : ''} | ${fmtInt(r.naiveJc)} | ${fmtInt(r.naive.counters.factorial.total)} | ${naiveChangeText} | ${fmtS(r.naiveWallMs)} | ${fmtDuration((r.naiveJc / CONSERVATIVE_JC_PER_MINUTE) * 60_000)} | ${fmtInt(r.naive.maxRssMb)} MB | ${r.naiveScaled ? '–' : `${fmtInt(r.naive.heapDeltaBytes / r.n)} B`} |`,
		);
	}
	lines.push('');
	lines.push('## Against the floor and the naive way');
	lines.push('');
	lines.push('| N | changes | floor (JumpCloud) | ours (JumpCloud) | ours / floor | naive / ours (JumpCloud requests) | naive / ours (wall time) | 429s seen (ours) | left to do after the run |');
	lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const r of rows) {
		const c = r.ours.changes;
		const changes = c.create + c.update + c.suspend + c.reactivate;
		const floor = Math.ceil(r.n / PAGE) + changes;
		const ours = jcRequests(r.ours);
		lines.push(
			`| ${fmtInt(r.n)} | ${fmtInt(changes)} | ${fmtInt(floor)} | ${fmtInt(ours)} | ${(ours / floor).toFixed(2)} | ${(r.naiveJc / ours).toFixed(1)}× | ${(r.naiveWallMs / r.ours.wallMs).toFixed(1)}× | ${r.ours.counters.jumpcloud.rateLimited + r.ours.counters.factorial.rateLimited} | ${r.ours.remainingChanges} |`,
		);
	}
	lines.push('');
	lines.push(
		'Factorial side: the employee list is N/100 pages; Include Contract and Teams adds the contract-version and membership lists (N/100 pages each) and one teams page, read once per execution, not per employee. Wall time of ours is split below.',
	);
	lines.push('');
	lines.push('| N | ours: Factorial listing | ours: JumpCloud read + plan + writes | naive: per lookup |');
	lines.push('|---:|---:|---:|---:|');
	for (const r of rows) {
		lines.push(
			`| ${fmtInt(r.n)} | ${fmtS(r.ours.factorialMs)} | ${fmtS(r.ours.jumpCloudMs)} | ${((r.naive.lookupMs ?? 0) / (r.naive.timedLookups || 1)).toFixed(1)} ms |`,
		);
	}
	lines.push('');
	lines.push('## Username generation (Generate Unique Username, JumpCloud check)');
	lines.push('');
	lines.push('| existing collisions per name | items | JumpCloud requests | requests per item | usernames |');
	lines.push('|---:|---:|---:|---:|---|');
	for (const u of usernameRows) {
		lines.push(`| ${u.collisions} | ${u.items} | ${u.requests} | ${(u.requests / u.items).toFixed(2)} | ${u.usernames.join(', ')} |`);
	}
	lines.push('');
	lines.push(
		'The reconciliation itself makes **no** username request: it checks generated names against the user list it already read.',
	);
	lines.push('');
	lines.push('## Notes');
	lines.push('');
	lines.push(
		`- Naive runs above ${fmtInt(NAIVE_MAX)} employees time the first ${fmtInt(NAIVE_SAMPLE)} lookups (with their writes) and scale the per-lookup time to N; their request count is N lookups + the same writes as ours (+1 username search per create). \`BENCH_NAIVE_MAX=100000\` runs them in full (about N × ${LATENCY_MS + 2} ms).`,
	);
	lines.push('- Peak RSS is the whole worker process (Node, n8n-workflow, the node code and the data); "heap held per employee" is the heap in use right after the run while its data is alive (the employee items and the output items; the JumpCloud user list lives only inside the node call and shows in peak RSS), after a forced GC, minus the heap before the run, divided by N. It stays flat as N grows: both sides are indexed by key (Maps), no nested loops.');
	lines.push('- Benchmarks are not tests: nothing here asserts a time. `left to do after the run` is a dry run right after ours and must be 0.');
	lines.push('');
	return lines.join('\n');
}

if (process.argv[2] === 'worker') {
	worker().catch((error) => {
		console.error(error);
		process.exit(1);
	});
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
