/**
 * Identity safety of the reconciliation plan: an existing JumpCloud account is never handed to
 * whoever Factorial says has its email unless the admin allowed exactly that, a suspended account
 * is never adopted (nor reactivated through an adoption), a truncated read cannot turn into mass
 * creation, and the brakes fail closed.
 */
import { planCounts, planReconciliation } from '../../nodes/lib/plan';
import { adoptionRefusal, parseDomainList, parseGroupIdList } from '../../nodes/lib/adoption';
import { employee, options, user } from '../unit/reconcile/builders';

/** A fake employee given the work email of an old, suspended, never-linked admin account. */
const fake = employee('666', { email: 'old.admin@acme.test', first_name: 'Mallory' });
const oldAdmin = user('admin', {
	_id: 'uadmin',
	username: 'old.admin',
	email: 'old.admin@acme.test',
	employeeIdentifier: '',
	state: 'SUSPENDED',
	suspended: true,
});
const writes = (plan: ReturnType<typeof planReconciliation>) =>
	[...plan.create, ...plan.update, ...plan.adopt, ...plan.reactivate, ...plan.suspend].filter(
		(a) => a.userId === 'uadmin',
	);

describe('adoption by email', () => {
	test('is off by default: the suspended unlinked account is neither adopted nor reactivated', () => {
		const plan = planReconciliation([fake], [oldAdmin], options());
		expect(writes(plan)).toEqual([]);
		expect(plan.reactivate).toHaveLength(0);
		expect(plan.create).toHaveLength(0);
		expect(plan.conflicts).toEqual([
			expect.objectContaining({
				employeeId: '666',
				userIds: ['uadmin'],
				reason: expect.stringMatching(
					/no employee identifier; not adopted: adoption by email is off/,
				),
			}),
		]);
	});

	test('a suspended user is never adopted, even inside the allow-list', () => {
		const plan = planReconciliation(
			[fake],
			[oldAdmin],
			options({
				adoption: {
					enabled: true,
					emailDomains: ['acme.test'],
					groupMemberIds: new Set(['uadmin']),
				},
			}),
		);
		expect(writes(plan)).toEqual([]);
		expect(plan.conflicts[0].reason).toMatch(/suspended users are never adopted/);
	});

	test('an active user outside the allow-list is not adopted', () => {
		const active = { ...oldAdmin, state: 'ACTIVATED', suspended: false };
		const plan = planReconciliation(
			[fake],
			[active],
			options({
				adoption: {
					enabled: true,
					emailDomains: ['contractors.test'],
					groupMemberIds: new Set(['uother']),
				},
			}),
		);
		expect(writes(plan)).toEqual([]);
		expect(plan.conflicts[0].reason).toMatch(/outside the adoption allow-list/);
	});

	test.each([
		['its email domain', { emailDomains: ['acme.test'], groupMemberIds: null }],
		['its group', { emailDomains: [], groupMemberIds: new Set(['ux']) }],
	])(
		'an allowed user (by %s) is adopted as its own action, counted apart from updates',
		(_n, list) => {
			const plan = planReconciliation(
				[employee('2', { email: 'ana@acme.test' })],
				[user('x', { employeeIdentifier: '', email: 'ana@acme.test', firstname: 'Old' })],
				options({ adoption: { enabled: true, ...list } }),
			);
			expect(plan.update).toHaveLength(0);
			expect(plan.adopt).toEqual([
				expect.objectContaining({
					action: 'adopt',
					userId: 'ux',
					matchedBy: 'email',
					diff: expect.objectContaining({ employeeIdentifier: { from: '', to: '2' } }),
				}),
			]);
			expect(planCounts(plan)).toMatchObject({ adopt: 1, update: 0 });
		},
	);

	test('a leaver is never matched to an unlinked account by email (no suspension of whoever holds the address)', () => {
		const admin = { ...oldAdmin, state: 'ACTIVATED', suspended: false };
		const plan = planReconciliation(
			[{ ...fake, active: false, terminated_on: '2026-01-01' }],
			[admin],
			options({ adoption: { enabled: true, emailDomains: ['acme.test'], groupMemberIds: null } }),
		);
		expect(plan.suspend).toHaveLength(0);
		expect(writes(plan)).toEqual([]);
	});

	test('allow-list parsing refuses what is not a domain or a group id', () => {
		expect(parseDomainList('acme.com, @Acme.DE ; bad domain,*.evil')).toEqual({
			domains: ['acme.com', 'acme.de'],
			invalid: ['bad', 'domain', '*.evil'],
		});
		expect(parseGroupIdList('5f1b2c3d4e5f6a7b8c9d0e1f ../x')).toEqual({
			ids: ['5f1b2c3d4e5f6a7b8c9d0e1f'],
			invalid: ['../x'],
		});
		expect(
			adoptionRefusal(
				{ id: 'u', email: 'a@acme.test', state: 'ACTIVATED' },
				{ enabled: true, emailDomains: [], groupMemberIds: null },
			),
		).toMatch(/needs an allow-list/);
	});
});

