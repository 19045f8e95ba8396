/**
 * The lifecycle paths lifecycle.e2e.test.ts does not drive, under a real `n8n start` against the emulators,
 * each proven by the JumpCloud emulator's final state (issue 16): the Joiner's inactive-hire branch (shipped
 * template, webhook), the Leaver and Mover on the Factorial Poll Trigger (the templates with only the trigger
 * swapped, as docs/templates.md describes), and the JumpCloud node's admin operations (unlock, reset MFA,
 * expire and set a password, delete) run by a workflow. Each test also asserts that every other user, group
 * membership and scheduled job is exactly as before. The Joiner and the Mover run with write-back to Factorial
 * set in their Settings (issue 25): the username and email land in Factorial's custom fields.
 */
import { DateTime } from 'luxon';

import type { SystemUser } from '../emulators';
import { PACKAGE_NAME, fastestPolling, hostFromEnv } from './lib/host';
import {
	CHALLENGE_HEADER,
	TEMPLATE_CREDENTIALS,
	loadTemplate,
	nodeOf,
	setSetting,
	startEmulators,
	startWithActiveWorkflows,
	variant,
	type Emulators,
} from './lib/fixtures';
import { N8n, waitFor, type WorkflowEntry } from './lib/n8n';

const host = hostFromEnv();
const polling = fastestPolling(host);
// A poll-driven test waits for polls: minutes on hosts that poll at most once a minute.
jest.setTimeout(Math.max(240_000, 2 * polling.everyMs + 180_000));
const day = (offsetDays: number) => DateTime.utc().plus({ days: offsetDays }).toISODate() as string;

const JOINER_ID = 'fjTplJoiner00001';
const MOVER_POLL_ID = 'fjMoreMoverPoll1';
const LEAVER_POLL_ID = 'fjMoreLeaverPol1';
const ADMIN_ID = 'fjMoreAdminOps01';
const ADMIN_PATH = 'fj-e2e-admin-ops';
/** Only in the Set Password node's parameters: it must end up in JumpCloud and in no execution's data. */
const NEW_PASSWORD = 'Tr0ub4dor-e2e-Horse-91';
/** The Factorial custom fields the Joiner and the Mover write the JumpCloud identity into (Settings). */
const USERNAME_FIELD = 'JumpCloud Username';
const EMAIL_FIELD = 'JumpCloud Email';

/** A template with write-back to Factorial turned on the way an admin does it: two labels in Settings. */
function withWriteBack(template: WorkflowEntry): WorkflowEntry {
	setSetting(template, 'writeBackUsernameField', USERNAME_FIELD);
	return setSetting(template, 'writeBackEmailField', EMAIL_FIELD);
}

/** A template with its webhook trigger replaced by the Factorial Poll Trigger (same node name). */
function onPollTrigger(template: WorkflowEntry, id: string, name: string): WorkflowEntry {
	const workflow = variant(template, id, name);
	const trigger = nodeOf(workflow, 'Factorial Trigger');
	// Only the events polling can see: the Poll Trigger refuses the webhook-only contract_version events.
	const events = (trigger.parameters.events as string[]).filter(
		(event) => !event.startsWith('contract_version.'),
	);
	Object.assign(trigger, {
		type: `${PACKAGE_NAME}.factorialPollTrigger`,
		typeVersion: 1,
		credentials: { factorialApi: TEMPLATE_CREDENTIALS.factorial },
		parameters: {
			authentication: 'apiKey',
			events,
			options: {},
			pollTimes: polling.pollTimes,
		},
	});
	delete trigger.webhookId;
	return workflow;
}

