/**
 * The guided link path for an existing directory (issue 21): the plan lists the links it would make by
 * work email (inside the allow-list, never a suspended or already linked user) and those it refuses,
 * with the reason, whether adoption is on or not; the brake messages say which setting to change.
 */
import { createBody, planReconciliation } from '../../../nodes/lib/plan';
import {
	creationBrakeText,
	ReconcileReport,
	suspensionBrakeText,
} from '../../../nodes/lib/planReport';
import { linkCounts, linkRefusal } from '../../../nodes/lib/adoption';
import type { Obj } from './builders';
import { employee, options, user } from './builders';

const allow = (enabled: boolean, domains = ['acme.test']) => ({
	enabled,
	emailDomains: domains,
	groupMemberIds: null,
});

/** An existing directory: employees 1-6 each have a user with their email and no identifier. */
function directory(): { employees: Obj[]; users: Obj[] } {
	const employees = [
		employee('1'),
		employee('2'),
		employee('3', { email: 'p3@contractor.test' }),
		employee('4'),
		employee('5'),
		employee('6', { active: false, terminated_on: '2026-01-01' }),
	];
	const users = [
		user('1', { employeeIdentifier: '' }),
		user('2', { employeeIdentifier: null }),
		user('3', { employeeIdentifier: '', email: 'p3@contractor.test' }),
		user('4', { employeeIdentifier: '', state: 'SUSPENDED', suspended: true }),
		// Already linked to another employee id (a former employee): never relinked.
		user('5', { employeeIdentifier: '900' }),
		user('6', { employeeIdentifier: '' }),
	];
	return { employees, users };
}

describe('the link listing', () => {
	test('adoption off with an allow-list: proposes the links it would make, refuses the rest with the reason, links nobody', () => {
		const { employees, users } = directory();
		const plan = planReconciliation(employees, users, options({ adoption: allow(false) }));
		expect(plan.adopt).toEqual([]);
		expect(plan.links.applied).toBe(false);
		expect(plan.links.proposed.map((p) => [p.employeeId, p.userId])).toEqual([
			['1', 'u1'],
			['2', 'u2'],
		]);
		const refused = Object.fromEntries(plan.links.refused.map((r) => [r.employeeId, r.code]));
		expect(refused).toEqual({
			'3': 'outsideAllowList',
			'4': 'suspended',
			'5': 'alreadyLinked',
			'6': 'notActive',
		});
		expect(plan.links.refused.find((r) => r.employeeId === '5')?.reason).toMatch(/"900"/);
		// Still not acted on: each is reported (the proposals say which setting links them).
		const conflictReasons = Object.fromEntries(plan.conflicts.map((c) => [c.employeeId, c.reason]));
		expect(conflictReasons['1']).toMatch(/linkExistingUsers/);
		expect(linkCounts(plan.links)).toEqual({
			applied: false,
			proposed: 2,
			refused: 4,
			refusedBy: { outsideAllowList: 1, suspended: 1, alreadyLinked: 1, notActive: 1 },
			domains: { 'acme.test': 5, 'contractor.test': 1 },
		});
	});

	test('adoption off and no allow-list: every candidate is listed with the setting to set, suspended ones still as suspended', () => {
		const { employees, users } = directory();
		const plan = planReconciliation(employees, users, options());
		expect(plan.links.proposed).toEqual([]);
		const codes = Object.fromEntries(plan.links.refused.map((r) => [r.employeeId, r.code]));
		expect(codes).toMatchObject({ '1': 'noAllowList', '3': 'noAllowList', '4': 'suspended' });
		expect(plan.links.refused.find((r) => r.employeeId === '1')?.reason).toMatch(
			/Settings → linkDomains/,
		);
	});

	test('adoption on: the proposals are the adoptions, nothing else is linked', () => {
		const { employees, users } = directory();
		const plan = planReconciliation(employees, users, options({ adoption: allow(true) }));
		expect(plan.links.applied).toBe(true);
		expect(plan.adopt.map((a) => a.employeeId)).toEqual(['1', '2']);
		expect(plan.links.proposed.map((p) => p.employeeId)).toEqual(['1', '2']);
		expect(plan.links.refused.map((r) => r.employeeId).sort()).toEqual(['3', '4', '5', '6']);
	});

	test('a user linked in this run is the manager its reports (created or linked) get in the same run', () => {
		const plan = planReconciliation(
			[employee('1'), employee('2', { manager_id: '1' }), employee('3', { manager_id: '1' })],
			[user('1', { employeeIdentifier: '' }), user('3', { employeeIdentifier: '', manager: '' })],
			options({ adoption: allow(true) }),
		);
		expect(plan.adopt.map((a) => a.employeeId)).toEqual(['1', '3']);
		expect(createBody(plan.create[0], 'STAGED', plan.userIdByEmployee)).toMatchObject({
			employeeIdentifier: '2',
			manager: 'u1',
		});
		expect(plan.adopt.find((a) => a.employeeId === '3')?.diff.manager).toEqual({
			from: '',
			to: 'u1',
		});
	});

	test('two users with the work email: refused as ambiguous, never linked', () => {
		const plan = planReconciliation(
			[employee('1')],
			[
				user('1', { employeeIdentifier: '' }),
				user('9', { employeeIdentifier: '', email: 'P1@acme.test' }),
			],
			options({ adoption: allow(true) }),
		);
		expect(plan.adopt).toEqual([]);
		expect(plan.links.refused).toMatchObject([{ employeeId: '1', code: 'ambiguousEmail' }]);
	});

	test('the report shows each proposal and refusal on its item and counts them in the summary', () => {
		const { employees, users } = directory();
		const plan = planReconciliation(employees, users, options({ adoption: allow(false) }));
		const report = new ReconcileReport(true);
		const { items, summary } = report.finish(plan, employees, users.length, false);
		const byEmployee = Object.fromEntries(items.map((i) => [i.json.employeeId, i.json]));
		expect(byEmployee['1']).toMatchObject({ action: 'conflict', link: 'proposed' });
		expect(byEmployee['4']).toMatchObject({ link: 'refused', linkRefusal: 'suspended' });
		expect(summary.links).toMatchObject({ applied: false, proposed: 2, refused: 4 });
	});

	test('linkRefusal: suspended before the allow-list, domain or group enough', () => {
		const candidate = { id: 'u1', email: 'a@acme.test', state: 'ACTIVATED' };
		expect(linkRefusal(candidate, allow(false))).toBeUndefined();
		expect(linkRefusal({ ...candidate, state: 'SUSPENDED' }, allow(true))?.code).toBe('suspended');
		expect(linkRefusal(candidate, allow(false, ['other.test']))?.code).toBe('outsideAllowList');
		expect(
			linkRefusal(candidate, { enabled: false, emailDomains: [], groupMemberIds: new Set(['u1']) }),
		).toBeUndefined();
	});
});

