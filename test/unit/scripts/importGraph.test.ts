import { checkImportGraph, specifiersOf } from '../../../scripts/lib/importGraph';

// Small trees in the shape of nodes/: only the import lines matter.
const clean: Record<string, string> = {
	'nodes/lib/policy.ts': "import { escapeRegex } from './regex';\n",
	'nodes/lib/regex.ts': 'export const escapeRegex = (s: string) => s;\n',
	'nodes/shared/http.ts':
		"import { sleep } from 'n8n-workflow';\nimport { retryRequest } from '../lib/http';\n",
	'nodes/JumpCloud/mapping.ts': "import { numberedCandidate } from '../lib/policy';\n",
	'nodes/JumpCloud/transport.ts': "import { sendWithRetry } from '../shared/http';\n",
	'nodes/GenerateUniqueUsername/GenerateUniqueUsername.node.ts':
		"import type { INodeType } from 'n8n-workflow';\nimport { findSystemUsers } from '../JumpCloud/transport';\nimport { generate } from '../lib/policy';\n",
};

describe('checkImportGraph', () => {
	it('accepts node folders that import lib and shared, and a lib that imports only itself', () => {
		expect(checkImportGraph(clean)).toEqual([]);
	});

	it('finds the cycle of the old layout: the username node imports JumpCloud, JumpCloud imports the policy from the username node', () => {
		const old = {
			...clean,
			'nodes/GenerateUniqueUsername/policy.ts': "import { escapeRegex } from '../shared/regex';\n",
			'nodes/JumpCloud/mapping.ts':
				"import { numberedCandidate } from '../GenerateUniqueUsername/policy';\n",
		};
		const problems = checkImportGraph(old);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain(
			'import cycle between node folders GenerateUniqueUsername -> JumpCloud -> GenerateUniqueUsername',
		);
		expect(problems[0]).toContain(
			"nodes/JumpCloud/mapping.ts:1 imports '../GenerateUniqueUsername/policy'",
		);
	});

	it('finds a cycle through three folders', () => {
		const problems = checkImportGraph({
			...clean,
			'nodes/shared/employeeMapping.ts':
				"import { WORK_EMAIL_FIELD } from '../Factorial/employee';\n",
			'nodes/Factorial/employee.ts': "import { isValidEmail } from '../JumpCloud/mapping';\n",
		});
		expect(problems).toEqual([
			expect.stringContaining('Factorial -> JumpCloud -> shared -> Factorial'),
		]);
	});

	it('refuses a lib file that imports n8n or a node folder, naming file and line', () => {
		const problems = checkImportGraph({
			...clean,
			'nodes/lib/http.ts':
				"// uses nothing of n8n\nimport { sleep } from 'n8n-workflow';\nimport type { X } from '@n8n/di';\n",
			'nodes/lib/plan.ts': "\nimport { findSystemUsers } from '../JumpCloud/transport';\n",
			'nodes/lib/mapping.ts': "import { describe } from '../shared/descriptions';\n",
		});
		// A lib file importing a node folder that imports lib is also a cycle, reported after the rule.
		expect(problems).toHaveLength(5);
		expect(problems[4]).toContain(
			'import cycle between node folders JumpCloud -> lib -> JumpCloud',
		);
		expect(problems.slice(0, 4)).toEqual([
			"nodes/lib/http.ts:2 imports 'n8n-workflow': nodes/lib is pure domain code and must not use n8n packages",
			"nodes/lib/http.ts:3 imports '@n8n/di': nodes/lib is pure domain code and must not use n8n packages",
			"nodes/lib/mapping.ts:1 imports '../shared/descriptions': nodes/lib must import nothing outside nodes/lib (node folders import lib, never the reverse)",
			"nodes/lib/plan.ts:2 imports '../JumpCloud/transport': nodes/lib must import nothing outside nodes/lib (node folders import lib, never the reverse)",
		]);
	});

	it('reads every import form and ignores imports inside comments', () => {
		const source = [
			'/* import { a } from "../JumpCloud/a"; */',
			"// import { b } from '../JumpCloud/b';",
			"import type { C } from '../lib/c';",
			"export { d } from './d';",
			"import './side-effect';",
			"const e = require('../lib/e');",
			"const f = await import('../lib/f');",
		].join('\n');
		expect(specifiersOf(source)).toEqual([
			{ specifier: '../lib/c', line: 3 },
			{ specifier: './d', line: 4 },
			{ specifier: './side-effect', line: 5 },
			{ specifier: '../lib/e', line: 6 },
			{ specifier: '../lib/f', line: 7 },
		]);
	});
});
