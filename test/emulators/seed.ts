/**
 * Deterministic demo company: same seed + same reference date = the same company, byte for byte.
 * Linear in N (50k employees in well under a second) and compact: records hold only non-derived fields.
 */
import { createRng } from './common';

export interface SeedOptions {
	seed?: string | number;
	/** Number of employees (default 300). */
	employees?: number;
	/** YYYY-MM-DD the relative dates (future starts, terminations) are computed from; default today (UTC). */
	referenceDate?: string;
	companyId?: string;
	companyName?: string;
	/** Work email domain. */
	domain?: string;
}

export interface EmployeeRecord {
	id: string;
	access_id: string;
	company_id: string;
	first_name: string;
	last_name: string;
	full_name: string;
	email: string | null;
	login_email: string | null;
	personal_email: string | null;
	company_identifier: string | null;
	legal_entity_id: string | null;
	location_id: string;
	manager_id: string | null;
	timeoff_manager_id: string | null;
	terminated_on: string | null;
	termination_reason_type: string | null;
	termination_reason: string | null;
	termination_observations: string | null;
	seniority_calculation_date: string | null;
	birthday_on: string | null;
	gender: string | null;
	nationality: string | null;
	phone_number: string | null;
	invited_on: string | null;
	created_at: string;
	updated_at: string;
	[field: string]: unknown;
}

export interface LocationRecord {
	id: string;
	company_id: string;
	name: string;
	timezone: string;
	country: string;
	city: string;
	state: string | null;
	address_line_1: string | null;
	postal_code: string | null;
	main: boolean;
	[field: string]: unknown;
}

export interface LegalEntityRecord {
	id: string;
	company_id: string;
	legal_name: string;
	country: string;
	currency: string;
	[field: string]: unknown;
}

export interface TeamRecord {
	id: string;
	company_id: string;
	name: string;
	description: string | null;
	[field: string]: unknown;
}

export interface MembershipRecord {
	id: string;
	company_id: string;
	employee_id: string;
	team_id: string;
	lead: boolean;
}

export interface ContractVersionRecord {
	id: string;
	company_id: string;
	employee_id: string;
	effective_on: string;
	starts_on: string;
	ends_on: string | null;
	job_title: string;
	country: string;
	created_at: string;
	updated_at: string;
	[field: string]: unknown;
}

export interface DemoCompany {
	referenceDate: string;
	domain: string;
	company: { id: string; name: string; legal_name: string };
	legalEntities: LegalEntityRecord[];
	locations: LocationRecord[];
	teams: TeamRecord[];
	employees: EmployeeRecord[];
	memberships: MembershipRecord[];
	contractVersions: ContractVersionRecord[];
}

// ---------------------------------------------------------------- reference data

interface LocationSeed {
	name: string;
	timezone: string;
	country: string;
	city: string;
	state: string | null;
	address_line_1: string | null;
	postal_code: string | null;
	entity: number;
}

const LOCATIONS: LocationSeed[] = [
	{
		name: 'Madrid HQ',
		timezone: 'Europe/Madrid',
		country: 'es',
		city: 'Madrid',
		state: 'Madrid',
		address_line_1: 'Calle de Alcalá 42',
		postal_code: '28014',
		entity: 0,
	},
	{
		name: 'New York',
		timezone: 'America/New_York',
		country: 'us',
		city: 'New York',
		state: 'NY',
		address_line_1: '350 5th Ave',
		postal_code: '10118',
		entity: 1,
	},
	{
		name: 'Bengaluru',
		timezone: 'Asia/Kolkata',
		country: 'in',
		city: 'Bengaluru',
		state: 'Karnataka',
		address_line_1: 'MG Road 1',
		postal_code: '560001',
		entity: 2,
	},
	{
		name: 'Berlin',
		timezone: 'Europe/Berlin',
		country: 'de',
		city: 'Berlin',
		state: 'Berlin',
		address_line_1: 'Straße des 17. Juni 135',
		postal_code: '10623',
		entity: 3,
	},
	{
		name: 'Tokyo',
		timezone: 'Asia/Tokyo',
		country: 'jp',
		city: 'Tokyo',
		state: null,
		address_line_1: '1-1 Marunouchi',
		postal_code: '100-0005',
		entity: 1,
	},
	{
		name: 'São Paulo',
		timezone: 'America/Sao_Paulo',
		country: 'br',
		city: 'São Paulo',
		state: 'SP',
		address_line_1: 'Av. Paulista 1000',
		postal_code: '01310-100',
		entity: 1,
	},
	{
		name: 'Sydney',
		timezone: 'Australia/Sydney',
		country: 'au',
		city: 'Sydney',
		state: 'NSW',
		address_line_1: '1 Martin Pl',
		postal_code: '2000',
		entity: 1,
	},
];

