#!/usr/bin/env node
// `npm run verify`: what n8n's Creator Portal scanner (@n8n/scan-community-package) checks before a
// package can be verified, run locally on the working tree and on the tarball `npm publish` would
// upload. Needs a fresh `npm run build` (the tarball is packed from dist/). Exits 1 on any error.
//
// 1. source lint, n8n-node lint's config: package.json + {nodes,credentials}/**/*.ts, inline
//    eslint-disable comments ignored (the scanner ignores them);
// 2. source lint, the scanner's own config: package.json + {nodes,credentials}/**/*.{js,ts,json};
// 3. tarball lint, the scanner's config: the packed **/*.js + package.json;
// 4. tarball contents: only what an install needs, with file count and size.
// 5. n8n's scanner itself (@n8n/scan-community-package, SCANNER_VERSION): its exported analyzePackage on
//    the source and on the unpacked tarball, as its CLI does after download. Installed once into the cache
//    outside the repository (FJ_CACHE, as scripts/toolchain.sh sets it); `--ignore-scripts` and
//    npm_config_yes because a transitive plugin runs `npx only-allow pnpm` on install.
// The scanner's provenance check needs a real publish from GitHub Actions: see publish.yml.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { unexpectedFiles, sourceMapProblems, formatSize } = require('./lib/packageContents');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
// Resolve lint tooling through @n8n/node-cli so we use the exact versions `n8n-node lint` runs with.
// (node-cli's exports hide package.json, so find it from the exported eslint entry: <cli>/dist/configs/eslint.js.)
const cliDir = path.resolve(require.resolve('@n8n/node-cli/eslint', { paths: [root] }), '../../..');
const fromCli = (id) => require(require.resolve(id, { paths: [cliDir, root] }));

/** Files under `dir` (relative, forward slashes) whose names match `re`, skipping node_modules. */
function walk(dir, re, base = dir, out = []) {
	if (!fs.existsSync(dir)) return out;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'node_modules') continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(full, re, base, out);
		else if (re.test(entry.name)) out.push(path.relative(base, full).split(path.sep).join('/'));
	}
	return out;
}

/** The flat config scanner.mjs (0.32.0, buildScanConfig) lints with, rebuilt from installed plugins. */
function scannerConfig() {
	const { n8nCommunityNodesPlugin } = fromCli('@n8n/eslint-plugin-community-nodes');
	const n8nNodesPlugin = fromCli('eslint-plugin-n8n-nodes-base');
	const parser = fromCli('@typescript-eslint/parser');
	const base = n8nNodesPlugin.configs;
	return [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
		{ files: ['package.json'], rules: { ...base.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...base.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...base.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser } },
		{ files: ['**/*.ts'], languageOptions: { parser } },
	];
}

async function lint(label, cwd, files, config) {
	const { ESLint } = fromCli('eslint');
	const eslint = new ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: config,
	});
	const results = await eslint.lintFiles(files.map((f) => path.join(cwd, f)));
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	console.log(
		`${errors ? '✖' : '✔'} ${label}: ${files.length} files, ${errors} errors, ${warnings} warnings`,
	);
	if (errors || warnings) {
		const formatter = await eslint.loadFormatter('stylish');
		console.log(await formatter.format(results.filter((r) => r.errorCount || r.warningCount)));
	}
	return errors;
}

const SCANNER_VERSION = '0.32.0';

/** The scanner's module, installed into the cache on first use. */
async function loadScanner() {
	const cache =
		process.env.FJ_CACHE ||
		path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), pkg.name);
	const dir = path.join(cache, `scanner-${SCANNER_VERSION}`);
	const entry = path.join(dir, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs');
	if (!fs.existsSync(entry)) {
		console.log(`verify: installing @n8n/scan-community-package@${SCANNER_VERSION} into ${dir}`);
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
		execFileSync(
			'npm',
			[
				'install',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
				`@n8n/scan-community-package@${SCANNER_VERSION}`,
			],
			{ cwd: dir, stdio: 'inherit', env: { ...process.env, npm_config_yes: 'true' } },
		);
	}
	return await import(entry);
}

/** Runs the scanner's analyzePackage the way its CLI does; returns the number of failures. */
async function scan(scanner, label, dir, patterns) {
	const result = await scanner.analyzePackage(dir, patterns);
	console.log(`${result.passed ? '✔' : '✖'} n8n scanner ${SCANNER_VERSION}, ${label}`);
	if (!result.passed) console.log(result.details || result.message);
	return result.passed ? 0 : 1;
}

function pack(tmp) {
	// --json gives the file list and sizes exactly as npm computed them for publishing.
	const out = execFileSync(
		'npm',
		['pack', '--json', '--pack-destination', tmp, '--loglevel=error'],
		{
			cwd: root,
			encoding: 'utf8',
		},
	);
	const [info] = JSON.parse(out.slice(out.indexOf('[')));
	const tarball = path.join(tmp, info.filename);
	const dir = path.join(tmp, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return { info, dir, tarball };
}

function checkContents({ info, dir, tarball }) {
	const files = info.files.map((f) => f.path).sort();
	const problems = unexpectedFiles(files);
	for (const map of files.filter((f) => f.endsWith('.map'))) {
		problems.push(
			...sourceMapProblems(map, JSON.parse(fs.readFileSync(path.join(dir, map), 'utf8'))),
		);
	}
	for (const registered of [...(pkg.n8n.nodes || []), ...(pkg.n8n.credentials || [])]) {
		if (!files.includes(registered))
			problems.push(`${registered} is registered in package.json but not in the tarball`);
	}
	const packed = fs.statSync(tarball).size;
	const mark = problems.length ? '✖' : '✔';
	console.log(
		`${mark} tarball ${info.filename}: ${files.length} files, ${formatSize(packed)} packed, ${formatSize(info.unpackedSize)} unpacked`,
	);
	for (const p of problems) console.log(`  - ${p}`);
	return problems.length;
}

async function main() {
	const missing = [...(pkg.n8n.nodes || []), ...(pkg.n8n.credentials || [])].filter(
		(f) => !fs.existsSync(path.join(root, f)),
	);
	if (!fs.existsSync(path.join(root, 'dist')) || missing.length) {
		console.error(
			`verify: dist/ is missing or stale (${missing.join(', ') || 'no dist/'}); run npm run build first`,
		);
		return 1;
	}

	const tsSources = [
		'package.json',
		...['nodes', 'credentials'].flatMap((d) => walk(path.join(root, d), /\.ts$/, root)),
	];
	const allSources = [
		'package.json',
		...['nodes', 'credentials'].flatMap((d) => walk(path.join(root, d), /\.(js|ts|json)$/, root)),
	];
	let errors = 0;
	errors += await lint(
		'source, n8n-node lint config, inline config off',
		root,
		tsSources,
		fromCli('@n8n/node-cli/eslint').config,
	);
	errors += await lint('source, scanner config', root, allSources, scannerConfig());

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fj-verify-'));
	try {
		const packed = pack(tmp);
		const tarballJs = ['package.json', ...walk(packed.dir, /\.js$/)];
		errors += await lint('tarball, scanner config', packed.dir, tarballJs, scannerConfig());
		errors += checkContents(packed);
		const scanner = await loadScanner();
		errors += await scan(scanner, 'source', root, scanner.SOURCE_FILE_PATTERNS);
		errors += await scan(scanner, 'tarball', packed.dir, ['**/*.js', 'package.json']);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	console.log(
		errors
			? `verify: ${errors} problem(s)`
			: 'verify: package is ready for the community scanner (provenance comes from publish.yml)',
	);
	return errors ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
