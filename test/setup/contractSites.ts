// Wraps the request helpers so test/contracts/sites.ts (drivesSite) knows which call site made each
// request: the stack is read when the helper is entered, while the caller is still on it.
import { resolve } from 'node:path';

function wrapped(modulePath: string, service: 'factorial' | 'jumpcloud', names: string[]) {
	const actual = jest.requireActual<Record<string, unknown>>(modulePath);
	const { noteRequestCall } =
		jest.requireActual<typeof import('../contracts/sites')>('../contracts/sites');
	const out: Record<string, unknown> = { ...actual };
	for (const name of names) {
		const fn = actual[name] as (this: unknown, ...args: unknown[]) => unknown;
		out[name] = function (this: unknown, ...args: unknown[]) {
			const [method, path] =
				name === 'findSystemUsers' ? ['POST', '/search/systemusers'] : (args as string[]);
			noteRequestCall(service, String(method), String(path), new Error().stack);
			return fn.apply(this, args);
		};
	}
	return out;
}

const nodes = resolve(__dirname, '..', '..', 'nodes');
jest.doMock(resolve(nodes, 'JumpCloud', 'transport'), () =>
	wrapped(resolve(nodes, 'JumpCloud', 'transport'), 'jumpcloud', [
		'jumpCloudApiRequest',
		'jumpCloudApiRequestAllItems',
		'findSystemUsers',
	]),
);
jest.doMock(resolve(nodes, 'Factorial', 'transport'), () =>
	wrapped(resolve(nodes, 'Factorial', 'transport'), 'factorial', [
		'factorialApiRequest',
		'factorialApiRequestAllItems',
	]),
);
