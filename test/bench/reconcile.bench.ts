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
 *      BENCH_N8N_SIZES=1000,10000,50000 (the shipped template in a real n8n; empty = skip)
 *      BENCH_N8N_TWO_NODE_SIZES=1000,10000 (the former two-node shape, Get Many → Reconcile, for comparison)
 *      BENCH_N8N_VERSION (default the newest of test/e2e/hosts.json)   BENCH_LOW_DRIFT_N=10000   BENCH_NAIVE_SAMPLE=5000
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
import type { PlanOptions } from '../../nodes/lib/plan';
import { planReconciliation, USER_FIELDS } from '../../nodes/lib/plan';
import { jumpCloudApiRequest } from '../../nodes/JumpCloud/transport';
import { DEFAULT_SYNC_ATTRIBUTES } from '../../nodes/lib/employeeMapping';
import type { RequestCounters } from '../emulators';
import { generateCompany, startFactorialEmulator, startJumpCloudEmulator } from '../emulators';
import { createFakeContext } from '../helpers/executeFunctions';
import { reconcileParams } from '../helpers/reconcile';
import type { N8nHost, N8nRunResult } from './n8n';
import { BenchN8n, newestHost } from './n8n';

// ---------------------------------------------------------------- configuration (one place)

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const NODE_ONLY_SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
/** Naive runs above this size time a deterministic sample of lookups and scale it (labelled). */
const NAIVE_MAX = Number(process.env.BENCH_NAIVE_MAX ?? 10000);
const NAIVE_SAMPLE = Number(process.env.BENCH_NAIVE_SAMPLE ?? 5000);
const SEED = 'bench';
/** Drift of the pre-populated JumpCloud org ("a few percent of changes"). */
const DRIFT = { missingRate: 0.01, changedRate: 0.02, staleRate: 0.2 };
/** A realistic nightly drift: about 0.5% of the employees need a change. */
const LOW_DRIFT = { missingRate: 0.001, changedRate: 0.003, staleRate: 0.025 };
const LOW_DRIFT_N = Number(process.env.BENCH_LOW_DRIFT_N ?? 10000);
const list = (value: string | undefined, fallback: string) =>
	(value ?? fallback)
		.split(',')
		.filter((v) => v.trim() !== '')
		.map(Number);
const N8N_SIZES = list(process.env.BENCH_N8N_SIZES, '1000,10000,50000');
const N8N_TWO_NODE_SIZES = list(process.env.BENCH_N8N_TWO_NODE_SIZES, '1000,10000');
/**
 * Node-only (ours, naive, floor) rows are measured for every size the real-n8n part runs too, whatever
 * BENCH_SIZES says: a real-n8n row is only read against the node-only row of the same N, and a shortened
 * BENCH_SIZES once left docs/performance.md with real-n8n rows at 10k/50k and node-only rows at 1k only.
 */
const SIZES = [...new Set([...NODE_ONLY_SIZES, ...N8N_SIZES, ...N8N_TWO_NODE_SIZES])]
	.filter((n) => n > 0)
	.sort((a, b) => a - b);
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
/** Factorial floor of one reconciliation: the employee, contract-version and membership lists (N/100 pages each) and one teams page. */
const factorialFloor = (n: number) => 3 * Math.ceil(n / PAGE) + 1;
/**
 * JumpCloud floor: the user list (N/100 pages), one write per change and per activation now, one job per
 * scheduled activation plus one read of the pending jobs when any is scheduled; with Team Groups: Repair
 * (the shipped template) the group list and the member list of each team group (`groups.reads`, pages
 * counted on the org before the run) and one write per membership added or removed (`groups.writes`).
 */
const jumpCloudFloor = (
	n: number,
	changes: number,
	now = 0,
	scheduled = 0,
	groups: { reads: number; writes: number } = { reads: 0, writes: 0 },
) =>
	Math.ceil(n / PAGE) +
	changes +
	now +
	scheduled +
	(scheduled > 0 ? 1 : 0) +
	groups.reads +
	groups.writes;

