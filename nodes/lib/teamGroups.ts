/**
 * Team groups for the reconciliation (Reconcile → Team Groups: Repair). Pure (no n8n types).
 *
 * A team group is the JumpCloud user group named like a Factorial team, by the Mover's rule (User
 * Group → Set Groups of a User, `findGroupByName`): the group with exactly the team's name, else the
 * one group whose name equals it ignoring case. A team two groups answer to is ambiguous: neither
 * group is touched. A team no group answers to is missing: reported, never created here.
 *
 * The managed set is the groups of the known teams (every Factorial team when the node reads
 * Factorial itself, the teams named in the input otherwise); every other group is never touched.
 */

import { readEmployee } from './employeeMapping';

type Obj = Record<string, unknown>;

/** The team names the employee items carry (`team_names`), each once. */
export function teamNamesOf(employees: Obj[]): string[] {
	const names = new Set<string>();
	for (const item of employees) {
		if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
		for (const team of readEmployee(item, '').teams ?? []) names.add(team);
	}
	return [...names].sort();
}

export interface TeamGroup {
	id: string;
	name: string;
}

export interface TeamGroupSkip {
	team: string;
	reason: string;
}

export interface TeamGroupIndex {
	/** Team name (as Factorial writes it) → its one group. */
	byTeam: Map<string, TeamGroup>;
	/** Group id → group, for every team group (the managed set). */
	groups: Map<string, TeamGroup>;
	/** Teams without a usable group (missing or ambiguous), with the reason; sorted by team. */
	skipped: TeamGroupSkip[];
}

const text = (value: unknown): string =>
	typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);

/**
 * Which groups are team groups, from the list of all user groups and the team names. Teams are
 * compared after trimming; empty names are ignored.
 */
export function teamGroupIndex(rawGroups: Obj[], teamNames: Iterable<string>): TeamGroupIndex {
	const groups: TeamGroup[] = rawGroups
		.map((g) => ({ id: text(g.id ?? g._id), name: text(g.name) }))
		.filter((g) => g.id !== '');
	const exact = new Map<string, TeamGroup[]>();
	const folded = new Map<string, TeamGroup[]>();
	for (const group of groups) {
		exact.set(group.name, [...(exact.get(group.name) ?? []), group]);
		const key = group.name.toLowerCase();
		folded.set(key, [...(folded.get(key) ?? []), group]);
	}
	const index: TeamGroupIndex = { byTeam: new Map(), groups: new Map(), skipped: [] };
	const teams = [...new Set([...teamNames].map((t) => t.trim()).filter((t) => t !== ''))].sort();
	for (const team of teams) {
		const matches = exact.get(team) ?? folded.get(team.toLowerCase()) ?? [];
		if (matches.length === 1) {
			index.byTeam.set(team, matches[0]);
			index.groups.set(matches[0].id, matches[0]);
		} else if (matches.length === 0) {
			index.skipped.push({
				team,
				reason:
					'no JumpCloud user group has this name; nobody is added to it (create it, or let the Joiner or Mover create it, and the next run adds the members)',
			});
		} else {
			index.skipped.push({
				team,
				reason: `${matches.length} JumpCloud user groups are named like this team (${matches.map((g) => g.id).join(', ')}); none of them is touched until one is renamed`,
			});
		}
	}
	return index;
}

/** The user ids of a group's direct members, from `GET /v2/usergroups/{id}/members` entries. */
export function memberUserIds(entries: Obj[]): Set<string> {
	const ids = new Set<string>();
	for (const entry of entries) {
		const to = entry.to as Obj | undefined;
		if (to && to.type === 'user' && (typeof to.id === 'string' || typeof to.id === 'number'))
			ids.add(String(to.id));
	}
	return ids;
}

/** The team groups read from JumpCloud: which they are and who is in each (read in full). */
export interface TeamGroupState {
	index: TeamGroupIndex;
	/** Group id → user ids of its direct members, for every group of `index.groups`. */
	members: Map<string, Set<string>>;
}

export interface TeamGroupChange {
	add: TeamGroup[];
	remove: TeamGroup[];
	/** The team groups the user is in now and should be in (by name, for the diff). */
	from: string[];
	to: string[];
	/** The employee's teams that have no usable group (not added; see the index's reasons). */
	unavailable: string[];
}

const byName = (a: TeamGroup, b: TeamGroup) =>
	a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1;

/**
 * What makes `userId` (undefined: a user this run creates, in no group yet) a member of exactly the
 * groups of `teams` among the team groups. Undefined when nothing changes.
 */
export function teamGroupChange(
	state: TeamGroupState,
	userId: string | undefined,
	teams: readonly string[],
): TeamGroupChange | undefined {
	const wanted = new Map<string, TeamGroup>();
	const unavailable: string[] = [];
	for (const team of teams) {
		const group = state.index.byTeam.get(team.trim());
		if (group) wanted.set(group.id, group);
		else if (!unavailable.includes(team.trim())) unavailable.push(team.trim());
	}
	const current: TeamGroup[] = [];
	if (userId !== undefined)
		for (const group of state.index.groups.values())
			if (state.members.get(group.id)?.has(userId)) current.push(group);
	const currentIds = new Set(current.map((g) => g.id));
	const add = [...wanted.values()].filter((g) => !currentIds.has(g.id)).sort(byName);
	const remove = current.filter((g) => !wanted.has(g.id)).sort(byName);
	if (!add.length && !remove.length) return undefined;
	return {
		add,
		remove,
		from: current.sort(byName).map((g) => g.name),
		to: [...wanted.values()].sort(byName).map((g) => g.name),
		unavailable: unavailable.sort(),
	};
}
