import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseDomainList, parseGroupIdList } from '../../lib/adoption';
import { invalid } from './helpers';

/**
 * The adoption allow-list fields of Reconcile and Create or Update. `groupMembers` says which
 * memberships count: the reconciliation lists each group's direct members, Create or Update reads
 * the user's groups.
 */
export function adoptionAllowListFields(groupMembers: string): INodeProperties[] {
	return [
		{
			displayName: 'Adoption Allowed Email Domains',
			name: 'adoptionEmailDomains',
			type: 'string',
			default: '',
			placeholder: 'acme.com, acme.de',
			description:
				'Adopt only users whose email is in one of these domains (comma-separated), or who are in an Adoption Allowed Group',
		},
		{
			displayName: 'Adoption Allowed Group IDs',
			name: 'adoptionGroupIds',
			type: 'string',
			default: '',
			placeholder: '5f1b2c3d4e5f6a7b8c9d0e1f',
			description: `Adopt only users who are ${groupMembers} of one of these JumpCloud user groups (IDs, comma-separated), or whose email is in an Adoption Allowed Email Domain`,
		},
	];
}

/** The allow-list from the options; a value that is not a domain or a group ID fails the item. */
export function readAdoptionAllowList(
	this: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): { domains: string[]; groupIds: string[] } {
	const domains = parseDomainList(String(options.adoptionEmailDomains ?? ''));
	if (domains.invalid.length)
		throw invalid.call(
			this,
			itemIndex,
			'Adoption Allowed Email Domains',
			`are not domains: ${domains.invalid.slice(0, 3).join(', ')}`,
			'Enter domains such as acme.com, separated by commas.',
		);
	const groups = parseGroupIdList(String(options.adoptionGroupIds ?? ''));
	if (groups.invalid.length)
		throw invalid.call(
			this,
			itemIndex,
			'Adoption Allowed Group IDs',
			`are not JumpCloud group IDs (24 hexadecimal characters): ${groups.invalid.slice(0, 3).join(', ')}`,
		);
	return { domains: domains.domains, groupIds: groups.ids };
}