/** Webhook → Unlock → Reset MFA → Expire Password (one user) → Set Password (another) → Delete (a third). */
function adminOpsWorkflow(): WorkflowEntry {
	const credentials = { jumpCloudApi: TEMPLATE_CREDENTIALS.jumpCloud };
	const user = (field: string) => ({
		__rl: true,
		mode: 'employeeIdentifier',
		value: `={{ $('Admin Request').item.json.body.${field} }}`,
	});
	const op = (name: string, x: number, parameters: Record<string, unknown>) => ({
		id: `${ADMIN_ID}-${x}`,
		name,
		type: `${PACKAGE_NAME}.jumpCloud`,
		typeVersion: 1,
		position: [x * 220, 0],
		credentials,
		parameters: { authentication: 'apiKey', resource: 'user', ...parameters },
	});
	const nodes = [
		{
			id: `${ADMIN_ID}-0`,
			name: 'Admin Request',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'f0c7a1e2-00ad-4a6b-9c1d-5e3f2a1b0cad',
			parameters: { httpMethod: 'POST', path: ADMIN_PATH, responseMode: 'lastNode', options: {} },
		},
		op('Unlock', 1, { operation: 'unlock', user: user('lockedOut') }),
		op('Reset MFA', 2, {
			operation: 'resetMfa',
			user: user('lockedOut'),
			exclusionDays: 3,
			options: {},
		}),
		op('Expire Password', 3, { operation: 'expirePassword', user: user('lockedOut') }),
		op('Set Password', 4, {
			operation: 'setPassword',
			user: user('newPassword'),
			password: NEW_PASSWORD,
			requireChange: false,
		}),
		op('Delete', 5, { operation: 'delete', user: user('leaving'), options: {} }),
	];
	const chain = nodes.map((n) => n.name);
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < chain.length - 1; i++)
		connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	return {
		id: ADMIN_ID,
		name: 'JumpCloud admin operations (e2e)',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

describe(`n8n ${host.version}: inactive hire, poll-driven Leaver and Mover, admin operations`, () => {
	let emulators: Emulators;
	let n8n: N8n;
	const picked = new Set<string>();

	const factorial = () => emulators.factorial;
	const jumpCloud = () => emulators.jumpCloud;
	const userOf = (employeeId: string): SystemUser | undefined =>
		jumpCloud().findUser({ employeeIdentifier: employeeId });

	/** Every user (with its groups) and every scheduled job, as text, keyed by user id. */
	const directory = () => {
		const jobs = jumpCloud().jobs();
		return new Map(
			jumpCloud()
				.users()
				.map((u) => [
					u._id,
					JSON.stringify({
						user: u,
						groups: jumpCloud().groupsOf(u._id).sort(),
						jobs: jobs
							.filter((j) => j.userIds.includes(u._id))
							.map((j) => ({ state: j.state, startDate: j.startDate })),
					}),
				]),
		);
	};
	/** Ids of users that appeared, disappeared or changed since `before`, apart from `except`. */
	const changedSince = (before: Map<string, string>, except: string[] = []) => {
		const after = directory();
		const ids = new Set([...before.keys(), ...after.keys()]);
		return [...ids].filter((id) => !except.includes(id) && before.get(id) !== after.get(id));
	};

	/** A copy of a user's record as the emulator holds it (findUser hands out the live object). */
	const recordOf = (userId: string) => structuredClone(jumpCloud().findUser({ id: userId }));

	/** A seeded employee, active and not terminating, whose ACTIVATED user manages nobody; once each. */
	const pickEmployee = () => {
		const managers = new Set(
			jumpCloud()
				.users()
				.map((u) => u.manager)
				.filter(Boolean),
		);
		const employee = [...factorial().state.employees.byId.values()].find((e) => {
			const user = userOf(String(e.id));
			return (
				!picked.has(String(e.id)) &&
				!e.terminated_on &&
				e.email &&
				user?.state === 'ACTIVATED' &&
				!managers.has(user._id) &&
				jumpCloud().groupsOf(user._id).length === 1
			);
		});
		if (!employee)
			throw new Error('the seeded company has no unpicked active employee with a user');
		picked.add(String(employee.id));
		return { employee, user: userOf(String(employee.id))! };
	};

	/** The employee's custom field value records (label → record), as the Factorial emulator holds them. */
	const customValuesOf = (employeeId: string) =>
		Object.fromEntries(
			[...factorial().state.customFieldValues.byId.values()]
				.filter((v) => v.valuable_id === employeeId && v.valuable_type === 'Employee')
				.map((v) => [factorial().state.customFields.get(v.field_id)?.label_text, { ...v }]),
		);

	const finishedRuns = (workflowId: string, before: number) =>
		n8n
			.executions(workflowId)
			.slice(before)
			.filter((e) => e.status !== 'running' && e.status !== 'new' && e.status !== 'waiting');

	beforeAll(async () => {
		// The JumpCloud org mirrors the seeded company exactly: a user per employee, a group per team.
		emulators = await startEmulators(
			{ employees: 20 },
			{ mirror: { employees: 20, missingRate: 0, changedRate: 0, staleRate: 0 } },
		);
		// HR made the two custom fields in Factorial; the admin named them in the Joiner's and Mover's Settings.
		factorial().addCustomField({ label: USERNAME_FIELD });
		factorial().addCustomField({ label: EMAIL_FIELD });
		n8n = new N8n(host);
		const workflows = [
			withWriteBack(loadTemplate('joiner')),
			onPollTrigger(withWriteBack(loadTemplate('mover')), MOVER_POLL_ID, 'Mover (polling)'),
			onPollTrigger(loadTemplate('leaver'), LEAVER_POLL_ID, 'Leaver (polling)'),
			adminOpsWorkflow(),
		];
		// Activation polls once: that first poll records the company as the baseline and emits nothing.
		await startWithActiveWorkflows(
			n8n,
			emulators,
			workflows,
			1,
			'the Joiner’s webhook subscription',
		);
	}, 480_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulators?.close();
	});

	it('Joiner (as shipped): a hire no longer active when the Joiner reads it creates no user and says why', async () => {
		const team = [...factorial().state.teams.byId.values()][0];
		const before = directory();
		const runsBefore = n8n.executions(JOINER_ID).length;
		// Hired and, before the Joiner read the record, terminated with a date that has passed: the
		// delivery's full record (Fetch Full Record) and Get Employee see `active: false`.
		const hire = factorial().createEmployee({
			first_name: 'Ines',
			last_name: 'Cancelada',
			email: 'ines.cancelada@e2e.example',
			team_id: team.id,
			job_title: 'Engineer',
			contract_starts_on: day(-20),
		});
		const id = String(hire.id);
		factorial().terminateEmployee(id, day(-1));
		expect(factorial().getEmployee(id)).toMatchObject({ active: false });

		const [run] = await waitFor(
			() => {
				const done = finishedRuns(JOINER_ID, runsBefore);
				return done.length ? done : undefined;
			},
			'the Joiner execution for the inactive hire',
			60_000,
		);
		await factorial().waitForDeliveries(20_000);
		expect(run.status).toBe('success');
		// The reason is recorded (loosely: the templates' final items may change shape).
		expect(run.data).toMatch(/inactive/i);
		// Final state: no user for the hire, no user with its email, and nothing else changed.
		expect(userOf(id)).toBeUndefined();
		expect(jumpCloud().findUser({ email: 'ines.cancelada@e2e.example' })).toBeUndefined();
		expect(changedSince(before)).toEqual([]);
	});

	it('Joiner with write-back in Settings: the new hire’s JumpCloud username and email appear in Factorial’s custom fields; a second delivery writes nothing', async () => {
		const team = [...factorial().state.teams.byId.values()][0];
		const runsBefore = n8n.executions(JOINER_ID).length;
		const hire = factorial().createEmployee({
			first_name: 'Wanda',
			last_name: 'Schreiber',
			email: 'wanda.schreiber@e2e.example',
			team_id: team.id,
			job_title: 'Engineer',
			contract_starts_on: day(10),
		});
		const id = String(hire.id);
		const [first] = await waitFor(
			() => {
				const done = finishedRuns(JOINER_ID, runsBefore);
				return done.length ? done : undefined;
			},
			'the Joiner execution for the new hire',
			90_000,
		);
		await factorial().waitForDeliveries(20_000);
		expect(first.status).toBe('success');
		const user = userOf(id)!;
		expect(user).toMatchObject({ username: 'wanda.schreiber', state: 'STAGED' });
		const written = customValuesOf(id);
		expect(Object.keys(written).sort()).toEqual([EMAIL_FIELD, USERNAME_FIELD]);
		expect(written[USERNAME_FIELD].value).toBe(user.username);
		expect(written[EMAIL_FIELD].value).toBe('wanda.schreiber@e2e.example');
		expect(first.data).toMatch(
			/written to Factorial: username wanda\.schreiber in JumpCloud Username/,
		);
		expect(factorial().contractViolations()).toEqual([]);

		// Factorial sends the event again after an HR edit it sent no event for (a phone number): the
		// trigger takes it as a new version, the Joiner runs to the end, and write-back finds both equal.
		factorial().updateEmployee(id, { phone_number: '+34 600 111 222' }, { emit: false });
		const delivery = factorial()
			.deliveries()
			.filter(
				(d) => d.type === 'employees/employee/create_with_contract' && String(d.payload.id) === id,
			)
			.pop()!;
		const subscription = factorial()
			.subscriptions()
			.find((s) => s.id === delivery.subscriptionId)!;
		factorial().resetCounters();
		const response = await fetch(delivery.targetUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				[CHALLENGE_HEADER]: String(subscription.challenge),
			},
			body: JSON.stringify({ ...delivery.payload, updated_at: new Date().toISOString() }),
		});
		expect(response.status).toBe(200);
		const [second] = await waitFor(
			() => {
				const done = finishedRuns(JOINER_ID, runsBefore + 1);
				return done.length ? done : undefined;
			},
			'the second Joiner execution',
			90_000,
		);
		expect(second.status).toBe('success');
		// The write-back ran (it read the fields) and wrote nothing: no write request, same records.
		expect(factorial().counters().byRoute['GET custom_fields/fields']).toBeGreaterThan(0);
		expect(factorial().counters().write).toBe(0);
		expect(customValuesOf(id)).toEqual(written);
		expect(second.data).toMatch(/already in Factorial/);
	});

	it('Mover (poll trigger): a name, email and team change updates that user and moves its team group, nothing else', async () => {
		const { employee, user } = pickEmployee();
		const id = String(employee.id);
		const from = jumpCloud().groupsOf(user._id)[0];
		const to = [...factorial().state.teams.byId.values()].find((t) => t.name !== from)!;
		const before = directory();
		const record = recordOf(user._id)!;
		const runsBefore = n8n.executions(MOVER_POLL_ID).length;

		factorial().updateEmployee(id, {
			last_name: 'Moved',
			email: 'moved.person@e2e.example',
			team_id: to.id,
		});
		const moved = await waitFor(
			() => {
				const u = userOf(id);
				return u &&
					u.lastname === 'Moved' &&
					u.department === to.name &&
					jumpCloud().groupsOf(u._id).join() === to.name
					? u
					: undefined;
			},
			'the user moved by the polled Mover',
			polling.everyMs + 85_000,
		);
		expect(moved).toMatchObject({
			_id: user._id,
			username: user.username,
			firstname: employee.first_name,
			lastname: 'Moved',
			displayname: `${employee.first_name} Moved`,
			email: 'moved.person@e2e.example',
			department: to.name,
			state: 'ACTIVATED',
		});
		// Only the changed attributes changed (the seeded record already matched Factorial otherwise).
		expect(recordOf(user._id)).toEqual({
			...record,
			lastname: 'Moved',
			displayname: `${employee.first_name} Moved`,
			email: 'moved.person@e2e.example',
			department: to.name,
		});
		// The old team group lost exactly this member and kept the others.
		const oldGroup = jumpCloud()
			.groups()
			.find((g) => g.name === from)!;
		expect(oldGroup.memberIds).not.toContain(user._id);
		// The directory changes before the run ends (the audit record comes after): wait for it.
		const runs = await waitFor(
			() => {
				const done = finishedRuns(MOVER_POLL_ID, runsBefore);
				return done.length ? done : undefined;
			},
			'the finished mover run',
			30_000,
		);
		expect(runs.length).toBeGreaterThan(0);
		for (const run of runs) expect(run.status).toBe('success');
		expect(changedSince(before, [user._id])).toEqual([]);
		// Write-back: Factorial now shows the user's username and its new email.
		const values = customValuesOf(id);
		expect(values[USERNAME_FIELD]?.value).toBe(user.username);
		expect(values[EMAIL_FIELD]?.value).toBe('moved.person@e2e.example');
	});

	it('Leaver (poll trigger): a termination effective already suspends that user now, nothing else', async () => {
		const { employee, user } = pickEmployee();
		const id = String(employee.id);
		const before = directory();
		const groupsBefore = jumpCloud().groupsOf(user._id);
		const record = recordOf(user._id)!;
		const runsBefore = n8n.executions(LEAVER_POLL_ID).length;

		// Two days back: the end of that day has passed in every time zone.
		factorial().terminateEmployee(id, day(-2));
		await waitFor(
			() => userOf(id)?.state === 'SUSPENDED',
			'the polled suspension',
			polling.everyMs + 85_000,
		);
		// The sync records its suspension on the user, with the other custom attributes (issue 21).
		expect(recordOf(user._id)).toEqual({
			...record,
			state: 'SUSPENDED',
			suspended: true,
			attributes: [
				...((record.attributes as unknown[]) ?? []),
				{ name: 'factorialSyncSuspendedAt', value: expect.any(String) },
			],
		});
		// Suspension keeps the account and its groups (a rehire gets them back); no job left behind.
		expect(jumpCloud().groupsOf(user._id)).toEqual(groupsBefore);
		expect(
			jumpCloud()
				.jobs()
				.filter((j) => j.userIds.includes(user._id)),
		).toEqual([]);
		expect(changedSince(before, [user._id])).toEqual([]);
		// The directory changes before the run ends (the audit record comes after): wait for it.
		const runs = await waitFor(
			() => {
				const done = finishedRuns(LEAVER_POLL_ID, runsBefore);
				return done.length ? done : undefined;
			},
			'the finished leaver run',
			30_000,
		);
		expect(runs.length).toBeGreaterThan(0);
		for (const run of runs) expect(run.status).toBe('success');
	});

	it('Leaver (poll trigger): a future termination schedules that user’s suspension at 23:59 local, nothing else', async () => {
		const { employee, user } = pickEmployee();
		const id = String(employee.id);
		const timezone = factorial().state.locations.byId.get(String(employee.location_id))?.timezone;
		expect(timezone).toBeTruthy();
		const before = directory();
		const record = recordOf(user._id)!;
		const lastDay = day(9);

		factorial().terminateEmployee(id, lastDay);
		const job = await waitFor(
			() =>
				jumpCloud()
					.jobs()
					.find((j) => j.userIds.includes(user._id)),
			'the polled scheduled suspension',
			polling.everyMs + 85_000,
		);
		expect(job).toMatchObject({ state: 'SUSPENDED', userIds: [user._id] });
		expect(Date.parse(job.startDate)).toBe(
			DateTime.fromISO(`${lastDay}T23:59:00`, { zone: timezone }).toMillis(),
		);
		// Still working until then, and otherwise unchanged but for the sync's mark of that instant (issue 21).
		const mark = { name: 'factorialSyncSuspendedAt', value: new Date(job.startDate).toISOString() };
		await waitFor(
			() => (recordOf(user._id)?.attributes as unknown[] | undefined)?.length,
			'the suspension mark',
			30_000,
		);
		expect(recordOf(user._id)).toEqual({
			...record,
			attributes: [...((record.attributes as unknown[]) ?? []), mark],
		});
		expect(
			jumpCloud()
				.jobs()
				.filter((j) => j.userIds.includes(user._id)),
		).toHaveLength(1);
		expect(changedSince(before, [user._id])).toEqual([]);
	});

	it('admin operations in a workflow: unlock, reset MFA, expire and set a password, delete, each on its user only', async () => {
		const locked = pickEmployee();
		const newPassword = pickEmployee();
		const leaving = pickEmployee();
		// A locked-out user with MFA enrolled, and a user whose password had expired.
		Object.assign(jumpCloud().findUser({ id: locked.user._id })!, {
			account_locked: true,
			account_locked_date: '2026-11-01T10:00:00.000Z',
			totp_enabled: true,
			mfa: { configured: true, exclusion: false },
		});
		Object.assign(jumpCloud().findUser({ id: newPassword.user._id })!, {
			password_expired: true,
		});
		const leavingGroup = jumpCloud().groupsOf(leaving.user._id)[0];
		const before = directory();
		const lockedBefore = recordOf(locked.user._id);
		const passwordBefore = recordOf(newPassword.user._id);

		const response = await fetch(`${n8n.baseUrl}/webhook/${ADMIN_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				lockedOut: String(locked.employee.id),
				newPassword: String(newPassword.employee.id),
				leaving: String(leaving.employee.id),
			}),
		});
		const answer = await response.text();
		expect(response.status).toBe(200);
		const [run] = await waitFor(() => {
			const done = finishedRuns(ADMIN_ID, 0);
			return done.length ? done : undefined;
		}, 'the admin operations execution');
		expect(run.status).toBe('success');

		// Unlocked, MFA reset with a 3-day enrollment window, password expired: all on the locked-out user.
		expect(recordOf(locked.user._id)).toEqual({
			...lockedBefore,
			account_locked: false,
			account_locked_date: null,
			totp_enabled: false,
			mfa: { configured: false, exclusion: true, exclusionDays: 3 },
			password_expired: true,
		});
		// The new password is the one set, no longer expired; nothing else of that user changed.
		expect(jumpCloud().hasPassword(newPassword.user._id, NEW_PASSWORD)).toBe(true);
		expect(recordOf(newPassword.user._id)).toEqual({
			...passwordBefore,
			password_expired: false,
			activated: true,
		});
		// Deleted: gone from the directory and from its team group.
		expect(userOf(String(leaving.employee.id))).toBeUndefined();
		expect(jumpCloud().findUser({ id: leaving.user._id })).toBeUndefined();
		expect(
			jumpCloud()
				.groups()
				.find((g) => g.name === leavingGroup)?.memberIds,
		).not.toContain(leaving.user._id);
		// No other user, group membership or job changed, and no other user got that password.
		expect(changedSince(before, [locked.user._id, newPassword.user._id, leaving.user._id])).toEqual(
			[],
		);
		for (const u of jumpCloud().users())
			if (u._id !== newPassword.user._id)
				expect(jumpCloud().hasPassword(u._id, NEW_PASSWORD)).toBe(false);
		// The password is in no execution data and not in the webhook's answer.
		expect(run.data).not.toContain(NEW_PASSWORD);
		expect(answer).not.toContain(NEW_PASSWORD);
	});
});