const LEGAL_ENTITIES = [
	{ legal_name: 'Demo Company Iberia S.L.', country: 'es', currency: 'EUR' },
	{ legal_name: 'Demo Company Inc.', country: 'us', currency: 'USD' },
	{ legal_name: 'Demo Company India Pvt. Ltd.', country: 'in', currency: 'INR' },
	{ legal_name: 'Demo Company Deutschland GmbH', country: 'de', currency: 'EUR' },
];

const TEAMS: Array<{ name: string; titles: string[] }> = [
	{
		name: 'Engineering',
		titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'QA Engineer'],
	},
	{ name: 'Product', titles: ['Product Manager', 'Product Designer', 'UX Researcher'] },
	{ name: 'Sales', titles: ['Account Executive', 'Sales Development Rep', 'Sales Engineer'] },
	{ name: 'Marketing', titles: ['Content Marketer', 'Growth Marketer', 'Brand Designer'] },
	{ name: 'Customer Success', titles: ['Customer Success Manager', 'Support Specialist'] },
	{
		name: 'People & Culture',
		titles: ['HR Business Partner', 'Recruiter', 'People Ops Specialist'],
	},
	{ name: 'Finance', titles: ['Accountant', 'Financial Analyst', 'Controller'] },
	{ name: 'Data', titles: ['Data Analyst', 'Data Engineer', 'Data Scientist'] },
	{ name: 'Operations', titles: ['Operations Manager', 'IT Administrator', 'Office Manager'] },
	{ name: 'Légal & Compliance', titles: ['Legal Counsel', 'Compliance Officer'] },
];

/** [native, romanised]; romanised is used for emails. Latin names romanise by stripping accents. */
type Name = string | [string, string];
interface Culture {
	nationality: string;
	location: number;
	first: Name[];
	last: Name[];
}

