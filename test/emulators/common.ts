/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test emulators are plain Node HTTP servers, not n8n nodes */
/**
 * The HTTP core both emulators share: routing, body parsing, auth hook, request counters, latency, a
 * fixed-window rate limiter and seeded fault injection. Only node:http; no framework.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { CONTROL_PREFIX, DEFAULT_SLOW_MS, MAX_BODY_BYTES } from './constants';

// ---------------------------------------------------------------- seeded randomness

/** 32-bit string hash (xmur3-style) to seed the generator from any seed value. */
export function hashSeed(seed: string | number): number {
	const s = String(seed);
	let h = 1779033703 ^ s.length;
	for (let i = 0; i < s.length; i++) {
		h = Math.imul(h ^ s.charCodeAt(i), 3432918353);
		h = (h << 13) | (h >>> 19);
	}
	h = Math.imul(h ^ (h >>> 16), 2246822507);
	h = Math.imul(h ^ (h >>> 13), 3266489909);
	return (h ^= h >>> 16) >>> 0;
}

/** mulberry32: tiny, fast, good enough for reproducible test data and fault draws. */
export function createRng(seed: string | number): () => number {
	let a = hashSeed(seed);
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// ---------------------------------------------------------------- types

export type FaultKind = '429' | '500' | '502' | '503' | 'reset' | 'reset-after' | 'slow';
export const ALL_FAULT_KINDS: FaultKind[] = [
	'429',
	'500',
	'502',
	'503',
	'reset',
	'reset-after',
	'slow',
];

/** Route classes the counters report: the benchmark compares list vs get vs write requests. */
export type RouteClass = 'list' | 'get' | 'write' | 'auth' | 'other';

export interface RateLimitOptions {
	/** Requests allowed per window (alternative: requestsPerSecond). */
	requests?: number;
	windowMs?: number;
	requestsPerSecond?: number;
	/** Only these methods are limited (e.g. ['POST','PUT','DELETE']); default all. */
	methods?: string[];
}

export interface FaultOptions {
	/** Share of API requests (0..1) that fail. */
	rate: number;
	/** Kinds drawn uniformly; default 429, 500, 503, reset, slow. */
	kinds?: FaultKind[];
	/** Delay of the `slow` kind. */
	slowMs?: number;
	/** Retry-After (seconds) of injected 429s. */
	retryAfterSeconds?: number;
	/** Only these route classes get random faults; default list, get, write. */
	classes?: RouteClass[];
}

export interface FaultMatch {
	method?: string;
	/** Substring of, or pattern for, the path. */
	path?: string | RegExp;
}

export interface CommonEmulatorOptions {
	/** 0 (default) = a free port. */
	port?: number;
	host?: string;
	apiKey?: string;
	/** Added to every API response. */
	latencyMs?: number;
	rateLimit?: RateLimitOptions;
	/** Shorthand for faults.rate. */
	faultRate?: number;
	faultKinds?: FaultKind[];
	faults?: FaultOptions;
	/** Seeds the demo data and the fault draws; same seed, same run. */
	seed?: string | number;
	/** Send Retry-After on 429 (default true). */
	retryAfterHeader?: boolean;
	/**
	 * Requests checked against test/contracts/<service>.json: `enforce` (default) answers a violation as
	 * the vendor would (JumpCloud 400, Factorial 422) and records it; `record` only records; `off` skips.
	 */
	contract?: ContractMode;
}

export interface RequestCounters {
	total: number;
	list: number;
	get: number;
	write: number;
	auth: number;
	other: number;
	rateLimited: number;
	faulted: number;
	byRoute: Record<string, number>;
	byStatus: Record<string, number>;
}

export interface EmuRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	rawBody: string;
}

export interface EmuResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Sent as is (e.g. HTML); otherwise body is JSON-encoded. */
	text?: string;
}

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers?: Record<string, string>,
	) {
		super(`HTTP ${status}`);
	}
}

export type Handler = (req: EmuRequest, params: string[]) => EmuResponse | Promise<EmuResponse>;

