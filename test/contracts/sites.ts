/**
 * Which call site sent a request the contract check validated. A call site whose body is built at run
 * time cannot be checked by `npm run contracts` from the source, so a unit test drives it:
 *
 *     await drivesSite('nodes/JumpCloud/shared/createUser.ts#postUser', () => runNode({...}));
 *
 * runs the code and fails unless a request made at that call site (ids: `npm run contracts`) reached
 * the nock or emulator contract check and passed it. scripts/contracts.js reads these calls from the
 * test files to list the site as "driven by <test file>". test/setup/contractSites.ts wraps the request
 * helpers to note the call site (from the stack) of every request made inside drivesSite.
 */
import { relative, resolve } from 'node:path';

import type { Service } from './index';

const ROOT = resolve(__dirname, '..', '..');

interface Pending {
	site: string;
	service: Service;
	method: string;
	path: string;
}
interface Checked {
	site: string;
	method: string;
	path: string;
	violations: string[];
}

let watching = false;
const pending: Pending[] = [];
const checked: Checked[] = [];

type Scanner = { siteIdAt: (file: string, line: number) => string | undefined };
let scanner: Scanner | undefined;
/** scripts/contracts.js, loaded only inside drivesSite (the emulators also run outside jest). */
function scannerOf(): Scanner {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	scanner ??= require(resolve(ROOT, 'scripts', 'contracts.js')) as Scanner;
	return scanner;
}

/** The call site id of the first frame in nodes/ above the request helper, or undefined. */
function siteFromStack(stack: string | undefined): string | undefined {
	for (const line of (stack ?? '').split('\n').slice(1)) {
		const m = /\(?([^\s()]+\.ts):(\d+):\d+\)?$/.exec(line.trim());
		if (!m) continue;
		const rel = relative(ROOT, m[1]).split('\\').join('/');
		if (!rel.startsWith('nodes/') || /\/transport\.ts$/.test(rel)) continue;
		return scannerOf().siteIdAt(m[1], Number(m[2]));
	}
	return undefined;
}

/** Called by the wrapped request helpers (test/setup/contractSites.ts) before each request. */
export function noteRequestCall(
	service: Service,
	method: string,
	path: string,
	stack: string | undefined,
): void {
	if (!watching) return;
	const site = siteFromStack(stack);
	if (site) pending.push({ site, service, method: method.toUpperCase(), path: path.split('?')[0] });
}

/** Called by the nock and emulator contract checks with each request they checked. */
export function noteContractCheck(
	service: Service,
	method: string,
	urlPath: string,
	violations: string[],
): void {
	if (!watching) return;
	const m = method.toUpperCase();
	// JumpCloud paths are relative to /api, Factorial ones to /api/{version}/resources/.
	const index = pending.findIndex(
		(p) =>
			p.service === service &&
			p.method === m &&
			(service === 'jumpcloud'
				? urlPath === `/api${p.path}`
				: urlPath.endsWith(`/resources/${p.path.replace(/^\//, '')}`)),
	);
	if (index < 0) return;
	const [p] = pending.splice(index, 1);
	checked.push({ site: p.site, method: m, path: urlPath, violations });
}

/**
 * Runs `run` and fails unless a request made at call site `site` was checked against the vendor's
 * contract (by nock or an emulator) without a violation.
 */
export async function drivesSite<T>(site: string, run: () => Promise<T>): Promise<T> {
	pending.length = 0;
	checked.length = 0;
	watching = true;
	let result: T;
	try {
		result = await run();
	} finally {
		watching = false;
	}
	const mine = checked.filter((c) => c.site === site);
	const seen = [...new Set(checked.map((c) => c.site))].join(', ') || 'none';
	if (!mine.length)
		throw new Error(
			`drivesSite: no request from ${site} reached the contract check (sites checked: ${seen})`,
		);
	const bad = mine.filter((c) => c.violations.length);
	if (bad.length)
		throw new Error(
			`drivesSite: ${site} sent a request the contract refuses:\n${bad
				.map((c) => `  ${c.method} ${c.path}\n    ${c.violations.join('\n    ')}`)
				.join('\n')}`,
		);
	return result;
}
