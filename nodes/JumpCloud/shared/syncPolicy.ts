/**
 * The optional "Factorial JumpCloud Sync Policy" credential (credentials/FactorialJumpCloudSyncPolicyApi):
 * the scope and attribute authority every template applies. Absent on the node, the operations behave
 * exactly as before (no scope, every attribute always written, a blank never clears).
 */
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import type { SyncPolicy } from '../../lib/syncPolicy';
import { readSyncPolicy } from '../../lib/syncPolicy';

export const SYNC_POLICY_CREDENTIAL = 'factorialJumpCloudSyncPolicyApi';

/** The policy of this node, or undefined when the node has no policy credential (today's behaviour). */
export async function readNodePolicy(
	ctx: IExecuteFunctions,
	itemIndex = 0,
): Promise<SyncPolicy | undefined> {
	if (!ctx.getNode().credentials?.[SYNC_POLICY_CREDENTIAL]) return undefined;
	const data = await ctx.getCredentials(SYNC_POLICY_CREDENTIAL, itemIndex);
	return readSyncPolicy(data as Record<string, unknown>);
}

/** The credential's Test button: nothing to call, so it says what the policy does. */
export async function syncPolicyTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const policy = readSyncPolicy((credential.data ?? {}) as Record<string, unknown>);
	const conditions = Object.entries(policy.scope).filter(
		([, v]) => typeof v === 'object' && (v.include.length || v.exclude.length),
	).length;
	const limited = Object.values(policy.authority.authority).filter((a) => a !== 'always').length;
	return {
		status: 'OK',
		message: `Policy read: ${conditions} scope condition(s), ${limited} attribute(s) not always written, ${policy.authority.clearWhenBlank.length} cleared when blank`,
	};
}
