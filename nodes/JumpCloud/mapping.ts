/**
 * Pure logic of the JumpCloud node: field mapping, validation, list merges, diffs and group plans.
 * No n8n types, so every rule here is tested directly (test/unit/jumpcloud/mapping.test.ts).
 */
import { numberedCandidate } from '../lib/policy';
import { isValidEmail } from '../lib/email';

export type Json = Record<string, unknown>;

export interface PhoneNumber {
	type: string;
	number: string;
}

export interface Address {
	type: string;
	poBox?: string;
	extendedAddress?: string;
	streetAddress?: string;
	locality?: string;
	region?: string;
	postalCode?: string;
	country?: string;
}

export interface Attribute {
	name: string;
	value: string;
}

/** User fields the node can set, as the UI names them → JumpCloud's body keys. */
export const USER_STRING_FIELDS: Record<string, { key: string; label: string; max: number }> = {
	username: { key: 'username', label: 'Username', max: 1024 },
	email: { key: 'email', label: 'Email', max: 1024 },
	firstName: { key: 'firstname', label: 'First Name', max: 1024 },
	middleName: { key: 'middlename', label: 'Middle Name', max: 1024 },
	lastName: { key: 'lastname', label: 'Last Name', max: 1024 },
	displayName: { key: 'displayname', label: 'Display Name', max: 1024 },
	employeeIdentifier: { key: 'employeeIdentifier', label: 'Employee Identifier', max: 256 },
	jobTitle: { key: 'jobTitle', label: 'Job Title', max: 1024 },
	department: { key: 'department', label: 'Department', max: 1024 },
	company: { key: 'company', label: 'Company', max: 1024 },
	costCenter: { key: 'costCenter', label: 'Cost Center', max: 1024 },
	location: { key: 'location', label: 'Location', max: 1024 },
	employeeType: { key: 'employeeType', label: 'Employee Type', max: 1024 },
	alternateEmail: { key: 'alternateEmail', label: 'Alternate Email', max: 1024 },
	description: { key: 'description', label: 'Description', max: 1024 },
	managerId: { key: 'manager', label: 'Manager ID', max: 1024 },
};

export const PHONE_TYPES = ['mobile', 'home', 'work', 'work_mobile', 'work_fax', 'other'];
export const ADDRESS_TYPES = ['work', 'home', 'other'];
export const ADDRESS_PARTS = [
	'streetAddress',
	'extendedAddress',
	'poBox',
	'locality',
	'region',
	'postalCode',
	'country',
] as const;
export const USER_STATES = ['STAGED', 'ACTIVATED', 'SUSPENDED'];

/** A validation problem: `field` is the UI label, so the error can name it. */
export interface FieldProblem {
	field: string;
	message: string;
}

/** JumpCloud: custom attribute names are "fewer than 32 characters, letters and numbers only". */
export const ATTRIBUTE_NAME_PATTERN = /^[A-Za-z0-9]{1,31}$/;

export function validateAttributeNames(attributes: Attribute[]): FieldProblem[] {
	const problems: FieldProblem[] = [];
	const seen = new Set<string>();
	for (const { name, value } of attributes) {
		if (!ATTRIBUTE_NAME_PATTERN.test(name)) {
			problems.push({
				field: 'Custom Attributes',
				message: `name "${name}" must be 1 to 31 letters or digits (no spaces, dashes or underscores)`,
			});
		}
		const key = name.toLowerCase();
		if (seen.has(key))
			problems.push({ field: 'Custom Attributes', message: `name "${name}" appears twice` });
		seen.add(key);
		if (String(value ?? '').length > 1024) {
			problems.push({
				field: 'Custom Attributes',
				message: `value of "${name}" is longer than 1024 characters`,
			});
		}
	}
	return problems;
}

/** Input as collected from the node UI (already flattened out of fixedCollections). */
export interface UserInput {
	strings: Record<string, string>;
	managerEmail?: string;
	phoneNumbers?: PhoneNumber[];
	addresses?: Address[];
	attributes?: Attribute[];
}

/**
 * A username a new user may get: JumpCloud's device naming advice (start with a letter; letters,
 * digits, ".", "_", "-"; no "@" or spaces). Mixed case is allowed: the username node can keep case.
 */
export const RAW_USERNAME_PATTERN = /^[a-z][a-z0-9._-]*$/i;
/** Longest username accepted on create: no device OS takes a longer local account name. */
export const RAW_USERNAME_MAX_LENGTH = 64;

/**
 * Validates a user input. `requireIdentity` (create) demands username and email; on update they
 * are validated only if given.
 */
