// Checks each node's codex file (X.node.json beside X.node.js) and themed icons. n8n reads the
// codex to place the node in the nodes panel and link its docs; without it the node lands under
// "Miscellaneous" with no help link. Pure: gulpfile.js reads the files and passes them in.

/** The categories n8n's verification guidelines allow, spelled exactly. */
const CODEX_CATEGORIES = [
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'Marketing & Content',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
];

const isHttpsUrl = (value) => {
	try {
		return new URL(value).protocol === 'https:';
	} catch {
		return false;
	}
};

/**
 * @param {object|undefined} codex  parsed X.node.json, or undefined when the file is missing
 * @param {string} nodeType         full type, e.g. 'n8n-nodes-factorial-jumpcloud.jumpCloud'
 * @returns {string[]} problems
 */
function checkCodex(codex, nodeType) {
	if (!codex) return ['codex file (X.node.json beside X.node.ts) is missing'];
	const problems = [];
	if (codex.node !== nodeType)
		problems.push(`codex "node" is ${JSON.stringify(codex.node)}, expected "${nodeType}"`);
	const categories = codex.categories;
	if (!Array.isArray(categories) || categories.length === 0)
		problems.push('codex has no categories');
	else {
		for (const c of categories) {
			if (!CODEX_CATEGORIES.includes(c))
				problems.push(`codex category "${c}" is not one of ${CODEX_CATEGORIES.join(', ')}`);
		}
	}
	// n8n's community lint (no-codex-subcategories) flags the key; n8n assigns subcategories itself.
	if ('subcategories' in codex)
		problems.push('codex has "subcategories" (n8n assigns them for its own nodes only; remove it)');
	const docs = codex.resources && codex.resources.primaryDocumentation;
	if (!Array.isArray(docs) || docs.length === 0)
		problems.push('codex has no resources.primaryDocumentation link');
	else if (!docs.every((d) => d && isHttpsUrl(d.url)))
		problems.push('codex documentation links must be https URLs');
	return problems;
}

/**
 * @param {unknown} icon            description.icon
 * @param {(ref: string) => Buffer|undefined} read  reads an icon reference ('file:...'), undefined if absent
 * @returns {string[]} problems
 */
function checkThemedIcon(icon, read) {
	if (!icon || typeof icon !== 'object' || !icon.light || !icon.dark) {
		return ['icon must be { light, dark } so the node stays legible in the dark theme'];
	}
	const light = read(icon.light);
	const dark = read(icon.dark);
	const problems = [];
	if (!light) problems.push(`light icon ${icon.light} is missing`);
	if (!dark) problems.push(`dark icon ${icon.dark} is missing`);
	if (light && dark && (icon.light === icon.dark || light.equals(dark))) {
		problems.push(
			'light and dark icons are identical; the dark one must be a real dark-theme variant',
		);
	}
	return problems;
}

module.exports = { checkCodex, checkThemedIcon, CODEX_CATEGORIES };
