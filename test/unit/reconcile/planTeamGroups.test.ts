/**
 * Reconcile → Team Groups: Repair, planner side (pure): which groups are team groups, the membership
 * diff per user, what is never touched, and how the dry run and summary report it.
 */
import { planReconciliation } from '../../../nodes/lib/plan';
import { ReconcileReport } from '../../../nodes/lib/planReport';
import type { TeamGroupState } from '../../../nodes/lib/teamGroups';
import {
	memberUserIds,
	teamGroupIndex,
	teamNamesOf,
	type TeamGroupIndex,
} from '../../../nodes/lib/teamGroups';
import { withOwnership } from '../../../nodes/lib/groupOwnership';
import type { Obj } from './builders';
import { employee, options as baseOptions, user } from './builders';

/** The department follows the first team; left out so these plans show only the groups. */
const options: typeof baseOptions = (over = {}) =>
	baseOptions({
		attributes: baseOptions().attributes.filter((a) => a !== 'department'),
		...over,
	});

/** A group the sync owns for `team` (its mark in `attributes`). */
const owned = (id: string, name: string, team: string, how: 'created' | 'mapped' = 'created') => ({
	id,
	name,
	attributes: withOwnership({ sudo: { enabled: false, withoutPassword: false } }, { team, how }),
});

const GROUPS: Obj[] = [
	owned('gSales', 'Sales', 'Sales'),
	owned('gEng', 'Engineering', 'Engineering'),
	// Mapped by an admin: its name need not be the team's.
	owned('gOps', 'ops', 'Ops', 'mapped'),
	{ id: 'gAll', name: 'All Staff' },
];

/** Team groups for these teams, with members as `groupId -> user ids`. */
function state(
	teams: string[],
	members: Record<string, string[]>,
	groups = GROUPS,
): TeamGroupState {
	const index: TeamGroupIndex = teamGroupIndex(groups, teams);
	return {
		index,
		members: new Map(
			[...index.groups.keys()].map((id) => [id, new Set(members[id] ?? [])] as const),
		),
	};
}

const TEAMS = ['Sales', 'Engineering', 'Ops', 'Design'];

describe('teamGroupIndex (only groups the sync owns)', () => {
	test('a team’s group is the one group whose mark names it; missing and ambiguous teams are reported', () => {
		const index = teamGroupIndex(
			[...GROUPS, owned('gDup1', 'Support', 'Support'), owned('gDup2', 'Support 2', 'Support')],
			['Sales', 'Ops', 'Design', 'Support', ' Sales '],
		);
		expect(index.byTeam.get('Sales')?.id).toBe('gSales');
		expect(index.byTeam.get('Ops')?.id).toBe('gOps');
		expect([...index.groups.keys()].sort()).toEqual(['gOps', 'gSales']);
		expect(index.skipped.map((s) => [s.team, s.kind])).toEqual([
			['Design', 'missing'],
			['Support', 'ambiguous'],
		]);
		expect(index.skipped[1].reason).toMatch(/2 JumpCloud user groups are mapped .*gDup1, gDup2/);
	});

	test('a team named like an unmarked group ("it admins" vs "IT Admins") never gets it', () => {
		const admins = { id: 'gAdmins', name: 'IT Admins', description: 'Domain administrators' };
		const index = teamGroupIndex([...GROUPS, admins], ['it admins', 'IT Admins']);
		expect(index.byTeam.size).toBe(0);
		expect(index.groups.size).toBe(0);
		expect(index.skipped).toEqual([
			{
				team: 'IT Admins',
				kind: 'unowned',
				group: { id: 'gAdmins', name: 'IT Admins' },
				reason: expect.stringMatching(
					/"IT Admins" \(gAdmins\) is named like this team, but the sync neither created it nor was it mapped.*Map to Factorial Team/,
				),
			},
			expect.objectContaining({
				team: 'it admins',
				kind: 'unowned',
				group: { id: 'gAdmins', name: 'IT Admins' },
			}),
		]);
	});

	test('a comma is part of a team name: "Marketing,Domain Admins" is one team, never "Domain Admins"', () => {
		const groups = [
			...GROUPS,
			{ id: 'gDA', name: 'Domain Admins' },
			owned('gMkt', 'Marketing', 'Marketing'),
		];
		const index = teamGroupIndex(groups, ['Marketing,Domain Admins']);
		expect(index.groups.size).toBe(0);
		expect(index.skipped).toEqual([
			expect.objectContaining({ team: 'Marketing,Domain Admins', kind: 'missing' }),
		]);
		// A group mapped to that exact team name is its group.
		const mapped = teamGroupIndex(
			[...groups, owned('gOdd', 'Odd team', 'Marketing,Domain Admins', 'mapped')],
			['Marketing,Domain Admins'],
		);
		expect([...mapped.groups.keys()]).toEqual(['gOdd']);
	});

	test('a mark for another team, or a broken mark, does not make a group a team’s group', () => {
		const index = teamGroupIndex(
			[
				{ ...owned('gX', 'Finance', 'Accounting') },
				{
					id: 'gY',
					name: 'Legal',
					attributes: { factorialJumpCloudSync: { team: 'Legal', how: 'guessed' } },
				},
			],
			['Finance', 'Legal'],
		);
		expect(index.groups.size).toBe(0);
		expect(index.skipped.map((s) => [s.team, s.kind])).toEqual([
			['Finance', 'missing'],
			['Legal', 'unowned'],
		]);
	});

	test('members are the user edges of a members list', () => {
		expect(
			memberUserIds([
				{ to: { type: 'user', id: 'u1' } },
				{ to: { type: 'user_group', id: 'g9' } },
				{ to: { type: 'user', id: 'u2' } },
			]),
		).toEqual(new Set(['u1', 'u2']));
	});

	test('team names come from the items’ team_names, each once', () => {
		expect(
			teamNamesOf([
				{ id: 1, team_names: ['Sales', 'Ops'] },
				{ id: 2, team_names: ['Ops', ' '] },
				{ id: 3 },
			]),
		).toEqual(['Ops', 'Sales']);
	});
});

