import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * Relative links in the project's Markdown: every `[text](target)`, `![alt](target)` and
 * `[label]: target` that is not a URL must name a file or folder inside the repository, and a
 * `#fragment` must name a heading (or an `<a id>`/`<a name>`) of the Markdown file it points at.
 * Code blocks and inline code are not links.
 */

export interface BrokenLink {
	file: string;
	line: number;
	target: string;
	problem: string;
}

/** GitHub's heading anchor: formatting dropped, lower case, punctuation removed, spaces to '-'. */
export function slug(heading: string): string {
	return heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/[*`]/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/**
 * Lines outside fenced code blocks. For links, inline code is replaced so nothing in it reads as a
 * link; for headings its text is kept (GitHub keeps it in the anchor).
 */
function proseLines(text: string, inlineCode: 'mask' | 'keep' = 'mask'): Array<[number, string]> {
	const out: Array<[number, string]> = [];
	let fence: string | null = null;
	text.split('\n').forEach((line, index) => {
		const marker = /^\s*(```|~~~)/.exec(line)?.[1];
		if (marker) {
			if (fence === null) fence = marker;
			else if (fence === marker) fence = null;
			return;
		}
		if (fence !== null) return;
		out.push([index + 1, line.replace(/`+([^`]*)`+/g, inlineCode === 'mask' ? 'code' : '$1')]);
	});
	return out;
}

/** The anchors a Markdown document offers, with GitHub's numbering of repeated headings. */
export function anchors(text: string): Set<string> {
	const seen = new Map<string, number>();
	const result = new Set<string>();
	for (const [, line] of proseLines(text, 'keep')) {
		for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) result.add(m[1]);
		const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const base = slug(heading[1]);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		result.add(count === 0 ? base : `${base}-${count}`);
	}
	return result;
}

export function linkTargets(text: string): Array<{ line: number; target: string }> {
	const found: Array<{ line: number; target: string }> = [];
	for (const [line, content] of proseLines(text)) {
		for (const m of content.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
			found.push({ line, target: m[1] });
		}
		const reference = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(content);
		if (reference) found.push({ line, target: reference[1] });
	}
	return found;
}

/**
 * Broken relative links of one Markdown file. `read` is given so a test can check the checker
 * on text that is not on disk; by default the file is read from `root`.
 */
export function brokenLinks(
	root: string,
	file: string,
	text: string = readFileSync(resolve(root, file), 'utf8'),
): BrokenLink[] {
	const broken: BrokenLink[] = [];
	const here = resolve(root, file);
	for (const { line, target } of linkTargets(text)) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
		const hash = target.indexOf('#');
		const pathPart = decodeURIComponent(hash >= 0 ? target.slice(0, hash) : target);
		const fragment = hash >= 0 ? decodeURIComponent(target.slice(hash + 1)) : '';
		const report = (problem: string) => broken.push({ file, line, target, problem });
		const dest = pathPart ? resolve(dirname(here), pathPart) : here;
		const inside = relative(root, dest);
		if (inside.startsWith('..') || resolve(root, inside) !== dest) {
			report('points outside the repository');
			continue;
		}
		if (!existsSync(dest)) {
			report(`no such file or folder: ${inside}`);
			continue;
		}
		if (!fragment) continue;
		if (statSync(dest).isDirectory() || !dest.endsWith('.md')) {
			report('an anchor on something that is not a Markdown file');
			continue;
		}
		const destText = dest === here ? text : readFileSync(dest, 'utf8');
		if (!anchors(destText).has(fragment)) report(`no heading for #${fragment} in ${inside}`);
	}
	return broken;
}
