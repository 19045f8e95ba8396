import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { anchors, brokenLinks, slug } from './markdownLinks';

// Issue 15: README.md is for admins (at most about 250 lines); the rest lives in docs/ (user guides)
// and CONTRIBUTING.md (developers), linked from the README. These checks keep it that way.
const root = join(__dirname, '../../..');

function markdownUnder(folder: string): string[] {
	return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
		.map((entry) => relative(root, join(entry.parentPath, entry.name)))
		.sort();
}

const userDocs = ['README.md', ...markdownUnder('docs')];
const allDocs = [...userDocs, 'CONTRIBUTING.md'];
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('project documentation', () => {
	it.each(allDocs)('every relative link in %s resolves', (file) => {
		expect(brokenLinks(root, file)).toEqual([]);
	});

	it('README.md stays an admin guide of at most 250 lines', () => {
		// Reference material belongs in docs/ (linked from the README), developer material in
		// CONTRIBUTING.md. n8n and npm show the README to people installing the package.
		const lines = readme.replace(/\n$/, '').split('\n').length;
		expect(lines).toBeLessThanOrEqual(250);
	});

	it('README.md links CONTRIBUTING.md and every user guide in docs/', () => {
		const linked = new Set(
			[...readme.matchAll(/\]\(((?:docs\/)?[^)#\s]+\.md)(?:#[^)]*)?\)/g)].map((m) => m[1]),
		);
		const guides = markdownUnder('docs').filter((f) => !f.startsWith('docs/reference/'));
		expect([...guides, 'CONTRIBUTING.md'].filter((f) => !linked.has(f))).toEqual([]);
	});

	it('README.md keeps the sections others extend', () => {
		for (const heading of [
			'Install',
			'Credentials',
			'Templates',
			'Security',
			'Troubleshooting',
			'Compatibility',
		]) {
			expect(readme).toMatch(new RegExp(`^## ${heading}$`, 'm'));
		}
	});

	it.each(userDocs)('%s says nothing about building on a partial registry mirror', (file) => {
		// Notes for building this project on a partial npm mirror are for developers (CONTRIBUTING.md).
		const text = readFileSync(join(root, file), 'utf8');
		expect(text).not.toMatch(/registry mirror|partial (?:npm )?mirror/i);
	});
});

describe('documentation links of the nodes (codex files)', () => {
	// n8n shows each node's primaryDocumentation link; those pointing into this repository must
	// name a file and heading that exist (they pointed at README anchors before issue 15 moved them).
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
		repository: { url: string };
	};
	const repoUrl = pkg.repository.url.replace(/\.git$/, '');
	const codexFiles = readdirSync(join(root, 'nodes'), { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.node.json'))
		.map((entry) => relative(root, join(entry.parentPath, entry.name)))
		.sort();

	it('finds the codex files', () => {
		expect(codexFiles.length).toBeGreaterThanOrEqual(5);
	});

	it.each(codexFiles)('%s links to documentation that exists', (file) => {
		const codex = JSON.parse(readFileSync(join(root, file), 'utf8')) as {
			resources?: { primaryDocumentation?: Array<{ url: string }> };
		};
		const links = (codex.resources?.primaryDocumentation ?? [])
			.map((d) => d.url)
			.filter((url) => url.startsWith(repoUrl))
			.map((url) =>
				url
					.slice(repoUrl.length)
					.replace(/^\/blob\/main\//, '')
					.replace(/^#/, 'README.md#'),
			)
			.map((target) => `[doc](${target})`);
		expect(links.length).toBeGreaterThan(0);
		expect(brokenLinks(root, 'codex.md', links.join('\n'))).toEqual([]);
	});
});

describe('the link checker', () => {
	const file = 'README.md';
	const check = (text: string) => brokenLinks(root, file, text).map((b) => b.target);

	it('reports missing files, missing anchors and links leaving the repository', () => {
		expect(
			check(
				[
					'# Title',
					'[ok](docs/performance.md) [ok](#title) [ok](LICENSE) [ok](templates)',
					'![missing](docs/nope.png) [missing](CONTRIBUTING.md#no-such-heading)',
					'[missing](#nowhere) [outside](../elsewhere.md)',
					'[label]: docs/also-missing.md',
				].join('\n'),
			),
		).toEqual([
			'docs/nope.png',
			'CONTRIBUTING.md#no-such-heading',
			'#nowhere',
			'../elsewhere.md',
			'docs/also-missing.md',
		]);
	});

	it('ignores URLs, code blocks and inline code', () => {
		expect(
			check(
				[
					'[web](https://n8n.io) [mail](mailto:a@b.c)',
					'`[not](a-link.md)`',
					'```',
					'[not](a-link-either.md)',
					'```',
				].join('\n'),
			),
		).toEqual([]);
	});

	it('computes GitHub heading anchors', () => {
		expect(slug('Install (admins)')).toBe('install-admins');
		expect(slug('Check locally first: `npm run verify`')).toBe(
			'check-locally-first-npm-run-verify',
		);
		expect(slug('End-to-end tests (real n8n, emulators, no mocks)')).toBe(
			'end-to-end-tests-real-n8n-emulators-no-mocks',
		);
		expect([...anchors('## A\n```\n## not a heading\n```\n## A\n<a id="x"></a>')]).toEqual([
			'a',
			'a-1',
			'x',
		]);
	});
});
