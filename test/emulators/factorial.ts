/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test emulator, a plain Node HTTP server, not an n8n node */
/**
 * Factorial HR emulator: the documented dated-API resources this package uses, cursor pagination,
 * x-api-key / OAuth2 auth, and webhook subscriptions that really POST to their target URL.
 */
import { randomBytes } from 'node:crypto';

import {
	asObj,
	commonControlRoutes,
	commonHandle,
	coreSnapshot,
	EmulatorCore,
	HttpError,
	isResponse,
	json,
	queryBool,
	respond,
	queryList,
	route,
	type CommonEmulatorOptions,
	type ContractMode,
	type ContractViolation,
	type EmuRequest,
	type EmuResponse,
	type Route,
	type RouteClass,
} from './common';
import { contractGuard, factorialContractAnswer } from './contract';
import {
	CONTROL_PREFIX,
	FACTORIAL_CHALLENGE_HEADER,
	FACTORIAL_DUPLICATE_SUBSCRIPTION_MESSAGE,
	FACTORIAL_DUPLICATE_SUBSCRIPTION_POLICY,
	FACTORIAL_EMAIL_FILTER_CASE_INSENSITIVE,
	FACTORIAL_KNOWN_VERSIONS,
	FACTORIAL_MAX_PAGE_SIZE,
	FACTORIAL_NAME_STARTS_WITH_FIELDS,
	FACTORIAL_OAUTH_EXPIRES_IN,
	FACTORIAL_STRING_IDS_FROM,
	FACTORIAL_UNAUTHORIZED_BODY,
	FACTORIAL_WEBHOOK_DEFAULTS,
	factorialErrorBody,
	oauthErrorBody,
	type DuplicateSubscriptionPolicy,
} from './constants';
import {
	generateCompany,
	todayUtc,
	type ContractVersionRecord,
	type DemoCompany,
	type EmployeeRecord,
	type LegalEntityRecord,
	type LocationRecord,
	type MembershipRecord,
	type SeedOptions,
	type TeamRecord,
} from './seed';

type Obj = Record<string, unknown>;

export interface FactorialEmulatorOptions extends CommonEmulatorOptions {
	/** Default 'factorial-emulator-key'. */
	apiKey?: string;
	/** Demo company size (default 300; 0 = an empty company with its locations, teams and entities). */
	employees?: number;
	/** Extra seed options (referenceDate, domain, ...). */
	seedOptions?: Omit<SeedOptions, 'seed' | 'employees'>;
	/** A prebuilt company instead of generating one. */
	company?: DemoCompany;
	/** YYYY-MM-DD used for active/terminated; default the real UTC date. */
	today?: string;
	webhooks?: { maxAttempts?: number; baseDelayMs?: number; timeoutMs?: number };
	duplicateSubscriptionPolicy?: DuplicateSubscriptionPolicy;
	oauth?: {
		clientId?: string;
		clientSecret?: string;
		accessTokenTtlSeconds?: number;
		/**
		 * How /oauth/token takes the client ID and secret. [DOC] Factorial's guides (request-an-access-token,
		 * refreshing-an-access-token) post them in the form body; whether HTTP Basic also works is unpublished,
		 * so 'body' (default) refuses Basic and 'basicOrBody' accepts both.
		 */
		clientAuthentication?: 'body' | 'basicOrBody';
	};
}

export interface WebhookSubscription {
	id: string;
	target_url: string;
	type: string;
	company_id: string;
	name: string | null;
	challenge: string | null;
	enabled: boolean;
	api_version: string;
}

export interface DeliveryRecord {
	id: number;
	subscriptionId: string;
	type: string;
	targetUrl: string;
	attempts: number;
	/** Status of the last attempt; 0 when it never got an answer. */
	status: number;
	ok: boolean;
	error?: string;
	payload: Obj;
	done: boolean;
}

export interface EmployeeChange {
	/** Any employee field, plus team_id and job_title (moved into membership / contract version). */
	[field: string]: unknown;
	team_id?: string;
	job_title?: string;
}

const EMPLOYEE_FIELDS = [
	'id',
	'access_id',
	'first_name',
	'last_name',
	'full_name',
	'preferred_name',
	'birth_name',
	'pronouns',
	'gender',
	'identifier',
	'identifier_type',
	'email',
	'login_email',
	'birthday_on',
	'nationality',
	'address_line_1',
	'address_line_2',
	'postal_code',
	'city',
	'state',
	'country',
	'bank_number',
	'swift_bic',
	'bank_number_format',
	'company_id',
	'legal_entity_id',
	'location_id',
	'default_work_area_id',
	'created_at',
	'updated_at',
	'social_security_number',
	'is_terminating',
	'terminated_on',
	'termination_reason_type',
	'termination_reason',
	'termination_observations',
	'manager_id',
	'timeoff_manager_id',
	'phone_number',
	'company_identifier',
	'age_number',
	'termination_type_description',
	'contact_name',
	'contact_number',
	'personal_email',
	'seniority_calculation_date',
	'communications_email',
	'unconfirmed_communications_email',
	'active',
	'disability_percentage_cents',
	'identifier_expiration_date',
	'attendable',
	'country_of_birth',
	'birthplace',
];

const EMPTY_EMPLOYEE: Obj = Object.fromEntries(EMPLOYEE_FIELDS.map((f) => [f, null]));

/** [DOC] Fields PUT employees/employees/{id} accepts; others are ignored (login email cannot change). */
const EMPLOYEE_PUT_FIELDS = new Set([
	'access_id',
	'gender',
	'first_name',
	'last_name',
	'identifier',
	'identifier_type',
	'birthday_on',
	'nationality',
	'address_line_1',
	'address_line_2',
	'postal_code',
	'city',
	'state',
	'country',
	'bank_number',
	'swift_bic',
	'manager_id',
	'timeoff_manager_id',
	'social_security_number',
	'has_work_permit',
	'phone_number',
	'company_identifier',
	'seniority_calculation_date',
	'legal_entity_id',
	'location_id',
	'preferred_name',
	'pronouns',
	'contact_name',
	'contact_number',
	'personal_email',
	'disability_percentage_cents',
	'identifier_expiration_date',
	'communications_email',
]);

const CREATE_FIELDS_RENAMED: Record<string, string> = { address_line1: 'address_line_1' };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
const nowStamp = () => new Date().toISOString();
const str = (v: unknown): string | undefined =>
	v === undefined || v === null || v === '' ? undefined : String(v);
const idNum = (id: string) => Number(id);

const unprocessable = (...m: string[]) => new HttpError(422, factorialErrorBody(...m));
const notFound = () => new HttpError(404, factorialErrorBody('Not found'));

/** Is the id field numeric-looking and so turned into a number for pre-2026-07-01 versions? */
const isIdKey = (k: string) => k === 'id' || k.endsWith('_id');

function presentIds(value: unknown, numeric: boolean): unknown {
	if (!numeric) return value;
	if (Array.isArray(value)) return value.map((v) => presentIds(v, numeric));
	if (!value || typeof value !== 'object') return value;
	const out: Obj = {};
	for (const [k, v] of Object.entries(value as Obj)) {
		if (isIdKey(k) && typeof v === 'string' && /^\d+$/.test(v)) out[k] = Number(v);
		else if (k.endsWith('_ids') && Array.isArray(v))
			out[k] = v.map((x) => (typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x));
		else out[k] = v;
	}
	return out;
}

/** Sorted-by-id collection with an id map; ids are numeric strings handed out in increasing order. */
class Table<T extends { id: string }> {
	readonly byId = new Map<string, T>();
	order: string[] = [];
	private next = 1;

	load(rows: T[]): void {
		for (const row of rows) this.insert(row);
	}

	nextId(): string {
		return String(this.next++);
	}

	insert(row: T): T {
		this.byId.set(row.id, row);
		const n = idNum(row.id);
		if (n >= this.next) this.next = n + 1;
		if (this.order.length === 0 || idNum(this.order[this.order.length - 1]) < n)
			this.order.push(row.id);
		else {
			this.order.push(row.id);
			this.order.sort((a, b) => idNum(a) - idNum(b));
		}
		return row;
	}

