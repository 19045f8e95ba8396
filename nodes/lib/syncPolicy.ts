/**
 * The sync policy (the "Factorial JumpCloud Sync Policy" credential's fields) as the rules read it: the
 * scope (lib/scope.ts) and the attribute authority (lib/authority.ts). Pure: the node passes the
 * credential's data in.
 */
import type { AttributeAuthority } from './authority';
import { readAuthority } from './authority';
import type { SyncAttribute } from './employeeMapping';
import { SYNC_ATTRIBUTES } from './employeeMapping';
import type { SyncScope } from './scope';
import { DEFAULT_EMPLOYMENT_TYPE_FIELD, scopeList } from './scope';

export interface SyncPolicy {
	scope: SyncScope;
	authority: AttributeAuthority;
}

/** The credential's fields → the policy. Missing fields read as "no condition" / "always". */
export function readSyncPolicy(data: Record<string, unknown>): SyncPolicy {
	const field = String(data.employmentTypeField ?? '').trim();
	const scope: SyncScope = {
		legalEntities: scopeList(data.includeLegalEntities, data.excludeLegalEntities),
		locations: scopeList(data.includeLocations, data.excludeLocations),
		teams: scopeList(data.includeTeams, data.excludeTeams),
		employmentTypes: scopeList(data.includeEmploymentTypes, data.excludeEmploymentTypes),
		emailDomains: scopeList(data.includeEmailDomains, data.excludeEmailDomains),
		employmentTypeField: field || DEFAULT_EMPLOYMENT_TYPE_FIELD,
		outOfScope: data.outOfScope === 'suspend' ? 'suspend' : 'leaveAlone',
	};
	const perAttribute: Partial<Record<SyncAttribute, unknown>> = {};
	for (const attribute of SYNC_ATTRIBUTES) perAttribute[attribute] = data[`${attribute}Authority`];
	return { scope, authority: readAuthority(perAttribute, data.clearWhenBlank) };
}
