// What scripts/templates.js writes into templates/*.json and generates as templates/oauth2/*.json.
// Pure: the script and the build check (gulpfile.js) call the same functions, so a template edited by
// hand without re-running the script fails the build.
//
// Credential references carry `"id": null` and the name: n8n's editor import (Import from File, paste,
// URL) drops every reference whose id the instance does not know (`removeUnknownCredentials`) and then
// binds what is left by name and type (`matchCredentials`); the CLI import binds `id: null` by name too
// (`replaceInvalidCredentials`). docs/reference/n8n-template-import.md cites both.

/** The credentials a template may reference, per service: one name for both kinds. */
const SERVICES = {
	factorial: { apiKey: 'factorialApi', oAuth2: 'factorialOAuth2Api', name: 'Factorial account' },
	jumpCloud: { apiKey: 'jumpCloudApi', oAuth2: 'jumpCloudOAuth2Api', name: 'JumpCloud account' },
};

/** Credential type -> { service, kind }. */
const CREDENTIAL_KINDS = Object.fromEntries(
	Object.entries(SERVICES).flatMap(([service, s]) => [
		[s.apiKey, { service, kind: 'apiKey' }],
		[s.oAuth2, { service, kind: 'oAuth2' }],
	]),
);

/**
 * Credentials with one kind only (no OAuth2 twin): the same reference in both variants. The sync policy
 * holds no secret; every template names it so that one policy applies to all of them (docs/templates.md).
 */
const SHARED_CREDENTIALS = {
	factorialJumpCloudSyncPolicyApi: { name: 'Sync policy' },
};

/** The documented name of a credential type, for the references and the Setup note. */
function credentialName(type) {
	const known = CREDENTIAL_KINDS[type];
	if (known) return SERVICES[known.service].name;
	return SHARED_CREDENTIALS[type]?.name;
}

/** The reference a template holds for a credential type: null id, the documented name. */
function credentialReference(type) {
	const name = credentialName(type);
	return name ? { id: null, name } : undefined;
}

const DISPLAY_NAMES = {
	factorialApi: 'Factorial API',
	factorialOAuth2Api: 'Factorial OAuth2 API',
	jumpCloudApi: 'JumpCloud API',
	jumpCloudOAuth2Api: 'JumpCloud OAuth2 API',
	factorialJumpCloudSyncPolicyApi: 'Factorial JumpCloud Sync Policy API',
};

const SETUP_NOTE = 'Setup';
const ABOUT_NOTE = 'About';
const HOW_IT_WORKS = '### How it works';

const { createHash } = require('crypto');

