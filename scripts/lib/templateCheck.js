// Checks a workflow template (templates/*.json, an n8n workflow export) against the node
// descriptions the package really builds. n8n imports a template with an unknown node type, an
// unknown parameter or a stale option value silently, and the admin only sees "?" nodes or
// "Issues" badges on the canvas; this catches that at build time instead.
// Pure: callers pass in the descriptions (gulpfile.js loads them from dist/).

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
	if (!template || !Array.isArray(template.nodes)) return ['not a workflow export: "nodes" must be an array'];
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
		problems.push(...checkParameters(where, node.parameters || {}, description.properties || []));
		problems.push(...checkCredentials(where, node.credentials || {}, description, credentials));
	}

	for (const [source, outputs] of Object.entries(template.connections || {})) {
		if (!names.has(source)) problems.push(`connection from "${source}", which is not a node of the template`);
		for (const branches of Object.values(outputs || {})) {
			for (const branch of branches || []) {
				for (const target of branch || []) {
					if (!names.has(target.node)) problems.push(`connection to "${target.node}", which is not a node of the template`);
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

function checkParameters(where, parameters, properties) {
	const problems = [];
	const known = new Set(properties.map((p) => p.name));
	for (const key of Object.keys(parameters)) {
		if (!known.has(key)) problems.push(`${where}: parameter "${key}" does not exist on this node`);
	}
	const resource = parameters.resource;
	if (resource !== undefined && !isExpression(resource) && known.has('resource')) {
		const valid = optionValues(properties, 'resource');
		if (!valid.has(resource)) problems.push(`${where}: resource "${resource}" is not one of ${[...valid].join(', ')}`);
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
		if (!shipped.includes(type)) problems.push(`${where}: credential type "${type}" is not shipped by this package`);
		else if (!accepted.has(type)) problems.push(`${where}: this node does not accept credential type "${type}"`);
	}
	return problems;
}

module.exports = { checkTemplate };
