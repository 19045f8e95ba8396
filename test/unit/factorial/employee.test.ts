import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';

import { Factorial } from '../../../nodes/Factorial/Factorial.node';
import { FACTORIAL_BASE as BASE, ROOT, page, rl, runFactorial } from '../contexts';

const rawEmployee = {
	id: 7,
	first_name: 'Ana',
	last_name: 'Blanco',
	full_name: 'Ana Blanco',
	email: 'ana@company.test',
	personal_email: 'ana.home@private.test',
	login_email: 'ana@company.test',
	company_identifier: 'E-7',
	active: true,
	terminated_on: null,
	manager_id: 1,
	location_id: 2,
	legal_entity_id: 3,
	birthday_on: '1990-06-06',
};

describe('Factorial node: Employee', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('Create posts create_with_contract with the company ID fetched once for all items', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/api_public/credentials`)
			.once()
			.reply(200, { data: [{ id: 'api_key_1', company_id: 55 }] })
			.post(`${ROOT}/employees/employees/create_with_contract`, {
				first_name: 'Ana',
				last_name: 'Blanco',
				email: 'ana@company.test',
				company_id: '55',
				contract_starts_on: '2026-12-01',
				address_line1: 'Calle 1',
				team_id: '9',
			})
			.reply(200, { ...rawEmployee, company_id: 55 })
			.post(
				`${ROOT}/employees/employees/create_with_contract`,
				(body) => body.email === 'bo@company.test',
			)
			.reply(200, { ...rawEmployee, id: 8, email: 'bo@company.test' });
		const { output } = await runFactorial(
			{
				resource: 'employee',
				operation: 'create',
				firstName: ' Ana ',
				lastName: 'Blanco',
				email: 'ana@company.test',
				additionalFields: {
					contract_starts_on: '2026-12-01T00:00:00.000+01:00',
					address_line1: 'Calle 1',
					team_id: '9',
					city: '',
				},
			},
			{
				items: [{ json: {} }, { json: {} }],
				itemParams: [{}, { email: 'bo@company.test', additionalFields: {} }],
			},
		);
		expect(scope.isDone()).toBe(true);
		expect(output.map((item) => [item.json.id, item.json.company_id, item.pairedItem])).toEqual([
			['7', '55', { item: 0 }],
			['8', undefined, { item: 1 }],
		]);
	});

	it('Create rejects an invalid work email before any request, naming item and field', async () => {
		const error = await runFactorial({
			resource: 'employee',
			operation: 'create',
			firstName: 'A',
			lastName: 'B',
			email: 'not-an-email',
			additionalFields: {},
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe("'Work Email' is not a valid email address [item 0]");
	});

	it('honours continueOnFail with a paired error item and goes on with the next item', async () => {
		nock(BASE)
			.get(`${ROOT}/employees/employees/8`)
			.reply(200, { ...rawEmployee, id: 8 });
		const { output, ctx } = await runFactorial(
			{ resource: 'employee', operation: 'get', employee: rl('') },
			{
				continueOnFail: true,
				items: [{ json: {} }, { json: {} }],
				itemParams: [{}, { employee: rl('8') }],
			},
		);
		expect(output[0]).toEqual({
			// `{ error }` only, so n8n can route the item to the error output (see test/unit/shared/router.test.ts).
			json: { error: "'Employee' is empty [item 0]" },
			pairedItem: { item: 0 },
		});
		expect(output[1].json.id).toBe('8');
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(ctx.requests).toHaveLength(1);
	});

	it('Get simplifies by default, with work_email taken from email (never personal_email)', async () => {
		nock(BASE).get(`${ROOT}/employees/employees/7`).reply(200, rawEmployee);
		const { output } = await runFactorial({
			resource: 'employee',
			operation: 'get',
			employee: rl('7'),
		});
		expect(output).toEqual([
			{
				json: {
					id: '7',
					first_name: 'Ana',
					last_name: 'Blanco',
					full_name: 'Ana Blanco',
					work_email: 'ana@company.test',
					company_identifier: 'E-7',
					active: true,
					terminated_on: null,
					termination_reason_type: null,
					manager_id: '1',
					location_id: '2',
					// Kept for the sync scope (issue 25).
					legal_entity_id: '3',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Get with Include Contract and Teams lists contracts, teams and memberships once for all items', async () => {
		const lists = nock(BASE)
			.get(`${ROOT}/employees/employees/7`)
			.reply(200, rawEmployee)
			.get(`${ROOT}/employees/employees/8`)
			.reply(200, { ...rawEmployee, id: 8 })
			.get(`${ROOT}/contracts/contract_versions`)
			.query({ limit: '100' })
			.once()
			.reply(
				200,
				page([
					{
						id: 1,
						employee_id: 7,
						effective_on: '2020-01-01',
						starts_on: '2020-01-01',
						job_title: 'Junior',
					},
					{
						id: 2,
						employee_id: 7,
						effective_on: '2023-05-01',
						starts_on: '2020-01-01',
						job_title: 'Senior',
					},
					{
						id: 3,
						employee_id: 7,
						effective_on: '2999-01-01',
						starts_on: '2020-01-01',
						job_title: 'Future',
					},
				]),
			)
			.get(`${ROOT}/teams/teams`)
			.query({ limit: '100' })
			.once()
			.reply(
				200,
				page([
					{ id: 4, name: 'Ops', employee_ids: [7] },
					{ id: 5, name: 'Dev', employee_ids: [] },
				]),
			)
			.get(`${ROOT}/teams/memberships`)
			.query({ limit: '100' })
			.once()
			.reply(200, page([{ id: 10, team_id: 5, employee_id: 8, lead: false }]));
		const { output } = await runFactorial(
			{
				resource: 'employee',
				operation: 'get',
				employee: rl('7'),
				simplify: false,
				options: { includeContractAndTeams: true },
			},
			{ items: [{ json: {} }, { json: {} }], itemParams: [{}, { employee: rl('8') }] },
		);
		expect(lists.isDone()).toBe(true);
		expect(output[0].json).toMatchObject({
			id: '7',
			job_title: 'Senior',
			start_date: '2020-01-01',
			team_ids: ['4'],
			team_names: ['Ops'],
		});
		expect(output[0].json.personal_email).toBe('ana.home@private.test');
		expect(output[1].json).toMatchObject({
			id: '8',
			job_title: null,
			start_date: null,
			team_ids: ['5'],
			team_names: ['Dev'],
		});
	});

	it('Get Many maps every filter to Factorial query parameters and honours Limit', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/employees/employees`)
			.query({
				limit: '100',
				'emails[]': ['a@x.test', 'b@x.test'],
				'ids[]': ['1', '2'],
				'team_ids[]': '3',
				'location_ids[]': '4',
				'legal_entity_ids[]': '5',
				only_active: 'true',
				only_managers: 'true',
				updated_at_gteq: '2026-11-01',
				name_starts_with: 'An',
				company_identifier: 'E-7',
			})
			.reply(200, page([rawEmployee, { ...rawEmployee, id: 9 }], 'Mg=='));
		const { output } = await runFactorial({
			resource: 'employee',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			simplify: true,
			filters: {
				emails: 'a@x.test, b@x.test',
				ids: '1,2',
				teamIds: '3',
				locationIds: '4',
				legalEntityIds: '5',
				onlyActive: true,
				onlyManagers: true,
				updatedSince: '2026-11-01T10:00:00',
				nameStartsWith: 'An',
				companyIdentifier: 'E-7',
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toHaveLength(1);
		expect(output[0].json.work_email).toBe('ana@company.test');
	});

	it('Get Many omits false flags (they have no effect in Factorial) and rejects a bad email filter', async () => {
		nock(BASE).get(`${ROOT}/employees/employees`).query({ limit: '100' }).reply(200, page([]));
		const { output } = await runFactorial({
			resource: 'employee',
			operation: 'getAll',
			returnAll: true,
			filters: { onlyActive: false, onlyManagers: false },
		});
		expect(output).toEqual([]);
		await expect(
			runFactorial({
				resource: 'employee',
				operation: 'getAll',
				returnAll: true,
				filters: { emails: 'nope' },
			}),
		).rejects.toThrow("'Filters > Emails' is not a valid email address [item 0]");
	});

	it('Update sends PUT with the id in the body and only the given fields', async () => {
		const scope = nock(BASE)
			.put(`${ROOT}/employees/employees/7`, {
				id: '7',
				first_name: 'Anna',
				birthday_on: '1990-06-07',
				personal_email: 'p@home.test',
			})
			.reply(200, { ...rawEmployee, first_name: 'Anna' });
		const { output } = await runFactorial({
			resource: 'employee',
			operation: 'update',
			employee: rl('7'),
			updateFields: {
				first_name: 'Anna',
				birthday_on: '1990-06-07T00:00:00',
				personal_email: 'p@home.test',
				city: '',
			},
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json.first_name).toBe('Anna');
		await expect(
			runFactorial({
				resource: 'employee',
				operation: 'update',
				employee: rl('7'),
				updateFields: {},
			}),
		).rejects.toThrow("No fields to update: 'Update Fields' is empty [item 0]");
	});

	it('Terminate posts the date and reason', async () => {
		const scope = nock(BASE)
			.post(`${ROOT}/employees/employees/terminate`, {
				id: '7',
				terminated_on: '2026-12-31',
				termination_reason: 'Moved abroad',
			})
			.reply(200, { ...rawEmployee, terminated_on: '2026-12-31' });
		const { output } = await runFactorial({
			resource: 'employee',
			operation: 'terminate',
			employee: rl('7'),
			terminatedOn: '2026-12-31T00:00:00.000Z',
			additionalFields: { termination_reason: 'Moved abroad' },
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json.terminated_on).toBe('2026-12-31');
		await expect(
			runFactorial({
				resource: 'employee',
				operation: 'terminate',
				employee: rl('7'),
				terminatedOn: 'soon',
			}),
		).rejects.toThrow("'Termination Date' is not a date [item 0]");
	});

	it('Terminate labels termination_assigned_manager_id as the terminating manager (the model), under the same parameter name', () => {
		const { description } = new Factorial();
		const additional = description.properties.find(
			(p) =>
				p.name === 'additionalFields' &&
				(p.displayOptions?.show?.operation as string[] | undefined)?.includes('terminate'),
		);
		const field = (
			additional?.options as Array<{ name: string; displayName: string; description?: string }>
		).find((o) => o.name === 'termination_assigned_manager_id');
		expect(field).toBeDefined();
		expect(field?.displayName).toBe('Terminating Manager ID');
		expect(field?.description).toMatch(/manager who terminates the employee/);
		expect(`${field?.displayName} ${field?.description}`).not.toMatch(
			/reassign reports to|takes over/i,
		);
	});

	it("Simplify's work_email follows the credential's Work Email Field (login_email when chosen, email by default)", async () => {
		const differing = {
			...rawEmployee,
			email: 'ana.previous@acme.test',
			login_email: 'ana@acme.test',
		};
		nock(BASE).get(`${ROOT}/employees/employees/7`).times(2).reply(200, differing);
		const chosen = await runFactorial(
			{ resource: 'employee', operation: 'get', employee: rl('7'), simplify: true },
			{
				credentials: {
					factorialApi: {
						apiKey: 'k',
						environment: 'custom',
						customUrl: BASE,
						apiVersion: '2026-10-01',
						workEmailField: 'login_email',
					},
				},
			},
		);
		expect(chosen.output[0].json.work_email).toBe('ana@acme.test');
		const byDefault = await runFactorial({
			resource: 'employee',
			operation: 'get',
			employee: rl('7'),
			simplify: true,
		});
		expect(byDefault.output[0].json.work_email).toBe('ana.previous@acme.test');
	});

	it('Unterminate posts the id', async () => {
		const scope = nock(BASE)
			.post(`${ROOT}/employees/employees/unterminate`, { id: '7' })
			.reply(200, rawEmployee);
		await runFactorial({ resource: 'employee', operation: 'unterminate', employee: rl('7') });
		expect(scope.isDone()).toBe(true);
	});

	it('Invite posts the id with the company ID', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/api_public/credentials`)
			.reply(200, { data: [{ company_id: '55' }] })
			.post(`${ROOT}/employees/employees/invite`, { id: '7', company_id: '55' })
			.reply(200, rawEmployee);
		await runFactorial({ resource: 'employee', operation: 'invite', employee: rl('7') });
		expect(scope.isDone()).toBe(true);
	});
});
