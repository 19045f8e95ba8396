/**
 * Keep Last-Day Suspension: the nightly's last-day rule for one linked user, so the Mover keeps a fixed-term
 * contract's end right when HR changes the contract (schedule, move, cancel the 23:59 local suspension). The
 * decision is lib/plan/lastDay.ts (planLastDay on the jobs the sync owns); the writes are the nightly's own
 * (Directory Sync → Reconcile's applyAction).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readEmployee } from '../../../lib/employeeMapping';
import { planUserLastDay } from '../../../lib/plan';
import { userLocator } from '../../shared/descriptions';
import { getUserById, invalid, readUserLocator, resolveUserId } from '../../shared/helpers';
import { listUserJobs } from '../../shared/scheduleOnce';
import { applyAction } from '../directorySync/apply';
import { clearStaleMark, stateOf } from './shared';
import { dryRunField } from '../../shared/dryRun';
import { readEmployeeObject } from '../../shared/employeeInput';

const show = { resource: ['userState'], operation: ['keepLastDay'] };

export const description: INodeProperties[] = [
	{ ...userLocator('User'), displayOptions: { show } },
	{
		displayName: 'Factorial Employee',
		name: 'employee',
		type: 'json',
		default: '={{ $json }}',
		description:
			'The employee as the Factorial node outputs it with Include Contract and Teams (contract_ends_on, terminated_on, termination_reason_type)',
		displayOptions: { show },
	},
	{
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Madrid',
		description:
			"IANA time zone of the employee's location; empty uses the item's timezone, else the workflow's. One luxon cannot use falls back to the workflow's.",
		displayOptions: { show },
	},
	dryRunField(show),
];

/** The Factorial employee parameter as an object, or a clear error. */
function readEmployeeItem(ctx: IExecuteFunctions, i: number): Record<string, unknown> {
	const item = readEmployeeObject(ctx, i, 'employee');
	if (!('contract_ends_on' in item))
		throw invalid.call(
			ctx,
			i,
			'Factorial Employee',
			'has no contract_ends_on field, so a contract end cannot be kept',
			'Read the employee with Factorial → Employee → Get and Options → Include Contract and Teams on.',
		);
	return item;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const locator = readUserLocator.call(this, i, 'user', 'User');
	const item = readEmployeeItem(this, i);
	const now = Date.now();
	const defaultTimezone = this.getTimezone();
	const employee = readEmployee(item, '9999-12-31', { now, defaultZone: defaultTimezone });
	if (employee.problems.length)
		throw invalid.call(
			this,
			i,
			'Factorial Employee',
			`cannot be read: ${employee.problems.join('; ')}`,
			'Pass the Factorial employee item (Factorial → Employee → Get, Include Contract and Teams).',
		);
	const zone = String(this.getNodeParameter('timezone', i, '') ?? '').trim();
	if (zone) employee.timezone = zone;

	const id = await resolveUserId.call(this, i, locator, 'User');
	const user = await getUserById.call(this, i, id);
	const jobs = (await listUserJobs(this, i, id)).map((entry) => ({
		jobId: String(entry.scheduledJobId ?? ''),
		userId: String(entry.systemUserId ?? id),
		state: String(entry.state ?? ''),
		scheduledDate: String(entry.scheduledDate ?? ''),
	}));
	const decision = planUserLastDay(
		employee,
		{ id, state: stateOf(user), attributes: user.attributes },
		jobs,
		{ now, defaultTimezone },
	);
	const base = {
		systemUserId: id,
		employeeId: employee.id ?? '',
		...(decision.keptJobs.length ? { keptJobsNotTheSyncs: decision.keptJobs } : {}),
	};
	if (decision.kind === 'unchanged')
		return { ...base, action: 'none', changed: false, reason: decision.reason };
	const planned = {
		...decision.action,
		itemIndex: i,
		employeeId: employee.id,
		userId: id,
		username: String(user.username ?? ''),
	};
	const { result, extra } = await applyAction(this, planned, new Map(), 'STAGED', () => undefined);
	if (decision.clearMark) await clearStaleMark(this, i, user);
	return {
		...base,
		action: planned.action,
		changed: result === 'done',
		result,
		reason: planned.reason ?? '',
		diff: planned.diff as unknown as IDataObject,
		...(extra ?? {}),
	};
}
