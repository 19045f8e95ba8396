/**
 * The sync policy (issue 25) with the shipped Joiner and Mover templates under a real `n8n start`: one
 * "Sync policy" credential, imported by name like the API credentials, scopes the sync to one legal entity and
 * makes the email "only at creation". A hire of another legal entity creates nothing (the audit record says
 * why); an email HR changes after the hire stays as it was created, while an Always attribute follows.
 */
import type { SystemUser } from '../emulators';
import { auditItemsOf } from './lib/audit';
import { hostFromEnv, packageTarballFromEnv } from './lib/host';
import { credentialsFor, loadTemplate, startEmulators, type Emulators } from './lib/fixtures';
import { N8n, waitFor } from './lib/n8n';
import { join } from 'node:path';

const host = hostFromEnv();
const JOINER_ID = 'fjTplJoiner00001';
const MOVER_ID = 'fjTplMover000001';

describe(`n8n ${host.version}: the Sync policy credential with the shipped Joiner and Mover`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	let inScope = '';
	let outOfScope = '';

	const factorial = () => emulators.factorial;
	const jumpCloud = () => emulators.jumpCloud;
	const userOf = (employeeId: string): SystemUser | undefined =>
		jumpCloud().findUser({ employeeIdentifier: employeeId });
	/** The first finished run of `workflowId` after the first `before` ones. */
	const runAfter = async (workflowId: string, before: number, what: string) =>
		await waitFor(
			() =>
				n8n
					.executions(workflowId)
					.slice(before)
					.find((e) => e.status !== 'running' && e.status !== 'new'),
			what,
			90_000,
		);

	beforeAll(async () => {
		emulators = await startEmulators({
			employees: 10,
			webhooks: { maxAttempts: 3, baseDelayMs: 200 },
		});
		const entities = [...factorial().state.legalEntities.byId.values()];
		if (entities.length < 2) throw new Error('the seeded company needs two legal entities');
		[inScope, outOfScope] = [String(entities[0].id), String(entities[1].id)];

		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials(
			credentialsFor(emulators, {
				includeLegalEntities: inScope,
				outOfScope: 'leaveAlone',
				emailAuthority: 'onCreate',
			}),
		);
		const templates = [loadTemplate('joiner'), loadTemplate('mover')];
		// The templates as shipped: every node that reads the policy names it, with no id.
		for (const template of templates)
			for (const node of template.nodes as Array<{ credentials?: Record<string, unknown> }>)
				if (node.credentials?.factorialJumpCloudSyncPolicyApi)
					expect(node.credentials.factorialJumpCloudSyncPolicyApi).toEqual({
						id: null,
						name: 'Sync policy',
					});
		await n8n.importWorkflows(templates);
		await n8n.activate([JOINER_ID, MOVER_ID]);
		await n8n.start();
		// One subscription for the Joiner, three for the Mover.
		await waitFor(
			() =>
				factorial()
					.subscriptions()
					.filter((s) => s.enabled).length === 4,
			'four webhook subscriptions',
		);
	}, 480_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	it('a hire outside the scope creates nothing, and the audit record says why', async () => {
		const usersBefore = jumpCloud().users().length;
		const before = n8n.executions(JOINER_ID).length;
		const employee = factorial().createEmployee({
			first_name: 'Olga',
			last_name: 'Outside',
			email: 'olga.outside@e2e.example',
			legal_entity_id: outOfScope,
			job_title: 'Engineer',
		});
		const run = await runAfter(JOINER_ID, before, 'the Joiner run of the out-of-scope hire');
		expect(run.status).toBe('success');
		expect(userOf(String(employee.id))).toBeUndefined();
		expect(jumpCloud().findUser({ email: 'olga.outside@e2e.example' })).toBeUndefined();
		expect(jumpCloud().users()).toHaveLength(usersBefore);
		expect(auditItemsOf(run.data)).toEqual([
			expect.objectContaining({
				outcome: 'skipped',
				actions: [
					{
						action: 'createUser',
						status: 'skipped',
						detail: `outside the sync scope: legal entity "${outOfScope}" is not in the sync scope ("${inScope}")`,
					},
				],
			}),
		]);
	});

	let movedId = '';

	it('an email with authority "only at creation" survives a Mover event that changes it in Factorial', async () => {
		const employee = factorial().createEmployee({
			first_name: 'Inés',
			last_name: 'Inside',
			email: 'ines.inside@e2e.example',
			legal_entity_id: inScope,
			job_title: 'Engineer',
		});
		const id = String(employee.id);
		movedId = id;
		const created = await waitFor(() => userOf(id), 'the in-scope hire’s JumpCloud user', 90_000);
		expect(created.email).toBe('ines.inside@e2e.example');
		await factorial().waitForDeliveries(20_000);

		const before = n8n.executions(MOVER_ID).length;
		factorial().updateEmployee(id, { email: 'ines.renamed@e2e.example', last_name: 'Renamed' });
		const run = await runAfter(MOVER_ID, before, 'the Mover run of the change');
		expect(run.status).toBe('success');
		// Last name is Always: it follows; the email is Only at Creation: it stays.
		const after = await waitFor(
			() => (userOf(id)?.lastname === 'Renamed' ? userOf(id) : undefined),
			'the renamed last name in JumpCloud',
		);
		expect(after.email).toBe('ines.inside@e2e.example');
		expect(jumpCloud().findUser({ email: 'ines.renamed@e2e.example' })).toBeUndefined();
		expect(auditItemsOf(run.data)).toEqual([
			expect.objectContaining({
				outcome: 'done',
				actions: expect.arrayContaining([
					expect.objectContaining({ action: 'updateUser', status: 'done' }),
				]),
			}),
		]);
	});

	it('a linked user whose employee moves out of the scope is left alone (Sync policy: Leave Alone), with the reason', async () => {
		const before = n8n.executions(MOVER_ID).length;
		factorial().updateEmployee(movedId, { legal_entity_id: outOfScope, last_name: 'Elsewhere' });
		const run = await runAfter(MOVER_ID, before, 'the Mover run of the move out of scope');
		expect(run.status).toBe('success');
		const user = userOf(movedId) as SystemUser;
		expect(user.lastname).toBe('Renamed');
		expect(auditItemsOf(run.data)).toEqual([
			expect.objectContaining({
				outcome: 'skipped',
				jumpCloudUsername: user.username,
				actions: [
					{
						action: 'updateUser',
						status: 'skipped',
						detail: `outside the sync scope: legal entity "${outOfScope}" is not in the sync scope ("${inScope}"); the JumpCloud user is left alone (Sync policy: Leave Alone)`,
					},
				],
			}),
		]);
	});
});
