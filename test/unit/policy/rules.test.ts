// Issue 25: the sync scope and the per-attribute authority, as the Sync Policy credential sets them.
import { attributesToClear, authorityOf, readAuthority } from '../../../nodes/lib/authority';
import { hasConditions, OPEN_SCOPE, scopeVerdict, splitValues } from '../../../nodes/lib/scope';
import { readSyncPolicy } from '../../../nodes/lib/syncPolicy';

const ana = {
	id: 1,
	work_email: 'ana@example.com',
	legal_entity_id: 12,
	location_id: 3,
	team_names: ['Sales', 'Ops'],
	team_ids: [5, 6],
	employment_type: 'Employee',
};

describe('sync scope (lib/scope.ts)', () => {
	it('an empty policy has no condition: everyone is in scope, as before', () => {
		const { scope } = readSyncPolicy({});
		expect(hasConditions(scope)).toBe(false);
		expect(scope).toEqual(OPEN_SCOPE);
		expect(scopeVerdict(ana, scope)).toEqual({ inScope: true });
	});

	it('include lists need one listed value per dimension; exclusions win; case and "@" do not matter', () => {
		const policy = (data: Record<string, unknown>) => readSyncPolicy(data).scope;
		expect(scopeVerdict(ana, policy({ includeLegalEntities: '12, 14' }))).toEqual({
			inScope: true,
		});
		expect(scopeVerdict(ana, policy({ includeLegalEntities: '14' }))).toEqual({
			inScope: false,
			reason: 'legal entity "12" is not in the sync scope ("14")',
		});
		expect(scopeVerdict(ana, policy({ includeLocations: '3\n4' })).inScope).toBe(true);
		expect(scopeVerdict(ana, policy({ includeTeams: 'sales' })).inScope).toBe(true);
		expect(scopeVerdict(ana, policy({ excludeTeams: 'OPS' }))).toEqual({
			inScope: false,
			reason: 'team "ops" is excluded from the sync scope',
		});
		expect(scopeVerdict(ana, policy({ includeEmailDomains: '@Example.com' })).inScope).toBe(true);
		expect(scopeVerdict(ana, policy({ excludeEmailDomains: 'example.com' })).inScope).toBe(false);
		expect(scopeVerdict(ana, policy({ excludeEmploymentTypes: 'contractor' })).inScope).toBe(true);
		expect(
			scopeVerdict(
				{ ...ana, contract: 'Contractor' },
				policy({ employmentTypeField: 'contract', excludeEmploymentTypes: 'contractor' }),
			).inScope,
		).toBe(false);
	});

	it('an include list the item cannot answer is out of scope (never created on a guess)', () => {
		const { scope } = readSyncPolicy({ includeEmploymentTypes: 'employee' });
		expect(scopeVerdict({ id: 2, work_email: 'b@example.com' }, scope)).toEqual({
			inScope: false,
			reason: 'the item has no employment type (employment_type) to check against the sync scope',
		});
		// A team list that is there but empty is "in no team".
		const teams = readSyncPolicy({ includeTeams: 'Sales' }).scope;
		expect(scopeVerdict({ ...ana, team_names: [], team_ids: [] }, teams)).toEqual({
			inScope: false,
			reason: 'team (none) is not in the sync scope ("sales")',
		});
	});

	it('reads the out-of-scope choice; lists split on commas and lines', () => {
		expect(readSyncPolicy({ outOfScope: 'suspend' }).scope.outOfScope).toBe('suspend');
		expect(readSyncPolicy({ outOfScope: 'other' }).scope.outOfScope).toBe('leaveAlone');
		expect(splitValues(' A,b\n\na ')).toEqual(['a', 'b']);
	});
});

describe('attribute authority (lib/authority.ts)', () => {
	it('defaults to always; the email is never "never"', () => {
		const policy = readAuthority({ email: 'never', jobTitle: 'onCreate', manager: 'bogus' }, []);
		expect(authorityOf(policy, 'email')).toBe('onCreate');
		expect(authorityOf(policy, 'jobTitle')).toBe('onCreate');
		expect(authorityOf(policy, 'manager')).toBe('always');
	});

	it('a blank is cleared only when delivered blank, written Always and chosen', () => {
		const policy = readSyncPolicy({
			clearWhenBlank: ['jobTitle', 'manager', 'location', 'email', 'department'],
			locationAuthority: 'never',
		}).authority;
		expect(policy.clearWhenBlank).toEqual(['jobTitle', 'department', 'manager', 'location']);
		expect(
			attributesToClear(
				{ job_title: '', manager_id: null, location_name: '', team_names: ['Sales'] },
				policy,
			),
		).toEqual(['jobTitle', 'manager']);
		// Not delivered at all (no Include Contract and Teams) is not blank.
		expect(attributesToClear({ first_name: 'A' }, policy)).toEqual([]);
		expect(attributesToClear({ team_names: [] }, policy)).toEqual(['department']);
	});
});
