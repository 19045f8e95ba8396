import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/router';
import * as addMember from './addMember';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as getMembers from './getMembers';
import * as getUserGroups from './getUserGroups';
import * as removeMember from './removeMember';
import * as setTeamGroups from './setTeamGroups';
import * as setUserGroups from './setUserGroups';
import * as teamMapping from './teamMapping';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userGroup'] } },
		options: [
			{
				name: 'Add Member',
				value: 'addMember',
				action: 'Add a user to a group',
				description: 'Add a user to a group (no-op if already a member)',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a group',
				description: 'Create a user group',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a group',
				description: 'Delete a user group',
			},
			{ name: 'Get', value: 'get', action: 'Get a group', description: 'Get a user group' },
			{
				name: 'Get Groups of a User',
				value: 'getUserGroups',
				action: 'Get groups of a user',
				description: 'List the groups a user belongs to, with names',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many groups',
				description: 'Get many user groups',
			},
			{
				name: 'Get Members',
				value: 'getMembers',
				action: 'Get members of a group',
				description: 'List the users in a group',
			},
			{
				name: 'Map to Factorial Team',
				value: 'mapTeam',
				action: 'Map a group to a factorial team',
				description:
					'Make this group (picked by ID) the group of a Factorial team, recorded on the group in JumpCloud',
			},
			{
				name: 'Release From Factorial Team',
				value: 'releaseTeam',
				action: 'Release a group from its factorial team',
				description:
					'Remove the sync’s mark from a group: the sync no longer adds or removes its members',
			},
			{
				name: 'Remove Member',
				value: 'removeMember',
				action: 'Remove a user from a group',
				description: 'Remove a user from a group (no-op if not a member)',
			},
			{
				name: 'Set Groups of a User',
				value: 'setUserGroups',
				action: 'Set groups of a user',
				description:
					"Make the user's membership among managed groups exactly a given list (team move)",
			},
			{
				name: 'Set Team Groups',
				value: 'setTeamGroups',
				action: 'Set team groups of a user',
				description:
					'Put the user in exactly the groups the sync owns for its Factorial teams; other groups are never touched',
			},
		],
		default: 'addMember',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...addMember.description,
	...removeMember.description,
	...getMembers.description,
	...getUserGroups.description,
	...setUserGroups.description,
	...setTeamGroups.description,
	...teamMapping.description,
];

export const operations: Record<string, OperationModule> = {
	create,
	delete: del,
	get,
	getAll,
	addMember,
	removeMember,
	getMembers,
	getUserGroups,
	setUserGroups,
	setTeamGroups,
	mapTeam: teamMapping.mapTeam,
	releaseTeam: teamMapping.releaseTeam,
};
