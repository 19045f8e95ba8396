// Tests, emulators, the e2e harness and benchmarks are not node code: they never ship (package.json
// "files" is dist/ only) and n8n's verification never scans them, but they legitimately use fs,
// process, child_process, timers and node:http, which the community-node rules forbid. ESLint uses
// this file for everything under test/ because our lint runs with config lookup from the file's
// folder (ESLINT_FLAGS=v10_config_lookup_from_file, set by `npm run lint` and scripts/run).
import { createRequire } from 'node:module';

// typescript-eslint and the community plugin come with @n8n/node-cli (not hoisted).
const require = createRequire(import.meta.resolve('@n8n/node-cli/eslint'));
const tseslint = require('typescript-eslint');
const { n8nCommunityNodesPlugin } = require('@n8n/eslint-plugin-community-nodes');

export default tseslint.config(
	{ files: ['**/*.ts'], extends: [tseslint.configs.recommended] },
	{
		files: ['**/*.ts'],
		// Registered (rules off) so that a stray disable comment naming one of its rules stays valid.
		plugins: { '@n8n/community-nodes': n8nCommunityNodesPlugin },
		linterOptions: { reportUnusedDisableDirectives: 'off' },
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
);
