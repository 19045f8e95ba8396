#!/usr/bin/env node
// `npm run check:imports` (also run by `scripts/run lint`): fails when a file in nodes/lib imports an n8n
// package or anything outside nodes/lib, or when the folders under nodes/ import each other in a cycle.
// Usage: node scripts/checkImports.js [repository root, default: this repository]
'use strict';

const fs = require('fs');
const path = require('path');
const { checkImportGraph } = require('./lib/importGraph');

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));

function collect(dir, out) {
	if (!fs.existsSync(dir)) return out;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) collect(full, out);
		else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
			out[path.relative(root, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
	}
	return out;
}

const files = collect(path.join(root, 'nodes'), {});
const problems = checkImportGraph(files);
if (problems.length) {
	console.error(`check:imports found ${problems.length} problem(s):`);
	for (const problem of problems) console.error(`- ${problem}`);
	process.exit(1);
}
console.log(
	`check:imports: ${Object.keys(files).length} files under nodes/, lib imports nothing of the node folders, no cycle`,
);
