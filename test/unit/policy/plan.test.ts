// Issue 25: the nightly planner applies the Sync Policy's scope and attribute authority.
import { planReconciliation, writeBody } from '../../../nodes/lib/plan';
import { readSyncPolicy } from '../../../nodes/lib/syncPolicy';
import type { Obj } from '../reconcile/builders';
import { employee, options, user } from '../reconcile/builders';

const policy = (data: Obj) => {
	const { scope, authority } = readSyncPolicy(data);
	return { scope, authority };
};

/** Many matched, unchanged pairs so the brake has a denominator. */
const population = (n: number, over: Obj = {}) => ({
	employees: Array.from({ length: n }, (_, i) => employee(String(100 + i), over)),
	users: Array.from({ length: n }, (_, i) => user(String(100 + i))),
});

describe('scope in the nightly plan', () => {
	const inScope = { legal_entity_id: 12 };
	const base = population(30, inScope);

	it('an out-of-scope hire is never created (nor linked by email), with the reason', () => {
		const plan = planReconciliation(
			[...base.employees, employee('1', { legal_entity_id: 15 })],
			[...base.users, { ...user('9'), employeeIdentifier: '', email: 'p1@acme.test' }],
			options(policy({ includeLegalEntities: '12' })),
		);
		expect(plan.create).toHaveLength(0);
		expect(plan.adopt).toHaveLength(0);
		expect(plan.conflicts).toHaveLength(0);
		expect(plan.skipped).toEqual([
			{
				itemIndex: 30,
				employeeId: '1',
				reason:
					'outside the sync scope: legal entity "15" is not in the sync scope ("12"); no JumpCloud user is created',
			},
		]);
		// Without the policy it is created, as before.
		const open = planReconciliation(
			[...base.employees, employee('1', { legal_entity_id: 15 })],
			base.users,
			options(),
		);
		expect(open.create.map((a) => a.employeeId)).toEqual(['1']);
	});

	it('a linked user that leaves the scope is left alone, or suspended as a leaver', () => {
		const moved = employee('1', { legal_entity_id: 15 });
		const leave = planReconciliation(
			[...base.employees, moved],
			[...base.users, user('1', { jobTitle: 'Old' })],
			options(policy({ includeLegalEntities: '12' })),
		);
		expect(leave.suspend).toHaveLength(0);
		expect(leave.update).toHaveLength(0);
		expect(leave.skipped[0].reason).toBe(
			'outside the sync scope: legal entity "15" is not in the sync scope ("12"); JumpCloud user "first1.last1" is left alone',
		);

		const suspend = planReconciliation(
			[...base.employees, moved],
			[...base.users, user('1')],
			options(policy({ includeLegalEntities: '12', outOfScope: 'suspend' })),
		);
		expect(suspend.suspend).toEqual([
			expect.objectContaining({
				employeeId: '1',
				userId: 'u1',
				reason: 'outside the sync scope: legal entity "15" is not in the sync scope ("12")',
			}),
		]);
		expect(suspend.brake.suspensions).toBe(1);
		expect(writeBody(suspend.suspend[0], new Map())).toMatchObject({
			body: { state: 'SUSPENDED', suspended: true },
		});
	});

	it('a linked user the scope leaves alone is an outside_scope orphan; one it suspends is not', () => {
		const moved = employee('1', { legal_entity_id: 15 });
		const run = (outOfScope?: string) =>
			planReconciliation(
				[...base.employees, moved],
				[...base.users, user('1')],
				options({
					...policy({ includeLegalEntities: '12', ...(outOfScope ? { outOfScope } : {}) }),
					reportOrphans: true,
				}),
			);
		const leave = run();
		expect(leave.orphans?.byReason).toEqual({ outside_scope: 1 });
		expect(leave.orphans?.users).toEqual([
			expect.objectContaining({ id: 'u1', reason: 'outside_scope', employeeId: '1' }),
		]);
		// Suspended as a leaver: the sync acts on it, so an employee accounts for it.
		expect(run('suspend').orphans?.total).toBe(0);
	});

	it('scope suspensions are counted by the suspension brake', () => {
		const plan = planReconciliation(
			base.employees,
			base.users,
			options(policy({ includeLegalEntities: '99', outOfScope: 'suspend' })),
		);
		expect(plan.suspend).toHaveLength(30);
		expect(plan.brake.triggered).toBe(true);
	});
});

describe('attribute authority in the nightly plan', () => {
	const current = user('1', { email: 'it.chose@acme.test', jobTitle: 'Lead', manager: 'u7' });
	const hr = employee('1', { email: 'hr@acme.test', job_title: 'Boss', manager_id: null });

	it('only-at-creation and never attributes are not updated; always ones are', () => {
		const plan = planReconciliation(
			[hr],
			[current],
			options(policy({ emailAuthority: 'onCreate', jobTitleAuthority: 'never' })),
		);
		expect(plan.update).toHaveLength(0);
		const before = planReconciliation([hr], [current], options());
		expect(Object.keys(before.update[0].diff).sort()).toEqual(['email', 'jobTitle']);
	});

	it('a create leaves out the never attributes and keeps the only-at-creation ones', () => {
		const plan = planReconciliation(
			[employee('2', { job_title: 'Boss' })],
			[],
			options(policy({ emailAuthority: 'onCreate', jobTitleAuthority: 'never' })),
		);
		expect(plan.create[0].attributes).toMatchObject({ email: 'p2@acme.test' });
		expect(plan.create[0].attributes).not.toHaveProperty('jobTitle');
	});

	it('a value HR blanks is cleared only when the policy says so', () => {
		const before = planReconciliation([hr], [current], options());
		expect(before.update[0].diff).not.toHaveProperty('manager');
		const plan = planReconciliation(
			[hr],
			[current],
			options(policy({ clearWhenBlank: ['manager'] })),
		);
		expect(plan.update[0].diff.manager).toEqual({ from: 'u7', to: '' });
		expect(writeBody(plan.update[0], new Map())).toMatchObject({ body: { manager: '' } });
	});
});
