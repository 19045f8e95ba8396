// Release-readiness rules that are cheap to state as code: the community package.json rules
// verification enforces, and the CHANGELOG/version agreement the publish workflow relies on.
// Pure except for the `exists` callback; tests pass fixtures and the real files.

/** Newest released version in a Keep a Changelog file (`## [x.y.z] - date`), skipping Unreleased. */
function latestChangelogVersion(text) {
	const match = /^## \[(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\](?: - \d{4}-\d{2}-\d{2})?\s*$/m.exec(
		text,
	);
	return match ? match[1] : undefined;
}

/**
 * @param {object} pkg                         parsed package.json
 * @param {(relPath: string) => boolean} exists  whether a repository file exists
 * @returns {string[]} problems
 */
function packageJsonProblems(pkg, exists) {
	const problems = [];
	if (pkg.license !== 'MIT') problems.push(`license is ${pkg.license}, verification requires MIT`);
	if (!(pkg.keywords || []).includes('n8n-community-node-package')) {
		problems.push(
			'keywords lack "n8n-community-node-package" (n8n cannot find the package without it)',
		);
	}
	if (pkg.dependencies && Object.keys(pkg.dependencies).length) {
		problems.push(
			`runtime dependencies are not allowed: ${Object.keys(pkg.dependencies).join(', ')}`,
		);
	}
	if (JSON.stringify(pkg.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) {
		problems.push('peerDependencies must be exactly {"n8n-workflow":"*"}');
	}
	if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(pkg.version || ''))
		problems.push(`version ${pkg.version} is not SemVer`);
	const n8n = pkg.n8n || {};
	if (n8n.strict !== true) problems.push('n8n.strict must be true (n8n Cloud verification)');
	if (n8n.n8nNodesApiVersion !== 1) problems.push('n8n.n8nNodesApiVersion must be 1');
	for (const [kind, suffix] of [
		['nodes', '.node.js'],
		['credentials', '.credentials.js'],
	]) {
		for (const file of n8n[kind] || []) {
			if (!file.startsWith('dist/') || !file.endsWith(suffix)) {
				problems.push(`n8n.${kind}: ${file} must be dist/...${suffix}`);
				continue;
			}
			const source = file.replace(/^dist\//, '').replace(/\.js$/, '.ts');
			if (!exists(source)) problems.push(`n8n.${kind}: ${file} has no source ${source}`);
		}
	}
	return problems;
}

module.exports = { latestChangelogVersion, packageJsonProblems };
