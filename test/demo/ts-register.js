'use strict';
/**
 * Lets plain Node require the TypeScript emulators and e2e helpers: each .ts file is transpiled on load
 * with the project's own `typescript` (types are not checked here; `tsc -p tsconfig.test.json` does that).
 * Node 24's built-in type stripping does not resolve extensionless CommonJS requires, hence this hook.
 */
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
	resolveJsonModule: true,
	sourceMap: false,
	inlineSourceMap: true,
};

require.extensions['.ts'] = function compileTs(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
};