/** A webhook id of its own for the OAuth2 variant (both files may be imported side by side), stable. */
function variantWebhookId(webhookId) {
	const hex = createHash('sha256').update(`oauth2:${webhookId}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const clone = (value) => JSON.parse(JSON.stringify(value));

/** Credential types the template's nodes use, in a stable order. */
function usedCredentialTypes(template) {
	const types = new Set();
	for (const node of template.nodes || [])
		for (const type of Object.keys(node.credentials || {})) types.add(type);
	return Object.keys(DISPLAY_NAMES).filter((t) => types.has(t));
}

/** The Setup sticky note's text: self-hosted only, package version, credentials by name, activation. */
function setupText(template, { packageName, version, file, kind }) {
	const types = usedCredentialTypes(template);
	const names = types.map((type) => `**${credentialName(type)}** (*${DISPLAY_NAMES[type]}*)`);
	const credentials =
		names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
	const policy = types.some((type) => SHARED_CREDENTIALS[type])
		? ' The **Sync policy** holds only settings: left empty, everyone is synced and every attribute always written; set the scope and attribute authority there once for all templates (docs/templates.md).'
		: '';
	const other =
		kind === 'oAuth2'
			? `API keys instead? Import \`templates/${file}\`.`
			: `OAuth2 instead? Import \`templates/oauth2/${file}\`.`;
	const hasSettings = template.nodes.some((n) => n.name === 'Settings');
	return [
		'### Setup',
		`**Self-hosted n8n only**: needs the community package \`${packageName}\` **${version} or later** (*Settings → Community Nodes*, or \`N8N_COMMUNITY_PACKAGES\`).`,
		'',
		`1. Create the credentials ${credentials} with **exactly these names** before importing: every node picks them up by name.${policy} ${other}`,
		...(hasSettings ? ['2. Review the *Settings* node (after the trigger).'] : []),
		`${hasSettings ? 3 : 2}. Turn it on: **Active** (n8n 1.x) or **Publish** (n8n 2.x). Times without a zone use the instance time zone (\`GENERIC_TIMEZONE\`, America/New_York unless set).`,
	].join('\n');
}

/** Adds the creators' "### How it works" heading under the About note's title, once. */
function withHowItWorks(content) {
	if (content.includes(HOW_IT_WORKS)) return content;
	const lines = content.split('\n');
	const at = lines[0].startsWith('## ') ? 1 : 0;
	lines.splice(at, 0, HOW_IT_WORKS);
	return lines.join('\n');
}

/** The Setup note goes under the About note (or at the top left when there is none). */
function setupNode(template, text) {
	const about = (template.nodes || []).find((n) => n.name === ABOUT_NOTE);
	const x = about ? about.position[0] : -420;
	const y = about ? about.position[1] + (about.parameters.height || 300) + 20 : -320;
	const width = about ? about.parameters.width || 380 : 380;
	return {
		id: `${template.id}-setup`,
		name: SETUP_NOTE,
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position: [x, y],
		parameters: { content: text, height: 380, width, color: 4 },
	};
}

/**
 * The source template as shipped: null-id credential references, the How it works heading, the
 * generated Setup note (replaced when already there). Idempotent.
 * @param {object} template  workflow JSON from templates/*.json
 * @param {{packageName: string, version: string, file: string}} ctx
 */
function normalizeTemplate(template, ctx) {
	const out = clone(template);
	out.nodes = out.nodes.filter((n) => n.name !== SETUP_NOTE);
	for (const node of out.nodes) {
		if (node.credentials) {
			for (const type of Object.keys(node.credentials)) {
				const ref = credentialReference(type);
				if (ref) node.credentials[type] = ref;
			}
		}
		if (node.name === ABOUT_NOTE && typeof node.parameters?.content === 'string')
			node.parameters.content = withHowItWorks(node.parameters.content);
	}
	const about = out.nodes.findIndex((n) => n.name === ABOUT_NOTE);
	out.nodes.splice(about + 1, 0, setupNode(out, setupText(out, { ...ctx, kind: 'apiKey' })));
	return out;
}

/**
 * Sets `authentication` first among the parameters (where n8n's editor puts it), and every other
 * credential selector (`factorialAuthentication` on JumpCloud's Reconcile) that chose the API key.
 */
function withAuthentication(parameters, value) {
	const { authentication: _old, ...rest } = parameters || {};
	for (const key of Object.keys(rest)) {
		if (/Authentication$/.test(key) && rest[key] === 'apiKey') rest[key] = value;
	}
	return { authentication: value, ...rest };
}

/**
 * The OAuth2 variant of a normalized template: every credentialed node on the OAuth2 credential of its
 * service with `authentication: oAuth2`, its own id and name, the Setup note saying so.
 * @param {object} template  the output of normalizeTemplate
 * @param {{packageName: string, version: string, file: string}} ctx
 */
function oauth2Variant(template, ctx) {
	const out = clone(template);
	out.id = `${template.id.slice(0, 12)}OAu2`;
	out.name = `${template.name} (OAuth2)`;
	for (const node of out.nodes) {
		if (node.webhookId) node.webhookId = variantWebhookId(node.webhookId);
		if (!node.credentials) continue;
		const credentials = {};
		for (const type of Object.keys(node.credentials)) {
			const known = CREDENTIAL_KINDS[type];
			if (!known) {
				credentials[type] = node.credentials[type];
				continue;
			}
			const oauth = SERVICES[known.service].oAuth2;
			credentials[oauth] = credentialReference(oauth);
		}
		node.credentials = credentials;
		node.parameters = withAuthentication(node.parameters, 'oAuth2');
	}
	const setup = out.nodes.find((n) => n.name === SETUP_NOTE);
	if (setup) setup.parameters.content = setupText(out, { ...ctx, kind: 'oAuth2' });
	return out;
}

/** How the script writes a template file: tabs, a final newline (the files' existing format). */
function serialize(template) {
	return `${JSON.stringify(template, null, '\t')}\n`;
}

module.exports = {
	SERVICES,
	CREDENTIAL_KINDS,
	SHARED_CREDENTIALS,
	SETUP_NOTE,
	HOW_IT_WORKS,
	credentialReference,
	normalizeTemplate,
	oauth2Variant,
	serialize,
	setupText,
};
