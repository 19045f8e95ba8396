import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	FACTORIAL_EVENTS,
	buildEventItem,
	getFactorialEvent,
	isFactorialEventName,
	normaliseEmployee,
	toFactorialId,
} from './events';
import {
	authenticationProperty,
	credentialsByAuthentication,
	OAUTH2_LABEL,
} from '../shared/descriptions';
import { factorialApiRequest, getWorkEmailSource } from './transport';
import {
	AUTHOR_ID_HEADER,
	AUTHOR_TYPE_HEADER,
	CHALLENGE_HEADER,
	challengeMatches,
	checkDeliveryShape,
	eventContradictsRecord,
	isStaleDelivery,
	rememberDelivery,
	singleHeader,
	type LastSeenMap,
} from './trigger/deliveries';
import {
	checkExists,
	create,
	deleteAll,
	endpointSlot,
	getEndpointState,
	getSelectedEvents,
} from './trigger/subscriptions';

/** Termination events describe inactive people on purpose; "Only Active Employees" keeps them. */
const ALWAYS_KEPT_EVENTS = new Set(['employee.terminated', 'employee.unterminated']);

function refuse(this: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	this.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

function ignore(this: IWebhookFunctions, reason: string): IWebhookResponseData {
	// 200 so Factorial does not retry a delivery we chose to skip.
	this.getResponseObject().status(200).json({ message: 'Delivery received and ignored', reason });
	return { noWebhookResponse: true };
}

export class FactorialTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Factorial Trigger',
		name: 'factorialTrigger',
		icon: { light: 'file:../../icons/factorial.svg', dark: 'file:../../icons/factorial.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow when employees, teams or contracts change in Factorial HR',
		defaults: { name: 'Factorial Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsByAuthentication('factorialApi', 'factorialOAuth2Api'),
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			authenticationProperty(OAUTH2_LABEL.factorial),
			{
				displayName:
					'Factorial keeps one webhook subscription per event type and company. If another workflow or tool already has one for a selected event, activation stops and says so; see the option "Take Over Existing Subscriptions".',
				name: 'oneSubscriptionNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				description: 'The events to listen to. Each gets its own Factorial subscription.',
				options: FACTORIAL_EVENTS.map((event) => ({
					name: event.displayName,
					value: event.name,
					description: event.description,
				})),
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fetch Full Record',
						name: 'fetchFullRecord',
						type: 'boolean',
						validateType: 'boolean',
						default: true,
						description:
							'Whether to read the current employee from Factorial before starting the workflow, and decide from that record rather than from the delivered body (deliveries can carry null emails, and a leaked challenge lets anyone send one). Costs one request per delivery.',
					},
					{
						displayName: 'Ignore Stale Deliveries',
						name: 'ignoreStaleDeliveries',
						type: 'boolean',
						validateType: 'boolean',
						default: true,
						description:
							"Whether to skip a delivery whose updated_at is not newer than the last one seen for the same event and record (Factorial retries and can reorder deliveries; a replay is skipped). With Fetch Full Record, an employee's updated_at is taken from the record read from Factorial. Times in the future are ignored.",
					},
					{
						displayName: 'Only Active Employees',
						name: 'onlyActiveEmployees',
						type: 'boolean',
						validateType: 'boolean',
						default: false,
						description:
							'Whether to skip deliveries about employees who are no longer active. Terminated and unterminated events are always kept. Team membership and contract version deliveries name only the employee ID, so they are checked only with Fetch Full Record on.',
					},
					{
						displayName: 'Take Over Existing Subscriptions',
						name: 'takeOverExistingSubscriptions',
						type: 'boolean',
						validateType: 'boolean',
						default: false,
						description:
							'Whether to point an existing Factorial subscription of the same event type at this workflow. The other receiver stops getting those events. Never done for test URLs.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteAll.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = new Date();
		const headers = this.getHeaderData() as Record<string, string | string[] | undefined>;
		const staticData = this.getWorkflowStaticData('node');
		const state = getEndpointState(staticData, endpointSlot(this.getMode()));

		// Authenticate before looking at anything else the caller sent.
		if (!challengeMatches(singleHeader(headers, CHALLENGE_HEADER), state.challenge)) {
			return refuse.call(this, 401, 'Unauthorized');
		}

		const request = this.getRequestObject() as { rawBody?: Buffer };
		const body: unknown = this.getBodyData();
		const byteLength = Buffer.isBuffer(request.rawBody)
			? request.rawBody.length
			: Buffer.byteLength(JSON.stringify(body ?? null) ?? '', 'utf8');
		const problem = checkDeliveryShape(body, byteLength);
		if (problem === 'tooLarge') return refuse.call(this, 413, 'Delivery too large');
		if (problem !== undefined)
			return refuse.call(this, 400, `Not a Factorial delivery (${problem})`);
		const payload = body as IDataObject;

		const event = (this.getQueryData() as IDataObject).event;
		const selected = getSelectedEvents.call(this).map((definition) => definition.name);
		if (!isFactorialEventName(event) || !selected.includes(event)) {
			return refuse.call(this, 400, 'Unknown or unselected event in the webhook URL');
		}

		const options = this.getNodeParameter('options', {}) as IDataObject;
		// Both default to on; an option missing from saved parameters means its default.
		const fetchFullRecord = options.fetchFullRecord !== false;
		const ignoreStale = options.ignoreStaleDeliveries !== false;
		const staleKey = `${event}:${toFactorialId(payload.id) as string}`;
		const isEmployeeEvent = getFactorialEvent(event)?.resourceType === 'employee';

		let lastSeen: LastSeenMap | undefined;
		if (ignoreStale) {
			if (
				typeof staticData.lastSeen !== 'object' ||
				staticData.lastSeen === null ||
				Array.isArray(staticData.lastSeen)
			)
				staticData.lastSeen = {};
			lastSeen = staticData.lastSeen as LastSeenMap;
		}

		const workEmailSource = await getWorkEmailSource.call(this);
		const item = buildEventItem({
			event,
			payload,
			receivedAt,
			authorId: singleHeader(headers, AUTHOR_ID_HEADER),
			authorType: singleHeader(headers, AUTHOR_TYPE_HEADER),
			workEmailSource,
		});

		// What staleness is decided on: the delivered updated_at, or, for an employee read from
		// Factorial, the record's own (a replayed or forged body cannot choose it).
		let updatedAt: unknown = payload.updated_at;
		if (fetchFullRecord && item.employeeId !== null) {
			// Factorial ids are numbers (strings of digits from API 2026-07-01): anything else is not
			// Factorial's and never goes into a request path.
			if (!/^\d{1,20}$/.test(item.employeeId))
				return refuse.call(
					this,
					400,
					'Not a Factorial delivery (the employee id is not a Factorial id)',
				);
			// Errors propagate: n8n answers 500 and Factorial retries, so no delivery is lost.
			const fetched = (await factorialApiRequest.call(
				this,
				'GET',
				`employees/employees/${encodeURIComponent(item.employeeId)}`,
			)) as IDataObject;
			const record =
				fetched && typeof fetched.data === 'object' && !Array.isArray(fetched.data)
					? (fetched.data as IDataObject)
					: fetched;
			item.employee = normaliseEmployee(record, workEmailSource);
			if (isEmployeeEvent) updatedAt = record.updated_at;
			const contradiction = eventContradictsRecord(event, item.employee);
			if (contradiction !== undefined) return ignore.call(this, contradiction);
		}

		if (lastSeen !== undefined) {
			if (isStaleDelivery(lastSeen, staleKey, updatedAt)) {
				return ignore.call(this, 'stale or repeated delivery');
			}
		}

		// Remembered only once nothing can fail any more, so a retried delivery is not lost as "stale".
		if (lastSeen !== undefined) rememberDelivery(lastSeen, staleKey, updatedAt);

		if (
			options.onlyActiveEmployees === true &&
			item.employee?.active === false &&
			!ALWAYS_KEPT_EVENTS.has(event)
		) {
			return ignore.call(this, 'employee is not active');
		}

		const workflowData = [this.helpers.returnJsonArray([item as IDataObject])];
		if (lastSeen === undefined) return { workflowData };
		// Answer here (n8n's usual 200 body) so n8n saves the static data now, before it starts the
		// run: since 2.x n8n answers "onReceived" only after starting it, and 2.41 wraps the same static
		// data object for the run first, which clears its changed flag, so the memory was never saved.
		this.getResponseObject().status(200).json({ message: 'Workflow was started' });
		return { noWebhookResponse: true, workflowData };
	}
}
