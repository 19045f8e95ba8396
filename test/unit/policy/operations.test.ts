// Issue 25: the JumpCloud node's operations read the optional Sync Policy credential.
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { JUMPCLOUD_BASE as BASE, FAKE_KEY_VALUE, byId, runNode, user } from '../contexts';
import { runReconcile } from '../../helpers/reconcile';
import { U1 } from '../../helpers/jumpcloudIds';
import { JumpCloud } from '../../../nodes/JumpCloud/JumpCloud.node';
import { FactorialJumpCloudSyncPolicyApi } from '../../../credentials/FactorialJumpCloudSyncPolicyApi.credentials';

afterEach(() => nock.cleanAll());

const POLICY = 'factorialJumpCloudSyncPolicyApi';
const jumpCloudApi = { region: 'custom', customUrl: BASE, apiKey: FAKE_KEY_VALUE, orgId: '' };

/** The context options of a node that has the policy credential set to `data`. */
function withPolicy(data: ICredentialDataDecryptedObject) {
	return {
		node: { credentials: { [POLICY]: { id: 'p1', name: 'Sync policy' } } },
		credentials: { jumpCloudApi, [POLICY]: data },
	};
}

const employee = {
	id: 42,
	first_name: 'Ana',
	last_name: 'García',
	full_name: 'Ana García',
	work_email: 'ana.new@example.com',
	job_title: '',
	team_names: ['Sales'],
	manager_id: null,
	legal_entity_id: 15,
	location_id: 3,
	active: true,
};
const mapping = { mapFrom: 'factorialEmployee', employee, mapManager: false };

function readThenWrite(current: IDataObject): { body?: IDataObject } {
	const sent: { body?: IDataObject } = {};
	nock(BASE)
		.get(`/api/systemusers/${U1}`)
		.reply(200, current)
		.put(`/api/systemusers/${U1}`, (b) => {
			sent.body = b;
			return true;
		})
		.reply(200, (_u, b) => ({ ...current, ...(b as IDataObject) }));
	return sent;
}

describe('the credential', () => {
	it('is an optional credential of the operations that read it, tested without a request', async () => {
		const entry = new JumpCloud().description.credentials?.find((c) => c.name === POLICY);
		expect(entry).toMatchObject({ required: false, testedBy: 'syncPolicyTest' });
		expect(new FactorialJumpCloudSyncPolicyApi().name).toBe(POLICY);
		const test = new JumpCloud().methods.credentialTest.syncPolicyTest;
		await expect(
			test.call({} as never, {
				id: 'p1',
				name: 'Sync policy',
				type: POLICY,
				data: { includeTeams: 'Sales', jobTitleAuthority: 'never' },
			}),
		).resolves.toMatchObject({ status: 'OK', message: expect.stringContaining('1 scope') });
	});
});

describe('User → Update with Map From a Factorial Employee Item', () => {
	const current = user({
		employeeIdentifier: '42',
		email: 'ana.it@example.com',
		firstname: 'Ana',
		lastname: 'García',
		displayname: 'Ana García',
		jobTitle: 'Lead',
		department: 'Sales',
	});
	const params = { resource: 'user', operation: 'update', user: byId(U1), ...mapping };

	it('an email with authority "only at creation" is not rewritten and a blank job title is cleared when chosen; without the policy both are as before', async () => {
		const put = readThenWrite(current);
		const { json } = await runNode(
			params,
			withPolicy({ emailAuthority: 'onCreate', clearWhenBlank: ['jobTitle'] }),
		);
		expect(put.body).toEqual({ jobTitle: '' });
		expect(json[0]).toMatchObject({ updated: true, changedFields: ['jobTitle'] });

		const before = readThenWrite(current);
		await runNode(params);
		expect(before.body).toEqual({ email: 'ana.new@example.com' });
	});
});

describe('User → Create or Update with Map From a Factorial Employee Item', () => {
	const params = {
		resource: 'user',
		operation: 'upsert',
		...mapping,
		username: 'ana.garcia',
		state: 'STAGED',
		onUsernameConflict: 'fail',
		additionalFields: {},
		options: {},
	};
	const noMatches = () =>
		nock(BASE)
			.post('/api/search/systemusers')
			.query(true)
			.times(5)
			.reply(200, { totalCount: 0, results: [] });

	it('an employee outside the scope is never created', async () => {
		noMatches();
		const { json, ctx } = await runNode(params, {
			...withPolicy({ includeLegalEntities: '12' }),
			continueOnFail: true,
		});
		expect(json[0].error).toMatch(
			/outside the sync scope, so no JumpCloud user is created: legal entity "15" is not in the sync scope/,
		);
		expect(
			ctx.requests.filter((r) => r.method === 'POST' && /\/api\/systemusers$/.test(r.url)),
		).toEqual([]);
	});

	it('a create leaves out the "never" attributes', async () => {
		noMatches();
		let posted: IDataObject | undefined;
		nock(BASE)
			.post('/api/systemusers', (b) => {
				posted = b;
				return true;
			})
			.reply(200, (_u, b) => ({ ...user(), ...(b as IDataObject), _id: 'new1' }));
		await runNode(params, withPolicy({ includeLegalEntities: '15', departmentAuthority: 'never' }));
		expect(posted).toMatchObject({ email: 'ana.new@example.com', firstname: 'Ana' });
		expect(posted).not.toHaveProperty('department');
	});
});

describe('Directory Sync → Check Sync Scope', () => {
	const params = { resource: 'directorySync', operation: 'checkScope', scopeEmployee: employee };

	it('marks the item out of scope with the reason and the chosen action, without a request', async () => {
		const { json, ctx, out } = await runNode(
			params,
			withPolicy({ includeLegalEntities: '12', outOfScope: 'suspend' }),
		);
		expect(json[0]).toMatchObject({
			id: 42,
			inScope: false,
			scopeReason: 'legal entity "15" is not in the sync scope ("12")',
			outOfScopeAction: 'suspend',
		});
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(ctx.requests).toHaveLength(0);
	});

	it('without a policy every employee is in scope', async () => {
		const { json } = await runNode(params);
		expect(json[0]).toMatchObject({ inScope: true, scopeReason: null });
	});
});

describe('Directory Sync → Reconcile', () => {
	it('plans no create for an out-of-scope employee, and says why', async () => {
		nock(BASE).get('/api/systemusers').query(true).reply(200, { totalCount: 0, results: [] });
		const out = await runReconcile({
			items: [{ json: { ...employee, email: employee.work_email } }],
			params: { dryRun: true },
			...withPolicy({ includeLegalEntities: '12' }),
		});
		const json = out.map((o) => o.json);
		expect(json.filter((j) => j.action === 'create')).toEqual([]);
		expect(JSON.stringify(json)).toContain(
			'outside the sync scope: legal entity \\"15\\" is not in the sync scope (\\"12\\"); no JumpCloud user is created',
		);
	});
});