describe('planReconciliation with Team Groups: Repair', () => {
	test('adds the user to its team’s group and removes it from a wrong team group; other groups untouched', () => {
		const plan = planReconciliation(
			[employee('1', { team_names: ['Engineering'] })],
			[user('1')],
			options({ teamGroups: state(TEAMS, { gSales: ['u1'], gAll: ['u1'] }) }),
		);
		expect(plan.teamGroups).toHaveLength(1);
		const [action] = plan.teamGroups;
		expect(action).toMatchObject({
			action: 'teamGroups',
			userId: 'u1',
			employeeId: '1',
			diff: { teamGroups: { from: 'Sales', to: 'Engineering' } },
		});
		expect(action.teamGroups?.add.map((g) => g.id)).toEqual(['gEng']);
		expect(action.teamGroups?.remove.map((g) => g.id)).toEqual(['gSales']);
		// "All Staff" is no team's group: never in the change.
		expect(JSON.stringify(action)).not.toContain('gAll');
		expect(plan.unchanged).toBe(0);
		expect(plan.order).toContain(action);
	});

	test('a user already in exactly its teams’ groups needs nothing', () => {
		const plan = planReconciliation(
			[employee('1', { team_names: ['Sales', 'Ops'] })],
			[user('1')],
			options({ teamGroups: state(TEAMS, { gSales: ['u1'], gOps: ['u1'] }) }),
		);
		expect(plan.teamGroups).toEqual([]);
		expect(plan.unchanged).toBe(1);
	});

	test('without Repair nothing about groups is planned', () => {
		const plan = planReconciliation(
			[employee('1', { team_names: ['Engineering'] })],
			[user('1')],
			options(),
		);
		expect(plan.teamGroups).toEqual([]);
		expect(plan.unchanged).toBe(1);
	});

	test('a team with no group: reported as skipped with the reason, the other groups still set, no group created', () => {
		const plan = planReconciliation(
			[employee('1', { team_names: ['Design', 'Sales'] })],
			[user('1')],
			options({ teamGroups: state(TEAMS, {}) }),
		);
		expect(plan.teamGroupsSkipped).toEqual([
			{ team: 'Design', kind: 'missing', reason: expect.stringMatching(/no JumpCloud user group/) },
		]);
		expect(plan.teamGroups).toHaveLength(1);
		expect(plan.teamGroups[0].teamGroups).toMatchObject({
			add: [{ id: 'gSales', name: 'Sales' }],
			remove: [],
			unavailable: ['Design'],
		});
	});

	test('users no employee matched, leavers, kept-suspended users and conflicts are never touched', () => {
		const plan = planReconciliation(
			[
				employee('2', { active: false, terminated_on: '2026-01-01', team_names: [] }),
				employee('3', { team_names: [] }),
				employee('4', { team_names: [] }),
				employee('4', { team_names: [] }),
			],
			[
				user('2'),
				user('3', { state: 'SUSPENDED' }),
				user('4'),
				user('9'), // its employee is not in the input
				user('8', { employeeIdentifier: '' }),
			],
			options({
				reactivateSuspendedUsers: false,
				teamGroups: state(TEAMS, { gSales: ['u2', 'u3', 'u9', 'u8'] }),
			}),
		);
		expect(plan.teamGroups).toEqual([]);
	});

	test('an employee whose item has no team_names keeps its groups and is counted', () => {
		const plan = planReconciliation(
			[employee('1'), employee('2', { team_names: null })],
			[user('1'), user('2')],
			options({ teamGroups: state(TEAMS, { gSales: ['u1', 'u2'] }) }),
		);
		expect(plan.teamGroups).toEqual([]);
		expect(plan.teamGroupsUnknownTeams).toBe(2);
	});

	test('an employee with no team any more leaves every team group', () => {
		const plan = planReconciliation(
			[employee('1', { team_names: [] })],
			[user('1')],
			options({ teamGroups: state(TEAMS, { gSales: ['u1'], gOps: ['u1'] }) }),
		);
		expect(plan.teamGroups[0].teamGroups?.remove.map((g) => g.name)).toEqual(['Sales', 'ops']);
		expect(plan.teamGroups[0].teamGroups?.add).toEqual([]);
	});

	test('a user created in this run joins its team groups after the create', () => {
		const plan = planReconciliation(
			[employee('5', { team_names: ['Sales'] })],
			[],
			options({
				teamGroups: state(TEAMS, {}),
				usernames: { source: 'generate', policy: {} },
			}),
		);
		expect(plan.create).toHaveLength(1);
		expect(plan.teamGroups).toHaveLength(1);
		expect(plan.teamGroups[0]).toMatchObject({ employeeId: '5', reason: 'created in this run' });
		expect(plan.teamGroups[0].userId).toBeUndefined();
		expect(plan.teamGroups[0].teamGroups?.add.map((g) => g.id)).toEqual(['gSales']);
		expect(plan.order.indexOf(plan.teamGroups[0])).toBeGreaterThan(
			plan.order.indexOf(plan.create[0]),
		);
	});

	test('a reactivated user gets its team groups back', () => {
		const plan = planReconciliation(
			[employee('6', { team_names: ['Ops'] })],
			[user('6', { state: 'SUSPENDED' })],
			options({ teamGroups: state(TEAMS, {}) }),
		);
		expect(plan.reactivate).toHaveLength(1);
		expect(plan.teamGroups[0].teamGroups?.add.map((g) => g.id)).toEqual(['gOps']);
	});
});