describe('brake messages say which setting to change and why', () => {
	test('creation brake with unlinked users that hold employees’ emails: link them first', () => {
		const employees = Array.from({ length: 30 }, (_, i) => employee(String(i + 1)));
		// 20 existing users not linked yet, 10 employees without a user: nothing is managed, 10 creates.
		const users = Array.from({ length: 20 }, (_, i) =>
			user(String(i + 1), { employeeIdentifier: '' }),
		);
		const plan = planReconciliation(employees, users, options({ adoption: allow(false) }));
		expect(plan.creationBrake.triggered).toBe(true);
		const text = creationBrakeText(plan);
		expect(text.description).toMatch(/20 employees .* existing JumpCloud user/);
		expect(text.description).toMatch(/Settings → linkExistingUsers/);
		expect(text.description).toMatch(/Settings → maxCreationShare/);
		expect(text.message).toMatch(
			/link existing users first \(Settings → linkDomains, then linkExistingUsers\)/,
		);
	});

	test('creation brake without link proposals names Max Create Share and the template setting', () => {
		const employees = Array.from({ length: 30 }, (_, i) => employee(String(i + 1)));
		const plan = planReconciliation(employees, [], options());
		const text = creationBrakeText(plan);
		expect(text.description).not.toMatch(/linkExistingUsers/);
		expect(text.description).toMatch(/Settings → maxCreationShare/);
	});

	test('suspension brake names the template setting', () => {
		const employees = Array.from({ length: 20 }, (_, i) =>
			employee(String(i + 1), i < 5 ? { active: false, terminated_on: '2026-01-01' } : {}),
		);
		const users = Array.from({ length: 20 }, (_, i) => user(String(i + 1)));
		const plan = planReconciliation(employees, users, options());
		expect(plan.brake.triggered).toBe(true);
		expect(suspensionBrakeText(plan).description).toMatch(/Settings → maxSuspensionShare/);
		expect(suspensionBrakeText(plan).message).toMatch(/Settings → maxSuspensionShare/);
	});
});
