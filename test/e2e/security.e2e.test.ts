/**
 * Identity safety in a real n8n against the emulators: the Nightly Reconciliation never adopts (nor
 * reactivates) an unlinked JumpCloud account by email unless the admin allowed it, and a replayed
 * or forged webhook delivery starts no workflow (the Joiner and Leaver templates as shipped), also
 * when it spells the record's id another way.
 */
import { join } from 'node:path';

import { hostFromEnv, packageTarballFromEnv } from './lib/host';
import {
	credentialsFor,
	deliverAsFactorial,
	loadTemplate,
	nodeOf,
	setSetting,
	startEmulators,
	variant,
	type Emulators,
} from './lib/fixtures';
import { N8n, outputOf, sleep, waitFor } from './lib/n8n';

const host = hostFromEnv();

describe(`n8n ${host.version}: identity safety`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	let mallory = '';
	let nina = '';
	let itSuspended = { userId: '', employeeId: '' };

	const factorial = () => emulators.factorial;
	const jumpCloud = () => emulators.jumpCloud;

	beforeAll(async () => {
		emulators = await startEmulators(
			{ employees: 20 },
			{ mirror: { employees: 20, missingRate: 0, changedRate: 0, staleRate: 0 } },
		);
		// A fake employee given the work email of an old, suspended, never-linked admin account.
		mallory = String(
			factorial().createEmployee(
				{ first_name: 'Mallory', last_name: 'Fake', email: 'old.admin@e2e.example' },
				{ emit: false },
			).id,
		);
		// A real employee whose account predates the sync (active, not linked yet).
		nina = String(
			factorial().createEmployee(
				{ first_name: 'Nina', last_name: 'Early', email: 'nina.early@e2e.example' },
				{ emit: false },
			).id,
		);
		jumpCloud().insertUsers([
			{
				username: 'old.admin',
				email: 'old.admin@e2e.example',
				employeeIdentifier: '',
				state: 'SUSPENDED',
				suspended: true,
			},
			{ username: 'nina.early', email: 'nina.early@e2e.example', employeeIdentifier: '' },
		]);

		// Incident response: IT suspended the account of an employee who is active in Factorial (no sync mark).
		const active = jumpCloud()
			.users()
			.find(
				(u) =>
					u.state === 'ACTIVATED' &&
					!!u.employeeIdentifier &&
					factorial().getEmployee(u.employeeIdentifier)?.terminated_on == null,
			);
		if (!active) throw new Error('the mirrored org has no active linked user');
		itSuspended = { userId: active._id, employeeId: String(active.employeeIdentifier) };
		const res = await fetch(`${jumpCloud().url}/api/systemusers/${active._id}`, {
			method: 'PUT',
			headers: { 'x-api-key': jumpCloud().apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ state: 'SUSPENDED' }),
		});
		if (res.status !== 200) throw new Error(`IT could not suspend: ${res.status}`);

		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials(credentialsFor(emulators));
		const reconciliation = loadTemplate('nightly-reconciliation');
		const adoption = variant(reconciliation, 'fjSecAdoptDry001', 'Reconciliation (adoption on)');
		nodeOf(adoption, 'Reconcile JumpCloud').parameters.reconcileOptions = {
			adoptByEmail: true,
			adoptionEmailDomains: 'e2e.example',
		};
		const joiner = loadTemplate('joiner');
		const leaver = loadTemplate('leaver');
		await n8n.importWorkflows([
			setSetting(
				variant(reconciliation, 'fjSecRealRun0001', 'Reconciliation (real, as shipped)'),
				'dryRun',
				false,
			),
			adoption,
			joiner,
			leaver,
		]);
		await n8n.activate([joiner.id as string, leaver.id as string]);
		await n8n.start();
		await waitFor(
			() =>
				factorial()
					.subscriptions()
					.filter((s) => s.enabled).length === 2,
			'two webhook subscriptions (joiner 1, leaver 1: terminations only, unterminations are the Rehire template)',
		);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	it('a real run as shipped neither adopts nor reactivates the suspended unlinked account with the fake’s email', async () => {
		const run = await n8n.execute('fjSecRealRun0001');
		expect(run.ok).toBe(true);
		const items = outputOf(run.runData, 'Reconcile JumpCloud');
		const admin = jumpCloud().findUser({ email: 'old.admin@e2e.example' });
		expect(admin).toMatchObject({ state: 'SUSPENDED' });
		// Not adopted: still no employee identifier (the emulator keeps an unset one as null or '').
		expect(admin?.employeeIdentifier ?? '').toBe('');
		expect(
			jumpCloud()
				.users()
				.filter((u) => u.employeeIdentifier === mallory),
		).toEqual([]);
		expect(items.find((i) => i.action === 'conflict' && i.employeeId === mallory)).toMatchObject({
			result: 'notActedOn',
			reason: expect.stringMatching(/not adopted: adoption by email is off/),
		});
		// Nina's account is not adopted either while adoption is off.
		expect(
			jumpCloud().findUser({ email: 'nina.early@e2e.example' })?.employeeIdentifier ?? '',
		).toBe('');
		const [summary] = outputOf(run.runData, 'Summary');
		expect(summary).toMatchObject({ adopted: 0, reactivated: 0, failed: 0 });
	});

	it("a real nightly (dry run off) leaves IT's suspension of an active employee alone and reports it", async () => {
		const run = await n8n.execute('fjSecRealRun0001');
		expect(run.ok).toBe(true);
		expect(jumpCloud().findUser({ id: itSuspended.userId })?.state).toBe('SUSPENDED');
		const items = outputOf(run.runData, 'Reconcile JumpCloud');
		expect(items.find((i) => i.employeeId === itSuspended.employeeId)).toMatchObject({
			reason: expect.stringMatching(/suspended outside the sync/),
		});
		const [summary] = outputOf(run.runData, 'Summary');
		expect(summary).toMatchObject({ reactivated: 0, failed: 0 });
	});

	it('with adoption on and a domain allow-list, the active account is adopted as its own action; the suspended one never', async () => {
		const runData = await n8n.executeOk('fjSecAdoptDry001');
		const items = outputOf(runData, 'Reconcile JumpCloud');
		expect(items.find((i) => i.action === 'adopt')).toMatchObject({
			employeeId: nina,
			result: 'planned',
			diff: { employeeIdentifier: { from: '', to: nina } },
		});
		expect(items.find((i) => i.action === 'conflict' && i.employeeId === mallory)?.reason).toMatch(
			/suspended users are never adopted/,
		);
		const [summary] = outputOf(runData, 'Summary');
		expect(summary).toMatchObject({ dryRun: true, adopted: 1, reactivated: 0 });
	});

	const deliver = (type: string, payload: Record<string, unknown>) =>
		deliverAsFactorial(factorial(), type, payload);

	it('a replayed Joiner delivery (even with a newer forged updated_at) starts no second execution', async () => {
		const hire = factorial().createEmployee({
			first_name: 'Rita',
			last_name: 'Replay',
			email: 'rita.replay@e2e.example',
		});
		const id = String(hire.id);
		await waitFor(
			() => jumpCloud().findUser({ employeeIdentifier: id }) !== undefined,
			'the joiner to create the hire',
		);
		await factorial().waitForDeliveries(20_000);
		await sleep(2000);
		const before = n8n.executions(loadTemplate('joiner').id as string).length;
		const delivery = factorial()
			.deliveries()
			.filter(
				(d) => d.type === 'employees/employee/create_with_contract' && String(d.payload.id) === id,
			)
			.pop()!;
		for (const payload of [
			delivery.payload,
			{ ...delivery.payload, updated_at: new Date().toISOString() },
		]) {
			const response = await deliver('employees/employee/create_with_contract', payload);
			expect(response.status).toBe(200);
		}
		await sleep(4000);
		expect(n8n.executions(loadTemplate('joiner').id as string)).toHaveLength(before);
		expect(
			jumpCloud()
				.users()
				.filter((u) => u.employeeIdentifier === id),
		).toHaveLength(1);
	});

	it('a replayed Joiner delivery spelling the id another way (leading zeros) is refused and starts nothing', async () => {
		const joinerId = loadTemplate('joiner').id as string;
		const delivery = factorial()
			.deliveries()
			.filter((d) => d.type === 'employees/employee/create_with_contract')
			.pop()!;
		const id = String(delivery.payload.id);
		const before = n8n.executions(joinerId).length;
		for (const spelling of [`0${id}`, `00${id}`]) {
			const response = await deliver('employees/employee/create_with_contract', {
				...delivery.payload,
				id: spelling,
			});
			expect(response.status).toBe(400);
			expect(await response.json()).toMatchObject({
				message: 'Not a Factorial delivery (id: digits with a leading zero)',
			});
		}
		await sleep(3000);
		expect(n8n.executions(joinerId)).toHaveLength(before);
		expect(
			jumpCloud()
				.users()
				.filter((u) => u.employeeIdentifier === id),
		).toHaveLength(1);
	});

	it('a forged employee.terminated for someone Factorial shows as staying starts no Leaver run', async () => {
		const staying = [...factorial().state.employees.byId.values()].find((e) => {
			const user = jumpCloud().findUser({ employeeIdentifier: String(e.id) });
			return !e.terminated_on && e.email && user?.state === 'ACTIVATED';
		})!;
		expect(staying).toBeDefined();
		const leaverId = loadTemplate('leaver').id as string;
		const before = n8n.executions(leaverId).length;
		const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
		const response = await deliver('employees/employee/terminate', {
			...factorial().getEmployee(String(staying.id)),
			terminated_on: yesterday,
			active: false,
			updated_at: new Date().toISOString(),
		});
		expect(response.status).toBe(200);
		await sleep(4000);
		expect(n8n.executions(leaverId)).toHaveLength(before);
		expect(jumpCloud().findUser({ employeeIdentifier: String(staying.id) })?.state).toBe(
			'ACTIVATED',
		);
	});
});
