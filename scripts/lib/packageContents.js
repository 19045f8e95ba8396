// What the published tarball may contain. An n8n install needs only the compiled nodes and
// credentials, their icons and codex files, and the package metadata; anything else is dead weight
// at best and a leak (tests, fixtures, emulator code, recorded payloads) at worst.
// Pure functions so the rules can be unit-tested without packing anything.

/** Top-level files an install (or the npm page) uses. */
const ROOT_FILES = [
	/^package\.json$/,
	/^README(\.md)?$/i,
	/^LICEN[CS]E(\.md|\.txt)?$/i,
	/^CHANGELOG\.md$/i,
];

/** Files under dist/ that n8n loads: compiled JS, declarations, maps of that JS, icons, codex json. */
const DIST_FILES = [
	/^dist\/package\.json$/, // emitted by tsc because tsconfig includes package.json
	/^dist\/(nodes|credentials)\/.+\.(js|d\.ts|js\.map|svg|png)$/,
	/^dist\/nodes\/.+\.json$/, // codex (*.node.json) and __schema__ files
	/^dist\/icons\/[^/]+\.(svg|png)$/,
];

/** Names that mark test or development material wherever they appear in a path. */
const FORBIDDEN_SEGMENTS =
	/(^|\/)(test|tests|__tests__|__mocks__|fixtures?|emulators?|e2e|test-results|screenshots|templates|coverage|scripts|\.github|\.ci)(\/|$)/i;
const FORBIDDEN_NAMES = /\.(test|spec)\.[cm]?[jt]s(\.map)?$|\.tsbuildinfo$|\.tgz$|(^|\/)\.env/i;

/**
 * Returns one problem string per file that an install does not need. `files` are tarball paths
 * relative to the package root (without the leading `package/`).
 */
function unexpectedFiles(files) {
	const problems = [];
	for (const file of files) {
		if (FORBIDDEN_SEGMENTS.test(file) || FORBIDDEN_NAMES.test(file)) {
			problems.push(`${file}: test or development material must not be published`);
		} else if (/\.ts$/.test(file) && !/\.d\.ts$/.test(file)) {
			problems.push(
				`${file}: TypeScript source must not be published (dist/ holds the compiled JS)`,
			);
		} else if (!ROOT_FILES.some((re) => re.test(file)) && !DIST_FILES.some((re) => re.test(file))) {
			problems.push(`${file}: not something an n8n install loads; keep it out of "files"`);
		}
	}
	return problems;
}

/**
 * A source map is only acceptable if every source it points at is node or credential code.
 * `sources` are resolved relative to the map's own directory inside the original project
 * (dist/nodes/X/Y.node.js.map -> ../../../nodes/X/Y.node.ts).
 */
function sourceMapProblems(mapFile, map) {
	const problems = [];
	const dir = mapFile.split('/').slice(0, -1);
	for (const source of (map && map.sources) || []) {
		const parts = [...dir];
		for (const seg of String(source).split('/')) {
			if (seg === '..') parts.pop();
			else if (seg !== '.' && seg !== '') parts.push(seg);
		}
		const resolved = parts.join('/');
		if (
			!/^(nodes|credentials)\//.test(resolved) ||
			FORBIDDEN_SEGMENTS.test(resolved.replace(/^(nodes|credentials)\//, ''))
		) {
			problems.push(`${mapFile}: maps ${resolved}, which is not node or credential source`);
		}
	}
	return problems;
}

function formatSize(bytes) {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
	return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

module.exports = { unexpectedFiles, sourceMapProblems, formatSize };
