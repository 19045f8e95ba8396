#!/usr/bin/env node
// Rewrites templates/*.json (credential references with a null id and the name, the How it works
// heading, the generated Setup note with the package version) and generates templates/oauth2/*.json,
// the same templates on the OAuth2 credentials. Run after editing a template or bumping the version:
//   node scripts/templates.js           write
//   node scripts/templates.js --check   exit 1 when a file differs from what would be written
// The rules are in scripts/lib/templateVariants.js; the build (gulpfile.js) runs the same check.
const fs = require('fs');
const path = require('path');
const { normalizeTemplate, oauth2Variant, serialize } = require('./lib/templateVariants');

const root = path.join(__dirname, '..');
const dir = path.join(root, 'templates');
const oauthDir = path.join(dir, 'oauth2');

/** Every file the script owns, with the text it should hold. */
function expectedFiles() {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const files = new Map();
	for (const file of fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		const ctx = { packageName: pkg.name, version: pkg.version, file };
		const source = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		const shipped = normalizeTemplate(source, ctx);
		files.set(path.join(dir, file), serialize(shipped));
		files.set(path.join(oauthDir, file), serialize(oauth2Variant(shipped, ctx)));
	}
	return files;
}

/** Files that differ from what the script writes, and generated files without a source. */
function staleFiles() {
	const expected = expectedFiles();
	const stale = [];
	for (const [file, text] of expected) {
		if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text)
			stale.push(path.relative(root, file));
	}
	if (fs.existsSync(oauthDir)) {
		for (const file of fs.readdirSync(oauthDir)) {
			if (!expected.has(path.join(oauthDir, file)))
				stale.push(`${path.relative(root, path.join(oauthDir, file))} (no templates/${file})`);
		}
	}
	return stale;
}

function write() {
	fs.mkdirSync(oauthDir, { recursive: true });
	const expected = expectedFiles();
	for (const file of fs.readdirSync(oauthDir)) {
		if (!expected.has(path.join(oauthDir, file))) fs.rmSync(path.join(oauthDir, file));
	}
	for (const [file, text] of expected) {
		if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
			fs.writeFileSync(file, text);
			console.log(`templates: wrote ${path.relative(root, file)}`);
		}
	}
}

if (require.main === module) {
	if (process.argv.includes('--check')) {
		const stale = staleFiles();
		if (stale.length) {
			console.error(
				`templates: out of date (run node scripts/templates.js):\n- ${stale.join('\n- ')}`,
			);
			process.exit(1);
		}
	} else write();
}

module.exports = { staleFiles };
