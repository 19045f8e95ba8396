/**
 * Issue 21: a Factorial team named like a privileged JumpCloud group gives no access and removes nobody.
 * The shipped Joiner and Mover (active, on webhooks) and the Nightly Reconciliation (dry run off, run
 * headless after) against an org with `IT Admins` and `Domain Admins` groups the sync never created.
 */
import { hostFromEnv } from './lib/host';
import {
	loadTemplate,
	setSetting,
	startEmulators,
	startWithLifecycleTemplates,
	variant,
	type Emulators,
} from './lib/fixtures';
import { N8n, outputOf, waitFor } from './lib/n8n';

const host = hostFromEnv();

describe(`n8n ${host.version}: only groups the sync owns`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	const admins: string[] = [];
	const privileged = new Map<string, string>(); // name → group id
	const membersBefore = new Map<string, string[]>(); // name → its members before any workflow ran
	const teams = { itAdmins: '', comma: '' };

	const jc = () => emulators.jumpCloud;
	const api = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${jc().url}/api${path}`, {
			method,
			headers: { 'x-api-key': jc().apiKey, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
		return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
	};
	const membersOf = (name: string) =>
		(
			jc()
				.groups()
				.find((g) => g.name === name)?.memberIds ?? []
		).sort();
	const groupsNamed = (name: string) =>
		jc()
			.groups()
			.filter((g) => g.name.toLowerCase() === name.toLowerCase());
	const finished = (workflowId: string, before: number) =>
		waitFor(
			() =>
				n8n
					.executions(workflowId)
					.slice(before)
					.find((e) => e.status !== 'running' && e.status !== 'new'),
			`a finished ${workflowId} execution`,
			90_000,
		);

	beforeAll(async () => {
		emulators = await startEmulators(
			{ employees: 20, webhooks: { maxAttempts: 3, baseDelayMs: 200 } },
			{ mirror: { employees: 20, missingRate: 0, changedRate: 0, staleRate: 0 } },
		);
		// Factorial teams an attacker named like JumpCloud's privileged groups.
		const f = emulators.factorial.state;
		for (const [key, name] of [
			['itAdmins', 'it admins'],
			['comma', 'Marketing,Domain Admins'],
		] as const) {
			const team = f.teams.insert({
				id: f.teams.nextId(),
				company_id: f.company.id,
				name,
				description: null,
			});
			teams[key] = String(team.id);
		}
		// The privileged groups, made by an admin (no sync mark): the lived-in directory has them (else
		// they are made here), and two employees' users are administrators too.
		const [first, second] = jc()
			.users()
			.filter((u) => u.state === 'ACTIVATED' && u.employeeIdentifier);
		admins.push(first._id, second._id);
		for (const name of ['IT Admins', 'Domain Admins']) {
			const group =
				jc()
					.groups()
					.find((g) => g.name === name) ??
				(await api('POST', '/v2/usergroups', { name, description: 'Directory administrators' }));
			privileged.set(name, String(group?.id));
			for (const id of admins)
				await api('POST', `/v2/usergroups/${String(group?.id)}/members`, {
					op: 'add',
					type: 'user',
					id,
				});
			membersBefore.set(name, membersOf(name));
			expect(membersBefore.get(name)).toEqual(expect.arrayContaining(admins));
		}
		n8n = new N8n(host);
		await startWithLifecycleTemplates(n8n, emulators);
		const nightly = setSetting(
			variant(loadTemplate('nightly-reconciliation'), 'fjOwnNightly0001', 'Nightly (real run)'),
			'dryRun',
			false,
		);
		await n8n.importWorkflows([nightly]);
	}, 480_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	it('Joiner: a hire in team "it admins" is not put in "IT Admins"; no second group of that name', async () => {
		const before = n8n.executions('fjTplJoiner00001').length;
		const hire = emulators.factorial.createEmployee({
			first_name: 'Mallory',
			last_name: 'Joiner',
			email: 'mallory.joiner@e2e.example',
			team_id: teams.itAdmins,
			contract_starts_on: '2024-01-15',
		});
		const user = await waitFor(
			() => jc().findUser({ employeeIdentifier: String(hire.id) }),
			'the new user',
			90_000,
		);
		await finished('fjTplJoiner00001', before);
		expect(jc().groupsOf(user._id)).toEqual([]);
		expect(membersOf('IT Admins')).toEqual(membersBefore.get('IT Admins'));
		expect(groupsNamed('it admins').map((g) => g.id)).toEqual([privileged.get('IT Admins')]);
	});

	it('Mover: a move into team "Marketing,Domain Admins" never adds "Domain Admins"', async () => {
		const mover = jc()
			.users()
			.find((u) => u.state === 'ACTIVATED' && u.employeeIdentifier && !admins.includes(u._id))!;
		const before = n8n.executions('fjTplMover000001').length;
		emulators.factorial.updateEmployee(String(mover.employeeIdentifier), {
			team_id: teams.comma,
		});
		await waitFor(
			() => jc().groupsOf(mover._id).includes('Marketing,Domain Admins'),
			'the mover in its own team group',
			90_000,
		);
		await finished('fjTplMover000001', before);
		expect(jc().groupsOf(mover._id)).toEqual(['Marketing,Domain Admins']);
		expect(membersOf('Domain Admins')).toEqual(membersBefore.get('Domain Admins'));
		// The group made for the team carries the sync's mark.
		expect(groupsNamed('Marketing,Domain Admins')[0].attributes).toMatchObject({
			factorialJumpCloudSync: { team: 'Marketing,Domain Admins', how: 'created' },
		});
	});

	it('Nightly (dry run off): the repair removes no administrator and reports the unowned group', async () => {
		await n8n.stop();
		const runData = await n8n.executeOk('fjOwnNightly0001');
		const [summary] = outputOf(runData, 'Summary');
		expect(membersOf('IT Admins')).toEqual(membersBefore.get('IT Admins'));
		expect(membersOf('Domain Admins')).toEqual(membersBefore.get('Domain Admins'));
		const skipped = summary.teamGroupsSkipped as Array<Record<string, unknown>>;
		expect(JSON.stringify(skipped)).toContain('Map to Factorial Team');
		expect(skipped).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					team: 'it admins',
					kind: 'unowned',
					group: { id: privileged.get('IT Admins'), name: 'IT Admins' },
				}),
			]),
		);
	});
});
