import {
	assignCreateUsernames,
	assignUsernames,
	executionOrder,
	nextUsername,
	planCounts,
	planReconciliation,
	writeBody,
} from '../../../nodes/lib/plan';
import type { PlanOptions } from '../../../nodes/lib/plan';
import { readEmployee } from '../../../nodes/lib/employeeMapping';
import type { Obj } from './builders';
import { employee, options, TODAY, user } from './builders';
import { SUSPENSION_MARK } from '../../../nodes/lib/suspensionMark';

/** The sync suspended this user (issue 21): only such suspensions are lifted. */
const bySync = [{ name: SUSPENSION_MARK, value: '2026-01-31T22:59:00.000Z' }];

/** Adoption on, limited to the test domain. */
const ADOPT_ACME = { enabled: true, emailDomains: ['acme.test'], groupMemberIds: null };

/** Many matched, unchanged pairs so the brake has a denominator. */
const population = (n: number, from = 100) => ({
	employees: Array.from({ length: n }, (_, i) => employee(String(from + i))),
	users: Array.from({ length: n }, (_, i) => user(String(from + i))),
});

describe('matching precedence', () => {
	test.each([
		{
			name: 'employee identifier wins over a different email',
			employees: [employee('1', { email: 'new@acme.test' })],
			users: [user('1', { email: 'old@acme.test' })],
			expect: { update: 1, matchedBy: 'employeeIdentifier', userId: 'u1' },
		},
		{
			name: 'never by name: same names, other email and identifier -> create',
			employees: [
				employee('3', { first_name: 'Ana', last_name: 'Garcia', email: 'ana3@acme.test' }),
			],
			users: [
				user('9', {
					firstname: 'Ana',
					lastname: 'Garcia',
					email: 'ana@acme.test',
					employeeIdentifier: '9',
				}),
			],
			expect: { create: 1 },
		},
	])('$name', ({ employees, users, expect: want }) => {
		const plan = planReconciliation(employees, users, options());
		if (want.create) {
			expect(plan.create).toHaveLength(1);
			expect(plan.update).toHaveLength(0);
			return;
		}
		expect(plan.update).toHaveLength(1);
		expect(plan.update[0]).toMatchObject({ matchedBy: want.matchedBy, userId: want.userId });
	});

	test('email (case-insensitive) when no user has the identifier and adoption allows it: an adopt action', () => {
		const plan = planReconciliation(
			[employee('2', { email: 'Ana.Garcia@ACME.test' })],
			[user('x', { employeeIdentifier: '', email: 'ana.garcia@acme.test' })],
			options({ adoption: ADOPT_ACME }),
		);
		expect(plan.update).toHaveLength(0);
		expect(plan.adopt).toHaveLength(1);
		expect(plan.adopt[0]).toMatchObject({ action: 'adopt', matchedBy: 'email', userId: 'ux' });
	});

	test('adoption by email writes the employee identifier', () => {
		const plan = planReconciliation(
			[employee('2')],
			[
				user('x', {
					employeeIdentifier: '',
					email: 'P2@acme.test',
					firstname: 'First2',
					lastname: 'Last2',
					displayname: 'First2 Last2',
				}),
			],
			options({ adoption: ADOPT_ACME }),
		);
		expect(plan.adopt[0].diff).toEqual({ employeeIdentifier: { from: '', to: '2' } });
	});
});

describe('updates carry only changed mapped attributes', () => {
	test('diff lists changed fields; email compared case-insensitively; empty Factorial values never clear', () => {
		const plan = planReconciliation(
			[
				employee('1', {
					last_name: 'Smith',
					full_name: 'First1 Smith',
					email: 'P1@ACME.TEST',
					job_title: null,
				}),
			],
			[user('1', { jobTitle: 'Engineer' })],
			options(),
		);
		expect(plan.update).toHaveLength(1);
		expect(plan.update[0].diff).toEqual({
			lastname: { from: 'Last1', to: 'Smith' },
			displayname: { from: 'First1 Last1', to: 'First1 Smith' },
		});
	});

	test('attributes not selected are ignored; unchanged users are only counted', () => {
		const plan = planReconciliation(
			[employee('1', { last_name: 'Smith' })],
			[user('1')],
			options({ attributes: ['email'] }),
		);
		expect(planCounts(plan)).toMatchObject({ update: 0, unchanged: 1 });
	});

	test('manager resolves to the manager employee’s JumpCloud user id; department from team_names', () => {
		const plan = planReconciliation(
			[
				employee('1'),
				employee('2', { manager_id: '1', team_names: ['Sales', 'Ops'], job_title: 'AE' }),
			],
			[user('1'), user('2', { manager: '', department: 'Old' })],
			options(),
		);
		expect(plan.update).toHaveLength(1);
		expect(plan.update[0].diff).toEqual({
			manager: { from: '', to: 'u1' },
			department: { from: 'Old', to: 'Sales' },
			jobTitle: { from: '', to: 'AE' },
		});
	});
});

