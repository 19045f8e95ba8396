import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import {
	FACTORIAL_EVENTS,
	POLL_ONLY_EVENTS,
	buildEventItem,
	normaliseEmployee,
	toFactorialId,
	type FactorialEventItem,
	type FactorialEventName,
} from './events';
import { diff, type DetectedEvent, type DetectedKind } from './poll/detect';
import {
	FINGERPRINT_VERSION,
	pickTrackedFields,
	toRawEmployee,
	type TrackedEmployee,
	type TrackedMembership,
} from './poll/fingerprint';
import {
	DEFAULT_FULL_PASS_HOURS,
	UPDATED_SINCE_FILTER,
	isFullPassDue,
	readPollState,
	updatedSinceDay,
	utcDay,
	writePollState,
	type PollState,
} from './poll/state';
import {
	authenticationProperty,
	credentialsByAuthentication,
	OAUTH2_LABEL,
} from '../shared/descriptions';
import { factorialApiRequestAllItems, getFactorialContext } from './transport';
import type { WorkEmailSource } from '../lib/employee';

/** Events this trigger can detect, in the catalogue's names (the webhook trigger emits the same). */
const DETECTABLE: readonly DetectedKind[] = [
	'employee.created',
	'employee.updated',
	'employee.terminated',
	'employee.unterminated',
	'employee.deleted',
	'team_membership.created',
	'team_membership.updated',
	'team_membership.deleted',
];

const EVENT_OPTIONS = [...FACTORIAL_EVENTS, ...POLL_ONLY_EVENTS]
	.filter((event) => (DETECTABLE as readonly string[]).includes(event.name))
	.map((event) => ({ name: event.displayName, value: event.name, description: event.description }))
	.sort((a, b) => a.name.localeCompare(b.name));

const EMPLOYEES_PATH = 'employees/employees';
const TEAMS_PATH = 'teams/teams';

interface PollOptions {
	emitExistingOnFirstRun?: boolean;
	fullPassEveryHours?: number;
	maxDisappearingShare?: number;
}

/** Default of "Max Disappearing Share (%)": a full pass may lose at most this share of the known employees. */
export const DEFAULT_MAX_DISAPPEARING_SHARE = 10;

interface Reading {
	employees: TrackedEmployee[];
	raw: Map<string, IDataObject>;
	/** The credential's Work Email Field. */
	workEmailSource: WorkEmailSource;
	teamsByEmployee?: Map<string, TrackedMembership[]>;
}

function idList(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value.map(toFactorialId).filter((id): id is string => id !== null);
}

async function readEmployees(
	this: IPollFunctions,
	qs: IDataObject,
	limit?: number,
): Promise<Pick<Reading, 'employees' | 'raw' | 'workEmailSource'>> {
	const { workEmailSource } = await getFactorialContext.call(this);
	const records = await factorialApiRequestAllItems.call(this, 'GET', EMPLOYEES_PATH, qs, limit);
	const employees: TrackedEmployee[] = [];
	const raw = new Map<string, IDataObject>();
	for (const record of records) {
		const normalised = normaliseEmployee(record, workEmailSource);
		if (normalised.id === null) continue;
		employees.push({ id: normalised.id, fields: pickTrackedFields(normalised) });
		raw.set(normalised.id, record);
	}
	return { employees, raw, workEmailSource };
}

/** Memberships of every employee from the teams list (one request per 100 teams, not per employee). */
async function readMemberships(this: IPollFunctions): Promise<Map<string, TrackedMembership[]>> {
	const teams = await factorialApiRequestAllItems.call(this, 'GET', TEAMS_PATH);
	const byEmployee = new Map<string, TrackedMembership[]>();
	for (const team of teams) {
		const teamId = toFactorialId(team.id);
		if (teamId === null) continue;
		const leads = new Set(idList(team.lead_ids));
		for (const employeeId of idList(team.employee_ids)) {
			const list = byEmployee.get(employeeId) ?? [];
			list.push({ teamId, lead: leads.has(employeeId) });
			byEmployee.set(employeeId, list);
		}
	}
	return byEmployee;
}

