/**
 * JumpCloud emulator: V1 systemusers (list/filter/search, uniqueness, states, actions), V2 user groups and
 * membership, scheduled user states. Users are indexed by id, username, email and employeeIdentifier
 * (lower-cased) so exact lookups stay O(1) with 50k users.
 */
import { createHash, randomBytes } from 'node:crypto';

import {
	asObj,
	commonControlRoutes,
	commonHandle,
	coreSnapshot,
	createRng,
	EmulatorCore,
	HttpError,
	isResponse,
	json,
	queryBool,
	respond,
	route,
	type CommonEmulatorOptions,
	type ContractMode,
	type ContractViolation,
	type EmuRequest,
	type EmuResponse,
	type Route,
	type RouteClass,
} from './common';
import { contractGuard, jumpCloudContractAnswer } from './contract';
import {
	CONTROL_PREFIX,
	JUMPCLOUD_ACTION_BODY,
	JUMPCLOUD_ACTIVATE_SUSPENDED_REFUSAL,
	JUMPCLOUD_DEFAULT_LIMIT,
	JUMPCLOUD_DEFAULT_NEW_USER_STATE,
	JUMPCLOUD_DUPLICATE_USER_STATUS,
	JUMPCLOUD_GROUP_DELETE_STATUS,
	JUMPCLOUD_GROUP_EXISTS,
	JUMPCLOUD_LOGIN_PATH,
	JUMPCLOUD_MAX_LIMIT,
	JUMPCLOUD_MEMBER_ALREADY_EXISTS,
	JUMPCLOUD_MEMBER_NOT_FOUND,
	JUMPCLOUD_NOT_FOUND_BODY,
	JUMPCLOUD_SEARCH_MAX_LIMIT,
	JUMPCLOUD_SENDS_RETRY_AFTER,
	JUMPCLOUD_UNAUTHORIZED_BODY,
	JUMPCLOUD_UNIQUE_CASE_INSENSITIVE,
	jumpCloudDuplicateUserBody,
	jumpCloudError,
	jumpCloudLimitErrorBody,
} from './constants';
import {
	generateCompany,
	jumpCloudMirror,
	livedInDirectory,
	type DemoCompany,
	type LivedInOptions,
	type JumpCloudMirrorOptions,
	type JumpCloudSeedUser,
	type SeedOptions,
} from './seed';

type Obj = Record<string, unknown>;
export type UserState = 'STAGED' | 'ACTIVATED' | 'SUSPENDED';

export interface SystemUser {
	_id: string;
	id: string;
	username: string;
	email: string;
	employeeIdentifier: string | null;
	state: UserState;
	activated: boolean;
	suspended: boolean;
	created: string;
	[field: string]: unknown;
}

export interface UserGroup {
	id: string;
	name: string;
	type: 'user_group';
	description: string;
	email: string;
	attributes: unknown;
	membershipMethod: string;
	[field: string]: unknown;
}

export interface ScheduledJob {
	id: string;
	userIds: string[];
	state: 'ACTIVATED' | 'SUSPENDED';
	startDate: string;
	sendActivationEmails: boolean;
	activationEmailOverride: string | null;
}

export interface JumpCloudEvent {
	at: string;
	type:
		| 'activate'
		| 'suspend'
		| 'scheduled-activate'
		| 'scheduled-suspend'
		| 'unlock'
		| 'resetmfa'
		| 'expire';
	userId: string;
	/** Where an activation/welcome email would have gone, if any. */
	email?: string | null;
}

export interface MirrorSpec extends JumpCloudMirrorOptions {
	/** A prebuilt company; otherwise one is generated from seed/employees/seedOptions. */
	company?: DemoCompany;
	employees?: number;
	seedOptions?: Omit<SeedOptions, 'seed' | 'employees'>;
}

export interface JumpCloudEmulatorOptions extends CommonEmulatorOptions {
	/** Default 'jca_emulator_key'. */
	apiKey?: string;
	/** The org's id (24 hex); default derived from the seed. */
	orgId?: string;
	/**
	 * Ignored (kept so old callers still compile): x-org-id is always checked now, 400 for a malformed
	 * id and 404 for another org's id, as the V1 spec's "Multi-Tenant Portal Headers" list them; opt out
	 * with `lenient: ['anyOrgId']`.
	 */
	strictOrgId?: boolean;
	/**
	 * Opt-in leniencies for tests that need the emulator to accept what JumpCloud refuses (default none):
	 * `tokenCredentialsInBody` takes the service-account id and secret from the token request's body
	 * (JumpCloud requires client_secret_basic); `activateSuspended` lets state/activate reactivate a
	 * SUSPENDED user (the spec describes only STAGED → ACTIVATED); `anyOrgId` accepts any x-org-id.
	 */
	lenient?: JumpCloudLeniency[];
	/** Pre-populate users and groups matching the demo company (reconciliation benchmarks). */
	mirror?: MirrorSpec | boolean;
	/** Company size for `mirror: true` (default 300; use the Factorial emulator's value). */
	employees?: number;
	/** Groups to create empty at start (ignored names that the mirror already made). */
	groups?: string[];
	/**
	 * The lived-in directory every org has before this sync (seed.ts `livedInDirectory`: admins in
	 * admin groups, IT's suspensions, outside and service accounts, none linked), loaded by default
	 * beside the mirror. `false`: an org with nothing else, only for a test that says why.
	 */
	livedIn?: LivedInOptions | false;
	/**
	 * Service-account client credentials for POST /oauth2/token; `tokenTtlSeconds` (default 3599, the
	 * `expires_in` JumpCloud answers) lets a test make a token expire in the middle of a run.
	 */
	oauth?: { clientId?: string; clientSecret?: string; tokenTtlSeconds?: number };
	/**
	 * Where `POST /search/*` reads `limit`/`skip` (unsettled, see test/contracts/jumpcloud.json):
	 * `body` (default) as JumpCloud's 2025 SDK and PowerShell module send them (query paging ignored,
	 * no body limit = the default page of 10); `query` as the 2023 spec listed them (body paging
	 * ignored); `either` = body first, then query (lenient).
	 */
	searchPaging?: SearchPaging;
}

export type SearchPaging = 'body' | 'query' | 'either';
export type JumpCloudLeniency = 'tokenCredentialsInBody' | 'activateSuspended' | 'anyOrgId';
export const SEARCH_PAGING_MODES: SearchPaging[] = ['body', 'query', 'either'];

const USER_DEFAULTS: Obj = {
	firstname: '',
	middlename: '',
	lastname: '',
	displayname: '',
	alternateEmail: null,
	jobTitle: '',
	department: '',
	company: '',
	costCenter: '',
	location: '',
	employeeType: '',
	description: '',
	manager: null,
	phoneNumbers: [],
	addresses: [],
	attributes: [],
	account_locked: false,
	account_locked_date: null,
	password_expired: false,
	password_never_expires: false,
	password_expiration_date: null,
	mfa: { exclusion: false, configured: false },
	mfaEnrollment: {
		overallStatus: 'NOT_ENROLLED',
		totpStatus: 'NOT_ENROLLED',
		pushStatus: 'NOT_ENROLLED',
		webAuthnStatus: 'NOT_ENROLLED',
	},
	enable_user_portal_multifactor: false,
	totp_enabled: false,
	sudo: false,
	passwordless_sudo: false,
	allow_public_key: true,
	ssh_keys: [],
	enable_managed_uid: false,
	samba_service_user: false,
	ldap_binding_user: false,
	externally_managed: false,
	external_dn: '',
	external_source_type: '',
	systemUsername: '',
};

