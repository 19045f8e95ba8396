/**
 * The orphan report (issue 25): the nightly lists each JumpCloud user no employee accounts for, with
 * why (no identifier, an unknown identifier, a leaver's account still active outside the sync's
 * ownership), counted and capped, and never acts on it: the plan is the same with and without it.
 */
import type { ReconcilePlan } from '../../../nodes/lib/plan';
import { ORPHAN_LIST_LIMIT, ORPHAN_REASONS, planReconciliation } from '../../../nodes/lib/plan';
import { ReconcileReport } from '../../../nodes/lib/planReport';
import type { Obj } from './builders';
import { employee, options, user } from './builders';

/** A lived-in directory beside the synced users: every kind of orphan and every kind of non-orphan. */
function directory(): { employees: Obj[]; users: Obj[] } {
	const employees = [
		employee('1'), // matched by identifier
		employee('2'), // its work email is on an unlinked user: a link candidate, not an orphan
		employee('3', { active: false, terminated_on: '2026-01-31' }), // leaver, matched: the plan suspends
		employee('4', { active: false, terminated_on: '2026-02-15' }), // leaver, unlinked account active
		employee('5', { active: false, terminated_on: '2026-02-20' }), // leaver, unlinked account suspended
		employee('6', { first_name: { not: 'text' } }), // skipped (unreadable field): still accounts for u6
		employee('7'), // matched; a second, unlinked account holds the same email
	];
	const users = [
		user('1'),
		user('2', { employeeIdentifier: '' }),
		user('3'),
		user('4', { employeeIdentifier: '' }),
		user('5', { employeeIdentifier: null, state: 'SUSPENDED', suspended: true }),
		user('6'),
		user('7'),
		user('7b', { employeeIdentifier: '', email: 'p7@acme.test', username: 'first7.second' }),
		// Lived-in accounts: an admin, a service account, an admin IT suspended.
		user('a', { employeeIdentifier: '', username: 'jc.admin', email: 'jc.admin@acme.test' }),
		user('b', { employeeIdentifier: '', username: 'svc-backup', email: 'svc-backup@acme.test' }),
		user('c', {
			employeeIdentifier: '',
			username: 'former.admin',
			email: 'former.admin@acme.test',
			state: 'SUSPENDED',
			suspended: true,
		}),
		// A Factorial record deleted: its identifier is nobody's.
		user('d', { employeeIdentifier: '999', username: 'gone.person', email: 'gone@acme.test' }),
		user('e', {
			employeeIdentifier: '998',
			username: 'gone.staged',
			email: 'gone2@acme.test',
			state: 'STAGED',
		}),
	];
	return { employees, users };
}

const withOrphans = (over: Obj = {}) => options({ reportOrphans: true, ...over });
const reasonsOf = (plan: ReconcilePlan) =>
	Object.fromEntries((plan.orphans?.users ?? []).map((o) => [o.username, o.reason]));