/** n matched, unchanged pairs. */
const population = (n: number, from = 100) => ({
	employees: Array.from({ length: n }, (_, i) => employee(String(from + i))),
	users: Array.from({ length: n }, (_, i) => user(String(from + i))),
});

describe('safety brakes', () => {
	test('a truncated JumpCloud read (only 10 of 200 users) brakes the creates it would cause', () => {
		const { employees, users } = population(200);
		const plan = planReconciliation(employees, users.slice(0, 10), options());
		expect(plan.create.length).toBe(190);
		expect(plan.creationBrake).toMatchObject({ triggered: true, creations: 190 });
	});

	test('a few new hires stay under the creation brake', () => {
		const { employees, users } = population(50);
		const plan = planReconciliation([...employees, employee('1'), employee('2')], users, options());
		expect(plan.create).toHaveLength(2);
		expect(plan.creationBrake.triggered).toBe(false);
	});

	test('reactivations count towards the creation brake', () => {
		const { employees, users } = population(20);
		// Suspended by the sync (its mark), so the nightly may lift them (issue 21).
		const attributes = [{ name: 'factorialSyncSuspendedAt', value: '2026-01-31T22:59:00.000Z' }];
		const suspended = users.map((u) => ({ ...u, state: 'SUSPENDED', suspended: true, attributes }));
		const plan = planReconciliation(employees, suspended, options());
		expect(plan.reactivate).toHaveLength(20);
		expect(plan.creationBrake).toMatchObject({ triggered: true, creations: 20 });
		const overridden = planReconciliation(
			employees,
			suspended,
			options({ overrideSafetyBrake: true }),
		);
		expect(overridden.creationBrake).toMatchObject({ triggered: false, overridden: true });
	});

	test.each([['abc'], [Number.NaN], [undefined], [null]])(
		'a share that is not a number (%p) fails closed: every suspension is braked',
		(share) => {
			const { employees, users } = population(40);
			employees[0] = { ...employees[0], active: false, terminated_on: '2026-01-01' };
			const plan = planReconciliation(
				employees,
				users,
				options({ maxSuspensionShare: share as unknown as number }),
			);
			expect(plan.suspend).toHaveLength(1);
			expect(plan.brake.triggered).toBe(true);
		},
	);

	test('the suspension share is taken of every managed user, those unknown to Factorial included', () => {
		const { employees, users } = population(20);
		const unknown = Array.from({ length: 20 }, (_, i) => user(String(900 + i)));
		const plan = planReconciliation(
			employees,
			[...users, ...unknown],
			options({ suspendUnmatchedUsers: true, maxSuspensionShare: 100 }),
		);
		expect(plan.brake).toMatchObject({ matched: 20, base: 40, suspensions: 20, limit: 40 });
	});
});