export interface Route {
	method: string;
	pattern: RegExp;
	routeClass: RouteClass;
	/** Stable name for byRoute counters, e.g. 'GET employees/employees'. */
	key: string;
	handler: Handler;
	/** Skip the auth hook (OAuth endpoints, login page). */
	public?: boolean;
}

/** Marks objects built as responses, so handlers may return either a response or a bare JSON body. */
const RESPONSE = Symbol('emulator-response');

export const json = (
	status: number,
	body: unknown,
	headers?: Record<string, string>,
): EmuResponse => respond({ status, body, headers });

export function respond(r: EmuResponse): EmuResponse {
	Object.defineProperty(r, RESPONSE, { value: true });
	return r;
}

export const isResponse = (v: unknown): v is EmuResponse =>
	!!v && typeof v === 'object' && RESPONSE in v;

export function route(
	method: string,
	pattern: RegExp,
	routeClass: RouteClass,
	key: string,
	handler: Handler,
	isPublic = false,
): Route {
	return { method, pattern, routeClass, key, handler, public: isPublic };
}

export interface ServiceBodies {
	notFound: () => unknown;
	rateLimited: () => unknown;
	serverError: (status: number) => unknown;
	badJson: () => unknown;
	tooLarge: () => unknown;
}

export interface CoreConfig {
	name: string;
	options: CommonEmulatorOptions;
	routes: Route[];
	controlRoutes: Route[];
	/** Returns an error response when the request is not authenticated. */
	authenticate: (req: EmuRequest, r: Route) => EmuResponse | undefined;
	/**
	 * The vendor's published contract (test/contracts): returns the vendor's error answer when the real
	 * service would refuse the request (missing or unknown field, paging in the wrong place).
	 */
	validate?: (req: EmuRequest, r: Route) => EmuResponse | undefined;
	bodies: ServiceBodies;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const emptyCounters = (): RequestCounters => ({
	total: 0,
	list: 0,
	get: 0,
	write: 0,
	auth: 0,
	other: 0,
	rateLimited: 0,
	faulted: 0,
	byRoute: {},
	byStatus: {},
});

/** Rails-style brackets (`ids[]=1`) and plain repeats (`ids=1`) both read as one list. */
export function queryList(q: URLSearchParams, name: string): string[] {
	return [...q.getAll(`${name}[]`), ...q.getAll(name)].flatMap((v) => (v === '' ? [] : [v]));
}

export function queryBool(q: URLSearchParams, name: string): boolean | undefined {
	const v = q.get(name);
	if (v === null) return undefined;
	return v === 'true' || v === '1';
}

/** Runs the HTTP server and applies the cross-cutting behaviour around the service routes. */
export class EmulatorCore {
	readonly server: http.Server;
	url = '';
	port = 0;
	counters: RequestCounters = emptyCounters();
	latencyMs: number;
	rateLimit?: RateLimitOptions;
	faults: FaultOptions;
	retryAfterHeader: boolean;
	private rng: () => number;
	private forced: Array<{ kind: FaultKind; match?: FaultMatch }> = [];
	private windowStart = 0;
	private windowCount = 0;
	private sockets = new Set<Socket>();
	/** Settable after construction: service control routes close over the core. */
	controlRoutes: Route[];

