/**
 * Employee mapping decisions for the Factorial node. Pure module: no n8n types.
 *
 * WORK EMAIL: the work email is Factorial's `email` field. It is the address the employee is
 * invited and signs in with (it equals `login_email` once the invitation is accepted), is required
 * by create_with_contract, and is the field the `emails[]` list filter matches. `personal_email` is
 * private contact data and is never used as the work email; `login_email` can be empty for
 * employees not invited yet, and `communications_email` (API >= 2026-07-01) is only where
 * notifications go. The triggers use the same rule (events.ts `normaliseEmployee().workEmail`).
 */

import { isValidEmail as isPlausibleEmail } from '../shared/email';

export const WORK_EMAIL_FIELD = 'email';

type Record_ = Record<string, unknown>;

export function getWorkEmail(employee: Record_): string | null {
	const value = employee[WORK_EMAIL_FIELD];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * Fields kept by Simplify (at most 10, n8n's guideline). `work_email` is the `email` field renamed
 * so workflows cannot mistake it for the personal address.
 */
export const SIMPLIFIED_EMPLOYEE_FIELDS = [
	'id',
	'first_name',
	'last_name',
	'full_name',
	'work_email',
	'company_identifier',
	'active',
	'terminated_on',
	'manager_id',
	'location_id',
] as const;

/** Fields added by the "Include Contract and Teams" option (kept by Simplify too). */
export const ENRICHMENT_FIELDS = ['job_title', 'start_date', 'team_ids', 'team_names'] as const;

export function simplifyEmployee(employee: Record_): Record_ {
	const result: Record_ = {};
	for (const field of SIMPLIFIED_EMPLOYEE_FIELDS) {
		result[field] = field === 'work_email' ? getWorkEmail(employee) : (employee[field] ?? null);
	}
	for (const field of ENRICHMENT_FIELDS) {
		if (field in employee) result[field] = employee[field];
	}
	return result;
}

/** The shared plausibility check, ignoring surrounding spaces (Factorial stores emails as typed). */
export function isValidEmail(value: string): boolean {
	return isPlausibleEmail(value.trim());
}

/**
 * The contract version in force on `today` (YYYY-MM-DD): the one with the latest `effective_on`
 * not after today. When all versions start in the future (a hire not started yet) the earliest one
 * is used, so a joiner's job title is known before day one.
 */
export function pickCurrentContractVersion(versions: Record_[], today: string): Record_ | undefined {
	const dated = versions.filter((version) => typeof version.effective_on === 'string');
	const byDate = (a: Record_, b: Record_) =>
		(a.effective_on as string).localeCompare(b.effective_on as string);
	// Two versions with the same effective date: the one written last is the correction (a job
	// title changed before the start date leaves both versions dated on the start day).
	const byRevision = (a: Record_, b: Record_) => revisionOf(a).localeCompare(revisionOf(b));
	const past = dated
		.filter((version) => (version.effective_on as string) <= today)
		.sort((a, b) => byDate(a, b) || byRevision(a, b));
	if (past.length) return past[past.length - 1];
	const future = dated.sort((a, b) => byDate(a, b) || byRevision(b, a));
	return future[0] ?? versions[0];
}

/** Sortable revision key: last write time, then the id (numeric strings compared by length first). */
function revisionOf(version: Record_): string {
	const written = String(version.updated_at ?? version.created_at ?? '');
	const id = String(version.id ?? '');
	return `${written}|${id.padStart(24, '0')}`;
}

export interface EnrichmentIndex {
	contractByEmployee: Map<string, Record_>;
	teamsByEmployee: Map<string, Array<{ id: string; name: string }>>;
}

/**
 * Indexes contract versions, teams and memberships by employee id, once per execution. Teams carry
 * `employee_ids`; memberships are used as well when given (they are the documented source).
 */
export function buildEnrichmentIndex(
	contractVersions: Record_[],
	teams: Record_[],
	memberships: Record_[],
	today: string,
): EnrichmentIndex {
	const versionsByEmployee = new Map<string, Record_[]>();
	for (const version of contractVersions) {
		if (version.employee_id === undefined || version.employee_id === null) continue;
		const key = String(version.employee_id);
		const list = versionsByEmployee.get(key) ?? [];
		list.push(version);
		versionsByEmployee.set(key, list);
	}
	const contractByEmployee = new Map<string, Record_>();
	for (const [employeeId, versions] of versionsByEmployee) {
		const current = pickCurrentContractVersion(versions, today);
		if (current) contractByEmployee.set(employeeId, current);
	}

	const teamNames = new Map<string, string>();
	for (const team of teams) teamNames.set(String(team.id), String(team.name ?? ''));
	const teamIdsByEmployee = new Map<string, Set<string>>();
	const add = (employeeId: unknown, teamId: unknown) => {
		if (employeeId === undefined || employeeId === null || teamId === undefined || teamId === null) return;
		const set = teamIdsByEmployee.get(String(employeeId)) ?? new Set<string>();
		set.add(String(teamId));
		teamIdsByEmployee.set(String(employeeId), set);
	};
	for (const team of teams) {
		if (Array.isArray(team.employee_ids)) for (const employeeId of team.employee_ids) add(employeeId, team.id);
	}
	for (const membership of memberships) add(membership.employee_id, membership.team_id);

	const teamsByEmployee = new Map<string, Array<{ id: string; name: string }>>();
	for (const [employeeId, ids] of teamIdsByEmployee) {
		teamsByEmployee.set(
			employeeId,
			[...ids].sort().map((id) => ({ id, name: teamNames.get(id) ?? '' })),
		);
	}
	return { contractByEmployee, teamsByEmployee };
}

/** Adds job_title, start_date (contract `starts_on`), team_ids and team_names to an employee. */
export function enrichEmployee(employee: Record_, index: EnrichmentIndex): Record_ {
	const id = String(employee.id);
	const contract = index.contractByEmployee.get(id);
	const teams = index.teamsByEmployee.get(id) ?? [];
	return {
		...employee,
		job_title: (contract?.job_title as string | undefined) ?? null,
		start_date: (contract?.starts_on as string | undefined) ?? null,
		team_ids: teams.map((team) => team.id),
		team_names: teams.map((team) => team.name).filter((name) => name !== ''),
	};
}
