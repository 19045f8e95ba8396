import { parse } from 'yaml';

import { latestChangelogVersion, packageJsonProblems } from '../../../scripts/lib/releaseChecks';
import { readRepoFile, repoFileExists } from '../../../scripts/lib/repoFiles';

type Step = {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
};
type Job = { 'runs-on'?: string; steps?: Step[]; permissions?: Record<string, string> };
type Workflow = {
	name?: string;
	on?: Record<string, unknown>;
	jobs?: Record<string, Job>;
	permissions?: Record<string, string>;
};

const load = (file: string) => parse(readRepoFile(`.github/workflows/${file}`)) as Workflow;

/** Checks what a GitHub runner needs to run a workflow at all, and returns the steps. */
function runnableSteps(workflow: Workflow): Step[] {
	expect(workflow.on).toEqual(expect.any(Object));
	const jobs = Object.values(workflow.jobs ?? {});
	expect(jobs.length).toBeGreaterThan(0);
	const steps: Step[] = [];
	for (const job of jobs) {
		expect(job['runs-on']).toMatch(/\S/);
		expect(job.steps?.length).toBeGreaterThan(0);
		for (const step of job.steps ?? []) {
			// Exactly one of uses/run: a step with both or neither is rejected by the runner.
			expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
			if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[\w.-]+$/);
			steps.push(step);
		}
	}
	return steps;
}

function nodeMajor(steps: Step[]): number {
	const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
	expect(setup).toBeDefined();
	return Number(String(setup?.with?.['node-version']).split('.')[0]);
}

const commands = (steps: Step[]) => steps.map((s) => s.run ?? '').join('\n');

describe('ci.yml', () => {
	const workflow = load('ci.yml');
	const steps = runnableSteps(workflow);

	it('runs on pushes to main and on pull requests', () => {
		expect(Object.keys(workflow.on ?? {})).toEqual(
			expect.arrayContaining(['push', 'pull_request']),
		);
	});

	it('uses a Node version n8n and @n8n/node-cli support', () => {
		expect(nodeMajor(steps)).toBeGreaterThanOrEqual(22);
	});

	it('checks out, installs, lints, builds, tests and verifies, in that order', () => {
		expect(steps[0].uses).toMatch(/^actions\/checkout@/);
		const run = commands(steps);
		const order = [
			'scripts/run install',
			'scripts/run lint',
			'npm run build',
			'npx jest',
			'npm run verify',
		];
		const positions = order.map((cmd) => run.indexOf(cmd));
		expect(positions).not.toContain(-1);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});
});

describe('publish.yml', () => {
	const workflow = load('publish.yml');
	const steps = runnableSteps(workflow);
	const job = Object.values(workflow.jobs ?? {})[0];

	it('runs only on version tags', () => {
		expect(Object.keys(workflow.on ?? {})).toEqual(['push']);
		const push = workflow.on?.push as { tags?: string[]; branches?: string[] };
		expect(push.branches).toBeUndefined();
		expect(push.tags).toEqual(['*.*.*']);
	});

	it('may mint an OIDC token (npm provenance) and nothing more than read the code', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('publishes through n8n-node release with provenance, after the tests and verify', () => {
		const run = commands(steps);
		expect(nodeMajor(steps)).toBeGreaterThanOrEqual(22);
		expect(run).toMatch(/npm run release/);
		expect(run).not.toMatch(/npm publish/); // only n8n-node release sets RELEASE_MODE for prepublishOnly
		const release = steps.find((s) => s.run?.includes('npm run release'));
		expect(release?.env?.NPM_CONFIG_PROVENANCE).toBe('true');
		expect(run.indexOf('scripts/run test')).toBeGreaterThan(-1);
		expect(run.indexOf('npm run verify')).toBeLessThan(run.indexOf('npm run release'));
		const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
		expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
	});

	it('refuses a tag that does not match package.json', () => {
		expect(commands(steps)).toMatch(
			/GITHUB_REF_NAME.*package\.json|package\.json.*GITHUB_REF_NAME/s,
		);
	});
});

describe('package.json and CHANGELOG.md', () => {
	const pkg = JSON.parse(readRepoFile('package.json')) as Record<string, unknown>;

	it('has the version of the newest CHANGELOG entry', () => {
		expect(latestChangelogVersion(readRepoFile('CHANGELOG.md'))).toBe(pkg.version);
	});

	it('follows the community package rules', () => {
		expect(packageJsonProblems(pkg, repoFileExists)).toEqual([]);
	});

	it('has a verify script', () => {
		expect((pkg.scripts as Record<string, string>).verify).toBe('node scripts/verify.js');
	});
});

describe('latestChangelogVersion', () => {
	it('skips Unreleased and takes the first released entry', () => {
		const text =
			'# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2026-12-01\n\n## [1.1.0] - 2026-11-01\n';
		expect(latestChangelogVersion(text)).toBe('1.2.0');
	});
	it('returns undefined without a released entry', () => {
		expect(latestChangelogVersion('# Changelog\n\n## [Unreleased]\n')).toBeUndefined();
	});
});

describe('packageJsonProblems', () => {
	const good = {
		version: '1.0.0',
		license: 'MIT',
		keywords: ['n8n-community-node-package'],
		peerDependencies: { 'n8n-workflow': '*' },
		n8n: {
			n8nNodesApiVersion: 1,
			strict: true,
			nodes: ['dist/nodes/A/A.node.js'],
			credentials: ['dist/credentials/AApi.credentials.js'],
		},
	};
	const all = () => true;

	it('accepts a compliant package.json', () => {
		expect(packageJsonProblems(good, all)).toEqual([]);
	});

	it.each([
		['license', { license: 'ISC' }, /MIT/],
		['keyword', { keywords: ['n8n'] }, /n8n-community-node-package/],
		['dependencies', { dependencies: { axios: '1.0.0' } }, /axios/],
		[
			'extra peer',
			{ peerDependencies: { 'n8n-workflow': '*', 'n8n-core': '*' } },
			/peerDependencies/,
		],
		['pinned peer', { peerDependencies: { 'n8n-workflow': '^2.0.0' } }, /peerDependencies/],
		['strict', { n8n: { ...good.n8n, strict: false } }, /strict/],
		['./dist path', { n8n: { ...good.n8n, nodes: ['./dist/nodes/A/A.node.js'] } }, /must be dist/],
	])('rejects a bad %s', (_label, change, message) => {
		const problems = packageJsonProblems({ ...good, ...change }, all);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(message);
	});

	it('rejects a registered file without a TypeScript source', () => {
		const problems = packageJsonProblems(good, (rel) => rel !== 'nodes/A/A.node.ts');
		expect(problems).toEqual(['n8n.nodes: dist/nodes/A/A.node.js has no source nodes/A/A.node.ts']);
	});
});
