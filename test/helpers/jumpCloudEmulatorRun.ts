/**
 * Runs the JumpCloud node once, the way n8n would, with an API-key credential pointing at a JumpCloud
 * emulator (test/emulators/jumpcloud), and returns its first item. The emulator tests share it.
 */
import type { IDataObject } from 'n8n-workflow';

import { JumpCloudApi } from '../../credentials/JumpCloudApi.credentials';
import { JumpCloud } from '../../nodes/JumpCloud/JumpCloud.node';
import { createFakeContext } from './executeFunctions';

export async function runJumpCloudOn(
	emulator: { url: string; apiKey: string },
	params: IDataObject,
): Promise<IDataObject> {
	const ctx = createFakeContext({
		params,
		credentials: {
			jumpCloudApi: {
				region: 'custom',
				customUrl: emulator.url,
				apiKey: emulator.apiKey,
				orgId: '',
			},
		},
		credentialTypes: [new JumpCloudApi()],
	});
	const [out] = await new JumpCloud().execute.call(ctx.asExecute());
	return out[0].json;
}