/**
 * The pages Team Groups: Repair must read at least: the group list, and each team group's members (an
 * empty group is one page). Every group of the seeded org is named like a Factorial team.
 */
function teamGroupReads(groups: Array<{ memberIds: string[] }>): number {
	return (
		Math.max(1, Math.ceil(groups.length / PAGE)) +
		groups.reduce((sum, g) => sum + Math.max(1, Math.ceil(g.memberIds.length / PAGE)), 0)
	);
}

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
	/**
	 * The Joiner's activation rule the reconciliation applies (issue 16): staged users activated now, and
	 * activations scheduled for a later start. Ours only; the naive way does none of this work.
	 */
	activations?: { now: number; scheduled: number };
	/** Lookups actually timed (naive sampling); equals items otherwise. */
	timedLookups?: number;
	lookupMs?: number;
	maxRssMb: number;
	heapDeltaBytes: number;
	counters: { factorial: RequestCounters; jumpcloud: RequestCounters };
	remainingChanges?: number;
	/** Team Groups: Repair: memberships added plus removed (ours only). */
	teamGroupWrites?: number;
	/** The floor's group pages, counted on the org before the run (set by the parent). */
	teamGroupReads?: number;
	username?: Array<{ collisions: number; items: number; requests: number; usernames: string[] }>;
}

// ---------------------------------------------------------------- worker side

function contexts(task: Endpoints) {
	const credentials = {
		factorialApi: {
			environment: 'custom',
			customUrl: task.factorialUrl,
			apiKey: task.factorialKey,
		},
		jumpCloudApi: {
			region: 'custom',
			customUrl: task.jumpCloudUrl,
			apiKey: task.jumpCloudKey,
			orgId: '',
		},
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
		params: reconcileParams({
			attributesToSync: [...DEFAULT_SYNC_ATTRIBUTES],
			// As the shipped template does: the team groups' reads and writes are part of the run.
			teamGroups: 'repair',
		}),
		items,
		...contexts(task),
	});
	const [out] = await new JumpCloud().execute.call(ctx.asExecute());
	const done = performance.now();
	sampleHeap();
	const summary = out[out.length - 1].json;
	const measured = {
		factorial: await counters(task.factorialUrl),
		jumpcloud: await counters(task.jumpCloudUrl),
	};

	// Convergence check (not counted above): a dry run right after must find nothing left to do.
	const verify = createFakeContext({
		params: { ...(ctx.node.parameters as IDataObject), dryRun: true },
		items,
		...contexts(task),
	});
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
		activations: {
			now: Number(summary.activated ?? 0),
			scheduled: Number(summary.activationsScheduled ?? 0),
		},
		counters: measured,
		teamGroupWrites:
			Number(summary.teamGroupMembershipsAdded ?? 0) +
			Number(summary.teamGroupMembershipsRemoved ?? 0),
		remainingChanges:
			Number(s2.teamGroupsRepaired ?? 0) +
			Number(s2.created) +
			Number(s2.updated) +
			Number(s2.suspended) +
			Number(s2.reactivated) +
			Number(s2.activated ?? 0) +
			Number(s2.activationsScheduled ?? 0),
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
		const plan = planReconciliation(
			[employee],
			(found.results as IDataObject[]) ?? [],
			planOptions,
		);
		for (const action of [...plan.update, ...plan.reactivate, ...plan.suspend]) {
			const body: IDataObject = {};
			for (const [key, change] of Object.entries(action.diff)) body[key] = change.to;
			if (action.action === 'suspend') body.suspended = true;
			if (action.action === 'reactivate') body.suspended = false;
			await jumpCloudApiRequest.call(exec, 'PUT', `/systemusers/${action.userId}`, body);
			changes[action.action as keyof typeof changes]++;
		}
		for (const action of plan.create) {
			// Generate Unique Username (one search), then the create.
			const search = (await jumpCloudApiRequest.call(
				exec,
				'POST',
				'/search/systemusers',
				{
					filter: { and: [{ username: { $regex: `(?i)^${String(employee.id)}` } }] },
					fields: 'username',
				},
				{ limit: PAGE, skip: 0 },
				{ idempotent: true },
			)) as IDataObject;
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
		counters: {
			factorial: await counters(task.factorialUrl),
			jumpcloud: await counters(task.jumpCloudUrl),
		},
	};
}