describe('creates and skip reasons', () => {
	test.each([
		{ name: 'active with valid email', e: employee('5'), create: 1, reason: undefined },
		{
			name: 'inactive',
			e: employee('5', { active: false, terminated_on: '2026-01-01' }),
			create: 0,
			reason: 'not active in Factorial and not in JumpCloud',
		},
		{
			name: 'terminated (no active flag)',
			e: { ...employee('5', { terminated_on: '2026-03-10' }), active: undefined },
			create: 0,
			reason: 'not active in Factorial and not in JumpCloud',
		},
		{
			name: 'termination in the future is still active',
			e: { ...employee('5', { terminated_on: '2026-04-01' }), active: undefined },
			create: 1,
			reason: undefined,
		},
		{
			name: 'no work email',
			e: employee('5', { email: null }),
			create: 0,
			reason: 'no work email',
		},
		{
			name: 'invalid work email',
			e: employee('5', { email: 'nope' }),
			create: 0,
			reason: 'work email "nope" is not a valid address',
		},
		{ name: 'no id', e: employee('', {}), create: 0, reason: 'no employee id in the item' },
		{
			name: 'simplified item (work_email)',
			e: { ...employee('5'), email: undefined, work_email: 'w@acme.test' },
			create: 1,
			reason: undefined,
		},
	])('$name', ({ e, create, reason }) => {
		const plan = planReconciliation([e], [], options());
		expect(plan.create).toHaveLength(create);
		if (reason) expect(plan.skipped).toEqual([expect.objectContaining({ reason })]);
		else expect(plan.skipped).toHaveLength(0);
	});

	test("an item carrying both uses work_email (the credential's Work Email Field, e.g. login_email), not the raw email", () => {
		const item = {
			...employee('5'),
			email: 'ana.old-address@acme.test',
			login_email: 'ana@acme.test',
			work_email: 'ana@acme.test',
		};
		const plan = planReconciliation([item], [], options());
		expect(plan.create).toHaveLength(1);
		expect(plan.create[0].attributes).toMatchObject({ email: 'ana@acme.test' });
	});

	test('create carries the employee identifier and mapped attributes', () => {
		const plan = planReconciliation([employee('5', { job_title: 'Dev' })], [], options());
		expect(plan.create[0].attributes).toMatchObject({
			employeeIdentifier: '5',
			email: 'p5@acme.test',
			jobTitle: 'Dev',
			firstname: 'First5',
		});
	});

	test('usernames avoid every existing name and each other, without any lookup', () => {
		const plan = planReconciliation(
			[
				employee('7', { first_name: 'Ana', last_name: 'García' }),
				employee('8', { first_name: 'Ana', last_name: 'Garcia' }),
			],
			[],
			options(),
		);
		const names = assignUsernames(plan.create, ['ana.garcia', 'ANA.GARCIA1'], {
			format: 'first.last',
		});
		expect(names.map((n) => n.username)).toEqual(['ana.garcia2', 'ana.garcia3']);
	});

	test('an employee listed twice is planned once', () => {
		const plan = planReconciliation([employee('5'), employee('5')], [], options());
		expect(plan.create).toHaveLength(1);
		expect(plan.skipped[0].reason).toMatch(/twice/);
	});
});

