import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { planGroupMembership, splitList } from '../../mapping';
import { userLocator } from '../../shared/descriptions';
import {
	findGroupByName,
	getAllGroups,
	getUserMemberships,
	invalid,
	readUserLocator,
	resolveUserId,
} from '../../shared/helpers';
import { changeMembership } from './membership';

const show = { resource: ['userGroup'], operation: ['setUserGroups'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User'), displayOptions: { show } },
	{
		displayName: 'Groups (Names or IDs)',
		name: 'groups',
		type: 'string',
		default: '',
		placeholder: 'e.g. team-sales, office-berlin',
		description: 'Comma-separated groups the user must be a direct member of within the managed set; empty removes them from all managed groups',
		displayOptions: { show },
	},
	{
		displayName: 'Managed Groups',
		name: 'scope',
		type: 'options',
		options: [
			{
				name: 'Groups Whose Name Starts With',
				value: 'prefix',
				description: 'Every group whose name starts with a prefix (e.g. team-)',
			},
			{ name: 'Listed Groups', value: 'list', description: 'Only the groups listed below' },
		],
		default: 'prefix',
		description: 'Which groups this operation may add the user to or remove the user from; all others are left alone',
		displayOptions: { show },
	},
	{
		displayName: 'Name Prefix',
		name: 'namePrefix',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. team-',
		description: 'Case-insensitive prefix of the managed group names',
		displayOptions: { show: { ...show, scope: ['prefix'] } },
	},
	{
		displayName: 'Managed Groups (Names or IDs)',
		name: 'managedGroups',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. team-sales, team-support, team-engineering',
		description: 'Comma-separated groups this operation manages',
		displayOptions: { show: { ...show, scope: ['list'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const userRef = readUserLocator(this, i, 'user', 'User');
	const wantedRefs = splitList(this.getNodeParameter('groups', i, ''));
	const scopeMode = this.getNodeParameter('scope', i, 'prefix') as string;
	const prefix = scopeMode === 'prefix' ? String(this.getNodeParameter('namePrefix', i, '')).trim() : '';
	const managedRefs = scopeMode === 'list' ? splitList(this.getNodeParameter('managedGroups', i, '')) : [];
	if (scopeMode === 'prefix' && !prefix) invalid(this, i, 'Name Prefix', 'is empty', 'Enter the prefix shared by the managed groups, e.g. team-.');
	if (scopeMode === 'list' && !managedRefs.length) invalid(this, i, 'Managed Groups (Names or IDs)', 'is empty');

	const groups = await getAllGroups(this, i);
	const resolve = (ref: string, field: string): IDataObject => {
		const byId = groups.filter((g) => String(g.id) === ref);
		const matches = byId.length ? byId : findGroupByName(groups, ref);
		if (matches.length !== 1) {
			throw new NodeOperationError(
				this.getNode(),
				`'${field}': ${matches.length ? `${matches.length} groups are named` : 'no group is named or has the ID'} "${ref}" [item ${i}]`,
				{ itemIndex: i, description: 'Use group IDs, or create the group first (User Group → Create).' },
			);
		}
		return matches[0];
	};
	const scope =
		scopeMode === 'prefix'
			? groups.filter((g) => String(g.name ?? '').toLowerCase().startsWith(prefix.toLowerCase()))
			: managedRefs.map((r) => resolve(r, 'Managed Groups (Names or IDs)'));
	const scopeIds = scope.map((g) => String(g.id));
	const target = wantedRefs.map((r) => resolve(r, 'Groups (Names or IDs)'));
	const outside = target.filter((g) => !scopeIds.includes(String(g.id)));
	if (outside.length) {
		invalid(
			this,
			i,
			'Groups (Names or IDs)',
			`contains "${String(outside[0].name)}", which is not among the managed groups`,
			'Every target group must be in the managed set, so the operation never touches groups it does not own.',
		);
	}

	const id = await resolveUserId(this, i, userRef, 'User');
	const current = (await getUserMemberships(this, i, id)).filter((m) => m.direct).map((m) => m.id);
	const plan = planGroupMembership(current, target.map((g) => String(g.id)), scopeIds);
	const nameOf = (gid: string) => String(groups.find((g) => String(g.id) === gid)?.name ?? gid);
	for (const gid of plan.remove) await changeMembership(this, i, gid, id, 'remove');
	for (const gid of plan.add) await changeMembership(this, i, gid, id, 'add');
	return {
		userId: id,
		added: plan.add.map(nameOf),
		removed: plan.remove.map(nameOf),
		unchanged: plan.keep.map(nameOf),
		changed: plan.add.length + plan.remove.length > 0,
	};
}