/** Generate Unique Username with JumpCloud check: requests per item at 0, 5 and 50 collisions. */
async function runUsername(task: WorkerTask): Promise<Partial<WorkerResult>> {
	const rows: NonNullable<WorkerResult['username']> = [];
	for (const collisions of task.usernameCollisions ?? []) {
		const people = [
			`Person${collisions}a`,
			`Person${collisions}b`,
			`Person${collisions}c`,
			`Person${collisions}d`,
		];
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
		rows.push({
			collisions,
			items: people.length,
			requests: after - before,
			usernames: out.map((o) => String(o.json.username)),
		});
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
		child.on('exit', (code) =>
			result
				? resolve(result)
				: reject(new Error(`bench worker (${task.mode}) exited with ${code}`)),
		);
	});
}

async function withEmulators<T>(
	employees: number,
	fn: (endpoints: Endpoints, before: { teamGroupReads: number }) => Promise<T>,
	drift: typeof DRIFT = DRIFT,
): Promise<T> {
	const company = generateCompany({ seed: SEED, employees });
	const factorial = await startFactorialEmulator({
		seed: SEED,
		company,
		latencyMs: LATENCY_MS,
		rateLimit: FACTORIAL_RATE_LIMIT,
	});
	const jumpcloud = await startJumpCloudEmulator({
		seed: SEED,
		mirror: { company, ...drift },
		latencyMs: LATENCY_MS,
		rateLimit: JUMPCLOUD_RATE_LIMIT,
	});
	try {
		return await fn(
			{
				factorialUrl: factorial.url,
				factorialKey: factorial.apiKey,
				jumpCloudUrl: jumpcloud.url,
				jumpCloudKey: jumpcloud.apiKey,
			},
			{ teamGroupReads: teamGroupReads(jumpcloud.groups()) },
		);
	} finally {
		await factorial.close();
		await jumpcloud.close();
	}
}

type Shape = 'template' | 'twoNodes';

interface N8nRow {
	n: number;
	shape: Shape;
	run: N8nRunResult;
	counters: { factorial: RequestCounters; jumpcloud: RequestCounters };
}

/**
 * The shipped Nightly Reconciliation with the edits an admin makes to go live (Dry Run off; the brake at
 * 10% as in the node-only run). `twoNodes` rebuilds the shape it had before: Factorial Get Many (Return
 * All, Simplify, Include Contract and Teams) feeding the reconciliation 50k items.
 */
