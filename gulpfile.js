// Post-build checks that `n8n-node build` does not do. `n8n-node build` compiles and copies icons;
// this verifies that what it produced is coherent: every registered node and credential exists in
// dist/, loads, and the icons it references were really copied (a typo in an icon path otherwise only
// shows up as a broken image in the editor).
// It also prunes dist/ of what must not ship (`n8n-node build` copies every *.png/*.svg in the repo,
// e.g. test screenshots, and tsc leaves its build-info file), checks each node's codex file and
// themed icons, and checks templates/*.json against the built node descriptions.
const { series } = require('gulp');
const fs = require('fs');
const path = require('path');
const {
	checkTemplate,
	checkShippedTemplate,
	checkTemplateList,
} = require('./scripts/lib/templateCheck');
const { checkCodex, checkThemedIcon } = require('./scripts/lib/codexCheck');
const { staleFiles } = require('./scripts/templates');

const root = __dirname;
const pkg = require('./package.json');

function loadClass(file) {
	const mod = require(path.join(root, file));
	const Cls = Object.values(mod).find((v) => typeof v === 'function');
	if (!Cls) throw new Error(`${file} exports no class`);
	return new Cls();
}

function iconFiles(icon, baseDir) {
	if (!icon) return [];
	const refs = typeof icon === 'string' ? [icon] : [icon.light, icon.dark];
	return refs.filter(Boolean).map((ref) => path.resolve(baseDir, ref.replace(/^file:/, '')));
}

async function checkRegistered() {
	const problems = [];
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		const full = path.join(root, file);
		if (!fs.existsSync(full)) {
			problems.push(`${file} is registered in package.json but was not built`);
			continue;
		}
		const instance = loadClass(file);
		const description = instance.description ?? instance;
		for (const icon of iconFiles(description.icon, path.dirname(full))) {
			if (!fs.existsSync(icon))
				problems.push(`${file}: icon ${path.relative(root, icon)} is missing from dist/`);
		}
	}
	if (problems.length) throw new Error(`Build check failed:\n- ${problems.join('\n- ')}`);
}

/** What n8n loads from dist/: compiled nodes and credentials, shared icons, tsc's package.json copy. */
const DIST_KEEP = new Set(['nodes', 'credentials', 'icons', 'package.json']);

async function pruneDist() {
	const dist = path.join(root, 'dist');
	if (!fs.existsSync(dist)) return;
	for (const entry of fs.readdirSync(dist)) {
		if (DIST_KEEP.has(entry)) continue;
		fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
		console.log(`build check: removed dist/${entry} (not part of the published package)`);
	}
}

function instanceDescriptions(instance) {
	// A VersionedNodeType keeps one class per version in nodeVersions.
	if (instance.nodeVersions) return Object.values(instance.nodeVersions).map((v) => v.description);
	return [instance.description];
}

function builtNodes() {
	return pkg.n8n.nodes
		.filter((file) => fs.existsSync(path.join(root, file)))
		.map((file) => ({ file, instance: loadClass(file) }));
}

async function checkNodes() {
	const problems = [];
	for (const { file, instance } of builtNodes()) {
		const description = instance.description;
		const full = path.join(root, file);
		const codexFile = full.replace(/\.js$/, '.json');
		const codex = fs.existsSync(codexFile)
			? JSON.parse(fs.readFileSync(codexFile, 'utf8'))
			: undefined;
		const read = (ref) => {
			const icon = path.resolve(path.dirname(full), ref.replace(/^file:/, ''));
			return fs.existsSync(icon) ? fs.readFileSync(icon) : undefined;
		};
		for (const p of [
			...checkCodex(codex, `${pkg.name}.${description.name}`),
			...checkThemedIcon(description.icon, read),
		]) {
			problems.push(`${file}: ${p}`);
		}
	}
	if (problems.length) throw new Error(`Node check failed:\n- ${problems.join('\n- ')}`);
}

async function checkTemplates() {
	const dir = path.join(root, 'templates');
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
	if (files.length === 0) return;
	const nodes = {};
	for (const { instance } of builtNodes()) {
		for (const description of instanceDescriptions(instance)) {
			(nodes[description.name] = nodes[description.name] || []).push(description);
		}
	}
	const credentials = pkg.n8n.credentials
		.filter((file) => fs.existsSync(path.join(root, file)))
		.map((file) => loadClass(file).name);
	const readme = path.join(root, 'README.md');
	const problems = fs.existsSync(readme)
		? checkTemplateList(files, fs.readFileSync(readme, 'utf8'))
		: ['README.md is missing (its templates table documents templates/)'];
	// The credential references, Setup note and OAuth2 variants are generated (scripts/templates.js).
	try {
		for (const file of staleFiles())
			problems.push(`${file} is not what node scripts/templates.js writes (run it)`);
	} catch (error) {
		problems.push(`scripts/templates.js failed: ${error.message}`);
	}
	const oauthDir = path.join(dir, 'oauth2');
	const oauthFiles = fs.existsSync(oauthDir)
		? fs.readdirSync(oauthDir).filter((f) => f.endsWith('.json'))
		: [];
	for (const file of [...files, ...oauthFiles.map((f) => `oauth2/${f}`)]) {
		let template;
		try {
			template = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		} catch (error) {
			problems.push(`templates/${file}: not valid JSON (${error.message})`);
			continue;
		}
		for (const p of [
			...checkTemplate(template, { packageName: pkg.name, nodes, credentials }),
			...checkShippedTemplate(template, { packageName: pkg.name, nodes }),
		]) {
			problems.push(`templates/${file}: ${p}`);
		}
	}
	if (problems.length) throw new Error(`Template check failed:\n- ${problems.join('\n- ')}`);
}

exports.pruneDist = pruneDist;
exports.checkRegistered = checkRegistered;
exports.checkNodes = checkNodes;
exports.checkTemplates = checkTemplates;
exports.default = series(pruneDist, checkRegistered, checkNodes, checkTemplates);
