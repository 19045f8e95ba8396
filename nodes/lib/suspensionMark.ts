/**
 * Which suspensions the sync made, and so may lift. Pure module (no n8n types).
 *
 * The sync reactivates only users it suspended itself. That is recorded on the JumpCloud user, in its
 * published custom `attributes` array (`[{ name, value }]`): `factorialSyncSuspendedAt` = the instant
 * (ISO 8601, UTC) the sync's suspension takes effect. It is written in the same PUT as a suspension made
 * now, and with the scheduled instant when a suspension is scheduled. JumpCloud custom attribute names
 * are letters and numbers only, fewer than 32 characters (docs/reference/jumpcloud.md). A user suspended
 * by anyone else (IT during an incident, another tool, a package version before the mark) carries no
 * mark, or a mark for a later instant than now, and stays suspended: every reactivation path reports it
 * as suspended outside the sync instead.
 */

type Obj = Record<string, unknown>;

/** The custom attribute that records the sync's suspension (letters and numbers, < 32 characters). */
export const SUSPENSION_MARK = 'factorialSyncSuspendedAt';

export interface CustomAttribute {
	name: string;
	value: string;
}

const isObj = (value: unknown): value is Obj =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** JumpCloud compares custom attribute names case-insensitively. */
const isMark = (entry: unknown): boolean =>
	isObj(entry) &&
	typeof entry.name === 'string' &&
	entry.name.toLowerCase() === SUSPENSION_MARK.toLowerCase();

function listOf(attributes: unknown): CustomAttribute[] {
	if (!Array.isArray(attributes)) return [];
	return attributes
		.filter((a): a is Obj => isObj(a) && typeof a.name === 'string')
		.map((a) => ({ name: String(a.name), value: a.value === undefined ? '' : String(a.value) }));
}

/** The instant the sync's suspension of this user takes effect (ISO 8601), or undefined without a valid mark. */
export function suspensionMark(user: unknown): string | undefined {
	if (!isObj(user) || !Array.isArray(user.attributes)) return undefined;
	const entry = user.attributes.find(isMark) as Obj | undefined;
	if (!entry || typeof entry.value !== 'string') return undefined;
	const at = Date.parse(entry.value);
	return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** Whether a pending scheduled suspension is the sync's: it runs at the instant the user's mark records. */
export function scheduledBySync(job: { scheduledDate: string }, mark: string | undefined): boolean {
	return mark !== undefined && Date.parse(job.scheduledDate) === Date.parse(mark);
}

export type SuspensionOwner = { bySync: true; at: string } | { bySync: false; reason: string };

const label = (user: unknown): string => {
	const u = isObj(user) ? user : {};
	const name =
		typeof u.username === 'string' && u.username ? u.username : String(u.id ?? u._id ?? '');
	return `JumpCloud user ${name}`;
};

/**
 * Whether the user's current suspension is the sync's at `now` (ms since epoch): a mark whose instant
 * has come. A mark for a later instant belongs to a scheduled suspension that has not happened yet, so
 * whoever suspended the user before it was not the sync.
 */
export function suspendedBySync(user: unknown, now: number): SuspensionOwner {
	const at = suspensionMark(user);
	if (at === undefined)
		return {
			bySync: false,
			reason: `${label(user)} was suspended outside the sync (no ${SUSPENSION_MARK} mark: suspended in JumpCloud by an admin or another tool, or by a version of this package before the mark); it stays suspended until an admin reactivates it`,
		};
	if (Date.parse(at) > now)
		return {
			bySync: false,
			reason: `${label(user)} was suspended outside the sync (the sync's suspension is scheduled for ${at}, later than now); it stays suspended until an admin reactivates it`,
		};
	return { bySync: true, at };
}

/** The user's `attributes` with the mark set to `at` (others kept), for the PUT that suspends or schedules. */
export function withSuspensionMark(
	attributes: unknown,
	at: string | number | Date,
): CustomAttribute[] {
	const instant = new Date(at).toISOString();
	return [
		...listOf(attributes).filter((a) => !isMark(a)),
		{ name: SUSPENSION_MARK, value: instant },
	];
}

/** The user's `attributes` without the mark (others kept), for the PUT that reactivates. */
export function withoutSuspensionMark(attributes: unknown): CustomAttribute[] {
	return listOf(attributes).filter((a) => !isMark(a));
}

/** Whether the user's `attributes` carry the mark at all (valid or not), so a reactivation clears it. */
export function hasSuspensionMark(user: unknown): boolean {
	return isObj(user) && Array.isArray(user.attributes) && user.attributes.some(isMark);
}