const CULTURES: Culture[] = [
	{
		nationality: 'es',
		location: 0,
		first: ['José', 'María', 'Lucía', 'Álvaro', 'Íñigo', 'Begoña', 'Jesús', 'Ana'],
		last: [
			'García',
			'Martínez',
			'Núñez',
			'Peña',
			'Ibáñez',
			'Fernández-Ruiz',
			'de la Fuente',
			'Blanco Pérez',
		],
	},
	{
		nationality: 'de',
		location: 3,
		first: ['Jürgen', 'Jörg', 'Käthe', 'Lukas', 'Anja', 'Günther'],
		last: ['Müller', 'Groß', 'Strauß', 'Weiß', 'Schäfer', 'Müller-Lüdenscheidt', 'von Bülow'],
	},
	{
		nationality: 'dk',
		location: 3,
		first: ['Søren', 'Åsa', 'Øystein', 'Bjørn', 'Ingrid', 'Mads'],
		last: ['Sørensen', 'Ødegård', 'Ångström', 'Hæstad', 'Kierkegaard'],
	},
	{
		nationality: 'fr',
		location: 0,
		first: ['François', 'Hélène', 'Chloé', 'Anaïs', 'Zoë', 'Jean-Luc', 'Marie-Claire'],
		last: ['Lefèvre', 'Dubois', 'Garçon', 'Bézier', 'Saint-Étienne'],
	},
	{
		nationality: 'ie',
		location: 1,
		first: ['Siobhán', 'Seán', 'Niamh', 'Aoife', 'Patrick'],
		last: ["O'Brien", "O'Connor", 'McDonald', 'Ó Súilleabháin'],
	},
	{
		nationality: 'nl',
		location: 3,
		first: ['Anouk', 'Joost', 'Maarten', 'Sanne', 'Daan'],
		last: ['van der Berg', 'de Vries', 'van den Heuvel', 'Jansen', "van 't Hof"],
	},
	{
		nationality: 'ru',
		location: 3,
		first: [
			['Дмитрий', 'Dmitry'],
			['Анна', 'Anna'],
			['Сергей', 'Sergey'],
			['Ольга', 'Olga'],
		],
		last: [
			['Иванов', 'Ivanov'],
			['Смирнова', 'Smirnova'],
			['Кузнецов', 'Kuznetsov'],
			['Попова', 'Popova'],
		],
	},
	{
		nationality: 'gr',
		location: 3,
		first: [
			['Γιώργος', 'Giorgos'],
			['Ελένη', 'Eleni'],
			['Νίκος', 'Nikos'],
			['Μαρία', 'Maria'],
		],
		last: [
			['Παπαδόπουλος', 'Papadopoulos'],
			['Οικονόμου', 'Oikonomou'],
			['Γεωργίου', 'Georgiou'],
		],
	},
	{
		nationality: 'cn',
		location: 4,
		first: [
			['伟', 'Wei'],
			['芳', 'Fang'],
			['静', 'Jing'],
			['强', 'Qiang'],
		],
		last: [
			['王', 'Wang'],
			['李', 'Li'],
			['张', 'Zhang'],
			['刘', 'Liu'],
		],
	},
	{
		nationality: 'jp',
		location: 4,
		first: [
			['陽翔', 'Haruto'],
			['さくら', 'Sakura'],
			['健', 'Ken'],
			['結衣', 'Yui'],
		],
		last: [
			['佐藤', 'Sato'],
			['鈴木', 'Suzuki'],
			['高橋', 'Takahashi'],
			['田中', 'Tanaka'],
		],
	},
	{
		nationality: 'ae',
		location: 2,
		first: [
			['محمد', 'Mohammed'],
			['فاطمة', 'Fatima'],
			['عمر', 'Omar'],
			['ليلى', 'Layla'],
		],
		last: [
			['العلي', 'Al-Ali'],
			['حداد', 'Haddad'],
			['الحسيني', 'Al-Husseini'],
		],
	},
	{
		nationality: 'in',
		location: 2,
		first: ['Aarav', 'Priya', 'Rohan', 'Ananya', 'Vikram'],
		last: ['Sharma', 'Iyer', 'Venkataraman', 'Patel', 'Reddy'],
	},
	{
		nationality: 'us',
		location: 1,
		first: ['Emily', 'Michael', 'Jessica', 'Christopher', 'Ashley', 'John'],
		last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Miller'],
	},
	{
		nationality: 'br',
		location: 5,
		first: ['João', 'Conceição', 'Gonçalo', 'Luíza'],
		last: ['Gonçalves', 'Araújo', 'Simões', 'da Silva'],
	},
	{
		nationality: 'tr',
		location: 3,
		first: ['Çağrı', 'Şule', 'İsmail', 'Gökhan'],
		last: ['Yılmaz', 'Öztürk', 'Çelik', 'Şahin'],
	},
	{
		nationality: 'pl',
		location: 3,
		first: ['Łukasz', 'Małgorzata', 'Paweł', 'Zofia'],
		last: ['Wiśniewski', 'Kowalczyk', 'Dąbrowska', 'Szczęsny'],
	},
	{
		nationality: 'au',
		location: 6,
		first: ['Olivia', 'Jack', 'Charlotte', 'Noah'],
		last: ['Taylor', 'Wilson', 'Anderson-Clarke'],
	},
];

