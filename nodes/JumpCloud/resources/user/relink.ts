import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_PROOF_FIELD,
	relinkDecision,
	summarizeEmployee,
	unownedGroups,
} from '../../../lib/relink';
import { simplifyOption, userLocator } from '../../shared/descriptions';
import {
	getAllGroups,
	getUserById,
	getUserMemberships,
	invalid,
	outputUser,
	readUserLocator,
	resolveUserId,
	userId,
} from '../../shared/helpers';
import { jumpCloudApiRequest } from '../../transport';
import { changeMembership } from '../userGroup/membership';
import { readBoolean, readText } from '../../../shared/params';
import { dryRunField } from '../../shared/dryRun';

const show = { resource: ['user'], operation: ['relink'] };

export const description: INodeProperties[] = [
	{ ...userLocator('Suspended User'), displayOptions: { show } },
	{
		displayName: 'New Employee',
		name: 'newEmployee',
		type: 'json',
		default: '={{ $json }}',
		required: true,
		description: "The new Factorial employee record that has the suspended user's work email",
		displayOptions: { show },
	},
	{
		displayName: 'Earlier Employee',
		name: 'earlierEmployee',
		type: 'json',
		default: '',
		required: true,
		description:
			'The Factorial employee record the suspended user is linked to (its employee identifier), e.g. the output of Factorial → Employee → Get with On Error: Continue',
		displayOptions: { show },
	},
	{
		displayName: 'Proof Field',
		name: 'proofField',
		type: 'string',
		default: DEFAULT_PROOF_FIELD,
		description:
			'The employee field HR keeps for a person across employments (default company_identifier, the employee number). The user is relinked only when both records have it, equal.',
		displayOptions: { show },
	},
	{
		displayName: 'Keep Groups Not Owned by the Sync',
		name: 'keepUnownedGroups',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description:
			'Whether the relinked user keeps its memberships of groups the sync does not own (e.g. an admin group). Off, they are removed and listed, so no earlier right comes back by itself.',
		displayOptions: { show },
	},
	{ ...simplifyOption, displayOptions: { show } },
	dryRunField(show),
];

function readEmployee(ctx: IExecuteFunctions, i: number, name: string, label: string): unknown {
	let raw = ctx.getNodeParameter(name, i, {}) as unknown;
	if (typeof raw === 'string' && raw.trim() !== '') {
		try {
			raw = JSON.parse(raw) as unknown;
		} catch {
			throw invalid.call(ctx, i, label, 'is not valid JSON');
		}
	}
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
		throw invalid.call(ctx, i, label, 'must be one employee object, e.g. {{ $json }}');
	return raw;
}

/**
 * Relinks a suspended user to a rehire's new record, only with proof (lib/relink.ts). Without proof it
 * changes nothing and reports both records; with proof it writes the new employee identifier, takes
 * sudo rights away and drops the memberships of groups the sync does not own. The state is left as it is:
 * reactivation is the Activate (If Suspended: Reactivate) that follows in the Joiner.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator.call(this, i, 'user', 'Suspended User');
	const newEmployee = readEmployee(this, i, 'newEmployee', 'New Employee');
	const earlierEmployee = readEmployee(this, i, 'earlierEmployee', 'Earlier Employee');
	const proofField =
		readText.call(this, 'proofField', 'Proof Field', DEFAULT_PROOF_FIELD, i).trim() ||
		DEFAULT_PROOF_FIELD;
	const keep = readBoolean.call(this, 'keepUnownedGroups', false, i);
	const simplify = readBoolean.call(this, 'simplify', true, i);
	const newId = summarizeEmployee(newEmployee, proofField).id;
	if (!newId) throw invalid.call(this, i, 'New Employee', 'has no id');

	const id = await resolveUserId.call(this, i, locator, 'Suspended User');
	const account = await getUserById.call(this, i, id);
	const records = {
		newEmployee: summarizeEmployee(newEmployee, proofField),
		earlierEmployee: summarizeEmployee(earlierEmployee, proofField),
		proofField,
	};
	const decision = relinkDecision({
		account,
		newEmployee,
		earlierEmployee,
		proofField,
		now: Date.now(),
	});
	if (!decision.relink)
		return outputUser(account, simplify, {
			relinked: false,
			possibleRehire: decision.possibleRehire,
			...(decision.suspendedOutsideSync ? { suspendedOutsideSync: true } : {}),
			reason: decision.reason,
			...records,
		});

	// Groups first: if this fails the account is still linked to the earlier record, and a retry redoes it.
	const removedGroups: IDataObject[] = [];
	const keptGroups: IDataObject[] = [];
	const memberships = (await getUserMemberships.call(this, i, id)).filter((m) => m.direct);
	if (memberships.length) {
		const byId = new Map((await getAllGroups.call(this, i)).map((g) => [String(g.id), g]));
		const groups = memberships.map((m) => byId.get(m.id) ?? { id: m.id, name: null });
		for (const group of unownedGroups(groups)) {
			const entry = { id: String(group.id), name: (group.name as string | null) ?? null };
			if (keep) keptGroups.push(entry);
			else {
				await changeMembership(this, i, entry.id, id, 'remove');
				removedGroups.push(entry);
			}
		}
	}
	const updated = (await jumpCloudApiRequest.call(
		this,
		'PUT',
		`/systemusers/${encodeURIComponent(userId(account))}`,
		{ employeeIdentifier: newId, sudo: false },
		undefined,
		{ itemIndex: i },
	)) as IDataObject;
	return outputUser(updated, simplify, {
		relinked: true,
		previousEmployeeIdentifier: String(account.employeeIdentifier ?? ''),
		removedGroups,
		...(keep ? { keptGroups } : {}),
		...records,
	});
}
