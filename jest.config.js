/** Unit tests (nock allowed) live in test/unit; the real-n8n suite in test/e2e runs via its own config. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: [
		'**/test/unit/**/*.test.ts',
		'**/test/security/**/*.test.ts',
		'**/test/reliability/**/*.test.ts',
	],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	moduleFileExtensions: ['ts', 'js', 'json'],
	setupFilesAfterEnv: ['<rootDir>/test/setup/nock.ts', '<rootDir>/test/setup/contractSites.ts'],
	testTimeout: 30000,
};
