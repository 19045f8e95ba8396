/**
 * Change detection for the Factorial Poll Trigger: compares the stored fingerprints with the employees
 * read in this poll and says what happened. Pure module: no n8n imports, no I/O.
 *
 * One lifecycle event per employee per poll (created, terminated, unterminated or updated) carrying every
 * tracked field that changed, so a workflow never processes the same employee twice for one poll. Team
 * memberships are separate events (the webhook trigger has them separately too).
 */
import { isTerminatedRecord } from '../../lib/calendar';
import {
	TRACKED_FIELDS,
	fingerprint,
	unpackFingerprint,
	type FingerprintMap,
	type TrackedEmployee,
	type TrackedField,
	type TrackedMembership,
	type TrackedValue,
} from './fingerprint';

export type DetectedKind =
	| 'employee.created'
	| 'employee.updated'
	| 'employee.terminated'
	| 'employee.unterminated'
	| 'employee.deleted'
	| 'team_membership.created'
	| 'team_membership.updated'
	| 'team_membership.deleted';

export interface FieldChange {
	old: TrackedValue;
	new: TrackedValue;
}

export type FieldChanges = Partial<Record<TrackedField, FieldChange>>;

export interface DetectedEvent {
	kind: DetectedKind;
	employeeId: string;
	/** The employee now, or as last seen for `employee.deleted`. */
	employee: TrackedEmployee;
	/** Employee events other than created/deleted: the tracked fields that changed. */
	changes?: FieldChanges;
	/** Membership events only. */
	membership?: TrackedMembership;
}

export interface DiffOptions {
	/**
	 * The employees read are the whole company: anyone stored but not read was removed. Off for the
	 * incremental polls, which read only employees updated since the last poll day.
	 */
	fullPass: boolean;
	/**
	 * Memberships of every employee, when teams were read in this poll (employees absent from the map
	 * belong to no team). Undefined: memberships were not read and the stored ones are kept.
	 */
	teamsByEmployee?: ReadonlyMap<string, TrackedMembership[]>;
}

export interface DiffResult {
	events: DetectedEvent[];
	/** The fingerprints to store for the next poll. */
	state: FingerprintMap;
	/** Whether `state` differs from `previous` (n8n rewrites the static data only when it changed). */
	changed: boolean;
}

/** Terminated means a termination date is set (possibly in the future) or Factorial says inactive. */
export function isTerminated(fields: Record<TrackedField, TrackedValue>): boolean {
	return isTerminatedRecord(fields.terminatedOn, fields.active);
}

export function changedFields(
	before: Record<TrackedField, TrackedValue>,
	after: Record<TrackedField, TrackedValue>,
): FieldChanges {
	const changes: FieldChanges = {};
	for (const field of TRACKED_FIELDS) {
		if (before[field] !== after[field]) changes[field] = { old: before[field], new: after[field] };
	}
	return changes;
}

function lifecycleEvent(
	before: TrackedEmployee,
	after: TrackedEmployee,
): DetectedEvent | undefined {
	const changes = changedFields(before.fields, after.fields);
	if (Object.keys(changes).length === 0) return undefined;
	const wasTerminated = isTerminated(before.fields);
	const nowTerminated = isTerminated(after.fields);
	let kind: DetectedKind = 'employee.updated';
	if (!wasTerminated && nowTerminated) kind = 'employee.terminated';
	else if (wasTerminated && !nowTerminated) kind = 'employee.unterminated';
	return { kind, employeeId: after.id, employee: after, changes };
}

function sameFingerprint(a: readonly string[] | undefined, b: readonly string[]): boolean {
	return a !== undefined && a.length === b.length && a.every((part, index) => part === b[index]);
}

function membershipEvents(
	employee: TrackedEmployee,
	before: TrackedMembership[],
	after: TrackedMembership[],
): DetectedEvent[] {
	const events: DetectedEvent[] = [];
	const previous = new Map(before.map((m) => [m.teamId, m]));
	const current = new Map(after.map((m) => [m.teamId, m]));
	const base = { employeeId: employee.id, employee };
	for (const [teamId, membership] of current) {
		const old = previous.get(teamId);
		if (old === undefined) events.push({ ...base, kind: 'team_membership.created', membership });
		else if (old.lead !== membership.lead)
			events.push({ ...base, kind: 'team_membership.updated', membership });
	}
	for (const [teamId, membership] of previous) {
		if (!current.has(teamId)) events.push({ ...base, kind: 'team_membership.deleted', membership });
	}
	return events;
}

/**
 * Compare `previous` with the employees read now. Events come out in a stable order: employee
 * lifecycle events (in the order read), then membership changes, then deletions.
 */
export function diff(
	previous: FingerprintMap,
	current: readonly TrackedEmployee[],
	options: DiffOptions,
): DiffResult {
	const lifecycle: DetectedEvent[] = [];
	const memberships: DetectedEvent[] = [];
	const deletions: DetectedEvent[] = [];
	const state: FingerprintMap = {};

	// Pages can overlap when records change while paginating; the last copy read wins.
	const read = new Map<string, TrackedEmployee>();
	for (const employee of current) read.set(employee.id, employee);

	const stored = (id: string): TrackedEmployee | undefined =>
		Object.prototype.hasOwnProperty.call(previous, id)
			? unpackFingerprint(id, previous[id])
			: undefined;

	const withTeams = (employee: TrackedEmployee, before?: TrackedEmployee): TrackedEmployee => {
		const teams = options.teamsByEmployee
			? (options.teamsByEmployee.get(employee.id) ?? [])
			: (employee.teams ?? before?.teams);
		return teams === undefined
			? { id: employee.id, fields: employee.fields }
			: { ...employee, teams };
	};

	for (const [id, readEmployee] of read) {
		const before = stored(id);
		const after = withTeams(readEmployee, before);
		if (before === undefined) {
			lifecycle.push({ kind: 'employee.created', employeeId: id, employee: after });
		} else {
			const event = lifecycleEvent(before, after);
			if (event !== undefined) lifecycle.push(event);
		}
		if (after.teams !== undefined && (before === undefined || before.teams !== undefined)) {
			memberships.push(...membershipEvents(after, before?.teams ?? [], after.teams));
		}
		state[id] = fingerprint(after);
	}

	for (const id of Object.keys(previous)) {
		if (read.has(id)) continue;
		const before = stored(id) as TrackedEmployee;
		if (options.fullPass) {
			deletions.push({ kind: 'employee.deleted', employeeId: id, employee: before });
			continue;
		}
		// Not updated since the last poll day: only its memberships can have moved.
		const after = withTeams(before, before);
		if (after.teams !== undefined && before.teams !== undefined) {
			memberships.push(...membershipEvents(after, before.teams, after.teams));
		}
		state[id] = fingerprint(after);
	}

	const previousIds = Object.keys(previous);
	const changed =
		previousIds.length !== Object.keys(state).length ||
		previousIds.some((id) => !sameFingerprint(state[id], previous[id]));
	return { events: [...lifecycle, ...memberships, ...deletions], state, changed };
}
