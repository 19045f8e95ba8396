// Checks a workflow template (templates/*.json, an n8n workflow export) against the node
// descriptions the package really builds. n8n imports a template with an unknown node type, an
// unknown parameter or a stale option value silently, and the admin only sees "?" nodes or
// "Issues" badges on the canvas; this catches that at build time instead.
// Pure: callers pass in the descriptions (gulpfile.js loads them from dist/) and the README text.

const { auditStructureProblems } = require('./audit');
const { CREDENTIAL_KINDS, SHARED_CREDENTIALS, credentialReference } = require('./templateVariants');

/** Core n8n nodes a template may use: present, with these names, on every pinned n8n host. */
const CORE_NODE_TYPES = [
	'n8n-nodes-base.if',
	'n8n-nodes-base.set',
	'n8n-nodes-base.switch',
	'n8n-nodes-base.merge',
	'n8n-nodes-base.filter',
	'n8n-nodes-base.aggregate',
	'n8n-nodes-base.stickyNote',
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.manualTrigger',
	// The audit record's example destination (disabled in the Joiner; docs/audit.md).
	'n8n-nodes-base.dataTable',
];

/**
 * The credential a template references, by type: the names the README tells admins to use, with a null
 * id. n8n's editor import drops a reference whose id the instance does not know and binds the rest by
 * name (docs/reference/n8n-template-import.md), so a fixed id would leave every node without one.
 */
const CREDENTIAL_PLACEHOLDERS = Object.fromEntries(
	[...Object.keys(CREDENTIAL_KINDS), ...Object.keys(SHARED_CREDENTIALS)].map((type) => [
		type,
		credentialReference(type),
	]),
);

/** n8n's workflow ids: 16 letters and digits. */
const TEMPLATE_ID = /^[A-Za-z0-9]{16}$/;

