/**
 * Issue 16: every HR event ends in ONE audit record with one schema (docs/audit.md). The Joiner, Leaver
 * and Mover templates run active under a real `n8n start`, fed by the Factorial emulator's webhooks
 * (which carry the `x-factorial-author-*` headers); the records are read from the executions n8n saved.
 * Also the edges an admin meets: a Leaver or Mover for an employee without a JumpCloud user (a skipped
 * record, nothing changed or created) and the untermination of a hire who has not started (left staged).
 */
import { DateTime } from 'luxon';

import type { SystemUser } from '../emulators';
import { AUDIT_SCHEMA, auditRecordProblems, type AuditRecord } from '../../scripts/lib/audit';
import { auditItemsOf } from './lib/audit';
import { hostFromEnv } from './lib/host';
import {
	loadTemplate,
	startEmulators,
	startWithLifecycleTemplates,
	type Emulators,
} from './lib/fixtures';
import { N8n, waitFor } from './lib/n8n';

const host = hostFromEnv();
const JOINER = 'fjTplJoiner00001';
const MOVER = 'fjTplMover000001';
const LEAVER = 'fjTplLeaver00001';
const REHIRE = 'fjTplRehire00001';
const day = (offsetDays: number) => DateTime.utc().plus({ days: offsetDays }).toISODate() as string;

