/**
 * Factorial employee -> JumpCloud user attributes. Pure module (no n8n types) shared by the
 * reconciliation and any node that needs the same mapping, so both services agree on one rule.
 *
 * Accepts an employee as Factorial's API returns it or as the Factorial node's Simplify output
 * shapes it (`work_email` instead of `email`), optionally enriched with `job_title`, `start_date`,
 * `team_names` ("Include Contract and Teams"). Optional name fields a Set node may add upstream:
 * `location_name`, `legal_entity_name` (Factorial's employee record only carries their ids).
 *
 * Field types: text fields accept text and numbers (null = not delivered). Any other type in ANY read
 * field (an object for `first_name`, a list for `id`, "yes" for `active`, a non-date `terminated_on`)
 * is listed in `problems`, and the reconciliation skips that employee with the problem as the reason:
 * identity and termination fields decide creates and suspensions, and a broken name or team field
 * means the upstream mapping is wrong, so none of them is guessed or silently dropped.
 */
import { isValidEmail, WORK_EMAIL_FIELD } from '../Factorial/employee';
import { coerceValue, describeValue } from './coerce';

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
	/**
	 * Item fields of a type that cannot be read (an object for a name, "yes" for `active`), e.g.
	 * `field "first_name" must be text, not an object`. The reconciliation skips such an employee
	 * instead of guessing: a misread identity or termination field could create or suspend the wrong user.
	 */
	problems: string[];
}

/**
 * One item field as trimmed text (numbers become text); empty or absent is null. A value of another type
 * (object, list, NaN) is noted in `problems` and read as null.
 */
function textField(raw: Obj, field: string, problems: string[]): string | null {
	const result = coerceValue(raw[field], 'string');
	if (!result.ok) {
		problems.push(`field "${field}" ${result.problem}`);
		return null;
	}
	const trimmed = result.value === undefined ? '' : (result.value as string).trim();
	return trimmed === '' ? null : trimmed;
}

/** Reads one employee item; `today` (YYYY-MM-DD) decides termination when `active` is absent. */
export function readEmployee(raw: Obj, today: string): EmployeeView {
	const problems: string[] = [];
	const read = (field: string) => textField(raw, field, problems);
	// A true/false employee id is no id at all, though text coercion would accept it.
	if (typeof raw.id === 'boolean') problems.push(`field "id" must be text or a number, not ${raw.id}`);
	const id = typeof raw.id === 'boolean' ? null : read('id');
	const workEmail = read(WORK_EMAIL_FIELD) ?? read('work_email');
	const terminatedOn = read('terminated_on');
	if (terminatedOn !== null && !/^\d{4}-\d{2}-\d{2}/.test(terminatedOn)) {
		problems.push(`field "terminated_on" must be a date (YYYY-MM-DD), not "${terminatedOn.slice(0, 40)}"`);
	}
	const activeFlag = coerceValue(raw.active, 'boolean');
	if (!activeFlag.ok) problems.push(`field "active" ${activeFlag.problem}`);
	const active =
		activeFlag.ok && typeof activeFlag.value === 'boolean'
			? activeFlag.value
			: !(terminatedOn !== null && terminatedOn.slice(0, 10) <= today);
	const firstName = read('first_name');
	const lastName = read('last_name');
	const joined = [firstName, lastName].filter((part) => part !== null).join(' ');
	const teamList = coerceValue(raw.team_names, 'list');
	if (!teamList.ok) problems.push(`field "team_names" ${teamList.problem}`);
	const teams: string[] = [];
	for (const entry of teamList.ok && teamList.value ? (teamList.value as unknown[]) : []) {
		const team = coerceValue(entry, 'string');
		if (!team.ok) problems.push(`field "team_names" must hold team names, not ${describeValue(entry)}`);
		else if (typeof team.value === 'string' && team.value.trim() !== '') teams.push(team.value.trim());
	}
	return {
		id,
		firstName,
		lastName,
		preferredName: read('preferred_name'),
		fullName: read('full_name') ?? (joined === '' ? null : joined),
		workEmail,
		workEmailValid: workEmail !== null && isValidEmail(workEmail),
		active,
		terminatedOn,
		managerId: read('manager_id'),
		jobTitle: read('job_title'),
		department: teams[0] ?? read('department'),
		location: read('location_name'),
		company: read('legal_entity_name'),
		problems,
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