describe('an impostor team named like a privileged group (issue 21)', () => {
	test('the repair neither adds the impostor to nor removes the admins from the unmarked group', () => {
		const groups = [
			...GROUPS,
			{ id: 'gAdmins', name: 'IT Admins' },
			{ id: 'gDA', name: 'Domain Admins' },
		];
		const teams = [...TEAMS, 'it admins', 'Marketing,Domain Admins'];
		const index = teamGroupIndex(groups, teams);
		// Even if the members of every group were read, only owned groups are in the managed set.
		const members = new Map<string, Set<string>>([
			['gAdmins', new Set(['u1', 'u2'])],
			['gDA', new Set(['u1', 'u2'])],
			['gSales', new Set(['u1', 'u2'])],
		]);
		const plan = planReconciliation(
			[
				employee('1', { team_names: ['Sales'] }),
				employee('2', { team_names: ['Sales'] }),
				employee('3', { team_names: ['it admins'] }),
				employee('4', { team_names: ['Marketing,Domain Admins'] }),
			],
			[user('1'), user('2'), user('3'), user('4')],
			options({ teamGroups: { index, members } }),
		);
		const touched = plan.teamGroups.flatMap((a) => [
			...(a.teamGroups?.add ?? []),
			...(a.teamGroups?.remove ?? []),
		]);
		expect(touched.map((g) => g.id)).not.toContain('gAdmins');
		expect(touched.map((g) => g.id)).not.toContain('gDA');
		expect(plan.teamGroups).toEqual([]);
		expect(plan.teamGroupsSkipped).toEqual([
			expect.objectContaining({ team: 'Design', kind: 'missing' }),
			expect.objectContaining({ team: 'Marketing,Domain Admins', kind: 'missing' }),
			expect.objectContaining({
				team: 'it admins',
				kind: 'unowned',
				group: { id: 'gAdmins', name: 'IT Admins' },
			}),
		]);
	});
});

