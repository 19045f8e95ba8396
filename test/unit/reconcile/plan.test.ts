import type { PlanOptions } from '../../../nodes/JumpCloud/reconcile/plan';
import { assignUsernames, planCounts, planReconciliation } from '../../../nodes/JumpCloud/reconcile/plan';
import { DEFAULT_SYNC_ATTRIBUTES, readEmployee } from '../../../nodes/shared/employeeMapping';

type Obj = Record<string, unknown>;

const TODAY = '2026-03-10';
const options = (over: Partial<PlanOptions> = {}): PlanOptions => ({
	today: TODAY,
	attributes: [...DEFAULT_SYNC_ATTRIBUTES],
	maxSuspensionShare: 10,
	overrideSafetyBrake: false,
	suspendUnmatchedUsers: false,
	reactivateSuspendedUsers: true,
	...over,
});

const employee = (id: string, over: Obj = {}): Obj => ({
	id,
	first_name: `First${id}`,
	last_name: `Last${id}`,
	full_name: `First${id} Last${id}`,
	email: `p${id}@acme.test`,
	active: true,
	terminated_on: null,
	manager_id: null,
	...over,
});

const user = (id: string, over: Obj = {}): Obj => ({
	_id: `u${id}`,
	username: `first${id}.last${id}`,
	email: `p${id}@acme.test`,
	employeeIdentifier: id,
	state: 'ACTIVATED',
	firstname: `First${id}`,
	lastname: `Last${id}`,
	displayname: `First${id} Last${id}`,
	...over,
});

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
			name: 'email (case-insensitive) when no user has the identifier; the user is adopted',
			employees: [employee('2', { email: 'Ana.Garcia@ACME.test' })],
			users: [user('x', { employeeIdentifier: '', email: 'ana.garcia@acme.test' })],
			expect: { update: 1, matchedBy: 'email', userId: 'ux' },
		},
		{
			name: 'never by name: same names, other email and identifier -> create',
			employees: [employee('3', { first_name: 'Ana', last_name: 'Garcia', email: 'ana3@acme.test' })],
			users: [user('9', { firstname: 'Ana', lastname: 'Garcia', email: 'ana@acme.test', employeeIdentifier: '9' })],
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

	test('adoption by email writes the employee identifier', () => {
		const plan = planReconciliation(
			[employee('2')],
			[user('x', { employeeIdentifier: '', email: 'P2@acme.test', firstname: 'First2', lastname: 'Last2', displayname: 'First2 Last2' })],
			options(),
		);
		expect(plan.update[0].diff).toEqual({ employeeIdentifier: { from: '', to: '2' } });
	});
});