const SPECIAL_LATIN: Record<string, string> = {
	ß: 'ss',
	ø: 'o',
	Ø: 'O',
	æ: 'ae',
	Æ: 'AE',
	œ: 'oe',
	Œ: 'OE',
	ł: 'l',
	Ł: 'L',
	đ: 'd',
	Đ: 'D',
	ı: 'i',
	þ: 'th',
};

/** Accent-stripping romanisation for Latin names (emails only; names keep their native spelling). */
export function romanise(value: string): string {
	return value
		.replace(/[ßøØæÆœŒłŁđĐıþ]/g, (c) => SPECIAL_LATIN[c] ?? c)
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '');
}

const native = (n: Name) => (typeof n === 'string' ? n : n[0]);
const latin = (n: Name) => romanise(typeof n === 'string' ? n : n[1]);
const emailPart = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]+/g, '');

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function todayUtc(): string {
	return new Date().toISOString().slice(0, 10);
}

/** Build the demo company. Ids are numeric strings (Factorial treats ids as opaque strings). */
export function generateCompany(options: SeedOptions = {}): DemoCompany {
	const n = Math.max(1, Math.floor(options.employees ?? 300));
	const rng = createRng(`${options.seed ?? 'demo'}:company`);
	const int = (max: number) => Math.floor(rng() * max);
	const pick = <T>(list: readonly T[]): T => list[int(list.length)];
	const referenceDate = options.referenceDate ?? todayUtc();
	const ref = Date.parse(`${referenceDate}T00:00:00Z`);
	const companyId = options.companyId ?? '1';
	const domain = options.domain ?? 'demo-company.example';
	const stamp = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '').slice(0, 19) + '.000Z';

	const legalEntities: LegalEntityRecord[] = LEGAL_ENTITIES.map((e, i) => ({
		id: String(i + 1),
		company_id: companyId,
		...e,
	}));
	const locations: LocationRecord[] = LOCATIONS.map(({ entity, ...l }, i) => {
		void entity;
		return { id: String(i + 1), company_id: companyId, main: i === 0, ...l };
	});
	const teams: TeamRecord[] = TEAMS.map((t, i) => ({
		id: String(i + 1),
		company_id: companyId,
		name: t.name,
		description: `${t.name} team`,
	}));

	const managerCount = Math.max(1, Math.round(n * 0.06));
	const managersByTeam: string[][] = teams.map(() => []);
	const employees: EmployeeRecord[] = new Array<EmployeeRecord>(n);
	const memberships: MembershipRecord[] = new Array<MembershipRecord>(n);
	const contractVersions: ContractVersionRecord[] = new Array<ContractVersionRecord>(n);
	const emailsTaken = new Map<string, number>();
	const names: Name[] = new Array<Name>(n * 2);

	for (let i = 0; i < n; i++) {
		const id = String(i + 1);
		const culture = pick(CULTURES);
		let first: Name = pick(culture.first);
		let last: Name = pick(culture.last);
		// Every ~40th person shares the full name of an earlier colleague.
		if (i > 10 && int(40) === 0) {
			const earlier = int(i);
			first = names[earlier * 2];
			last = names[earlier * 2 + 1];
		}
		names[i * 2] = first;
		names[i * 2 + 1] = last;
		const firstNative = native(first);
		const lastNative = native(last);
		const local = `${emailPart(latin(first))}.${emailPart(latin(last))}`;
		const seen = emailsTaken.get(local) ?? 0;
		emailsTaken.set(local, seen + 1);
		const workEmail = `${seen ? `${local}${seen + 1}` : local}@${domain}`;
		const hasWorkEmail = i === 0 || int(50) !== 0;

		const teamIndex = i < managerCount ? i % teams.length : int(teams.length);
		const locIndex = rng() < 0.8 ? culture.location : int(locations.length);
		const location = locations[locIndex];
		const isManager = i < managerCount;
		let managerId: string | null = null;
		if (i > 0) {
			// Regular employees are never in a manager pool, so no self-reference is possible.
			const pool = managersByTeam[teamIndex];
			managerId = isManager || pool.length === 0 ? '1' : pick(pool);
		}
		if (isManager) managersByTeam[teamIndex].push(id);

		const roll = rng();
		const futureStart = i > managerCount && roll < 0.03;
		const startMs = futureStart ? ref + (1 + int(60)) * DAY : ref - (30 + int(3000)) * DAY;
		let terminatedOn: string | null = null;
		if (!futureStart && i >= managerCount) {
			if (roll < 0.08)
				terminatedOn = isoDate(Math.min(ref - DAY, startMs + (20 + int(2000)) * DAY));
			else if (roll < 0.09) terminatedOn = isoDate(ref + (1 + int(30)) * DAY);
		}
		const updatedMs = ref - int(30) * DAY + int(DAY);
		const createdMs = Math.min(startMs - 14 * DAY, updatedMs);
		const entityIndex = LOCATIONS[locIndex].entity;
		const startOn = isoDate(startMs);
		const e: EmployeeRecord = {
			id,
			access_id: String(10_000 + i + 1),
			company_id: companyId,
			first_name: firstNative,
			last_name: lastNative,
			full_name: `${firstNative} ${lastNative}`,
			email: hasWorkEmail ? workEmail : null,
			login_email: hasWorkEmail ? workEmail : null,
			personal_email: `${local}.${id}@mail.example`,
			company_identifier: `EMP-${String(i + 1).padStart(5, '0')}`,
			legal_entity_id: legalEntities[entityIndex].id,
			location_id: location.id,
			manager_id: managerId,
			timeoff_manager_id: managerId,
			terminated_on: terminatedOn,
			termination_reason_type: terminatedOn ? 'others' : null,
			termination_reason: terminatedOn ? 'Left the company' : null,
			termination_observations: null,
			seniority_calculation_date: startOn,
			birthday_on: isoDate(ref - (8000 + int(15000)) * DAY),
			gender: rng() < 0.5 ? 'female' : 'male',
			nationality: culture.nationality,
			phone_number: `+${10 + int(89)} ${100000000 + int(899999999)}`,
			invited_on: hasWorkEmail && !futureStart ? startOn : null,
			created_at: stamp(createdMs),
			updated_at: stamp(updatedMs),
		};
		employees[i] = e;
		memberships[i] = {
			id,
			company_id: companyId,
			employee_id: id,
			team_id: teams[teamIndex].id,
			lead: isManager,
		};
		const team = TEAMS[teamIndex];
		contractVersions[i] = {
			id,
			company_id: companyId,
			employee_id: id,
			effective_on: startOn,
			starts_on: startOn,
			ends_on: terminatedOn,
			job_title: isManager ? `Head of ${team.name}` : pick(team.titles),
			country: location.country,
			created_at: e.created_at,
			updated_at: e.updated_at,
		};
	}
	if (n > 0) {
		employees[0].manager_id = null;
		employees[0].timeoff_manager_id = null;
		contractVersions[0].job_title = 'Chief Executive Officer';
	}

	return {
		referenceDate,
		domain,
		company: {
			id: companyId,
			name: options.companyName ?? 'Demo Company',
			legal_name: LEGAL_ENTITIES[0].legal_name,
		},
		legalEntities,
		locations,
		teams,
		employees,
		memberships,
		contractVersions,
	};
}