describe('team-group safety brake', () => {
	/** 20 matched users in Sales whose items no longer name a team (a lost membership list). */
	const emptied = (over = {}) => {
		const ids = Array.from({ length: 20 }, (_, i) => String(100 + i));
		return planReconciliation(
			ids.map((id) => employee(id, { team_names: [] })),
			ids.map((id) => user(id)),
			options({
				teamGroups: state(TEAMS, { gSales: ids.map((id) => `u${id}`) }),
				...over,
			}),
		);
	};

	test('more removals than the suspension share allows (at least 5) trigger it', () => {
		const plan = emptied();
		expect(plan.teamGroupBrake).toMatchObject({
			base: 20,
			changes: 20,
			removals: 20,
			limit: 5,
			triggered: true,
			overridden: false,
		});
		const { summary } = new ReconcileReport(true).finish(plan, [], 20, false, true);
		expect(String(summary.teamGroupBrakeMessage)).toMatch(
			/change the team groups of 20 of 20 matched JumpCloud users.*A real run would stop here/,
		);
	});

	test('Override Safety Brake lets it through; a few removals never trigger it', () => {
		expect(emptied({ overrideSafetyBrake: true }).teamGroupBrake).toMatchObject({
			triggered: false,
			overridden: true,
		});
		expect(emptied({ maxSuspensionShare: 100 }).teamGroupBrake?.triggered).toBe(false);
		const few = planReconciliation(
			[employee('1', { team_names: [] })],
			[user('1')],
			options({ teamGroups: state(TEAMS, { gSales: ['u1'] }) }),
		);
		expect(few.teamGroupBrake).toMatchObject({
			changes: 1,
			removals: 1,
			limit: 5,
			triggered: false,
		});
	});
});

describe('team-group brake counts additions as removals', () => {
	test('20 matched users each added to a team group trigger it', () => {
		const ids = Array.from({ length: 20 }, (_, i) => String(200 + i));
		const plan = planReconciliation(
			ids.map((id) => employee(id, { team_names: ['Sales'] })),
			ids.map((id) => user(id)),
			options({ teamGroups: state(TEAMS, {}) }),
		);
		expect(plan.teamGroups).toHaveLength(20);
		expect(plan.teamGroupBrake).toMatchObject({ base: 20, changes: 20, limit: 5, triggered: true });
		const { summary } = new ReconcileReport(true).finish(plan, [], 20, false, true);
		expect(String(summary.teamGroupBrakeMessage)).toMatch(
			/change the team groups of 20 of 20 matched/,
		);
	});

	test('users created in this run joining their groups are left to the creation brake', () => {
		const plan = planReconciliation(
			[employee('5', { team_names: ['Sales'] })],
			[],
			options({ teamGroups: state(TEAMS, {}), usernames: { source: 'generate', policy: {} } }),
		);
		expect(plan.teamGroupBrake).toMatchObject({ changes: 0, triggered: false });
	});
});

describe('report', () => {
	const plan = () =>
		planReconciliation(
			[employee('1', { team_names: ['Engineering', 'Design'] })],
			[user('1')],
			options({ teamGroups: state(TEAMS, { gSales: ['u1'] }) }),
		);

	test('the dry run lists the groups it would add and remove and the summary counts them', () => {
		const p = plan();
		const report = new ReconcileReport(true);
		for (const action of p.order) report.planned(action);
		const { items, summary } = report.finish(p, [employee('1')], 1, false, true);
		expect(items[0].json).toMatchObject({
			action: 'teamGroups',
			result: 'planned',
			addedGroups: ['Engineering'],
			removedGroups: ['Sales'],
			teamsWithoutGroup: ['Design'],
		});
		expect(summary).toMatchObject({
			teamGroupsRepaired: 1,
			teamGroupMembershipsAdded: 1,
			teamGroupMembershipsRemoved: 1,
			teamGroupsSkipped: [{ team: 'Design' }],
		});
	});

	test('a real run counts only the memberships it changed', () => {
		const p = plan();
		const report = new ReconcileReport(false);
		report.applied(p.teamGroups[0], 'done', { addedGroups: ['Engineering'], removedGroups: [] });
		const { summary } = report.finish(p, [employee('1')], 1, false, true);
		expect(summary).toMatchObject({
			teamGroupsRepaired: 1,
			teamGroupMembershipsAdded: 1,
			teamGroupMembershipsRemoved: 0,
		});
	});

	test('without Repair the summary has no team-group fields (as before)', () => {
		const p = planReconciliation([employee('1')], [user('1')], options());
		const { summary } = new ReconcileReport(true).finish(p, [employee('1')], 1, false);
		expect(Object.keys(summary).filter((k) => k.startsWith('teamGroup'))).toEqual([]);
	});
});