const READ_ONLY = new Set([
	'_id',
	'id',
	'created',
	'organization',
	'activated',
	'password_expired',
	'password_date',
	'password_expiration_date',
	'account_locked_date',
	'mfaEnrollment',
	'admin',
	'creationSource',
	'badLoginAttempts',
]);
const STATES: UserState[] = ['STAGED', 'ACTIVATED', 'SUSPENDED'];
const UNIQUE: Array<'username' | 'email' | 'employeeIdentifier'> = [
	'username',
	'email',
	'employeeIdentifier',
];

const key = (v: unknown) =>
	JUMPCLOUD_UNIQUE_CASE_INSENSITIVE ? String(v).toLowerCase() : String(v);
const bad = (message: string) =>
	new HttpError(400, jumpCloudError(400, message, 'INVALID_ARGUMENT'));
const notFound = () => new HttpError(404, JUMPCLOUD_NOT_FOUND_BODY);
const digest = (password: string) => createHash('sha256').update(password).digest('hex');

/** Compile a Mongo/PCRE-ish regex: a leading `(?i)` becomes the `i` flag. */
function compileRegex(pattern: string): RegExp {
	let flags = '';
	let p = pattern;
	if (p.startsWith('(?i)')) {
		flags = 'i';
		p = p.slice(4);
	}
	try {
		return new RegExp(p, flags);
	} catch {
		throw bad(`Invalid regular expression: ${pattern}`);
	}
}

/** If a regex is an anchored literal (`^x$`, optionally `(?i)` and a group), return the literal. */
function anchoredLiteral(
	pattern: string,
): { literal: string; caseInsensitive: boolean } | undefined {
	let p = pattern;
	let ci = false;
	if (p.startsWith('(?i)')) {
		ci = true;
		p = p.slice(4);
	}
	if (p.startsWith('(') && p.endsWith(')') && !p.startsWith('(?')) p = p.slice(1, -1);
	if (!p.startsWith('^') || !p.endsWith('$') || p.endsWith('\\$')) return undefined;
	const body = p.slice(1, -1);
	if (/(^|[^\\])[.*+?^${}()|[\]]/.test(body.replace(/\\\\/g, ''))) return undefined;
	return { literal: body.replace(/\\(.)/g, '$1'), caseInsensitive: ci };
}

type Predicate = (u: SystemUser) => boolean;
/** A predicate plus, when possible, the exact candidate ids an index gives for it. */
interface Cond {
	test: Predicate;
	candidates?: () => string[];
}

export class JumpCloudStore {
	users = new Map<string, SystemUser>();
	/** Ids in _id order (creation order). */
	order: string[] = [];
	orderDirty = false;
	indexes: Record<'username' | 'email' | 'employeeIdentifier', Map<string, string>> = {
		username: new Map(),
		email: new Map(),
		employeeIdentifier: new Map(),
	};
	groups = new Map<string, UserGroup>();
	groupByName = new Map<string, string>();
	members = new Map<string, Set<string>>();
	memberOf = new Map<string, Set<string>>();
	jobs = new Map<string, ScheduledJob>();
	events: JumpCloudEvent[] = [];
	/**
	 * The password each user holds, as a SHA-256 digest (set by `password` on User_Create / User_Set; the
	 * user record never carries it, so no answer returns it): lets a test assert which password a user ends
	 * with, not only that a PUT was sent.
	 */
	passwords = new Map<string, string>();
	orgIdsSeen = new Set<string>();
	private seq = 0;

	constructor(
		readonly orgId: string,
		private readonly machine: string,
	) {}

	/** Deterministic, increasing 24-hex ids, like Mongo ObjectIds. */
	newId(): string {
		const n = ++this.seq;
		return (
			(0x66000000 + n).toString(16).padStart(8, '0') +
			this.machine +
			(n & 0xffffff).toString(16).padStart(6, '0')
		);
	}

	ids(): string[] {
		if (this.orderDirty) {
			this.order = [...this.users.keys()];
			this.orderDirty = false;
		}
		return this.order;
	}

	lookup(
		field: 'username' | 'email' | 'employeeIdentifier',
		value: string,
	): SystemUser | undefined {
		const id = this.indexes[field].get(key(value));
		return id ? this.users.get(id) : undefined;
	}

	index(u: SystemUser): void {
		for (const f of UNIQUE) if (u[f]) this.indexes[f].set(key(u[f]), u._id);
	}

	unindex(u: SystemUser): void {
		for (const f of UNIQUE)
			if (u[f] && this.indexes[f].get(key(u[f])) === u._id) this.indexes[f].delete(key(u[f]));
	}
}

export interface JumpCloudEmulator extends ReturnType<typeof commonHandle> {
	readonly state: JumpCloudStore;
	readonly apiKey: string;
	readonly orgId: string;
	readonly baseUrl: string;
	close(): Promise<void>;
	reset(options?: {
		mirror?: MirrorSpec | boolean;
		groups?: string[];
		livedIn?: LivedInOptions | false;
	}): void;
	/** Exact, case-insensitive lookup through the indexes. */
	findUser(by: {
		id?: string;
		username?: string;
		email?: string;
		employeeIdentifier?: string;
	}): SystemUser | undefined;
	users(): SystemUser[];
	groups(): Array<UserGroup & { memberIds: string[] }>;
	/** Group names a user belongs to. */
	groupsOf(userId: string): string[];
	jobs(): ScheduledJob[];
	events(): JumpCloudEvent[];
	/** Apply scheduled state changes due at `now` (default: the current time); returns how many ran. */
	runScheduledJobs(now?: string | Date): number;
	/** Whether `password` is the one the user holds now (set on create or by PUT; never in API output). */
	hasPassword(userId: string, password: string): boolean;
	/** Insert users directly (uniqueness enforced), no request counted. */
	insertUsers(users: Obj[]): SystemUser[];
	/** Where POST /search/* reads limit/skip from now on (see JumpCloudEmulatorOptions.searchPaging). */
	setSearchPaging(mode: SearchPaging): void;
	/** Requests the published contract says JumpCloud would refuse (test/contracts/jumpcloud.json). */
	contractViolations(): ContractViolation[];
	setContractMode(mode: ContractMode): void;
	snapshot(): Obj;
}

