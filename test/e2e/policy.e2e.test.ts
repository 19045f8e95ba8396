/**
 * The sync policy (issue 25) with the shipped templates under a real `n8n start`: one "Sync policy"
 * credential, imported by name like the API credentials, scopes the sync to one legal entity. With Leave
 * Alone and the email "only at creation": a hire of another legal entity creates nothing (the audit record
 * says why); an email HR changes after the hire stays as created while an Always attribute follows; a user
 * whose employee moves out of scope is left alone by the Mover, the Leaver and the Rehire. With Suspend as a
 * Leaver: the Mover suspends the user of an employee who moves out of scope.
 */
import { join } from 'node:path';
import { DateTime } from 'luxon';

import type { SystemUser } from '../emulators';
import { auditItemsOf } from './lib/audit';
import { hostFromEnv, packageTarballFromEnv } from './lib/host';
import {
	credentialsFor,
	loadTemplate,
	startEmulators,
	type Emulators,
	type TemplateName,
} from './lib/fixtures';
import { N8n, waitFor } from './lib/n8n';

const host = hostFromEnv();
const IDS: Record<string, string> = {
	joiner: 'fjTplJoiner00001',
	mover: 'fjTplMover000001',
	leaver: 'fjTplLeaver00001',
	rehire: 'fjTplRehire00001',
};
const today = () => DateTime.utc().toISODate() as string;

/** Emulators and an n8n with `templates` active and the Sync policy credential holding `policy`. */
function setup(
	policy: (scope: { inScope: string; outOfScope: string }) => Record<string, unknown>,
) {
	const ctx = {
		emulators: undefined as unknown as Emulators,
		n8n: undefined as unknown as N8n,
		inScope: '',
		outOfScope: '',
		userOf: (employeeId: string): SystemUser | undefined =>
			ctx.emulators.jumpCloud.findUser({ employeeIdentifier: employeeId }),
		/** The first finished run of `template` after the first `before` ones. */
		runAfter: async (template: TemplateName, before: number, what: string) =>
			await waitFor(
				() =>
					ctx.n8n
						.executions(IDS[template])
						.slice(before)
						.find((e) => e.status !== 'running' && e.status !== 'new'),
				what,
				90_000,
			),
		runs: (template: TemplateName) => ctx.n8n.executions(IDS[template]).length,
		async start(templates: TemplateName[], subscriptions: number) {
			ctx.emulators = await startEmulators({
				employees: 10,
				webhooks: { maxAttempts: 3, baseDelayMs: 200 },
			});
			const entities = [...ctx.emulators.factorial.state.legalEntities.byId.values()];
			if (entities.length < 2) throw new Error('the seeded company needs two legal entities');
			[ctx.inScope, ctx.outOfScope] = [String(entities[0].id), String(entities[1].id)];
			ctx.n8n = new N8n(host);
			ctx.n8n.installPackage(packageTarballFromEnv(join(ctx.n8n.userFolder, 'pack')));
			await ctx.n8n.importCredentials(credentialsFor(ctx.emulators, policy(ctx)));
			const workflows = templates.map((name) => loadTemplate(name));
			// As shipped: every node that reads the policy names it, with no id.
			for (const workflow of workflows)
				for (const node of workflow.nodes as Array<{ credentials?: Record<string, unknown> }>)
					if (node.credentials?.factorialJumpCloudSyncPolicyApi)
						expect(node.credentials.factorialJumpCloudSyncPolicyApi).toEqual({
							id: null,
							name: 'Sync policy',
						});
			await ctx.n8n.importWorkflows(workflows);
			await ctx.n8n.activate(templates.map((t) => IDS[t]));
			await ctx.n8n.start();
			await waitFor(
				() =>
					ctx.emulators.factorial.subscriptions().filter((s) => s.enabled).length === subscriptions,
				`${subscriptions} webhook subscriptions`,
			);
		},
		async stop() {
			await ctx.n8n?.dispose();
			await ctx.emulators?.close();
		},
		/** A hire in the scope's legal entity, and its JumpCloud user once the Joiner made it. */
		async hireInScope(first: string, last: string): Promise<{ id: string; user: SystemUser }> {
			const employee = ctx.emulators.factorial.createEmployee({
				first_name: first,
				last_name: last,
				email: `${first}.${last}@e2e.example`.toLowerCase(),
				legal_entity_id: ctx.inScope,
				job_title: 'Engineer',
			});
			const id = String(employee.id);
			const user = await waitFor(() => ctx.userOf(id), `${first}'s JumpCloud user`, 90_000);
			await ctx.emulators.factorial.waitForDeliveries(20_000);
			return { id, user };
		},
	};
	return ctx;
}

const outside = (ctx: { inScope: string; outOfScope: string }) =>
	`outside the sync scope: legal entity "${ctx.outOfScope}" is not in the sync scope ("${ctx.inScope}")`;