describe('the orphan report', () => {
	test('no_identifier: unlinked users no employee matches by work email, in any state, listed as read', () => {
		const { employees, users } = directory();
		const plan = planReconciliation(employees, users, withOrphans());
		const listed = plan.orphans?.users.filter((o) => o.reason === 'no_identifier');
		expect(listed).toEqual([
			{
				id: 'u7b',
				username: 'first7.second',
				email: 'p7@acme.test',
				state: 'ACTIVATED',
				reason: 'no_identifier',
			},
			{
				id: 'ua',
				username: 'jc.admin',
				email: 'jc.admin@acme.test',
				state: 'ACTIVATED',
				reason: 'no_identifier',
			},
			{
				id: 'ub',
				username: 'svc-backup',
				email: 'svc-backup@acme.test',
				state: 'ACTIVATED',
				reason: 'no_identifier',
			},
			{
				id: 'uc',
				username: 'former.admin',
				email: 'former.admin@acme.test',
				state: 'SUSPENDED',
				reason: 'no_identifier',
			},
		]);
	});

	test('unknown_identifier: users whose employee identifier no input employee has, with that identifier', () => {
		const { employees, users } = directory();
		const plan = planReconciliation(employees, users, withOrphans());
		expect(plan.orphans?.users.filter((o) => o.reason === 'unknown_identifier')).toEqual([
			{
				id: 'ud',
				username: 'gone.person',
				email: 'gone@acme.test',
				state: 'ACTIVATED',
				reason: 'unknown_identifier',
				employeeId: '999',
			},
			{
				id: 'ue',
				username: 'gone.staged',
				email: 'gone2@acme.test',
				state: 'STAGED',
				reason: 'unknown_identifier',
				employeeId: '998',
			},
		]);
		// With Suspend Unmatched Users on, the plan suspends them; the report still lists them, unchanged.
		const suspending = planReconciliation(
			employees,
			users,
			withOrphans({ suspendUnmatchedUsers: true, maxSuspensionShare: 100 }),
		);
		expect(suspending.suspend.map((a) => a.userId)).toEqual(expect.arrayContaining(['ud', 'ue']));
		expect(suspending.orphans).toEqual(plan.orphans);
	});

	test('terminated_active: a leaver’s unlinked account still active, which the sync never suspends', () => {
		const { employees, users } = directory();
		const plan = planReconciliation(employees, users, withOrphans());
		expect(plan.orphans?.users.filter((o) => o.reason === 'terminated_active')).toEqual([
			{
				id: 'u4',
				username: 'first4.last4',
				email: 'p4@acme.test',
				state: 'ACTIVATED',
				reason: 'terminated_active',
				employeeId: '4',
			},
		]);
		// The sync does not own it: nothing in the plan touches it.
		expect(plan.order.some((a) => a.userId === 'u4')).toBe(false);
		// A staged account of a leaver counts too (it can be activated); the email compares case-insensitively.
		const staged = planReconciliation(
			employees,
			users.map((u) => (u._id === 'u4' ? { ...u, state: 'STAGED', email: 'P4@ACME.test' } : u)),
			withOrphans(),
		);
		expect(reasonsOf(staged)['first4.last4']).toBe('terminated_active');
	});

	test('not orphans: matched users, leavers the plan suspends, link candidates, skipped employees’ users, a leaver’s suspended account', () => {
		const { employees, users } = directory();
		const plan = planReconciliation(employees, users, withOrphans());
		expect(plan.suspend.map((a) => a.userId)).toEqual(['u3']);
		const listed = new Set(plan.orphans?.users.map((o) => o.id));
		for (const id of ['u1', 'u2', 'u3', 'u5', 'u6', 'u7']) expect(listed.has(id)).toBe(false);
		expect(plan.orphans).toMatchObject({
			total: 7,
			byReason: { terminated_active: 1, unknown_identifier: 2, no_identifier: 4 },
			omitted: 0,
		});
		// The most urgent first: the leaver's account, then unknown identifiers, then the unlinked.
		expect(plan.orphans?.users.map((o) => o.reason)).toEqual([
			'terminated_active',
			'unknown_identifier',
			'unknown_identifier',
			'no_identifier',
			'no_identifier',
			'no_identifier',
			'no_identifier',
		]);
		expect(plan.orphans?.caveat).toBeUndefined();
	});

	test('the plan is identical with and without the report (it is never acted on)', () => {
		const { employees, users } = directory();
		const now = Date.parse('2026-03-10T12:00:00Z');
		for (const over of [
			{ now },
			{ now, suspendUnmatchedUsers: true },
			{ now, suspendUnmatchedUsers: true, maxSuspensionShare: 100, overrideSafetyBrake: true },
			{ now, adoption: { enabled: true, emailDomains: ['acme.test'], groupMemberIds: null } },
		]) {
			const without = planReconciliation(employees, users, options(over));
			const withReport = planReconciliation(
				employees,
				users,
				options({ ...over, reportOrphans: true }),
			);
			expect(withReport.orphans?.total).toBeGreaterThan(0);
			const { orphans, ...rest } = withReport;
			expect(orphans).toBeDefined();
			expect(rest).toEqual(without);
			expect(without.orphans).toBeUndefined();
		}
	});

	test('an unreadable employee id: unknown identifiers are still listed, with the caveat', () => {
		const { employees, users } = directory();
		const plan = planReconciliation(
			[...employees, { first_name: 'No', last_name: 'Id' }],
			users,
			withOrphans(),
		);
		expect(plan.orphans?.byReason.unknown_identifier).toBe(2);
		expect(plan.orphans?.caveat).toMatch(/1 input employee\(s\) had no readable id/);
	});

	test('50,000 users: counted in full, the list capped at the limit, the most urgent reasons kept', () => {
		const employees = [employee('1', { active: false, terminated_on: '2026-01-31' })];
		const users: Obj[] = [];
		for (let i = 0; i < 50_000; i++)
			users.push(user(`n${i}`, { employeeIdentifier: '', email: `n${i}@elsewhere.test` }));
		// Read last (sorted by id), yet listed first.
		users.push(user('1', { employeeIdentifier: '' }));
		users.push(user('z', { employeeIdentifier: '4242' }));
		const plan = planReconciliation(employees, users, withOrphans());
		expect(plan.orphans).toMatchObject({
			total: 50_002,
			byReason: { no_identifier: 50_000, terminated_active: 1, unknown_identifier: 1 },
			omitted: 50_002 - ORPHAN_LIST_LIMIT,
		});
		expect(plan.orphans?.users).toHaveLength(ORPHAN_LIST_LIMIT);
		expect(plan.orphans?.users.slice(0, 3).map((o) => [o.id, o.reason])).toEqual([
			['u1', 'terminated_active'],
			['uz', 'unknown_identifier'],
			['un0', 'no_identifier'],
		]);
	});

	test('the summary carries the count and the list, only the identifying fields (no attribute, no secret)', () => {
		const { employees, users } = directory();
		const leaky = users.map((u) =>
			u._id === 'ua'
				? { ...u, password: 'hunter2', totp_secret: 'X', attributes: [{ name: 'pin', value: '1' }] }
				: u,
		);
		const plan = planReconciliation(employees, leaky, withOrphans());
		const { summary } = new ReconcileReport(true).finish(plan, employees, users.length, false);
		const orphans = summary.orphans as {
			total: number;
			byReason: Obj;
			users: Obj[];
			omitted: number;
		};
		expect(orphans).toMatchObject({ total: 7, omitted: 0 });
		// In the order of ORPHAN_REASONS (the audit line reads them in this order), not as read.
		expect(Object.keys(orphans.byReason)).toEqual([
			'terminated_active',
			'unknown_identifier',
			'no_identifier',
		]);
		expect(orphans.byReason).toEqual({
			terminated_active: 1,
			unknown_identifier: 2,
			no_identifier: 4,
		});
		for (const entry of orphans.users)
			for (const key of Object.keys(entry))
				expect(['id', 'username', 'email', 'state', 'reason', 'employeeId']).toContain(key);
		expect(JSON.stringify(summary)).not.toMatch(/hunter2|totp|pin/);
		// A summary of a plan made without the report has none (older callers are unchanged).
		const bare = planReconciliation(employees, users, options());
		expect(
			new ReconcileReport(true).finish(bare, employees, 0, false).summary.orphans,
		).toBeUndefined();
	});

	test('the reasons live in one exported list, in the order the report shows them', () => {
		expect(Object.keys(ORPHAN_REASONS)).toEqual([
			'terminated_active',
			'outside_scope',
			'unknown_identifier',
			'no_identifier',
		]);
		for (const text of Object.values(ORPHAN_REASONS)) expect(text.length).toBeGreaterThan(20);
		// The summary explains the reasons it counts, and only those.
		const { employees, users } = directory();
		const plan = planReconciliation(
			employees,
			users.filter((u) => u._id !== 'u4'),
			withOrphans(),
		);
		expect(plan.orphans?.why).toEqual({
			unknown_identifier: ORPHAN_REASONS.unknown_identifier,
			no_identifier: ORPHAN_REASONS.no_identifier,
		});
	});
});