	delete(id: string): T | undefined {
		const row = this.byId.get(id);
		if (!row) return undefined;
		this.byId.delete(id);
		const i = lowerBound(this.order, idNum(id));
		if (this.order[i] === id) this.order.splice(i, 1);
		return row;
	}

	get(id: string): T | undefined {
		return this.byId.get(id);
	}

	all(): T[] {
		return this.order.map((id) => this.byId.get(id) as T);
	}
}

/** First index whose numeric id is >= n. */
function lowerBound(ids: string[], n: number): number {
	let lo = 0;
	let hi = ids.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (idNum(ids[mid]) < n) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Cursor pagination per factorial-api.md §3: limit (max 100), after_id / before_id, or page. */
function paginate(ids: string[], q: URLSearchParams): { page: string[]; meta: Obj } {
	const rawLimit = Number(q.get('limit') ?? FACTORIAL_MAX_PAGE_SIZE);
	const limit = Math.min(
		FACTORIAL_MAX_PAGE_SIZE,
		Math.max(1, Number.isFinite(rawLimit) ? Math.floor(rawLimit) : FACTORIAL_MAX_PAGE_SIZE),
	);
	const decode = (c: string) => {
		const id = unb64(c);
		if (!/^\d+$/.test(id)) throw new HttpError(400, factorialErrorBody('Invalid cursor'));
		return idNum(id);
	};
	const total = ids.length;
	const pageParam = q.get('page');
	if (pageParam !== null && !q.get('after_id') && !q.get('before_id')) {
		const page = Math.max(1, Number(pageParam) || 1);
		const start = (page - 1) * limit;
		const slice = ids.slice(start, start + limit);
		return {
			page: slice,
			meta: { has_next_page: start + limit < total, has_previous_page: page > 1, total, limit },
		};
	}
	let start = 0;
	let end = Math.min(total, limit);
	const after = q.get('after_id');
	const before = q.get('before_id');
	if (after) {
		start = upperBound(ids, decode(after));
		end = Math.min(total, start + limit);
	} else if (before) {
		end = lowerBound(ids, decode(before));
		start = Math.max(0, end - limit);
	}
	const slice = ids.slice(start, end);
	return {
		page: slice,
		meta: {
			has_next_page: end < total,
			has_previous_page: start > 0,
			start_cursor: slice.length ? b64(slice[0]) : null,
			end_cursor: slice.length ? b64(slice[slice.length - 1]) : null,
			total,
			limit,
		},
	};
}

function upperBound(ids: string[], n: number): number {
	let lo = 0;
	let hi = ids.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (idNum(ids[mid]) <= n) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

interface CustomField {
	id: string;
	label_text: string;
	field_type: string;
	slug: string | null;
	required: boolean;
	position: number;
	[k: string]: unknown;
}

interface CustomFieldValue {
	id: string;
	field_id: string;
	valuable_id: string;
	valuable_type: string;
	value: unknown;
	updated_at: string;
	[k: string]: unknown;
}

export class FactorialStore {
	company!: DemoCompany['company'];
	domain = '';
	employees = new Table<EmployeeRecord>();
	emailIndex = new Map<string, string>();
	teams = new Table<TeamRecord>();
	memberships = new Table<MembershipRecord & { id: string }>();
	membershipsByEmployee = new Map<string, Set<string>>();
	membershipsByTeam = new Map<string, Set<string>>();
	locations = new Table<LocationRecord>();
	legalEntities = new Table<LegalEntityRecord>();
	contractVersions = new Table<ContractVersionRecord>();
	contractsByEmployee = new Map<string, Set<string>>();
	customFields = new Table<CustomField>();
	customFieldValues = new Table<CustomFieldValue>();
	subscriptions = new Table<WebhookSubscription>();

	constructor(data: DemoCompany) {
		this.company = data.company;
		this.domain = data.domain;
		this.locations.load(data.locations);
		this.legalEntities.load(data.legalEntities);
		this.teams.load(data.teams);
		for (const e of data.employees) this.addEmployee(e);
		for (const m of data.memberships) this.addMembership(m);
		for (const c of data.contractVersions) this.addContract(c);
	}

	addEmployee(e: EmployeeRecord): EmployeeRecord {
		this.employees.insert(e);
		for (const email of [e.email, e.login_email])
			if (email) this.emailIndex.set(email.toLowerCase(), e.id);
		return e;
	}

	setEmail(e: EmployeeRecord, email: string | null): void {
		for (const old of [e.email, e.login_email])
			if (old && this.emailIndex.get(old.toLowerCase()) === e.id)
				this.emailIndex.delete(old.toLowerCase());
		e.email = email;
		e.login_email = email;
		if (email) this.emailIndex.set(email.toLowerCase(), e.id);
	}

	addMembership(m: MembershipRecord): MembershipRecord {
		this.memberships.insert(m);
		if (!this.membershipsByEmployee.has(m.employee_id))
			this.membershipsByEmployee.set(m.employee_id, new Set());
		this.membershipsByEmployee.get(m.employee_id)?.add(m.id);
		if (!this.membershipsByTeam.has(m.team_id)) this.membershipsByTeam.set(m.team_id, new Set());
		this.membershipsByTeam.get(m.team_id)?.add(m.id);
		return m;
	}

	removeMembership(id: string): MembershipRecord | undefined {
		const m = this.memberships.delete(id);
		if (m) {
			this.membershipsByEmployee.get(m.employee_id)?.delete(id);
			this.membershipsByTeam.get(m.team_id)?.delete(id);
		}
		return m;
	}

	addContract(c: ContractVersionRecord): ContractVersionRecord {
		this.contractVersions.insert(c);
		if (!this.contractsByEmployee.has(c.employee_id))
			this.contractsByEmployee.set(c.employee_id, new Set());
		this.contractsByEmployee.get(c.employee_id)?.add(c.id);
		return c;
	}

	teamOf(employeeId: string): string | undefined {
		const ids = this.membershipsByEmployee.get(employeeId);
		if (!ids) return undefined;
		for (const id of ids) return this.memberships.get(id)?.team_id;
		return undefined;
	}

	currentContract(employeeId: string): ContractVersionRecord | undefined {
		let best: ContractVersionRecord | undefined;
		for (const id of this.contractsByEmployee.get(employeeId) ?? []) {
			const c = this.contractVersions.get(id);
			if (c && (!best || c.effective_on >= best.effective_on)) best = c;
		}
		return best;
	}

	/** Managers = employees someone reports to; computed on demand (only_managers is rare). */
	managerIds(): Set<string> {
		const ids = new Set<string>();
		for (const e of this.employees.byId.values()) if (e.manager_id) ids.add(e.manager_id);
		return ids;
	}
}

export interface FactorialEmulator extends ReturnType<typeof commonHandle> {
	/** Live store (Maps keyed by id). Mutating it directly emits no webhook; use the methods below. */
	readonly state: FactorialStore;
	readonly apiKey: string;
	/** OAuth2 app the emulator accepts at /oauth/authorize and /oauth/token. */
	readonly oauthClient: { clientId: string; clientSecret: string };
	/** `${url}` — pass as the credential's custom URL. */
	readonly baseUrl: string;
	close(): Promise<void>;
	reset(options?: { seed?: string | number; employees?: number; company?: DemoCompany }): void;
	setToday(date: string | undefined): void;
	/** Employee in the API shape (string ids). */
	getEmployee(id: string): Obj | undefined;
	createEmployee(fields: EmployeeChange, options?: { emit?: boolean }): Obj;
	updateEmployee(id: string, fields: EmployeeChange, options?: { emit?: boolean }): Obj;
	terminateEmployee(id: string, terminatedOn?: string, reason?: string): Obj;
	unterminateEmployee(id: string): Obj;
	/** A custom field as HR creates it in Factorial (slug from the label unless given). */
	addCustomField(field: { label: string; field_type?: string; slug?: string }): Obj;
	subscriptions(): WebhookSubscription[];
	deliveries(): DeliveryRecord[];
	/** Resolves when no delivery is queued or retrying. */
	waitForDeliveries(timeoutMs?: number): Promise<void>;
	/** Requests the published contract says Factorial would refuse (test/contracts/factorial.json). */
	contractViolations(): ContractViolation[];
	setContractMode(mode: ContractMode): void;
	snapshot(): Obj;
}

export async function startFactorialEmulator(
	options: FactorialEmulatorOptions = {},
): Promise<FactorialEmulator> {
	const apiKey = options.apiKey ?? 'factorial-emulator-key';
	const seed = options.seed ?? 'demo';
	const build = (o: { seed?: string | number; employees?: number; company?: DemoCompany }) =>
		new FactorialStore(
			o.company ??
				generateCompany({
					...options.seedOptions,
					seed: o.seed ?? seed,
					employees: o.employees ?? options.employees ?? 300,
				}),
		);
	let store = options.company ? build({ company: options.company }) : build({});
	let today: string | undefined = options.today;
	const currentDay = () => today ?? todayUtc();
	const hooks = {
		maxAttempts: options.webhooks?.maxAttempts ?? FACTORIAL_WEBHOOK_DEFAULTS.maxAttempts,
		baseDelayMs: options.webhooks?.baseDelayMs ?? FACTORIAL_WEBHOOK_DEFAULTS.baseDelayMs,
		timeoutMs: options.webhooks?.timeoutMs ?? FACTORIAL_WEBHOOK_DEFAULTS.timeoutMs,
	};
	const dupPolicy = options.duplicateSubscriptionPolicy ?? FACTORIAL_DUPLICATE_SUBSCRIPTION_POLICY;
	const oauthClient = {
		clientId: 'emulator-client',
		clientSecret: 'emulator-secret',
		accessTokenTtlSeconds: FACTORIAL_OAUTH_EXPIRES_IN,
		...options.oauth,
	};

	// ------------------------------------------------ OAuth state
	const codes = new Map<string, { redirectUri: string; scope: string }>();
	const accessTokens = new Map<string, { expiresAt: number; refresh: string }>();
	const refreshTokens = new Map<string, string>();

	// ------------------------------------------------ presentation
	const present = (obj: unknown, version: string) =>
		presentIds(obj, version < FACTORIAL_STRING_IDS_FROM);

	const employeeOut = (e: EmployeeRecord): Obj => {
		const day = currentDay();
		const t = e.terminated_on;
		const active = !t || t > day;
		return { ...EMPTY_EMPLOYEE, ...e, active, is_terminating: !!t && t > day, attendable: active };
	};
	const teamOut = (t: TeamRecord): Obj => {
		const members = [...(store.membershipsByTeam.get(t.id) ?? [])].map(
			(id) => store.memberships.get(id) as MembershipRecord,
		);
		return {
			avatar: null,
			...t,
			employee_ids: members.map((m) => m.employee_id),
			lead_ids: members.filter((m) => m.lead).map((m) => m.employee_id),
		};
	};
	const contractOut = (c: ContractVersionRecord): Obj => ({
		job_catalog_level_id: null,
		job_catalog_tree_node_uuid: null,
		has_payroll: true,
		has_trial_period: false,
		trial_period_ends_on: null,
		salary_amount: null,
		salary_currency: null,
		salary_frequency: null,
		working_hours: null,
		working_hours_frequency: null,
		...c,
	});

	// ------------------------------------------------ webhooks
	const deliveries: DeliveryRecord[] = [];
	let deliverySeq = 0;
	let pending = 0;
	let idleWaiters: Array<() => void> = [];
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;
	const settle = () => {
		if (pending === 0) {
			const waiters = idleWaiters;
			idleWaiters = [];
			for (const w of waiters) w();
		}
	};
	const delay = (ms: number) =>
		new Promise<void>((resolve) => {
			const t = setTimeout(() => {
				timers.delete(t);
				resolve();
			}, ms);
			timers.add(t);
		});

	async function deliver(
		sub: WebhookSubscription,
		payload: Obj,
		author: { id: string; type: string } | undefined,
	) {
		const record: DeliveryRecord = {
			id: ++deliverySeq,
			subscriptionId: sub.id,
			type: sub.type,
			targetUrl: sub.target_url,
			attempts: 0,
			status: 0,
			ok: false,
			payload,
			done: false,
		};
		deliveries.push(record);
		if (deliveries.length > 10_000) deliveries.shift();
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (sub.challenge) headers[FACTORIAL_CHALLENGE_HEADER] = sub.challenge;
		if (author) {
			headers['x-factorial-author-id'] = author.id;
			headers['x-factorial-author-type'] = author.type;
		}
		const body = JSON.stringify(present(payload, sub.api_version));
		for (let attempt = 0; attempt < hooks.maxAttempts && !closed; attempt++) {
			if (attempt > 0) await delay(hooks.baseDelayMs * 2 ** (attempt - 1));
			if (closed) break;
			record.attempts = attempt + 1;
			try {
				const res = await fetch(sub.target_url, {
					method: 'POST',
					headers,
					body,
					signal: AbortSignal.timeout(hooks.timeoutMs),
				});
				await res.arrayBuffer().catch(() => undefined);
				record.status = res.status;
				record.error = undefined;
				if (res.status >= 200 && res.status < 300) {
					record.ok = true;
					break;
				}
			} catch (error) {
				record.status = 0;
				record.error = (error as Error).message;
			}
		}
		record.done = true;
		// [DOC] exhausted retries disable the subscription.
		if (!record.ok && !closed) sub.enabled = false;
	}

	function emit(type: string, payload: Obj, author?: { id: string; type: string }) {
		for (const sub of store.subscriptions.byId.values()) {
			if (!sub.enabled || sub.type !== type) continue;
			pending++;
			deliver(sub, payload, author)
				.catch(() => undefined)
				.finally(() => {
					pending--;
					settle();
				});
		}
	}

	// ------------------------------------------------ employee operations (API and control share these)
	const companyAuthor = () => ({ id: store.company.id, type: 'company' });

	function requireEmployee(id: unknown): EmployeeRecord {
		const e = store.employees.get(String(id ?? ''));
		if (!e) throw notFound();
		return e;
	}

	function setTeam(e: EmployeeRecord, teamId: string) {
		if (!store.teams.get(teamId)) throw unprocessable('Team not found');
		for (const id of [...(store.membershipsByEmployee.get(e.id) ?? [])]) store.removeMembership(id);
		store.addMembership({
			id: store.memberships.nextId(),
			company_id: store.company.id,
			employee_id: e.id,
			team_id: teamId,
			lead: false,
		});
	}

	function setJobTitle(e: EmployeeRecord, title: string) {
		const current = store.currentContract(e.id);
		const day = currentDay();
		const stamp = nowStamp();
		store.addContract({
			...(current ?? {
				starts_on: e.seniority_calculation_date ?? day,
				ends_on: null,
				country: 'es',
			}),
			id: store.contractVersions.nextId(),
			company_id: store.company.id,
			employee_id: e.id,
			effective_on: current && current.effective_on > day ? current.effective_on : day,
			job_title: title,
			created_at: stamp,
			updated_at: stamp,
		} as ContractVersionRecord);
	}

	function createEmployee(body: Obj, author = companyAuthor(), emitEvent = true): Obj {
		const missing = ['first_name', 'last_name', 'email'].filter((f) => !str(body[f]));
		if (missing.length) throw unprocessable(...missing.map((f) => `${f} can't be blank`));
		const email = String(body.email);
		if (store.emailIndex.has(email.toLowerCase()))
			throw unprocessable('Email has already been taken');
		const id = store.employees.nextId();
		const stamp = nowStamp();
		const fields: Obj = {};
		for (const [k, v] of Object.entries(body)) fields[CREATE_FIELDS_RENAMED[k] ?? k] = v;
		const { team_id: teamId, job_title: jobTitle, contract_starts_on: startsOn, ...rest } = fields;
		const start = str(startsOn) ?? str(rest.seniority_calculation_date) ?? currentDay();
		const e: EmployeeRecord = {
			access_id: String(10_000 + Number(id)),
			company_identifier: null,
			legal_entity_id: store.legalEntities.order[0] ?? null,
			location_id: store.locations.order[0] ?? '1',
			manager_id: null,
			timeoff_manager_id: null,
			terminated_on: null,
			termination_reason_type: null,
			termination_reason: null,
			termination_observations: null,
			birthday_on: null,
			gender: null,
			nationality: null,
			phone_number: null,
			personal_email: null,
			invited_on: null,
			...(rest as Partial<EmployeeRecord>),
			id,
			company_id: store.company.id,
			first_name: String(rest.first_name),
			last_name: String(rest.last_name),
			full_name: `${String(rest.first_name)} ${String(rest.last_name)}`,
			email,
			login_email: email,
			seniority_calculation_date: start,
			created_at: stamp,
			updated_at: stamp,
		};
		for (const k of [
			'legal_entity_id',
			'location_id',
			'manager_id',
			'timeoff_manager_id',
			'company_id',
		] as const) {
			if (e[k] !== null && e[k] !== undefined) (e as Obj)[k] = String(e[k]);
		}
		store.addEmployee(e);
		if (teamId !== undefined && teamId !== null) setTeam(e, String(teamId));
		store.addContract({
			id: store.contractVersions.nextId(),
			company_id: store.company.id,
			employee_id: id,
			effective_on: start,
			starts_on: start,
			ends_on: str(rest.ends_on) ?? null,
			job_title: str(jobTitle) ?? '',
			country: str(rest.country) ?? 'es',
			created_at: stamp,
			updated_at: stamp,
		});
		const out = employeeOut(e);
		if (emitEvent) emit('employees/employee/create_with_contract', out, author);
		return out;
	}

	function updateEmployee(
		id: string,
		body: Obj,
		opts: { allowAll: boolean; author?: { id: string; type: string }; emit?: boolean },
	): Obj {
		const e = requireEmployee(id);
		for (const [k, v] of Object.entries(body)) {
			if (k === 'id') continue;
			if (opts.allowAll) {
				if (k === 'team_id') setTeam(e, String(v));
				else if (k === 'job_title') setJobTitle(e, String(v));
				else if (k === 'email' || k === 'login_email')
					store.setEmail(e, v === null ? null : String(v));
				else if (k !== 'company_id' && k !== 'created_at')
					e[k] = isIdKey(k) && v !== null && v !== undefined ? String(v) : v;
			} else if (EMPLOYEE_PUT_FIELDS.has(k)) {
				e[k] = isIdKey(k) && v !== null && v !== undefined ? String(v) : v;
			}
		}
		e.full_name = `${e.first_name} ${e.last_name}`;
		e.updated_at = nowStamp();
		const out = employeeOut(e);
		if (opts.emit !== false) emit('employees/employee/update', out, opts.author ?? companyAuthor());
		return out;
	}

	function terminateEmployee(body: Obj, author = companyAuthor()): Obj {
		const e = requireEmployee(body.id);
		const on = str(body.terminated_on);
		if (!on || !/^\d{4}-\d{2}-\d{2}$/.test(on)) throw unprocessable('terminated_on is invalid');
		e.terminated_on = on;
		e.termination_reason = str(body.termination_reason) ?? null;
		e.termination_reason_type = str(body.termination_reason_type) ?? 'others';
		e.termination_observations = str(body.termination_observations) ?? null;
		const contract = store.currentContract(e.id);
		if (contract) contract.ends_on = on;
		e.updated_at = nowStamp();
		const out = employeeOut(e);
		emit('employees/employee/terminate', out, author);
		return out;
	}

	function unterminateEmployee(body: Obj, author = companyAuthor()): Obj {
		const e = requireEmployee(body.id);
		if (!e.terminated_on) throw unprocessable('Employee is not terminated');
		e.terminated_on = null;
		e.termination_reason = null;
		e.termination_reason_type = null;
		e.termination_observations = null;
		const contract = store.currentContract(e.id);
		if (contract) contract.ends_on = null;
		e.updated_at = nowStamp();
		const out = employeeOut(e);
		emit('employees/employee/unterminate', out, author);
		return out;
	}

	// ------------------------------------------------ employee list
	function listEmployeeIds(q: URLSearchParams): string[] {
		const ids = queryList(q, 'ids');
		const accessIds = new Set(queryList(q, 'access_ids'));
		const emails = queryList(q, 'emails');
		const teamIds = queryList(q, 'team_ids');
		const locationIds = new Set(queryList(q, 'location_ids'));
		const entityIds = new Set(queryList(q, 'legal_entity_ids'));
		const onlyActive = queryBool(q, 'only_active') === true;
		const onlyManagers = queryBool(q, 'only_managers') === true;
		const startsWith = q.get('name_starts_with')?.toLowerCase();
		const fullText = q.get('full_text_name')?.toLowerCase();
		const identifier = q.get('company_identifier');
		const updatedGteq = q.get('updated_at_gteq')?.slice(0, 10);
		const updatedLteq = q.get('updated_at_lteq')?.slice(0, 10);
		const day = currentDay();

		// Start from the narrowest index, then filter.
		let candidates: string[] = store.employees.order;
		let narrowed = false;
		const intersectWith = (list: string[]) => {
			const set = new Set(list);
			candidates = narrowed
				? candidates.filter((id) => set.has(id))
				: [...set].sort((a, b) => idNum(a) - idNum(b));
			narrowed = true;
		};
		if (ids.length) intersectWith(ids.filter((id) => store.employees.byId.has(id)));
		if (emails.length) {
			const found = emails.flatMap((m) => {
				const id = store.emailIndex.get(m.toLowerCase());
				if (!id) return [];
				const e = store.employees.get(id);
				if (!FACTORIAL_EMAIL_FILTER_CASE_INSENSITIVE && e?.email !== m && e?.login_email !== m)
					return [];
				return [id];
			});
			intersectWith(found);
		}
		if (teamIds.length) {
			intersectWith(
				teamIds.flatMap((t) =>
					[...(store.membershipsByTeam.get(t) ?? [])].map(
						(m) => store.memberships.get(m)?.employee_id ?? '',
					),
				),
			);
		}
		const managers = onlyManagers ? store.managerIds() : undefined;
		const filtering =
			accessIds.size ||
			locationIds.size ||
			entityIds.size ||
			onlyActive ||
			managers ||
			startsWith ||
			fullText ||
			identifier ||
			updatedGteq ||
			updatedLteq;
		if (!filtering) return candidates;
		return candidates.filter((id) => {
			const e = store.employees.get(id) as EmployeeRecord;
			if (accessIds.size && !accessIds.has(e.access_id)) return false;
			if (locationIds.size && !locationIds.has(e.location_id)) return false;
			if (entityIds.size && !entityIds.has(e.legal_entity_id ?? '')) return false;
			if (onlyActive && e.terminated_on && e.terminated_on <= day) return false;
			if (managers && !managers.has(id)) return false;
			if (
				startsWith &&
				!FACTORIAL_NAME_STARTS_WITH_FIELDS.some((f) =>
					String(e[f] ?? '')
						.toLowerCase()
						.startsWith(startsWith),
				)
			)
				return false;
			if (fullText && !e.full_name.toLowerCase().includes(fullText)) return false;
			if (identifier && e.company_identifier !== identifier) return false;
			if (updatedGteq && e.updated_at.slice(0, 10) < updatedGteq) return false;
			if (updatedLteq && e.updated_at.slice(0, 10) > updatedLteq) return false;
			return true;
		});
	}

	// ------------------------------------------------ routing helpers
	type Ctx = { version: string; req: EmuRequest; params: string[]; body: Obj };
	const routes: Route[] = [];
	const R = (
		method: string,
		sub: string,
		cls: RouteClass,
		handler: (c: Ctx) => EmuResponse | Obj,
	) => {
		const pattern = new RegExp(`^/api/([^/]+)/resources/${sub}$`);
		routes.push(
			route(
				method,
				pattern,
				cls,
				`${method} ${sub.replace(/\(\[\^\/\]\+\)/g, '{id}')}`,
				(req, params) => {
					const [version, ...rest] = params;
					if (!(FACTORIAL_KNOWN_VERSIONS as readonly string[]).includes(version)) {
						throw new HttpError(404, factorialErrorBody(`Unknown API version ${version}`));
					}
					if (req.body !== undefined && (typeof req.body !== 'object' || Array.isArray(req.body))) {
						throw new HttpError(400, factorialErrorBody('Body must be a JSON object'));
					}
					const result = handler({ version, req, params: rest, body: asObj(req.body) });
					if (isResponse(result))
						return result.body === undefined
							? result
							: json(result.status, present(result.body, version), result.headers);
					return json(200, present(result, version));
				},
			),
		);
	};
	const ID = '([^/]+)';
	const list = <T>(
		ids: string[],
		q: URLSearchParams,
		get: (id: string) => T | undefined,
		out: (t: T) => Obj,
	) => {
		const { page, meta } = paginate(ids, q);
		return { data: page.map((id) => out(get(id) as T)), meta };
	};
	const filterIds = <T extends { id: string }>(
		table: Table<T>,
		q: URLSearchParams,
		pred?: (t: T) => boolean,
	) => {
		const ids = new Set(queryList(q, 'ids'));
		if (!ids.size && !pred) return table.order;
		return table.order.filter(
			(id) => (!ids.size || ids.has(id)) && (!pred || pred(table.get(id) as T)),
		);
	};
	const must = <T>(v: T | undefined): T => {
		if (v === undefined) throw notFound();
		return v;
	};

	// ------------------------------------------------ credentials
	R('GET', 'api_public/credentials', 'get', ({ req }) => {
		const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
		const cred = {
			id: bearer ? `oauth_${bearer.slice(0, 6)}` : 'api_key_1',
			company_id: store.company.id,
			name: store.company.name,
			legal_name: store.company.legal_name,
			locale: 'en',
			employee_id: bearer ? '1' : null,
			email: bearer ? (store.employees.get('1')?.email ?? null) : null,
			to_be_deleted: false,
		};
		return {
			data: [cred],
			meta: {
				has_next_page: false,
				has_previous_page: false,
				total: 1,
				limit: FACTORIAL_MAX_PAGE_SIZE,
			},
		};
	});

	// ------------------------------------------------ employees
	const EMP = 'employees/employees';
	R('GET', EMP, 'list', ({ req }) =>
		list(listEmployeeIds(req.query), req.query, (id) => store.employees.get(id), employeeOut),
	);
	R('POST', `${EMP}/create_with_contract`, 'write', ({ body }) => createEmployee(body));
	R('POST', `${EMP}/terminate`, 'write', ({ body }) => terminateEmployee(body));
	R('POST', `${EMP}/unterminate`, 'write', ({ body }) => unterminateEmployee(body));
	R('POST', `${EMP}/invite`, 'write', ({ body }) => {
		const e = requireEmployee(body.id);
		e.invited_on = currentDay();
		e.updated_at = nowStamp();
		const out = employeeOut(e);
		emit('employees/employee/invite', out, companyAuthor());
		return out;
	});
	R('GET', `${EMP}/${ID}`, 'get', ({ params }) => employeeOut(requireEmployee(params[0])));
	R('PUT', `${EMP}/${ID}`, 'write', ({ params, body }) => {
		if (body.id !== undefined && String(body.id) !== params[0])
			throw unprocessable('id does not match the path');
		return updateEmployee(params[0], body, { allowAll: false });
	});

	// ------------------------------------------------ teams
	R('GET', 'teams/teams', 'list', ({ req }) =>
		list(filterIds(store.teams, req.query), req.query, (id) => store.teams.get(id), teamOut),
	);
	R('GET', `teams/teams/${ID}`, 'get', ({ params }) => teamOut(must(store.teams.get(params[0]))));
	R('POST', 'teams/teams', 'write', ({ body }) => {
		if (!str(body.name)) throw unprocessable("name can't be blank");
		const t = store.teams.insert({
			id: store.teams.nextId(),
			company_id: store.company.id,
			name: String(body.name),
			description: str(body.description) ?? null,
		});
		emit('teams/team/create', teamOut(t), companyAuthor());
		return json(201, teamOut(t));
	});
	R('PUT', `teams/teams/${ID}`, 'write', ({ params, body }) => {
		const t = must(store.teams.get(params[0]));
		if (body.name !== undefined) t.name = String(body.name);
		if (body.description !== undefined) t.description = str(body.description) ?? null;
		emit('teams/team/update', teamOut(t), companyAuthor());
		return teamOut(t);
	});
	R('DELETE', `teams/teams/${ID}`, 'write', ({ params }) => {
		const t = must(store.teams.get(params[0]));
		const out = teamOut(t);
		for (const m of [...(store.membershipsByTeam.get(t.id) ?? [])]) store.removeMembership(m);
		store.teams.delete(t.id);
		emit('teams/team/delete', out, companyAuthor());
		return out;
	});

	// ------------------------------------------------ memberships
	const M = 'teams/memberships';
	R('GET', M, 'list', ({ req }) => {
		const teams = new Set(queryList(req.query, 'team_ids'));
		const emps = new Set(queryList(req.query, 'employee_ids'));
		const lead = queryBool(req.query, 'lead');
		const pred =
			teams.size || emps.size || lead !== undefined
				? (m: MembershipRecord) =>
						(!teams.size || teams.has(m.team_id)) &&
						(!emps.size || emps.has(m.employee_id)) &&
						(lead === undefined || m.lead === lead)
				: undefined;
		return list(
			filterIds(store.memberships, req.query, pred),
			req.query,
			(id) => store.memberships.get(id),
			(m) => ({ ...m }),
		);
	});
	R('GET', `${M}/${ID}`, 'get', ({ params }) => ({ ...must(store.memberships.get(params[0])) }));
	R('POST', M, 'write', ({ body }) => {
		const teamId = str(body.team_id);
		const employeeId = str(body.employee_id);
		if (!teamId || !store.teams.get(teamId)) throw unprocessable('Team not found');
		if (!employeeId || !store.employees.get(employeeId)) throw unprocessable('Employee not found');
		for (const id of store.membershipsByTeam.get(teamId) ?? []) {
			if (store.memberships.get(id)?.employee_id === employeeId)
				throw unprocessable('Employee has already been taken');
		}
		const m = store.addMembership({
			id: store.memberships.nextId(),
			company_id: store.company.id,
			team_id: teamId,
			employee_id: employeeId,
			lead: body.lead === true,
		});
		emit('teams/membership/create', { ...m }, companyAuthor());
		return json(201, { ...m });
	});
	R('PUT', `${M}/${ID}`, 'write', ({ params, body }) => {
		const m = must(store.memberships.get(params[0]));
		if (body.lead !== undefined) m.lead = body.lead === true;
		emit('teams/membership/update', { ...m }, companyAuthor());
		return { ...m };
	});
	R('DELETE', `${M}/${ID}`, 'write', ({ params }) => {
		const m = must(store.removeMembership(params[0]));
		emit('teams/membership/delete', { ...m }, companyAuthor());
		return { ...m };
	});

	// ------------------------------------------------ locations, legal entities
	/**
	 * GET <path> (the `ids` filter, cursor pages) and GET <path>/{id}, answering copies of the records.
	 * The table is looked up per request: a reset replaces the store.
	 */
	const listAndGet = <T extends { id: string }>(path: string, table: () => Table<T>) => {
		R('GET', path, 'list', ({ req }) =>
			list(
				filterIds(table(), req.query),
				req.query,
				(id) => table().get(id),
				(r) => ({ ...r }),
			),
		);
		R('GET', `${path}/${ID}`, 'get', ({ params }) => ({ ...must(table().get(params[0])) }));
	};
	const L = 'locations/locations';
	listAndGet(L, () => store.locations);
	R('POST', L, 'write', ({ body }) => {
		if (!str(body.name)) throw unprocessable("name can't be blank");
		const l = store.locations.insert({
			country: 'es',
			city: '',
			state: null,
			address_line_1: null,
			postal_code: null,
			main: false,
			timezone: 'Europe/Madrid',
			...(body as Partial<LocationRecord>),
			id: store.locations.nextId(),
			company_id: store.company.id,
			name: String(body.name),
		});
		emit('locations/location/create', { ...l }, companyAuthor());
		return json(201, { ...l });
	});
	R('PUT', `${L}/${ID}`, 'write', ({ params, body }) => {
		const l = must(store.locations.get(params[0]));
		for (const [k, v] of Object.entries(body)) if (k !== 'id' && k !== 'company_id') l[k] = v;
		emit('locations/location/update', { ...l }, companyAuthor());
		return { ...l };
	});
	R('DELETE', `${L}/${ID}`, 'write', ({ params }) => {
		const l = must(store.locations.delete(params[0]));
		emit('locations/location/delete', { ...l }, companyAuthor());
		return { ...l };
	});
	const LE = 'companies/legal_entities';
	listAndGet(LE, () => store.legalEntities);
	R('POST', LE, 'write', ({ body }) => {
		if (!str(body.legal_name) || !str(body.country))
			throw unprocessable("legal_name and country can't be blank");
		const l = store.legalEntities.insert({
			currency: 'EUR',
			...(body as Partial<LegalEntityRecord>),
			id: store.legalEntities.nextId(),
			company_id: store.company.id,
			legal_name: String(body.legal_name),
			country: String(body.country),
		});
		emit('companies/legal_entity/create', { ...l }, companyAuthor());
		return json(201, { ...l });
	});

	// ------------------------------------------------ contract versions
	const CV = 'contracts/contract_versions';
	R('GET', CV, 'list', ({ req }) => {
		const q = req.query;
		const emps = queryList(q, 'employee_ids');
		const date = q.get('date');
		const gteq = q.get('updated_at_gteq')?.slice(0, 10);
		const lteq = q.get('updated_at_lteq')?.slice(0, 10);
		let base = filterIds(store.contractVersions, q);
		if (emps.length) {
			const ids = new Set(emps.flatMap((e) => [...(store.contractsByEmployee.get(e) ?? [])]));
			base = base.filter((id) => ids.has(id));
		}
		if (date || gteq || lteq) {
			base = base.filter((id) => {
				const c = store.contractVersions.get(id) as ContractVersionRecord;
				return (
					(!date || c.effective_on <= date) &&
					(!gteq || c.updated_at.slice(0, 10) >= gteq) &&
					(!lteq || c.updated_at.slice(0, 10) <= lteq)
				);
			});
		}
		return list(base, q, (id) => store.contractVersions.get(id), contractOut);
	});
	R('GET', `${CV}/${ID}`, 'get', ({ params }) =>
		contractOut(must(store.contractVersions.get(params[0]))),
	);
	R('POST', CV, 'write', ({ body }) => {
		const e = requireEmployee(body.employee_id);
		const stamp = nowStamp();
		const c = store.addContract({
			starts_on: e.seniority_calculation_date ?? currentDay(),
			ends_on: null,
			country: 'es',
			job_title: '',
			...(body as Partial<ContractVersionRecord>),
			id: store.contractVersions.nextId(),
			company_id: store.company.id,
			employee_id: e.id,
			effective_on: str(body.effective_on) ?? currentDay(),
			created_at: stamp,
			updated_at: stamp,
		});
		emit('contracts/contract_version/create', contractOut(c), companyAuthor());
		return json(201, contractOut(c));
	});
	R('PUT', `${CV}/${ID}`, 'write', ({ params, body }) => {
		const c = must(store.contractVersions.get(params[0]));
		for (const [k, v] of Object.entries(body))
			if (!['id', 'company_id', 'employee_id', 'created_at'].includes(k)) c[k] = v;
		c.updated_at = nowStamp();
		emit('contracts/contract_version/update', contractOut(c), companyAuthor());
		return contractOut(c);
	});
	R('DELETE', `${CV}/${ID}`, 'write', ({ params }) => {
		const c = must(store.contractVersions.delete(params[0]));
		store.contractsByEmployee.get(c.employee_id)?.delete(c.id);
		emit('contracts/contract_version/delete', contractOut(c), companyAuthor());
		return contractOut(c);
	});

	// ------------------------------------------------ custom fields
	/** A field as HR creates it in Factorial's settings (also the API create); the slug follows the label. */
	const addCustomField = (f: {
		label: string;
		field_type?: string;
		slug?: string;
		[k: string]: unknown;
	}): CustomField => {
		const { label, slug, ...rest } = f;
		const id = store.customFields.nextId();
		return store.customFields.insert({
			legal_entity_id: null,
			min_value: null,
			max_value: null,
			...rest,
			id,
			label_text: label,
			field_type: f.field_type ?? 'text',
			slug:
				slug ??
				label
					.toLowerCase()
					.replace(/[^a-z0-9]+/g, '_')
					.replace(/^_+|_+$/g, ''),
			required: f.required === true,
			position: Number(f.position ?? id),
		});
	};
	const CF = 'custom_fields/fields';
	R('GET', CF, 'list', ({ req }) => {
		const label = req.query.get('label');
		return list(
			filterIds(store.customFields, req.query, label ? (f) => f.label_text === label : undefined),
			req.query,
			(id) => store.customFields.get(id),
			(f) => ({ ...f }),
		);
	});
	R('GET', `${CF}/${ID}`, 'get', ({ params }) => ({ ...must(store.customFields.get(params[0])) }));
	// The published create body (post_api_20261001_resources_custom_fields_fields_body.py): company_id,
	// field_type, label (answered as label_text), editable, visible, min/max_value, required, options,
	// position. No slug: Factorial derives it (here from the label).
	R('POST', CF, 'write', ({ body }) => {
		if (str(body.company_id) !== String(store.company.id)) throw unprocessable('Company not found');
		if (!str(body.label)) throw unprocessable("label can't be blank");
		return json(201, {
			...addCustomField({
				...body,
				label: String(body.label),
				field_type: str(body.field_type) ?? 'text',
			}),
		});
	});
	R('DELETE', `${CF}/${ID}`, 'write', ({ params }) => ({
		...must(store.customFields.delete(params[0])),
	}));
	const CFV = 'custom_fields/values';
	// The SDK model CustomFieldsValue (factorialco/factorial-api-sdks python/factorial_api_client/
	// generated/models/custom_fields_value.py @ 343f75ea): id, custom_field_identifier, valuable_id,
	// field_id, valuable_type, value (text), the typed column of the field's type (long_text_value,
	// date_value, single_choice_value: text; cents_value: an integer), label, required, updated_at.
	const TYPED_COLUMN: Record<string, string> = {
		long_text: 'long_text_value',
		date: 'date_value',
		single_choice: 'single_choice_value',
		money: 'cents_value',
		cents: 'cents_value',
		number: 'cents_value',
	};
	const valueOut = (v: CustomFieldValue) => {
		const f = store.customFields.get(v.field_id);
		const column = f ? TYPED_COLUMN[f.field_type] : undefined;
		const typed: Record<string, unknown> = {};
		if (column === 'cents_value') {
			const cents = Number.parseInt(String(v.value), 10);
			if (Number.isFinite(cents)) typed.cents_value = cents;
		} else if (column) typed[column] = v.value;
		return {
			custom_field_identifier: f?.slug ?? null,
			label: f?.label_text ?? null,
			required: f?.required ?? false,
			...typed,
			...v,
		};
	};
	R('GET', CFV, 'list', ({ req }) => {
		const q = req.query;
		const emps = new Set(queryList(q, 'employee_ids'));
		const fieldId = q.get('field_id');
		const value = q.get('value');
		const pred =
			emps.size || fieldId || value !== null
				? (v: CustomFieldValue) =>
						(!emps.size || emps.has(v.valuable_id)) &&
						(!fieldId || v.field_id === fieldId) &&
						(value === null || String(v.value) === value)
				: undefined;
		return list(
			filterIds(store.customFieldValues, q, pred),
			q,
			(id) => store.customFieldValues.get(id),
			valueOut,
		);
	});
	R('GET', `${CFV}/${ID}`, 'get', ({ params }) =>
		valueOut(must(store.customFieldValues.get(params[0]))),
	);
	R('POST', CFV, 'write', ({ body }) => {
		const fieldId = str(body.field_id);
		const valuableId = str(body.valuable_id ?? body.employee_id);
		if (!fieldId || !store.customFields.get(fieldId)) throw unprocessable('Field not found');
		if (!valuableId) throw unprocessable("valuable_id can't be blank");
		const valuableType = str(body.valuable_type) ?? 'Employee';
		// "Set": one value per (field, owner); posting again overwrites it.
		for (const v of store.customFieldValues.byId.values()) {
			if (
				v.field_id === fieldId &&
				v.valuable_id === valuableId &&
				v.valuable_type === valuableType
			) {
				v.value = body.value;
				v.updated_at = nowStamp();
				return valueOut(v);
			}
		}
		const v = store.customFieldValues.insert({
			id: store.customFieldValues.nextId(),
			field_id: fieldId,
			valuable_id: valuableId,
			valuable_type: valuableType,
			value: body.value,
			updated_at: nowStamp(),
		});
		return json(201, valueOut(v));
	});
	R('PUT', `${CFV}/${ID}`, 'write', ({ params, body }) => {
		const v = must(store.customFieldValues.get(params[0]));
		v.value = body.value;
		v.updated_at = nowStamp();
		return valueOut(v);
	});

	// ------------------------------------------------ webhook subscriptions
	const WS = 'api_public/webhook_subscriptions';
	R('GET', WS, 'list', ({ req }) => {
		const q = req.query;
		const id = q.get('id');
		const type = q.get('type');
		const companyId = q.get('company_id');
		const enabled = queryBool(q, 'enabled');
		const pred = (s: WebhookSubscription) =>
			(!id || s.id === id) &&
			(!type || s.type === type) &&
			(!companyId || s.company_id === companyId) &&
			(enabled === undefined || s.enabled === enabled);
		return list(
			filterIds(store.subscriptions, q, pred),
			q,
			(i) => store.subscriptions.get(i),
			(s) => ({ ...s }),
		);
	});
	R('GET', `${WS}/${ID}`, 'get', ({ params }) => ({ ...must(store.subscriptions.get(params[0])) }));
	R('POST', WS, 'write', ({ body, version }) => {
		const type = str(body.subscription_type);
		const target = str(body.target_url);
		const companyId = str(body.company_id);
		const errors = [
			!type && "subscription_type can't be blank",
			!target && "target_url can't be blank",
			!companyId && "company_id can't be blank",
		].filter(Boolean) as string[];
		if (errors.length) throw unprocessable(...errors);
		if (!/^https?:\/\//.test(String(target))) throw unprocessable('target_url is invalid');
		if (companyId !== store.company.id) throw unprocessable('company_id is invalid');
		const apiVersion = str(body.api_version) ?? version;
		if (!(FACTORIAL_KNOWN_VERSIONS as readonly string[]).includes(apiVersion))
			throw unprocessable('api_version is not included in the list');
		const existing = [...store.subscriptions.byId.values()].find(
			(s) => s.type === type && s.company_id === companyId,
		);
		if (existing && dupPolicy === 'reject')
			throw unprocessable(FACTORIAL_DUPLICATE_SUBSCRIPTION_MESSAGE);
		if (existing && dupPolicy === 'overwrite') store.subscriptions.delete(existing.id);
		if (existing && dupPolicy === 'overwriteInPlace') {
			Object.assign(existing, {
				target_url: String(target),
				name: str(body.name) ?? null,
				challenge: str(body.challenge) ?? null,
				enabled: body.enabled !== false,
				api_version: apiVersion,
			});
			return json(201, { ...existing });
		}
		const sub = store.subscriptions.insert({
			id: store.subscriptions.nextId(),
			target_url: String(target),
			type: String(type),
			company_id: String(companyId),
			name: str(body.name) ?? null,
			challenge: str(body.challenge) ?? null,
			enabled: body.enabled !== false,
			api_version: apiVersion,
		});
		return json(201, { ...sub });
	});
	R('PUT', `${WS}/${ID}`, 'write', ({ params, body }) => {
		const sub = must(store.subscriptions.get(params[0]));
		if (body.target_url !== undefined) sub.target_url = String(body.target_url);
		if (body.subscription_type !== undefined) sub.type = String(body.subscription_type);
		if (body.name !== undefined) sub.name = str(body.name) ?? null;
		if (body.challenge !== undefined) sub.challenge = str(body.challenge) ?? null;
		if (body.enabled !== undefined) sub.enabled = body.enabled === true;
		if (body.api_version !== undefined) sub.api_version = String(body.api_version);
		return { ...sub };
	});
	R('DELETE', `${WS}/${ID}`, 'write', ({ params }) => ({
		...must(store.subscriptions.delete(params[0])),
	}));

	// ------------------------------------------------ OAuth2 (unversioned, Doorkeeper-style)
	const issueTokens = (scope: string) => {
		const access = randomBytes(32).toString('hex');
		const refresh = randomBytes(32).toString('hex');
		accessTokens.set(access, {
			expiresAt: Date.now() + oauthClient.accessTokenTtlSeconds * 1000,
			refresh,
		});
		refreshTokens.set(refresh, access);
		return {
			access_token: access,
			token_type: 'Bearer',
			expires_in: oauthClient.accessTokenTtlSeconds,
			refresh_token: refresh,
			scope,
			created_at: Math.floor(Date.now() / 1000),
		};
	};
	const clientOf = (req: EmuRequest, body: Obj) => {
		const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
		if (basic && oauthClient.clientAuthentication !== 'basicOrBody') {
			return { id: undefined, secret: undefined };
		}
		if (basic) {
			const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
			return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
		}
		return { id: str(body.client_id), secret: str(body.client_secret) };
	};
	routes.push(
		route(
			'GET',
			/^\/oauth\/authorize$/,
			'auth',
			'GET oauth/authorize',
			(req) => {
				const q = req.query;
				if (q.get('client_id') !== oauthClient.clientId)
					return json(
						401,
						oauthErrorBody('invalid_client', 'Client authentication failed due to unknown client.'),
					);
				const redirect = q.get('redirect_uri');
				if (!redirect) return json(400, oauthErrorBody('invalid_request', 'Missing redirect_uri.'));
				if (q.get('response_type') !== 'code')
					return json(
						400,
						oauthErrorBody('unsupported_response_type', 'Only response_type=code is supported.'),
					);
				// No consent page: the emulator approves at once, like an admin clicking "Authorize".
				const code = randomBytes(16).toString('hex');
				codes.set(code, { redirectUri: redirect, scope: q.get('scope') ?? 'read write' });
				const target = new URL(redirect);
				target.searchParams.set('code', code);
				const state = q.get('state');
				if (state !== null) target.searchParams.set('state', state);
				return respond({ status: 302, headers: { location: target.toString() }, text: '' });
			},
			true,
		),
		route(
			'POST',
			/^\/oauth\/token$/,
			'auth',
			'POST oauth/token',
			(req) => {
				const body = asObj(req.body);
				const client = clientOf(req, body);
				if (client.id !== oauthClient.clientId || client.secret !== oauthClient.clientSecret) {
					return json(
						401,
						oauthErrorBody(
							'invalid_client',
							'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
						),
					);
				}
				const invalidGrant = () =>
					json(
						400,
						oauthErrorBody(
							'invalid_grant',
							'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
						),
					);
				if (body.grant_type === 'authorization_code') {
					const entry = codes.get(String(body.code ?? ''));
					if (
						!entry ||
						(body.redirect_uri !== undefined && body.redirect_uri !== entry.redirectUri)
					)
						return invalidGrant();
					codes.delete(String(body.code));
					return json(200, issueTokens(entry.scope));
				}
				if (body.grant_type === 'refresh_token') {
					const old = refreshTokens.get(String(body.refresh_token ?? ''));
					if (old === undefined) return invalidGrant();
					refreshTokens.delete(String(body.refresh_token));
					accessTokens.delete(old);
					return json(200, issueTokens('read write'));
				}
				return json(
					400,
					oauthErrorBody(
						'unsupported_grant_type',
						'The authorization grant type is not supported by the authorization server.',
					),
				);
			},
			true,
		),
		route(
			'POST',
			/^\/oauth\/revoke$/,
			'auth',
			'POST oauth/revoke',
			(req) => {
				const token = String(asObj(req.body).token ?? '');
				const refresh = accessTokens.get(token)?.refresh;
				accessTokens.delete(token);
				if (refresh) refreshTokens.delete(refresh);
				const access = refreshTokens.get(token);
				if (access) {
					refreshTokens.delete(token);
					accessTokens.delete(access);
				}
				return json(200, {});
			},
			true,
		),
	);

	// ------------------------------------------------ control API
	const snapshot = () => ({
		service: 'factorial',
		url: core.url,
		apiKey,
		today: currentDay(),
		company: store.company,
		counts: {
			employees: store.employees.byId.size,
			teams: store.teams.byId.size,
			memberships: store.memberships.byId.size,
			locations: store.locations.byId.size,
			legalEntities: store.legalEntities.byId.size,
			contractVersions: store.contractVersions.byId.size,
			customFields: store.customFields.byId.size,
			subscriptions: store.subscriptions.byId.size,
		},
		subscriptions: store.subscriptions.all(),
		deliveries: {
			total: deliveries.length,
			pending,
			failed: deliveries.filter((d) => d.done && !d.ok).length,
		},
		...coreSnapshot(core),
	});
	const controlAuthor = (b: Obj) => ({
		id: String(b.author_id ?? '1'),
		type: String(b.author_type ?? 'employee'),
	});
	const waitForDeliveries = (timeoutMs = 30_000) =>
		new Promise<void>((resolve, reject) => {
			if (pending === 0) return resolve();
			const t = setTimeout(
				() => reject(new Error(`webhook deliveries still pending after ${timeoutMs} ms`)),
				timeoutMs,
			);
			idleWaiters.push(() => {
				clearTimeout(t);
				resolve();
			});
		});
	const reset = (b: { seed?: string | number; employees?: number; company?: DemoCompany }) => {
		store = build(b);
		deliveries.length = 0;
		core.resetCounters();
		core.reseedFaults(b.seed ?? seed);
		codes.clear();
	};

	const P = CONTROL_PREFIX;
	const controlRoutes = (): Route[] => [
		...commonControlRoutes(core, {
			reset: (b) => reset(b as { seed?: string; employees?: number }),
			state: snapshot,
		}),
		route('GET', new RegExp(`^${P}/employees/${ID}$`), 'other', 'c-emp-get', (_req, [id]) =>
			json(200, employeeOut(requireEmployee(id))),
		),
		route('POST', new RegExp(`^${P}/employees$`), 'other', 'c-emp-create', (req) => {
			const b = asObj(req.body);
			const { author_id: _a, author_type: _t, emit: emitEvent, ...fields } = b;
			void _a;
			void _t;
			return json(201, createEmployee(fields, controlAuthor(b), emitEvent !== false));
		}),
		route('PATCH', new RegExp(`^${P}/employees/${ID}$`), 'other', 'c-emp-update', (req, [id]) => {
			const b = asObj(req.body);
			const { author_id: _a, author_type: _t, emit: emitEvent, ...fields } = b;
			void _a;
			void _t;
			return json(
				200,
				updateEmployee(id, fields, {
					allowAll: true,
					author: controlAuthor(b),
					emit: emitEvent !== false,
				}),
			);
		}),
		route(
			'POST',
			new RegExp(`^${P}/employees/${ID}/terminate$`),
			'other',
			'c-emp-term',
			(req, [id]) => {
				const b = asObj(req.body);
				return json(
					200,
					terminateEmployee({ terminated_on: currentDay(), ...b, id }, controlAuthor(b)),
				);
			},
		),
		route(
			'POST',
			new RegExp(`^${P}/employees/${ID}/unterminate$`),
			'other',
			'c-emp-unterm',
			(req, [id]) => json(200, unterminateEmployee({ id }, controlAuthor(asObj(req.body)))),
		),
		route('GET', new RegExp(`^${P}/deliveries$`), 'other', 'c-deliveries', async (req) => {
			if (queryBool(req.query, 'wait'))
				await waitForDeliveries(Number(req.query.get('timeoutMs') ?? 30_000));
			return json(200, deliveries);
		}),
		route('PUT', new RegExp(`^${P}/clock$`), 'other', 'c-clock', (req) => {
			today = str(asObj(req.body).today);
			return json(200, { today: currentDay() });
		}),
	];

	const contract = contractGuard('factorial', options.contract, factorialContractAnswer);
	const core: EmulatorCore = new EmulatorCore({
		name: 'factorial',
		options,
		validate: contract.validate,
		routes,
		controlRoutes: [],
		authenticate: (req) => {
			if (req.headers['x-api-key'] === apiKey) return undefined;
			const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
			const token = bearer ? accessTokens.get(bearer) : undefined;
			if (token && token.expiresAt > Date.now()) return undefined;
			return json(401, FACTORIAL_UNAUTHORIZED_BODY);
		},
		bodies: {
			notFound: () => factorialErrorBody('Not found'),
			rateLimited: () => factorialErrorBody('Too many requests'),
			serverError: (status) =>
				status === 500
					? factorialErrorBody('Internal server error')
					: factorialErrorBody('Service unavailable'),
			badJson: () => factorialErrorBody('Malformed JSON body'),
			tooLarge: () => factorialErrorBody('Request entity too large'),
		},
	});
	core.controlRoutes = controlRoutes();
	await core.listen();

	const base = commonHandle(core, contract, snapshot);
	const handle: FactorialEmulator = Object.assign(base, {
		get state() {
			return store;
		},
		apiKey,
		oauthClient: { clientId: oauthClient.clientId, clientSecret: oauthClient.clientSecret },
		get baseUrl() {
			return core.url;
		},
		close: async () => {
			closed = true;
			for (const t of timers) clearTimeout(t);
			timers.clear();
			await core.close();
		},
		reset: (o: { seed?: string | number; employees?: number; company?: DemoCompany } = {}) =>
			reset(o),
		setToday: (date: string | undefined) => {
			today = date;
		},
		getEmployee: (id: string) => {
			const e = store.employees.get(id);
			return e ? employeeOut(e) : undefined;
		},
		createEmployee: (fields: EmployeeChange, o?: { emit?: boolean }) =>
			createEmployee(fields, controlAuthor({}), o?.emit !== false),
		updateEmployee: (id: string, fields: EmployeeChange, o?: { emit?: boolean }) =>
			updateEmployee(id, fields, { allowAll: true, author: controlAuthor({}), emit: o?.emit }),
		terminateEmployee: (id: string, terminatedOn?: string, reason?: string) =>
			terminateEmployee(
				{ id, terminated_on: terminatedOn ?? currentDay(), termination_reason: reason },
				controlAuthor({}),
			),
		unterminateEmployee: (id: string) => unterminateEmployee({ id }, controlAuthor({})),
		addCustomField: (field: { label: string; field_type?: string; slug?: string }) => ({
			...addCustomField(field),
		}),
		subscriptions: () => store.subscriptions.all().map((s) => ({ ...s })),
		deliveries: () => deliveries.map((d) => ({ ...d })),
		waitForDeliveries,
	});
	return handle;
}
