// The import rules of nodes/ (issue 15): nodes/lib is a one-way domain layer, and the folders under
// nodes/ (Factorial, JumpCloud, GenerateUniqueUsername, shared, lib, …) import each other without
// cycles. Pure: works on a map of repository-relative paths to source text, so tests pass a fixture.
'use strict';

const path = require('path');

const LIB = 'lib';
const SOURCE = /\.(ts|js)$/;
// import … from '…', export … from '…', import '…', import('…'), require('…'), jest.mock('…')
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;

function stripComments(source) {
	// Block comments keep their line breaks so reported line numbers stay right.
	return source
		.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
		.replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function specifiersOf(source) {
	const found = [];
	const text = stripComments(source);
	let match;
	SPECIFIER.lastIndex = 0;
	while ((match = SPECIFIER.exec(text)) !== null) {
		const line = text.slice(0, match.index).split('\n').length;
		found.push({ specifier: match[2], line });
	}
	return found;
}

/** The folder directly under nodes/ that holds a path, or undefined outside nodes/. */
function folderOf(rel) {
	const parts = rel.split('/');
	return parts[0] === 'nodes' && parts.length > 2 ? parts[1] : undefined;
}

const isN8nPackage = (specifier) => /^(n8n-|n8n$|@n8n\/)/.test(specifier);

/**
 * Checks the import rules. `files` maps repository-relative paths ('nodes/lib/policy.ts') to their
 * source. Returns human-readable problems, empty when the rules hold:
 *  - a file in nodes/lib imports an n8n package, or any file outside nodes/lib;
 *  - the folders under nodes/ import each other in a cycle.
 */
function checkImportGraph(files) {
	const problems = [];
	/** from folder -> to folder -> first import seen ("file:line imports 'spec'") */
	const edges = new Map();
	for (const rel of Object.keys(files).sort()) {
		if (!SOURCE.test(rel)) continue;
		const from = folderOf(rel);
		if (from === undefined) continue;
		for (const { specifier, line } of specifiersOf(files[rel])) {
			const where = `${rel}:${line} imports '${specifier}'`;
			if (!specifier.startsWith('.')) {
				if (from === LIB && isN8nPackage(specifier))
					problems.push(`${where}: nodes/lib is pure domain code and must not use n8n packages`);
				continue;
			}
			const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), specifier));
			// A directory import ('../lib') names the folder itself.
			const parts = target.split('/');
			const toFolder = parts[0] === 'nodes' && parts.length >= 2 ? parts[1] : '(outside nodes)';
			if (from === LIB && toFolder !== LIB) {
				problems.push(
					`${where}: nodes/lib must import nothing outside nodes/lib (node folders import lib, never the reverse)`,
				);
			}
			if (toFolder === from || toFolder === '(outside nodes)') continue;
			if (!edges.has(from)) edges.set(from, new Map());
			if (!edges.get(from).has(toFolder)) edges.get(from).set(toFolder, where);
		}
	}
	for (const cycle of findCycles(edges)) {
		const steps = cycle.map((folder, i) => {
			const next = cycle[(i + 1) % cycle.length];
			return `  ${folder} -> ${next}: ${edges.get(folder).get(next)}`;
		});
		problems.push(
			`import cycle between node folders ${[...cycle, cycle[0]].join(' -> ')}:\n${steps.join('\n')}`,
		);
	}
	return problems;
}

/** Strongly connected components with more than one folder (Tarjan), each as one cycle path. */
function findCycles(edges) {
	const nodes = new Set(edges.keys());
	for (const targets of edges.values()) for (const t of targets.keys()) nodes.add(t);
	let index = 0;
	const indexOf = new Map();
	const low = new Map();
	const stack = [];
	const onStack = new Set();
	const components = [];
	const visit = (v) => {
		indexOf.set(v, index);
		low.set(v, index);
		index++;
		stack.push(v);
		onStack.add(v);
		for (const w of (edges.get(v) ?? new Map()).keys()) {
			if (!indexOf.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v), low.get(w)));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indexOf.get(w)));
		}
		if (low.get(v) === indexOf.get(v)) {
			const component = [];
			let w;
			do {
				w = stack.pop();
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1) components.push(component);
		}
	};
	for (const v of [...nodes].sort()) if (!indexOf.has(v)) visit(v);
	return components.map((component) => cyclePath(component, edges));
}

/** One cycle through the component's first folder (alphabetically), found by breadth-first search. */
function cyclePath(component, edges) {
	const members = new Set(component);
	const start = [...component].sort()[0];
	const previous = new Map([[start, null]]);
	const queue = [start];
	while (queue.length) {
		const v = queue.shift();
		for (const w of (edges.get(v) ?? new Map()).keys()) {
			if (!members.has(w)) continue;
			if (w === start) {
				const path_ = [];
				for (let at = v; at !== null; at = previous.get(at)) path_.unshift(at);
				return path_;
			}
			if (!previous.has(w)) {
				previous.set(w, v);
				queue.push(w);
			}
		}
	}
	return [...component].sort();
}

module.exports = { checkImportGraph, specifiersOf };