describe('leavers and rehires', () => {
	const base = population(20);
	test.each([
		{ state: 'ACTIVATED', active: false, expect: 'suspend' },
		{ state: 'STAGED', active: false, expect: 'suspend' },
		{ state: 'SUSPENDED', active: false, expect: 'unchanged' },
		{ state: 'SUSPENDED', active: true, expect: 'reactivate' },
	])(
		'$state in JumpCloud, active=$active in Factorial -> $expect',
		({ state, active, expect: want }) => {
			const plan = planReconciliation(
				[...base.employees, employee('1', { active, terminated_on: active ? null : '2026-03-01' })],
				[...base.users, user('1', { state, attributes: state === 'SUSPENDED' ? bySync : [] })],
				options(),
			);
			const counts = planCounts(plan);
			expect(counts[want]).toBe(want === 'unchanged' ? 21 : 1);
			if (want === 'reactivate')
				expect(plan.reactivate[0].diff.state).toEqual({ from: 'SUSPENDED', to: 'ACTIVATED' });
		},
	);

	test('a user suspended outside the sync (no mark, or a later one) stays suspended and is reported', () => {
		for (const attributes of [[], [{ name: SUSPENSION_MARK, value: '2099-01-31T22:59:00.000Z' }]]) {
			const plan = planReconciliation(
				[employee('1', { last_name: 'Changed' })],
				[user('1', { state: 'SUSPENDED', attributes })],
				options(),
			);
			expect(plan.reactivate).toHaveLength(0);
			expect(plan.update).toHaveLength(0);
			expect(plan.skipped).toEqual([
				expect.objectContaining({
					employeeId: '1',
					reason: expect.stringMatching(/suspended outside the sync/),
				}),
			]);
		}
	});

	test("a reactivation clears the sync's mark; a suspension writes it with the other attributes", () => {
		const costCentre = { name: 'costCentre', value: '7' };
		const plan = planReconciliation(
			[employee('1'), employee('2', { active: false, terminated_on: '2026-01-31' })],
			[
				user('1', { state: 'SUSPENDED', attributes: [...bySync, costCentre] }),
				user('2', { attributes: [costCentre] }),
			],
			options({ now: Date.parse('2026-02-01T00:00:00Z') }),
		);
		expect(writeBody(plan.reactivate[0], new Map())).toEqual({
			body: { state: 'ACTIVATED', suspended: false, attributes: [costCentre] },
		});
		expect(writeBody(plan.suspend[0], new Map())).toEqual({
			body: {
				state: 'SUSPENDED',
				suspended: true,
				attributes: [costCentre, { name: SUSPENSION_MARK, value: '2026-02-01T00:00:00.000Z' }],
			},
		});
	});

	test('reactivation can be switched off', () => {
		const plan = planReconciliation(
			[employee('1')],
			[user('1', { state: 'SUSPENDED' })],
			options({ reactivateSuspendedUsers: false }),
		);
		expect(plan.reactivate).toHaveLength(0);
	});

	test('users unknown to Factorial are never suspended by default', () => {
		const plan = planReconciliation(
			base.employees,
			[...base.users, user('999'), user('admin', { employeeIdentifier: '' })],
			options(),
		);
		expect(plan.suspend).toHaveLength(0);
	});

	test('with the explicit option, only unknown users carrying an employee identifier are suspended', () => {
		const plan = planReconciliation(
			base.employees,
			[
				...base.users,
				user('999'),
				user('admin', { employeeIdentifier: '' }),
				user('998', { state: 'SUSPENDED' }),
			],
			options({ suspendUnmatchedUsers: true }),
		);
		expect(plan.suspend.map((a) => a.userId)).toEqual(['u999']);
		expect(plan.suspend[0].itemIndex).toBeNull();
	});

	test('no unknown user is suspended in a run where an input employee had no readable id', () => {
		const plan = planReconciliation(
			[...base.employees, { id: { nested: true }, first_name: 'Who', last_name: 'Knows' } as never],
			[...base.users, user('999')],
			options({ suspendUnmatchedUsers: true }),
		);
		expect(plan.suspend).toHaveLength(0);
		expect(plan.unknownUserSuspensionsWithheld).toMatch(/1 input employee\(s\) had no readable id/);
		expect(plan.skipped.some((s) => s.employeeId === null)).toBe(true);
	});
});

