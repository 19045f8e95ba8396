import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The sync policy, set once for every workflow: n8n workflows share no parameters, but they share
 * credentials, and the templates pick this one up by name ("Sync policy") like the API credentials. It
 * holds no secret. Read by the JumpCloud node (user Create or Update and Update with Map From → A Factorial
 * Employee Item, Directory Sync → Check Sync Scope and Reconcile); nodes/lib/scope.ts and
 * nodes/lib/authority.ts hold the rules. Without it the nodes behave as before.
 */
const list = (
	name: string,
	displayName: string,
	description: string,
	placeholder: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	placeholder,
	description,
});

const authorityOptions = [
	{ name: 'Always', value: 'always', description: 'Set at creation and kept in sync' },
	{
		name: 'Only at Creation',
		value: 'onCreate',
		description: 'Set when the user is created; later changes (by IT) are kept',
	},
	{ name: 'Never', value: 'never', description: 'Never written by the sync' },
];

const authority = (name: string, displayName: string, required = false): INodeProperties => ({
	displayName: `${displayName} Authority`,
	name,
	type: 'options',
	// A JumpCloud user needs an email, so it is written at least at creation.
	options: required ? authorityOptions.slice(0, 2) : authorityOptions,
	default: 'always',
	description: `When Factorial writes the JumpCloud ${displayName.toLowerCase()}`,
});

export class FactorialJumpCloudSyncPolicyApi implements ICredentialType {
	name = 'factorialJumpCloudSyncPolicyApi';

	displayName = 'Factorial JumpCloud Sync Policy API';

	icon: Icon = { light: 'file:../icons/jumpcloud.svg', dark: 'file:../icons/jumpcloud.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-factorial-jumpcloud/n8n-nodes-factorial-jumpcloud/blob/main/docs/templates.md#sync-scope';

	properties: INodeProperties[] = [
		{
			displayName:
				'No secret here: the scope and attribute authority every template applies. Lists are comma or newline separated and case-insensitive; empty means no condition.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		list(
			'includeLegalEntities',
			'Include Legal Entities',
			'Only employees of these legal entities (Factorial legal entity IDs, or names when the items carry legal_entity_name)',
			'e.g. 12, 14',
		),
		list(
			'excludeLegalEntities',
			'Exclude Legal Entities',
			'Never employees of these legal entities',
			'e.g. 15',
		),
		list(
			'includeLocations',
			'Include Locations',
			'Only employees of these locations (Factorial location IDs, or names when the items carry location_name)',
			'e.g. 3, 4',
		),
		list('excludeLocations', 'Exclude Locations', 'Never employees of these locations', 'e.g. 7'),
		list(
			'includeTeams',
			'Include Teams',
			'Only members of one of these teams (Factorial team names or IDs)',
			'e.g. Engineering, Sales',
		),
		list(
			'excludeTeams',
			'Exclude Teams',
			'Never members of these teams',
			'e.g. External Contractors',
		),
		{
			displayName: 'Employment Type Field',
			name: 'employmentTypeField',
			type: 'string',
			default: 'employment_type',
			description:
				'Item field holding the employment or contract type (Factorial has no single such field: add it upstream, e.g. from a custom field)',
		},
		list(
			'includeEmploymentTypes',
			'Include Employment Types',
			'Only employees whose employment type field holds one of these values',
			'e.g. employee, intern',
		),
		list(
			'excludeEmploymentTypes',
			'Exclude Employment Types',
			'Never employees whose employment type field holds one of these values',
			'e.g. contractor',
		),
		list(
			'includeEmailDomains',
			'Include Email Domains',
			'Only employees whose work email is in one of these domains',
			'e.g. example.com',
		),
		list(
			'excludeEmailDomains',
			'Exclude Email Domains',
			'Never employees whose work email is in these domains',
			'e.g. partner.example.com',
		),
		{
			displayName: 'Out of Scope Users',
			name: 'outOfScope',
			type: 'options',
			options: [
				{
					name: 'Leave Alone',
					value: 'leaveAlone',
					description: 'A linked user whose employee is out of scope is not touched, only reported',
				},
				{
					name: 'Suspend as a Leaver',
					value: 'suspend',
					description:
						'A linked user whose employee is out of scope is suspended (counted by the safety brake)',
				},
			],
			default: 'leaveAlone',
			description:
				'What happens to the JumpCloud user of an employee who is (or moves) out of the scope. Out-of-scope employees are never created.',
		},
		authority('emailAuthority', 'Email', true),
		authority('firstnameAuthority', 'First Name'),
		authority('lastnameAuthority', 'Last Name'),
		authority('displaynameAuthority', 'Display Name'),
		authority('jobTitleAuthority', 'Job Title'),
		authority('departmentAuthority', 'Department'),
		authority('managerAuthority', 'Manager'),
		authority('locationAuthority', 'Location'),
		authority('companyAuthority', 'Company'),
		{
			displayName: 'Clear When Blank in Factorial',
			name: 'clearWhenBlank',
			type: 'multiOptions',
			options: [
				{ name: 'Company', value: 'company' },
				{ name: 'Department', value: 'department' },
				{ name: 'Display Name', value: 'displayname' },
				{ name: 'First Name', value: 'firstname' },
				{ name: 'Job Title', value: 'jobTitle' },
				{ name: 'Last Name', value: 'lastname' },
				{ name: 'Location', value: 'location' },
				{ name: 'Manager', value: 'manager' },
			],
			default: [],
			description:
				'Attributes (written Always) that are cleared in JumpCloud when HR empties them in Factorial. Others keep their last value.',
		},
	];
}
