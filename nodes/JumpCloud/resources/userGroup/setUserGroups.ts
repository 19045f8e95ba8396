import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { planGroupMembership, splitList } from '../../mapping';
import { userLocator } from '../../shared/descriptions';
import {
	findGroupByName,
	forgetGroups,
	getAllGroups,
	getUserMemberships,
	invalid,
	readUserLocator,
	resolveUserId,
} from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
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
		description:
			'Comma-separated groups the user must be a direct member of within the managed set; empty removes them from all managed groups',
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
		description:
			'Which groups this operation may add the user to or remove the user from; all others are left alone',
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
	{
		displayName: 'If a Group Is Missing',
		name: 'ifGroupMissing',
		type: 'options',
		options: [
			{
				name: 'Create It',
				value: 'create',
				description:
					'Create a wanted group that does not exist yet (by name, as Add Member does with Create Group If Missing)',
			},
			{
				name: 'Skip It and Say Why',
				value: 'skip',
				description:
					'Leave a wanted group that does not exist out and list it with the reason in the output',
			},
			{
				name: 'Fail',
				value: 'fail',
				description: 'Stop with an error naming the group (the behaviour before version 0.2)',
			},
		],
		default: 'create',
		description:
			'What to do when a group to add the user to, or a listed managed group, does not exist in JumpCloud. A missing managed group the user must not be in needs nothing and is only reported.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const userRef = readUserLocator.call(this, i, 'user', 'User');
	const wantedRefs = splitList(this.getNodeParameter('groups', i, ''));
	const scopeMode = this.getNodeParameter('scope', i, 'prefix') as string;
	const prefix =
		scopeMode === 'prefix' ? String(this.getNodeParameter('namePrefix', i, '')).trim() : '';
	const managedRefs =
		scopeMode === 'list' ? splitList(this.getNodeParameter('managedGroups', i, '')) : [];
	if (scopeMode === 'prefix' && !prefix)
		throw invalid.call(
			this,
			i,
			'Name Prefix',
			'is empty',
			'Enter the prefix shared by the managed groups, e.g. team-.',
		);
	if (scopeMode === 'list' && !managedRefs.length)
		throw invalid.call(this, i, 'Managed Groups (Names or IDs)', 'is empty');

	const ifMissing = this.getNodeParameter('ifGroupMissing', i, 'create') as string;
	if (!['create', 'skip', 'fail'].includes(ifMissing))
		throw invalid.call(
			this,
			i,
			'If a Group Is Missing',
			`"${ifMissing}" is not Create It, Skip It or Fail`,
		);

	let groups = await getAllGroups.call(this, i);
	const find = (ref: string): IDataObject[] => {
		const byId = groups.filter((g) => String(g.id) === ref);
		return byId.length ? byId : findGroupByName(groups, ref);
	};
	const resolve = (ref: string, field: string): IDataObject | undefined => {
		const matches = find(ref);
		if (matches.length === 1) return matches[0];
		if (matches.length === 0 && ifMissing !== 'fail') return undefined;
		throw new NodeOperationError(
			this.getNode(),
			`'${field}': ${matches.length ? `${matches.length} groups are named` : 'no group is named or has the ID'} "${ref}" [item ${i}]`,
			{
				itemIndex: i,
				description: matches.length
					? 'Use group IDs to tell the groups apart.'
					: "Use group IDs, create the group first (User Group → Create), or set 'If a Group Is Missing' to Create It or Skip It.",
			},
		);
	};
	const sameRef = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
	const inPrefix = (name: string) => name.toLowerCase().startsWith(prefix.toLowerCase());
	const refuse = (name: string): never =>
		invalid.call(
			this,
			i,
			'Groups (Names or IDs)',
			`contains "${name}", which is not among the managed groups`,
			'Every target group must be in the managed set, so the operation never touches groups it does not own.',
		);
	// Everything is resolved and checked before the first write.
	const managedFound = managedRefs
		.map((r) => resolve(r, 'Managed Groups (Names or IDs)'))
		.filter((g): g is IDataObject => g !== undefined);
	const missingWanted: string[] = [];
	for (const ref of wantedRefs) {
		const group = resolve(ref, 'Groups (Names or IDs)');
		const name = group ? String(group.name ?? ref) : ref;
		const managed =
			scopeMode === 'prefix'
				? inPrefix(name)
				: group
					? managedFound.some((g) => String(g.id) === String(group.id))
					: managedRefs.some((m) => sameRef(m, ref));
		if (!managed) refuse(name);
		if (!group && !missingWanted.some((m) => sameRef(m, ref))) missingWanted.push(ref);
	}

	const skippedGroups: IDataObject[] = [];
	const createdGroups: string[] = [];
	for (const ref of missingWanted) {
		if (ifMissing === 'skip') {
			skippedGroups.push({
				group: ref,
				reason: 'no JumpCloud group has this name or ID (If a Group Is Missing: Skip It)',
			});
			continue;
		}
		// Not idempotent (a resend could make a second group): sent once, as Add Member creates one.
		const group = (await jumpCloudApiRequest.call(
			this,
			'POST',
			'/v2/usergroups',
			{ name: ref },
			undefined,
			{ itemIndex: i, idempotent: false },
		)) as IDataObject;
		forgetGroups.call(this);
		groups = [...groups, group];
		createdGroups.push(String(group.name ?? ref));
	}
	const scope =
		scopeMode === 'prefix'
			? groups.filter((g) => inPrefix(String(g.name ?? '')))
			: managedRefs
					.map((r) => find(r))
					.filter((m) => m.length === 1)
					.map((m) => m[0]);
	const scopeIds = scope.map((g) => String(g.id));
	const target = wantedRefs
		.map((r) => find(r))
		.filter((m) => m.length === 1)
		.map((m) => m[0]);

	const id = await resolveUserId.call(this, i, userRef, 'User');
	const current = (await getUserMemberships.call(this, i, id))
		.filter((m) => m.direct)
		.map((m) => m.id);
	const plan = planGroupMembership(
		current,
		target.map((g) => String(g.id)),
		scopeIds,
	);
	const nameOf = (gid: string) => String(groups.find((g) => String(g.id) === gid)?.name ?? gid);
	for (const gid of plan.remove) await changeMembership(this, i, gid, id, 'remove');
	for (const gid of plan.add) await changeMembership(this, i, gid, id, 'add');
	return {
		userId: id,
		added: plan.add.map(nameOf),
		removed: plan.remove.map(nameOf),
		unchanged: plan.keep.map(nameOf),
		changed: plan.add.length + plan.remove.length + createdGroups.length > 0,
		...(createdGroups.length ? { createdGroups } : {}),
		...(skippedGroups.length ? { skippedGroups } : {}),
	};
}
