import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Address, Attribute, FieldProblem, PhoneNumber, UserInput } from '../mapping';
import { simplifyUser, USER_STRING_FIELDS, validateUserInput } from '../mapping';
import { findSystemUsers, jumpCloudApiRequest, jumpCloudApiRequestAllItems } from '../transport';
import { coerceValue, describeValue } from '../../lib/coerce';
import { isValidEmail } from '../../lib/email';

/** Throws a NodeOperationError naming the item and the UI field. */
export function invalid(
	this: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	description?: string,
): never {
	throw new NodeOperationError(this.getNode(), `'${field}' ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: description ?? `Fix the value of '${field}' for this item and run the node again.`,
	});
}

export function assertNoProblems(
	this: IExecuteFunctions,
	itemIndex: number,
	problems: FieldProblem[],
): void {
	if (!problems.length) return;
	const [first, ...rest] = problems;
	throw invalid.call(
		this,
		itemIndex,
		first.field,
		first.message,
		rest.length
			? `Also: ${rest.map((p) => `'${p.field}' ${p.message}`).join('; ')}.`
			: `Fix the value of '${first.field}' for this item and run the node again.`,
	);
}

function fixedCollectionValues<T>(value: unknown, key: string): T[] {
	const list = (value as IDataObject | undefined)?.[key];
	return Array.isArray(list) ? (list as T[]) : [];
}

/** Collects user input from the top-level email/username and a fields collection, trimmed. */
export function readUserInput(
	fields: IDataObject,
	top: { email?: string; username?: string } = {},
): UserInput {
	const strings: Record<string, string> = {};
	for (const name of Object.keys(USER_STRING_FIELDS)) {
		const value = fields[name];
		if (typeof value === 'string' && value.trim() !== '') strings[name] = value.trim();
	}
	if (top.email !== undefined) strings.email = top.email.trim();
	if (top.username !== undefined) strings.username = top.username.trim();
	const managerEmail =
		typeof fields.managerEmail === 'string' ? fields.managerEmail.trim() : undefined;
	const phoneNumbers = fixedCollectionValues<PhoneNumber>(fields.phoneNumbers, 'phoneNumber').map(
		(p) => ({
			type: String(p.type ?? ''),
			number: String(p.number ?? '').trim(),
		}),
	);
	const addresses = fixedCollectionValues<Address>(fields.addresses, 'address');
	const attributes = fixedCollectionValues<Attribute>(fields.attributes, 'attribute').map((a) => ({
		name: String(a.name ?? '').trim(),
		value: String(a.value ?? ''),
	}));
	return { strings, managerEmail: managerEmail || undefined, phoneNumbers, addresses, attributes };
}

export function validateUser(
	this: IExecuteFunctions,
	itemIndex: number,
	input: UserInput,
	requireIdentity: boolean,
) {
	assertNoProblems.call(this, itemIndex, validateUserInput(input, requireIdentity));
}

/** Resolves Manager Email to an ID (after validation); mutates `input`. */
export async function resolveManager(
	this: IExecuteFunctions,
	itemIndex: number,
	input: UserInput,
): Promise<void> {
	if (!input.managerEmail) return;
	const matches = await findSystemUsers.call(
		this,
		{ email: input.managerEmail },
		['_id', 'email'],
		{
			itemIndex,
		},
	);
	if (matches.length !== 1) {
		throw invalid.call(
			this,
			itemIndex,
			'Manager Email',
			matches.length
				? `matches ${matches.length} JumpCloud users`
				: `"${input.managerEmail}" matches no JumpCloud user`,
			"Create the manager in JumpCloud first, or pass the manager's JumpCloud user ID in Manager ID.",
		);
	}
	input.strings.managerId = String(matches[0]._id ?? matches[0].id);
	input.managerEmail = undefined;
}

export function userId(user: IDataObject): string {
	return String(user._id ?? user.id);
}

export async function getUserById(
	this: IExecuteFunctions,
	itemIndex: number,
	id: string,
): Promise<IDataObject> {
	return (await jumpCloudApiRequest.call(
		this,
		'GET',
		`/systemusers/${encodeURIComponent(id)}`,
		undefined,
		undefined,
		{
			itemIndex,
		},
	)) as IDataObject;
}

/** Writes a planned change of one user (PUT /systemusers/{id}) and returns the user JumpCloud sends back. */
export async function putUser(
	this: IExecuteFunctions,
	itemIndex: number,
	id: string,
	body: IDataObject,
): Promise<IDataObject> {
	return (await jumpCloudApiRequest.call(
		this,
		'PUT',
		`/systemusers/${encodeURIComponent(id)}`,
		body,
		undefined,
		{
			itemIndex,
		},
	)) as IDataObject;
}

const LOCATOR_LABELS: Record<string, string> = {
	username: 'username',
	email: 'email',
	employeeIdentifier: 'employee identifier',
};

/** The `{ mode, value }` of a locator object; null, a list or an object without a text value is refused. */
function locatorObject(
	this: IExecuteFunctions,
	itemIndex: number,
	locator: unknown,
	label: string,
): { mode: string; value: string } {
	const { mode, value } = (locator ?? {}) as Partial<INodeParameterResourceLocator>;
	const text = coerceValue(value, 'string');
	if (
		locator === null ||
		typeof locator !== 'object' ||
		Array.isArray(locator) ||
		!text.ok ||
		(mode !== undefined && typeof mode !== 'string')
	) {
		throw invalid.call(
			this,
			itemIndex,
			label,
			`must be a user or group reference, not ${describeValue(text.ok ? locator : value)}`,
			`Pick an entry or enter an ID in '${label}'.`,
		);
	}
	return { mode: (mode as string | undefined) ?? 'id', value: String(text.value ?? '').trim() };
}

/**
 * A locator as an expression may hand it over: the usual `{ mode, value }`, or a bare ID (text or number);
 * anything else (null, a list, an object without a text value) is refused by name.
 */
function readLocator(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): { mode: string; value: string } {
	const locator = this.getNodeParameter(parameter, itemIndex, '') as unknown;
	const result =
		typeof locator === 'string' || typeof locator === 'number'
			? { mode: 'id', value: String(locator).trim() }
			: locatorObject.call(this, itemIndex, locator, label);
	// A user or group ID goes into the request path: it must be a JumpCloud ID (24 hexadecimal
	// characters), so neither ".." nor "/" nor anything else can change the endpoint. Upper-case
	// hex is the same ID; it is sent lower-case, as JumpCloud writes its IDs.
	if ((result.mode === 'id' || result.mode === 'list') && result.value) {
		if (!JUMPCLOUD_ID.test(result.value))
			throw invalid.call(
				this,
				itemIndex,
				label,
				`"${result.value.slice(0, 40)}" is not a JumpCloud ID`,
				'JumpCloud IDs are 24 hexadecimal characters, e.g. 5f1b2c3d4e5f6a7b8c9d0e1f.',
			);
		result.value = result.value.toLowerCase();
	}
	return result;
}

/** A JumpCloud user or group ID: 24 hexadecimal characters (a Mongo ObjectId). */
const JUMPCLOUD_ID = /^[0-9a-fA-F]{24}$/;

/** A user or group locator read without any request; refused when it has no value. */
function readFilledLocator(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	kind: 'user' | 'group',
): { mode: string; value: string } {
	const { mode, value } = readLocator.call(this, itemIndex, parameter, label);
	if (!value)
		throw invalid.call(
			this,
			itemIndex,
			label,
			'is empty',
			`Pick a ${kind} or enter a value for '${label}'.`,
		);
	return { mode, value };
}

/** Reads a user locator without any request; validates that a value is present. */
export function readUserLocator(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): { mode: string; value: string } {
	const { mode, value } = readFilledLocator.call(this, itemIndex, parameter, label, 'user');
	if (mode === 'email' && !isValidEmail(value)) {
		throw invalid.call(this, itemIndex, label, `"${value}" is not a valid email address`);
	}
	return { mode, value };
}

/** Resolves a locator to the JumpCloud user (exact, case-insensitive for non-ID modes); none or several fail. */
export async function resolveUser(
	this: IExecuteFunctions,
	itemIndex: number,
	locator: { mode: string; value: string },
	label: string,
): Promise<IDataObject> {
	// An unknown ID keeps the transport's 404 error, which names the request.
	if (locator.mode === 'id' || locator.mode === 'list')
		return await getUserById.call(this, itemIndex, locator.value);
	const user = await findUser.call(this, itemIndex, locator, label);
	if (user) return user;
	throw new NodeOperationError(
		this.getNode(),
		`No JumpCloud user has the ${LOCATOR_LABELS[locator.mode] ?? locator.mode} "${locator.value}" [item ${itemIndex}]`,
		{ itemIndex, description: `Check '${label}', the credential's Region and Organization ID.` },
	);
}

