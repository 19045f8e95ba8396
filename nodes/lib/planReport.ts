/**
 * The reconciliation's output, built from a plan and what applying it did. Pure (no n8n types): one
 * item per action, conflict and skipped employee (with its reason), optionally one per unchanged
 * employee, then one summary. Items carry the index of their source employee (null: none).
 */
import type { ActivationPlan, PlannedAction, ReconcilePlan } from './plan';
import { LINK_ALLOW_LIST_SETTING, LINK_SETTING, linkCounts } from './adoption';

type Obj = Record<string, unknown>;

export type Result = 'planned' | 'done' | 'alreadyExisted' | 'failed' | 'notActedOn' | 'skipped';

export interface ReportItem {
	json: Obj;
	itemIndex: number | null;
}

const COUNT_OF = {
	create: 'created',
	update: 'updated',
	adopt: 'adopted',
	reactivate: 'reactivated',
	suspend: 'suspended',
	activate: 'activated',
	scheduleActivation: 'activationsScheduled',
	scheduleSuspension: 'suspensionsScheduled',
	cancelScheduled: 'scheduledChangesCancelled',
	teamGroups: 'teamGroupsRepaired',
} as const;

type CountKey =
	| (typeof COUNT_OF)[keyof typeof COUNT_OF]
	| 'failed'
	| 'teamGroupMembershipsAdded'
	| 'teamGroupMembershipsRemoved';

/**
 * A team-group repair's item fields: the groups added and removed (names), what the user is in
 * afterwards among the team groups, and its teams that have no usable group.
 */
function teamGroupFields(action: PlannedAction, added?: string[], removed?: string[]): Obj {
	const change = action.teamGroups;
	if (!change) return {};
	return {
		addedGroups: added ?? change.add.map((g) => g.name),
		removedGroups: removed ?? change.remove.map((g) => g.name),
		...(change.unavailable.length ? { teamsWithoutGroup: change.unavailable } : {}),
	};
}

/** How a planned activation reads in the output. */
export function describeActivation(activation: ActivationPlan): string {
	if (activation.kind === 'now') return `activate now (started ${activation.startDate})`;
	if (activation.kind === 'schedule') return `schedule for ${activation.local}`;
	return `stays staged: ${activation.reason}`;
}

/** The safety brake's refusal (suspensions), as message and how to proceed. */
export function suspensionBrakeText(plan: ReconcilePlan): { message: string; description: string } {
	const { suspensions, base, maxSharePercent, limit } = plan.brake;
	const share = base ? ((suspensions / base) * 100).toFixed(1) : '100';
	return {
		message: `Safety brake: this run would suspend ${suspensions} of ${base} managed JumpCloud users (${share}%), more than the allowed ${maxSharePercent}% (${limit}). Nothing was changed. If intended, raise Max Suspension Share (Settings → maxSuspensionShare) for one run.`,
		description:
			'Check that the input holds ALL Factorial employees (Get Many with Return All, no filters) and that the right Factorial company is connected: a partial read makes active people look gone. If the suspensions are intended, run once with Dry Run on to review them, then raise Max Suspension Share (in the Nightly template: Settings → maxSuspensionShare) or turn on Override Safety Brake for one run.',
	};
}

/**
 * The safety brake's refusal (creates and reactivations). When existing users hold employees' work
 * emails but are not linked, the sync manages none of them, so the share is of almost nobody: the
 * message says to link them first (the guided path), and where.
 */