describe('conflicts are reported, not acted on', () => {
	test.each([
		{
			name: 'email matches a user with another employee identifier',
			employees: [employee('1')],
			users: [user('2', { email: 'p1@acme.test' })],
			reason: /employee identifier is "2"/,
		},
		{
			name: 'two JumpCloud users carry the same employee identifier',
			employees: [employee('1')],
			users: [user('1'), user('1b', { employeeIdentifier: '1', email: 'other@acme.test' })],
			reason: /2 JumpCloud users carry employee identifier "1"/,
		},
		{
			name: 'two employees map to one JumpCloud user',
			employees: [
				employee('1', { email: 'shared@acme.test' }),
				employee('2', { email: 'shared@acme.test' }),
			],
			users: [user('x', { employeeIdentifier: '', email: 'shared@acme.test' })],
			reason: /2 employees map to JumpCloud user/,
		},
		{
			name: 'the new email is held by another user',
			employees: [employee('1', { email: 'taken@acme.test' })],
			users: [user('1'), user('2', { email: 'taken@acme.test' })],
			reason: /already used by JumpCloud user/,
		},
	])('$name', ({ employees, users, reason }) => {
		const plan = planReconciliation(employees, users, options({ adoption: ADOPT_ACME }));
		expect(plan.conflicts.length).toBeGreaterThan(0);
		expect(plan.conflicts[0].reason).toMatch(reason);
		expect(
			plan.create.length + plan.update.length + plan.suspend.length + plan.reactivate.length,
		).toBe(0);
	});
});

describe('safety brake', () => {
	const leavers = (n: number, total: number) => {
		const { employees, users } = population(total);
		for (let i = 0; i < n; i++)
			employees[i] = { ...employees[i], active: false, terminated_on: '2026-03-01' };
		return { employees, users };
	};
	test.each([
		{ leaving: 10, total: 100, share: 10, override: false, triggered: false },
		{ leaving: 11, total: 100, share: 10, override: false, triggered: true },
		{ leaving: 11, total: 100, share: 10, override: true, triggered: false },
		{ leaving: 50, total: 100, share: 50, override: false, triggered: false },
		{ leaving: 1, total: 5, share: 10, override: false, triggered: true },
		{ leaving: 0, total: 5, share: 0, override: false, triggered: false },
	])(
		'$leaving of $total at $share% (override $override) -> triggered $triggered',
		({ leaving, total, share, override, triggered }) => {
			const { employees, users } = leavers(leaving, total);
			const plan = planReconciliation(
				employees,
				users,
				options({ maxSuspensionShare: share, overrideSafetyBrake: override }),
			);
			expect(plan.brake).toMatchObject({
				matched: total,
				suspensions: leaving,
				triggered,
				overridden: override && leaving > plan.brake.limit,
			});
		},
	);
});

test('linear: 50k employees plan quickly (indexed, no quadratic join)', () => {
	const { employees, users } = population(50_000, 1);
	const started = Date.now();
	const plan = planReconciliation(employees, users, options());
	expect(plan.unchanged).toBe(50_000);
	// Generous bound: a quadratic join would take minutes here.
	expect(Date.now() - started).toBeLessThan(10_000);
});

test('readEmployee: numeric ids become strings', () => {
	expect(readEmployee({ id: 42, manager_id: 7, email: 'a@b.co' }, TODAY)).toMatchObject({
		id: '42',
		managerId: '7',
		active: true,
	});
});

