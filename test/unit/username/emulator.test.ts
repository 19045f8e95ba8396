import type { IDataObject } from 'n8n-workflow';

import { JumpCloudApi } from '../../../credentials/JumpCloudApi.credentials';
import { GenerateUniqueUsername } from '../../../nodes/GenerateUniqueUsername/GenerateUniqueUsername.node';
import { startJumpCloudEmulator, type JumpCloudEmulator } from '../../emulators/jumpcloud';
import { createFakeContext } from '../../helpers/executeFunctions';
import { usernameParams } from '../../helpers/username';

/** Against the JumpCloud emulator over real HTTP: suspended and staged users block their names too. */
describe('GenerateUniqueUsername against the JumpCloud emulator', () => {
	let jc: JumpCloudEmulator;

	beforeAll(async () => {
		jc = await startJumpCloudEmulator({ seed: 'username' });
	});
	afterAll(async () => jc.close());

	it('skips active, suspended and staged holders of the name with one search per item', async () => {
		jc.insertUsers([
			{ username: 'ana.garcia', email: 'ana1@example.com', state: 'SUSPENDED', suspended: true },
			{ username: 'Ana.Garcia1', email: 'ana2@example.com', state: 'STAGED' },
			{ username: 'ana.garcia2', email: 'ana3@example.com', state: 'ACTIVATED', activated: true },
			{
				username: 'ana.garcia.ext',
				email: 'ana4@example.com',
				state: 'ACTIVATED',
				activated: true,
			},
		]);
		jc.resetCounters();
		const itemParams: IDataObject[] = [
			{ firstName: 'Ana', lastName: 'García' },
			{ firstName: 'Ana', lastName: 'Garcia' },
		];
		const ctx = createFakeContext({
			params: usernameParams(),
			itemParams,
			items: itemParams.map(() => ({ json: {} })),
			credentials: {
				jumpCloudApi: { region: 'custom', customUrl: jc.url, apiKey: jc.apiKey, orgId: '' },
			},
			credentialTypes: [new JumpCloudApi()],
		});
		const out = await new GenerateUniqueUsername().execute.call(ctx.asExecute());
		expect(out[0].map((o) => o.json.username)).toEqual(['ana.garcia3', 'ana.garcia4']);
		expect(out[0].map((o) => o.json.collisionsSkipped)).toEqual([3, 4]);
		expect(jc.counters().total).toBe(2);
	});
});