function nightlyWorkflow(shape: Shape): Record<string, unknown> {
	const workflow = JSON.parse(
		fs.readFileSync(path.join(process.cwd(), 'templates', 'nightly-reconciliation.json'), 'utf8'),
	) as {
		id: string;
		nodes: Array<{ name: string; parameters: Record<string, unknown>; [k: string]: unknown }>;
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	};
	const settings = workflow.nodes.find((n) => n.name === 'Settings');
	const assignments = (
		settings?.parameters.assignments as { assignments: Array<{ name: string; value: string }> }
	).assignments;
	for (const a of assignments) {
		if (a.name === 'dryRun') a.value = '={{ false }}';
		if (a.name === 'maxSuspensionShare') a.value = '={{ 10 }}';
	}
	if (shape === 'twoNodes') {
		const reconcile = workflow.nodes.find((n) => n.name === 'Reconcile JumpCloud');
		if (!reconcile) throw new Error('template without Reconcile JumpCloud');
		reconcile.parameters.employeeSource = 'input';
		delete reconcile.parameters.factorialAuthentication;
		reconcile.credentials = {
			jumpCloudApi: { id: 'jumpcloud-credential', name: 'JumpCloud account' },
		};
		workflow.nodes.push({
			name: 'All Factorial Employees',
			type: 'n8n-nodes-factorial-jumpcloud.factorial',
			typeVersion: 1,
			position: [440, 200],
			id: 'fjBenchTwoNodes-factorial',
			credentials: { factorialApi: { id: 'factorial-credential', name: 'Factorial account' } },
			parameters: {
				authentication: 'apiKey',
				resource: 'employee',
				operation: 'getAll',
				returnAll: true,
				simplify: true,
				options: { includeContractAndTeams: true },
			},
		});
		workflow.connections.Settings.main[0][0].node = 'All Factorial Employees';
		workflow.connections['All Factorial Employees'] = {
			main: [[{ node: 'Reconcile JumpCloud' }].map((c) => ({ ...c, type: 'main', index: 0 }))],
		};
		workflow.id = 'fjBenchTwoNodes1';
	}
	return workflow;
}