// ---------------------------------------------------------------- JumpCloud mirror

export interface JumpCloudMirrorOptions {
	seed?: string | number;
	/** Which employee field becomes `employeeIdentifier` (default 'id'). */
	employeeIdentifierFrom?: 'id' | 'company_identifier';
	/** Share of active employees missing from JumpCloud (to be created). Default 0.02. */
	missingRate?: number;
	/** Share of users whose jobTitle/department/lastname drifted (to be updated). Default 0.02. */
	changedRate?: number;
	/** Share of terminated employees still ACTIVATED in JumpCloud (to be suspended). Default 0.2. */
	staleRate?: number;
	/**
	 * false: the users carry no `employeeIdentifier`, as in a directory made by hand or by another tool
	 * before this sync (what an admin links with the Nightly's guided path). Default true.
	 */
	linked?: boolean;
}

export interface JumpCloudSeedUser {
	username: string;
	email: string;
	firstname: string;
	lastname: string;
	displayname: string;
	employeeIdentifier: string | null;
	jobTitle: string;
	department: string;
	company: string;
	location: string;
	state: 'STAGED' | 'ACTIVATED' | 'SUSPENDED';
	suspended: boolean;
	/** Employee id of the manager; the emulator resolves it to the manager's user id. */
	managerEmployeeId?: string | null;
	employeeId: string;
}