	constructor(private readonly config: CoreConfig) {
		const o = config.options;
		this.controlRoutes = config.controlRoutes;
		this.latencyMs = o.latencyMs ?? 0;
		this.rateLimit = o.rateLimit;
		this.faults = {
			rate: o.faults?.rate ?? o.faultRate ?? 0,
			kinds: o.faults?.kinds ?? o.faultKinds,
			slowMs: o.faults?.slowMs,
			retryAfterSeconds: o.faults?.retryAfterSeconds,
			classes: o.faults?.classes,
		};
		this.retryAfterHeader = o.retryAfterHeader ?? true;
		this.rng = createRng(`${o.seed ?? 'emulator'}:faults:${config.name}`);
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) {
					this.send(res, json(500, config.bodies.serverError(500)));
				}
				// eslint-disable-next-line no-console
				console.error(`[${config.name} emulator]`, error);
			});
		});
		this.server.keepAliveTimeout = 5000;
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async listen(): Promise<void> {
		const { port = 0, host = '127.0.0.1' } = this.config.options;
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => resolve());
		});
		const address = this.server.address() as AddressInfo;
		this.port = address.port;
		this.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	resetCounters(): void {
		this.counters = emptyCounters();
	}

	setFaults(faults: Partial<FaultOptions>): void {
		this.faults = { ...this.faults, ...faults };
	}

	/** Queue faults that hit the next matching API requests, in order, before any random draw. */
	injectFaults(kinds: FaultKind[], match?: FaultMatch): void {
		for (const kind of kinds) this.forced.push({ kind, match });
	}

	clearFaults(): void {
		this.forced = [];
		this.faults = { rate: 0 };
	}

	/** Restart the fault RNG so a reset run draws the same faults again. */
	reseedFaults(seed: string | number): void {
		this.rng = createRng(`${seed}:faults:${this.config.name}`);
	}

	setRateLimit(rateLimit?: RateLimitOptions): void {
		this.rateLimit = rateLimit;
		this.windowStart = 0;
		this.windowCount = 0;
	}

	faultState() {
		return {
			...this.faults,
			queued: this.forced.map((f) => ({
				kind: f.kind,
				...f.match,
				path: String(f.match?.path ?? ''),
			})),
		};
	}

	private async readBody(req: http.IncomingMessage): Promise<string | undefined> {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > MAX_BODY_BYTES) return undefined;
			chunks.push(chunk as Buffer);
		}
		return Buffer.concat(chunks).toString('utf8');
	}

	private parseBody(raw: string, contentType: string | undefined): unknown {
		if (raw === '') return undefined;
		if (contentType?.includes('application/x-www-form-urlencoded')) {
			return Object.fromEntries(new URLSearchParams(raw));
		}
		return JSON.parse(raw);
	}

	private pickFault(req: EmuRequest, r: Route): FaultKind | undefined {
		const index = this.forced.findIndex(({ match }) => {
			if (!match) return true;
			if (match.method && match.method.toUpperCase() !== req.method) return false;
			if (match.path instanceof RegExp) return match.path.test(req.path);
			if (typeof match.path === 'string') return req.path.includes(match.path);
			return true;
		});
		if (index >= 0) return this.forced.splice(index, 1)[0].kind;
		const { rate, kinds, classes } = this.faults;
		if (!rate || !(classes ?? ['list', 'get', 'write']).includes(r.routeClass)) return undefined;
		const draw = this.rng();
		if (draw >= rate) return undefined;
		const pool = kinds?.length ? kinds : (['429', '500', '503', 'reset', 'slow'] as FaultKind[]);
		return pool[Math.floor((draw / rate) * pool.length) % pool.length];
	}

	/** Fixed window; returns the Retry-After seconds when over the limit. */
	private overLimit(method: string): number | undefined {
		const rl = this.rateLimit;
		if (!rl) return undefined;
		if (rl.methods && !rl.methods.map((m) => m.toUpperCase()).includes(method)) return undefined;
		const limit = rl.requests ?? rl.requestsPerSecond;
		if (!limit) return undefined;
		const windowMs = rl.requests !== undefined ? (rl.windowMs ?? 1000) : 1000;
		const now = Date.now();
		if (now - this.windowStart >= windowMs) {
			this.windowStart = now;
			this.windowCount = 0;
		}
		this.windowCount++;
		if (this.windowCount <= limit) return undefined;
		return Math.max(1, Math.ceil((this.windowStart + windowMs - now) / 1000));
	}

	private send(res: http.ServerResponse, out: EmuResponse): void {
		const headers: Record<string, string> = { ...(out.headers ?? {}) };
		let payload = '';
		if (out.text !== undefined) {
			payload = out.text;
			headers['content-type'] ??= 'text/html; charset=utf-8';
		} else if (out.body !== undefined && out.status !== 204) {
			payload = JSON.stringify(out.body);
			headers['content-type'] ??= 'application/json; charset=utf-8';
		}
		headers['content-length'] = String(Buffer.byteLength(payload));
		res.writeHead(out.status, headers);
		res.end(payload);
	}

	private count(status: number): void {
		this.counters.byStatus[status] = (this.counters.byStatus[status] ?? 0) + 1;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://emulator.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const raw = await this.readBody(req);
		const { bodies } = this.config;
		if (raw === undefined) {
			this.send(res, json(413, bodies.tooLarge()));
			req.socket.destroySoon?.();
			return;
		}
		let body: unknown;
		try {
			body = this.parseBody(raw, req.headers['content-type']);
		} catch {
			this.send(res, json(400, bodies.badJson()));
			return;
		}
		const emuReq: EmuRequest = {
			method,
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			body,
			rawBody: raw,
		};

		const isControl =
			url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
		const table = isControl ? this.controlRoutes : this.config.routes;
		let params: string[] = [];
		let pathMatched = false;
		const r = table.find((candidate) => {
			const m = candidate.pattern.exec(url.pathname);
			if (!m) return false;
			pathMatched = true;
			if (candidate.method !== method) return false;
			params = m.slice(1).map((p) => decodeURIComponent(p));
			return true;
		});

		if (isControl) {
			if (!r) {
				this.send(res, json(404, { error: `No control route ${method} ${url.pathname}` }));
				return;
			}
			this.send(res, await this.run(r, emuReq, params));
			return;
		}

		if (this.latencyMs > 0) await sleep(this.latencyMs);
		if (!r) {
			this.counters.total++;
			this.counters.other++;
			const out = json(pathMatched ? 405 : 404, bodies.notFound());
			this.count(out.status);
			this.send(res, out);
			return;
		}
		if (!r.public) {
			const denied = this.config.authenticate(emuReq, r);
			if (denied) {
				this.counters.total++;
				this.counters.auth++;
				this.count(denied.status);
				this.send(res, denied);
				return;
			}
		}
		const c = this.counters;
		c.total++;
		c[r.routeClass]++;
		c.byRoute[r.key] = (c.byRoute[r.key] ?? 0) + 1;

		const retryAfter = this.overLimit(method);
		if (retryAfter !== undefined) {
			c.rateLimited++;
			this.count(429);
			this.send(
				res,
				json(
					429,
					bodies.rateLimited(),
					this.retryAfterHeader ? { 'retry-after': String(retryAfter) } : undefined,
				),
			);
			return;
		}

		const refused = this.config.validate?.(emuReq, r);
		if (refused) {
			this.count(refused.status);
			this.send(res, refused);
			return;
		}

		const fault = this.pickFault(emuReq, r);
		if (fault) c.faulted++;
		switch (fault) {
			case 'reset':
				req.socket.destroy();
				return;
			case '429': {
				c.rateLimited++;
				this.count(429);
				const seconds = this.faults.retryAfterSeconds ?? 1;
				this.send(
					res,
					json(
						429,
						bodies.rateLimited(),
						this.retryAfterHeader ? { 'retry-after': String(seconds) } : undefined,
					),
				);
				return;
			}
			case '500':
			case '502':
			case '503': {
				const status = Number(fault);
				this.count(status);
				this.send(res, json(status, bodies.serverError(status)));
				return;
			}
			case 'slow':
				await sleep(this.faults.slowMs ?? DEFAULT_SLOW_MS);
				break;
			default:
				break;
		}

		const out = await this.run(r, emuReq, params);
		if (fault === 'reset-after') {
			// The write happened; the client never learns it (tests idempotent retries).
			req.socket.destroy();
			return;
		}
		this.count(out.status);
		this.send(res, out);
	}

	private async run(r: Route, req: EmuRequest, params: string[]): Promise<EmuResponse> {
		try {
			return await r.handler(req, params);
		} catch (error) {
			if (error instanceof HttpError) return json(error.status, error.body, error.headers);
			throw error;
		}
	}
}