describe('item fields of the wrong type', () => {
	test('readEmployee lists every unreadable field and keeps text and numbers', () => {
		const view = readEmployee(
			{
				id: 7,
				first_name: { a: 1 },
				last_name: 'Lopez',
				email: ['x'],
				active: 'yes',
				terminated_on: 'soon',
				team_names: [{}],
				job_title: 12,
			},
			TODAY,
		);
		expect(view).toMatchObject({ id: '7', lastName: 'Lopez', jobTitle: '12' });
		expect(view.problems).toEqual([
			'field "email" must be text, not a list',
			'field "terminated_on" must be a date (YYYY-MM-DD), not "soon"',
			'field "active" must be true or false, not a string',
			'field "first_name" must be text, not an object',
			'field "team_names" must hold team names, not an object',
		]);
	});

	test('null fields are "not delivered", "true"/"false" text is a flag, a single team name is a list of one', () => {
		const view = readEmployee(
			{ id: '1', first_name: null, active: 'false', team_names: 'Sales', email: 'a@b.co' },
			TODAY,
		);
		expect(view).toMatchObject({
			firstName: null,
			active: false,
			department: 'Sales',
			problems: [],
		});
	});

	test('an employee with an unreadable field is skipped with the reason and never suspended as unknown', () => {
		const plan = planReconciliation(
			[
				employee('1', { terminated_on: { date: '2026-01-01' } }),
				employee('2', { id: true }),
				employee('3', { first_name: NaN }),
				employee('4'),
			],
			[user('1'), user('3'), user('4')],
			options({ suspendUnmatchedUsers: true, maxSuspensionShare: 100 }),
		);
		expect(plan.skipped).toEqual([
			{
				itemIndex: 0,
				employeeId: '1',
				reason: 'field "terminated_on" must be text, not an object',
			},
			{ itemIndex: 1, employeeId: null, reason: 'field "id" must be text or a number, not true' },
			{
				itemIndex: 2,
				employeeId: '3',
				reason: 'field "first_name" must be text, not the number NaN',
			},
		]);
		expect(plan.suspend).toEqual([]);
		expect(plan.create).toEqual([]);
		expect(plan.unchanged).toBe(1);
	});
});

describe('the planner assigns usernames and orders the actions', () => {
	const employees = [
		employee('1', { manager_id: '2' }),
		employee('2'),
		employee('3', { first_name: 'Ana', last_name: 'Ruiz' }),
		employee('4', { first_name: 'Ana', last_name: 'Ruiz' }),
		employee('9', { first_name: 'Changed' }),
	];
	const fresh = () => planReconciliation(employees, [user('9')], options());

	it('generates usernames against the taken ones and in input order', () => {
		const plan = fresh();
		const taken = new Set(['ana.ruiz']);
		assignCreateUsernames(plan, taken, { source: 'generate', policy: {} });
		expect(plan.create.map((a) => [a.employeeId, a.username])).toEqual([
			['1', 'first1.last1'],
			['2', 'first2.last2'],
			['3', 'ana.ruiz1'],
			['4', 'ana.ruiz2'],
		]);
		expect([...taken].sort()).toEqual(
			['ana.ruiz', 'ana.ruiz1', 'ana.ruiz2', 'first1.last1', 'first2.last2'].sort(),
		);
	});

	it('takes usernames from an input field and skips the unusable ones with the reason', () => {
		const plan = fresh();
		const field: Record<number, unknown> = {
			0: ' jdoe ',
			1: 'taken',
			2: 'with space',
			3: { x: 1 },
		};
		assignCreateUsernames(plan, new Set(['taken']), {
			source: 'field',
			field: 'login',
			valueAt: (itemIndex) => field[itemIndex],
		});
		expect(plan.create.map((a) => [a.employeeId, a.username])).toEqual([['1', 'jdoe']]);
		expect(plan.skipped.map((s) => [s.employeeId, s.reason])).toEqual([
			['2', 'the username "taken" is already taken in JumpCloud'],
			['3', 'the username "with space" contains spaces'],
			['4', 'the input field "login" must be text, not an object'],
		]);
	});

	it('numbers the next username when one was taken since the list was read; never replaces a field username', () => {
		const plan = fresh();
		const taken = new Set<string>();
		const usernames = { source: 'generate', policy: {} } as const;
		assignCreateUsernames(plan, taken, usernames);
		const first = plan.create[0];
		expect(nextUsername(first, taken, usernames)).toBe('first1.last11');
		expect(nextUsername(first, taken, { source: 'field', field: 'x', valueAt: () => 'x' })).toBe(
			undefined,
		);
	});

	it('applies creates first (managers of new hires before them), then updates, reactivations, suspensions', () => {
		const plan = fresh();
		assignCreateUsernames(plan, new Set(), { source: 'generate', policy: {} });
		expect(executionOrder(plan).map((a) => `${a.action}:${a.employeeId}`)).toEqual([
			'create:2',
			'create:1',
			'create:3',
			'create:4',
			'update:9',
		]);
	});
});

