/**
 * The counts CONTRIBUTING.md quotes (templates, nodes, credentials, end-to-end files, the e2e table) stay
 * true: each "<number> templates|nodes|credentials|end-to-end files" is compared with the repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const text = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8').replace(/\s+/g, ' ');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const e2eFiles = readdirSync(join(ROOT, 'test/e2e')).filter((f) => f.endsWith('.e2e.test.ts'));
const templates = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.json'));

const WORDS: Record<string, number> = {
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
};

/** Every "<count> <noun>" CONTRIBUTING states, as numbers. */
function claims(noun: string): number[] {
	const re = new RegExp(`\\b(\\d+|${Object.keys(WORDS).join('|')}) ${noun}\\b`, 'gi');
	return [...text.matchAll(re)].map((m) => WORDS[m[1].toLowerCase()] ?? Number(m[1]));
}

describe('CONTRIBUTING.md counts', () => {
	it.each([
		['templates', templates.length],
		['nodes', pkg.n8n.nodes.length],
		['credentials', pkg.n8n.credentials.length],
		['end-to-end files', e2eFiles.length],
	])('every "<n> %s" is %i', (noun, actual) => {
		const stated = claims(noun);
		expect(stated.length).toBeGreaterThan(0);
		expect(stated.filter((n) => n !== actual)).toEqual([]);
	});

	it('the e2e table lists exactly the files in test/e2e', () => {
		const listed = [...text.matchAll(/\| `([\w-]+\.e2e\.test\.ts)` \|/g)].map((m) => m[1]);
		expect([...listed].sort()).toEqual([...e2eFiles].sort());
	});
});
