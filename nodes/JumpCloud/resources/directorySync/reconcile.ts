/**
 * Directory Sync → Reconcile With Factorial Employees (resource `directorySync`, operation `reconcile`).
 *
 * Employees: employeeSource 'input' (default, as before): ALL incoming items are Factorial employees
 * (Factorial → Employee → Get Many, Return All, ideally with "Include Contract and Teams" for job
 * title and department). employeeSource 'factorial': the node reads them itself with the same
 * requests (Factorial credential chosen by factorialAuthentication), so n8n never carries or stores one
 * item per employee: at 50k employees that is what keeps the run under 1 GB and its record small
 * (docs/performance.md). The node runs once for the whole input, not once per item.
 *
 * Parameters (names as in workflow JSON, defaults in brackets):
 *   dryRun [true]                 only report the plan, write nothing
 *   maxSuspensionShare [10]       safety brake, percent of matched users one run may suspend
 *   newUserState ['STAGED']       'STAGED' | 'ACTIVATED' for created users
 *   usernameSource ['generate']   'generate' (policy, checked against the fetched list) | 'field'
 *   usernameField ['username']    item field holding the username when usernameSource = 'field'
 *   usernameFormat ['first.last'] 'first.last' | 'flast' | 'firstl' | 'first_last' | 'first'
 *   attributesToSync [email, firstname, lastname, displayname, jobTitle, department, manager]
 *   customAttributeMap [{}]       pairs { field, attribute }: item field → JumpCloud custom attribute,
 *                                 the same parameter as Map From → A Factorial Employee Item; with
 *                                 employeeSource 'factorial' the field names a Factorial custom field
 *                                 (label, identifier or id) whose values listEmployeesForSync reads
 *   maxCreationShare [10]         safety brake, percent of managed users one run may create or
 *                                 reactivate (at least MIN_CREATION_ALLOWANCE)
 *   employeeSource ['input']      'input' | 'factorial'
 *   teamGroups ['leaveAlone']     'leaveAlone' | 'repair': team-group membership as the Mover sets it
 *                                 (nodes/lib/teamGroups.ts; docs/reconciliation.md "Team groups")
 *   factorialAuthentication ['apiKey']  'apiKey' | 'oAuth2' (only with employeeSource 'factorial')
 *   options: overrideSafetyBrake [false], suspendUnmatchedUsers [false],
 *            reactivateSuspendedUsers [true], maxUsernameLength [30], activateStagedUsers [true],
 *            adoptByEmail [false], adoptionEmailDomains [''], adoptionGroupIds [''],
 *            outputUnchanged [false]
 *
 * This file is the shell: it reads the parameters (fields and checks in ./reconcileParameters.ts), reads both sides in full (a failed page throws, never
 * a partial list), asks the planner (nodes/lib/plan/: matching, usernames, order, write bodies) and
 * applies the plan with ./apply.ts (creates through the shared create-without-duplicates routine);
 * nodes/lib/planReport.ts formats the output.
 *
 * Cost: one paginated read of all JumpCloud users (100 a page, only the needed fields) plus one
 * write per change. Team Groups: Repair adds one paginated read of all user groups and one of the
 * members of each team group, and one write per membership changed. Output (bounded: it does not grow with unchanged records): one item per action,
 * conflict and skipped employee (with its reason), then a summary item (with the orphan report: the
 * users no employee accounts for, counted, the first 100 listed). outputUnchanged adds one
 * item per unchanged employee, for debugging only.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ReconcilePlan, ScheduledJobView, UsernameSource } from '../../../lib/plan';
import {
	localDay,
	planReconciliation,
	replacementUsername,
	userFieldsFor,
} from '../../../lib/plan';
import {
	creationBrakeText,
	ReconcileReport,
	suspensionBrakeText,
	teamGroupBrakeText,
} from '../../../lib/planReport';
import { readPreStartDays } from '../../../lib/calendar';
import type { AdoptionPolicy } from '../../../lib/adoption';
import { ADOPTION_OFF } from '../../../lib/adoption';
import { readAdoptionAllowList } from '../../shared/adoption';
import type { TeamGroupState } from '../../../lib/teamGroups';
import { memberUserIds, teamGroupIndex, teamNamesOf } from '../../../lib/teamGroups';
import { listEmployeesForSync, listTeamNamesForSync } from '../../../Factorial/directory';
import { getAllGroups, invalid } from '../../shared/helpers';
import { jumpCloudApiRequestAllItems } from '../../transport';
import { applyAction, errorMessage } from './apply';
import { hasConditions } from '../../../lib/scope';
import { readNodePolicy } from '../../shared/syncPolicy';
import { readParameters } from './reconcileParameters';

export { description } from './reconcileParameters';

function brakeError(
	ctx: IExecuteFunctions,
	text: { message: string; description: string },
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), text.message, { description: text.description });
}

/**
 * The adoption policy from the options. The allow-list is read also when adoption is off, so the dry
 * run can list the links it would make (the guided path for an existing directory); the members of the
 * allowed groups are read (one paginated read per group) only when groups are listed. Adoption on
 * without an allow-list is refused here.
 */
