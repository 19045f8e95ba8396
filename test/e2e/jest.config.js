/**
 * The real-n8n end-to-end suite (no nock): run by test/e2e/run.sh once per pinned host version, which
 * passes FJ_N8N_VERSION, FJ_N8N_DIR and FJ_PACKAGE_TGZ. Files run one at a time: each starts n8n, and the
 * CI machine has two cores.
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/test/e2e/**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	moduleFileExtensions: ['ts', 'js', 'json'],
	maxWorkers: 1,
	testTimeout: 240000,
	slowTestThreshold: 60,
};
