import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { planUserUpdate } from '../../mapping';
import { createUser, findExistingPerson, readNewUser } from '../../shared/createUser';
import { newUserFields, optionsCollection, simplifyOption } from '../../shared/descriptions';
import type { AdoptionPolicy } from '../../../lib/adoption';
import { adoptionRefusal } from '../../../lib/adoption';
import { adoptionAllowListFields, readAdoptionAllowList } from '../../shared/adoption';
import {
	getUserById,
	getUserMemberships,
	invalid,
	outputUser,
	putUser,
	resolveManager,
	userId,
} from '../../shared/helpers';
import { planPreStart, readPreStartDays } from '../../../lib/calendar';
import {
	employeeMappingFields,
	inputWithAuthority,
	MAP_FROM_EMPLOYEE,
	MAP_FROM_FIELDS,
	readMappedInput,
	resolveManagerByEmployeeId,
} from '../../shared/employeeInput';
import { toNodeError } from '../../../shared/errors';
import { hasConditions, scopeVerdict } from '../../../lib/scope';
import { readNodePolicy } from '../../shared/syncPolicy';
import { readCollection, readText } from '../../../shared/params';
import { dryRunField } from '../../shared/dryRun';

const show = { resource: ['user'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	...employeeMappingFields(show),
	...newUserFields(
		show,
		{
			email:
				'Primary email. The user is matched by Employee Identifier first (if given), then by this email; never by name.',
			username:
				'Login name used when the user is created; an existing user keeps theirs unless Update Username is on',
			state: 'State of the user if it has to be created',
		},
		true,
	),
	optionsCollection(show, [
		{
			displayName: 'Adopt User by Email',
			name: 'adoptByEmail',
			type: 'boolean',
			validateType: 'boolean',
			default: false,
			description:
				'Whether a user found by email that has no employee identifier may be given this Employee Identifier (adopted). Off: the item fails instead. Needs an allow-list; suspended users are never adopted.',
		},
		...adoptionAllowListFields('members'),
		{
			displayName: 'Pre-Start Days',
			name: 'preStartDays',
			type: 'string',
			default: '',
			placeholder: 'e.g. 14',
			description:
				'Create a missing user only this many days before the start date (start_date of the Factorial employee item); a hire starting later is not created and the output says on which day it will be (waitingForPreStartWindow, createOn). An existing user is updated as usual. Empty: create now.',
		},
		{
			displayName: 'Pre-Start Time Zone',
			name: 'preStartTimezone',
			type: 'string',
			default: '',
			placeholder: 'e.g. Europe/Madrid',
			description:
				"IANA time zone the pre-start window's days are counted in (the location's); empty uses the item's timezone, else the workflow's",
		},
		{
			displayName: 'Update Username',
			name: 'updateUsername',
			type: 'boolean',
			validateType: 'boolean',
			default: false,
			description:
				'Whether to also change the username of an existing user (it affects device logins)',
		},
	]),
	{ ...simplifyOption, displayOptions: { show } },
	dryRunField(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const mapped = readMappedInput(
		this,
		i,
		readCollection.call(this, description, 'additionalFields', i),
		readText.call(this, 'username', 'Username', '', i),
	);
	const { input, state, onConflict, simplify, maxLength } = readNewUser.call(
		this,
		i,
		description,
		mapped?.input,
	);
	const options = readCollection.call(this, description, 'options', i);

	await resolveManagerByEmployeeId(this, i, mapped);
	await resolveManager.call(this, i, input);
	// The sync policy (only with Map From → A Factorial Employee Item): scope and attribute authority.
	const policy = mapped ? await readNodePolicy(this, i) : undefined;
	let match = await findExistingPerson.call(this, i, input);
	if (!match) {
		const verdict =
			mapped && policy && hasConditions(policy.scope)
				? scopeVerdict(mapped.employee, policy.scope)
				: undefined;
		if (verdict && !verdict.inScope)
			throw new NodeOperationError(
				this.getNode(),
				`The employee is outside the sync scope, so no JumpCloud user is created: ${verdict.reason} [item ${i}]`,
				{
					itemIndex: i,
					description:
						'The scope is set in the Sync Policy credential. Route out-of-scope employees away before this node (Directory Sync → Check Sync Scope, as the Joiner template does), or widen the scope.',
				},
			);

		const waiting = preStartWait(this, i, options);
		if (waiting) return waiting;
		try {
			const { user, username } = await createUser.call(
				this,
				i,
				mapped ? inputWithAuthority(mapped, input, policy?.authority, 'create') : input,
				state,
				onConflict,
				true,
				maxLength,
			);
			return outputUser(user, simplify, {
				created: true,
				updated: false,
				unchanged: false,
				matchedBy: null,
				usernameAdjusted: username !== input.strings.username,
			});
		} catch (error) {
			// Another execution (a repeated webhook, the nightly run) created the person meanwhile:
			// this is Create or Update, so update it instead of failing.
			const appeared = await findExistingPerson.call(this, i, input).catch(() => undefined);
			if (!appeared) throw toNodeError(this.getNode(), error, i);
			match = appeared;
		}
	}

	const current = match.user;
	const wantedId = input.strings.employeeIdentifier;
	const currentId = String(current.employeeIdentifier ?? '').trim();
	// Matched by email but the account belongs to another employee: changing it would hit the wrong person.
	// Identifiers are compared exactly: "e1" and "E1" are two employees.
	if (match.matchedBy === 'email' && wantedId && currentId && currentId !== wantedId) {
		throw new NodeOperationError(
			this.getNode(),
			`The email "${input.strings.email}" belongs to JumpCloud user "${String(current.username)}" with employee identifier "${currentId}", not "${wantedId}" [item ${i}]`,
			{
				itemIndex: i,
				description: 'Check both records: one email cannot belong to two employees.',
			},
		);
	}
	const adopting = match.matchedBy === 'email' && !!wantedId && !currentId;
	if (adopting) await checkAdoption(this, i, options, current, wantedId);
	const updateInput = mapped
		? inputWithAuthority(mapped, input, policy?.authority, 'update')
		: { ...input, strings: { ...input.strings } };
	if (!options.updateUsername) delete updateInput.strings.username;
	const id = userId(current);
	const fresh = await getUserById.call(this, i, id);
	const plan = planUserUpdate(fresh, updateInput);
	if (!plan.changedFields.length) {
		return outputUser(fresh, simplify, {
			created: false,
			updated: false,
			unchanged: true,
			matchedBy: match.matchedBy,
		});
	}
	const updated = await putUser.call(this, i, id, plan.body as IDataObject);
	return outputUser(updated, simplify, {
		created: false,
		updated: true,
		unchanged: false,
		matchedBy: match.matchedBy,
		adopted: adopting,
		changedFields: plan.changedFields,
	});
}

/**
 * Adoption: the user found by email has no employee identifier and would get this one. Refused
 * unless Adopt User by Email is on, the user is not suspended and it is in the allow-list.
 */
async function checkAdoption(
	ctx: IExecuteFunctions,
	i: number,
	options: IDataObject,
	user: IDataObject,
	wantedId: string,
): Promise<void> {
	const enabled = options.adoptByEmail === true;
	const { domains, groupIds } = enabled
		? readAdoptionAllowList.call(ctx, i, options)
		: { domains: [], groupIds: [] as string[] };
	const id = userId(user);
	let groupMemberIds: Set<string> | null = null;
	const suspended =
		String(user.state ?? '').toUpperCase() === 'SUSPENDED' || user.suspended === true;
	if (enabled && groupIds.length && !suspended) {
		const memberships = await getUserMemberships.call(ctx, i, id);
		groupMemberIds = memberships.some((m) => groupIds.includes(m.id.toLowerCase()))
			? new Set([id])
			: new Set();
	}
	const policy: AdoptionPolicy = { enabled, emailDomains: domains, groupMemberIds };
	const refusal = adoptionRefusal(
		{
			id,
			email: String(user.email ?? ''),
			state: String(user.state ?? ''),
			suspended: user.suspended === true,
		},
		policy,
	);
	if (refusal) {
		throw new NodeOperationError(
			ctx.getNode(),
			`JumpCloud user "${String(user.username)}" has this email but no employee identifier; it was not given "${wantedId}": ${refusal} [item ${i}]`,
			{
				itemIndex: i,
				description:
					'Linking an existing account to an employee hands it (devices, groups, access) to that person. Check that the account really belongs to this employee; then set its Employee Identifier in JumpCloud, or turn on Adopt User by Email with an allow-list that covers it.',
			},
		);
	}
}

/**
 * The pre-start window (lib/calendar.ts planPreStart): with Pre-Start Days set, a hire whose start date is
 * further away is not created yet; the output says on which day it will be (the nightly creates it then).
 */
function preStartWait(
	ctx: IExecuteFunctions,
	i: number,
	options: IDataObject,
): IDataObject | undefined {
	const days = readPreStartDays(options.preStartDays);
	if (days === undefined) return undefined;
	if (typeof days === 'object')
		throw invalid.call(
			ctx,
			i,
			'Pre-Start Days',
			days.problem,
			'Enter a number such as 14, or leave it empty.',
		);
	if (ctx.getNodeParameter('mapFrom', i, MAP_FROM_FIELDS) !== MAP_FROM_EMPLOYEE)
		throw invalid.call(
			ctx,
			i,
			'Pre-Start Days',
			'needs the start date of a Factorial employee item',
			'Set Map From to A Factorial Employee Item, or leave Pre-Start Days empty.',
		);
	let raw = ctx.getNodeParameter('employee', i, {}) as unknown;
	if (typeof raw === 'string') raw = JSON.parse(raw) as unknown; // readMappedInput has checked it
	const item = (raw ?? {}) as IDataObject;
	const zone =
		String(options.preStartTimezone ?? '').trim() ||
		String(item.timezone ?? item.location_timezone ?? '').trim();
	const plan = planPreStart(
		typeof item.start_date === 'string' ? item.start_date : null,
		zone,
		Date.now(),
		ctx.getTimezone(),
		days,
	);
	if (plan.kind === 'create') return undefined;
	return {
		created: false,
		updated: false,
		unchanged: true,
		waitingForPreStartWindow: true,
		createOn: plan.createOn,
		reason: plan.reason,
		employeeIdentifier: String(item.id ?? ''),
	};
}
