/**
 * Nightly Reconciliation template, run headless (`n8n execute`) against a JumpCloud org that drifted from
 * Factorial: the dry run only reports, the safety brake stops a run before any write, a real run converges.
 */
import { hostFromEnv, packageTarballFromEnv } from './lib/host';
import {
	credentialsFor,
	loadTemplate,
	setSetting,
	startEmulators,
	variant,
	type Emulators,
} from './lib/fixtures';
import { N8n, outputOf } from './lib/n8n';
import { auditRecordProblems } from '../../scripts/lib/audit';
import { join } from 'node:path';
import { DateTime } from 'luxon';

const host = hostFromEnv();

describe(`n8n ${host.version}: Nightly Reconciliation template`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	// Issue 16: a hire the webhooks missed who starts later, and a staged user whose start has passed.
	let startsLater: { id: string; start: string; timezone: string };
	let startedStaged = '';
	// Team groups (Team Groups: Repair in the template): a user that lost its team group (a Joiner or
	// Mover delivery lost on a worker) and one left in a wrong team group.
	let lostGroup: { userId: string; employeeId: string; team: string };
	let wrongGroup: { userId: string; employeeId: string; team: string; wrong: string };

	/** The team names of a Factorial employee in the emulator (its memberships). */
	const teamsOf = (employeeId: string): string[] => {
		const f = emulators.factorial.state;
		return [...(f.membershipsByEmployee.get(employeeId) ?? [])]
			.map((id) => f.teams.get(String(f.memberships.get(id)?.team_id))?.name ?? '')
			.filter((name) => name !== '')
			.sort();
	};
	const teamNames = () => [...emulators.factorial.state.teams.byId.values()].map((t) => t.name);
	/** The team groups a user is in (groups named like a Factorial team), sorted. */
	const teamGroupsOf = (userId: string): string[] =>
		emulators.jumpCloud
			.groupsOf(userId)
			.filter((g) => teamNames().includes(g))
			.sort();
	const setMember = (groupName: string, userId: string, member: boolean) => {
		const store = emulators.jumpCloud.state;
		const groupId = store.groupByName.get(groupName.toLowerCase()) as string;
		if (!store.memberOf.has(userId)) store.memberOf.set(userId, new Set());
		if (member) {
			store.members.get(groupId)?.add(userId);
			store.memberOf.get(userId)?.add(groupId);
		} else {
			store.members.get(groupId)?.delete(userId);
			store.memberOf.get(userId)?.delete(groupId);
		}
	};

	const summaryOf = async (id: string) => {
		const runData = await n8n.executeOk(id);
		const [summary] = outputOf(runData, 'Summary');
		const reported = outputOf(runData, 'Reconcile JumpCloud');
		// Issue 16: one audit record (docs/audit.md) per reported change or skip, and one for the summary.
		const audit = outputOf(runData, 'Audit Record');
		expect(audit).toHaveLength(reported.length);
		for (const record of audit) expect(auditRecordProblems(record)).toEqual([]);
		expect(audit.filter((r) => r.event === 'reconciliation.summary')).toHaveLength(1);
		return { summary, actions: reported.filter((i) => !i.summary), audit };
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
		for (const user of leavers)
			emulators.factorial.terminateEmployee(String(user.employeeIdentifier), yesterday);
		// Two active employees in one team each, whose users sit in exactly that team's group.
		const inOneTeam = emulators.jumpCloud
			.users()
			.filter(
				(u) =>
					u.state === 'ACTIVATED' &&
					u.employeeIdentifier &&
					!leavers.some((l) => l._id === u._id) &&
					!emulators.factorial.state.employees.get(String(u.employeeIdentifier))?.terminated_on &&
					teamsOf(String(u.employeeIdentifier)).length === 1 &&
					teamGroupsOf(u._id).join() === teamsOf(String(u.employeeIdentifier)).join(),
			);
		const [lost, wrong] = inOneTeam;
		lostGroup = {
			userId: lost._id,
			employeeId: String(lost.employeeIdentifier),
			team: teamsOf(String(lost.employeeIdentifier))[0],
		};
		setMember(lostGroup.team, lost._id, false);
		const wrongTeam = teamNames().find((t) => t !== teamsOf(String(wrong.employeeIdentifier))[0])!;
		wrongGroup = {
			userId: wrong._id,
			employeeId: String(wrong.employeeIdentifier),
			team: teamsOf(String(wrong.employeeIdentifier))[0],
			wrong: wrongTeam,
		};
		setMember(wrongTeam, wrong._id, true);
		const newYork = [...emulators.factorial.state.locations.byId.values()].find(
			(l) => l.timezone === 'America/New_York',
		)!;
		const start = DateTime.utc().plus({ days: 20 }).toISODate() as string;
		const later = emulators.factorial.createEmployee(
			{
				first_name: 'Futura',
				last_name: 'Later',
				email: 'futura.later@e2e.example',
				location_id: newYork.id,
				contract_starts_on: start,
			},
			{ emit: false },
		);
		startsLater = { id: String(later.id), start, timezone: newYork.timezone };
		const started = emulators.factorial.createEmployee(
			{
				first_name: 'Pasado',
				last_name: 'Staged',
				email: 'pasado.staged@e2e.example',
				contract_starts_on: '2024-02-01',
			},
			{ emit: false },
		);
		startedStaged = String(started.id);
		emulators.jumpCloud.insertUsers([
			{
				username: 'pasado.staged',
				email: 'pasado.staged@e2e.example',
				employeeIdentifier: startedStaged,
				firstname: 'Pasado',
				lastname: 'Staged',
				state: 'STAGED',
			},
		]);
		n8n = new N8n(host);
		n8n.installPackage(packageTarballFromEnv(join(n8n.userFolder, 'pack')));
		await n8n.importCredentials(credentialsFor(emulators));
		const template = loadTemplate('nightly-reconciliation');
		await n8n.importWorkflows([
			// As shipped: dry run on.
			variant(template, 'fjReconDryRun001', 'Reconciliation (dry run)'),
			setSetting(
				setSetting(
					variant(template, 'fjReconBrake0001', 'Reconciliation (brake)'),
					'dryRun',
					false,
				),
				'maxSuspensionShare',
				0,
			),
			setSetting(
				setSetting(variant(template, 'fjReconReal00001', 'Reconciliation (real)'), 'dryRun', false),
				'maxSuspensionShare',
				100,
			),
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
		const { summary, actions, audit } = await summaryOf('fjReconDryRun001');
		planned = summary;
		// The dry run's records say so: nothing done, each planned change skipped as a dry run.
		expect(audit.filter((r) => r.outcome === 'done')).toEqual([]);
		expect(audit).toContainEqual(
			expect.objectContaining({
				event: 'reconciliation',
				employeeId: startedStaged,
				outcome: 'skipped',
				actions: [
					{
						action: 'activate',
						status: 'skipped',
						detail: expect.stringContaining('dry run: planned'),
					},
				],
			}),
		);
		expect(summary).toMatchObject({ summary: true, dryRun: true, failed: 0, employees: 42 });
		// The team groups the users lost or should not be in show up as planned repairs.
		expect(actions).toContainEqual(
			expect.objectContaining({
				action: 'teamGroups',
				userId: lostGroup.userId,
				result: 'planned',
				addedGroups: [lostGroup.team],
				removedGroups: [],
			}),
		);
		expect(actions).toContainEqual(
			expect.objectContaining({
				action: 'teamGroups',
				userId: wrongGroup.userId,
				result: 'planned',
				addedGroups: [],
				removedGroups: [wrongGroup.wrong],
			}),
		);
		expect(summary.teamGroupMembershipsAdded).toBeGreaterThan(0);
		expect(summary.teamGroupMembershipsRemoved).toBeGreaterThan(0);
		expect(teamGroupsOf(lostGroup.userId)).toEqual([]);
		// The Joiner's activation rule shows up in the plan like any other change.
		expect(summary.activated).toBeGreaterThan(0);
		expect(summary.activationsScheduled).toBeGreaterThan(0);
		expect(actions).toContainEqual(
			expect.objectContaining({
				action: 'activate',
				employeeId: startedStaged,
				result: 'planned',
			}),
		);
		expect(actions).toContainEqual(
			expect.objectContaining({
				action: 'create',
				employeeId: startsLater.id,
				activation: expect.stringMatching(/^schedule for /),
			}),
		);
		// The drift seeded above must show up as planned work of every kind.
		expect(summary.created).toBeGreaterThan(0);
		expect(summary.updated).toBeGreaterThan(0);
		expect(summary.suspended).toBeGreaterThan(0);
		// Nothing done: every item is planned, a conflict not acted on, or a skip with its reason.
		expect(
			actions.every((a) => ['planned', 'notActedOn', 'skipped'].includes(String(a.result))),
		).toBe(true);
		expect(emulators.jumpCloud.counters().write).toBe(0);
		expect(JSON.stringify(emulators.jumpCloud.users())).toBe(before);
	});

	it('stops before any write when the suspensions exceed the safety brake', async () => {
		const before = JSON.stringify(emulators.jumpCloud.users());
		emulators.jumpCloud.resetCounters();
		const run = await n8n.execute('fjReconBrake0001');
		expect(run.ok).toBe(false);
		const error = run.runData['Reconcile JumpCloud']?.[0]?.error;
		expect(error?.message).toMatch(
			/Safety brake: this run would suspend \d+ of \d+ managed JumpCloud users/,
		);
		expect(emulators.jumpCloud.counters().write).toBe(0);
		expect(JSON.stringify(emulators.jumpCloud.users())).toBe(before);
	});

	it('applies what the dry run planned, then converges (a second run finds nothing to do)', async () => {
		const { summary, audit } = await summaryOf('fjReconReal00001');
		const activated = audit.find(
			(r) =>
				r.employeeId === startedStaged &&
				(r.actions as Array<{ action: string }>)[0].action === 'activate',
		);
		expect(activated).toMatchObject({
			outcome: 'done',
			actions: [{ action: 'activate', status: 'done' }],
		});
		// The record names the groups added and removed.
		expect(audit).toContainEqual(
			expect.objectContaining({
				employeeId: lostGroup.employeeId,
				outcome: 'done',
				actions: [
					{
						action: 'teamGroups',
						status: 'done',
						detail: `team groups added: ${lostGroup.team}; removed: none`,
					},
				],
			}),
		);
		expect(audit).toContainEqual(
			expect.objectContaining({
				employeeId: wrongGroup.employeeId,
				actions: [
					{
						action: 'teamGroups',
						status: 'done',
						detail: `team groups added: none; removed: ${wrongGroup.wrong}`,
					},
				],
			}),
		);
		expect(teamGroupsOf(lostGroup.userId)).toEqual([lostGroup.team]);
		expect(teamGroupsOf(wrongGroup.userId)).toEqual([wrongGroup.team]);
		const summaryRecord = audit.find((r) => r.event === 'reconciliation.summary') as {
			outcome: string;
			actions: Array<Record<string, string>>;
		};
		expect(summaryRecord.outcome).toBe('done');
		expect(summaryRecord.actions[0]).toMatchObject({ action: 'reconcile', status: 'done' });
		// Then the orphan report (the emulator's lived-in accounts): one skipped action each, never acted on.
		const orphans = (summary.orphans as { users: Array<Record<string, string>> }).users;
		expect(orphans.length).toBeGreaterThan(0);
		expect(summaryRecord.actions.slice(1)).toEqual(
			orphans.map((o) => ({
				action: 'orphan',
				status: 'skipped',
				detail: expect.stringMatching(new RegExp(`^${o.reason}: ${o.username} \\(`)),
			})),
		);
		expect(summary).toMatchObject({
			dryRun: false,
			failed: 0,
			created: planned.created,
			updated: planned.updated,
			suspended: planned.suspended,
			reactivated: planned.reactivated,
			activated: planned.activated,
			activationsScheduled: planned.activationsScheduled,
		});
		// Nobody is left STAGED: started hires are active, the later start has one activation at 09:00 local.
		const jc = emulators.jumpCloud;
		expect(jc.findUser({ employeeIdentifier: startedStaged })?.state).toBe('ACTIVATED');
		const later = jc.findUser({ employeeIdentifier: startsLater.id })!;
		expect(later.state).toBe('STAGED');
		const jobs = jc.jobs().filter((j) => j.userIds.includes(later._id));
		expect(jobs).toHaveLength(1);
		expect(jobs[0].state).toBe('ACTIVATED');
		expect(Date.parse(jobs[0].startDate)).toBe(
			DateTime.fromISO(`${startsLater.start}T09:00:00`, { zone: startsLater.timezone }).toMillis(),
		);
		// Every user still STAGED starts later and has exactly one activation scheduled.
		for (const staged of jc.users().filter((u) => u.state === 'STAGED')) {
			expect({
				username: staged.username,
				activations: jc
					.jobs()
					.filter((j) => j.userIds.includes(staged._id) && j.state === 'ACTIVATED').length,
			}).toEqual({ username: staged.username, activations: 1 });
		}
		// Every active Factorial employee with a work email now has exactly one JumpCloud user.
		for (const employee of emulators.factorial.state.employees.byId.values()) {
			const active =
				!employee.terminated_on || employee.terminated_on > new Date().toISOString().slice(0, 10);
			if (!active || !employee.email) continue;
			const users = emulators.jumpCloud.users().filter((u) => u.employeeIdentifier === employee.id);
			expect(users).toHaveLength(1);
			expect(users[0].email.toLowerCase()).toBe(employee.email.toLowerCase());
			// ... in exactly the groups of its teams among the team groups (created users too).
			expect({ employee: employee.id, groups: teamGroupsOf(users[0]._id) }).toEqual({
				employee: employee.id,
				groups: teamsOf(employee.id),
			});
		}
		const again = await summaryOf('fjReconDryRun001');
		expect(again.summary).toMatchObject({
			created: 0,
			updated: 0,
			suspended: 0,
			reactivated: 0,
			activated: 0,
			activationsScheduled: 0,
			teamGroupsRepaired: 0,
			failed: 0,
		});
		expect(emulators.jumpCloud.jobs().filter((j) => j.userIds.includes(later._id))).toHaveLength(1);
	});
});