export interface JumpCloudMirror {
	users: JumpCloudSeedUser[];
	/** Group name -> employee ids of its members. */
	groups: Array<{ name: string; employeeIds: string[] }>;
}

/**
 * Users and groups as a JumpCloud org mostly in sync with the company would hold them, with a few
 * deliberate drifts so a reconciliation has work to do. Employees without a work email are skipped.
 */
export function jumpCloudMirror(
	company: DemoCompany,
	options: JumpCloudMirrorOptions = {},
): JumpCloudMirror {
	const rng = createRng(`${options.seed ?? 'demo'}:jumpcloud`);
	const missingRate = options.missingRate ?? 0.02;
	const changedRate = options.changedRate ?? 0.02;
	const staleRate = options.staleRate ?? 0.2;
	const teamOf = new Map(company.memberships.map((m) => [m.employee_id, m.team_id]));
	const teamName = new Map(company.teams.map((t) => [t.id, t.name]));
	const locName = new Map(company.locations.map((l) => [l.id, l.name]));
	const entityName = new Map(company.legalEntities.map((l) => [l.id, l.legal_name]));
	const ref = company.referenceDate;
	const usernames = new Map<string, number>();
	const users: JumpCloudSeedUser[] = [];
	const groupMembers = new Map<string, string[]>(company.teams.map((t) => [t.name, []]));

	company.employees.forEach((e, i) => {
		if (!e.email) return;
		const terminated = e.terminated_on !== null && e.terminated_on <= ref;
		const r = rng();
		if (!terminated && r < missingRate) return;
		// The work email's local part is already romanised ("first.last[N]").
		const base = e.email
			.split('@')[0]
			.replace(/[0-9]+$/, '')
			.slice(0, 28);
		const taken = usernames.get(base) ?? 0;
		usernames.set(base, taken + 1);
		const department = teamName.get(teamOf.get(e.id) ?? '') ?? '';
		const changed = !terminated && r >= missingRate && r < missingRate + changedRate;
		const future = (e.seniority_calculation_date ?? '') > ref;
		let state: JumpCloudSeedUser['state'] = future ? 'STAGED' : 'ACTIVATED';
		if (terminated) state = rng() < staleRate ? 'ACTIVATED' : 'SUSPENDED';
		users.push({
			username: taken ? `${base}${taken + 1}` : base,
			email: e.email,
			firstname: e.first_name,
			lastname: changed ? `${e.last_name}-Old` : e.last_name,
			displayname: e.full_name,
			employeeIdentifier:
				options.linked === false
					? null
					: options.employeeIdentifierFrom === 'company_identifier'
						? (e.company_identifier ?? e.id)
						: e.id,
			jobTitle: changed ? 'Outdated Title' : (company.contractVersions[i]?.job_title ?? ''),
			department,
			company: entityName.get(e.legal_entity_id ?? '') ?? '',
			location: locName.get(e.location_id) ?? '',
			state,
			suspended: state === 'SUSPENDED',
			managerEmployeeId: e.manager_id,
			employeeId: e.id,
		});
		if (state !== 'SUSPENDED') groupMembers.get(department)?.push(e.id);
	});
	return { users, groups: [...groupMembers].map(([name, employeeIds]) => ({ name, employeeIds })) };
}

// ---------------------------------------------------------------- a lived-in JumpCloud directory

