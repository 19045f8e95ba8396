/**
 * The sync scope: which Factorial employees the sync manages. One rule for the event templates (the
 * JumpCloud node's Directory Sync → Check Sync Scope), Create or Update, and the nightly planner, so a
 * hire the nightly would not create is not created by the Joiner either. Pure: no n8n types.
 *
 * Each dimension has an include and an exclude list (empty = no condition). An employee is in scope when,
 * for every dimension with an include list, one of its values is listed, and none of its values is
 * excluded. A dimension with an include list whose value the item does not carry is out of scope: the
 * sync never creates an account it cannot show belongs in the directory.
 */
type Obj = Record<string, unknown>;

/** What happens to a linked user whose employee is (or becomes) out of scope. */
export type OutOfScopeAction = 'leaveAlone' | 'suspend';

export interface ScopeList {
	include: string[];
	exclude: string[];
}

export interface SyncScope {
	legalEntities: ScopeList;
	locations: ScopeList;
	teams: ScopeList;
	employmentTypes: ScopeList;
	emailDomains: ScopeList;
	/** Item field holding the employment or contract type (Factorial has no single one: a custom field). */
	employmentTypeField: string;
	outOfScope: OutOfScopeAction;
}

export const DEFAULT_EMPLOYMENT_TYPE_FIELD = 'employment_type';

/** No condition at all: everyone is in scope (today's behaviour). */
export const OPEN_SCOPE: SyncScope = {
	legalEntities: { include: [], exclude: [] },
	locations: { include: [], exclude: [] },
	teams: { include: [], exclude: [] },
	employmentTypes: { include: [], exclude: [] },
	emailDomains: { include: [], exclude: [] },
	employmentTypeField: DEFAULT_EMPLOYMENT_TYPE_FIELD,
	outOfScope: 'leaveAlone',
};

export type ScopeVerdict = { inScope: true } | { inScope: false; reason: string };

interface Dimension {
	key: keyof Pick<
		SyncScope,
		'legalEntities' | 'locations' | 'teams' | 'employmentTypes' | 'emailDomains'
	>;
	label: string;
	/** Item fields it reads, for the "not delivered" reason. */
	fields: (scope: SyncScope) => string[];
	/** The employee's values (lower case); undefined when the item carries none of the fields. */
	values: (raw: Obj, scope: SyncScope) => string[] | undefined;
}

/** Text or number values of the named fields (lists flattened); undefined when no field is present. */
function fieldValues(raw: Obj, fields: string[]): string[] | undefined {
	let present = false;
	const out: string[] = [];
	for (const field of fields) {
		const value = raw[field];
		if (value === undefined || value === null || value === '') continue;
		present = true;
		for (const entry of Array.isArray(value) ? value : [value])
			if (typeof entry === 'string' || typeof entry === 'number') {
				const text = String(entry).trim().toLowerCase();
				if (text !== '') out.push(text);
			}
	}
	return present ? out : undefined;
}

const DIMENSIONS: Dimension[] = [
	{
		key: 'legalEntities',
		label: 'legal entity',
		fields: () => ['legal_entity_id', 'legal_entity_name'],
		values: (raw) => fieldValues(raw, ['legal_entity_id', 'legal_entity_name']),
	},
	{
		key: 'locations',
		label: 'location',
		fields: () => ['location_id', 'location_name'],
		values: (raw) => fieldValues(raw, ['location_id', 'location_name']),
	},
	{
		key: 'teams',
		label: 'team',
		fields: () => ['team_names', 'team_ids'],
		// An empty team list is a value ("in no team"): it is delivered, it just matches no include.
		values: (raw) =>
			Array.isArray(raw.team_names) || Array.isArray(raw.team_ids)
				? (fieldValues(raw, ['team_names', 'team_ids']) ?? [])
				: undefined,
	},
	{
		key: 'employmentTypes',
		label: 'employment type',
		fields: (scope) => [scope.employmentTypeField],
		values: (raw, scope) => fieldValues(raw, [scope.employmentTypeField]),
	},
	{
		key: 'emailDomains',
		label: 'email domain',
		fields: () => ['work_email'],
		values: (raw) => {
			const email = fieldValues(raw, ['work_email', 'email'])?.[0];
			if (email === undefined) return undefined;
			const at = email.lastIndexOf('@');
			return at > 0 ? [email.slice(at + 1)] : [];
		},
	},
];

/** Whether the scope has any condition (an empty scope changes nothing anywhere). */
export function hasConditions(scope: SyncScope): boolean {
	return DIMENSIONS.some((d) => scope[d.key].include.length > 0 || scope[d.key].exclude.length > 0);
}

const quoteList = (values: string[]) => values.map((v) => `"${v}"`).join(', ');

/** Whether one employee item is in scope, and if not, why (one reason, the first dimension that fails). */
export function scopeVerdict(raw: Obj, scope: SyncScope): ScopeVerdict {
	for (const dimension of DIMENSIONS) {
		const list = scope[dimension.key];
		if (!list.include.length && !list.exclude.length) continue;
		const values = dimension.values(raw, scope);
		const excluded = (values ?? []).filter((v) => list.exclude.includes(v));
		if (excluded.length)
			return {
				inScope: false,
				reason: `${dimension.label} ${quoteList(excluded)} is excluded from the sync scope`,
			};
		if (!list.include.length) continue;
		if (values === undefined)
			return {
				inScope: false,
				reason: `the item has no ${dimension.label} (${dimension.fields(scope).join(' or ')}) to check against the sync scope`,
			};
		if (!values.some((v) => list.include.includes(v)))
			return {
				inScope: false,
				reason: `${dimension.label} ${values.length ? quoteList(values) : '(none)'} is not in the sync scope (${quoteList(list.include)})`,
			};
	}
	return { inScope: true };
}

/**
 * A list as typed in the policy: comma or newline separated, trimmed, lower case, each once; a leading
 * "@" is dropped (email domains are often typed as "@example.com").
 */
export function splitValues(value: unknown): string[] {
	const raw = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n]/);
	const cleaned = raw.map((v) => v.trim().toLowerCase().replace(/^@/, '')).filter((v) => v !== '');
	return [...new Set(cleaned)];
}

export function scopeList(include: unknown, exclude: unknown): ScopeList {
	return { include: splitValues(include), exclude: splitValues(exclude) };
}
