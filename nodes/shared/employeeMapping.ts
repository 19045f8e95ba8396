/**
 * Factorial employee -> JumpCloud user attributes. Pure module (no n8n types) shared by the
 * reconciliation and any node that needs the same mapping, so both services agree on one rule.
 *
 * Accepts an employee as Factorial's API returns it or as the Factorial node's Simplify output
 * shapes it (`work_email` instead of `email`), optionally enriched with `job_title`, `start_date`,
 * `team_names` ("Include Contract and Teams"). Optional name fields a Set node may add upstream:
 * `location_name`, `legal_entity_name` (Factorial's employee record only carries their ids).
 */
import { getWorkEmail, isValidEmail } from '../Factorial/employee';

type Obj = Record<string, unknown>;

/** JumpCloud attributes the reconciliation can keep in sync (JumpCloud body keys). */
export const SYNC_ATTRIBUTES = [
	'email',
	'firstname',
	'lastname',
	'displayname',
	'jobTitle',
	'department',
	'manager',
	'location',
	'company',
] as const;
export type SyncAttribute = (typeof SYNC_ATTRIBUTES)[number];

/** Synced by default: everything the Factorial node can deliver without an extra Set node. */
export const DEFAULT_SYNC_ATTRIBUTES: SyncAttribute[] = [
	'email',
	'firstname',
	'lastname',
	'displayname',
	'jobTitle',
	'department',
	'manager',
];

/** Where each attribute comes from, for the UI and the docs. */
export const ATTRIBUTE_SOURCES: Record<SyncAttribute, string> = {
	email: 'work email (Factorial email / work_email)',
	firstname: 'first_name',
	lastname: 'last_name',
	displayname: 'full_name (or first and last name)',
	jobTitle: 'job_title (Include Contract and Teams)',
	department: 'first of team_names (Include Contract and Teams)',
	manager: "manager_id, resolved to the manager's JumpCloud user",
	location: 'location_name (add it upstream)',
	company: 'legal_entity_name (add it upstream)',
};

export interface EmployeeView {
	/** Factorial employee id as a string (JumpCloud `employeeIdentifier`); null when missing. */
	id: string | null;
	firstName: string | null;
	lastName: string | null;
	preferredName: string | null;
	fullName: string | null;
	workEmail: string | null;
	/** Whether the work email looks like an address. */
	workEmailValid: boolean;
	/** Employed today: not terminated, or terminated on a future day. */
	active: boolean;
	terminatedOn: string | null;
	managerId: string | null;
	jobTitle: string | null;
	department: string | null;
	location: string | null;
	company: string | null;
}

function text(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

/** Reads one employee item; `today` (YYYY-MM-DD) decides termination when `active` is absent. */
export function readEmployee(raw: Obj, today: string): EmployeeView {
	const workEmail = getWorkEmail(raw) ?? text(raw.work_email);
	const terminatedOn = text(raw.terminated_on);
	const active =
		typeof raw.active === 'boolean' ? raw.active : !(terminatedOn !== null && terminatedOn.slice(0, 10) <= today);
	const firstName = text(raw.first_name);
	const lastName = text(raw.last_name);
	const joined = [firstName, lastName].filter((part) => part !== null).join(' ');
	const teams = Array.isArray(raw.team_names) ? raw.team_names.map(text).filter((t) => t !== null) : [];
	return {
		id: text(raw.id),
		firstName,
		lastName,
		preferredName: text(raw.preferred_name),
		fullName: text(raw.full_name) ?? (joined === '' ? null : joined),
		workEmail,
		workEmailValid: workEmail !== null && isValidEmail(workEmail),
		active,
		terminatedOn,
		managerId: text(raw.manager_id),
		jobTitle: text(raw.job_title),
		department: (teams[0] as string | undefined) ?? text(raw.department),
		location: text(raw.location_name),
		company: text(raw.legal_entity_name),
	};
}

/**
 * The values Factorial wants for each attribute. Empty Factorial values are left out on purpose:
 * a field Factorial does not deliver (no contract, no team) never blanks what JumpCloud holds.
 * `manager` is the manager's employee id here; the caller resolves it to a JumpCloud user id.
 */
export function wantedAttributes(employee: EmployeeView): Partial<Record<SyncAttribute, string>> {
	const values: Partial<Record<SyncAttribute, string | null>> = {
		email: employee.workEmailValid ? employee.workEmail : null,
		firstname: employee.firstName,
		lastname: employee.lastName,
		displayname: employee.fullName,
		jobTitle: employee.jobTitle,
		department: employee.department,
		manager: employee.managerId,
		location: employee.location,
		company: employee.company,
	};
	const out: Partial<Record<SyncAttribute, string>> = {};
	for (const [key, value] of Object.entries(values)) {
		if (value !== null && value !== undefined) out[key as SyncAttribute] = value;
	}
	return out;
}

/** JumpCloud compares emails and usernames case-insensitively; other fields exactly (trimmed). */
export function sameValue(attribute: string, current: unknown, wanted: string): boolean {
	const have = typeof current === 'string' ? current.trim() : current === null || current === undefined ? '' : String(current);
	return attribute === 'email' ? have.toLowerCase() === wanted.toLowerCase() : have === wanted;
}
