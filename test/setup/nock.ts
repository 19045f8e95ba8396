import { recordNockRequest, takeNockViolations } from '../contracts/nock';

// Every request a nock interceptor answers is checked against the vendor's published contract
// (test/contracts): a request the real API would refuse fails the test that sent it.
{
	const { Scope } = require('nock/lib/scope') as {
		Scope: { prototype: { emit: (event: string, ...args: unknown[]) => boolean } };
	};
	const emit = Scope.prototype.emit;
	Scope.prototype.emit = function (this: unknown, event: string, ...args: unknown[]) {
		if (event === 'request') {
			const [req, , body] = args as [
				{ method?: string; path?: string; headers?: Record<string, unknown> },
				unknown,
				string | undefined,
			];
			recordNockRequest(
				String(req.method ?? 'GET'),
				String(req.path ?? '/'),
				req.headers ?? {},
				body,
			);
		}
		return emit.call(this, event, ...args);
	};
}

afterEach(() => {
	const violations = takeNockViolations();
	if (violations.length) {
		throw new Error(
			`A request the vendor's published contract refuses was sent (test/contracts; call allowContractViolations() in a test that does this on purpose):\n${violations
				.map((v) => `  ${v.method} ${v.path}\n    ${v.violations.join('\n    ')}`)
				.join('\n')}`,
		);
	}
});

// Jest runs all test files in one process on a 2-core machine, and nock patches Node's core http
// module, which is shared across files. A file that used nock and left it active makes later
// files' real HTTP (emulator tests) hang. After every file, undo nock completely.
afterAll(() => {
	const nock = require('nock') as typeof import('nock');
	nock.cleanAll();
	nock.enableNetConnect();
	nock.restore();
});