export function validateUserInput(input: UserInput, requireIdentity: boolean): FieldProblem[] {
	const problems: FieldProblem[] = [];
	const s = input.strings;
	if (requireIdentity) {
		if (!s.email) problems.push({ field: 'Email', message: 'is required' });
		if (!s.username) problems.push({ field: 'Username', message: 'is required' });
	}
	for (const [name, value] of Object.entries(s)) {
		const spec = USER_STRING_FIELDS[name];
		if (!spec || value === undefined) continue;
		if (value.length > spec.max) {
			problems.push({ field: spec.label, message: `is longer than ${spec.max} characters` });
		}
	}
	if (s.email && !isValidEmail(s.email))
		problems.push({ field: 'Email', message: `"${s.email}" is not a valid email address` });
	if (s.alternateEmail && !isValidEmail(s.alternateEmail)) {
		problems.push({
			field: 'Alternate Email',
			message: `"${s.alternateEmail}" is not a valid email address`,
		});
	}
	if (s.username && /\s/.test(s.username))
		problems.push({ field: 'Username', message: 'must not contain spaces' });
	else if (requireIdentity && s.username && !RAW_USERNAME_PATTERN.test(s.username))
		problems.push({
			field: 'Username',
			message: `"${s.username.slice(0, 40)}" may contain only letters, digits, ".", "_" and "-" and must start with a letter`,
		});
	else if (requireIdentity && s.username && s.username.length > RAW_USERNAME_MAX_LENGTH)
		problems.push({
			field: 'Username',
			message: `is longer than ${RAW_USERNAME_MAX_LENGTH} characters (devices accept at most 30 on Mac and Linux, 20 on Windows)`,
		});
	if (input.managerEmail !== undefined && input.managerEmail !== '') {
		if (!isValidEmail(input.managerEmail)) {
			problems.push({
				field: 'Manager Email',
				message: `"${input.managerEmail}" is not a valid email address`,
			});
		}
		if (s.managerId)
			problems.push({ field: 'Manager Email', message: 'cannot be combined with Manager ID' });
	}
	for (const phone of input.phoneNumbers ?? []) {
		if (!phone.number)
			problems.push({
				field: 'Phone Numbers',
				message: `number for type "${phone.type}" is empty`,
			});
	}
	const phoneTypes = (input.phoneNumbers ?? []).map((p) => p.type);
	if (new Set(phoneTypes).size !== phoneTypes.length) {
		problems.push({ field: 'Phone Numbers', message: 'each type may appear only once' });
	}
	const addressTypes = (input.addresses ?? []).map((a) => a.type);
	if (new Set(addressTypes).size !== addressTypes.length) {
		problems.push({ field: 'Addresses', message: 'each type may appear only once' });
	}
	for (const address of input.addresses ?? []) {
		for (const part of ADDRESS_PARTS) {
			if (String(address[part] ?? '').length > 1024) {
				problems.push({
					field: 'Addresses',
					message: `${part} of the ${address.type} address is longer than 1024 characters`,
				});
			}
		}
	}
	problems.push(...validateAttributeNames(input.attributes ?? []));
	return problems;
}

/** Body for POST/PUT from validated input: only fields that were given. */
export function userBodyFromInput(input: UserInput): Json {
	const body: Json = {};
	for (const [name, value] of Object.entries(input.strings)) {
		const spec = USER_STRING_FIELDS[name];
		if (spec && value !== undefined) body[spec.key] = value;
	}
	if (input.phoneNumbers?.length) body.phoneNumbers = input.phoneNumbers.map(normalizePhone);
	if (input.addresses?.length) body.addresses = input.addresses.map(normalizeAddress);
	if (input.attributes?.length) {
		body.attributes = input.attributes
			.filter((a) => a.value !== '')
			.map((a) => ({ name: a.name, value: a.value }));
	}
	return body;
}

function normalizePhone(p: Partial<PhoneNumber>): PhoneNumber {
	return { type: String(p.type ?? ''), number: String(p.number ?? '') };
}

function normalizeAddress(a: Partial<Address>): Address {
	const out: Address = { type: String(a.type ?? '') };
	for (const part of ADDRESS_PARTS) {
		const v = a[part];
		if (v !== undefined && v !== null && v !== '') out[part] = String(v);
	}
	return out;
}

function asArray<T>(value: unknown): T[] {
	return Array.isArray(value) ? (value as T[]) : [];
}

/** Phone numbers: one per type; a given type replaces the existing number of that type. */
export function mergePhoneNumbers(existing: unknown, given: PhoneNumber[]): PhoneNumber[] {
	const result = asArray<PhoneNumber>(existing).map(normalizePhone);
	for (const phone of given.map(normalizePhone)) {
		const at = result.findIndex((p) => p.type === phone.type);
		if (at >= 0) result[at] = phone;
		else result.push(phone);
	}
	return result;
}

/** Addresses: one per type; given parts overwrite, parts not given are kept. */
export function mergeAddresses(existing: unknown, given: Address[]): Address[] {
	const result = asArray<Address>(existing).map(normalizeAddress);
	for (const address of given.map(normalizeAddress)) {
		const at = result.findIndex((a) => a.type === address.type);
		if (at >= 0) result[at] = { ...result[at], ...address };
		else result.push(address);
	}
	return result;
}

/** Attributes by name (case-insensitive); an empty value removes the attribute. */
export function mergeAttributes(existing: unknown, given: Attribute[]): Attribute[] {
	const result = asArray<Attribute>(existing).map((a) => ({
		name: String(a.name),
		value: String(a.value ?? ''),
	}));
	for (const attribute of given) {
		const at = result.findIndex((a) => a.name.toLowerCase() === attribute.name.toLowerCase());
		if (attribute.value === '') {
			if (at >= 0) result.splice(at, 1);
		} else if (at >= 0) result[at] = { name: result[at].name, value: attribute.value };
		else result.push({ name: attribute.name, value: attribute.value });
	}
	return result;
}