/** Control routes both emulators expose; the service adds its own. */
export function commonControlRoutes(
	core: EmulatorCore,
	hooks: { reset: (body: Record<string, unknown>) => void; state: () => unknown },
): Route[] {
	const P = CONTROL_PREFIX;
	const obj = (b: unknown) => (b && typeof b === 'object' ? (b as Record<string, unknown>) : {});
	return [
		route('GET', new RegExp(`^${P}/state$`), 'other', 'state', () => json(200, hooks.state())),
		route('POST', new RegExp(`^${P}/reset$`), 'other', 'reset', (req) => {
			hooks.reset(obj(req.body));
			return json(200, { ok: true });
		}),
		route('GET', new RegExp(`^${P}/counters$`), 'other', 'counters', () =>
			json(200, core.counters),
		),
		route('POST', new RegExp(`^${P}/counters/reset$`), 'other', 'counters-reset', () => {
			core.resetCounters();
			return json(200, { ok: true });
		}),
		route('GET', new RegExp(`^${P}/faults$`), 'other', 'faults', () =>
			json(200, core.faultState()),
		),
		route('PUT', new RegExp(`^${P}/faults$`), 'other', 'faults-put', (req) => {
			const b = obj(req.body) as Partial<FaultOptions> & {
				next?: FaultKind[];
				match?: FaultMatch;
				clear?: boolean;
			};
			if (b.clear) core.clearFaults();
			const { next, match, clear, ...rest } = b;
			void clear;
			core.setFaults(rest);
			if (Array.isArray(next)) core.injectFaults(next, match);
			return json(200, core.faultState());
		}),
		route('PUT', new RegExp(`^${P}/config$`), 'other', 'config-put', (req) => {
			const b = obj(req.body) as {
				latencyMs?: number;
				rateLimit?: RateLimitOptions | null;
				retryAfterHeader?: boolean;
			};
			if (typeof b.latencyMs === 'number') core.latencyMs = b.latencyMs;
			if (b.rateLimit !== undefined) core.setRateLimit(b.rateLimit ?? undefined);
			if (typeof b.retryAfterHeader === 'boolean') core.retryAfterHeader = b.retryAfterHeader;
			return json(200, {
				latencyMs: core.latencyMs,
				rateLimit: core.rateLimit ?? null,
				retryAfterHeader: core.retryAfterHeader,
			});
		}),
	];
}