function toItem(
	event: DetectedEvent,
	raw: Map<string, IDataObject>,
	now: Date,
	workEmailSource: WorkEmailSource,
): FactorialEventItem {
	const name = event.kind as FactorialEventName;
	if (event.membership !== undefined) {
		// The teams list carries no membership ID, so resourceId is null for polled memberships.
		return buildEventItem({
			event: name,
			payload: {
				id: null,
				employee_id: event.employeeId,
				team_id: event.membership.teamId,
				lead: event.membership.lead,
			},
			receivedAt: now,
			source: 'poll',
		});
	}
	// A deleted employee is rebuilt from the fingerprint, whose work email goes back under the source field.
	const payload = raw.get(event.employeeId) ?? {
		...toRawEmployee(event.employee),
		[workEmailSource]: event.employee.fields.workEmail,
	};
	return buildEventItem({
		event: name,
		payload,
		receivedAt: now,
		source: 'poll',
		changes: event.changes as FactorialEventItem['changes'],
		workEmailSource,
	});
}

export class FactorialPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Factorial Poll Trigger',
		name: 'factorialPollTrigger',
		icon: { light: 'file:../../icons/factorial.svg', dark: 'file:../../icons/factorial.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Polls Factorial for employee and team changes; for n8n instances Factorial webhooks cannot reach',
		defaults: { name: 'Factorial Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsByAuthentication('factorialApi', 'factorialOAuth2Api'),
		properties: [
			authenticationProperty(OAUTH2_LABEL.factorial),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: [...DETECTABLE],
				required: true,
				description:
					'Which changes to emit. Same event names as the Factorial Trigger (webhook), so a workflow can switch triggers.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing Employees on First Run',
						name: 'emitExistingOnFirstRun',
						type: 'boolean',
						validateType: 'boolean',
						default: false,
						description:
							'Whether the first poll emits every existing employee as created. Off: the first poll only records the baseline and emits nothing.',
					},
					{
						displayName: 'Max Disappearing Share (%)',
						name: 'maxDisappearingShare',
						type: 'number',
						validateType: 'number',
						typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 1 },
						default: DEFAULT_MAX_DISAPPEARING_SHARE,
						description:
							'Safety brake: if a full pass no longer finds more than this percentage of the known employees, the poll fails, emits nothing and keeps its state (a partial answer from Factorial would otherwise report them all as deleted)',
					},
					{
						displayName: 'Full Pass Every (Hours)',
						name: 'fullPassEveryHours',
						type: 'number',
						validateType: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_FULL_PASS_HOURS,
						description:
							'How often to read the whole company instead of only the employees changed since the last poll day. A full pass also finds deleted employees and changes the date filter misses.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const selected = readSelectedEvents.call(this);
		const options = this.getNodeParameter('options', {}) as PollOptions;
		const staticData = this.getWorkflowStaticData('node');
		const state = readPollState(staticData);
		const now = new Date();

		if (this.getMode() === 'manual') {
			return await manualSample.call(this, state, selected, now);
		}

		const fullPass = isFullPassDue(
			state,
			now,
			options.fullPassEveryHours ?? DEFAULT_FULL_PASS_HOURS,
		);
		const reading = await read.call(this, state, selected, fullPass);

		if (state !== undefined && fullPass) {
			const knownIds = Object.keys(state.employees);
			const known = knownIds.length;
			if (known > 0 && reading.employees.length === 0) {
				throw new NodeOperationError(
					this.getNode(),
					`Factorial returned no employees on a full pass, but ${known} were known`,
					{
						description:
							'Nothing was reported as deleted and the stored state was kept. Check that the credential points at the right environment (demo credentials return empty lists elsewhere) and that its user may list employees.',
					},
				);
			}
			const share = options.maxDisappearingShare ?? DEFAULT_MAX_DISAPPEARING_SHARE;
			if (!(typeof share === 'number' && share >= 0 && share <= 100)) {
				throw new NodeOperationError(
					this.getNode(),
					`'Max Disappearing Share (%)' must be a number between 0 and 100, not ${String(share)}`,
					{ description: 'Enter a percentage such as 10.' },
				);
			}
			const seen = new Set(reading.employees.map((employee) => employee.id));
			const missing = knownIds.filter((id) => !seen.has(id)).length;
			// At least one employee may disappear unless the share is 0 (a small company's single removal).
			const allowed = Math.max(share > 0 ? 1 : 0, Math.floor((known * share) / 100));
			if (missing > allowed) {
				throw new NodeOperationError(
					this.getNode(),
					`A full pass no longer found ${missing} of ${known} known employees (${((missing / known) * 100).toFixed(1)}%), more than the allowed ${share}%`,
					{
						description:
							'Nothing was emitted and the stored state was kept, so no employee.deleted events were sent. A partial answer from Factorial (or a credential that sees fewer employees) looks like this. If the employees were really removed, raise Max Disappearing Share for one poll.',
					},
				);
			}
		}

		const result = diff(state?.employees ?? {}, reading.employees, {
			fullPass,
			teamsByEmployee: reading.teamsByEmployee,
		});
		writePollState(staticData, {
			version: FINGERPRINT_VERSION,
			lastPollDay: utcDay(now),
			lastFullPassAt: fullPass ? now.toISOString() : (state as PollState).lastFullPassAt,
			// The stored object itself when nothing changed, so n8n does not rewrite the static data.
			employees: state === undefined || result.changed ? result.state : state.employees,
		});

		let events = result.events;
		if (state === undefined) {
			// First run: the baseline. Optionally replay the existing employees as created.
			events = options.emitExistingOnFirstRun
				? events.filter((event) => event.kind === 'employee.created')
				: [];
		}
		const items = events
			.filter((event) => selected.has(event.kind))
			.map((event) => ({
				json: toItem(event, reading.raw, now, reading.workEmailSource) as IDataObject,
			}));
		return items.length > 0 ? [items] : null;
	}
}