function comparable(value: unknown): string {
	if (value === null || value === undefined) return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface UpdatePlan {
	/** The PUT body: only fields whose value differs from the current user. */
	body: Json;
	changedFields: string[];
}

/**
 * Read-merge-write: given the current user and the input, the PUT body holds only the changed
 * scalars and, for list fields, the merged list (so nothing the input did not mention is lost).
 * `replaceLists` replaces list fields instead of merging.
 */
export function planUserUpdate(current: Json, input: UserInput, replaceLists = false): UpdatePlan {
	const wanted = userBodyFromInput({ ...input, phoneNumbers: [], addresses: [], attributes: [] });
	if (input.phoneNumbers?.length) {
		wanted.phoneNumbers = replaceLists
			? input.phoneNumbers.map(normalizePhone)
			: mergePhoneNumbers(current.phoneNumbers, input.phoneNumbers);
	}
	if (input.addresses?.length) {
		wanted.addresses = replaceLists
			? input.addresses.map(normalizeAddress)
			: mergeAddresses(current.addresses, input.addresses);
	}
	if (input.attributes?.length) {
		wanted.attributes = replaceLists
			? input.attributes.filter((a) => a.value !== '')
			: mergeAttributes(current.attributes, input.attributes);
	}
	const body: Json = {};
	const changedFields: string[] = [];
	for (const [key, value] of Object.entries(wanted)) {
		let before: unknown = current[key];
		if (key === 'phoneNumbers') before = asArray<PhoneNumber>(before).map(normalizePhone);
		if (key === 'addresses') before = asArray<Address>(before).map(normalizeAddress);
		if (key === 'attributes')
			before = asArray<Attribute>(before).map((a) => ({
				name: a.name,
				value: String(a.value ?? ''),
			}));
		// Emails and usernames are compared case-insensitively: JumpCloud treats them so.
		const ci = key === 'email' || key === 'username';
		const a = comparable(before);
		const b = comparable(value);
		if (ci ? a.toLowerCase() !== b.toLowerCase() : a !== b) {
			body[key] = value;
			changedFields.push(key);
		}
	}
	return { body, changedFields };
}

/** A trailing collision number as Generate Unique Username hands it out: no leading zero, at most 6 digits. */
const TRAILING_NUMBER = /^(.*[^0-9])([1-9][0-9]{0,5})$/;

/**
 * Username candidates for "Append Next Number", numbered like Generate Unique Username and JumpCloud's own
 * HR integrations: jdoe, jdoe1, jdoe2, … A name that already ends in a number continues from it
 * (ana.garcia1 → ana.garcia2, not ana.garcia11), so two runs racing for a generated name end up with
 * consecutive numbers. Numbered names are shortened to fit `maxLength`, by the policy's own rule.
 */
export function usernameCandidates(
	given: string,
	count: number,
	maxLength: number = USER_STRING_FIELDS.username.max,
): string[] {
	const numbered = TRAILING_NUMBER.exec(given);
	const head = numbered ? numbered[1] : given;
	const out = [given];
	for (let n = numbered ? Number(numbered[2]) + 1 : 1; out.length < count; n++) {
		// At least one character of the name must stay in front of the number.
		if (String(n).length >= maxLength) break;
		const candidate = numberedCandidate({ head, tail: '', maxLength }, n);
		if (!out.includes(candidate)) out.push(candidate);
	}
	return out;
}

/** Fields kept by Simplify (at most 10, per n8n's UX guidelines). */
export const SIMPLE_USER_FIELDS = [
	'id',
	'username',
	'email',
	'firstname',
	'lastname',
	'displayname',
	'employeeIdentifier',
	'state',
	'department',
	'jobTitle',
];

export function simplifyUser(user: Json): Json {
	const out: Json = {};
	const withId: Json = { ...user, id: user._id ?? user.id };
	for (const key of SIMPLE_USER_FIELDS) if (withId[key] !== undefined) out[key] = withId[key];
	return out;
}

export interface GroupPlan {
	add: string[];
	remove: string[];
	keep: string[];
}

/**
 * The mover case: inside the managed scope, make the user's direct groups exactly `target`.
 * Groups outside the scope are never touched.
 */
export function planGroupMembership(
	current: string[],
	target: string[],
	scope: string[],
): GroupPlan {
	const inScope = new Set(scope);
	const have = new Set(current.filter((id) => inScope.has(id)));
	const want = new Set(target);
	return {
		add: [...want].filter((id) => !have.has(id)),
		remove: [...have].filter((id) => !want.has(id)),
		keep: [...want].filter((id) => have.has(id)),
	};
}

/** Splits "a, b\nc" into trimmed, non-empty, de-duplicated entries. */
export function splitList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n]/);
	return [...new Set(raw.map((v) => v.trim()).filter((v) => v !== ''))];
}
