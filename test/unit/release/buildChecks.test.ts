import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { checkCodex, checkThemedIcon } from '../../../scripts/lib/codexCheck';
import {
	formatSize,
	sourceMapProblems,
	unexpectedFiles,
} from '../../../scripts/lib/packageContents';
import { checkTemplate } from '../../../scripts/lib/templateCheck';

const PKG = 'n8n-nodes-factorial-jumpcloud';

// Small stand-ins for built descriptions: only the fields the checker reads.
const jumpCloud = {
	name: 'jumpCloud',
	version: [1, 2],
	credentials: [{ name: 'jumpCloudApi' }],
	properties: [
		{ name: 'authentication', options: [{ value: 'apiKey' }] },
		{ name: 'resource', default: 'user', options: [{ value: 'user' }, { value: 'userGroup' }] },
		{
			name: 'operation',
			displayOptions: { show: { resource: ['user'] } },
			options: [{ value: 'create' }, { value: 'get' }],
		},
		{
			name: 'operation',
			displayOptions: { show: { resource: ['userGroup'] } },
			options: [{ value: 'addMember' }],
		},
		{ name: 'email' },
	],
};
const ctx = {
	packageName: PKG,
	nodes: { jumpCloud: [jumpCloud] },
	credentials: ['jumpCloudApi', 'factorialApi'],
};

const workflow = (node: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	nodes: [
		{
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			parameters: { anything: true },
		},
		{ name: 'Create User', type: `${PKG}.jumpCloud`, typeVersion: 2, parameters: {}, ...node },
	],
	connections: { Start: { main: [[{ node: 'Create User', type: 'main', index: 0 }]] } },
	...extra,
});

describe('checkTemplate', () => {
	it('accepts a valid template and ignores nodes of other packages', () => {
		const t = workflow({
			parameters: { resource: 'userGroup', operation: 'addMember' },
			credentials: { jumpCloudApi: { id: '1', name: 'JumpCloud' } },
		});
		expect(checkTemplate(t, ctx)).toEqual([]);
	});

	it('uses the default resource when the template omits it', () => {
		expect(
			checkTemplate(workflow({ parameters: { operation: 'create', email: 'a@b.c' } }), ctx),
		).toEqual([]);
		expect(checkTemplate(workflow({ parameters: { operation: 'addMember' } }), ctx)).toEqual([
			'node "Create User": operation "addMember" is not valid for resource "user" (valid: create, get)',
		]);
	});

	it('does not judge expressions', () => {
		expect(
			checkTemplate(
				workflow({ parameters: { resource: '={{ $json.r }}', operation: '={{ 1 }}' } }),
				ctx,
			),
		).toEqual([]);
	});

	it.each([
		[
			'an unknown node type',
			{ type: `${PKG}.jumpCloudd` },
			/jumpCloudd is not a node of this package/,
		],
		['an unknown typeVersion', { typeVersion: 3 }, /has no typeVersion 3/],
		['an unknown parameter', { parameters: { emial: 'x' } }, /parameter "emial" does not exist/],
		[
			'an unknown resource',
			{ parameters: { resource: 'device' } },
			/resource "device" is not one of user, userGroup/,
		],
		[
			'a credential the package does not ship',
			{ credentials: { httpBasicAuth: {} } },
			/"httpBasicAuth" is not shipped/,
		],
		[
			'a credential the node does not accept',
			{ credentials: { factorialApi: {} } },
			/does not accept credential type "factorialApi"/,
		],
	])('rejects %s', (_label, node, message) => {
		const problems = checkTemplate(workflow(node), ctx);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(message);
	});

	it('rejects connections to nodes that do not exist and duplicate names', () => {
		const t = workflow(
			{ name: 'Start' },
			{ connections: { Start: { main: [[{ node: 'Gone', type: 'main', index: 0 }]] } } },
		);
		expect(checkTemplate(t, ctx)).toEqual([
			'node "Start" appears twice (names must be unique)',
			'connection to "Gone", which is not a node of the template',
		]);
	});

	it('rejects something that is not a workflow', () => {
		expect(checkTemplate({ name: 'x' }, ctx)).toEqual([
			'not a workflow export: "nodes" must be an array',
		]);
	});
});

describe('the shipped codex files', () => {
	const dir = join(__dirname, '../../../nodes');
	const codexFiles = readdirSync(dir).flatMap((folder) =>
		existsSync(join(dir, folder)) && statSync(join(dir, folder)).isDirectory()
			? readdirSync(join(dir, folder))
					.filter((f) => f.endsWith('.node.json'))
					.map((f) => join(folder, f))
			: [],
	);

	it.each(codexFiles)('%s passes the codex check', (file) => {
		const codex = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { node: string };
		expect(checkCodex(codex, codex.node)).toEqual([]);
	});

	it('covers every node', () => {
		expect(codexFiles).toHaveLength(5);
	});
});

