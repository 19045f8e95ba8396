/**
 * Joiner, Mover, Leaver and Rehire templates active under a real `n8n start`: HR changes made in the
 * Factorial emulator are delivered as real webhooks, and the JumpCloud emulator's state is asserted. Also:
 * a redelivered event changes nothing, and forged deliveries start no workflow.
 */
import { DateTime } from 'luxon';

import type { SystemUser } from '../emulators';
import { hostFromEnv } from './lib/host';
import {
	CHALLENGE_HEADER,
	deliverAsFactorial,
	startEmulators,
	startWithLifecycleTemplates,
	type Emulators,
} from './lib/fixtures';
import { N8n, sleep, waitFor } from './lib/n8n';

const host = hostFromEnv();
const day = (offsetDays: number) => DateTime.utc().plus({ days: offsetDays }).toISODate() as string;

describe(`n8n ${host.version}: Joiner, Mover, Leaver and Rehire templates on webhooks`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	let newYork: { id: string; name: string; timezone: string };
	let teams: Array<{ id: string; name: string }>;

	const factorial = () => emulators.factorial;
	const jumpCloud = () => emulators.jumpCloud;
	const userOf = (employeeId: string): SystemUser | undefined =>
		jumpCloud().findUser({ employeeIdentifier: employeeId });
	const settle = async () => {
		await factorial().waitForDeliveries(20_000);
	};
	/** The first finished one of the Joiner executions after the first `before` (those before the act). */
	const firstJoinerRunSince = async (before: number, what: string, timeoutMs: number) =>
		await waitFor(
			() =>
				n8n
					.executions('fjTplJoiner00001')
					.slice(before)
					.find((e) => e.status !== 'running' && e.status !== 'new'),
			what,
			timeoutMs,
		);

	beforeAll(async () => {
		emulators = await startEmulators({
			employees: 20,
			webhooks: { maxAttempts: 3, baseDelayMs: 200 },
		});
		teams = [...factorial().state.teams.byId.values()].map((t) => ({ id: t.id, name: t.name }));
		// The Mover manages the JumpCloud groups named like Factorial teams; an admin creates them once,
		// except for the last team (issue 16: a move into it must create the group, not fail).
		jumpCloud().reset({ groups: teams.slice(0, -1).map((t) => t.name) });
		const location = [...factorial().state.locations.byId.values()].find(
			(l) => l.timezone === 'America/New_York',
		);
		if (!location) throw new Error('the seeded company has no New York location');
		newYork = { id: location.id, name: location.name, timezone: location.timezone };

		n8n = new N8n(host);
		await startWithLifecycleTemplates(n8n, emulators);
		// Four workflows to import and activate through the CLI (one n8n process each) on a two-core machine.
	}, 480_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	/** Delivers an event the way the emulator does (right challenge), for cases the emulator cannot produce. */
	const deliver = (type: string, payload: Record<string, unknown>) =>
		deliverAsFactorial(factorial(), type, payload);

	const hire = (
		first: string,
		last: string,
		extra: Record<string, unknown> = {},
		options?: { emit?: boolean },
	) =>
		factorial().createEmployee(
			{
				first_name: first,
				last_name: last,
				email: `${first}.${last}@e2e.example`
					.toLowerCase()
					.normalize('NFD')
					.replace(/[\u0300-\u036f]/g, ''),
				location_id: newYork.id,
				team_id: teams[0].id,
				job_title: 'Engineer',
				...extra,
			},
			options,
		);

	let joinerId = '';

	it('Joiner: a new hire becomes one staged user with username, attributes, team group and a 09:00 local activation', async () => {
		// Someone already holds ana.garcia: the username policy must pick the next free one.
		jumpCloud().insertUsers([
			{
				username: 'ana.garcia',
				email: 'other.ana@e2e.example',
				employeeIdentifier: 'not-an-employee',
			},
		]);
		const start = day(14);
		const employee = hire('Ana', 'García', { contract_starts_on: start });
		joinerId = String(employee.id);
		const user = await waitFor(
			() => userOf(joinerId),
			'the JumpCloud user of the new hire',
			60_000,
		);
		await settle();
		await waitFor(
			() =>
				jumpCloud()
					.jobs()
					.some((j) => j.userIds.includes(user._id)),
			'the scheduled activation',
		);

		expect(user).toMatchObject({
			username: 'ana.garcia1',
			email: 'ana.garcia@e2e.example',
			firstname: 'Ana',
			lastname: 'García',
			displayname: 'Ana García',
			jobTitle: 'Engineer',
			department: teams[0].name,
			location: newYork.name,
			state: 'STAGED',
		});
		await waitFor(() => jumpCloud().groupsOf(user._id).length > 0, 'the team group');
		expect(jumpCloud().groupsOf(user._id)).toEqual([teams[0].name]);
		const jobs = jumpCloud()
			.jobs()
			.filter((j) => j.userIds.includes(user._id));
		expect(jobs).toHaveLength(1);
		expect(jobs[0].state).toBe('ACTIVATED');
		const nineLocal = DateTime.fromISO(`${start}T09:00:00`, { zone: newYork.timezone });
		expect(Date.parse(jobs[0].startDate)).toBe(nineLocal.toMillis());
	});

	it('Joiner: a redelivered event changes nothing (one user, one schedule)', async () => {
		const delivery = factorial()
			.deliveries()
			.filter(
				(d) =>
					d.type === 'employees/employee/create_with_contract' && String(d.payload.id) === joinerId,
			)
			.pop();
		const subscription = factorial()
			.subscriptions()
			.find((s) => s.id === delivery?.subscriptionId);
		expect(delivery && subscription).toBeTruthy();
		const response = await fetch(delivery!.targetUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				[CHALLENGE_HEADER]: String(subscription!.challenge),
			},
			body: JSON.stringify(delivery!.payload),
		});
		expect(response.status).toBe(200);
		// Give the second execution time to finish before asserting that it changed nothing.
		await sleep(4000);
		expect(
			jumpCloud()
				.users()
				.filter((u) => u.employeeIdentifier === joinerId),
		).toHaveLength(1);
		const user = userOf(joinerId)!;
		expect(
			jumpCloud()
				.jobs()
				.filter((j) => j.userIds.includes(user._id)),
		).toHaveLength(1);
	});

	let startedId = '';

	it('Joiner: a hire who started already is activated now', async () => {
		const started = hire('Kenji', 'Sato', {
			contract_starts_on: '2020-01-06',
			team_id: teams[1].id,
		});
		startedId = String(started.id);
		const user = await waitFor(
			() => userOf(startedId),
			'the user of the hire who already started',
			60_000,
		);
		await waitFor(() => userOf(startedId)?.state === 'ACTIVATED', 'immediate activation');
		expect(user.username).toBe('kenji.sato');
		// The group is added in the same run, after the activation.
		await waitFor(() => jumpCloud().groupsOf(user._id).length > 0, 'the team group');
		expect(jumpCloud().groupsOf(user._id)).toEqual([teams[1].name]);
		expect(
			jumpCloud()
				.jobs()
				.filter((j) => j.userIds.includes(user._id)),
		).toHaveLength(0);
	});

	it('Joiner: a hire without a work email is skipped and the reason recorded, not dropped silently', async () => {
		// Factorial's create requires an email; a record can lose it later (and deliveries can carry null).
		const employee = hire('Sin', 'Correo', {}, { emit: false });
		factorial().updateEmployee(String(employee.id), { email: null }, { emit: false });
		const before = n8n.executions('fjTplJoiner00001').length;
		expect(
			(
				await deliver(
					'employees/employee/create_with_contract',
					factorial().getEmployee(String(employee.id))!,
				)
			).status,
		).toBe(200);
		const run = await firstJoinerRunSince(
			before,
			'the joiner execution for the hire without email',
			30_000,
		);
		expect(run.status).toBe('success');
		expect(run.data).toContain('Skipped: Not Provisioned');
		expect(run.data).toContain('no work email in Factorial');
		expect(userOf(String(employee.id))).toBeUndefined();
	});

	it('Mover: name, email, job and team changes update the user and move its team group', async () => {
		factorial().updateEmployee(startedId, {
			last_name: 'Tanaka',
			email: 'kenji.tanaka@e2e.example',
			job_title: 'Staff Engineer',
			team_id: teams[2].id,
		});
		await settle();
		const user = await waitFor(
			() => {
				const u = userOf(startedId);
				return u &&
					u.lastname === 'Tanaka' &&
					u.department === teams[2].name &&
					jumpCloud().groupsOf(u._id).join() === teams[2].name
					? u
					: undefined;
			},
			'the moved user',
			60_000,
		);
		expect(user).toMatchObject({
			username: 'kenji.sato',
			email: 'kenji.tanaka@e2e.example',
			displayname: 'Kenji Tanaka',
			jobTitle: 'Staff Engineer',
			state: 'ACTIVATED',
		});
	});

	it('Leaver and Rehire: a future termination schedules the suspension at 23:59 local; unterminating cancels it', async () => {
		const leaver = hire('Lena', 'Fischer', { contract_starts_on: '2021-03-01' });
		const user = await waitFor(() => userOf(String(leaver.id)), 'the leaver user', 60_000);
		await waitFor(
			() => userOf(String(leaver.id))?.state === 'ACTIVATED',
			'the leaver user activated',
		);
		const lastDay = day(10);
		factorial().terminateEmployee(String(leaver.id), lastDay);
		const suspension = await waitFor(
			() =>
				jumpCloud()
					.jobs()
					.find((j) => j.userIds.includes(user._id) && j.state === 'SUSPENDED'),
			'the scheduled suspension',
			60_000,
		);
		const endOfDay = DateTime.fromISO(`${lastDay}T23:59:00`, { zone: newYork.timezone });
		expect(Date.parse(suspension.startDate)).toBe(endOfDay.toMillis());
		expect(userOf(String(leaver.id))?.state).toBe('ACTIVATED');

		factorial().unterminateEmployee(String(leaver.id));
		await waitFor(
			() =>
				!jumpCloud()
					.jobs()
					.some((j) => j.userIds.includes(user._id) && j.state === 'SUSPENDED'),
			'the cancelled suspension',
			60_000,
		);
		expect(userOf(String(leaver.id))?.state).toBe('ACTIVATED');
	});

	it('Leaver and Rehire: a termination effective already suspends now; unterminating reactivates', async () => {
		const leaver = hire('Omar', 'Haddad', { contract_starts_on: '2019-05-01' });
		await waitFor(
			() => userOf(String(leaver.id))?.state === 'ACTIVATED',
			'the user activated',
			60_000,
		);
		// Two days back: the end of that day has passed in every time zone.
		factorial().terminateEmployee(String(leaver.id), day(-2));
		await waitFor(
			() => userOf(String(leaver.id))?.state === 'SUSPENDED',
			'the immediate suspension',
			60_000,
		);
		factorial().unterminateEmployee(String(leaver.id));
		await waitFor(
			() => userOf(String(leaver.id))?.state === 'ACTIVATED',
			'the reactivation',
			60_000,
		);
	});

	it('Mover: a move into a team that has no JumpCloud group creates the group; the run succeeds', async () => {
		const groupless = teams[teams.length - 1];
		expect(
			jumpCloud()
				.groups()
				.some((g) => g.name === groupless.name),
		).toBe(false);
		const mover = hire('Mia', 'Wong', { contract_starts_on: '2022-04-04', team_id: teams[0].id });
		const id = String(mover.id);
		const user = await waitFor(() => userOf(id), 'the mover user', 60_000);
		await waitFor(() => jumpCloud().groupsOf(user._id).length > 0, 'the first team group');
		const before = n8n.executions('fjTplMover000001').length;
		factorial().updateEmployee(id, { team_id: groupless.id });
		await waitFor(
			() => jumpCloud().groupsOf(user._id).join() === groupless.name,
			'the user in the new team group',
			60_000,
		);
		expect(
			jumpCloud()
				.groups()
				.filter((g) => g.name === groupless.name),
		).toHaveLength(1);
		expect(userOf(id)?.department).toBe(groupless.name);
		await settle();
		const runs = await waitFor(
			() => {
				const done = n8n
					.executions('fjTplMover000001')
					.slice(before)
					.filter((e) => e.status !== 'running' && e.status !== 'new');
				return done.length ? done : undefined;
			},
			'the mover executions',
			30_000,
		);
		for (const run of runs) expect(run.status).toBe('success');
	});

	it('Joiner: a hire whose user is suspended (same employee) is reactivated instead of failing', async () => {
		const back = hire('Ravi', 'Menon', { contract_starts_on: '2020-09-01' });
		const id = String(back.id);
		await waitFor(() => userOf(id)?.state === 'ACTIVATED', 'the user activated', 60_000);
		factorial().terminateEmployee(id, day(-2));
		await waitFor(() => userOf(id)?.state === 'SUSPENDED', 'the suspension', 60_000);
		// The record is active again in Factorial (no event, so only the Joiner acts), then the hire is
		// delivered again.
		factorial().state.employees.byId.get(id)!.terminated_on = null;
		const before = n8n.executions('fjTplJoiner00001').length;
		expect(
			(await deliver('employees/employee/create_with_contract', factorial().getEmployee(id)!))
				.status,
		).toBe(200);
		await waitFor(
			() => userOf(id)?.state === 'ACTIVATED',
			'the reactivation by the Joiner',
			60_000,
		);
		const run = await firstJoinerRunSince(before, 'the joiner execution', 30_000);
		expect(run.status).toBe('success');
		expect(
			jumpCloud()
				.users()
				.filter((u) => u.employeeIdentifier === id),
		).toHaveLength(1);
	});

	it('Joiner: a person rehired as a new Factorial record gets the suspended user back, relinked, reactivated at 09:00 local on the new start', async () => {
		// The HR employee number proves it is the same person (issue 21: a freed email alone is no proof).
		const first = hire('Sofia', 'Rossi', {
			contract_starts_on: '2018-02-01',
			company_identifier: 'E-ROSSI',
		});
		const oldId = String(first.id);
		const user = await waitFor(() => userOf(oldId), 'the first user', 60_000);
		await waitFor(() => userOf(oldId)?.state === 'ACTIVATED', 'the first user activated', 60_000);
		factorial().terminateEmployee(oldId, day(-30));
		await waitFor(() => userOf(oldId)?.state === 'SUSPENDED', 'the suspension', 60_000);
		await settle();
		// HR frees the old record's email and hires the person again as a new employee.
		factorial().updateEmployee(oldId, { email: 'sofia.rossi.old@e2e.example' }, { emit: false });
		const start = day(12);
		const joinerBefore = n8n.executions('fjTplJoiner00001').length;
		const again = hire('Sofia', 'Rossi', {
			contract_starts_on: start,
			job_title: 'Lead',
			company_identifier: 'E-ROSSI',
		});
		const newId = String(again.id);
		await waitFor(() => userOf(newId), 'the user relinked to the new employee', 60_000);
		await settle();
		const jobs = await waitFor(
			() => {
				const list = jumpCloud()
					.jobs()
					.filter((j) => j.userIds.includes(user._id));
				return list.length ? list : undefined;
			},
			'the scheduled reactivation',
			30_000,
		);
		expect(userOf(newId)).toMatchObject({
			_id: user._id,
			username: user.username,
			state: 'SUSPENDED',
			jobTitle: 'Lead',
		});
		expect(userOf(oldId)).toBeUndefined();
		expect(
			jumpCloud()
				.users()
				.filter((u) => u.email === 'sofia.rossi@e2e.example'),
		).toHaveLength(1);
		expect(jobs).toHaveLength(1);
		expect(jobs[0].state).toBe('ACTIVATED');
		expect(Date.parse(jobs[0].startDate)).toBe(
			DateTime.fromISO(`${start}T09:00:00`, { zone: newYork.timezone }).toMillis(),
		);
		// The Joiner relinked it, without an error and without a second user.
		await sleep(2000);
		const joinerRuns = n8n
			.executions('fjTplJoiner00001')
			.slice(joinerBefore)
			.filter((e) => e.status !== 'running' && e.status !== 'new');
		expect(joinerRuns.filter((e) => e.status !== 'success')).toEqual([]);
		// On the start date JumpCloud runs the job: the person is back.
		jumpCloud().runScheduledJobs(
			DateTime.fromISO(jobs[0].startDate).plus({ minutes: 1 }).toJSDate(),
		);
		expect(userOf(newId)?.state).toBe('ACTIVATED');
	});

	it('Joiner: a suspended user of an employee who is NOT terminated is never handed to a new hire', async () => {
		const holder = hire('Noa', 'Levi', { contract_starts_on: '2019-01-07' });
		const holderId = String(holder.id);
		const user = await waitFor(() => userOf(holderId), 'the holder user', 60_000);
		await waitFor(() => userOf(holderId)?.state === 'ACTIVATED', 'activated', 60_000);
		// Suspended by hand in JumpCloud (not a termination), email freed in Factorial.
		Object.assign(jumpCloud().findUser({ id: user._id })!, { state: 'SUSPENDED', suspended: true });
		factorial().updateEmployee(holderId, { email: 'noa.levi.other@e2e.example' }, { emit: false });
		const before = n8n.executions('fjTplJoiner00001').length;
		const other = hire('Noa', 'Levi', { contract_starts_on: '2026-01-05' });
		const run = await firstJoinerRunSince(before, 'the joiner execution', 60_000);
		await settle();
		expect(run.status).toBe('success');
		expect(run.data).toContain('Not Relinked');
		expect(run.data).toContain('who is not terminated in Factorial');
		expect(userOf(holderId)?._id).toBe(user._id);
		expect(userOf(String(other.id))).toBeUndefined();
	});

	it('forged deliveries (no or wrong challenge) start nothing', async () => {
		// A seeded employee with no JumpCloud user: any workflow run for it would create one.
		const victim = [...factorial().state.employees.byId.values()].find(
			(e) => e.email && !e.terminated_on && !userOf(e.id),
		);
		expect(victim).toBeDefined();
		const subscription = factorial()
			.subscriptions()
			.find((s) => s.type === 'employees/employee/create_with_contract')!;
		const payload = factorial().getEmployee(victim!.id);
		const statuses: number[] = [];
		for (const headers of [
			{},
			{ [CHALLENGE_HEADER]: 'not-the-challenge' },
			{ [CHALLENGE_HEADER]: '' },
		]) {
			const response = await fetch(subscription.target_url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify(payload),
			});
			statuses.push(response.status);
		}
		await sleep(4000);
		expect(userOf(victim!.id)).toBeUndefined();
		// Refused outright, or acknowledged without starting a run; never a server error.
		for (const status of statuses) expect(status).toBeLessThan(500);
	});
	/** IT suspends the user in JumpCloud (incident response), through the API: no sync mark. */
	const itSuspends = async (userId: string) => {
		const res = await fetch(`${jumpCloud().url}/api/systemusers/${userId}`, {
			method: 'PUT',
			headers: { 'x-api-key': jumpCloud().apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ state: 'SUSPENDED' }),
		});
		expect(res.status).toBe(200);
	};
	const finishedRunsSince = (workflowId: string, before: number) =>
		n8n
			.executions(workflowId)
			.slice(before)
			.filter((e) => e.status !== 'running' && e.status !== 'new');

	it('Joiner: a new record with a freed email and no employee number never gets the old account', async () => {
		const first = hire('Paul', 'Klein', {
			contract_starts_on: '2018-02-01',
			company_identifier: 'E-KLEIN',
		});
		const oldId = String(first.id);
		const user = await waitFor(() => userOf(oldId), 'the first user', 60_000);
		await waitFor(() => userOf(oldId)?.state === 'ACTIVATED', 'the first user activated', 60_000);
		factorial().terminateEmployee(oldId, day(-30));
		await waitFor(() => userOf(oldId)?.state === 'SUSPENDED', 'the suspension', 60_000);
		await settle();
		const groupsBefore = jumpCloud().groupsOf(user._id);
		factorial().updateEmployee(oldId, { email: 'paul.klein.old@e2e.example' }, { emit: false });
		const joinerBefore = n8n.executions('fjTplJoiner00001').length;
		// Someone else gets the freed work email, without the earlier employee number.
		const stranger = hire('Paul', 'Klein', { contract_starts_on: day(5) });
		await waitFor(
			() => finishedRunsSince('fjTplJoiner00001', joinerBefore)[0],
			'the Joiner run',
			60_000,
		);
		await settle();
		expect(userOf(String(stranger.id))).toBeUndefined();
		expect(userOf(oldId)).toMatchObject({ _id: user._id, state: 'SUSPENDED' });
		expect(jumpCloud().groupsOf(user._id)).toEqual(groupsBefore);
		expect(
			jumpCloud()
				.jobs()
				.filter((j) => j.userIds.includes(user._id)),
		).toEqual([]);
		expect(
			finishedRunsSince('fjTplJoiner00001', joinerBefore).filter((e) => e.status !== 'success'),
		).toEqual([]);
	});

	it("Leaver, then IT suspends, then Rehire: IT's suspension survives the untermination", async () => {
		const person = hire('Lina', 'Berg', { contract_starts_on: '2019-05-01' });
		const id = String(person.id);
		const user = await waitFor(() => userOf(id), 'the user', 60_000);
		await waitFor(() => userOf(id)?.state === 'ACTIVATED', 'the user activated', 60_000);
		// A future termination: the Leaver schedules the sync's suspension (and marks that instant).
		factorial().terminateEmployee(id, day(10));
		await waitFor(
			() =>
				jumpCloud()
					.jobs()
					.some((j) => j.userIds.includes(user._id) && j.state === 'SUSPENDED'),
			'the scheduled suspension',
			60_000,
		);
		await settle();
		// An incident: IT suspends the account now.
		await itSuspends(user._id);
		const rehireBefore = n8n.executions('fjTplRehire00001').length;
		factorial().unterminateEmployee(id);
		await waitFor(
			() => finishedRunsSince('fjTplRehire00001', rehireBefore)[0],
			'the Rehire run',
			60_000,
		);
		await settle();
		await sleep(1000);
		expect(userOf(id)?.state).toBe('SUSPENDED');
		expect(
			jumpCloud()
				.jobs()
				.filter((j) => j.userIds.includes(user._id)),
		).toEqual([]);
		expect(
			finishedRunsSince('fjTplRehire00001', rehireBefore).filter((e) => e.status !== 'success'),
		).toEqual([]);
	});
});
