import nock from 'nock';

import { Factorial } from '../../../nodes/Factorial/Factorial.node';
import {
	FACTORIAL_BASE as BASE,
	ROOT,
	factorialContext,
	page,
	rl,
	runFactorial,
} from '../contexts';

describe('Factorial node: Team, Team Membership, Location, Legal Entity, Contract Version, Custom Field Value', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('Team Create posts name and description', async () => {
		const scope = nock(BASE)
			.post(`${ROOT}/teams/teams`, { name: 'Ops', description: 'Operations' })
			.reply(201, { id: 4, name: 'Ops' });
		const { output } = await runFactorial({
			resource: 'team',
			operation: 'create',
			name: 'Ops',
			additionalFields: { description: 'Operations' },
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([{ json: { id: '4', name: 'Ops' }, pairedItem: { item: 0 } }]);
	});

	it('Team Delete returns deleted: true', async () => {
		nock(BASE).delete(`${ROOT}/teams/teams/4`).reply(200, { id: 4 });
		const { output } = await runFactorial({ resource: 'team', operation: 'delete', team: rl('4') });
		expect(output[0].json).toEqual({ deleted: true, id: '4' });
	});

	it('Team Get, Get Many (IDs filter) and Update', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/teams/teams/4`)
			.reply(200, { id: 4, name: 'Ops', employee_ids: [1] })
			.get(`${ROOT}/teams/teams`)
			.query({ limit: '100', 'ids[]': ['4', '5'] })
			.reply(200, page([{ id: 4 }, { id: 5 }]))
			.put(`${ROOT}/teams/teams/4`, { id: '4', name: 'Operations' })
			.reply(200, { id: 4, name: 'Operations' });
		const get = await runFactorial({ resource: 'team', operation: 'get', team: rl('4') });
		expect(get.output[0].json).toEqual({ id: '4', name: 'Ops', employee_ids: ['1'] });
		const getAll = await runFactorial({
			resource: 'team',
			operation: 'getAll',
			returnAll: true,
			filters: { ids: '4, 5' },
		});
		expect(getAll.output.map((item) => item.json.id)).toEqual(['4', '5']);
		await runFactorial({
			resource: 'team',
			operation: 'update',
			team: rl('4'),
			updateFields: { name: 'Operations' },
		});
		expect(scope.isDone()).toBe(true);
	});

	it('Team Membership Add posts team, employee and lead', async () => {
		const scope = nock(BASE)
			.post(`${ROOT}/teams/memberships`, { team_id: '4', employee_id: '7', lead: true })
			.reply(201, { id: 10, team_id: 4, employee_id: 7, lead: true });
		const { output } = await runFactorial({
			resource: 'teamMembership',
			operation: 'add',
			team: rl('4'),
			employee: rl('7'),
			lead: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json).toEqual({ id: '10', team_id: '4', employee_id: '7', lead: true });
	});

	it('Team Membership Add without Team Lead sends no lead field, so an existing lead is not demoted', async () => {
		let sent: unknown;
		const scope = nock(BASE)
			.post(`${ROOT}/teams/memberships`, (body: unknown) => {
				sent = body;
				return true;
			})
			.reply(201, { id: 11, team_id: 4, employee_id: 7, lead: true });
		await runFactorial({
			resource: 'teamMembership',
			operation: 'add',
			team: rl('4'),
			employee: rl('7'),
		});
		expect(scope.isDone()).toBe(true);
		expect(sent).toEqual({ team_id: '4', employee_id: '7' });
		expect(sent).not.toHaveProperty('lead');
	});

	it('Team Membership Remove finds the membership and deletes it; a non-member is not an error', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/teams/memberships`)
			.query({ limit: '100', 'team_ids[]': '4', 'employee_ids[]': '7' })
			.reply(200, page([{ id: 10, team_id: 4, employee_id: 7 }]))
			.delete(`${ROOT}/teams/memberships/10`)
			.reply(200, { id: 10 });
		const removed = await runFactorial({
			resource: 'teamMembership',
			operation: 'remove',
			team: rl('4'),
			employee: rl('7'),
		});
		expect(scope.isDone()).toBe(true);
		expect(removed.output[0].json).toEqual({
			deleted: true,
			team_id: '4',
			employee_id: '7',
			membership_ids: ['10'],
		});

		nock(BASE).get(`${ROOT}/teams/memberships`).query(true).reply(200, page([]));
		const absent = await runFactorial({
			resource: 'teamMembership',
			operation: 'remove',
			team: rl('4'),
			employee: rl('7'),
		});
		expect(absent.output[0].json).toMatchObject({ deleted: false, membership_ids: [] });
	});

	it('Team Membership Get Many passes team, employee and lead filters', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/teams/memberships`)
			.query({ limit: '100', 'team_ids[]': '4', 'employee_ids[]': ['7', '8'], lead: 'true' })
			.reply(200, page([{ id: 10 }]));
		const { output } = await runFactorial({
			resource: 'teamMembership',
			operation: 'getAll',
			returnAll: true,
			filters: { teamIds: '4', employeeIds: '7,8', lead: true },
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json.id).toBe('10');
	});

	it('Location and Legal Entity Get / Get Many (numeric IDs become strings)', async () => {
		const scope = nock(BASE)
			.get('/api/2026-04-01/resources/locations/locations/2')
			.reply(200, { id: 2, company_id: 1, name: 'HQ' })
			.get('/api/2026-04-01/resources/locations/locations')
			.query({ limit: '100' })
			.reply(200, page([{ id: 2 }, { id: 3 }]))
			.get('/api/2026-04-01/resources/companies/legal_entities/3')
			.reply(200, { id: 3, legal_name: 'ACME SL' })
			.get('/api/2026-04-01/resources/companies/legal_entities')
			.query({ limit: '100' })
			.reply(200, page([{ id: 3 }]));
		const apiVersion = '2026-04-01';
		const location = await runFactorial(
			{ resource: 'location', operation: 'get', location: rl('2') },
			{ apiVersion },
		);
		expect(location.output[0].json).toEqual({ id: '2', company_id: '1', name: 'HQ' });
		const locations = await runFactorial(
			{ resource: 'location', operation: 'getAll', returnAll: false, limit: 1 },
			{ apiVersion },
		);
		expect(locations.output.map((item) => item.json)).toEqual([{ id: '2' }]);
		const entity = await runFactorial(
			{ resource: 'legalEntity', operation: 'get', legalEntity: rl('3') },
			{ apiVersion },
		);
		expect(entity.output[0].json).toEqual({ id: '3', legal_name: 'ACME SL' });
		const entities = await runFactorial(
			{ resource: 'legalEntity', operation: 'getAll', returnAll: true },
			{ apiVersion },
		);
		expect(entities.output).toHaveLength(1);
		expect(scope.isDone()).toBe(true);
	});

	it('Contract Version Get Many passes employee, date and updated-since filters', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/contracts/contract_versions`)
			.query({
				limit: '100',
				'employee_ids[]': '7',
				date: '2026-11-21',
				updated_at_gteq: '2026-01-01',
			})
			.reply(200, page([{ id: 1, employee_id: 7, job_title: 'Engineer' }]));
		const { output } = await runFactorial({
			resource: 'contractVersion',
			operation: 'getAll',
			returnAll: true,
			filters: { employeeIds: '7', date: '2026-11-21T09:00:00', updatedSince: '2026-01-01' },
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json).toEqual({ id: '1', employee_id: '7', job_title: 'Engineer' });
	});

	it('Custom Field Value Get Many passes filters', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/custom_fields/values`)
			.query({ limit: '100', 'employee_ids[]': '7', field_id: '12' })
			.reply(200, page([{ id: 1, field_id: 12, valuable_id: 7, value: 'x' }]));
		const { output } = await runFactorial({
			resource: 'customFieldValue',
			operation: 'getAll',
			returnAll: true,
			filters: { employeeIds: '7', fieldId: '12' },
		});
		expect(scope.isDone()).toBe(true);
		expect(output[0].json).toEqual({ id: '1', field_id: '12', valuable_id: '7', value: 'x' });
	});

	it('Custom Field Value Set updates an existing value, or creates one', async () => {
		const update = nock(BASE)
			.get(`${ROOT}/custom_fields/values`)
			.query({ limit: '100', field_id: '12', 'employee_ids[]': '7' })
			.reply(200, page([{ id: 99, field_id: 12, valuable_id: 7, value: 'old' }]))
			.put(`${ROOT}/custom_fields/values/99`, { id: '99', value: 'new' })
			.reply(200, { id: 99, value: 'new' });
		await runFactorial({
			resource: 'customFieldValue',
			operation: 'set',
			employee: rl('7'),
			fieldId: '12',
			valueType: 'text',
			value: 'new',
		});
		expect(update.isDone()).toBe(true);

		const create = nock(BASE)
			.get(`${ROOT}/custom_fields/values`)
			.query(true)
			.reply(200, page([]))
			// The published create body: field_id, valuable_type, valuable_id and a string value.
			.post(`${ROOT}/custom_fields/values`, {
				field_id: '12',
				valuable_type: 'Employee',
				valuable_id: '7',
				value: '2026-12-01',
			})
			.reply(201, { id: 100 });
		await runFactorial({
			resource: 'customFieldValue',
			operation: 'set',
			employee: rl('7'),
			fieldId: '12',
			valueType: 'date',
			value: '2026-12-01',
		});
		expect(create.isDone()).toBe(true);

		// Money and long text go in `value` as text too; the typed columns are response-only.
		const cents = nock(BASE)
			.get(`${ROOT}/custom_fields/values`)
			.query(true)
			.reply(200, page([{ id: 5, field_id: 12, valuable_id: 7, valuable_type: 'Employee' }]))
			.put(`${ROOT}/custom_fields/values/5`, { id: '5', value: '125000' })
			.reply(200, { id: 5, value: '125000', cents_value: 125000 });
		await runFactorial({
			resource: 'customFieldValue',
			operation: 'set',
			employee: rl('7'),
			fieldId: '12',
			valueType: 'cents',
			value: '125000',
		});
		expect(cents.isDone()).toBe(true);

		await expect(
			runFactorial({
				resource: 'customFieldValue',
				operation: 'set',
				employee: rl('7'),
				fieldId: '12',
				valueType: 'cents',
				value: '12.5',
			}),
		).rejects.toThrow("'Value' is not a whole number of cents [item 0]");
	});
});

describe('Factorial node: list search', () => {
	afterEach(() => nock.cleanAll());
	const search = new Factorial().methods.listSearch;

	it('searches employees on the server and pages with the cursor', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/employees/employees`)
			.query({ limit: '100', full_text_name: 'ana', after_id: 'MQ==' })
			.reply(200, page([{ id: 7, full_name: 'Ana Blanco', email: 'ana@company.test' }], 'Mg=='));
		const result = await search.searchEmployees.call(
			factorialContext().asLoadOptions(),
			'ana',
			'MQ==',
		);
		expect(scope.isDone()).toBe(true);
		expect(result).toEqual({
			results: [{ name: 'Ana Blanco (ana@company.test)', value: '7' }],
			paginationToken: 'Mg==',
		});
	});

	it('filters teams locally and sorts them by name', async () => {
		nock(BASE)
			.get(`${ROOT}/teams/teams`)
			.query({ limit: '100' })
			.reply(
				200,
				page([
					{ id: 2, name: 'Sales' },
					{ id: 1, name: 'Ops Team 10' },
					{ id: 3, name: 'Ops Team 2' },
				]),
			);
		const result = await search.searchTeams.call(factorialContext().asLoadOptions(), 'ops');
		expect(result).toEqual({
			results: [
				{ name: 'Ops Team 2', value: '3' },
				{ name: 'Ops Team 10', value: '1' },
			],
			paginationToken: undefined,
		});
	});

	it('lists locations and legal entities', async () => {
		nock(BASE)
			.get(`${ROOT}/locations/locations`)
			.query(true)
			.reply(200, page([{ id: 2, name: 'HQ' }]))
			.get(`${ROOT}/companies/legal_entities`)
			.query(true)
			.reply(200, page([{ id: 3, legal_name: 'ACME SL' }]));
		const ctx = factorialContext().asLoadOptions();
		expect((await search.searchLocations.call(ctx)).results).toEqual([{ name: 'HQ', value: '2' }]);
		expect((await search.searchLegalEntities.call(ctx)).results).toEqual([
			{ name: 'ACME SL', value: '3' },
		]);
	});
});

describe('Factorial node: Webhook Subscription', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('Get Many lists who receives each event, filtered by event, and never outputs the challenge', async () => {
		const scope = nock(BASE)
			.get(`${ROOT}/api_public/webhook_subscriptions`)
			.query({ limit: '100', type: 'employees/employee/update', enabled: 'true' })
			.reply(
				200,
				page([
					{
						id: 31,
						type: 'employees/employee/update',
						target_url: 'https://payroll.example/hook?event=update',
						challenge: 'secret-challenge-value',
						enabled: true,
						company_id: 1,
					},
				]),
			);
		const { output } = await runFactorial({
			resource: 'webhookSubscription',
			operation: 'getAll',
			returnAll: true,
			filters: { subscriptionType: 'employees/employee/update', enabled: true },
		});
		expect(scope.isDone()).toBe(true);
		expect(output).toEqual([
			{
				json: {
					id: '31',
					type: 'employees/employee/update',
					event: 'employee.updated',
					receiver: 'payroll.example',
					target_url: 'https://payroll.example/hook?event=update',
					hasChallenge: true,
					enabled: true,
					company_id: '1',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(output)).not.toContain('secret-challenge-value');
	});
});