/** A request body or field as an object: anything else (arrays included) reads as empty. */
export const asObj = (v: unknown): Record<string, unknown> =>
	v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The part of a service's /state snapshot that is the core's: counters, faults, latency, rate limit. */
export const coreSnapshot = (core: EmulatorCore) => ({
	counters: core.counters,
	faults: core.faultState(),
	latencyMs: core.latencyMs,
	rateLimit: core.rateLimit ?? null,
});

/**
 * Methods every handle has, bound to its core, its contract guard (contractGuard in ./contract) and its
 * /state snapshot.
 */
export function commonHandle(
	core: EmulatorCore,
	contract: { mode: ContractMode; violations: ContractViolation[] },
	snapshot: () => unknown,
) {
	return {
		get url() {
			return core.url;
		},
		get port() {
			return core.port;
		},
		counters: (): RequestCounters => JSON.parse(JSON.stringify(core.counters)) as RequestCounters,
		resetCounters: () => core.resetCounters(),
		setFaults: (faults: Partial<FaultOptions>) => core.setFaults(faults),
		injectFaults: (kinds: FaultKind[], match?: FaultMatch) => core.injectFaults(kinds, match),
		clearFaults: () => core.clearFaults(),
		setRateLimit: (rateLimit?: RateLimitOptions) => core.setRateLimit(rateLimit),
		setLatency: (ms: number) => {
			core.latencyMs = ms;
		},
		contractViolations: (): ContractViolation[] => [...contract.violations],
		setContractMode: (mode: ContractMode) => {
			contract.mode = mode;
		},
		snapshot: () => JSON.parse(JSON.stringify(snapshot())) as Record<string, unknown>,
	};
}

/** What the emulators do with a request the vendor's contract says the real service would refuse. */
export type ContractMode = 'enforce' | 'record' | 'off';

export interface ContractViolation {
	method: string;
	path: string;
	operation?: string;
	violations: string[];
}
