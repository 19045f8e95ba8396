/**
 * The planner owns usernames, order and write bodies (issue 15), and compares the custom attribute pairs
 * configured once for Joiner, Mover and the reconciliation (issue 16). Pure: plain tables, no requests.
 */
import {
	createBody,
	planReconciliation,
	replacementUsername,
	userFieldsFor,
	writeBody,
} from '../../../nodes/lib/plan';
import {
	attributeChanges,
	customAttributeValues,
	mapEmployeeToUser,
} from '../../../nodes/lib/employeeMapping';
import { ReconcileReport } from '../../../nodes/lib/planReport';
import { employee as baseEmployee, options, user, type Obj } from './builders';

/** The shared employee without manager_id, as these tables were written: the same data as before. */
const employee = (id: string, over: Obj = {}): Obj => {
	const { manager_id: _managerId, ...withoutManager } = baseEmployee(id);
	return { ...withoutManager, ...over };
};
const COST_CENTER = [{ field: 'cost_center', attribute: 'costCenter' }];

describe('custom attribute pairs', () => {
	test('one reading of the pairs: Map From → A Factorial Employee Item and the planner agree', () => {
		const raw = employee('1', { cost_center: ' CC-10 ', empty: '', n: 7 });
		const pairs = [
			...COST_CENTER,
			{ field: 'empty', attribute: 'x' },
			{ field: 'n', attribute: 'n' },
		];
		expect(customAttributeValues(raw, pairs).attributes).toEqual([
			{ name: 'costCenter', value: 'CC-10' },
			{ name: 'n', value: '7' },
		]);
		expect(mapEmployeeToUser(raw, '2026-03-10', pairs).attributes).toEqual(
			customAttributeValues(raw, pairs).attributes,
		);
	});

	test('changes compare names case-insensitively and keep every attribute the user has', () => {
		const current = [
			{ name: 'badge', value: '7' },
			{ name: 'CostCenter', value: 'CC-1' },
		];
		expect(attributeChanges(current, [{ name: 'costCenter', value: 'CC-1' }]).changes).toEqual([]);
		expect(attributeChanges(current, [{ name: 'costCenter', value: 'CC-2' }])).toEqual({
			changes: [{ name: 'costCenter', from: 'CC-1', to: 'CC-2' }],
			merged: [
				{ name: 'badge', value: '7' },
				{ name: 'CostCenter', value: 'CC-2' },
			],
		});
		expect(attributeChanges(null, [{ name: 'a', value: '1' }]).merged).toEqual([
			{ name: 'a', value: '1' },
		]);
	});

	test('an update writes the whole list, a create its attributes, an equal value nothing', () => {
		const plan = planReconciliation(
			[
				employee('1', { cost_center: 'CC-10' }),
				employee('2', { cost_center: 'CC-20' }),
				employee('3', { cost_center: 'CC-30' }),
				employee('4'),
			],
			[
				user('1', { attributes: [{ name: 'badge', value: '7' }] }),
				user('3', { attributes: [{ name: 'costCenter', value: 'CC-30' }] }),
				user('4', { attributes: [{ name: 'costCenter', value: 'CC-40' }] }),
			],
			options({ customAttributes: COST_CENTER, usernames: { source: 'generate', policy: {} } }),
		);
		expect(plan.update.map((a) => [a.employeeId, a.diff])).toEqual([
			['1', { 'attributes.costCenter': { from: '', to: 'CC-10' } }],
		]);
		// 3 is equal; 4 has no value in Factorial, which never clears what JumpCloud holds.
		expect(plan.unchanged).toBe(2);
		expect(writeBody(plan.update[0], plan.userIdByEmployee)).toEqual({
			body: {
				attributes: [
					{ name: 'badge', value: '7' },
					{ name: 'costCenter', value: 'CC-10' },
				],
			},
		});
		expect(plan.create[0].diff['attributes.costCenter']).toEqual({ from: '', to: 'CC-20' });
		expect(createBody(plan.create[0], 'STAGED', plan.userIdByEmployee)).toMatchObject({
			username: 'first2.last2',
			employeeIdentifier: '2',
			attributes: [{ name: 'costCenter', value: 'CC-20' }],
		});
		// Always read: they carry the sync's suspension mark (issue 21).
		expect(userFieldsFor()).toContain('attributes');
	});

	test('a pair whose field holds an object skips the employee with the reason', () => {
		const plan = planReconciliation(
			[employee('1', { cost_center: { id: 1 } })],
			[user('1')],
			options({ customAttributes: COST_CENTER }),
		);
		expect(plan.skipped).toEqual([
			{ itemIndex: 0, employeeId: '1', reason: 'field "cost_center" must be text, not an object' },
		]);
		expect(plan.update).toEqual([]);
	});

	test('the dry-run report shows the attribute change', () => {
		const plan = planReconciliation(
			[employee('1', { cost_center: 'CC-10' })],
			[user('1')],
			options({ customAttributes: COST_CENTER }),
		);
		const report = new ReconcileReport(true);
		for (const action of plan.order) report.planned(action);
		const { items, summary } = report.finish(plan, [employee('1')], 1, false);
		expect(items[0].json).toMatchObject({
			action: 'update',
			result: 'planned',
			diff: { 'attributes.costCenter': { from: '', to: 'CC-10' } },
		});
		expect(summary).toMatchObject({ updated: 1, dryRun: true });
	});
});

describe('the plan carries usernames, order and the directory index', () => {
	test('with a username source the creates have usernames, skips have reasons, the order is set', () => {
		const plan = planReconciliation(
			[
				employee('1', { manager_id: '2' }),
				employee('2'),
				employee('3', { username: 'taken' }),
				employee('9', { first_name: 'Changed' }),
			],
			[user('9'), user('x', { username: 'Taken', employeeIdentifier: '', email: 'x@acme.test' })],
			options({
				usernames: {
					source: 'field',
					field: 'username',
					valueAt: (i) => [' a1 ', 'b2', 'taken'][i],
				},
			}),
		);
		expect(plan.create.map((a) => [a.employeeId, a.username])).toEqual([
			['1', 'a1'],
			['2', 'b2'],
		]);
		expect(plan.skipped).toEqual([
			{
				itemIndex: 2,
				employeeId: '3',
				reason: 'the username "taken" is already taken in JumpCloud',
			},
		]);
		expect(plan.order.map((a) => `${a.action}:${a.employeeId}`)).toEqual([
			'create:2',
			'create:1',
			'update:9',
		]);
		expect(plan.userIdByEmployee.get('9')).toBe('u9');
		expect(replacementUsername(plan, plan.create[0], { source: 'generate', policy: {} })).toBe(
			'first1.last1',
		);
	});

	test('a manager created earlier in the run is linked by the write body; none left, the write is skipped', () => {
		const plan = planReconciliation(
			[employee('10'), employee('11', { manager_id: '10' })],
			[user('11')],
			options({ usernames: { source: 'generate', policy: {} } }),
		);
		const update = plan.order.find((a) => a.action === 'update');
		expect(update?.pendingManager).toBe('10');
		expect(writeBody({ ...update!, diff: { ...update!.diff } }, new Map())).toEqual({
			skip: 'the manager’s user could not be created',
		});
		const index = new Map(plan.userIdByEmployee).set('10', 'new10');
		expect(writeBody(update!, index)).toEqual({ body: { manager: 'new10' } });
	});
});
