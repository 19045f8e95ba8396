/**
 * The browser check (headless Chromium against a real n8n with the packed package): run by
 * test/browser/run.sh, which installs Chromium when it is missing and packs the package once.
 * One n8n and one browser for the whole file; the CI machine has two cores.
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/test/browser/**/*.browser.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	moduleFileExtensions: ['ts', 'js', 'json'],
	maxWorkers: 1,
	testTimeout: 120000,
	slowTestThreshold: 60,
};
