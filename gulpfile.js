// Post-build checks that `n8n-node build` does not do. `n8n-node build` compiles and copies icons;
// this verifies that what it produced is coherent: every registered node and credential exists in
// dist/, loads, and the icons it references were really copied (a typo in an icon path otherwise only
// shows up as a broken image in the editor).
const { series } = require('gulp');
const fs = require('fs');
const path = require('path');

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
			if (!fs.existsSync(icon)) problems.push(`${file}: icon ${path.relative(root, icon)} is missing from dist/`);
		}
	}
	if (problems.length) throw new Error(`Build check failed:\n- ${problems.join('\n- ')}`);
}

exports.checkRegistered = checkRegistered;
exports.default = series(checkRegistered);