export function creationBrakeText(plan: ReconcilePlan): { message: string; description: string } {
	const { creations, base, maxSharePercent, limit } = plan.creationBrake;
	const unlinked = plan.links.applied ? 0 : plan.links.proposed.length;
	const refusedForList = plan.links.refused.filter(
		(r) => r.code === 'noAllowList' || r.code === 'outsideAllowList',
	).length;
	const linkFirst =
		unlinked + refusedForList > 0
			? `${unlinked + refusedForList} employees already have an existing JumpCloud user with their work email that is not linked yet, so this sync manages only ${base} users. Link existing users first: ${refusedForList ? `set ${LINK_ALLOW_LIST_SETTING} to your company's email domains, ` : ''}run with Dry Run on and review the summary's links (proposed and refused, with the reason), then turn on ${LINK_SETTING}; the linked users count as managed and the brake is measured against them. `
			: '';
	return {
		message: `Safety brake: this run would create or reactivate ${creations} JumpCloud users, more than ${maxSharePercent}% of the ${base} it manages (${limit} allowed). Nothing was changed. ${linkFirst ? `${unlinked + refusedForList} employees have an existing user that is not linked: link existing users first (Settings → linkDomains, then linkExistingUsers), or raise Max Create Share (Settings → maxCreationShare).` : 'If intended, raise Max Create Share (Settings → maxCreationShare) for one run.'}`,
		description: `${linkFirst}Check that JumpCloud was read completely and that the right JumpCloud organization is connected: a partial read makes existing people look new. If the creations are intended (a first sync into an empty directory, a large intake), run once with Dry Run on to review them, then raise Max Create Share (in the Nightly template: Settings → maxCreationShare) or turn on Override Safety Brake for one run.`,
	};
}

/** The safety brake's refusal (team-group changes: additions and removals). */
export function teamGroupBrakeText(plan: ReconcilePlan): { message: string; description: string } {
	const { changes, base, maxSharePercent, limit } = plan.teamGroupBrake ?? {
		changes: 0,
		base: 0,
		maxSharePercent: 0,
		limit: 0,
	};
	return {
		message: `Safety brake: this run would change the team groups of ${changes} of ${base} matched JumpCloud users (added to or taken out of a team group), more than the allowed ${maxSharePercent}% (${limit}). Nothing was changed.`,
		description:
			'Check that the employees carry their teams (team_names: Include Contract and Teams, or Employees: Read From Factorial) and that Factorial lists the team memberships for this credential. If the moves are intended (a reorganisation, or a group just mapped to a team with Map to Factorial Team), run once with Dry Run on to review them, then raise Max Suspension Share or turn on Override Safety Brake for one run.',
	};
}

/** Collects one item per applied (or planned) action, then the rest of the output and the summary. */
export class ReconcileReport {
	readonly items: ReportItem[] = [];
	readonly failures: string[] = [];
	readonly counts: Record<CountKey, number> = {
		created: 0,
		updated: 0,
		adopted: 0,
		reactivated: 0,
		suspended: 0,
		activated: 0,
		activationsScheduled: 0,
		suspensionsScheduled: 0,
		scheduledChangesCancelled: 0,
		teamGroupsRepaired: 0,
		teamGroupMembershipsAdded: 0,
		teamGroupMembershipsRemoved: 0,
		failed: 0,
	};

	constructor(private readonly dryRun: boolean) {}

	private actionJson(action: PlannedAction, result: Result, extra: Obj = {}): Obj {
		const json: Obj = {
			action: action.action,
			employeeId: action.employeeId,
			userId: action.userId ?? null,
			username: action.username ?? null,
			email: action.email ?? null,
			matchedBy: action.matchedBy ?? null,
			diff: action.diff,
			result,
			dryRun: this.dryRun,
			...extra,
		};
		if (action.reason) json.reason = action.reason;
		return json;
	}

	/** Dry run: what would be done. */
	planned(action: PlannedAction): void {
		this.counts[COUNT_OF[action.action]]++;
		if (action.action === 'create' && action.activation?.kind === 'now') this.counts.activated++;
		if (action.action === 'create' && action.activation?.kind === 'schedule')
			this.counts.activationsScheduled++;
		if (action.teamGroups) {
			this.counts.teamGroupMembershipsAdded += action.teamGroups.add.length;
			this.counts.teamGroupMembershipsRemoved += action.teamGroups.remove.length;
		}
		this.items.push({
			json: this.actionJson(action, 'planned', {
				...(action.activation ? { activation: describeActivation(action.activation) } : {}),
				...teamGroupFields(action),
			}),
			itemIndex: action.itemIndex,
		});
	}

	/** A real run: what applying the action did. */
	applied(action: PlannedAction, result: Result, extra: Obj = {}): void {
		if (result !== 'skipped') this.counts[COUNT_OF[action.action]]++;
		// A team-group repair counts the memberships it changed (an edge already as wanted is not counted).
		if (Array.isArray(extra.addedGroups))
			this.counts.teamGroupMembershipsAdded += extra.addedGroups.length;
		if (Array.isArray(extra.removedGroups))
			this.counts.teamGroupMembershipsRemoved += extra.removedGroups.length;
		// A user created staged and activated or scheduled in the same step counts there too.
		if (extra.activation === 'activated') this.counts.activated++;
		if (typeof extra.activation === 'string' && extra.activation.startsWith('scheduled '))
			this.counts.activationsScheduled++;
		this.items.push({ json: this.actionJson(action, result, extra), itemIndex: action.itemIndex });
	}

	failed(action: PlannedAction, message: string): void {
		this.counts.failed++;
		this.failures.push(`${action.action} ${action.employeeId ?? action.userId}: ${message}`);
		this.items.push({
			json: this.actionJson(action, 'failed', { error: message }),
			itemIndex: action.itemIndex,
		});
	}

	/**
	 * Conflicts, skips, (on request) unchanged employees and the summary, after the action items.
	 * `employees` are the items planned from, `jumpCloudUsers` how many users were read.
	 */
	finish(
		plan: ReconcilePlan,
		employees: Obj[],
		jumpCloudUsers: number,
		outputUnchanged: boolean,
		/** Team Groups: Repair was on (the summary then counts the team-group repairs). */
		teamGroups = false,
	): { items: ReportItem[]; summary: Obj } {
		const dryRun = this.dryRun;
		// The guided link path: a conflict that is a link proposal or refusal says so on its item.
		const proposed = new Set(plan.links.proposed.map((p) => p.itemIndex));
		const refused = new Map(plan.links.refused.map((r) => [r.itemIndex, r]));
		for (const conflict of plan.conflicts) {
			const refusal = conflict.itemIndex === null ? undefined : refused.get(conflict.itemIndex);
			this.items.push({
				json: {
					action: 'conflict',
					employeeId: conflict.employeeId,
					userIds: conflict.userIds,
					reason: refusal ? `not linked: ${refusal.reason} (${conflict.reason})` : conflict.reason,
					result: 'notActedOn',
					dryRun,
					...(conflict.itemIndex !== null && proposed.has(conflict.itemIndex)
						? { link: 'proposed' }
						: {}),
					...(refusal ? { link: 'refused', linkRefusal: refusal.code } : {}),
				},
				itemIndex: conflict.itemIndex,
			});
		}
		// Skipped employees are few and each needs a person to look at it: one item each, with the reason.
		for (const skip of plan.skipped) {
			this.items.push({
				json: {
					action: 'skip',
					employeeId: skip.employeeId,
					reason: skip.reason,
					result: 'skipped',
					dryRun,
				},
				itemIndex: skip.itemIndex,
			});
		}
		if (outputUnchanged) {
			// Debugging only: everything else, one item per employee that needed nothing.
			const seen = new Set<number>();
			for (const a of plan.order) if (typeof a.itemIndex === 'number') seen.add(a.itemIndex);
			for (const c of plan.conflicts) if (typeof c.itemIndex === 'number') seen.add(c.itemIndex);
			for (const k of plan.skipped) seen.add(k.itemIndex);
			employees.forEach((employee, index) => {
				if (seen.has(index)) return;
				const employeeId =
					employee.id === undefined || employee.id === null ? '' : String(employee.id);
				this.items.push({
					json: {
						action: 'none',
						employeeId: employeeId || null,
						userId: (employeeId && plan.userIdByEmployee.get(employeeId)) || null,
						result: 'unchanged',
						dryRun,
					},
					itemIndex: index,
				});
			});
		}

		const summary: Obj = {
			summary: true,
			dryRun,
			created: this.counts.created,
			updated: this.counts.updated,
			adopted: this.counts.adopted,
			reactivated: this.counts.reactivated,
			suspended: this.counts.suspended,
			activated: this.counts.activated,
			activationsScheduled: this.counts.activationsScheduled,
			suspensionsScheduled: this.counts.suspensionsScheduled,
			scheduledChangesCancelled: this.counts.scheduledChangesCancelled,
			...(teamGroups
				? {
						teamGroupsRepaired: this.counts.teamGroupsRepaired,
						teamGroupMembershipsAdded: this.counts.teamGroupMembershipsAdded,
						teamGroupMembershipsRemoved: this.counts.teamGroupMembershipsRemoved,
						teamGroupsSkipped: plan.teamGroupsSkipped.map((s) => ({ ...s })),
						...(plan.teamGroupBrake ? { teamGroupBrake: { ...plan.teamGroupBrake } } : {}),
						...(plan.teamGroupsUnknownTeams
							? { teamGroupsUnknownTeams: plan.teamGroupsUnknownTeams }
							: {}),
					}
				: {}),
			unchanged: plan.unchanged,
			failed: this.counts.failed,
			skipped: plan.skipped.map((s) => ({ employeeId: s.employeeId, reason: s.reason })),
			conflicts: plan.conflicts.length,
			links: linkCounts(plan.links),
			// Users no employee accounts for: counted, the first ORPHAN_LIST_LIMIT listed, never acted on.
			...(plan.orphans
				? {
						orphans: {
							...plan.orphans,
							byReason: { ...plan.orphans.byReason },
							why: { ...plan.orphans.why },
							users: plan.orphans.users.map((o) => ({ ...o })),
						},
					}
				: {}),
			employees: employees.length,
			jumpCloudUsers,
			safetyBrake: {
				triggered: plan.brake.triggered,
				overridden: plan.brake.overridden,
				suspensions: plan.brake.suspensions,
				limit: plan.brake.limit,
				matched: plan.brake.matched,
				base: plan.brake.base,
				maxSharePercent: plan.brake.maxSharePercent,
			},
			creationBrake: { ...plan.creationBrake },
		};
		if (plan.unknownUserSuspensionsWithheld)
			summary.unknownUserSuspensionsWithheld = plan.unknownUserSuspensionsWithheld;
		const wouldStop = (text: string) =>
			text.replace('Nothing was changed.', 'A real run would stop here.');
		if (plan.brake.triggered)
			summary.safetyBrakeMessage = wouldStop(suspensionBrakeText(plan).message);
		if (plan.creationBrake.triggered)
			summary.creationBrakeMessage = wouldStop(creationBrakeText(plan).message);
		if (plan.teamGroupBrake?.triggered)
			summary.teamGroupBrakeMessage = wouldStop(teamGroupBrakeText(plan).message);
		return { items: this.items, summary };
	}
}
