/** The order a plan is applied in, and its summary counts. */
import type { PlannedAction, ReconcilePlan } from './types';

/**
 * The order the actions are applied in: creates first (managers of other new hires before them) so
 * every manager link can be written in this run, then updates and reactivations, suspensions last.
 */
export function executionOrder(plan: ReconcilePlan): PlannedAction[] {
	const creates = plan.create;
	const managersOfNewHires = new Set(
		creates.map((a) => a.employee?.managerId).filter((id) => !!id),
	);
	const orderedCreates = [
		...creates.filter((a) => managersOfNewHires.has(a.employeeId as string)),
		...creates.filter((a) => !managersOfNewHires.has(a.employeeId as string)),
	];
	// Activations after the attribute updates, so a user is never active with stale attributes.
	return [
		...orderedCreates,
		...plan.update,
		...plan.adopt,
		...plan.reactivate,
		...plan.cancelScheduled,
		...plan.activate,
		...plan.scheduleActivation,
		...plan.scheduleSuspension,
		...plan.teamGroups,
		...plan.suspend,
	];
}

/** Summary counts of a plan (dry run) or of what was done. */
export function planCounts(plan: ReconcilePlan): Record<string, number> {
	return {
		create: plan.create.length,
		update: plan.update.length,
		adopt: plan.adopt.length,
		reactivate: plan.reactivate.length,
		suspend: plan.suspend.length,
		activate: plan.activate.length,
		scheduleActivation: plan.scheduleActivation.length,
		scheduleSuspension: plan.scheduleSuspension.length,
		cancelScheduled: plan.cancelScheduled.length,
		teamGroups: plan.teamGroups.length,
		unchanged: plan.unchanged,
		skipped: plan.skipped.length,
		conflicts: plan.conflicts.length,
	};
}