describe('checkCodex', () => {
	const type = `${PKG}.jumpCloud`;
	const codex = {
		node: type,
		nodeVersion: '1.0',
		codexVersion: '1.0',
		categories: ['Productivity'],
		resources: { primaryDocumentation: [{ url: 'https://example.com/docs' }] },
	};

	it('accepts a complete codex', () => {
		expect(checkCodex(codex, type)).toEqual([]);
	});

	it('reports a missing file, wrong node, unknown category and missing docs', () => {
		expect(checkCodex(undefined, type)).toEqual([expect.stringMatching(/missing/)]);
		expect(checkCodex({ ...codex, node: 'jumpCloud' }, type)).toEqual([
			expect.stringMatching(/expected/),
		]);
		expect(checkCodex({ ...codex, categories: ['HR'] }, type)).toEqual([
			expect.stringMatching(/"HR" is not one of/),
		]);
		expect(checkCodex({ ...codex, categories: [] }, type)).toEqual(['codex has no categories']);
		expect(checkCodex({ ...codex, subcategories: {} }, type)).toEqual([
			expect.stringMatching(/"subcategories"/),
		]);
		expect(checkCodex({ ...codex, resources: {} }, type)).toEqual([
			expect.stringMatching(/primaryDocumentation/),
		]);
		expect(
			checkCodex({ ...codex, resources: { primaryDocumentation: [{ url: 'http://x' }] } }, type),
		).toEqual([expect.stringMatching(/https/)]);
	});
});

describe('checkThemedIcon', () => {
	const files: Record<string, Uint8Array> = {
		'file:a.svg': new TextEncoder().encode('<svg fill="#000"/>'),
		'file:a.dark.svg': new TextEncoder().encode('<svg fill="#fff"/>'),
		'file:copy.dark.svg': new TextEncoder().encode('<svg fill="#000"/>'),
	};
	const read = (ref: string) => (files[ref] ? Buffer.from(files[ref]) : undefined);

	it('accepts distinct light and dark files', () => {
		expect(checkThemedIcon({ light: 'file:a.svg', dark: 'file:a.dark.svg' }, read)).toEqual([]);
	});
	it('rejects a single icon, a missing file and identical variants', () => {
		expect(checkThemedIcon('file:a.svg', read)).toEqual([expect.stringMatching(/light, dark/)]);
		expect(checkThemedIcon({ light: 'file:a.svg', dark: 'file:b.svg' }, read)).toEqual([
			'dark icon file:b.svg is missing',
		]);
		expect(checkThemedIcon({ light: 'file:a.svg', dark: 'file:copy.dark.svg' }, read)).toEqual([
			expect.stringMatching(/identical/),
		]);
	});
});

describe('unexpectedFiles', () => {
	it('accepts what an install needs', () => {
		expect(
			unexpectedFiles([
				'package.json',
				'README.md',
				'LICENSE',
				'CHANGELOG.md',
				'dist/package.json',
				'dist/icons/jumpcloud.svg',
				'dist/nodes/JumpCloud/JumpCloud.node.js',
				'dist/nodes/JumpCloud/JumpCloud.node.js.map',
				'dist/nodes/JumpCloud/JumpCloud.node.d.ts',
				'dist/nodes/JumpCloud/JumpCloud.node.json',
				'dist/credentials/JumpCloudApi.credentials.js',
			]),
		).toEqual([]);
	});

	it.each([
		'dist/test/unit/x.test.js',
		'dist/nodes/JumpCloud/__tests__/a.js',
		'dist/test-results/panel.png',
		'dist/nodes/Factorial/fixtures/employee.json',
		'dist/emulators/factorial.js',
		'dist/templates/joiner.json',
		'dist/tsconfig.tsbuildinfo',
		'nodes/JumpCloud/JumpCloud.node.ts',
		'dist/docs/screenshot.png',
		'.env',
	])('rejects %s', (file) => {
		expect(unexpectedFiles([file])).toHaveLength(1);
	});
});

describe('sourceMapProblems', () => {
	it('accepts maps of node code and rejects maps of anything else', () => {
		const map = 'dist/nodes/JumpCloud/JumpCloud.node.js.map';
		expect(
			sourceMapProblems(map, { sources: ['../../../nodes/JumpCloud/JumpCloud.node.ts'] }),
		).toEqual([]);
		expect(sourceMapProblems(map, { sources: ['../../../test/unit/x.test.ts'] })).toEqual([
			`${map}: maps test/unit/x.test.ts, which is not node or credential source`,
		]);
	});
});

it('formats sizes', () => {
	expect(formatSize(512)).toBe('512 B');
	expect(formatSize(2048)).toBe('2.0 kB');
	expect(formatSize(3 * 1024 * 1024)).toBe('3.00 MB');
});