/** Like resolveUser, but undefined when no user matches (several still fail): for callers that handle "none". */
export async function findUser(
	this: IExecuteFunctions,
	itemIndex: number,
	locator: { mode: string; value: string },
	label: string,
): Promise<IDataObject | undefined> {
	if (locator.mode === 'id' || locator.mode === 'list') {
		const response = (await jumpCloudApiRequest.call(
			this,
			'GET',
			`/systemusers/${encodeURIComponent(locator.value)}`,
			undefined,
			undefined,
			{ itemIndex, allowStatuses: [404], returnFullResponse: true },
		)) as IDataObject;
		return response.statusCode === 404 ? undefined : (response.body as IDataObject);
	}
	const matches = await findSystemUsers.call(this, { [locator.mode]: locator.value }, undefined, {
		itemIndex,
	});
	if (matches.length > 1)
		throw severalUsersError.call(this, itemIndex, locator, matches.length, label);
	return matches[0];
}

/** Several users match a locator: the node never guesses which one is meant. */
function severalUsersError(
	this: IExecuteFunctions,
	itemIndex: number,
	locator: { mode: string; value: string },
	count: number,
	label: string,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		`${count} JumpCloud users have the ${LOCATOR_LABELS[locator.mode] ?? locator.mode} "${locator.value}" [item ${itemIndex}]`,
		{ itemIndex, description: `Pick the user by ID in '${label}' instead.` },
	);
}