async function runInN8n(host: N8nHost, e: Endpoints, n: number, shape: Shape): Promise<N8nRow> {
	const n8n = new BenchN8n(host, process.cwd());
	try {
		n8n.importJson('credentials', [
			{
				id: 'factorial-credential',
				name: 'Factorial account',
				type: 'factorialApi',
				data: { environment: 'custom', customUrl: e.factorialUrl, apiKey: e.factorialKey },
			},
			{
				id: 'jumpcloud-credential',
				name: 'JumpCloud account',
				type: 'jumpCloudApi',
				data: { region: 'custom', customUrl: e.jumpCloudUrl, apiKey: e.jumpCloudKey, orgId: '' },
			},
		]);
		const workflow = nightlyWorkflow(shape);
		n8n.importJson('workflow', [workflow]);
		// Reading the counters before the run: the imports make no API request, but be exact.
		const before = {
			factorial: await counters(e.factorialUrl),
			jumpcloud: await counters(e.jumpCloudUrl),
		};
		const run = await n8n.execute(String(workflow.id));
		const after = {
			factorial: await counters(e.factorialUrl),
			jumpcloud: await counters(e.jumpCloudUrl),
		};
		const minus = (a: RequestCounters, b: RequestCounters): RequestCounters => ({
			...a,
			total: a.total - b.total,
			rateLimited: a.rateLimited - b.rateLimited,
		});
		return {
			n,
			shape,
			run,
			counters: {
				factorial: minus(after.factorial, before.factorial),
				jumpcloud: minus(after.jumpcloud, before.jumpcloud),
			},
		};
	} finally {
		n8n.dispose();
	}
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtS = (ms: number) =>
	ms >= 100_000 ? `${fmtInt(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
const fmtDuration = (ms: number) =>
	ms >= 3_600_000
		? `${(ms / 3_600_000).toFixed(1)} h`
		: ms >= 60_000
			? `${(ms / 60_000).toFixed(1)} min`
			: `${(ms / 1000).toFixed(1)} s`;

interface Row {
	n: number;
	ours: WorkerResult;
	naive: WorkerResult;
	naiveScaled: boolean;
	naiveJc: number;
	naiveWallMs: number;
}

/** The team-group part of a run's floor (Team Groups: Repair). */
function groupWork(r: WorkerResult): { reads: number; writes: number } {
	return { reads: r.teamGroupReads ?? 0, writes: r.teamGroupWrites ?? 0 };
}

function jcRequests(r: WorkerResult): number {
	return r.counters.jumpcloud.total;
}

async function main(): Promise<void> {
	const startedAt = new Date();
	const rows: Row[] = [];
	for (const n of SIZES) {
		console.log(`[bench] N=${n}: reconciliation through the nodes ...`);
		const ours = await withEmulators(n, async (e, before) => ({
			...(await runWorker({ ...e, mode: 'ours', employees: n })),
			...before,
		}));
		console.log(
			`[bench]   ours: ${fmtS(ours.wallMs)}, JumpCloud ${jcRequests(ours)} requests, Factorial ${ours.counters.factorial.total}`,
		);
		const sample = n > NAIVE_MAX ? NAIVE_SAMPLE : undefined;
		console.log(
			`[bench] N=${n}: naive (one lookup per employee${sample ? `, ${sample} timed and scaled` : ''}) ...`,
		);
		const naive = await withEmulators(n, (e) =>
			runWorker({ ...e, mode: 'naive', employees: n, sample }),
		);
		// Sampled: every employee costs one lookup, plus the same writes as ours.
		const writes =
			ours.changes.create * 2 +
			ours.changes.update +
			ours.changes.suspend +
			ours.changes.reactivate;
		const naiveJc = sample ? n + writes : jcRequests(naive);
		const perLookup = naive.jumpCloudMs / (naive.timedLookups ?? n);
		const naiveWallMs = sample ? naive.factorialMs + perLookup * n : naive.wallMs;
		console.log(
			`[bench]   naive: ${fmtS(naiveWallMs)}${sample ? ' (scaled)' : ''}, JumpCloud ${naiveJc} requests`,
		);
		rows.push({ n, ours, naive, naiveScaled: !!sample, naiveJc, naiveWallMs });
	}

	// The realistic nightly drift: ours measured, naive = N lookups + the same writes (as sampled above).
	console.log(`[bench] N=${LOW_DRIFT_N} at a ~0.5% drift: reconciliation through the nodes ...`);
	const low = await withEmulators(
		LOW_DRIFT_N,
		async (e, before) => ({
			...(await runWorker({ ...e, mode: 'ours', employees: LOW_DRIFT_N })),
			...before,
		}),
		LOW_DRIFT,
	);

	console.log('[bench] Generate Unique Username: requests per item ...');
	const usernameRows = await (async () => {
		const jumpcloud = await startJumpCloudEmulator({ seed: SEED, latencyMs: LATENCY_MS });
		for (const collisions of [0, 5, 50]) {
			const users = [];
			for (const last of ['a', 'b', 'c', 'd']) {
				for (let k = 0; k < collisions; k++) {
					const base = `ana.person${collisions}${last}`;
					users.push({
						username: k === 0 ? base : `${base}${k}`,
						email: `${base}.${k}@bench.example`,
					});
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

	// The real-n8n part goes last and the document is rewritten after every run, so a size that cannot
	// finish (the 50k run takes minutes) leaves the rows that did, and names what is missing.
	const out = process.env.BENCH_OUT ?? path.join(process.cwd(), 'docs', 'performance.md');
	fs.mkdirSync(path.dirname(out), { recursive: true });
	const n8nRows: N8nRow[] = [];
	let host: N8nHost | undefined;
	const jobs: Array<[number, Shape]> = [
		...N8N_SIZES.map((n) => [n, 'template'] as [number, Shape]),
		...N8N_TWO_NODE_SIZES.map((n) => [n, 'twoNodes'] as [number, Shape]),
	];
	const write = (pending: Array<[number, Shape]>) => {
		const md = report(rows, usernameRows, startedAt, { low, n8nRows, host, pending });
		fs.writeFileSync(out, md);
		return md;
	};
	write(jobs);
	for (const [index, [n, shape]] of jobs.entries()) {
		host ??= newestHost(process.cwd(), process.env.BENCH_N8N_VERSION);
		console.log(`[bench] N=${n}: Nightly Reconciliation (${shape}) in n8n ${host.version} ...`);
		const row = await withEmulators(n, (e) => runInN8n(host as N8nHost, e, n, shape));
		console.log(
			`[bench]   ${row.run.ok ? 'ok' : 'FAILED'}: ${fmtS(row.run.executionMs)}, peak RSS ${fmtInt(row.run.peakRssMb)} MB, stored ${fmtInt(row.run.storedBytes / 1024)} kB, JumpCloud ${row.counters.jumpcloud.total}${row.run.error ? `\n${row.run.error}` : ''}`,
		);
		n8nRows.push(row);
		write(jobs.slice(index + 1));
	}
	const md = write([]);
	console.log(md);
	console.log(`[bench] written to ${path.relative(process.cwd(), out)}`);
}

function report(
	rows: Row[],
	usernameRows: NonNullable<WorkerResult['username']>,
	startedAt: Date,
	extra: {
		low: WorkerResult;
		n8nRows: N8nRow[];
		host?: N8nHost;
		/** Real-n8n runs not measured (yet): named under the table, never silently left out. */
		pending: Array<[number, Shape]>;
	},
): string {
	const lines: string[] = [];
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	lines.push('# Performance');
	lines.push('');
	lines.push(
		'<!-- Generated by `npm run bench` (test/bench/reconcile.bench.ts). Do not edit by hand. -->',
	);
	lines.push('');
	lines.push(
		'Reproduce: `npm run bench` (or `scripts/run bench`; sizes via `BENCH_SIZES=1000,10000,50000`, real-n8n sizes via `BENCH_N8N_SIZES`; every real-n8n size gets its node-only row too).',
	);
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
		"- **Ours** = Factorial node (Employee → Get Many, Return All, Include Contract and Teams) feeding the JumpCloud node (Directory Sync → Reconcile With Factorial Employees, Dry Run off), the node code run in a fake n8n context that sends real HTTP with n8n's own request helper. One process per run; writes are serial.",
	);
	lines.push(
		'- **Naive** = the same Factorial listing, then per employee one `GET /api/systemusers?filter=employeeIdentifier:$eq:<id>` and the write it implies (a create also costs one username search), serial like an HTTP Request node. It gets the same decisions for free (it even skips manager lookups).',
	);
	lines.push(
		`- Rate limits enforced by the emulators (429 + Retry-After): Factorial 200 POST/min (documented; the reconciliation sends none, GET limits are unpublished); JumpCloud publishes no figure, the bench assumes ${JUMPCLOUD_RATE_LIMIT.requestsPerSecond} requests/s. The column "at 200/min" shows the minimum JumpCloud time under the often-quoted, unconfirmed 200 requests per minute per key.`,
	);
	lines.push(
		`- Floor = JumpCloud: N/${PAGE} list requests + one write per change (+1 per create is not needed: usernames are checked against the list already read) + one per activation the Joiner's rule applies now or schedules (+1 read of the pending jobs when any is scheduled) + with Team Groups: Repair (as the shipped template) the group list and each team group's member list (pages counted on the org before the run) and one write per membership added or removed; Factorial: the employee, contract-version and membership lists (N/${PAGE} pages each) + one teams page = 3 × N/${PAGE} + 1.`,
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
		const naiveChangeText = r.naiveScaled
			? `(same; ${nc.create}/${nc.update}/${nc.suspend}/${nc.reactivate} in the timed ${fmtInt(r.naive.timedLookups ?? 0)})`
			: `${nc.create}/${nc.update}/${nc.suspend}/${nc.reactivate}`;
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
	lines.push(
		'| N | changes | floor (JumpCloud) | ours (JumpCloud) | ours / floor | floor (Factorial) | ours (Factorial) | naive / ours (JumpCloud requests) | naive / ours (wall time) | 429s seen (ours) | left to do after the run |',
	);
	lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const r of rows) {
		const c = r.ours.changes;
		const changes = c.create + c.update + c.suspend + c.reactivate;
		const floor = jumpCloudFloor(
			r.n,
			changes,
			r.ours.activations?.now,
			r.ours.activations?.scheduled,
			groupWork(r.ours),
		);
		const ours = jcRequests(r.ours);
		lines.push(
			`| ${fmtInt(r.n)} | ${fmtInt(changes)} | ${fmtInt(floor)} | ${fmtInt(ours)} | ${(ours / floor).toFixed(2)} | ${fmtInt(factorialFloor(r.n))} | ${fmtInt(r.ours.counters.factorial.total)} | ${(r.naiveJc / ours).toFixed(1)}× | ${(r.naiveWallMs / r.ours.wallMs).toFixed(1)}× | ${r.ours.counters.jumpcloud.rateLimited + r.ours.counters.factorial.rateLimited} | ${r.ours.remainingChanges} |`,
		);
	}
	lines.push('');
	lines.push(
		'Factorial side: the employee list is N/100 pages; Include Contract and Teams adds the contract-version and membership lists (N/100 pages each) and one teams page, read once per execution, not per employee. Wall time of ours is split below.',
	);
	lines.push('');
	lines.push(
		'| N | ours: Factorial listing | ours: JumpCloud read + plan + writes | naive: per lookup |',
	);
	lines.push('|---:|---:|---:|---:|');
	for (const r of rows) {
		lines.push(
			`| ${fmtInt(r.n)} | ${fmtS(r.ours.factorialMs)} | ${fmtS(r.ours.jumpCloudMs)} | ${((r.naive.lookupMs ?? 0) / (r.naive.timedLookups || 1)).toFixed(1)} ms |`,
		);
	}
	lines.push('');
	const lc = extra.low.changes;
	const lowChanges = lc.create + lc.update + lc.suspend + lc.reactivate;
	const lowOurs = jcRequests(extra.low);
	const lowNaive = LOW_DRIFT_N + lowChanges + lc.create;
	lines.push(
		`At a realistic nightly drift (${LOW_DRIFT.missingRate * 100}% missing, ${LOW_DRIFT.changedRate * 100}% stale attributes, ${LOW_DRIFT.staleRate * 100}% of leavers still active: ${fmtInt(lowChanges)} changes for ${fmtInt(LOW_DRIFT_N)} employees, ${((lowChanges / LOW_DRIFT_N) * 100).toFixed(2)}%), ours sends ${fmtInt(lowOurs)} JumpCloud requests (floor ${fmtInt(jumpCloudFloor(LOW_DRIFT_N, lowChanges, extra.low.activations?.now, extra.low.activations?.scheduled, groupWork(extra.low)))}) in ${fmtS(extra.low.wallMs)}; the naive way would send ${fmtInt(lowNaive)} (N lookups + the same writes + one username search per create): **${(lowNaive / lowOurs).toFixed(1)}×** as many, against ${rows.length ? `${(rows[rows.length - 1].naiveJc / jcRequests(rows[rows.length - 1].ours)).toFixed(1)}×` : '–'} at the seeded drift above.`,
	);
	lines.push('');
	lines.push('## Inside a real n8n: the shipped Nightly Reconciliation');
	lines.push('');
	if (!extra.n8nRows.length && !extra.pending.length) {
		lines.push('Not run this time (BENCH_N8N_SIZES was empty).');
	} else if (!extra.n8nRows.length) {
		lines.push('No real-n8n run finished.');
	} else {
		const oursAt = new Map(rows.map((r) => [r.n, r.ours]));
		lines.push(
			`n8n ${extra.host?.version} (newest pinned host), \`n8n execute\` on SQLite with default execution saving, the same emulators, latency, rate limits and drift as above, Dry Run off. **template** = templates/nightly-reconciliation.json as shipped (Reconcile JumpCloud reads the employees itself, Employees = Read From Factorial, default output: changes, skips and the summary); **two nodes** = the former shape, Factorial Get Many (Return All) passing one item per employee to the reconciliation. Peak RSS is VmHWM of the \`n8n execute\` process read from /proc every 100 ms (boot included); the stored execution is the size of \`execution_data.data\` n8n saved; wall is the execution's startedAt → stoppedAt.`,
		);
		lines.push('');
		lines.push(
			`Drift of this run, as above: ${DRIFT.missingRate * 100}% of active employees missing in JumpCloud, ${DRIFT.changedRate * 100}% with a stale title/last name, ${DRIFT.staleRate * 100}% of leavers still active (the naive ratio at ~0.5% drift is in the paragraph above).`,
		);
		lines.push('');
		lines.push(
			'| N | shape | wall | JumpCloud requests (floor) | Factorial requests (floor) | changes (create/update/suspend/reactivate) | same as node-only | peak RSS of n8n | stored execution |',
		);
		lines.push('|---:|---|---:|---:|---:|---|---|---:|---:|');
		for (const r of extra.n8nRows) {
			const s = r.run.summary ?? {};
			const changes = ['created', 'updated', 'suspended', 'reactivated'].map((k) =>
				Number(s[k] ?? NaN),
			);
			const total = changes.reduce((a, b) => a + b, 0);
			const ref = oursAt.get(r.n);
			const same = ref
				? [
						ref.changes.create,
						ref.changes.update,
						ref.changes.suspend,
						ref.changes.reactivate,
					].join('/') === changes.join('/') && jcRequests(ref) === r.counters.jumpcloud.total
					? 'yes'
					: 'NO'
				: '–';
			lines.push(
				`| ${fmtInt(r.n)} | ${r.shape === 'template' ? 'template' : 'two nodes'} | ${r.run.ok ? fmtS(r.run.executionMs) : `failed (${fmtS(r.run.processMs)})`} | ${fmtInt(r.counters.jumpcloud.total)} (${fmtInt(jumpCloudFloor(r.n, total, Number(s.activated ?? 0), Number(s.activationsScheduled ?? 0), { reads: ref?.teamGroupReads ?? 0, writes: Number(s.teamGroupMembershipsAdded ?? 0) + Number(s.teamGroupMembershipsRemoved ?? 0) }))}) | ${fmtInt(r.counters.factorial.total)} (${fmtInt(factorialFloor(r.n))}) | ${changes.join('/')} | ${same} | ${fmtInt(r.run.peakRssMb)} MB | ${(r.run.storedBytes / 2 ** 20).toFixed(2)} MB |`,
			);
		}
		lines.push('');
		lines.push(
			'"same as node-only" compares the changes and the JumpCloud request count with the node-only row of the same N above (same seed, same drift); the template reads Factorial once or twice more than the node-only run for its Webhook Subscriptions check. A failed or missing size is shown as such, never left out.',
		);
	}
	if (extra.pending.length) {
		lines.push('');
		lines.push(
			`Not measured in this run (the bench stopped before them): ${extra.pending.map(([n, shape]) => `${fmtInt(n)} ${shape === 'template' ? 'template' : 'two nodes'}`).join(', ')}.`,
		);
	}
	lines.push('');
	lines.push('## Username generation (Generate Unique Username, JumpCloud check)');
	lines.push('');
	lines.push(
		'| existing collisions per name | items | JumpCloud requests | requests per item | usernames |',
	);
	lines.push('|---:|---:|---:|---:|---|');
	for (const u of usernameRows) {
		lines.push(
			`| ${u.collisions} | ${u.items} | ${u.requests} | ${(u.requests / u.items).toFixed(2)} | ${u.usernames.join(', ')} |`,
		);
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
	lines.push(
		'- Peak RSS is the whole worker process (Node, n8n-workflow, the node code and the data); "heap held per employee" is the heap in use right after the run while its data is alive (the employee items and the output items; the JumpCloud user list lives only inside the node call and shows in peak RSS), after a forced GC, minus the heap before the run, divided by N. It stays flat as N grows: both sides are indexed by key (Maps), no nested loops.',
	);
	lines.push(
		'- Benchmarks are not tests: nothing here asserts a time. `left to do after the run` is a dry run right after ours and must be 0.',
	);
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
