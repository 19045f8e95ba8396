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
import { isGone } from './calendar';
import { normaliseEmail } from './email';
import { fullNameOf, isValidEmail, WORK_EMAIL_FIELD } from './employee';
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
	email: "work_email (the Factorial credential's Work Email Field, via Simplify); raw items: email",
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
	/** Factorial `termination_reason_type` (Simplify), for the immediate termination reasons. */
	terminationReasonType?: string | null;
	managerId: string | null;
	/** Contract start (YYYY-MM-DD, `start_date` from Include Contract and Teams); undefined when not delivered. */
	startDate?: string | null;
	/** The current contract's end (`contract_ends_on`, a fixed-term contract); undefined when not delivered. */
	contractEndsOn?: string | null;
	/** Terminated on a day whose end (23:59 local) has not come yet: still active, suspension due then. */
	leaving?: boolean;
	/** IANA time zone of the employee's location (`timezone` or `location_timezone`), when delivered. */
	timezone: string | null;
	jobTitle: string | null;
	department: string | null;
	location: string | null;
	company: string | null;
	/** Team names (`team_names`, from Include Contract and Teams); undefined when the item has no such field. */
	teams?: string[];
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

/**
 * Reads one employee item; `today` (YYYY-MM-DD) decides termination when `active` is absent. With `clock`,
 * a readable `terminated_on` decides instead, by the one rule of lib/calendar.ts (active through 23:59 of
 * that day in the employee's zone): Factorial's `active` turns false on the last day itself.
 */
