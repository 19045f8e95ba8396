/**
 * Nightly Reconciliation template, run headless (`n8n execute`) against a JumpCloud org that drifted from
 * Factorial: the dry run only reports, the safety brake stops a run before any write, a real run converges.
 */
import { hostFromEnv, packageTarballFromEnv } from './lib/host';
import { credentialsFor, loadTemplate, setSetting, startEmulators, variant, type Emulators } from './lib/fixtures';
import { N8n, outputOf } from './lib/n8n';
import { join } from 'node:path';

const host = hostFromEnv();

describe(`n8n ${host.version}: Nightly Reconciliation template`, () => {
	let emulators: Emulators;
	let n8n: N8n;

	const summaryOf = async (id: string) => {
		const runData = await n8n.executeOk(id);
		const [summary] = outputOf(runData, 'Summary');
		return { summary, actions: outputOf(runData, 'Reconcile JumpCloud').filter((i) => !i.summary) };
	};

	beforeAll(async () => {
		emulators = await startEmulators(
			{ employees: 40 },
			// An org that drifted: users missing, attributes changed, leavers still active.
			{ mirror: { employees: 40, missingRate: 0.1, changedRate: 0.1, staleRate: 0.6 } },
		);
		// Three leavers whose JumpCloud users are still active, so the plan has suspensions.
		const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
		const leavers = emulators.jumpCloud
			.users()
			.filter((u) => u.state === 'ACTIVATED' && u.employeeIdentifier)
			.slice(0, 3);
		for (const user of leavers) emulators.factorial.terminateEmployee(String(user.employeeIdentifier), yesterday);
		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials(credentialsFor(emulators));
		const template = loadTemplate('nightly-reconciliation');
		await n8n.importWorkflows([
			// As shipped: dry run on.
			variant(template, 'fjReconDryRun001', 'Reconciliation (dry run)'),
			setSetting(setSetting(variant(template, 'fjReconBrake0001', 'Reconciliation (brake)'), 'dryRun', false), 'maxSuspensionShare', 0),
			setSetting(setSetting(variant(template, 'fjReconReal00001', 'Reconciliation (real)'), 'dryRun', false), 'maxSuspensionShare', 100),
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	let planned: Record<string, unknown>;

	it('reports in dry-run mode (as shipped) and writes nothing to JumpCloud', async () => {
		const before = JSON.stringify(emulators.jumpCloud.users());
		emulators.jumpCloud.resetCounters();
		const { summary, actions } = await summaryOf('fjReconDryRun001');
		planned = summary;
		expect(summary).toMatchObject({ summary: true, dryRun: true, failed: 0, employees: 40 });
		// The drift seeded above must show up as planned work of every kind.
		expect(summary.created).toBeGreaterThan(0);
		expect(summary.updated).toBeGreaterThan(0);
		expect(summary.suspended).toBeGreaterThan(0);
		expect(actions.every((a) => a.result === 'planned' || a.result === 'notActedOn')).toBe(true);
		expect(emulators.jumpCloud.counters().write).toBe(0);
		expect(JSON.stringify(emulators.jumpCloud.users())).toBe(before);
	});

	it('stops before any write when the suspensions exceed the safety brake', async () => {
		const before = JSON.stringify(emulators.jumpCloud.users());
		emulators.jumpCloud.resetCounters();
		const run = await n8n.execute('fjReconBrake0001');
		expect(run.ok).toBe(false);
		const error = run.runData['Reconcile JumpCloud']?.[0]?.error;
		expect(error?.message).toMatch(/Safety brake: this run would suspend \d+ of \d+ matched JumpCloud users/);
		expect(emulators.jumpCloud.counters().write).toBe(0);
		expect(JSON.stringify(emulators.jumpCloud.users())).toBe(before);
	});

	it('applies what the dry run planned, then converges (a second run finds nothing to do)', async () => {
		const { summary } = await summaryOf('fjReconReal00001');
		expect(summary).toMatchObject({
			dryRun: false,
			failed: 0,
			created: planned.created,
			updated: planned.updated,
			suspended: planned.suspended,
			reactivated: planned.reactivated,
		});
		// Every active Factorial employee with a work email now has exactly one JumpCloud user.
		for (const employee of emulators.factorial.state.employees.byId.values()) {
			const active = !employee.terminated_on || employee.terminated_on > new Date().toISOString().slice(0, 10);
			if (!active || !employee.email) continue;
			const users = emulators.jumpCloud.users().filter((u) => u.employeeIdentifier === employee.id);
			expect(users).toHaveLength(1);
			expect(users[0].email.toLowerCase()).toBe(employee.email.toLowerCase());
		}
		const again = await summaryOf('fjReconDryRun001');
		expect(again.summary).toMatchObject({ created: 0, updated: 0, suspended: 0, reactivated: 0, failed: 0 });
	});
});
