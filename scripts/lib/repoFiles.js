// File access for tests: TypeScript tests are linted with the community rules, which forbid fs,
// path and __dirname (they target node code), so tests read repository files through this module.
const fs = require('fs');
const path = require('path');

const repoRoot = path.resolve(__dirname, '../..');

function readRepoFile(rel) {
	return fs.readFileSync(path.join(repoRoot, rel), 'utf8');
}

function repoFileExists(rel) {
	return fs.existsSync(path.join(repoRoot, rel));
}

function listRepoFiles(relDir) {
	const dir = path.join(repoRoot, relDir);
	return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

module.exports = { repoRoot, readRepoFile, repoFileExists, listRepoFiles };
