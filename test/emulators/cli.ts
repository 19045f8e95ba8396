/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a command-line script, not an n8n node */
/**
 * Start both emulators from a shell and print their coordinates as one JSON line, then run until
 * SIGINT/SIGTERM. Build first: `npm run build:emulators`, then
 *   node .tmp/emulators/emulators/cli.js --factorial-port 0 --jumpcloud-port 0 --seed demo --employees 300
 * Every flag also reads from the environment: --employees <-> EMULATOR_EMPLOYEES, and so on.
 */
import type { FaultKind, RateLimitOptions } from './common';
import { startFactorialEmulator } from './factorial';
import { startJumpCloudEmulator, type SearchPaging } from './jumpcloud';
import { generateCompany } from './seed';

const FLAGS: Record<string, string> = {
	'factorial-port': 'Factorial port (0 = free port; default 0)',
	'jumpcloud-port': 'JumpCloud port (0 = free port; default 0)',
	host: 'Interface to listen on (default 127.0.0.1)',
	seed: 'Seed of the demo company and fault draws (default demo)',
	employees: 'Demo company size (default 300)',
	'reference-date': 'YYYY-MM-DD the demo dates are relative to (default today)',
	today: 'YYYY-MM-DD Factorial treats as today for active/terminated (default the real date)',
	'factorial-key': 'Factorial x-api-key (default factorial-emulator-key)',
	'jumpcloud-key': 'JumpCloud x-api-key (default jca_emulator_key)',
	'jumpcloud-seed':
		'none | groups (one group per team) | mirror (users and groups matching the company); default groups',
	'jumpcloud-lived-in':
		'on | off: the lived-in directory (admins in admin groups, IT suspensions, outside and service accounts, none linked); default on',
	'jumpcloud-search-paging':
		'body | query | either: where POST /search/* reads limit/skip (default body, as JumpCloud SDKs send it)',
	'latency-ms': 'Latency added to every API response (default 0)',
	'rate-limit': 'Requests per second for both, or N/windowMs, e.g. 200/60000 (default none)',
	'factorial-rate-limit': 'Same, Factorial only',
	'jumpcloud-rate-limit': 'Same, JumpCloud only',
	'fault-rate': 'Share of API requests that fail, 0..1 (default 0)',
	'fault-kinds': 'Comma list of 429,500,502,503,reset,reset-after,slow',
	'webhook-attempts': 'Factorial delivery attempts before a subscription is disabled (default 5)',
	'webhook-backoff-ms': 'Base delay between delivery attempts (default 50)',
	only: 'factorial | jumpcloud: start just one',
};

function parseArgs(argv: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name of Object.keys(FLAGS)) {
		const env = process.env[`EMULATOR_${name.toUpperCase().replace(/-/g, '_')}`];
		if (env !== undefined) out[name] = env;
	}
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') {
			process.stdout.write(
				`Usage: node .tmp/emulators/emulators/cli.js [flags]\n${Object.entries(FLAGS)
					.map(([k, v]) => `  --${k.padEnd(22)} ${v}`)
					.join('\n')}\n`,
			);
			process.exit(0);
		}
		const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
		if (!m || !(m[1] in FLAGS)) throw new Error(`Unknown argument ${arg} (see --help)`);
		out[m[1]] = m[2] ?? argv[++i] ?? '';
	}
	return out;
}

function rateLimit(value: string | undefined): RateLimitOptions | undefined {
	if (!value) return undefined;
	const [requests, windowMs] = value.split('/').map(Number);
	return windowMs ? { requests, windowMs } : { requestsPerSecond: requests };
}

async function main() {
	const a = parseArgs(process.argv.slice(2));
	const num = (k: string) => (a[k] === undefined || a[k] === '' ? undefined : Number(a[k]));
	const seed = a.seed ?? 'demo';
	const employees = num('employees') ?? 300;
	const faultKinds = a['fault-kinds'] ? (a['fault-kinds'].split(',') as FaultKind[]) : undefined;
	const common = {
		host: a.host,
		seed,
		latencyMs: num('latency-ms'),
		faultRate: num('fault-rate'),
		faultKinds,
	};
	// One company for both, so the JumpCloud mirror matches Factorial exactly.
	const company = generateCompany({ seed, employees, referenceDate: a['reference-date'] });
	const jcSeed = a['jumpcloud-seed'] ?? 'groups';

	const factorial =
		a.only === 'jumpcloud'
			? undefined
			: await startFactorialEmulator({
					...common,
					port: num('factorial-port') ?? 0,
					apiKey: a['factorial-key'],
					company,
					today: a.today,
					rateLimit: rateLimit(a['factorial-rate-limit'] ?? a['rate-limit']),
					webhooks: {
						maxAttempts: num('webhook-attempts'),
						baseDelayMs: num('webhook-backoff-ms'),
					},
				});
	const jumpcloud =
		a.only === 'factorial'
			? undefined
			: await startJumpCloudEmulator({
					...common,
					port: num('jumpcloud-port') ?? 0,
					apiKey: a['jumpcloud-key'],
					rateLimit: rateLimit(a['jumpcloud-rate-limit'] ?? a['rate-limit']),
					mirror: jcSeed === 'mirror' ? { company } : undefined,
					groups: jcSeed === 'groups' ? company.teams.map((t) => t.name) : undefined,
					livedIn: a['jumpcloud-lived-in'] === 'off' ? false : { domain: company.domain },
					searchPaging: a['jumpcloud-search-paging'] as SearchPaging | undefined,
				});

	process.stdout.write(
		`${JSON.stringify({
			seed,
			employees,
			referenceDate: company.referenceDate,
			factorial: factorial && {
				url: factorial.url,
				apiKey: factorial.apiKey,
				companyId: company.company.id,
				oauth: factorial.oauthClient,
				control: `${factorial.url}/__emulator`,
			},
			jumpcloud: jumpcloud && {
				url: jumpcloud.url,
				apiKey: jumpcloud.apiKey,
				orgId: jumpcloud.orgId,
				control: `${jumpcloud.url}/__emulator`,
			},
			pid: process.pid,
		})}\n`,
	);

	const stop = async () => {
		await Promise.all([factorial?.close(), jumpcloud?.close()]);
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	process.stderr.write(`emulators: ${error.message}\n`);
	process.exit(1);
});