export async function startJumpCloudEmulator(
	options: JumpCloudEmulatorOptions = {},
): Promise<JumpCloudEmulator> {
	const apiKey = options.apiKey ?? 'jca_emulator_key';
	const seed = options.seed ?? 'demo';
	const seedRng = createRng(`${seed}:jumpcloud-ids`);
	const hex = (len: number) =>
		Array.from({ length: len }, () => Math.floor(seedRng() * 16).toString(16)).join('');
	const orgId = options.orgId ?? hex(24);
	const lenient = new Set<JumpCloudLeniency>(options.lenient ?? []);
	const machine = hex(10);
	const oauth = {
		clientId: 'emulator-sa-client',
		clientSecret: 'emulator-sa-secret',
		tokenTtlSeconds: 3599,
		...options.oauth,
	};
	const bearerTokens = new Map<string, number>();
	let store = new JumpCloudStore(orgId, machine);
	let searchPaging: SearchPaging = options.searchPaging ?? 'body';
	const contract = contractGuard('jumpcloud', options.contract, jumpCloudContractAnswer);

	// ------------------------------------------------ presentation
	const userOut = (u: SystemUser): Obj => ({ ...USER_DEFAULTS, ...u });
	const project = (u: SystemUser, fields: string[] | undefined): Obj => {
		const full = userOut(u);
		if (!fields?.length) return full;
		const out: Obj = { _id: u._id, id: u.id };
		for (const f of fields) if (f in full) out[f] = full[f];
		return out;
	};
	const groupOut = (g: UserGroup): Obj => ({ ...g });

	// ------------------------------------------------ users: create/update
	function checkUnique(fields: Obj, selfId?: string) {
		for (const f of UNIQUE) {
			const v = fields[f];
			if (v === undefined || v === null || v === '') continue;
			const other = store.lookup(f, String(v));
			if (other && other._id !== selfId)
				throw new HttpError(JUMPCLOUD_DUPLICATE_USER_STATUS, jumpCloudDuplicateUserBody(f));
		}
	}

	function stateFields(state: UserState): Obj {
		return { state, suspended: state === 'SUSPENDED' };
	}

	function createUser(body: Obj): SystemUser {
		const username = typeof body.username === 'string' ? body.username.trim() : '';
		const email = typeof body.email === 'string' ? body.email.trim() : '';
		if (!username) throw bad('username is required');
		if (!email) throw bad('email is required');
		if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw bad('email is invalid');
		if (typeof body.employeeIdentifier === 'string' && body.employeeIdentifier.length > 256)
			throw bad('employeeIdentifier is too long');
		const state = (body.state ??
			(body.suspended === true ? 'SUSPENDED' : JUMPCLOUD_DEFAULT_NEW_USER_STATE)) as UserState;
		if (!STATES.includes(state)) throw bad(`state must be one of ${STATES.join(', ')}`);
		if (body.suspended === true && state !== 'SUSPENDED')
			throw bad('Cannot save conflicting state and suspended fields');
		checkUnique({ ...body, username, email });
		const id = store.newId();
		const fields: Obj = {};
		for (const [k, v] of Object.entries(body))
			if (!READ_ONLY.has(k) && k !== 'password') fields[k] = v;
		const u: SystemUser = {
			...fields,
			_id: id,
			id,
			username,
			email,
			employeeIdentifier:
				typeof body.employeeIdentifier === 'string' && body.employeeIdentifier !== ''
					? body.employeeIdentifier
					: null,
			...(stateFields(state) as { state: UserState; suspended: boolean }),
			activated: typeof body.password === 'string' && body.password !== '',
			organization: orgId,
			created: new Date().toISOString(),
		};
		store.users.set(id, u);
		store.order.push(id);
		store.index(u);
		if (typeof body.password === 'string' && body.password !== '')
			store.passwords.set(id, digest(body.password));
		return u;
	}

	function updateUser(id: string, body: Obj): SystemUser {
		const u = requireUser(id);
		if (body.state !== undefined && body.state !== 'ACTIVATED' && body.state !== 'SUSPENDED') {
			throw bad('state must be one of ACTIVATED, SUSPENDED');
		}
		if (
			body.state !== undefined &&
			body.suspended !== undefined &&
			(body.state === 'SUSPENDED') !== (body.suspended === true)
		) {
			throw bad('Cannot save conflicting state and suspended fields');
		}
		for (const f of ['username', 'email'] as const)
			if (body[f] !== undefined && (typeof body[f] !== 'string' || body[f] === ''))
				throw bad(`${f} is invalid`);
		checkUnique(body, u._id);
		store.unindex(u);
		for (const [k, v] of Object.entries(body)) {
			if (READ_ONLY.has(k)) continue;
			if (k === 'password') {
				if (typeof v === 'string' && v !== '') {
					u.activated = true;
					u.password_expired = false;
					store.passwords.set(u._id, digest(v));
				}
				continue;
			}
			u[k] = v;
		}
		if (u.employeeIdentifier === '') u.employeeIdentifier = null;
		if (body.state !== undefined) Object.assign(u, stateFields(body.state as UserState));
		else if (body.suspended !== undefined)
			Object.assign(u, stateFields(body.suspended === true ? 'SUSPENDED' : 'ACTIVATED'));
		store.index(u);
		return u;
	}

	function deleteUser(id: string): SystemUser {
		const u = requireUser(id);
		store.unindex(u);
		store.users.delete(id);
		store.passwords.delete(id);
		store.orderDirty = true;
		for (const g of store.memberOf.get(id) ?? []) store.members.get(g)?.delete(id);
		store.memberOf.delete(id);
		for (const [jobId, job] of store.jobs) {
			job.userIds = job.userIds.filter((x) => x !== id);
			if (!job.userIds.length) store.jobs.delete(jobId);
		}
		return u;
	}

	function requireUser(id: string): SystemUser {
		const u = store.users.get(id);
		if (!u) throw notFound();
		return u;
	}

	function activate(u: SystemUser, email: unknown, type: JumpCloudEvent['type'] = 'activate') {
		if (u.state === 'SUSPENDED' && !lenient.has('activateSuspended') && type === 'activate')
			throw bad(JUMPCLOUD_ACTIVATE_SUSPENDED_REFUSAL);
		if (u.state !== 'ACTIVATED') {
			Object.assign(u, stateFields('ACTIVATED'));
			const to =
				email === false
					? null
					: typeof email === 'string'
						? email
						: u.activated
							? u.email
							: ((u.alternateEmail as string | null) ?? u.email);
			store.events.push({ at: new Date().toISOString(), type, userId: u._id, email: to });
		}
	}

	// ------------------------------------------------ V1 filters
	const INDEXED = new Set(['username', 'email', 'employeeIdentifier']);
	const fieldValue = (u: SystemUser, f: string): unknown => {
		if (f === 'id') return u._id;
		const v = u[f] !== undefined ? u[f] : USER_DEFAULTS[f];
		return v;
	};
	const indexCandidates = (
		field: string,
		value: string,
		ci: boolean,
	): (() => string[]) | undefined => {
		if (field === '_id' || field === 'id') return () => (store.users.has(value) ? [value] : []);
		// A case-sensitive index cannot answer a case-insensitive match; fall back to a scan.
		if (!INDEXED.has(field) || (ci && !JUMPCLOUD_UNIQUE_CASE_INSENSITIVE)) return undefined;
		return () => {
			const hit = store.lookup(field as 'email', value);
			return hit ? [hit._id] : [];
		};
	};

	/** `field:$op:value` (V1 GET). Values are case sensitive. */
	function parseV1Filter(expr: string): Cond {
		const first = expr.indexOf(':');
		const second = expr.indexOf(':', first + 1);
		if (first < 1 || second < 0) throw bad(`Invalid filter: ${expr}`);
		const field = expr.slice(0, first);
		const op = expr.slice(first + 1, second).replace(/^\$/, '');
		const value = expr.slice(second + 1);
		const s = (u: SystemUser) => {
			const v = fieldValue(u, field);
			return v === null || v === undefined ? '' : String(v);
		};
		switch (op) {
			case 'eq':
				return { test: (u) => s(u) === value, candidates: indexCandidates(field, value, false) };
			case 'ne':
				return { test: (u) => s(u) !== value };
			case 'gt':
				return { test: (u) => s(u) > value };
			case 'gte':
				return { test: (u) => s(u) >= value };
			case 'lt':
				return { test: (u) => s(u) < value };
			case 'lte':
				return { test: (u) => s(u) <= value };
			case 'regex': {
				const re = compileRegex(value);
				const lit = anchoredLiteral(value);
				return {
					test: (u) => re.test(s(u)),
					candidates: lit ? indexCandidates(field, lit.literal, lit.caseInsensitive) : undefined,
				};
			}
			default:
				throw bad(`Invalid filter operator: ${op}`);
		}
	}

	/** Mongo-ish body filter of POST /search/systemusers. */
	function parseSearchFilter(filter: unknown): Cond | undefined {
		if (filter === undefined || filter === null) return undefined;
		if (Array.isArray(filter))
			return and(filter.map(parseSearchFilter).filter((c): c is Cond => !!c));
		if (typeof filter !== 'object') throw bad('filter must be an object or an array');
		const conds: Cond[] = [];
		for (const [k, v] of Object.entries(filter as Obj)) {
			if (k === 'and' || k === '$and') {
				if (!Array.isArray(v)) throw bad('and must be an array');
				conds.push(and(v.map(parseSearchFilter).filter((c): c is Cond => !!c)));
			} else if (k === 'or' || k === '$or') {
				if (!Array.isArray(v)) throw bad('or must be an array');
				const parts = v.map(parseSearchFilter).filter((c): c is Cond => !!c);
				const allIndexed = parts.every((p) => p.candidates);
				conds.push({
					test: (u) => parts.some((p) => p.test(u)),
					candidates:
						allIndexed && parts.length
							? () => [...new Set(parts.flatMap((p) => (p.candidates as () => string[])()))]
							: undefined,
				});
			} else conds.push(fieldCond(k, v));
		}
		return and(conds);
	}

	function fieldCond(field: string, spec: unknown): Cond {
		const get = (u: SystemUser) => fieldValue(u, field);
		if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
			const cands = typeof spec === 'string' ? indexCandidates(field, spec, false) : undefined;
			return {
				test: (u) => get(u) === spec || (spec === null && get(u) === undefined),
				candidates: cands,
			};
		}
		const conds: Cond[] = [];
		for (const [op, val] of Object.entries(spec as Obj)) {
			switch (op) {
				case '$regex': {
					const re = compileRegex(String(val));
					const lit = anchoredLiteral(String(val));
					conds.push({
						test: (u) => {
							const v = get(u);
							return v !== null && v !== undefined && re.test(String(v));
						},
						candidates: lit ? indexCandidates(field, lit.literal, lit.caseInsensitive) : undefined,
					});
					break;
				}
				case '$eq':
					conds.push({
						test: (u) => get(u) === val,
						candidates: typeof val === 'string' ? indexCandidates(field, val, false) : undefined,
					});
					break;
				case '$ne':
					conds.push({ test: (u) => get(u) !== val });
					break;
				case '$in': {
					const set = new Set(Array.isArray(val) ? val : [val]);
					const strs = [...set].filter((x): x is string => typeof x === 'string');
					const each = strs.map((s) => indexCandidates(field, s, false));
					conds.push({
						test: (u) => set.has(get(u)),
						candidates:
							each.length === set.size && each.every(Boolean)
								? () => each.flatMap((c) => (c as () => string[])())
								: undefined,
					});
					break;
				}
				case '$exists':
					conds.push({ test: (u) => (get(u) !== undefined && get(u) !== null) === (val === true) });
					break;
				default:
					throw bad(`Unsupported operator ${op}`);
			}
		}
		return and(conds);
	}

	function and(conds: Cond[]): Cond {
		if (conds.length === 1) return conds[0];
		const indexed = conds.find((c) => c.candidates);
		return { test: (u) => conds.every((c) => c.test(u)), candidates: indexed?.candidates };
	}

	function searchCond(terms: string[], fields: string[]): Cond | undefined {
		if (!terms.length) return undefined;
		const lc = terms.map((t) => t.toLowerCase());
		const fs = fields.length
			? fields
			: ['username', 'email', 'firstname', 'lastname', 'displayname'];
		return {
			test: (u) =>
				fs.some((f) =>
					lc.some((t) =>
						String(fieldValue(u, f) ?? '')
							.toLowerCase()
							.includes(t),
					),
				),
		};
	}

	/** Filter, sort, page; `sort` is V1-style (space separated, '-' for descending). */
	function queryUsers(
		cond: Cond | undefined,
		sort: string | undefined,
		skip: number,
		limit: number,
		fields: string[] | undefined,
	) {
		let ids: string[];
		if (cond?.candidates)
			ids = cond.candidates().filter((id) => cond.test(store.users.get(id) as SystemUser));
		else if (cond) ids = store.ids().filter((id) => cond.test(store.users.get(id) as SystemUser));
		else ids = store.ids();
		const keys = (sort ?? '').split(/[\s,]+/).filter(Boolean);
		if (keys.length) {
			if (keys.length === 1 && (keys[0] === '_id' || keys[0] === 'id')) {
				if (cond?.candidates) ids = [...ids].sort();
			} else if (keys.length === 1 && (keys[0] === '-_id' || keys[0] === '-id'))
				ids = [...ids].sort().reverse();
			else {
				const users = ids.map((id) => store.users.get(id) as SystemUser);
				users.sort((a, b) => {
					for (const k of keys) {
						const desc = k.startsWith('-');
						const f = desc ? k.slice(1) : k;
						const av = String(fieldValue(a, f) ?? '');
						const bv = String(fieldValue(b, f) ?? '');
						if (av !== bv) return (av < bv ? -1 : 1) * (desc ? -1 : 1);
					}
					return 0;
				});
				ids = users.map((u) => u._id);
			}
		}
		return {
			totalCount: ids.length,
			results: ids
				.slice(skip, skip + limit)
				.map((id) => project(store.users.get(id) as SystemUser, fields)),
		};
	}

	const parseLimit = (raw: unknown, max: number) => {
		if (raw === undefined || raw === null || raw === '') return JUMPCLOUD_DEFAULT_LIMIT;
		const n = Number(raw);
		if (!Number.isInteger(n) || n < 0)
			throw new HttpError(400, {
				message: 'Bad Request: request parameter "limit" must be a non-negative integer',
			});
		if (n > max) throw new HttpError(400, jumpCloudLimitErrorBody(max));
		return n;
	};
	const parseSkip = (raw: unknown) => {
		const n = Number(raw ?? 0);
		if (!Number.isInteger(n) || n < 0)
			throw new HttpError(400, {
				message: 'Bad Request: request parameter "skip" must be a non-negative integer',
			});
		return n;
	};
	const spaceFields = (raw: unknown) =>
		typeof raw === 'string' && raw.trim()
			? raw.trim().split(/\s+/)
			: Array.isArray(raw)
				? raw.map(String)
				: undefined;

	/** Collect V1 GET filters: filter=, filter[0]=, filter[and][0]= (AND) and filter[or][0]= (OR). */
	function v1QueryFilter(q: URLSearchParams): Cond | undefined {
		const andConds: Cond[] = [];
		const orConds: Cond[] = [];
		for (const [k, v] of q) {
			if (k === 'filter' || /^filter\[(and\]\[)?\d*\]$/.test(k)) andConds.push(parseV1Filter(v));
			else if (/^filter\[or\]\[\d*\]$/.test(k)) orConds.push(parseV1Filter(v));
		}
		if (orConds.length) {
			const ors = orConds;
			andConds.push({
				test: (u) => ors.some((c) => c.test(u)),
				candidates: ors.every((c) => c.candidates)
					? () => [...new Set(ors.flatMap((c) => (c.candidates as () => string[])()))]
					: undefined,
			});
		}
		return andConds.length ? and(andConds) : undefined;
	}

	function v1QuerySearch(q: URLSearchParams): Cond | undefined {
		const terms: string[] = [];
		const fields: string[] = [];
		for (const [k, v] of q) {
			if (/^search\[searchTerm\](\[\d*\])?$/.test(k)) terms.push(v);
			else if (/^search\[fields\](\[\d*\])?$/.test(k)) fields.push(v);
		}
		return searchCond(terms, fields);
	}

	// ------------------------------------------------ V2 helpers
	/** V2 `field:op:value` filters (no `$`); applied to group objects. */
	function v2Filter(q: URLSearchParams): (o: Obj) => boolean {
		const preds = q.getAll('filter').flatMap((expr) => {
			if (!expr) return [];
			const first = expr.indexOf(':');
			const second = expr.indexOf(':', first + 1);
			if (first < 1 || second < 0) throw bad(`Invalid filter: ${expr}`);
			const field = expr.slice(0, first);
			const op = expr.slice(first + 1, second);
			const value = expr.slice(second + 1);
			const s = (o: Obj) => (o[field] === null || o[field] === undefined ? '' : String(o[field]));
			const pred: (o: Obj) => boolean = (() => {
				switch (op) {
					case 'eq':
						return (o: Obj) => s(o) === value;
					case 'ne':
						return (o: Obj) => s(o) !== value;
					case 'search':
						return (o: Obj) => s(o).toLowerCase().includes(value.toLowerCase());
					case 'in':
						return (o: Obj) => value.split('|').includes(s(o));
					case 'gt':
						return (o: Obj) => s(o) > value;
					case 'ge':
						return (o: Obj) => s(o) >= value;
					case 'lt':
						return (o: Obj) => s(o) < value;
					case 'le':
						return (o: Obj) => s(o) <= value;
					default:
						throw bad(`Invalid filter operator: ${op}`);
				}
			})();
			return [pred];
		});
		return (o) => preds.every((p) => p(o));
	}

	const v2Page = <T>(items: T[], q: URLSearchParams): EmuResponse => {
		const limit = parseLimit(q.get('limit') ?? undefined, JUMPCLOUD_MAX_LIMIT);
		const skip = parseSkip(q.get('skip') ?? undefined);
		return json(200, items.slice(skip, skip + limit), { 'x-total-count': String(items.length) });
	};

	function requireGroup(id: string): UserGroup {
		const g = store.groups.get(id);
		if (!g) throw notFound();
		return g;
	}

	function createGroup(body: Obj): UserGroup {
		const name = typeof body.name === 'string' ? body.name.trim() : '';
		if (!name) throw bad('name is required');
		if (store.groupByName.has(name.toLowerCase()))
			throw new HttpError(JUMPCLOUD_GROUP_EXISTS.status, JUMPCLOUD_GROUP_EXISTS.body);
		const id = store.newId();
		const g: UserGroup = {
			attributes: null,
			description: '',
			email: '',
			membershipMethod: 'STATIC',
			...body,
			id,
			name,
			type: 'user_group',
		};
		store.groups.set(id, g);
		store.groupByName.set(name.toLowerCase(), id);
		store.members.set(id, new Set());
		return g;
	}

	function addMember(groupId: string, userId: string): boolean {
		const set = store.members.get(groupId) as Set<string>;
		if (set.has(userId)) return false;
		set.add(userId);
		if (!store.memberOf.has(userId)) store.memberOf.set(userId, new Set());
		store.memberOf.get(userId)?.add(groupId);
		return true;
	}

	// ------------------------------------------------ routes
	const routes: Route[] = [];
	const R = (
		method: string,
		path: string,
		cls: RouteClass,
		handler: (req: EmuRequest, params: string[]) => EmuResponse | Obj | Obj[],
	) => {
		routes.push(
			route(
				method,
				new RegExp(`^/api${path}$`),
				cls,
				`${method} ${path.replace(/\(\[\^\/\]\+\)/g, '{id}')}`,
				(req, params) => {
					const result = handler(req, params);
					if (isResponse(result)) return result;
					return json(200, result);
				},
			),
		);
	};
	const ID = '([^/]+)';
	const body = (req: EmuRequest) => {
		if (req.body !== undefined && (typeof req.body !== 'object' || Array.isArray(req.body)))
			throw bad('Body must be a JSON object');
		return asObj(req.body);
	};

	// V1 systemusers
	R('GET', '/systemusers', 'list', (req) => {
		const q = req.query;
		const filter = v1QueryFilter(q);
		const search = v1QuerySearch(q);
		const cond = filter && search ? and([filter, search]) : (filter ?? search);
		return queryUsers(
			cond,
			q.get('sort') ?? undefined,
			parseSkip(q.get('skip') ?? undefined),
			parseLimit(q.get('limit') ?? undefined, JUMPCLOUD_MAX_LIMIT),
			spaceFields(q.get('fields')),
		);
	});
	R('POST', '/search/systemusers', 'list', (req) => {
		const b = body(req);
		const q = req.query;
		const conds: Cond[] = [];
		const f = parseSearchFilter(b.filter);
		if (f) conds.push(f);
		const qf = v1QueryFilter(q);
		if (qf) conds.push(qf);
		const sf = asObj(b.searchFilter);
		const terms = Array.isArray(sf.searchTerm)
			? sf.searchTerm.map(String)
			: typeof sf.searchTerm === 'string'
				? [sf.searchTerm]
				: [];
		const s = searchCond(terms, Array.isArray(sf.fields) ? sf.fields.map(String) : []);
		if (s) conds.push(s);
		const paging = (name: 'limit' | 'skip'): unknown =>
			searchPaging === 'body'
				? b[name]
				: searchPaging === 'query'
					? (q.get(name) ?? undefined)
					: (b[name] ?? q.get(name) ?? undefined);
		return queryUsers(
			conds.length ? and(conds) : undefined,
			(b.sort as string | undefined) ?? q.get('sort') ?? undefined,
			parseSkip(paging('skip')),
			parseLimit(paging('limit'), JUMPCLOUD_SEARCH_MAX_LIMIT),
			spaceFields(b.fields ?? q.get('fields') ?? undefined),
		);
	});
	R('GET', `/systemusers/${ID}`, 'get', (req, [id]) =>
		project(requireUser(id), spaceFields(req.query.get('fields'))),
	);
	R('POST', '/systemusers', 'write', (req) => userOut(createUser(body(req))));
	R('PUT', `/systemusers/${ID}`, 'write', (req, [id]) => userOut(updateUser(id, body(req))));
	R('DELETE', `/systemusers/${ID}`, 'write', (_req, [id]) => userOut(deleteUser(id)));
	R('POST', `/systemusers/${ID}/state/activate`, 'write', (req, [id]) => {
		const u = requireUser(id);
		activate(u, body(req).email);
		return json(200, JUMPCLOUD_ACTION_BODY);
	});
	R('POST', `/systemusers/${ID}/state/suspend`, 'write', (_req, [id]) => {
		const u = requireUser(id);
		if (u.state !== 'SUSPENDED') {
			Object.assign(u, stateFields('SUSPENDED'));
			store.events.push({ at: new Date().toISOString(), type: 'suspend', userId: id });
		}
		return json(200, JUMPCLOUD_ACTION_BODY);
	});
	R('POST', `/systemusers/${ID}/unlock`, 'write', (_req, [id]) => {
		const u = requireUser(id);
		u.account_locked = false;
		u.account_locked_date = null;
		store.events.push({ at: new Date().toISOString(), type: 'unlock', userId: id });
		return json(200, JUMPCLOUD_ACTION_BODY);
	});
	R('POST', `/systemusers/${ID}/resetmfa`, 'write', (req, [id]) => {
		const u = requireUser(id);
		const b = body(req);
		u.mfa = {
			configured: false,
			exclusion: b.exclusion === true,
			...(b.exclusionDays !== undefined ? { exclusionDays: b.exclusionDays } : {}),
			...(b.exclusionUntil !== undefined ? { exclusionUntil: b.exclusionUntil } : {}),
		};
		u.totp_enabled = false;
		store.events.push({ at: new Date().toISOString(), type: 'resetmfa', userId: id });
		return json(200, JUMPCLOUD_ACTION_BODY);
	});
	R('POST', `/systemusers/${ID}/expire`, 'write', (_req, [id]) => {
		const u = requireUser(id);
		u.password_expired = true;
		store.events.push({ at: new Date().toISOString(), type: 'expire', userId: id });
		return json(200, JUMPCLOUD_ACTION_BODY);
	});

	// V2 user groups
	R('GET', '/v2/usergroups', 'list', (req) => {
		const pred = v2Filter(req.query);
		let groups = [...store.groups.values()].filter((g) => pred(g));
		const sort = (req.query.get('sort') ?? '').split(',').filter(Boolean);
		if (sort.length) {
			groups = groups.sort((a, b) => {
				for (const k of sort) {
					const desc = k.startsWith('-');
					const f = desc ? k.slice(1) : k;
					const av = String(a[f] ?? '');
					const bv = String(b[f] ?? '');
					if (av !== bv) return (av < bv ? -1 : 1) * (desc ? -1 : 1);
				}
				return 0;
			});
		}
		const fields = (req.query.get('fields') ?? '').split(',').filter(Boolean);
		const out = groups.map((g) =>
			fields.length
				? Object.fromEntries([['id', g.id], ...fields.map((f) => [f, g[f]])])
				: groupOut(g),
		);
		return v2Page(out, req.query);
	});
	R('GET', `/v2/usergroups/${ID}`, 'get', (_req, [id]) => groupOut(requireGroup(id)));
	R('POST', '/v2/usergroups', 'write', (req) => json(201, groupOut(createGroup(body(req)))));
	R('PUT', `/v2/usergroups/${ID}`, 'write', (req, [id]) => {
		const g = requireGroup(id);
		const b = body(req);
		const name = typeof b.name === 'string' ? b.name.trim() : '';
		if (!name) throw bad('name is required');
		const other = store.groupByName.get(name.toLowerCase());
		if (other && other !== id)
			throw new HttpError(JUMPCLOUD_GROUP_EXISTS.status, JUMPCLOUD_GROUP_EXISTS.body);
		store.groupByName.delete(g.name.toLowerCase());
		// PUT is a full update: unspecified optional fields go back to their defaults.
		const next: UserGroup = {
			attributes: null,
			description: '',
			email: '',
			membershipMethod: 'STATIC',
			...b,
			id,
			name,
			type: 'user_group',
		};
		store.groups.set(id, next);
		store.groupByName.set(name.toLowerCase(), id);
		return groupOut(next);
	});
	R('DELETE', `/v2/usergroups/${ID}`, 'write', (_req, [id]) => {
		const g = requireGroup(id);
		store.groups.delete(id);
		store.groupByName.delete(g.name.toLowerCase());
		for (const u of store.members.get(id) ?? []) store.memberOf.get(u)?.delete(id);
		store.members.delete(id);
		return JUMPCLOUD_GROUP_DELETE_STATUS === 204
			? respond({ status: 204 })
			: json(200, groupOut(g));
	});
	R('GET', `/v2/usergroups/${ID}/members`, 'list', (req, [id]) => {
		requireGroup(id);
		const items = [...(store.members.get(id) ?? [])].map((u) => ({
			to: { id: u, type: 'user', attributes: null },
			attributes: null,
		}));
		return v2Page(items, req.query);
	});
	R('GET', `/v2/usergroups/${ID}/membership`, 'list', (req, [id]) => {
		requireGroup(id);
		const items = [...(store.members.get(id) ?? [])].map((u) => ({
			id: u,
			type: 'user',
			paths: [[{ to: { id: u, type: 'user' }, attributes: null }]],
			compiledAttributes: {},
		}));
		return v2Page(items, req.query);
	});
	R('POST', `/v2/usergroups/${ID}/members`, 'write', (req, [id]) => {
		requireGroup(id);
		const b = body(req);
		if (b.type !== 'user') throw bad('type must be "user"');
		if (typeof b.id !== 'string' || !b.id) throw bad('id is required');
		if (b.op === 'add') {
			if (!store.users.has(b.id))
				throw new HttpError(JUMPCLOUD_MEMBER_NOT_FOUND.status, JUMPCLOUD_MEMBER_NOT_FOUND.body);
			if (!addMember(id, b.id))
				throw new HttpError(
					JUMPCLOUD_MEMBER_ALREADY_EXISTS.status,
					JUMPCLOUD_MEMBER_ALREADY_EXISTS.body,
				);
		} else if (b.op === 'remove') {
			const set = store.members.get(id) as Set<string>;
			if (!set.has(b.id))
				throw new HttpError(JUMPCLOUD_MEMBER_NOT_FOUND.status, JUMPCLOUD_MEMBER_NOT_FOUND.body);
			set.delete(b.id);
			store.memberOf.get(b.id)?.delete(id);
		} else if (b.op === 'update') {
			if (!store.members.get(id)?.has(b.id))
				throw new HttpError(JUMPCLOUD_MEMBER_NOT_FOUND.status, JUMPCLOUD_MEMBER_NOT_FOUND.body);
		} else throw bad('op must be one of add, remove, update');
		return respond({ status: 204 });
	});
	R('GET', `/v2/users/${ID}/memberof`, 'list', (req, [id]) => {
		requireUser(id);
		const pred = v2Filter(req.query);
		const items = [...(store.memberOf.get(id) ?? [])]
			.map((g) => ({
				id: g,
				type: 'user_group',
				paths: [[{ to: { id: g, type: 'user_group' }, attributes: null }]],
				compiledAttributes: {},
			}))
			.filter((o) => pred(o));
		return v2Page(items, req.query);
	});

	// V2 scheduled user states. [DOC] scheduledDate is "the UTC date and time when the scheduled job will
	// execute" (ScheduledUserstateResult); JumpCloud's examples show it without a zone,
	// `2020-01-01 02:00:00`, which is how the emulator answers (docs/reference/jumpcloud-api-notes.md).
	const zonelessUtc = (iso: string) => new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
	const jobResults = (job: ScheduledJob, userIds = job.userIds) =>
		userIds.map((u) => ({
			scheduledJobId: job.id,
			systemUserId: u,
			state: job.state,
			scheduledDate: zonelessUtc(job.startDate),
		}));
	R('POST', '/v2/bulk/userstates', 'write', (req) => {
		const b = body(req);
		const userIds = b.user_ids;
		if (!Array.isArray(userIds) || !userIds.length || !userIds.every((u) => typeof u === 'string'))
			throw bad('user_ids is required');
		if (b.state !== 'ACTIVATED' && b.state !== 'SUSPENDED')
			throw bad('state must be one of ACTIVATED, SUSPENDED');
		if (typeof b.start_date !== 'string' || Number.isNaN(Date.parse(b.start_date)))
			throw bad('start_date must be a date-time');
		if (b.activation_email_override !== undefined && userIds.length !== 1)
			throw bad('activation_email_override needs exactly one user_id');
		for (const u of userIds as string[]) if (!store.users.has(u)) throw bad(`user ${u} not found`);
		const job: ScheduledJob = {
			id: store.newId(),
			userIds: [...(userIds as string[])],
			state: b.state,
			startDate: new Date(b.start_date).toISOString(),
			sendActivationEmails: b.send_activation_emails === true,
			activationEmailOverride:
				typeof b.activation_email_override === 'string' ? b.activation_email_override : null,
		};
		store.jobs.set(job.id, job);
		return json(201, jobResults(job));
	});
	R('GET', '/v2/bulk/userstates', 'list', (req) => {
		const userId = req.query.get('userid');
		const items = [...store.jobs.values()].flatMap((job) =>
			jobResults(job, userId ? job.userIds.filter((u) => u === userId) : job.userIds),
		);
		return v2Page(items, req.query);
	});
	R('GET', '/v2/bulk/userstates/eventlist/next', 'list', (req) => {
		const users = new Set(req.query.getAll('users').flatMap((u) => u.split(',')));
		if (users.size > 100) throw bad('at most 100 users');
		const next = new Map<string, ReturnType<typeof jobResults>[number]>();
		for (const job of store.jobs.values()) {
			for (const r of jobResults(
				job,
				job.userIds.filter((u) => users.has(u)),
			)) {
				const k = `${r.systemUserId}:${r.state}`;
				const cur = next.get(k);
				if (!cur || r.scheduledDate < cur.scheduledDate) next.set(k, r);
			}
		}
		const results = [...next.values()];
		return { events_count: results.length, results };
	});
	R('DELETE', `/v2/bulk/userstates/${ID}`, 'write', (_req, [id]) => {
		if (!store.jobs.delete(id)) throw notFound();
		return respond({ status: 204 });
	});

	// Login page (the 302 target) and service-account token endpoint.
	routes.push(
		route(
			'GET',
			new RegExp(`^${JUMPCLOUD_LOGIN_PATH}$`),
			'auth',
			'GET login',
			() =>
				respond({
					status: 200,
					text: '<!doctype html><title>JumpCloud Login</title><h1>Log in</h1>',
				}),
			true,
		),
		route(
			'POST',
			/^\/oauth2\/token$/,
			'auth',
			'POST oauth2/token',
			(req) => {
				const b = asObj(req.body);
				const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
				// client_secret_basic only, unless a test opts into the body (docs/reference/jumpcloud.md).
				if (!basic && !lenient.has('tokenCredentialsInBody'))
					return json(401, { error: 'invalid_client' });
				const [id, secret] = basic
					? Buffer.from(basic, 'base64').toString('utf8').split(':')
					: [b.client_id, b.client_secret];
				if (id !== oauth.clientId || secret !== oauth.clientSecret)
					return json(401, { error: 'invalid_client' });
				if (b.grant_type !== 'client_credentials')
					return json(400, { error: 'unsupported_grant_type' });
				const token = randomBytes(24).toString('hex');
				bearerTokens.set(token, Date.now() + oauth.tokenTtlSeconds * 1000);
				return json(200, {
					access_token: token,
					token_type: 'bearer',
					expires_in: oauth.tokenTtlSeconds,
					scope: String(b.scope ?? 'api'),
				});
			},
			true,
		),
	);

	// ------------------------------------------------ seeding
	function loadMirror(spec: MirrorSpec) {
		const company =
			spec.company ??
			generateCompany({ ...spec.seedOptions, seed, employees: spec.employees ?? 300 });
		const mirror = jumpCloudMirror(company, { seed, ...spec });
		const byEmployee = new Map<string, string>();
		for (const su of mirror.users) byEmployee.set(su.employeeId, insertSeedUser(su)._id);
		for (const su of mirror.users) {
			if (su.managerEmployeeId && byEmployee.has(su.managerEmployeeId)) {
				(store.users.get(byEmployee.get(su.employeeId) as string) as SystemUser).manager =
					byEmployee.get(su.managerEmployeeId);
			}
		}
		for (const g of mirror.groups) {
			const group = store.groupByName.has(g.name.toLowerCase())
				? (store.groups.get(store.groupByName.get(g.name.toLowerCase()) as string) as UserGroup)
				: createGroup({ name: g.name, attributes: syncMark(g.name) });
			for (const e of g.employeeIds) {
				const uid = byEmployee.get(e);
				if (uid) addMember(group.id, uid);
			}
		}
	}
	function insertSeedUser(su: JumpCloudSeedUser): SystemUser {
		const { managerEmployeeId: _m, employeeId: _e, ...fields } = su;
		void _m;
		void _e;
		const u = createUser(fields);
		u.activated = su.state !== 'STAGED';
		u.created = '2024-01-01T00:00:00.000Z';
		return u;
	}
	function loadLivedIn(o: LivedInOptions) {
		const directory = livedInDirectory(o);
		const ids = new Map<string, string>();
		for (const su of directory.users) {
			const u = createUser({ ...su });
			u.activated = true;
			u.created = '2023-01-01T00:00:00.000Z';
			ids.set(su.username, u._id);
		}
		for (const g of directory.groups) {
			const group = createGroup({ name: g.name, description: g.description });
			for (const username of g.usernames) addMember(group.id, ids.get(username) as string);
		}
	}
	type BuildOptions = {
		mirror?: MirrorSpec | boolean;
		groups?: string[];
		livedIn?: LivedInOptions | false;
	};
	function build(o: BuildOptions) {
		store = new JumpCloudStore(orgId, machine);
		if (o.livedIn !== false) {
			const spec = typeof o.mirror === 'object' ? o.mirror : undefined;
			const domain = spec?.company?.domain ?? spec?.seedOptions?.domain;
			loadLivedIn({ ...(domain ? { domain } : {}), ...o.livedIn });
		}
		if (o.mirror) loadMirror(o.mirror === true ? { employees: options.employees } : o.mirror);
		for (const name of o.groups ?? [])
			if (!store.groupByName.has(name.toLowerCase()))
				createGroup({ name, attributes: syncMark(name) });
	}
	/**
	 * The mirror's team groups and the `groups` option stand for groups the sync created earlier, so they
	 * carry its ownership mark in `attributes` (nodes/lib/groupOwnership.ts). Groups the sync does not own
	 * (e.g. `IT Admins`) are made through the API (`POST /v2/usergroups`), as an admin would.
	 */
	function syncMark(team: string): Obj {
		return {
			factorialJumpCloudSync: { team, how: 'created', at: '2024-01-01T00:00:00.000Z' },
		};
	}
	build(options);

	// ------------------------------------------------ control API
	const snapshot = () => ({
		service: 'jumpcloud',
		url: core.url,
		apiKey,
		orgId,
		counts: { users: store.users.size, groups: store.groups.size, scheduledJobs: store.jobs.size },
		states: [...store.users.values()].reduce<Record<string, number>>(
			(acc, u) => ((acc[u.state] = (acc[u.state] ?? 0) + 1), acc),
			{},
		),
		orgIdsSeen: [...store.orgIdsSeen],
		...coreSnapshot(core),
		searchPaging,
	});
	const groupsList = () =>
		[...store.groups.values()].map((g) => ({
			...g,
			memberIds: [...(store.members.get(g.id) ?? [])],
		}));
	const groupsOf = (userId: string) =>
		[...(store.memberOf.get(userId) ?? [])].map((g) => store.groups.get(g)?.name ?? g);
	const findUser = (by: {
		id?: string;
		username?: string;
		email?: string;
		employeeIdentifier?: string;
	}) => {
		if (by.id) return store.users.get(by.id);
		for (const f of UNIQUE) if (by[f]) return store.lookup(f, by[f] as string);
		return undefined;
	};
	const runScheduledJobs = (now?: string | Date) => {
		const at = now === undefined ? Date.now() : new Date(now).getTime();
		let ran = 0;
		for (const [id, job] of [...store.jobs]) {
			if (Date.parse(job.startDate) > at) continue;
			for (const uid of job.userIds) {
				const u = store.users.get(uid);
				if (!u) continue;
				if (job.state === 'ACTIVATED')
					activate(
						u,
						job.sendActivationEmails ? (job.activationEmailOverride ?? undefined) : false,
						'scheduled-activate',
					);
				else if (u.state !== 'SUSPENDED') {
					Object.assign(u, stateFields('SUSPENDED'));
					store.events.push({
						at: new Date().toISOString(),
						type: 'scheduled-suspend',
						userId: uid,
					});
				}
			}
			store.jobs.delete(id);
			ran++;
		}
		return ran;
	};
	const insertUsers = (users: Obj[]) => users.map((u) => createUser(u));
	/** A fresh organization (the options' mirror and groups where `o` names none), counters and faults. */
	const reset = (o: BuildOptions) => {
		build({
			mirror: o.mirror ?? options.mirror,
			groups: o.groups ?? options.groups,
			livedIn: o.livedIn ?? options.livedIn,
		});
		core.resetCounters();
		core.reseedFaults(seed);
	};

	const P = CONTROL_PREFIX;
	const core: EmulatorCore = new EmulatorCore({
		name: 'jumpcloud',
		options: {
			...options,
			retryAfterHeader: options.retryAfterHeader ?? JUMPCLOUD_SENDS_RETRY_AFTER,
		},
		routes,
		controlRoutes: [],
		authenticate: (req) => {
			const key = req.headers['x-api-key'];
			const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
			if (bearer) {
				const exp = bearerTokens.get(bearer);
				if (!(exp && exp > Date.now())) return json(401, JUMPCLOUD_UNAUTHORIZED_BODY);
			} else if (key === undefined || key === '')
				return respond({ status: 302, headers: { location: JUMPCLOUD_LOGIN_PATH }, text: '' });
			else if (key !== apiKey) return json(401, JUMPCLOUD_UNAUTHORIZED_BODY);
			// The caller is known; now which organization it asks for.
			const org = req.headers['x-org-id'];
			if (typeof org === 'string' && org) {
				store.orgIdsSeen.add(org);
				// V1 spec, "Multi-Tenant Portal Headers": 400 Malformed ID, 404 Organization ID Not Found.
				if (!lenient.has('anyOrgId')) {
					if (!/^[0-9a-f]{24}$/i.test(org)) return json(400, { message: 'Malformed ID' });
					if (org !== orgId) return json(404, { message: 'Organization ID Not Found' });
				}
			}
			return undefined;
		},
		validate: contract.validate,
		bodies: {
			notFound: () => JUMPCLOUD_NOT_FOUND_BODY,
			rateLimited: () => ({ message: 'Too Many Requests' }),
			serverError: (status) => ({
				message:
					status === 500
						? 'Internal Server Error'
						: status === 502
							? 'Bad Gateway'
							: 'Service Unavailable',
			}),
			badJson: () => ({ message: 'Bad Request: malformed JSON body' }),
			tooLarge: () => ({ message: 'Request Entity Too Large' }),
		},
	});
	core.controlRoutes = [
		...commonControlRoutes(core, {
			reset: (b) =>
				reset({
					mirror: b.mirror as MirrorSpec | boolean | undefined,
					groups: b.groups as string[] | undefined,
					livedIn: b.livedIn as LivedInOptions | false | undefined,
				}),
			state: snapshot,
		}),
		route('GET', new RegExp(`^${P}/users$`), 'other', 'c-users', (req) => {
			const withGroups = queryBool(req.query, 'withGroups');
			return json(
				200,
				[...store.users.values()].map((u) =>
					withGroups ? { ...userOut(u), groups: groupsOf(u._id) } : userOut(u),
				),
			);
		}),
		route('GET', new RegExp(`^${P}/users/lookup$`), 'other', 'c-lookup', (req) => {
			const q = req.query;
			const u = findUser({
				id: q.get('id') ?? undefined,
				username: q.get('username') ?? undefined,
				email: q.get('email') ?? undefined,
				employeeIdentifier: q.get('employeeIdentifier') ?? undefined,
			});
			return u
				? json(200, { ...userOut(u), groups: groupsOf(u._id) })
				: json(404, JUMPCLOUD_NOT_FOUND_BODY);
		}),
		route('POST', new RegExp(`^${P}/users$`), 'other', 'c-insert', (req) => {
			const list = Array.isArray(req.body) ? (req.body as Obj[]) : [asObj(req.body)];
			return json(201, insertUsers(list).map(userOut));
		}),
		route('GET', new RegExp(`^${P}/groups$`), 'other', 'c-groups', () => json(200, groupsList())),
		route('GET', new RegExp(`^${P}/jobs$`), 'other', 'c-jobs', () =>
			json(200, [...store.jobs.values()]),
		),
		route('POST', new RegExp(`^${P}/jobs/run$`), 'other', 'c-jobs-run', (req) =>
			json(200, { ran: runScheduledJobs(asObj(req.body).now as string | undefined) }),
		),
		route('GET', new RegExp(`^${P}/events$`), 'other', 'c-events', () => json(200, store.events)),
		route('PUT', new RegExp(`^${P}/search-paging$`), 'other', 'c-search-paging', (req) => {
			const mode = asObj(req.body).mode as SearchPaging;
			if (!SEARCH_PAGING_MODES.includes(mode))
				return json(400, { error: `mode must be one of ${SEARCH_PAGING_MODES.join(', ')}` });
			searchPaging = mode;
			return json(200, { searchPaging });
		}),
	];
	await core.listen();

	const handle: JumpCloudEmulator = Object.assign(commonHandle(core, contract, snapshot), {
		get state() {
			return store;
		},
		apiKey,
		orgId,
		get baseUrl() {
			return core.url;
		},
		close: () => core.close(),
		reset: (o: BuildOptions = {}) => reset(o),
		findUser,
		users: () => [...store.users.values()].map((u) => userOut(u) as SystemUser),
		groups: groupsList,
		groupsOf,
		jobs: () => [...store.jobs.values()].map((j) => ({ ...j, userIds: [...j.userIds] })),
		events: () => [...store.events],
		runScheduledJobs,
		hasPassword: (userId: string, password: string) =>
			store.passwords.get(userId) === digest(password),
		insertUsers,
		setSearchPaging: (mode: SearchPaging) => {
			searchPaging = mode;
		},
	});
	return handle;
}
