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

		it('Employee Create, Update and Terminate', async () => {
			const employee = { id: 7, first_name: 'Ana', last_name: 'Blanco', company_id: 55 };
			nock(BASE)
				.get(`${ROOT}/api_public/credentials`)
				.reply(200, { data: [{ id: 'api_key_1', company_id: 55 }] })
				.post(`${ROOT}/employees/employees/create_with_contract`)
				.reply(200, employee)
				.put(`${ROOT}/employees/employees/7`)
				.reply(200, employee)
				.post(`${ROOT}/employees/employees/terminate`)
				.reply(200, { ...employee, terminated_on: '2026-12-31' });
			await drivesSite('nodes/Factorial/resources/employee/create.ts#execute', () =>
				runFactorial({
					resource: 'employee',
					operation: 'create',
					firstName: 'Ana',
					lastName: 'Blanco',
					email: 'ana@company.test',
					additionalFields: {
						contract_starts_on: '2026-12-01T00:00:00.000+01:00',
						address_line1: 'Calle 1',
						team_id: '9',
					},
				}),
			);
			await drivesSite('nodes/Factorial/resources/employee/update.ts#execute', () =>
				runFactorial({
					resource: 'employee',
					operation: 'update',
					employee: rl('7'),
					updateFields: { first_name: 'Anna', birthday_on: '1990-06-07T00:00:00' },
				}),
			);
			await drivesSite('nodes/Factorial/resources/employee/terminate.ts#execute', () =>
				runFactorial({
					resource: 'employee',
					operation: 'terminate',
					employee: rl('7'),
					terminatedOn: '2026-12-31T00:00:00.000Z',
					additionalFields: { termination_reason: 'Moved abroad' },
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