// Issue 16: the reconciliation left STAGED users staged forever (creates after a missed webhook, and
// staged users whose start had passed). It now applies the Joiner's rule.
describe("staged users: the Joiner's activation rule", () => {
	const NOW = Date.parse('2026-03-10T12:00:00Z');
	const activating = (over: Partial<PlanOptions> = {}) =>
		options({ activateStaged: true, now: NOW, defaultTimezone: 'UTC', ...over });
	const staged = (id: string, over: Obj = {}) => user(id, { state: 'STAGED', ...over });

	test('a staged user whose start moment (09:00 local) has passed is activated now', () => {
		const plan = planReconciliation(
			[employee('1', { start_date: '2026-03-10', timezone: 'Europe/Madrid' })],
			[staged('1')],
			activating(),
		);
		expect(plan.activate).toMatchObject([
			{ action: 'activate', userId: 'u1', diff: { state: { from: 'STAGED', to: 'ACTIVATED' } } },
		]);
		expect(plan.scheduleActivation).toEqual([]);
		expect(plan.unchanged).toBe(0);
	});

	test('a later start is scheduled at 09:00 in the location time zone, or the workflow one', () => {
		const plan = planReconciliation(
			[
				employee('1', { start_date: '2026-03-10', location_timezone: 'America/New_York' }),
				employee('2', { start_date: '2026-04-01' }),
			],
			[staged('1'), staged('2')],
			activating({ defaultTimezone: 'Asia/Kolkata' }),
		);
		expect(plan.activate).toEqual([]);
		expect(plan.scheduleActivation.map((a) => [a.userId, a.activation])).toEqual([
			['u1', expect.objectContaining({ kind: 'schedule', utc: '2026-03-10T13:00:00Z' })],
			['u2', expect.objectContaining({ kind: 'schedule', utc: '2026-04-01T03:30:00Z' })],
		]);
	});

	test('an activation already scheduled at that moment is not scheduled again; one at another moment is replaced', () => {
		const employees = [
			employee('1', { start_date: '2026-04-01' }),
			employee('2', { start_date: '2026-04-01' }),
		];
		const plan = planReconciliation(
			employees,
			[staged('1'), staged('2')],
			activating({
				jobs: [
					{ jobId: 'j1', userId: 'u1', state: 'ACTIVATED', scheduledDate: '2026-04-01T09:00:00Z' },
					{ jobId: 'j2', userId: 'u2', state: 'ACTIVATED', scheduledDate: '2026-03-20T09:00:00Z' },
				],
			}),
		);
		expect(plan.scheduleActivation).toHaveLength(1);
		expect(plan.scheduleActivation[0]).toMatchObject({ userId: 'u2', replaceJobs: ['j2'] });
		expect(plan.unchanged).toBe(1);
	});

	test('no start date, the option off, or a user not staged: nothing is activated', () => {
		const employees = [
			employee('1'),
			employee('2', { start_date: null }),
			employee('3', { start_date: '2020-01-01' }),
		];
		const users = [staged('1'), staged('2'), user('3')];
		for (const opts of [activating(), options()]) {
			const plan = planReconciliation(employees, users, opts);
			expect(plan.activate).toEqual([]);
			expect(plan.scheduleActivation).toEqual([]);
		}
		const off = planReconciliation(
			[employee('4', { start_date: '2020-01-01' })],
			[staged('4')],
			options(),
		);
		expect(off.activate).toEqual([]);
	});

	test('users the run creates staged carry their activation; created activated ones do not', () => {
		const employees = [
			employee('1', { start_date: '2026-01-05' }),
			employee('2', { start_date: '2026-05-04', timezone: 'Europe/Madrid' }),
		];
		const plan = planReconciliation(employees, [], activating());
		expect(plan.create.map((a) => a.activation)).toEqual([
			expect.objectContaining({ kind: 'now' }),
			expect.objectContaining({ kind: 'schedule', utc: '2026-05-04T07:00:00Z' }),
		]);
		const active = planReconciliation(employees, [], activating({ newUserState: 'ACTIVATED' }));
		expect(active.create.map((a) => a.activation)).toEqual([undefined, undefined]);
	});
});