async function readAdoptionPolicy(
	ctx: IExecuteFunctions,
	options: IDataObject,
): Promise<AdoptionPolicy> {
	const enabled = options.adoptByEmail === true;
	const { domains, groupIds } = readAdoptionAllowList.call(ctx, 0, options);
	if (enabled && !domains.length && !groupIds.length)
		invalid.call(
			ctx,
			0,
			'Adopt Users by Email',
			'is on without an allow-list',
			'Set Adoption Allowed Email Domains or Adoption Allowed Group IDs (in the Nightly template: Settings → linkDomains): an employee can be given any work email in Factorial, so adoption is limited to accounts you list.',
		);
	if (!enabled && !domains.length && !groupIds.length) return ADOPTION_OFF;
	let groupMemberIds: Set<string> | null = null;
	if (groupIds.length) {
		groupMemberIds = new Set();
		for (const id of groupIds) {
			const members = await jumpCloudApiRequestAllItems.call(
				ctx,
				'GET',
				`/v2/usergroups/${id}/members`,
			);
			for (const member of members) {
				const to = member.to as IDataObject | undefined;
				if (to && to.type === 'user' && typeof to.id === 'string') groupMemberIds.add(to.id);
			}
		}
	}
	return { enabled, emailDomains: domains, groupMemberIds };
}

/**
 * Team Groups: Repair. All user groups (one paginated read), then the direct members of each team
 * group only (one paginated read each). A failed page throws: membership is never planned from a
 * partial list, which would add or remove the wrong people.
 */
async function readTeamGroups(
	ctx: IExecuteFunctions,
	employees: IDataObject[],
	fromFactorial: boolean,
): Promise<TeamGroupState> {
	const teams = new Set(teamNamesOf(employees));
	// Read from Factorial, every team is known, also one nobody is in (its group must be emptied).
	if (fromFactorial) for (const name of await listTeamNamesForSync.call(ctx)) teams.add(name);
	const index = teamGroupIndex(await getAllGroups.call(ctx, 0), teams);
	const members = new Map<string, Set<string>>();
	for (const group of index.groups.values()) {
		const entries = await jumpCloudApiRequestAllItems.call(
			ctx,
			'GET',
			`/v2/usergroups/${encodeURIComponent(group.id)}/members`,
		);
		members.set(group.id, memberUserIds(entries));
	}
	return { index, members };
}

