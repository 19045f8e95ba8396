/**
 * Issue 16 "one mapping, used everywhere": the custom field → custom attribute pairs of Map From (Joiner,
 * Mover) configured on the Nightly Reconciliation too. A real n8n runs the template with its employees fed
 * from Factorial → Get Many plus a Set node that adds the field: the dry run shows the attribute, a real run
 * writes it (keeping the attributes a user already has) and the next run leaves it unchanged.
 *
 * Then the shipped template as it is (Employees: Read From Factorial), changed only the way an admin would:
 * a pair on Reconcile JumpCloud naming the Factorial custom field by its label, and Dry Run off in Settings.
 * The node reads the custom field values itself (GET custom_fields/values).
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

describe(`n8n ${host.version}: the shipped Nightly template reads custom field values itself`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	/** Employee id → the value of the "Cost Center" custom field set in Factorial. */
	const costCenters = new Map<string, string>();

	const run = async (id: string) => {
		const runData = await n8n.executeOk(id);
		const [summary] = outputOf(runData, 'Summary');
		return { summary, actions: outputOf(runData, 'Reconcile JumpCloud').filter((i) => !i.summary) };
	};
	const attributesOf = (employeeId: string) =>
		(emulators.jumpCloud.findUser({ employeeIdentifier: employeeId })?.attributes ?? []) as Array<{
			name: string;
			value: string;
		}>;
	/** A request to the Factorial emulator's API, as an admin's own script would make it. */
	const factorialPost = async (path: string, body: Record<string, unknown>) => {
		const response = await fetch(`${emulators.factorial.url}/api/2026-10-01/resources/${path}`, {
			method: 'POST',
			headers: { 'x-api-key': emulators.factorial.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		expect(response.status).toBeLessThan(300);
		return (await response.json()) as Record<string, unknown>;
	};

	beforeAll(async () => {
		emulators = await startEmulators(
			{ employees: 12 },
			{ mirror: { employees: 12, missingRate: 0, changedRate: 0, staleRate: 0 } },
		);
		// A custom field in Factorial with a value for each current employee that has a JumpCloud user.
		// The published create body (company_id, field_type, label); Factorial answers label_text and a slug.
		const companyId = String(emulators.factorial.state.company.id);
		const field = await factorialPost('custom_fields/fields', {
			company_id: companyId,
			label: 'Cost Center',
			field_type: 'text',
		});
		const badge = await factorialPost('custom_fields/fields', {
			company_id: companyId,
			label: 'Badge',
			field_type: 'text',
		});
		for (const employee of emulators.factorial.state.employees.byId.values()) {
			const id = String(employee.id);
			// Employees still working here whose user exists (leavers' users are only suspended).
			if (employee.terminated_on !== null) continue;
			if (!emulators.jumpCloud.findUser({ employeeIdentifier: id })) continue;
			costCenters.set(id, `CC-${id}`);
			await factorialPost('custom_fields/values', {
				field_id: String(field.id),
				valuable_type: 'Employee',
				valuable_id: id,
				value: `CC-${id}`,
			});
			// Another field's value: read, but no pair names it.
			await factorialPost('custom_fields/values', {
				field_id: String(badge.id),
				valuable_type: 'Employee',
				valuable_id: id,
				value: 'B-1',
			});
		}
		const template = loadTemplate('nightly-reconciliation');
		// What an admin does in the editor: add the pair on Reconcile JumpCloud (the field named by its
		// label, as Factorial shows it), then turn Dry Run off in Settings for the real run.
		nodeOf(template, 'Reconcile JumpCloud').parameters.customAttributeMap = {
			pair: [{ field: 'Cost Center', attribute: 'costCenter' }],
		};
		const dry = variant(template, 'fjReconCustom011', 'Nightly (custom attributes, dry)');
		const real = setSetting(
			variant(template, 'fjReconCustom012', 'Nightly (custom attributes, real)'),
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

	it('the dry run shows each attribute from the custom field value, a real run writes it, a second run plans nothing', async () => {
		expect(costCenters.size).toBeGreaterThanOrEqual(10);
		const keeperId = [...costCenters.keys()][0];
		const keeper = emulators.jumpCloud.findUser({ employeeIdentifier: keeperId })!;
		emulators.jumpCloud.state.users.get(keeper._id)!.attributes = [{ name: 'badge', value: '7' }];

		emulators.jumpCloud.resetCounters();
		const dry = await run('fjReconCustom011');
		const updates = dry.actions.filter((a) => a.action === 'update');
		expect(updates.map((a) => String(a.employeeId)).sort()).toEqual([...costCenters.keys()].sort());
		for (const update of updates)
			expect(update).toMatchObject({
				result: 'planned',
				diff: {
					'attributes.costCenter': { from: '', to: costCenters.get(String(update.employeeId)) },
				},
			});
		expect(dry.summary).toMatchObject({ dryRun: true, updated: costCenters.size, failed: 0 });
		expect(emulators.jumpCloud.counters().write).toBe(0);

		const first = await run('fjReconCustom012');
		expect(first.summary).toMatchObject({
			dryRun: false,
			updated: costCenters.size,
			created: 0,
			failed: 0,
		});
		for (const [id, value] of costCenters)
			expect(attributesOf(id).filter((a) => a.name === 'costCenter')).toEqual([
				{ name: 'costCenter', value },
			]);
		expect(attributesOf(keeperId)).toEqual([
			{ name: 'badge', value: '7' },
			{ name: 'costCenter', value: costCenters.get(keeperId) },
		]);

		emulators.jumpCloud.resetCounters();
		const second = await run('fjReconCustom012');
		expect(second.summary).toMatchObject({ updated: 0, created: 0, failed: 0 });
		expect(second.actions).toEqual([]);
		expect(emulators.jumpCloud.counters().write).toBe(0);
	});
});