describe(`n8n ${host.version}: each HR event ends in one audit record`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	let locationId: string;
	let teams: Array<{ id: string; name: string }>;
	let author: { id: string; type: string };

	const factorial = () => emulators.factorial;
	const jumpCloud = () => emulators.jumpCloud;
	const userOf = (employeeId: string): SystemUser | undefined =>
		jumpCloud().findUser({ employeeIdentifier: employeeId });
	const suspensionScheduled = (userId: string) =>
		jumpCloud()
			.jobs()
			.some((j) => j.userIds.includes(userId) && j.state === 'SUSPENDED');

	/** Waits until the executions of a workflow started after `before` are finished, then returns them. */
	const finished = async (workflowId: string, before: number, count = 1) =>
		await waitFor(
			() => {
				const runs = n8n.executions(workflowId).slice(before);
				return runs.length >= count &&
					runs.every((e) => e.status !== 'running' && e.status !== 'new')
					? runs
					: undefined;
			},
			`${count} finished execution(s) of ${workflowId}`,
			60_000,
		);

	/** The audit records of those executions about one employee. */
	const recordsFor = (
		runs: Array<{ data: string; status: string }>,
		employeeId: string,
	): AuditRecord[] => {
		for (const run of runs) expect(run.status).toBe('success');
		return runs
			.flatMap((r) => auditItemsOf(r.data))
			.filter((r) => r.employeeId === employeeId) as unknown as AuditRecord[];
	};

	const settle = async () => {
		await factorial().waitForDeliveries(20_000);
	};

	/**
	 * Settles the deliveries in flight, runs `act` (an HR change in the emulator), waits for its `effect`
	 * when given, settles again and returns the executions of the workflow the change started, finished.
	 */
	const runsAfter = async (
		workflowId: string,
		act: () => unknown,
		effect?: { until: () => unknown; label: string },
	) => {
		await settle();
		const before = n8n.executions(workflowId).length;
		act();
		if (effect) await waitFor(effect.until, effect.label, 60_000);
		await settle();
		return await finished(workflowId, before);
	};

	/** `runsAfter`, then the audit records of those executions about one employee (each run a success). */
	const recordsAfter = async (
		workflowId: string,
		employeeId: string,
		act: () => unknown,
		effect?: { until: () => unknown; label: string },
	): Promise<AuditRecord[]> => recordsFor(await runsAfter(workflowId, act, effect), employeeId);

	const hire = (first: string, last: string, extra: Record<string, unknown> = {}) =>
		factorial().createEmployee({
			first_name: first,
			last_name: last,
			email: `${first}.${last}@audit.example`.toLowerCase(),
			location_id: locationId,
			team_id: teams[0].id,
			job_title: 'Engineer',
			...extra,
		});

	beforeAll(async () => {
		emulators = await startEmulators({
			employees: 10,
			webhooks: { maxAttempts: 3, baseDelayMs: 200 },
		});
		teams = [...factorial().state.teams.byId.values()].map((t) => ({ id: t.id, name: t.name }));
		jumpCloud().reset({ groups: teams.map((t) => t.name) });
		const location = [...factorial().state.locations.byId.values()].find(
			(l) => l.timezone === 'Europe/Madrid',
		);
		if (!location) throw new Error('the seeded company has no Madrid location');
		locationId = location.id;
		// Changes made through the emulator's control API are delivered as made by employee 1 (an HR
		// admin): `x-factorial-author-id: 1`, `x-factorial-author-type: employee`.
		author = { id: '1', type: 'employee' };

		n8n = new N8n(host);
		await startWithLifecycleTemplates(n8n, emulators);
	}, 480_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	let hiredId = '';

	it('Joiner: a hire ends in one record: created, team group, activation scheduled, author from the delivery', async () => {
		const start = day(20);
		const runs = await runsAfter(
			JOINER,
			() => {
				hiredId = String(hire('Audrey', 'Hale', { contract_starts_on: start }).id);
			},
			{ until: () => userOf(hiredId), label: 'the new user' },
		);
		const user = userOf(hiredId)!;
		const records = recordsFor(runs, hiredId);

		expect(records).toHaveLength(1);
		const [record] = records;
		expect(auditRecordProblems(record)).toEqual([]);
		expect(record).toMatchObject({
			schema: AUDIT_SCHEMA,
			workflow: expect.stringContaining('Joiner'),
			event: 'employee.created',
			source: 'webhook',
			employeeId: hiredId,
			employeeName: 'Audrey Hale',
			authorId: author.id,
			authorType: author.type,
			jumpCloudUserId: user._id,
			jumpCloudUsername: 'audrey.hale',
			outcome: 'done',
			// Settings → dryRun off (test/e2e/lib/fixtures.ts), as after the quickstart's try-out.
			dryRun: false,
			wouldSend: [],
		});
		expect(record.actions.map((a) => [a.action, a.status])).toEqual([
			['createUser', 'done'],
			['addToTeamGroup', 'done'],
			['scheduleActivation', 'done'],
		]);
		expect(record.actions[1].detail).toContain(teams[0].name);
		expect(record.actions[2].detail).toContain(`${start}T09:00`);
		expect(record.actions[2].detail).toContain('Europe/Madrid');
		expect(Math.abs(Date.parse(record.at) - Date.now())).toBeLessThan(120_000);
	});

	it('Joiner: an inactive hire ends in one record, skipped with the reason, and no user', async () => {
		let id = '';
		const runs = await runsAfter(JOINER, () => {
			const employee = hire('Ines', 'Gone', {
				contract_starts_on: '2020-01-01',
				terminated_on: day(-3),
			});
			id = String(employee.id);
		});
		const records = recordsFor(runs, id);

		expect(records).toHaveLength(1);
		expect(auditRecordProblems(records[0])).toEqual([]);
		expect(records[0]).toMatchObject({
			event: 'employee.created',
			employeeId: id,
			authorId: author.id,
			authorType: author.type,
			jumpCloudUserId: '',
			jumpCloudUsername: '',
			outcome: 'skipped',
			actions: [{ action: 'createUser', status: 'skipped', detail: 'inactive in Factorial' }],
		});
		expect(userOf(id)).toBeUndefined();
	});

	it('Mover: a job change ends in one record: user updated, team groups checked', async () => {
		const records = (
			await recordsAfter(
				MOVER,
				hiredId,
				() => factorial().updateEmployee(hiredId, { job_title: 'Staff Engineer' }),
				{ until: () => userOf(hiredId)?.jobTitle === 'Staff Engineer', label: 'the new job title' },
			)
		).filter((r) => r.event === 'employee.updated');

		expect(records).toHaveLength(1);
		expect(auditRecordProblems(records[0])).toEqual([]);
		expect(records[0]).toMatchObject({
			employeeId: hiredId,
			authorId: author.id,
			jumpCloudUserId: userOf(hiredId)!._id,
			jumpCloudUsername: 'audrey.hale',
			outcome: 'done',
			// Settings → dryRun off (test/e2e/lib/fixtures.ts), as after the quickstart's try-out.
			dryRun: false,
			wouldSend: [],
		});
		expect(records[0].actions.map((a) => [a.action, a.status])).toEqual([
			['updateUser', 'done'],
			['setTeamGroups', 'done'],
		]);
		expect(records[0].actions[0].detail).toContain('jobTitle');
	});

	let leaverId = '';

	it('Leaver: a termination ends in one record saying when and by whom, with the scheduled suspension', async () => {
		// Someone who started already, so the user is active.
		leaverId = String(hire('Leo', 'Brandt', { contract_starts_on: '2021-03-01' }).id);
		await waitFor(() => userOf(leaverId)?.state === 'ACTIVATED', 'the active user', 60_000);
		const lastDay = day(9);
		const user = userOf(leaverId)!;
		const records = await recordsAfter(
			LEAVER,
			leaverId,
			() => factorial().terminateEmployee(leaverId, lastDay),
			{
				until: () => suspensionScheduled(user._id),
				label: 'the scheduled suspension',
			},
		);

		expect(records).toHaveLength(1);
		expect(auditRecordProblems(records[0])).toEqual([]);
		expect(records[0]).toMatchObject({
			event: 'employee.terminated',
			employeeId: leaverId,
			authorId: author.id,
			authorType: author.type,
			jumpCloudUserId: user._id,
			jumpCloudUsername: 'leo.brandt',
			outcome: 'done',
			actions: [{ action: 'scheduleSuspension', status: 'done' }],
		});
		expect(records[0].actions[0].detail).toContain(`${lastDay}T23:59`);
		expect(records[0].summary).toContain(`terminated on ${lastDay} by ${author.type} ${author.id}`);
	});

	it('Rehire: an untermination ends in one record: the scheduled suspension cancelled, the user active', async () => {
		const user = userOf(leaverId)!;
		const records = await recordsAfter(
			REHIRE,
			leaverId,
			() => factorial().unterminateEmployee(leaverId),
			{
				until: () => !suspensionScheduled(user._id),
				label: 'the cancelled suspension',
			},
		);

		expect(records).toHaveLength(1);
		expect(auditRecordProblems(records[0])).toEqual([]);
		expect(records[0]).toMatchObject({
			event: 'employee.unterminated',
			employeeId: leaverId,
			authorId: author.id,
			jumpCloudUserId: user._id,
			jumpCloudUsername: 'leo.brandt',
			outcome: 'done',
		});
		expect(records[0].actions.map((a) => [a.action, a.status])).toEqual([
			['cancelScheduledSuspension', 'done'],
			['reactivateUser', 'done'],
		]);
	});

	/** An employee who never got a JumpCloud user (hired before the integration: no Joiner run). */
	const withoutAccount = (first: string, last: string) => {
		const employee = factorial().createEmployee(
			{
				first_name: first,
				last_name: last,
				email: `${first}.${last}@audit.example`.toLowerCase(),
				location_id: locationId,
				team_id: teams[0].id,
				job_title: 'Engineer',
				contract_starts_on: '2021-03-01',
			},
			{ emit: false },
		);
		return String(employee.id);
	};
	const lookedUp = (id: string) =>
		`no JumpCloud user for employee ${id} (looked up by employee identifier, then email)`;

	it('Mover: an employee without a JumpCloud user: the run succeeds, one skipped record says so, no user is created', async () => {
		const id = withoutAccount('Nora', 'Keinkonto');
		const users = jumpCloud().users().length;
		const records = (
			await recordsAfter(MOVER, id, () =>
				factorial().updateEmployee(id, { job_title: 'Staff Engineer' }),
			)
		).filter((r) => r.event === 'employee.updated');

		expect(records).toHaveLength(1);
		expect(auditRecordProblems(records[0])).toEqual([]);
		expect(records[0]).toMatchObject({
			employeeId: id,
			employeeName: 'Nora Keinkonto',
			authorId: author.id,
			jumpCloudUserId: '',
			jumpCloudUsername: '',
			outcome: 'skipped',
			actions: [{ action: 'updateUser', status: 'skipped' }],
		});
		expect(records[0].actions[0].detail).toContain(lookedUp(id));
		expect(records[0].summary).toContain('no JumpCloud user');
		expect(userOf(id)).toBeUndefined();
		expect(jumpCloud().findUser({ email: 'nora.keinkonto@audit.example' })).toBeUndefined();
		expect(jumpCloud().users()).toHaveLength(users);
	});

	it('Leaver: an employee without a JumpCloud user: the run succeeds, one skipped record says so, nothing is suspended or scheduled', async () => {
		const id = withoutAccount('Otto', 'Ohnekonto');
		await settle();
		const users = JSON.stringify(jumpCloud().users());
		const jobs = JSON.stringify(jumpCloud().jobs());
		const records = await recordsAfter(LEAVER, id, () =>
			factorial().terminateEmployee(id, day(-1)),
		);

		expect(records).toHaveLength(1);
		expect(auditRecordProblems(records[0])).toEqual([]);
		expect(records[0]).toMatchObject({
			event: 'employee.terminated',
			employeeId: id,
			employeeName: 'Otto Ohnekonto',
			authorId: author.id,
			authorType: author.type,
			jumpCloudUserId: '',
			jumpCloudUsername: '',
			outcome: 'skipped',
			actions: [{ action: 'suspendUser', status: 'skipped' }],
		});
		expect(records[0].actions[0].detail).toContain(lookedUp(id));
		expect(records[0].summary).toContain(`terminated on ${day(-1)}`);
		expect(records[0].summary).toContain('no JumpCloud user');
		expect(JSON.stringify(jumpCloud().users())).toBe(users);
		expect(JSON.stringify(jumpCloud().jobs())).toBe(jobs);
	});

	it("Leaver: a user with the employee's work email but no employee identifier is never suspended: the run fails and names it", async () => {
		const id = withoutAccount('Paula', 'Unverknuepft');
		const [unlinked] = jumpCloud().insertUsers([
			{
				username: 'paula.manual',
				email: 'paula.unverknuepft@audit.example',
				firstname: 'Paula',
				lastname: 'Unverknuepft',
				state: 'ACTIVATED',
			},
		]);
		await settle();
		const jobs = JSON.stringify(jumpCloud().jobs());
		const [run] = await runsAfter(LEAVER, () => factorial().terminateEmployee(id, day(-1)));

		expect(run.status).toBe('error');
		expect(run.data).toContain(
			`JumpCloud user \\"paula.manual\\" has the email \\"paula.unverknuepft@audit.example\\" but no employee identifier`,
		);
		expect(auditItemsOf(run.data)).toEqual([]);
		expect(jumpCloud().findUser({ id: unlinked._id })?.state).toBe('ACTIVATED');
		expect(JSON.stringify(jumpCloud().jobs())).toBe(jobs);
	});

	it('Rehire: unterminating a hire who has not started leaves the user STAGED with its activation, the run succeeds and the records say so', async () => {
		const start = day(20);
		const id = String(hire('Stella', 'Wartet', { contract_starts_on: start }).id);
		const user = await waitFor(() => userOf(id), 'the staged user', 60_000);
		expect(user.state).toBe('STAGED');
		const jobsOf = () =>
			jumpCloud()
				.jobs()
				.filter((j) => j.userIds.includes(user._id))
				.map((j) => j.state)
				.sort();
		await waitFor(() => jobsOf().includes('ACTIVATED'), 'the scheduled activation', 60_000);
		await settle();
		// Terminated before the first day: the Leaver schedules the suspension at 23:59 on that day and
		// cancels the activation (a rescinded hire is never activated, issue 22).
		factorial().terminateEmployee(id, day(10));
		await waitFor(
			() => jobsOf().join() === 'SUSPENDED',
			'the scheduled suspension, the activation cancelled',
			60_000,
		);

		// One record per scheduled job (docs/audit.md): the suspension, cancelled; the activation is
		// scheduled again for 09:00 on the start date.
		const records = await recordsAfter(REHIRE, id, () => factorial().unterminateEmployee(id));

		expect(userOf(id)?.state).toBe('STAGED');
		expect(jobsOf()).toEqual(['ACTIVATED']);
		expect(records).toHaveLength(1);
		const [record] = records;
		expect(auditRecordProblems(record)).toEqual([]);
		expect(record).toMatchObject({
			event: 'employee.unterminated',
			employeeId: id,
			jumpCloudUserId: user._id,
			jumpCloudUsername: user.username,
		});
		expect(record.actions.map((a) => [a.action, a.status])).toEqual([
			['cancelScheduledSuspension', 'done'],
			['reactivateUser', 'skipped'],
			['scheduleActivation', 'done'],
		]);
		expect(record.actions[1].detail).toBe(
			'staged: not started yet, activation follows the start date',
		);
		expect(record.actions[2].detail).toContain(start);
		expect(record.summary).toContain('left staged (not started yet)');
	});

	/** The JumpCloud directory without the emulator's request counters. */
	const directory = () => {
		const { counters: _counters, ...rest } = jumpCloud().snapshot();
		return rest;
	};

	it('Joiner as shipped (Settings → dryRun on): a hire leaves JumpCloud unchanged, the record lists what it would send', async () => {
		// The shipped templates replace the ones with dry run off: same ids, same webhooks, same port.
		await settle();
		await n8n.stop();
		const shipped = (['joiner', 'mover', 'leaver', 'rehire'] as const).map((name) =>
			loadTemplate(name, { asShipped: true }),
		);
		await n8n.importWorkflows(shipped);
		await n8n.activate(shipped.map((w) => String(w.id)));
		await n8n.start({}, undefined, n8n.port);
		const before = directory();
		jumpCloud().resetCounters();

		const start = day(15);
		let id = '';
		const runs = await runsAfter(JOINER, () => {
			id = String(hire('Dora', 'Dry', { contract_starts_on: start }).id);
		});
		const records = recordsFor(runs, id);

		expect(jumpCloud().counters().write).toBe(0);
		expect(directory()).toEqual(before);
		expect(userOf(id)).toBeUndefined();
		expect(records).toHaveLength(1);
		const [record] = records;
		expect(auditRecordProblems(record)).toEqual([]);
		expect(record).toMatchObject({ employeeId: id, dryRun: true, outcome: 'skipped' });
		expect(record.summary).toMatch(/^Dry run, nothing written: /);
		expect(record.actions.map((a) => [a.action, a.status])).toEqual([
			['createUser', 'skipped'],
			['addToTeamGroup', 'skipped'],
			['scheduleActivation', 'skipped'],
		]);
		expect(record.actions[0].detail).toMatch(/^dry run, nothing written: /);
		expect(record.wouldSend).toEqual([
			{
				node: 'Create Staged User',
				method: 'POST',
				path: '/api/systemusers',
				body: expect.objectContaining({
					username: 'dora.dry',
					email: 'dora.dry@audit.example',
					employeeIdentifier: id,
					state: 'STAGED',
				}),
			},
			{
				node: 'Add to Team Group',
				method: 'POST',
				path: expect.stringMatching(/^\/api\/v2\/usergroups\/[0-9a-f]{24}\/members$/),
				body: expect.objectContaining({ op: 'add', type: 'user' }),
			},
			{
				node: 'Schedule Activation 09:00',
				method: 'POST',
				path: '/api/v2/bulk/userstates',
				body: expect.objectContaining({ state: 'ACTIVATED' }),
			},
		]);
	});

	it('Mover, Leaver and Rehire as shipped: a change, a termination and its undoing write nothing, each record says what it would send', async () => {
		const user = userOf(hiredId)!;
		const before = directory();
		jumpCloud().resetCounters();

		const moved = await recordsAfter(MOVER, hiredId, () =>
			factorial().updateEmployee(hiredId, { job_title: 'Principal Engineer' }),
		);
		const left = await recordsAfter(LEAVER, hiredId, () =>
			factorial().terminateEmployee(hiredId, day(5)),
		);
		const back = await recordsAfter(REHIRE, hiredId, () =>
			factorial().unterminateEmployee(hiredId),
		);

		expect(jumpCloud().counters().write).toBe(0);
		expect(directory()).toEqual(before);
		for (const record of [...moved, ...left, ...back]) {
			expect(auditRecordProblems(record)).toEqual([]);
			expect(record).toMatchObject({ dryRun: true, jumpCloudUserId: user._id });
			expect(record.actions.every((a) => a.status !== 'done')).toBe(true);
		}
		expect(moved.flatMap((r) => r.wouldSend)).toContainEqual({
			node: 'Update User',
			method: 'PUT',
			path: `/api/systemusers/${user._id}`,
			body: expect.objectContaining({ jobTitle: 'Principal Engineer' }),
		});
		expect(left.flatMap((r) => r.wouldSend)).toContainEqual({
			node: 'Schedule Suspension 23:59',
			method: 'POST',
			path: '/api/v2/bulk/userstates',
			body: expect.objectContaining({ state: 'SUSPENDED', user_ids: [user._id] }),
		});
		expect(back.length).toBeGreaterThan(0);
	});
});
