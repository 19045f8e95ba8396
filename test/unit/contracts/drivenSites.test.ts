/**
 * Call sites whose request body is built at run time, so `npm run contracts` cannot check it from the
 * source: each test runs the site with a realistic input and drivesSite fails unless its request
 * passed the vendor contract check (nock here; emulator tests drive others). npm run contracts lists
 * a site as "driven by" the test files that name it.
 */
import nock from 'nock';

import { drivesSite } from '../../contracts/sites';
import { FACTORIAL_BASE as BASE, ROOT, rl, runFactorial } from '../contexts';

describe('call sites with run-time bodies pass the contract check', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	describe('Factorial', () => {
		it('Team Create', async () => {
			nock(BASE).post(`${ROOT}/teams/teams`).reply(201, { id: 4, name: 'Ops' });
			await drivesSite('nodes/Factorial/resources/team/create.ts#execute', () =>
				runFactorial({
					resource: 'team',
					operation: 'create',
					name: 'Ops',
					additionalFields: { description: 'Operations' },
				}),
			);
		});

		it('Team Update', async () => {
			nock(BASE).put(`${ROOT}/teams/teams/4`).reply(200, { id: 4, name: 'Operations' });
			await drivesSite('nodes/Factorial/resources/team/update.ts#execute', () =>
				runFactorial({
					resource: 'team',
					operation: 'update',
					team: rl('4'),
					updateFields: { name: 'Operations' },
				}),
			);
		});
	});
});
