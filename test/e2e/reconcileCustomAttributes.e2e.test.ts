/**
 * Issue 16 "one mapping, used everywhere": the custom field → custom attribute pairs of Map From (Joiner,
 * Mover) configured on the Nightly Reconciliation too. A real n8n runs the template with its employees fed
 * from Factorial → Get Many plus a Set node that adds the field: the dry run shows the attribute, a real run
 * writes it (keeping the attributes a user already has) and the next run leaves it unchanged.
 */
import { join } from 'node:path';

import { hostFromEnv, packageTarballFromEnv } from './lib/host';
import {
	credentialsFor,
	loadTemplate,
	nodeOf,
	setSetting,
	startEmulators,
	variant,
	type Emulators,
} from './lib/fixtures';
import { N8n, outputOf } from './lib/n8n';

const host = hostFromEnv();

describe(`n8n ${host.version}: reconciliation with custom attribute pairs`, () => {
	let emulators: Emulators;
	let n8n: N8n;

	const run = async (id: string) => {
		const runData = await n8n.executeOk(id);
		const [summary] = outputOf(runData, 'Summary');
		return { summary, actions: outputOf(runData, 'Reconcile JumpCloud').filter((i) => !i.summary) };
	};
	const costCenterOf = (employeeId: string) =>
		(
			(emulators.jumpCloud.findUser({ employeeIdentifier: employeeId })?.attributes ??
				[]) as Array<{
				name: string;
				value: string;
			}>
		).find((a) => a.name === 'costCenter')?.value;

	beforeAll(async () => {
		// In step: every employee has its user and nothing else differs.
		emulators = await startEmulators(
			{ employees: 12 },
			{ mirror: { employees: 12, missingRate: 0, changedRate: 0, staleRate: 0 } },
		);
		const template = loadTemplate('nightly-reconciliation');
		const dry = variant(template, 'fjReconCustom001', 'Reconciliation (custom attributes, dry)');
		const reconcile = nodeOf(dry, 'Reconcile JumpCloud');
		reconcile.parameters.employeeSource = 'input';
		delete reconcile.parameters.factorialAuthentication;
		reconcile.parameters.customAttributeMap = {
			pair: [{ field: 'cost_center', attribute: 'costCenter' }],
		};
		const settings = nodeOf(dry, 'Settings');
		dry.nodes.push(
			{
				name: 'All Employees',
				type: 'n8n-nodes-factorial-jumpcloud.factorial',
				typeVersion: 1,
				position: [330, -200],
				parameters: {
					authentication: 'apiKey',
					resource: 'employee',
					operation: 'getAll',
					returnAll: true,
					simplify: true,
					options: { includeContractAndTeams: true },
				},
				credentials: nodeOf(dry, 'Webhook Subscriptions').credentials,
			},
			{
				name: 'Cost Center',
				type: settings.type,
				typeVersion: settings.typeVersion,
				position: [440, -200],
				parameters: {
					assignments: {
						assignments: [
							{
								id: 'cc1',
								name: 'cost_center',
								value: "={{ 'CC-' + $json.id }}",
								type: 'string',
							},
						],
					},
					includeOtherFields: true,
					options: {},
				},
			},
		);
		const connections = dry.connections as Record<
			string,
			{ main: Array<Array<{ node: string; type: string; index: number }>> }
		>;
		connections.Settings.main[0] = connections.Settings.main[0].map((c) =>
			c.node === 'Reconcile JumpCloud' ? { ...c, node: 'All Employees' } : c,
		);
		connections['All Employees'] = {
			main: [[{ node: 'Cost Center', type: 'main', index: 0 }]],
		};
		connections['Cost Center'] = {
			main: [[{ node: 'Reconcile JumpCloud', type: 'main', index: 0 }]],
		};
		const real = setSetting(
			variant(dry, 'fjReconCustom002', 'Reconciliation (custom attributes, real)'),
			'dryRun',
			false,
		);

		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials(credentialsFor(emulators));
		await n8n.importWorkflows([dry, real]);
		await n8n.start();
	});

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	/** Employees whose update the dry run planned for the attribute. */
	let planned: string[] = [];

	it('the dry run shows each attribute to write and writes nothing', async () => {
		emulators.jumpCloud.resetCounters();
		const { summary, actions } = await run('fjReconCustom001');
		const updates = actions.filter((a) => a.action === 'update');
		planned = updates.map((a) => String(a.employeeId));
		// Every employee in JumpCloud gets the attribute (the org is otherwise in step).
		expect(planned.length).toBeGreaterThanOrEqual(10);
		for (const update of updates)
			expect(update).toMatchObject({
				result: 'planned',
				diff: { 'attributes.costCenter': { from: '', to: `CC-${update.employeeId}` } },
			});
		expect(summary).toMatchObject({
			dryRun: true,
			updated: planned.length,
			created: 0,
			failed: 0,
		});
		expect(emulators.jumpCloud.counters().write).toBe(0);
		expect(costCenterOf(planned[0])).toBeUndefined();
	});

	it('a real run writes them, keeping the attributes a user has; the next run changes nothing', async () => {
		// An attribute set by hand before the sync: the PUT replaces the list, so it must be sent along.
		const keeper = emulators.jumpCloud.findUser({ employeeIdentifier: planned[0] })!;
		emulators.jumpCloud.state.users.get(keeper._id)!.attributes = [{ name: 'badge', value: '7' }];

		const first = await run('fjReconCustom002');
		expect(first.summary).toMatchObject({ dryRun: false, updated: planned.length, failed: 0 });
		for (const id of planned) expect(costCenterOf(id)).toBe(`CC-${id}`);
		expect(emulators.jumpCloud.findUser({ id: keeper._id })?.attributes).toEqual([
			{ name: 'badge', value: '7' },
			{ name: 'costCenter', value: `CC-${planned[0]}` },
		]);

		emulators.jumpCloud.resetCounters();
		const second = await run('fjReconCustom002');
		expect(second.summary).toMatchObject({ updated: 0, created: 0, failed: 0 });
		expect(second.actions.filter((a) => a.action === 'update')).toEqual([]);
		expect(emulators.jumpCloud.counters().write).toBe(0);
	});
});