/**
 * What every JumpCloud org holds before this sync is installed, and what the emulator holds by default
 * beside the mirror: admins and a helpdesk in groups that grant admin rights, accounts IT suspended on
 * purpose (an incident, an old admin), people outside the company domain, service accounts. None
 * carries an employee identifier and no group carries the sync's mark, so the sync must leave them all
 * alone. No email is a Factorial employee's (the local parts are not `first.last` of the seed's names).
 */
export interface LivedInUser {
	username: string;
	email: string;
	firstname: string;
	lastname: string;
	displayname: string;
	state: 'ACTIVATED' | 'SUSPENDED';
	suspended: boolean;
	description: string;
}

export interface LivedInDirectory {
	users: LivedInUser[];
	/** Groups with their members' usernames; `description` as an admin would write it. */
	groups: Array<{ name: string; description: string; usernames: string[] }>;
}

export interface LivedInOptions {
	/** The company's work email domain (default the seed's, demo-company.example). */
	domain?: string;
}

/** The groups of the lived-in directory that grant admin rights (tests assert nobody joins or leaves them). */
export const LIVED_IN_ADMIN_GROUPS = ['IT Admins', 'Domain Admins'] as const;

export function livedInDirectory(options: LivedInOptions = {}): LivedInDirectory {
	const domain = options.domain ?? 'demo-company.example';
	const user = (
		username: string,
		email: string,
		firstname: string,
		lastname: string,
		state: LivedInUser['state'],
		description: string,
	): LivedInUser => ({
		username,
		email,
		firstname,
		lastname,
		displayname: `${firstname} ${lastname}`,
		state,
		suspended: state === 'SUSPENDED',
		description,
	});
	const users = [
		user(
			'jc.admin',
			`jc.admin@${domain}`,
			'Directory',
			'Administrator',
			'ACTIVATED',
			'JumpCloud administrator (IT)',
		),
		user(
			'it.helpdesk',
			`it.helpdesk@${domain}`,
			'IT',
			'Helpdesk',
			'ACTIVATED',
			'Shared helpdesk account (IT)',
		),
		user(
			'former.admin',
			`former.admin@${domain}`,
			'Former',
			'Administrator',
			'SUSPENDED',
			'Suspended by IT: admin who left, kept for audit',
		),
		user(
			'incident.hold',
			`incident.hold@${domain}`,
			'Quarantined',
			'Account',
			'SUSPENDED',
			'Suspended by IT: security incident INC-2024-118',
		),
		user(
			'ext.auditor',
			'auditor@external-audit.example',
			'External',
			'Auditor',
			'ACTIVATED',
			'Auditor of an outside firm',
		),
		user(
			'ext.designer',
			'designer@freelance-studio.example',
			'Freelance',
			'Designer',
			'ACTIVATED',
			'Contractor outside the company domain',
		),
		user(
			'svc-backup',
			`svc-backup@${domain}`,
			'Backup',
			'Service',
			'ACTIVATED',
			'Service account: nightly backups',
		),
		user(
			'svc-ci-deploy',
			`svc-ci-deploy@${domain}`,
			'CI',
			'Deploy',
			'ACTIVATED',
			'Service account: CI deployments',
		),
		user(
			'svc-scanner',
			`office-scanner@${domain}`,
			'Office',
			'Scanner',
			'ACTIVATED',
			'Service account: scan to email',
		),
	];
	return {
		users,
		groups: [
			{
				name: 'IT Admins',
				description: 'Administrators of the JumpCloud org',
				usernames: ['jc.admin', 'it.helpdesk'],
			},
			{
				name: 'Domain Admins',
				description: 'Domain administrators (Windows, sudo on servers)',
				usernames: ['jc.admin', 'former.admin'],
			},
			{
				name: 'Service Accounts',
				description: 'Non-person accounts',
				usernames: ['svc-backup', 'svc-ci-deploy', 'svc-scanner'],
			},
			{
				name: 'External Collaborators',
				description: 'People outside the company',
				usernames: ['ext.auditor', 'ext.designer'],
			},
		],
	};
}