export function readEmployee(
	raw: Obj,
	today: string,
	clock?: { now: number; defaultZone: string },
): EmployeeView {
	const problems: string[] = [];
	const read = (field: string) => textField(raw, field, problems);
	// A true/false employee id is no id at all, though text coercion would accept it.
	if (typeof raw.id === 'boolean')
		problems.push(`field "id" must be text or a number, not ${raw.id}`);
	const id = typeof raw.id === 'boolean' ? null : read('id');
	// `work_email` is what the Factorial node (Simplify) resolved from the credential's Work Email
	// Field, so it wins over a raw `email` the same item may carry; raw items fall back to `email`.
	const rawEmail = read('work_email') ?? read(WORK_EMAIL_FIELD);
	// Folded (NFKC) before it is matched or written; isValidEmail then refuses anything not ASCII.
	const workEmail = rawEmail === null ? null : normaliseEmail(rawEmail);
	const terminatedOn = read('terminated_on');
	const startDate = 'start_date' in raw ? read('start_date') : undefined;
	if (startDate && !/^\d{4}-\d{2}-\d{2}$/.test(startDate.slice(0, 10)))
		problems.push(
			`field "start_date" must be a date (YYYY-MM-DD), not "${startDate.slice(0, 40)}"`,
		);
	if (terminatedOn !== null && !/^\d{4}-\d{2}-\d{2}/.test(terminatedOn)) {
		problems.push(
			`field "terminated_on" must be a date (YYYY-MM-DD), not "${terminatedOn.slice(0, 40)}"`,
		);
	}
	const contractEndsOn = 'contract_ends_on' in raw ? read('contract_ends_on') : undefined;
	if (contractEndsOn && !/^\d{4}-\d{2}-\d{2}/.test(contractEndsOn))
		problems.push(
			`field "contract_ends_on" must be a date (YYYY-MM-DD), not "${contractEndsOn.slice(0, 40)}"`,
		);
	const timezone = read('timezone') ?? read('location_timezone');
	const activeFlag = coerceValue(raw.active, 'boolean');
	if (!activeFlag.ok) problems.push(`field "active" ${activeFlag.problem}`);
	const datedTermination =
		clock !== undefined && terminatedOn !== null && /^\d{4}-\d{2}-\d{2}/.test(terminatedOn);
	const active = datedTermination
		? !isGone(terminatedOn, timezone, clock.now, clock.defaultZone)
		: activeFlag.ok && typeof activeFlag.value === 'boolean'
			? activeFlag.value
			: !(terminatedOn !== null && terminatedOn.slice(0, 10) <= today);
	const firstName = read('first_name');
	const lastName = read('last_name');
	const teamList = coerceValue(raw.team_names, 'list');
	if (!teamList.ok) problems.push(`field "team_names" ${teamList.problem}`);
	const teams: string[] = [];
	for (const entry of teamList.ok && teamList.value ? (teamList.value as unknown[]) : []) {
		const team = coerceValue(entry, 'string');
		if (!team.ok)
			problems.push(`field "team_names" must hold team names, not ${describeValue(entry)}`);
		else if (typeof team.value === 'string' && team.value.trim() !== '')
			teams.push(team.value.trim());
	}
	return {
		id,
		firstName,
		lastName,
		preferredName: read('preferred_name'),
		fullName: fullNameOf(read('full_name'), firstName, lastName),
		workEmail,
		workEmailValid: workEmail !== null && isValidEmail(workEmail),
		active,
		terminatedOn,
		terminationReasonType: read('termination_reason_type'),
		managerId: read('manager_id'),
		startDate: startDate === undefined ? undefined : (startDate?.slice(0, 10) ?? null),
		...(contractEndsOn !== undefined
			? { contractEndsOn: contractEndsOn?.slice(0, 10) ?? null }
			: {}),
		...(datedTermination ? { leaving: active } : {}),
		timezone,
		jobTitle: read('job_title'),
		department: teams[0] ?? read('department'),
		location: read('location_name'),
		company: read('legal_entity_name'),
		...(raw.team_names !== undefined && raw.team_names !== null ? { teams } : {}),
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
	const have =
		typeof current === 'string'
			? current.trim()
			: current === null || current === undefined
				? ''
				: String(current);
	return attribute === 'email' ? have.toLowerCase() === wanted.toLowerCase() : have === wanted;
}

/** One "Factorial item field → JumpCloud custom attribute" pair, configured once in the node. */
export interface CustomAttributePair {
	field: string;
	attribute: string;
}

/** What the JumpCloud node's "Map a Factorial Employee" mode writes for one employee item. */
export interface MappedUser {
	/** JumpCloud node field names (Additional/Update Fields keys): firstName, lastName, … */
	fields: Record<string, string>;
	/** The work email, when valid. */
	email: string | null;
	/** Factorial id of the manager; the node resolves it to that employee's JumpCloud user. */
	managerEmployeeId: string | null;
	attributes: Array<{ name: string; value: string }>;
	problems: string[];
}

/** `wantedAttributes` keys → the JumpCloud node's field names. */
const NODE_FIELD_OF: Partial<Record<SyncAttribute, string>> = {
	firstname: 'firstName',
	lastname: 'lastName',
	displayname: 'displayName',
	jobTitle: 'jobTitle',
	department: 'department',
	location: 'location',
	company: 'company',
};

/**
 * The one Factorial → JumpCloud mapping for a single employee item (the rules of `readEmployee` and
 * `wantedAttributes`, which the reconciliation uses too), plus custom field → custom attribute pairs.
 * Empty Factorial values are left out, so they never blank a JumpCloud field.
 */
export function mapEmployeeToUser(
	raw: Obj,
	today: string,
	pairs: CustomAttributePair[] = [],
): MappedUser {
	const employee = readEmployee(raw, today);
	const wanted = wantedAttributes(employee);
	const fields: Record<string, string> = {};
	for (const [attribute, field] of Object.entries(NODE_FIELD_OF)) {
		const value = wanted[attribute as SyncAttribute];
		if (field && value !== undefined) fields[field] = value;
	}
	if (employee.id) fields.employeeIdentifier = employee.id;
	const problems = [...employee.problems];
	if (!employee.id) problems.push('the item has no employee "id"');
	if (employee.workEmail && !employee.workEmailValid)
		problems.push(`the work email "${employee.workEmail}" is not a valid address`);
	const custom = customAttributeValues(raw, pairs);
	problems.push(...custom.problems);
	const attributes = custom.attributes;
	return {
		fields,
		email: employee.workEmailValid ? employee.workEmail : null,
		managerEmployeeId: employee.managerId,
		attributes,
		problems,
	};
}

/** One JumpCloud custom attribute (`attributes` array entry of a system user). */
export interface CustomAttribute {
	name: string;
	value: string;
}

/**
 * The custom attributes an employee item asks for: each pair reads one item field (text or a number,
 * trimmed). Empty or absent values are left out, so they never clear what JumpCloud holds; a value of
 * another type (object, list) is a problem, as for the other mapped fields. Pairs with an empty side
 * are ignored. Used by "Map From → A Factorial Employee Item" and by the reconciliation alike.
 */
export function customAttributeValues(
	raw: Obj,
	pairs: readonly CustomAttributePair[],
): { attributes: CustomAttribute[]; problems: string[] } {
	const attributes: CustomAttribute[] = [];
	const problems: string[] = [];
	for (const pair of pairs) {
		const field = pair.field.trim();
		const name = pair.attribute.trim();
		if (!field || !name) continue;
		const value = coerceValue(raw[field], 'string');
		if (!value.ok) {
			problems.push(`field "${field}" ${value.problem}`);
			continue;
		}
		const text = typeof value.value === 'string' ? value.value.trim() : '';
		if (text !== '') attributes.push({ name, value: text });
	}
	return { attributes, problems };
}

/** A user's `attributes` as read from JumpCloud (anything not a list reads as none). */
export function currentAttributes(value: unknown): CustomAttribute[] {
	if (!Array.isArray(value)) return [];
	return value
		.filter((a): a is Obj => a !== null && typeof a === 'object' && !Array.isArray(a))
		.map((a) => ({
			name: String(a.name ?? ''),
			value: a.value === null || a.value === undefined ? '' : String(a.value),
		}));
}

/**
 * The custom attributes that differ (names compare case-insensitively, as JumpCloud's do; values
 * exactly, trimmed) and the whole list to write: PUT replaces the `attributes` array, so every
 * attribute the user already has is kept.
 */
export function attributeChanges(
	current: unknown,
	wanted: readonly CustomAttribute[],
): { changes: Array<{ name: string; from: string; to: string }>; merged: CustomAttribute[] } {
	const merged = currentAttributes(current);
	const changes: Array<{ name: string; from: string; to: string }> = [];
	for (const attribute of wanted) {
		const at = merged.findIndex((a) => a.name.toLowerCase() === attribute.name.toLowerCase());
		const from = at >= 0 ? merged[at].value : '';
		if (from.trim() === attribute.value) continue;
		changes.push({ name: attribute.name, from, to: attribute.value });
		if (at >= 0) merged[at] = { name: merged[at].name, value: attribute.value };
		else merged.push({ ...attribute });
	}
	return { changes, merged };
}