describe(`n8n ${host.version}: Sync policy with Leave Alone and the email only at creation`, () => {
	const ctx = setup(({ inScope }) => ({
		includeLegalEntities: inScope,
		outOfScope: 'leaveAlone',
		emailAuthority: 'onCreate',
	}));
	let movedId = '';

	// One subscription each for the Joiner, Leaver and Rehire, three for the Mover.
	beforeAll(async () => await ctx.start(['joiner', 'mover', 'leaver', 'rehire'], 8), 480_000);
	afterAll(async () => await ctx.stop());

	it('a hire outside the scope creates nothing, and the audit record says why', async () => {
		const usersBefore = ctx.emulators.jumpCloud.users().length;
		const before = ctx.runs('joiner');
		const employee = ctx.emulators.factorial.createEmployee({
			first_name: 'Olga',
			last_name: 'Outside',
			email: 'olga.outside@e2e.example',
			legal_entity_id: ctx.outOfScope,
			job_title: 'Engineer',
		});
		const run = await ctx.runAfter('joiner', before, 'the Joiner run of the out-of-scope hire');
		expect(run.status).toBe('success');
		expect(ctx.userOf(String(employee.id))).toBeUndefined();
		expect(ctx.emulators.jumpCloud.findUser({ email: 'olga.outside@e2e.example' })).toBeUndefined();
		expect(ctx.emulators.jumpCloud.users()).toHaveLength(usersBefore);
		expect(auditItemsOf(run.data)).toEqual([
			expect.objectContaining({
				outcome: 'skipped',
				actions: [{ action: 'createUser', status: 'skipped', detail: outside(ctx) }],
			}),
		]);
	});

	it('an email with authority "only at creation" survives a Mover event that changes it in Factorial', async () => {
		const { id, user: created } = await ctx.hireInScope('Ines', 'Inside');
		movedId = id;
		expect(created.email).toBe('ines.inside@e2e.example');

		const before = ctx.runs('mover');
		ctx.emulators.factorial.updateEmployee(id, {
			email: 'ines.renamed@e2e.example',
			last_name: 'Renamed',
		});
		const run = await ctx.runAfter('mover', before, 'the Mover run of the change');
		expect(run.status).toBe('success');
		// The last name is Always: it follows; the email is Only at Creation: it stays.
		const after = await waitFor(
			() => (ctx.userOf(id)?.lastname === 'Renamed' ? ctx.userOf(id) : undefined),
			'the renamed last name in JumpCloud',
		);
		expect(after.email).toBe('ines.inside@e2e.example');
		expect(ctx.emulators.jumpCloud.findUser({ email: 'ines.renamed@e2e.example' })).toBeUndefined();
		expect(auditItemsOf(run.data)).toEqual([
			expect.objectContaining({
				outcome: 'done',
				actions: expect.arrayContaining([
					expect.objectContaining({ action: 'updateUser', status: 'done' }),
				]),
			}),
		]);
	});

	it('a user whose employee moves out of the scope is left alone by the Mover, the Leaver and the Rehire, with the reason', async () => {
		const user = ctx.userOf(movedId) as SystemUser;
		const leftAlone = `${outside(ctx)}; the JumpCloud user is left alone (Sync policy: Leave Alone)`;

		let before = ctx.runs('mover');
		ctx.emulators.factorial.updateEmployee(movedId, {
			legal_entity_id: ctx.outOfScope,
			last_name: 'Elsewhere',
		});
		let run = await ctx.runAfter('mover', before, 'the Mover run of the move out of scope');
		expect(run.status).toBe('success');
		expect(ctx.userOf(movedId)?.lastname).toBe('Renamed');
		expect(auditItemsOf(run.data)).toEqual([
			expect.objectContaining({
				outcome: 'skipped',
				jumpCloudUsername: user.username,
				actions: [{ action: 'updateUser', status: 'skipped', detail: leftAlone }],
			}),
		]);

		before = ctx.runs('leaver');
		ctx.emulators.factorial.terminateEmployee(movedId, today());
		run = await ctx.runAfter('leaver', before, 'the Leaver run');
		expect(run.status).toBe('success');
		expect(ctx.userOf(movedId)?.state).toBe(user.state);
		expect(
			ctx.emulators.jumpCloud
				.jobs()
				.filter((j) => j.userIds.includes(user._id) && j.state === 'SUSPENDED'),
		).toEqual([]);
		expect(auditItemsOf(run.data)).toEqual([
			expect.objectContaining({
				outcome: 'skipped',
				actions: [{ action: 'suspendUser', status: 'skipped', detail: leftAlone }],
			}),
		]);

		before = ctx.runs('rehire');
		ctx.emulators.factorial.unterminateEmployee(movedId);
		run = await ctx.runAfter('rehire', before, 'the Rehire run');
		expect(run.status).toBe('success');
		expect(auditItemsOf(run.data)).toEqual([
			expect.objectContaining({
				outcome: 'skipped',
				actions: [
					{
						action: 'reactivateUser',
						status: 'skipped',
						detail: `${outside(ctx)}; not reactivated`,
					},
				],
			}),
		]);
	});
});

describe(`n8n ${host.version}: Sync policy with Suspend as a Leaver`, () => {
	const ctx = setup(({ inScope }) => ({ includeLegalEntities: inScope, outOfScope: 'suspend' }));

	beforeAll(async () => await ctx.start(['joiner', 'mover'], 6), 480_000);
	afterAll(async () => await ctx.stop());

	it('the Mover suspends the user of an employee who moves out of the scope', async () => {
		const { id, user } = await ctx.hireInScope('Sara', 'Switch');
		const before = ctx.runs('mover');
		ctx.emulators.factorial.updateEmployee(id, { legal_entity_id: ctx.outOfScope });
		const run = await ctx.runAfter('mover', before, 'the Mover run of the move out of scope');
		expect(run.status).toBe('success');
		expect(ctx.userOf(id)?.state).toBe('SUSPENDED');
		expect(auditItemsOf(run.data)).toEqual([
			expect.objectContaining({
				outcome: 'done',
				jumpCloudUserId: user._id,
				actions: [
					{
						action: 'suspendUser',
						status: 'done',
						detail: `suspended as a leaver: ${outside(ctx)} (Sync policy: Suspend as a Leaver)`,
					},
				],
			}),
		]);
	});
});
