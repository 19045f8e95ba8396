/**
 * Compact per-employee fingerprint kept by the Factorial Poll Trigger in the node's static data.
 *
 * Pure module: no n8n imports. The fingerprint is the tracked identity fields themselves, encoded as a
 * short array of strings, not a hash: to report the old value of a changed field we need the old value,
 * and once the values are stored a hash of them would add bytes without adding information.
 *
 * Size (measured in test/unit/poll/detect.test.ts for 10,000 employees in two teams each, with 18-digit
 * IDs as Factorial uses from API 2026-07-01): about 225 bytes per employee as JSON, key included, so
 * about 2.3 MB for 10,000 employees; about 150 bytes with 5-digit IDs. Asserted under
 * `MAX_BYTES_PER_EMPLOYEE` for ordinary names and emails.
 */

/**
 * Tracked fields, named as in `NormalisedEmployee` (events.ts). The order is the position in the stored
 * array: only append, and bump `FINGERPRINT_VERSION` for any other change.
 */
export const TRACKED_FIELDS = [
	'firstName',
	'lastName',
	'preferredName',
	'fullName',
	'workEmail',
	'active',
	'isTerminating',
	'terminatedOn',
	'managerId',
	'locationId',
	'legalEntityId',
	'companyIdentifier',
] as const;

export type TrackedField = (typeof TRACKED_FIELDS)[number];
export type TrackedValue = string | boolean | null;

const BOOLEAN_FIELDS: ReadonlySet<TrackedField> = new Set<TrackedField>([
	'active',
	'isTerminating',
]);

/** Stored layout version; a state written with another version is rebuilt as a fresh baseline. */
export const FINGERPRINT_VERSION = 1;

/** Documented bound, asserted by the 10k-employee test. */
export const MAX_BYTES_PER_EMPLOYEE = 256;

/** A team membership as tracked: the team ID and whether the employee leads that team. */
export interface TrackedMembership {
	teamId: string;
	lead: boolean;
}

export interface TrackedEmployee {
	id: string;
	fields: Record<TrackedField, TrackedValue>;
	/** Undefined when teams were not read in this poll (the stored memberships are kept). */
	teams?: TrackedMembership[];
}

/**
 * Stored form: the tracked fields in `TRACKED_FIELDS` order ('' = null, '1'/'0' = booleans), then the
 * memberships as one string ('12,34*' = team 12, and team 34 as lead; '?' = never read). A full name
 * equal to "first last" is stored as '='.
 */
export type Fingerprint = string[];

/** Employee ID -> fingerprint. */
export type FingerprintMap = Record<string, Fingerprint>;

const UNKNOWN_TEAMS = '?';
const LEAD_MARK = '*';
const DERIVED_MARK = '=';

function encodeValue(value: TrackedValue): string {
	if (value === null) return '';
	if (typeof value === 'boolean') return value ? '1' : '0';
	return value;
}

function decodeValue(field: TrackedField, stored: string | undefined): TrackedValue {
	if (stored === undefined || stored === '') return null;
	if (BOOLEAN_FIELDS.has(field)) return stored === '1';
	return stored;
}

export function encodeTeams(teams: TrackedMembership[] | undefined): string {
	if (teams === undefined) return UNKNOWN_TEAMS;
	return teams
		.map((m) => (m.lead ? m.teamId + LEAD_MARK : m.teamId))
		.sort()
		.join(',');
}

export function decodeTeams(stored: string | undefined): TrackedMembership[] | undefined {
	if (stored === undefined || stored === UNKNOWN_TEAMS) return undefined;
	if (stored === '') return [];
	return stored
		.split(',')
		.map((entry) =>
			entry.endsWith(LEAD_MARK)
				? { teamId: entry.slice(0, -LEAD_MARK.length), lead: true }
				: { teamId: entry, lead: false },
		);
}

/** The full name Factorial derives from the parts; stored as one character when it matches. */
function derivedFullName(fields: Record<TrackedField, TrackedValue>): string {
	return [fields.firstName, fields.lastName].filter((part) => typeof part === 'string').join(' ');
}

function encodeFullName(fields: Record<TrackedField, TrackedValue>): string {
	const value = fields.fullName;
	if (typeof value !== 'string') return '';
	if (value === derivedFullName(fields)) return DERIVED_MARK;
	// Escape a real name that starts with the marker so it never decodes as "derived".
	return value.startsWith(DERIVED_MARK) ? DERIVED_MARK + value : value;
}

function decodeFullName(stored: string, fields: Record<TrackedField, TrackedValue>): TrackedValue {
	if (stored === '') return null;
	if (stored === DERIVED_MARK) return derivedFullName(fields);
	return stored.startsWith(DERIVED_MARK) ? stored.slice(DERIVED_MARK.length) : stored;
}

export function fingerprint(employee: TrackedEmployee): Fingerprint {
	const values = TRACKED_FIELDS.map((field) =>
		field === 'fullName' ? encodeFullName(employee.fields) : encodeValue(employee.fields[field]),
	);
	values.push(encodeTeams(employee.teams));
	return values;
}

export function unpackFingerprint(id: string, stored: Fingerprint): TrackedEmployee {
	const fields = {} as Record<TrackedField, TrackedValue>;
	TRACKED_FIELDS.forEach((field, index) => {
		if (field !== 'fullName') fields[field] = decodeValue(field, stored[index]);
	});
	fields.fullName = decodeFullName(stored[TRACKED_FIELDS.indexOf('fullName')] ?? '', fields);
	const teams = decodeTeams(stored[TRACKED_FIELDS.length]);
	return teams === undefined ? { id, fields } : { id, fields, teams };
}

/** The tracked fields of a normalised employee (extra properties such as `updatedAt` are ignored). */
export function pickTrackedFields(
	normalised: Partial<Record<TrackedField, unknown>>,
): Record<TrackedField, TrackedValue> {
	const fields = {} as Record<TrackedField, TrackedValue>;
	for (const field of TRACKED_FIELDS) {
		const value = normalised[field];
		fields[field] = typeof value === 'string' || typeof value === 'boolean' ? value : null;
	}
	return fields;
}

/** Factorial's raw (snake_case) name for each tracked field, to rebuild a payload from a fingerprint. */
export const RAW_FIELD_NAMES: Record<TrackedField, string> = {
	firstName: 'first_name',
	lastName: 'last_name',
	preferredName: 'preferred_name',
	fullName: 'full_name',
	workEmail: 'email',
	active: 'active',
	isTerminating: 'is_terminating',
	terminatedOn: 'terminated_on',
	managerId: 'manager_id',
	locationId: 'location_id',
	legalEntityId: 'legal_entity_id',
	companyIdentifier: 'company_identifier',
};

/** A Factorial-shaped employee payload holding only what the fingerprint kept (for deletions). */
export function toRawEmployee(employee: TrackedEmployee): Record<string, unknown> {
	const raw: Record<string, unknown> = { id: employee.id };
	for (const field of TRACKED_FIELDS) raw[RAW_FIELD_NAMES[field]] = employee.fields[field];
	return raw;
}