/** Anything that looks like a key, a password or a secret in a template's text. */
const SECRET_PATTERN = /jca_[A-Za-z0-9]|apiKey"\s*:\s*"[^"=]|password|secret/i;

/**
 * @param {object} template  workflow JSON ({ nodes, connections })
 * @param {object} ctx
 * @param {string} ctx.packageName        e.g. 'n8n-nodes-factorial-jumpcloud'
 * @param {Record<string, object[]>} ctx.nodes  node name -> its descriptions (one per version class)
 * @param {string[]} ctx.credentials     credential type names the package ships
 * @returns {string[]} problems, each naming the template node
 */
function checkTemplate(template, { packageName, nodes, credentials }) {
	const problems = [];
	if (!template || !Array.isArray(template.nodes))
		return ['not a workflow export: "nodes" must be an array'];
	const names = new Set();
	const prefix = `${packageName}.`;

	for (const node of template.nodes) {
		const where = `node "${node.name}"`;
		if (names.has(node.name)) problems.push(`${where} appears twice (names must be unique)`);
		names.add(node.name);
		if (typeof node.type !== 'string' || !node.type.startsWith(prefix)) continue;

		const typeName = node.type.slice(prefix.length);
		const candidates = nodes[typeName];
		if (!candidates || candidates.length === 0) {
			problems.push(`${where}: type ${node.type} is not a node of this package`);
			continue;
		}
		const description = pickVersion(candidates, node.typeVersion);
		if (!description) {
			problems.push(`${where}: ${node.type} has no typeVersion ${node.typeVersion}`);
			continue;
		}
		problems.push(
			...checkParameters(
				where,
				node.parameters || {},
				description.properties || [],
				hostParameters(description),
			),
		);
		problems.push(...checkCredentials(where, node.credentials || {}, description, credentials));
	}

	for (const [source, outputs] of Object.entries(template.connections || {})) {
		if (!names.has(source))
			problems.push(`connection from "${source}", which is not a node of the template`);
		for (const branches of Object.values(outputs || {})) {
			for (const branch of branches || []) {
				for (const target of branch || []) {
					if (!names.has(target.node))
						problems.push(`connection to "${target.node}", which is not a node of the template`);
				}
			}
		}
	}
	return problems;
}

function versionsOf(description) {
	return Array.isArray(description.version) ? description.version : [description.version ?? 1];
}

function pickVersion(candidates, typeVersion) {
	const wanted = typeVersion ?? 1;
	return candidates.find((d) => versionsOf(d).includes(wanted));
}

const isExpression = (value) => typeof value === 'string' && value.startsWith('=');

/** Option values of every property called `name` that is shown for `resource` (when given). */
function optionValues(properties, name, resource) {
	const values = new Set();
	for (const p of properties) {
		if (p.name !== name || !Array.isArray(p.options)) continue;
		const shownFor = p.displayOptions && p.displayOptions.show && p.displayOptions.show.resource;
		if (resource !== undefined && shownFor && !shownFor.includes(resource)) continue;
		for (const o of p.options) values.add(o.value);
	}
	return values;
}

function checkParameters(where, parameters, properties, hostAdded = []) {
	const problems = [];
	const known = new Set([...properties.map((p) => p.name), ...hostAdded]);
	for (const key of Object.keys(parameters)) {
		if (!known.has(key)) problems.push(`${where}: parameter "${key}" does not exist on this node`);
	}
	const resource = parameters.resource;
	if (resource !== undefined && !isExpression(resource) && known.has('resource')) {
		const valid = optionValues(properties, 'resource');
		if (!valid.has(resource))
			problems.push(`${where}: resource "${resource}" is not one of ${[...valid].join(', ')}`);
	}
	const operation = parameters.operation;
	if (operation !== undefined && !isExpression(operation) && known.has('operation')) {
		// Without an explicit resource n8n uses the resource parameter's default.
		const effective = resource ?? (properties.find((p) => p.name === 'resource') || {}).default;
		const valid = optionValues(properties, 'operation', effective);
		if (!valid.has(operation)) {
			problems.push(
				`${where}: operation "${operation}" is not valid for resource "${effective}" (valid: ${[...valid].join(', ')})`,
			);
		}
	}
	return problems;
}

function checkCredentials(where, used, description, shipped) {
	const problems = [];
	const accepted = new Set((description.credentials || []).map((c) => c.name));
	for (const type of Object.keys(used)) {
		if (!shipped.includes(type))
			problems.push(`${where}: credential type "${type}" is not shipped by this package`);
		else if (!accepted.has(type))
			problems.push(`${where}: this node does not accept credential type "${type}"`);
	}
	return problems;
}

/**
 * The rules for the templates this package ships, on top of checkTemplate: a 16-character id, only
 * this package's nodes and allowed core nodes, credentials only as the documented placeholders,
 * nothing that looks secret, and for package nodes every parameter shown for the node's other
 * settings, with existing option values and collection sub-options.
 * @param {object} template  workflow JSON ({ id, nodes, connections })
 * @param {object} ctx       as for checkTemplate, plus optional coreTypes (default CORE_NODE_TYPES)
 *   and placeholders (default CREDENTIAL_PLACEHOLDERS)
 * @returns {string[]} problems
 */
function checkShippedTemplate(
	template,
	{ packageName, nodes, coreTypes = CORE_NODE_TYPES, placeholders = CREDENTIAL_PLACEHOLDERS },
) {
	if (!template || !Array.isArray(template.nodes))
		return ['not a workflow export: "nodes" must be an array'];
	const problems = [];
	const prefix = `${packageName}.`;
	if (typeof template.id !== 'string' || !TEMPLATE_ID.test(template.id))
		problems.push(`id ${JSON.stringify(template.id)} is not 16 letters and digits`);
	if (SECRET_PATTERN.test(JSON.stringify(template)))
		problems.push(`holds something that looks secret (matches ${SECRET_PATTERN})`);
	for (const node of template.nodes) {
		const where = `node "${node.name}"`;
		problems.push(...checkPlaceholders(where, node.credentials || {}, placeholders));
		if (typeof node.type !== 'string' || !node.type.startsWith(prefix)) {
			if (!coreTypes.includes(node.type))
				problems.push(
					`${where}: type ${node.type} is neither a node of this package nor an allowed core node (${coreTypes.join(', ')})`,
				);
			continue;
		}
		// Unknown types and versions are checkTemplate's to report.
		const description = pickVersion(nodes[node.type.slice(prefix.length)] || [], node.typeVersion);
		if (description) {
			problems.push(...checkShownParameters(where, node.parameters || {}, description));
			problems.push(...checkShownCredentials(where, node, description));
		}
	}
	problems.push(...auditStructureProblems(template, packageName));
	problems.push(...dryRunProblems(template, packageName, nodes));
	return problems;
}

/** What every JumpCloud write of an event template takes its Dry Run from (docs/templates.md, "Dry run"). */
const DRY_RUN_EXPRESSION = "={{ $('Settings').first().json.dryRun }}";

/**
 * An event template (a Factorial trigger that feeds a node) has the try-out mode: a Set node "Settings"
 * assigning `dryRun` (boolean), and every node whose settings show Dry Run takes it from there, so one
 * switch keeps the whole template from writing.
 */
function dryRunProblems(template, packageName, nodes) {
	const prefix = `${packageName}.`;
	const enabled = template.nodes.filter((n) => !n.disabled);
	const triggers = [`${prefix}factorialTrigger`, `${prefix}factorialPollTrigger`];
	const feeds = (n) =>
		((template.connections || {})[n.name]?.main ?? []).some((branch) => (branch || []).length);
	if (!enabled.some((n) => triggers.includes(n.type) && feeds(n))) return [];
	const problems = [];
	let writers = 0;
	for (const node of enabled) {
		if (typeof node.type !== 'string' || !node.type.startsWith(prefix)) continue;
		const description = pickVersion(nodes[node.type.slice(prefix.length)] || [], node.typeVersion);
		if (!description) continue;
		const shown = shownProperties(description.properties || [], node.parameters || {});
		if (!shown.some((p) => p.name === 'dryRun')) continue;
		writers++;
		if ((node.parameters || {}).dryRun !== DRY_RUN_EXPRESSION)
			problems.push(
				`node "${node.name}": Dry Run must be ${DRY_RUN_EXPRESSION} (every write of an event template follows Settings → dryRun)`,
			);
	}
	const settings = enabled.find((n) => n.name === 'Settings' && n.type === 'n8n-nodes-base.set');
	const assigned = (settings?.parameters?.assignments?.assignments ?? []).some(
		(a) => a.name === 'dryRun' && a.type === 'boolean',
	);
	if (writers && !assigned)
		problems.push('has no Set node "Settings" assigning dryRun (boolean): the try-out switch');
	return problems;
}

function checkPlaceholders(where, used, placeholders) {
	const problems = [];
	for (const [type, ref] of Object.entries(used)) {
		const expected = placeholders[type];
		if (!expected) {
			problems.push(`${where}: credential type "${type}" has no placeholder a template may use`);
			continue;
		}
		const { id, name, ...extra } = ref || {};
		if (
			id !== expected.id ||
			!('id' in (ref || {})) ||
			name !== expected.name ||
			Object.keys(extra).length
		) {
			problems.push(
				`${where}: credential "${type}" must be the placeholder ${JSON.stringify(expected)}, not ${JSON.stringify(ref)}`,
			);
		}
	}
	return problems;
}

/** Parameters n8n adds to a node itself, not in its description. */
function hostParameters(description) {
	return description.polling ? ['pollTimes'] : [];
}

/** Properties shown for these parameter values (displayOptions.show; a missing value is its default). */
function shownProperties(properties, values, defaults = properties) {
	return properties.filter((p) => {
		const show = p.displayOptions && p.displayOptions.show;
		if (!show) return true;
		return Object.entries(show).every(([path, allowed]) => {
			// A root path ('/uniquenessCheck') names a top-level parameter, as the plain name does here.
			const key = path.startsWith('/') ? path.slice(1) : path;
			const value =
				key in values ? values[key] : (defaults.find((q) => q.name === key) || {}).default;
			if (isExpression(value)) return true; // decided at run time: not judged here
			return Array.isArray(allowed) && allowed.includes(value);
		});
	});
}

/**
 * Every credential a node holds must be one its settings show (n8n's editor drops the others on save, so
 * the node would run without it): the credential's displayOptions against the node's parameters.
 */
function checkShownCredentials(where, node, description) {
	const shown = shownProperties(
		description.credentials || [],
		node.parameters || {},
		description.properties || [],
	);
	return Object.keys(node.credentials || {})
		.filter((type) => !shown.some((c) => c.name === type))
		.map(
			(type) =>
				`${where}: credential "${type}" is not shown for these settings (check its authentication parameter)`,
		);
}

/**
 * Every parameter set must be shown for the node's other settings (n8n drops or flags a hidden one),
 * an options value must be one of the options, a collection may only hold its own sub-options.
 */
function checkShownParameters(where, parameters, description) {
	const problems = [];
	const properties = description.properties || [];
	const known = new Set(properties.map((p) => p.name));
	const shown = shownProperties(properties, parameters);
	const ignored = hostParameters(description);
	for (const [key, value] of Object.entries(parameters)) {
		if (ignored.includes(key) || !known.has(key)) continue; // unknown: reported by checkParameters
		const property = shown.find((p) => p.name === key);
		if (!property) {
			problems.push(`${where}: parameter "${key}" is not shown for these settings`);
			continue;
		}
		if (property.type === 'options' && typeof value === 'string' && !isExpression(value)) {
			const values = (property.options || []).map((o) => o.value);
			if (!values.includes(value))
				problems.push(
					`${where}: parameter "${key}" value "${value}" is not one of ${values.join(', ')}`,
				);
		}
		if (property.type === 'collection' && value && typeof value === 'object') {
			const subNames = (property.options || []).map((o) => o.name);
			for (const sub of Object.keys(value)) {
				if (!subNames.includes(sub))
					problems.push(`${where}: parameter "${key}" has no option "${sub}"`);
			}
		}
	}
	return problems;
}

/** The template files the README's templates table names (`| \`joiner.json\` … |` rows). */
function documentedTemplates(readme) {
	const start = readme.indexOf('<!-- section:templates -->');
	const end = readme.indexOf('<!-- /section:templates -->');
	if (start < 0 || end < start) return undefined;
	const files = [];
	for (const line of readme.slice(start, end).split('\n')) {
		const match = /^\|\s*`([^`]+\.json)`/.exec(line);
		if (match) files.push(match[1]);
	}
	return files;
}

/**
 * The shipped templates (file names in templates/) must be exactly those the README's templates
 * table documents: a template nobody documents, or a documented one that is missing, fails.
 * @param {string[]} files  templates/*.json file names
 * @param {string} readme   README.md text
 * @returns {string[]} problems
 */
function checkTemplateList(files, readme) {
	const documented = documentedTemplates(readme);
	if (!documented)
		return ['README.md has no <!-- section:templates --> … <!-- /section:templates --> section'];
	const problems = [];
	for (const file of files) {
		if (!documented.includes(file))
			problems.push(`templates/${file} is not in the README's templates table`);
	}
	for (const file of documented) {
		if (!files.includes(file))
			problems.push(`README's templates table lists ${file}, which is not in templates/`);
	}
	return problems;
}

module.exports = {
	checkTemplate,
	checkShippedTemplate,
	checkTemplateList,
	CORE_NODE_TYPES,
	CREDENTIAL_PLACEHOLDERS,
};