describe('updates carry only changed mapped attributes', () => {
	test('diff lists changed fields; email compared case-insensitively; empty Factorial values never clear', () => {
		const plan = planReconciliation(
			[employee('1', { last_name: 'Smith', full_name: 'First1 Smith', email: 'P1@ACME.TEST', job_title: null })],
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
		const plan = planReconciliation([employee('1', { last_name: 'Smith' })], [user('1')], options({ attributes: ['email'] }));
		expect(planCounts(plan)).toMatchObject({ update: 0, unchanged: 1 });
	});

	test('manager resolves to the manager employee’s JumpCloud user id; department from team_names', () => {
		const plan = planReconciliation(
			[employee('1'), employee('2', { manager_id: '1', team_names: ['Sales', 'Ops'], job_title: 'AE' })],
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
		{ name: 'inactive', e: employee('5', { active: false, terminated_on: '2026-01-01' }), create: 0, reason: 'not active in Factorial and not in JumpCloud' },
		{ name: 'terminated (no active flag)', e: { ...employee('5', { terminated_on: '2026-03-10' }), active: undefined }, create: 0, reason: 'not active in Factorial and not in JumpCloud' },
		{ name: 'termination in the future is still active', e: { ...employee('5', { terminated_on: '2026-04-01' }), active: undefined }, create: 1, reason: undefined },
		{ name: 'no work email', e: employee('5', { email: null }), create: 0, reason: 'no work email' },
		{ name: 'invalid work email', e: employee('5', { email: 'nope' }), create: 0, reason: 'work email "nope" is not a valid address' },
		{ name: 'no id', e: employee('', {}), create: 0, reason: 'no employee id in the item' },
		{ name: 'simplified item (work_email)', e: { ...employee('5'), email: undefined, work_email: 'w@acme.test' }, create: 1, reason: undefined },
	])('$name', ({ e, create, reason }) => {
		const plan = planReconciliation([e], [], options());
		expect(plan.create).toHaveLength(create);
		if (reason) expect(plan.skipped).toEqual([expect.objectContaining({ reason })]);
		else expect(plan.skipped).toHaveLength(0);
	});

	test('create carries the employee identifier and mapped attributes', () => {
		const plan = planReconciliation([employee('5', { job_title: 'Dev' })], [], options());
		expect(plan.create[0].attributes).toMatchObject({ employeeIdentifier: '5', email: 'p5@acme.test', jobTitle: 'Dev', firstname: 'First5' });
	});

	test('usernames avoid every existing name and each other, without any lookup', () => {
		const plan = planReconciliation(
			[employee('7', { first_name: 'Ana', last_name: 'García' }), employee('8', { first_name: 'Ana', last_name: 'Garcia' })],
			[],
			options(),
		);
		const names = assignUsernames(plan.create, ['ana.garcia', 'ANA.GARCIA1'], { format: 'first.last' });
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
	])('$state in JumpCloud, active=$active in Factorial -> $expect', ({ state, active, expect: want }) => {
		const plan = planReconciliation(
			[...base.employees, employee('1', { active, terminated_on: active ? null : '2026-03-01' })],
			[...base.users, user('1', { state })],
			options(),
		);
		const counts = planCounts(plan);
		expect(counts[want]).toBe(want === 'unchanged' ? 21 : 1);
		if (want === 'reactivate') expect(plan.reactivate[0].diff.state).toEqual({ from: 'SUSPENDED', to: 'ACTIVATED' });
	});

	test('reactivation can be switched off', () => {
		const plan = planReconciliation([employee('1')], [user('1', { state: 'SUSPENDED' })], options({ reactivateSuspendedUsers: false }));
		expect(plan.reactivate).toHaveLength(0);
	});

	test('users unknown to Factorial are never suspended by default', () => {
		const plan = planReconciliation(base.employees, [...base.users, user('999'), user('admin', { employeeIdentifier: '' })], options());
		expect(plan.suspend).toHaveLength(0);
	});

	test('with the explicit option, only unknown users carrying an employee identifier are suspended', () => {
		const plan = planReconciliation(
			base.employees,
			[...base.users, user('999'), user('admin', { employeeIdentifier: '' }), user('998', { state: 'SUSPENDED' })],
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
			employees: [employee('1', { email: 'shared@acme.test' }), employee('2', { email: 'shared@acme.test' })],
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
		const plan = planReconciliation(employees, users, options());
		expect(plan.conflicts.length).toBeGreaterThan(0);
		expect(plan.conflicts[0].reason).toMatch(reason);
		expect(plan.create.length + plan.update.length + plan.suspend.length + plan.reactivate.length).toBe(0);
	});
});

describe('safety brake', () => {
	const leavers = (n: number, total: number) => {
		const { employees, users } = population(total);
		for (let i = 0; i < n; i++) employees[i] = { ...employees[i], active: false, terminated_on: '2026-03-01' };
		return { employees, users };
	};
	test.each([
		{ leaving: 10, total: 100, share: 10, override: false, triggered: false },
		{ leaving: 11, total: 100, share: 10, override: false, triggered: true },
		{ leaving: 11, total: 100, share: 10, override: true, triggered: false },
		{ leaving: 50, total: 100, share: 50, override: false, triggered: false },
		{ leaving: 1, total: 5, share: 10, override: false, triggered: true },
		{ leaving: 0, total: 5, share: 0, override: false, triggered: false },
	])('$leaving of $total at $share% (override $override) -> triggered $triggered', ({ leaving, total, share, override, triggered }) => {
		const { employees, users } = leavers(leaving, total);
		const plan = planReconciliation(employees, users, options({ maxSuspensionShare: share, overrideSafetyBrake: override }));
		expect(plan.brake).toMatchObject({ matched: total, suspensions: leaving, triggered, overridden: override && leaving > plan.brake.limit });
	});
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
	expect(readEmployee({ id: 42, manager_id: 7, email: 'a@b.co' }, TODAY)).toMatchObject({ id: '42', managerId: '7', active: true });
});

describe('item fields of the wrong type', () => {
	test('readEmployee lists every unreadable field and keeps text and numbers', () => {
		const view = readEmployee(
			{ id: 7, first_name: { a: 1 }, last_name: 'Lopez', email: ['x'], active: 'yes', terminated_on: 'soon', team_names: [{}], job_title: 12 },
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
		const view = readEmployee({ id: '1', first_name: null, active: 'false', team_names: 'Sales', email: 'a@b.co' }, TODAY);
		expect(view).toMatchObject({ firstName: null, active: false, department: 'Sales', problems: [] });
	});

	test('an employee with an unreadable field is skipped with the reason and never suspended as unknown', () => {
		const plan = planReconciliation(
			[employee('1', { terminated_on: { date: '2026-01-01' } }), employee('2', { id: true }), employee('3', { first_name: NaN }), employee('4')],
			[user('1'), user('3'), user('4')],
			options({ suspendUnmatchedUsers: true, maxSuspensionShare: 100 }),
		);
		expect(plan.skipped).toEqual([
			{ itemIndex: 0, employeeId: '1', reason: 'field "terminated_on" must be text, not an object' },
			{ itemIndex: 1, employeeId: null, reason: 'field "id" must be text or a number, not true' },
			{ itemIndex: 2, employeeId: '3', reason: 'field "first_name" must be text, not the number NaN' },
		]);
		expect(plan.suspend).toEqual([]);
		expect(plan.create).toEqual([]);
		expect(plan.unchanged).toBe(1);
	});
});
