// Jest runs all test files in one process on a 2-core machine, and nock patches Node's core http
// module, which is shared across files. A file that used nock and left it active makes later
// files' real HTTP (emulator tests) hang. After every file, undo nock completely.
afterAll(() => {
	const nock = require('nock') as typeof import('nock');
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
