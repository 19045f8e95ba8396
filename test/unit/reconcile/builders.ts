/** Plan options, Factorial employees and JumpCloud users for the planner's pure tests (one set, shared). */
import type { PlanOptions } from '../../../nodes/lib/plan';
import { DEFAULT_SYNC_ATTRIBUTES } from '../../../nodes/lib/employeeMapping';

export type Obj = Record<string, unknown>;

export const TODAY = '2026-03-10';

export const options = (over: Partial<PlanOptions> = {}): PlanOptions => ({
	today: TODAY,
	attributes: [...DEFAULT_SYNC_ATTRIBUTES],
	maxSuspensionShare: 10,
	overrideSafetyBrake: false,
	suspendUnmatchedUsers: false,
	reactivateSuspendedUsers: true,
	...over,
});

export const employee = (id: string, over: Obj = {}): Obj => ({
	id,
	first_name: `First${id}`,
	last_name: `Last${id}`,
	full_name: `First${id} Last${id}`,
	email: `p${id}@acme.test`,
	active: true,
	terminated_on: null,
	manager_id: null,
	...over,
});

export const user = (id: string, over: Obj = {}): Obj => ({
	_id: `u${id}`,
	username: `first${id}.last${id}`,
	email: `p${id}@acme.test`,
	employeeIdentifier: id,
	state: 'ACTIVATED',
	firstname: `First${id}`,
	lastname: `Last${id}`,
	displayname: `First${id} Last${id}`,
	...over,
});