/** Resolves only the ID (saves the GET when the locator already is an ID). */
export async function resolveUserId(
	this: IExecuteFunctions,
	itemIndex: number,
	locator: { mode: string; value: string },
	label: string,
): Promise<string> {
	if (locator.mode === 'id' || locator.mode === 'list') return locator.value;
	return userId(await resolveUser.call(this, itemIndex, locator, label));
}

export function outputUser(
	user: IDataObject,
	simplify: boolean,
	flags: IDataObject = {},
): IDataObject {
	return { ...((simplify ? simplifyUser(user) : user) as IDataObject), ...flags };
}

// ---- Groups -------------------------------------------------------------------------------

/**
 * The group list is fetched once per execution and shared by all items: name lookups, names of a
 * user's groups and prefix scopes then cost one paginated read instead of one request per group.
 */
const groupCache = new WeakMap<object, Promise<IDataObject[]>>();

export async function getAllGroups(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	let cached = groupCache.get(this);
	if (!cached) {
		cached = jumpCloudApiRequestAllItems.call(
			this,
			'GET',
			'/v2/usergroups',
			undefined,
			{ sort: 'name' },
			undefined,
			{
				itemIndex,
			},
		);
		groupCache.set(this, cached);
		cached.catch(() => groupCache.delete(this));
	}
	return await cached;
}

export function forgetGroups(this: IExecuteFunctions): void {
	groupCache.delete(this);
}

/** Exact name first, else a unique case-insensitive match. */
export function findGroupByName(groups: IDataObject[], name: string): IDataObject[] {
	const exact = groups.filter((g) => g.name === name);
	if (exact.length) return exact;
	return groups.filter((g) => String(g.name ?? '').toLowerCase() === name.toLowerCase());
}

export function readGroupLocator(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): { mode: string; value: string } {
	return readFilledLocator.call(this, itemIndex, parameter, label, 'group');
}

/** Resolves a group locator to `{ id, name }`; by name it may create the group (option). */
export async function resolveGroup(
	this: IExecuteFunctions,
	itemIndex: number,
	locator: { mode: string; value: string },
	label: string,
	createIfMissing = false,
): Promise<{ id: string; name?: string; created: boolean }> {
	if (locator.mode !== 'name') return { id: locator.value, created: false };
	const matches = findGroupByName(await getAllGroups.call(this, itemIndex), locator.value);
	if (matches.length === 1)
		return { id: String(matches[0].id), name: String(matches[0].name), created: false };
	if (matches.length > 1) {
		throw new NodeOperationError(
			this.getNode(),
			`${matches.length} JumpCloud groups are named "${locator.value}" [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Pick the group by ID in '${label}' instead.`,
			},
		);
	}
	if (!createIfMissing) {
		throw new NodeOperationError(
			this.getNode(),
			`No JumpCloud user group is named "${locator.value}" [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Check '${label}', or turn on 'Create Group If Missing'.`,
			},
		);
	}
	const group = (await jumpCloudApiRequest.call(
		this,
		'POST',
		'/v2/usergroups',
		{ name: locator.value },
		undefined,
		{
			itemIndex,
		},
	)) as IDataObject;
	forgetGroups.call(this);
	return { id: String(group.id), name: String(group.name ?? locator.value), created: true };
}

export interface Membership {
	id: string;
	direct: boolean;
}

/** Groups of a user (v2 memberof, includes nested); `direct` when a one-hop path exists. */
export async function getUserMemberships(
	this: IExecuteFunctions,
	itemIndex: number,
	id: string,
): Promise<Membership[]> {
	const entries = await jumpCloudApiRequestAllItems.call(
		this,
		'GET',
		`/v2/users/${encodeURIComponent(id)}/memberof`,
		undefined,
		{},
		undefined,
		{ itemIndex },
	);
	return entries
		.filter((e) => e.type === undefined || e.type === 'user_group')
		.map((e) => {
			const paths = Array.isArray(e.paths) ? (e.paths as unknown[][]) : [];
			return {
				id: String(e.id),
				direct: paths.length === 0 || paths.some((p) => Array.isArray(p) && p.length <= 1),
			};
		});
}
