/**
 * Which JumpCloud user groups the sync owns. Pure module (no n8n types).
 *
 * The sync adds and removes members only in groups it owns, and that ownership is recorded in JumpCloud
 * itself, on the group, so every workflow and every admin sees the same answer: the group's published
 * `attributes` object (`GraphAttributes`, open to extra properties in JumpCloud's V2 spec) carries
 * `factorialJumpCloudSync: { team, how, at }`. `how` is `created` (the sync made the group for a team) or
 * `mapped` (an admin chose this group for a team, by ID). A group without the mark is never touched,
 * whatever its name: a Factorial team named like a privileged group ("IT Admins") gets no access to it.
 */

type Obj = Record<string, unknown>;

/** The property of a group's `attributes` that records the sync's ownership. */
export const OWNERSHIP_ATTRIBUTE = 'factorialJumpCloudSync';

export type OwnershipKind = 'created' | 'mapped';

export interface GroupOwnership {
	/** The Factorial team the group serves, exactly as Factorial names it (a comma is part of the name). */
	team: string;
	how: OwnershipKind;
	/** When the mark was written (ISO 8601), when known. */
	at?: string;
}

const isObj = (value: unknown): value is Obj =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** The sync's mark on a group (as JumpCloud returns it), or undefined when the sync does not own it. */
export function groupOwnership(group: unknown): GroupOwnership | undefined {
	if (!isObj(group) || !isObj(group.attributes)) return undefined;
	const mark = group.attributes[OWNERSHIP_ATTRIBUTE];
	if (!isObj(mark)) return undefined;
	if (typeof mark.team !== 'string' || mark.team.trim() === '') return undefined;
	if (mark.how !== 'created' && mark.how !== 'mapped') return undefined;
	return {
		team: mark.team,
		how: mark.how,
		...(typeof mark.at === 'string' ? { at: mark.at } : {}),
	};
}

/** Whether the sync owns this group (it carries a valid mark). */
export function isOwnedGroup(group: unknown): boolean {
	return groupOwnership(group) !== undefined;
}

/**
 * The group's `attributes` with the sync's mark set (other attributes kept as they are), for a create
 * or a PUT of the whole group.
 */
export function withOwnership(attributes: unknown, ownership: GroupOwnership): Obj {
	const base = isObj(attributes) ? { ...attributes } : {};
	base[OWNERSHIP_ATTRIBUTE] = {
		team: ownership.team,
		how: ownership.how,
		...(ownership.at ? { at: ownership.at } : {}),
	};
	return base;
}

/** The group's `attributes` without the sync's mark (other attributes kept), for a release. */
export function withoutOwnership(attributes: unknown): Obj {
	const base = isObj(attributes) ? { ...attributes } : {};
	delete base[OWNERSHIP_ATTRIBUTE];
	return base;
}
