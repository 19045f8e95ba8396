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
	singleHeader,
} from './trigger/deliveries';
import {
	canonicalFactorialId,
	deliveryMemoryIn,
	deliveryVersion,
	isStaleDelivery,
	rememberDelivery,
	versionRuleFor,
	type DeliveryMemory,
} from './trigger/deliveryMemory';
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

/** A single record from Factorial, with or without the `data` envelope. */
function unwrap(fetched: IDataObject): IDataObject {
	return fetched && typeof fetched.data === 'object' && !Array.isArray(fetched.data)
		? (fetched.data as IDataObject)
		: fetched;
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
							'Whether to skip a delivery that repeats, or is older than, one already processed for the same event and record (Factorial retries and can reorder deliveries; a replay is skipped). With Fetch Full Record, the updated_at of an employee or contract version is taken from the record read from Factorial; creations and deletions count once per ID. Times in the future are ignored.',
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

		// Ids are compared in Factorial's one written form: `02` or `2.0` would be a second key for
		// record 2 in the memory below, so a delivery spelling an id otherwise is not Factorial's.
		const resourceId = canonicalFactorialId(payload.id);
		if (resourceId.id === undefined)
			return refuse.call(this, 400, `Not a Factorial delivery (id: ${resourceId.problem})`);
		const definition = getFactorialEvent(event);
		const isEmployeeEvent = definition?.resourceType === 'employee';
		if (!isEmployeeEvent && payload.employee_id !== undefined && payload.employee_id !== null) {
			const employeeId = canonicalFactorialId(payload.employee_id);
			if (employeeId.id === undefined)
				return refuse.call(
					this,
					400,
					`Not a Factorial delivery (employee_id: ${employeeId.problem})`,
				);
		}

		const options = this.getNodeParameter('options', {}) as IDataObject;
		// Both default to on; an option missing from saved parameters means its default.
		const fetchFullRecord = options.fetchFullRecord !== false;
		const ignoreStale = options.ignoreStaleDeliveries !== false;
		const rule = versionRuleFor(event);
		const memory: DeliveryMemory | undefined = ignoreStale
			? deliveryMemoryIn(staticData)
			: undefined;

		const workEmailSource = await getWorkEmailSource.call(this);
		const item = buildEventItem({
			event,
			payload,
			receivedAt,
			authorId: singleHeader(headers, AUTHOR_ID_HEADER),
			authorType: singleHeader(headers, AUTHOR_TYPE_HEADER),
			workEmailSource,
		});

		// What the version is read from: the delivered body, or the record read from Factorial (a
		// replayed or forged body cannot choose it). `confirmed`: the record the stale key names was
		// read from Factorial, so only real records can fill the part of the memory junk cannot reach.
		let versionSource: IDataObject = payload;
		let confirmed = false;
		if (fetchFullRecord && definition?.resourceType === 'contractVersion') {
			// Errors propagate: n8n answers 500 and Factorial retries, so no delivery is lost.
			const contract = unwrap(
				await factorialApiRequest.call(
					this,
					'GET',
					`contracts/contract_versions/${encodeURIComponent(resourceId.id)}`,
				),
			);
			const owner = canonicalFactorialId(contract.employee_id).id;
			if (owner !== undefined && item.employeeId !== null && owner !== item.employeeId)
				return ignore.call(this, 'the contract version in Factorial belongs to another employee');
			versionSource = contract;
			confirmed = true;
		}
		if (fetchFullRecord && item.employeeId !== null) {
			const record = unwrap(
				await factorialApiRequest.call(
					this,
					'GET',
					`employees/employees/${encodeURIComponent(item.employeeId)}`,
				),
			);
			item.employee = normaliseEmployee(record, workEmailSource);
			if (isEmployeeEvent) {
				versionSource = record;
				confirmed = true;
			}
			const contradiction = eventContradictsRecord(event, item.employee);
			if (contradiction !== undefined) return ignore.call(this, contradiction);
		}

		const version = rule === undefined ? undefined : deliveryVersion(rule, versionSource);
		if (memory !== undefined && isStaleDelivery(memory, event, resourceId.id, version)) {
			return ignore.call(this, 'stale or repeated delivery');
		}
		// Remembered only once nothing can fail any more, so a retried delivery is not lost as "stale".
		if (memory !== undefined) rememberDelivery(memory, event, resourceId.id, version, confirmed);

		if (
			options.onlyActiveEmployees === true &&
			item.employee?.active === false &&
			!ALWAYS_KEPT_EVENTS.has(event)
		) {
			return ignore.call(this, 'employee is not active');
		}

		const workflowData = [this.helpers.returnJsonArray([item as IDataObject])];
		if (memory === undefined) return { workflowData };
		// Answer here (n8n's usual 200 body) so n8n saves the static data now, before it starts the
		// run: since 2.x n8n answers "onReceived" only after starting it, and 2.41 wraps the same static
		// data object for the run first, which clears its changed flag, so the memory was never saved.
		this.getResponseObject().status(200).json({ message: 'Workflow was started' });
		return { noWebhookResponse: true, workflowData };
	}
}
