/**
 * What n8n's `helpers.httpRequestWithAuthentication` throws inside a real n8n when the server drops the
 * connection, captured on 2026-11-27 from the pinned hosts (test/e2e/hosts.json: n8n 1.123.81 with
 * n8n-workflow 1.120.31, n8n 2.15.1 with n8n-workflow 2.15.0) by calling that helper from the installed
 * n8n-core against the emulators with `--fault-rate 1 --fault-kinds reset` (socket destroyed), and against a
 * closed port (refused). Own properties as captured (stack, timestamp and node left out). Both hosts gave
 * the same shape: a NodeApiError with NO `code` and NO `cause` (n8n's error class re-declares `cause` and
 * keeps only a non-Error cause), the socket code only in `httpCode`, the message rewritten for humans.
 *
 * The unit tests' fake context (test/helpers/executeFunctions.ts) used to hand back axios's own error
 * (code ECONNRESET), and the n8n-workflow in this repo's devDependencies keeps the cause: that is why a
 * classifier that read only `code`/`cause` passed every unit test and failed in a real n8n. The fake
 * context now wraps like the hosts do.
 */
export interface CapturedN8nError {
	name: string;
	message: string;
	level: string;
	functionality: string;
	messages: string[];
	httpCode: string | null;
}

export const CAPTURED_N8N_CONNECTION_ERRORS: Record<
	string,
	{ reset: CapturedN8nError; refused: CapturedN8nError }
> = Object.fromEntries(
	['1.123.81', '2.15.1'].map((version) => [
		version,
		{
			reset: {
				name: 'NodeApiError',
				message:
					'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
				level: 'warning',
				functionality: 'regular',
				messages: ['socket hang up', 'socket hang up'],
				httpCode: 'ECONNRESET',
			},
			refused: {
				name: 'NodeApiError',
				message: 'The service refused the connection - perhaps it is offline',
				level: 'warning',
				functionality: 'regular',
				messages: ['connect ECONNREFUSED 127.0.0.1:37637', 'connect ECONNREFUSED 127.0.0.1:37637'],
				httpCode: 'ECONNREFUSED',
			},
		},
	]),
);

/** An Error carrying exactly the captured own properties (no `code`, no `cause`). */
export function asThrownByN8n(captured: CapturedN8nError): Error {
	const error = Object.assign(new Error(captured.message), captured, { context: {}, tags: {} });
	if ('code' in error || 'cause' in error)
		throw new Error('the captured shape has no code or cause');
	return error;
}
