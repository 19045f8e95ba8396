/**
 * Team groups: which JumpCloud user group serves which Factorial team. Pure (no n8n types).
 *
 * A team's group is the one group the sync OWNS for it: a group carrying the sync's mark
 * (nodes/lib/groupOwnership.ts) whose `team` is the team's name, exactly (a comma is part of the
 * name). The mark is written when the sync creates the group, or when an admin maps an existing group
 * to the team by ID (User Group → Map to Factorial Team). A group's name never makes it a team group:
 * an unmarked group named like a team (`IT Admins` for a team `it admins`) is reported and never
 * touched, and no second group of that name is created. Two groups marked for one team: neither is
 * touched. A team no group serves is missing (the Joiner and Mover create its group; the nightly
 * reports it).
 *
 * The managed set is the owned groups of the known teams (every Factorial team when the node reads
 * Factorial itself, the teams named in the input otherwise); every other group is never touched.
 */

import { readEmployee } from './employeeMapping';
import { groupOwnership } from './groupOwnership';

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
	/** missing: no group serves the team; unowned: an unmarked group has its name; ambiguous: 2+ marked. */
	kind: 'missing' | 'unowned' | 'ambiguous';
	reason: string;
	/** unowned: the group named like the team, which the sync leaves alone. */
	group?: TeamGroup;
}

export interface TeamGroupIndex {
	/** Team name (as Factorial writes it) → its one owned group. */
	byTeam: Map<string, TeamGroup>;
	/** Group id → group, for every team group (the managed set). */
	groups: Map<string, TeamGroup>;
	/** Teams without a usable group (missing, unowned name, ambiguous), with the reason; sorted by team. */
	skipped: TeamGroupSkip[];
}

const text = (value: unknown): string =>
	typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);

const asTeamGroup = (g: Obj): TeamGroup => ({ id: text(g.id ?? g._id), name: text(g.name) });

/** How an admin makes an existing group a team's group (named in reports and errors). */
export const MAP_GROUP_HINT =
	'To use it for this team, map it once: JumpCloud node → User Group → Map to Factorial Team, pick the group by ID, enter the team name.';

/** The groups the sync owns (carry its mark), each with the team its mark names (trimmed). */
export function ownedTeamGroups(rawGroups: Obj[]): Array<TeamGroup & { team: string }> {
	const owned: Array<TeamGroup & { team: string }> = [];
	for (const raw of rawGroups) {
		const mark = groupOwnership(raw);
		const group = asTeamGroup(raw);
		if (mark && group.id !== '') owned.push({ ...group, team: mark.team.trim() });
	}
	return owned;
}

/** Groups whose name equals `name` ignoring case and surrounding spaces (JumpCloud's names are unique so). */
export function groupsNamedLike(rawGroups: Obj[], name: string): TeamGroup[] {
	const key = name.trim().toLowerCase();
	return rawGroups
		.map(asTeamGroup)
		.filter((g) => g.id !== '' && g.name.trim().toLowerCase() === key);
}

/**
 * Which groups are team groups, from the list of all user groups (with their `attributes`) and the
 * team names. Teams are compared after trimming; empty names are ignored.
 */
export function teamGroupIndex(rawGroups: Obj[], teamNames: Iterable<string>): TeamGroupIndex {
	const byMark = new Map<string, TeamGroup[]>();
	const ownedIds = new Set<string>();
	for (const { team, ...group } of ownedTeamGroups(rawGroups)) {
		byMark.set(team, [...(byMark.get(team) ?? []), group]);
		ownedIds.add(group.id);
	}
	const index: TeamGroupIndex = { byTeam: new Map(), groups: new Map(), skipped: [] };
	const teams = [...new Set([...teamNames].map((t) => t.trim()).filter((t) => t !== ''))].sort();
	for (const team of teams) {
		const matches = byMark.get(team) ?? [];
		if (matches.length === 1) {
			index.byTeam.set(team, matches[0]);
			index.groups.set(matches[0].id, matches[0]);
			continue;
		}
		if (matches.length > 1) {
			index.skipped.push({
				team,
				kind: 'ambiguous',
				reason: `${matches.length} JumpCloud user groups are mapped to this team (${matches.map((g) => g.id).join(', ')}); none of them is touched until one is released (User Group → Release From Factorial Team)`,
			});
			continue;
		}
		const named = groupsNamedLike(rawGroups, team).filter((g) => !ownedIds.has(g.id));
		if (named.length) {
			index.skipped.push({
				team,
				kind: 'unowned',
				group: named[0],
				reason: `JumpCloud user group "${named[0].name}" (${named[0].id}) is named like this team, but the sync neither created it nor was it mapped to the team, so nobody is added to it or removed from it and no second group of that name is created. ${MAP_GROUP_HINT}`,
			});
			continue;
		}
		index.skipped.push({
			team,
			kind: 'missing',
			reason:
				'no JumpCloud user group is mapped to this team; nobody is added to one (the Joiner or Mover creates it, or map an existing group: User Group → Map to Factorial Team)',
		});
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