/** The Events parameter, checked: an empty or unknown selection would otherwise poll and never emit. */
function readSelectedEvents(this: IPollFunctions): Set<string> {
	const names: unknown = this.getNodeParameter('events', [...DETECTABLE]);
	if (!Array.isArray(names) || names.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No events are selected', {
			description: "Choose at least one entry in 'Events'.",
		});
	}
	for (const name of names) {
		if (!(DETECTABLE as readonly unknown[]).includes(name)) {
			throw new NodeOperationError(
				this.getNode(),
				`'${String(name)}' is not an event this node can detect`,
				{
					description: `Remove it from 'Events' and pick events from the list (${DETECTABLE.join(', ')}).`,
				},
			);
		}
	}
	return new Set(names as string[]);
}

async function read(
	this: IPollFunctions,
	state: PollState | undefined,
	selected: Set<string>,
	fullPass: boolean,
): Promise<Reading> {
	const qs: IDataObject = {};
	if (!fullPass && state !== undefined)
		qs[UPDATED_SINCE_FILTER] = updatedSinceDay(state.lastPollDay);
	const { employees, raw, workEmailSource } = await readEmployees.call(this, qs);
	const wantsTeams = [...selected].some((name) => name.startsWith('team_membership.'));
	const teamsByEmployee = wantsTeams ? await readMemberships.call(this) : undefined;
	return { employees, raw, workEmailSource, teamsByEmployee };
}

/**
 * Manual test run: never touches the stored state (n8n does not save static data for manual runs, and
 * the baseline must not move). With a baseline, show what the next poll would emit; otherwise, or when
 * nothing changed, one employee as a sample of the item shape.
 */
async function manualSample(
	this: IPollFunctions,
	state: PollState | undefined,
	selected: Set<string>,
	now: Date,
): Promise<INodeExecutionData[][] | null> {
	if (state !== undefined) {
		const reading = await read.call(this, state, selected, false);
		const { events } = diff(state.employees, reading.employees, {
			fullPass: false,
			teamsByEmployee: reading.teamsByEmployee,
		});
		const items = events
			.filter((event) => selected.has(event.kind))
			.map((event) => ({
				json: toItem(event, reading.raw, now, reading.workEmailSource) as IDataObject,
			}));
		if (items.length > 0) return [items];
	}
	const { employees, raw, workEmailSource } = await readEmployees.call(this, {}, 1);
	if (employees.length === 0) return null;
	const employeeKind = DETECTABLE.find(
		(name) => selected.has(name) && name.startsWith('employee.'),
	);
	const membershipKind = DETECTABLE.find(
		(name) => selected.has(name) && name.startsWith('team_membership.'),
	);
	if (employeeKind === undefined && membershipKind !== undefined) {
		// Only membership events selected: sample their shape, not an employee item the workflow never gets.
		const memberships = await readMemberships.call(this);
		const employeeId = memberships.has(employees[0].id)
			? employees[0].id
			: memberships.keys().next().value;
		const membership = employeeId === undefined ? undefined : memberships.get(employeeId)?.[0];
		if (employeeId !== undefined && membership !== undefined) {
			const employee = {
				id: employeeId,
				fields: pickTrackedFields(normaliseEmployee({ id: employeeId })),
			};
			const sample: DetectedEvent = { kind: membershipKind, employeeId, employee, membership };
			return [[{ json: toItem(sample, raw, now, workEmailSource) as IDataObject }]];
		}
	}
	const kind = employeeKind ?? 'employee.created';
	const sample: DetectedEvent = { kind, employeeId: employees[0].id, employee: employees[0] };
	return [[{ json: toItem(sample, raw, now, workEmailSource) as IDataObject }]];
}
