/**
 * Employee mapping decisions for the Factorial node. Pure module: no n8n types.
 *
 * WORK EMAIL: by default the work email is Factorial's `email` field: required by
 * create_with_contract (whose body calls it the login email) and matched by the `emails[]` list filter.
 * The employee model calls `email` the "personal email of the employee" and `login_email` the "email
 * associated to the session" (docs/reference/factorial-api-notes.md), hence the credential's choice. `personal_email` is
 * private contact data and is never used as the work email; `login_email` can be empty for
 * employees not invited yet, and `communications_email` (API >= 2026-07-01) is only where
 * notifications go. The triggers use the same rule (events.ts `normaliseEmployee().workEmail`).
 */

import { isValidEmail as isPlausibleEmail } from './email';

export const WORK_EMAIL_FIELD = 'email';

/**
 * Which Factorial field is the work email, chosen once in the Factorial credential ("Work Email
 * Field") and used by the node's Simplify (`work_email`), both triggers (`employee.workEmail`) and so
 * by the templates and the reconciliation that read those. Factorial's own descriptions of `email`
 * disagree between the create body and the response (docs/reference/factorial-api-notes.md), so a
 * company whose sign-in address is `login_email` can pick that one.
 */
export const WORK_EMAIL_SOURCES = ['email', 'login_email'] as const;
export type WorkEmailSource = (typeof WORK_EMAIL_SOURCES)[number];
export const DEFAULT_WORK_EMAIL_SOURCE: WorkEmailSource = 'email';

/** A credential value turned into a known source; anything else is the default. */
export function toWorkEmailSource(value: unknown): WorkEmailSource {
	return (WORK_EMAIL_SOURCES as readonly unknown[]).includes(value)
		? (value as WorkEmailSource)
		: DEFAULT_WORK_EMAIL_SOURCE;
}

type Record_ = Record<string, unknown>;

export function getWorkEmail(
	employee: Record_,
	source: WorkEmailSource = DEFAULT_WORK_EMAIL_SOURCE,
): string | null {
	const value = employee[source];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** IDs are opaque strings from API 2026-07-01 and integers before; always hand out strings. */
export function toFactorialId(value: unknown): string | null {
	if (typeof value === 'string') return value === '' ? null : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return null;
}

/** Trimmed text; empty, absent or not text is null. */
export function trimmedText(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

export interface NormalisedEmployee {
	id: string | null;
	firstName: string | null;
	lastName: string | null;
	preferredName: string | null;
	fullName: string | null;
	/** The credential's Work Email Field (`email` by default, or `login_email`); never `personal_email`. */
	workEmail: string | null;
	active: boolean | null;
	isTerminating: boolean | null;
	/** YYYY-MM-DD, possibly in the future. */
	terminatedOn: string | null;
	managerId: string | null;
	locationId: string | null;
	legalEntityId: string | null;
	/** The company's own employee number (`company_identifier`). */
	companyIdentifier: string | null;
	updatedAt: string | null;
}

/**
 * Identity fields of an `employees_employee` record. Missing or mistyped fields become null (webhook
 * deliveries can carry null emails), so consumers never see `undefined`.
 */
export function normaliseEmployee(
	raw: Record<string, unknown>,
	workEmailSource: WorkEmailSource = DEFAULT_WORK_EMAIL_SOURCE,
): NormalisedEmployee {
	const firstName = trimmedText(raw.first_name);
	const lastName = trimmedText(raw.last_name);
	return {
		id: toFactorialId(raw.id),
		firstName,
		lastName,
		preferredName: trimmedText(raw.preferred_name),
		fullName: fullNameOf(trimmedText(raw.full_name), firstName, lastName),
		workEmail: trimmedText(raw[workEmailSource]),
		active: typeof raw.active === 'boolean' ? raw.active : null,
		isTerminating: typeof raw.is_terminating === 'boolean' ? raw.is_terminating : null,
		terminatedOn: trimmedText(raw.terminated_on),
		managerId: toFactorialId(raw.manager_id),
		locationId: toFactorialId(raw.location_id),
		legalEntityId: toFactorialId(raw.legal_entity_id),
		companyIdentifier: trimmedText(raw.company_identifier) ?? toFactorialId(raw.company_identifier),
		updatedAt: trimmedText(raw.updated_at),
	};
}

/** Factorial's `full_name`, else first and last name joined; null when there is no name at all. */
export function fullNameOf(
	fullName: string | null,
	firstName: string | null,
	lastName: string | null,
): string | null {
	if (fullName !== null) return fullName;
	const joined = [firstName, lastName].filter((part) => part !== null).join(' ');
	return joined === '' ? null : joined;
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
	'termination_reason_type',
	'manager_id',
	'location_id',
] as const;

/** Fields added by the "Include Contract and Teams" option (kept by Simplify too). */
export const ENRICHMENT_FIELDS = [
	'job_title',
	'start_date',
	'contract_ends_on',
	'team_ids',
	'team_names',
] as const;

/** Kept by Simplify when the record has them: the sync scope reads them (lib/scope.ts). */
export const SCOPE_FIELDS = ['legal_entity_id'] as const;

export function simplifyEmployee(
	employee: Record_,
	source: WorkEmailSource = DEFAULT_WORK_EMAIL_SOURCE,
): Record_ {
	const result: Record_ = {};
	for (const field of SIMPLIFIED_EMPLOYEE_FIELDS) {
		result[field] =
			field === 'work_email' ? getWorkEmail(employee, source) : (employee[field] ?? null);
	}
	for (const field of ENRICHMENT_FIELDS) {
		if (field in employee) result[field] = employee[field];
	}
	for (const field of SCOPE_FIELDS) {
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
export function pickCurrentContractVersion(
	versions: Record_[],
	today: string,
): Record_ | undefined {
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
	/** The names of every team listed (members or not), sorted; empty names left out. */
	teamNames: string[];
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
		if (employeeId === undefined || employeeId === null || teamId === undefined || teamId === null)
			return;
		const set = teamIdsByEmployee.get(String(employeeId)) ?? new Set<string>();
		set.add(String(teamId));
		teamIdsByEmployee.set(String(employeeId), set);
	};
	for (const team of teams) {
		if (Array.isArray(team.employee_ids))
			for (const employeeId of team.employee_ids) add(employeeId, team.id);
	}
	for (const membership of memberships) add(membership.employee_id, membership.team_id);

	const teamsByEmployee = new Map<string, Array<{ id: string; name: string }>>();
	for (const [employeeId, ids] of teamIdsByEmployee) {
		teamsByEmployee.set(
			employeeId,
			[...ids].sort().map((id) => ({ id, name: teamNames.get(id) ?? '' })),
		);
	}
	const allTeamNames = [...new Set(teamNames.values())].filter((name) => name !== '').sort();
	return { contractByEmployee, teamsByEmployee, teamNames: allTeamNames };
}

/**
 * Adds job_title, start_date (contract `starts_on`), contract_ends_on (contract `ends_on`, the end of a
 * fixed-term contract), team_ids and team_names to an employee.
 */
export function enrichEmployee(employee: Record_, index: EnrichmentIndex): Record_ {
	const id = String(employee.id);
	const contract = index.contractByEmployee.get(id);
	const teams = index.teamsByEmployee.get(id) ?? [];
	return {
		...employee,
		job_title: (contract?.job_title as string | undefined) ?? null,
		start_date: (contract?.starts_on as string | undefined) ?? null,
		contract_ends_on: (contract?.ends_on as string | undefined) ?? null,
		team_ids: teams.map((team) => team.id),
		team_names: teams.map((team) => team.name).filter((name) => name !== ''),
	};
}