/** Runs once for all input items (see the file header). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const params = readParameters(this);
	const { dryRun, options, newUserState } = params;
	const { fromFactorial, customAttributes } = params;
	const adoption = await readAdoptionPolicy(this, options);
	// The Sync Policy credential (optional): scope and attribute authority, as the event templates apply them.
	const policy = await readNodePolicy(this);
	const scope = policy && hasConditions(policy.scope) ? policy.scope : undefined;
	// An employment type condition reads a Factorial custom field of that name, as a custom attribute does.
	const typeField =
		scope &&
		(scope.employmentTypes.include.length || scope.employmentTypes.exclude.length) &&
		!customAttributes.some((pair) => pair.field === scope.employmentTypeField)
			? [scope.employmentTypeField]
			: [];

	// Read in full before anything is planned: a failed page throws, never a partial list.
	const employees: IDataObject[] = fromFactorial
		? await listEmployeesForSync.call(this, [
				...customAttributes.map((pair) => pair.field),
				...typeField,
			])
		: items.map((item) => item.json);
	const users = await jumpCloudApiRequestAllItems.call(this, 'GET', '/systemusers', undefined, {
		fields: userFieldsFor().join(' '),
		sort: '_id',
	});
	const teamGroups = params.repairTeamGroups
		? await readTeamGroups(this, employees, fromFactorial)
		: undefined;

	// The planner gives every create its username (a create without one becomes a skip with its reason).
	const usernames: UsernameSource =
		params.usernameSource === 'field'
			? {
					source: 'field',
					field: params.usernameField,
					valueAt: (itemIndex) => employees[itemIndex][params.usernameField],
					maxLength: params.policy.maxLength,
					reservedUsernames: params.policy.reservedUsernames,
				}
			: { source: 'generate', policy: params.policy };
	const preStartDays = readPreStartDays(options.preStartDays);
	if (typeof preStartDays === 'object')
		throw invalid.call(
			this,
			0,
			'Pre-Start Days',
			preStartDays.problem,
			'Enter a number such as 14, or leave it empty.',
		);
	const makePlan = (jobs?: ScheduledJobView[]): ReconcilePlan =>
		planReconciliation(employees, users, {
			activateStaged: options.activateStagedUsers !== false,
			newUserState,
			now: Date.now(),
			defaultTimezone: this.getTimezone(),
			jobs,
			immediateTerminationReasons: String(options.immediateTerminationReasons ?? ''),
			preStartDays,
			today: localDay(this.getTimezone()),
			attributes: params.attributes,
			maxSuspensionShare: params.maxSuspensionShare,
			overrideSafetyBrake: options.overrideSafetyBrake === true,
			suspendUnmatchedUsers: options.suspendUnmatchedUsers === true,
			reactivateSuspendedUsers: options.reactivateSuspendedUsers !== false,
			maxCreationShare: params.maxCreationShare,
			adoption,
			customAttributes,
			usernames,
			teamGroups,
			// A report in the summary only (nodes/lib/plan/orphans.ts): no request, no action.
			reportOrphans: true,

			scope,
			authority: policy?.authority,
		});
	let plan = makePlan();
	// JumpCloud's pending scheduled changes are listed once when a decision depends on them (a suspension,
	// a schedule, a pending change that may no longer match): none is scheduled twice, a leaver's or a
	// rescinded hire's activation is cancelled, a contract extended with no end loses its suspension.
	if (plan.jobsNeeded) {
		const entries = await jumpCloudApiRequestAllItems.call(
			this,
			'GET',
			'/v2/bulk/userstates',
			undefined,
			{},
		);
		plan = makePlan(
			entries.map((entry) => ({
				jobId: String(entry.scheduledJobId ?? ''),
				userId: String(entry.systemUserId ?? ''),
				state: String(entry.state ?? ''),
				scheduledDate: String(entry.scheduledDate ?? ''),
			})),
		);
	}
	if (plan.brake.triggered && !dryRun) throw brakeError(this, suspensionBrakeText(plan));
	if (plan.creationBrake.triggered && !dryRun) throw brakeError(this, creationBrakeText(plan));
	if (plan.teamGroupBrake?.triggered && !dryRun) throw brakeError(this, teamGroupBrakeText(plan));

	const report = new ReconcileReport(dryRun);
	for (const action of plan.order) {
		if (dryRun) {
			report.planned(action);
			continue;
		}
		const replacement = () =>
			action.action === 'create' ? replacementUsername(plan, action, usernames) : undefined;
		try {
			const { result, extra } = await applyAction(
				this,
				action,
				plan.userIdByEmployee,
				newUserState,
				replacement,
			);
			report.applied(action, result, extra);
		} catch (error) {
			report.failed(action, errorMessage(error));
		}
	}
	const { items: outcomes, summary } = report.finish(
		plan,
		employees,
		users.length,
		options.outputUnchanged === true,
		params.repairTeamGroups,
	);

	if (report.counts.failed && !this.continueOnFail()) {
		throw new NodeOperationError(
			this.getNode(),
			`Reconciliation finished with ${report.counts.failed} failed action(s) of ${plan.order.length}; the others were applied`,
			{
				description: `First failures: ${report.failures.slice(0, 5).join('; ')}. Fix the cause and run again: the reconciliation only redoes what is still different. Turn on "Continue On Fail" to get the full report as output instead.`,
			},
		);
	}

	// Read from Factorial, every output item derives from the one input item that started the run.
	const pairOf = (index: number | null) => (fromFactorial ? 0 : (index ?? 0));
	const allItems: IPairedItemData[] = items.map((_, index) => ({ item: index }));
	return [
		...outcomes.map((o) => ({
			json: o.json as IDataObject,
			pairedItem: { item: pairOf(o.itemIndex) },
		})),
		{ json: summary as IDataObject, pairedItem: allItems.length ? allItems : { item: 0 } },
	];
}
