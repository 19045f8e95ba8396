#!/usr/bin/env node
'use strict';
/**
 * Writes the README's compatibility table from the last end-to-end run: one row per host pinned in
 * test/e2e/hosts.json, from $FJ_CACHE/e2e-results/<version>.json (test/e2e/run.sh calls this after a
 * run of every pinned host). `--check` only says whether the README's table lists the pinned hosts.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { renderTable, replaceTable, tableHosts } = require('./lib/compatTable');

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const hosts = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/e2e/hosts.json'), 'utf8'));
const readme = fs.readFileSync(README, 'utf8');

if (process.argv.includes('--check')) {
	const listed = tableHosts(readme);
	if (JSON.stringify(listed) !== JSON.stringify(hosts)) {
		console.error(
			`README.md's compatibility table lists ${listed.join(', ') || 'nothing'}, test/e2e/hosts.json pins ${hosts.join(', ')}: run the e2e suite (bash test/e2e/run.sh), or node scripts/compatTable.js`,
		);
		process.exit(1);
	}
	process.exit(0);
}

const cache =
	process.env.FJ_CACHE ??
	path.join(
		process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
		'n8n-nodes-factorial-jumpcloud',
	);
const resultsDir = path.join(cache, 'e2e-results');
const results = {};
for (const version of hosts) {
	const file = path.join(resultsDir, `${version}.json`);
	if (fs.existsSync(file)) results[version] = JSON.parse(fs.readFileSync(file, 'utf8'));
}
const updated = replaceTable(readme, renderTable(hosts, results));
if (updated !== readme) fs.writeFileSync(README, updated);
console.log(`compatibility table: ${hosts.join(', ')} from ${resultsDir}`);
