/**
 * Webhook subscription lifecycle of the Factorial Trigger (checkExists / create / delete).
 *
 * Static data of the node (getWorkflowStaticData('node')):
 *   production | test: { challenge, subscriptions: { [event]: { id, subscriptionType, targetUrl } } }
 *   seenDeliveries: { confirmed, unconfirmed }: processed deliveries (see deliveryMemory.ts)
 * Test ("Listen for test event") and production URLs get separate slots so a test run never replaces
 * the challenge or the subscription IDs of the active workflow.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getFactorialEvent, toFactorialId, type FactorialEventDefinition } from '../events';
import {
	factorialApiRequest,
	factorialApiRequestAllItems,
	getFactorialContext,
} from '../transport';
import { toNodeError } from '../../shared/errors';

export const SUBSCRIPTIONS_PATH = 'api_public/webhook_subscriptions';
export const CREDENTIALS_PATH = 'api_public/credentials';
const CHALLENGE_BYTES = 24;

export interface SubscriptionRecord extends IDataObject {
	id: string;
	subscriptionType: string;
	targetUrl: string;
}

export interface EndpointState extends IDataObject {
	challenge?: string;
	subscriptions?: Record<string, SubscriptionRecord>;
}

export type EndpointSlot = 'production' | 'test';

/** n8n runs hooks and webhooks of "Listen for test event" in mode 'manual'. */
export function endpointSlot(mode: string): EndpointSlot {
	return mode === 'manual' ? 'test' : 'production';
}

export function getEndpointState(staticData: IDataObject, slot: EndpointSlot): EndpointState {
	if (typeof staticData[slot] !== 'object' || staticData[slot] === null) staticData[slot] = {};
	return staticData[slot] as EndpointState;
}

/** Our target URL for one event: the event travels in the query because payloads do not name it. */
export function buildTargetUrl(webhookUrl: string, event: string): string {
	return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}event=${encodeURIComponent(event)}`;
}

export function getSelectedEvents(
	this: IHookFunctions | IWebhookFunctions,
): FactorialEventDefinition[] {
	const names = this.getNodeParameter('events', []) as string[];
	if (!Array.isArray(names) || names.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No events are selected', {
			description: "Choose at least one entry in 'Events'.",
		});
	}
	return names.map((name) => {
		const definition = getFactorialEvent(name);
		if (!definition) {
			throw new NodeOperationError(
				this.getNode(),
				`'${name}' is not a Factorial event this node knows`,
				{
					description: "Remove it from 'Events' and pick the event again from the list.",
				},
			);
		}
		return definition;
	});
}

function isNotFound(error: unknown): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const e = error as IDataObject & { cause?: IDataObject & { response?: IDataObject } };
	const candidates = [
		e.httpCode,
		e.statusCode,
		e.status,
		(e.response as IDataObject | undefined)?.status,
		e.cause?.status,
		e.cause?.statusCode,
		e.cause?.response?.status,
	];
	return candidates.some((code) => String(code) === '404');
}

function targetOf(subscription: IDataObject): string | undefined {
	return typeof subscription.target_url === 'string' ? subscription.target_url : undefined;
}

function hostOf(url: string | undefined): string {
	if (!url) return 'an unknown address';
	try {
		return new URL(url).host;
	} catch {
		return 'an unparseable address';
	}
}

async function listSubscriptions(
	this: IHookFunctions,
	subscriptionType: string,
): Promise<IDataObject[]> {
	const all = await factorialApiRequestAllItems.call(this, 'GET', SUBSCRIPTIONS_PATH, {
		type: subscriptionType,
	});
	// Filter again locally: an ignored `type` filter must never make us touch another type.
	return all.filter((subscription) => {
		const type = subscription.type ?? subscription.subscription_type;
		return type === undefined || type === subscriptionType;
	});
}

/**
 * DELETE a subscription this workflow recorded, but only while it still delivers to our target URL.
 * Factorial overwrites the subscription of an event type when anyone creates a new one for that type
 * (docs/reference/factorial-api-notes.md, "Webhook subscriptions"); if that keeps the ID, deleting by ID
 * would cut off the other receiver. A subscription that is gone, or now points elsewhere, is left alone
 * and counts as no longer ours.
 */
export async function deleteOwnSubscription(
	this: IHookFunctions,
	record: SubscriptionRecord,
): Promise<'deleted' | 'gone' | 'taken'> {
	let remote: IDataObject;
	try {
		remote = (await factorialApiRequest.call(
			this,
			'GET',
			`${SUBSCRIPTIONS_PATH}/${encodeURIComponent(record.id)}`,
		)) as IDataObject;
	} catch (error) {
		if (isNotFound(error)) return 'gone';
		throw toNodeError(this.getNode(), error);
	}
	const current =
		remote && typeof remote.data === 'object' && !Array.isArray(remote.data)
			? (remote.data as IDataObject)
			: remote;
	const target = targetOf(current ?? {});
	if (target !== undefined && target !== record.targetUrl) {
		this.logger.warn(
			`Factorial Trigger left subscription ${record.id} in place: it now delivers to ${hostOf(target)}, not to this workflow (taken over by another integration or workflow)`,
		);
		return 'taken';
	}
	await deleteSubscription.call(this, record.id);
	return 'deleted';
}

/** DELETE one subscription; one that is already gone counts as deleted. */
export async function deleteSubscription(this: IHookFunctions, id: string): Promise<void> {
	try {
		await factorialApiRequest.call(
			this,
			'DELETE',
			`${SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`,
		);
	} catch (error) {
		if (isNotFound(error)) return;
		throw toNodeError(this.getNode(), error);
	}
}

async function getCompanyId(this: IHookFunctions): Promise<string> {
	const response = (await factorialApiRequest.call(this, 'GET', CREDENTIALS_PATH)) as IDataObject;
	const list = Array.isArray(response?.data) ? (response.data as IDataObject[]) : [];
	const companyId = toFactorialId(list[0]?.company_id);
	if (companyId === null) {
		throw new NodeOperationError(
			this.getNode(),
			'Factorial did not say which company the credential belongs to',
			{
				description:
					'The api_public/credentials answer had no company_id. Use an API key or a company-wide OAuth2 token of a Factorial admin.',
			},
		);
	}
	return companyId;
}

function subscriptionName(this: IHookFunctions, definition: FactorialEventDefinition): string {
	return `n8n: ${definition.displayName} (workflow ${this.getWorkflow().id ?? 'unsaved'})`;
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const events = getSelectedEvents.call(this);
	const staticData = this.getWorkflowStaticData('node');
	const state = getEndpointState(staticData, endpointSlot(this.getMode()));
	if (!state.challenge) return false;
	const webhookUrl = this.getNodeWebhookUrl('default') as string;
	const records = state.subscriptions ?? {};
	if (Object.keys(records).some((event) => !events.some((e) => e.name === event))) return false;

	for (const definition of events) {
		const target = buildTargetUrl(webhookUrl, definition.name);
		const record = records[definition.name];
		if (!record || record.targetUrl !== target) return false;
		const listed = await listSubscriptions.call(this, definition.subscriptionType);
		const remote = listed.find(
			(subscription) =>
				toFactorialId(subscription.id) === record.id && targetOf(subscription) === target,
		);
		if (!remote) {
			// Factorial overwrites a type's subscription when anyone creates a new one: ours can be taken
			// silently. Say so in the log; create() then re-creates it or stops with the same finding.
			const holder = listed.find((subscription) => targetOf(subscription) !== target);
			if (holder) {
				this.logger.warn(
					`Factorial Trigger: the '${definition.displayName}' subscription of this workflow was taken over; Factorial now sends these events to ${hostOf(targetOf(holder))} (subscription ${String(toFactorialId(holder.id))})`,
				);
			}
			return false;
		}
		// Disabled after 20 failed retries: create() re-enables it.
		if (remote.enabled === false) return false;
		// Same URL, other secret: someone re-created it with their challenge; our deliveries would 401.
		if (typeof remote.challenge === 'string' && remote.challenge !== state.challenge) return false;
	}
	return true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const events = getSelectedEvents.call(this);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const slot = endpointSlot(this.getMode());
	const takeOver = options.takeOverExistingSubscriptions === true && slot === 'production';
	const webhookUrl = this.getNodeWebhookUrl('default') as string;
	const { apiVersion } = await getFactorialContext.call(this);
	const companyId = await getCompanyId.call(this);

	const state = getEndpointState(this.getWorkflowStaticData('node'), slot);
	const previous = { ...(state.subscriptions ?? {}) };
	const current: Record<string, SubscriptionRecord> = {};
	const createdNow: string[] = [];
	// A fresh secret per activation (delete() clears it), but a repeated create() keeps the one it
	// has: n8n 2.41's publication service calls create() again for a node it re-registers, retries a
	// failed one, and may do so while deliveries signed with the current secret are on their way.
	// Stored before any write so state always matches what Factorial holds.
	const challenge =
		typeof state.challenge === 'string' && state.challenge !== ''
			? state.challenge
			: randomBytes(CHALLENGE_BYTES).toString('hex');
	state.challenge = challenge;
	state.subscriptions = current;

	try {
		for (const definition of events) {
			const target = buildTargetUrl(webhookUrl, definition.name);
			const subscriptions = await listSubscriptions.call(this, definition.subscriptionType);
			const ours = subscriptions.filter((subscription) => targetOf(subscription) === target);
			const others = subscriptions.filter((subscription) => targetOf(subscription) !== target);
			const common = {
				target_url: target,
				subscription_type: definition.subscriptionType,
				name: subscriptionName.call(this, definition),
				challenge,
				enabled: true,
				api_version: apiVersion,
			};

			let reuse: IDataObject | undefined = ours[0];
			if (!reuse && others.length > 0) {
				if (!takeOver) {
					const [other] = others;
					const otherName = typeof other.name === 'string' ? ` "${other.name}"` : '';
					const hadIt = previous[definition.name]?.targetUrl === target;
					throw new NodeOperationError(
						this.getNode(),
						hadIt
							? `The '${definition.displayName}' subscription of this workflow was taken over: Factorial now sends these events to ${hostOf(targetOf(other))} (subscription ${String(toFactorialId(other.id))}${otherName})`
							: `Factorial already sends '${definition.displayName}' events to ${hostOf(targetOf(other))} (subscription ${String(toFactorialId(other.id))}${otherName})`,
						{
							description:
								slot === 'test'
									? "Factorial allows one subscription per event type and company, and test URLs never take one over. Deactivate the workflow (or the other integration) while testing, or test with the active workflow's executions."
									: "Factorial allows one subscription per event type and company. Delete that subscription in Factorial, remove this event from 'Events', or turn on 'Take Over Existing Subscriptions' under Options to point it at this workflow (the other receiver then stops getting these events).",
						},
					);
				}
				reuse = others[0];
			}

			if (reuse) {
				const id = toFactorialId(reuse.id) as string;
				// PUT also re-enables a subscription Factorial disabled and installs our challenge.
				await factorialApiRequest.call(
					this,
					'PUT',
					`${SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`,
					{
						id,
						...common,
					},
					undefined,
					// Factorial may echo the body in an error: the challenge never reaches a message.
					{ secrets: [challenge] },
				);
				current[definition.name] = {
					id,
					subscriptionType: definition.subscriptionType,
					targetUrl: target,
				};
				// Duplicates aimed at our URL would deliver every event twice.
				for (const duplicate of ours.slice(1)) {
					await deleteSubscription.call(this, toFactorialId(duplicate.id) as string);
				}
				continue;
			}

			const created = (await factorialApiRequest.call(
				this,
				'POST',
				SUBSCRIPTIONS_PATH,
				{ ...common, company_id: companyId },
				undefined,
				{ secrets: [challenge] },
			)) as IDataObject;
			const id = toFactorialId(created?.id ?? (created?.data as IDataObject | undefined)?.id);
			if (id === null) {
				throw new NodeOperationError(
					this.getNode(),
					'Factorial did not return an ID for the new subscription',
					{
						description:
							'Deactivate and activate the workflow again; if it persists, check the subscriptions in Factorial.',
					},
				);
			}
			createdNow.push(id);
			current[definition.name] = {
				id,
				subscriptionType: definition.subscriptionType,
				targetUrl: target,
			};
		}
	} catch (error) {
		// Leave nothing behind that this failed activation created; adopted ones stay recorded for delete().
		for (const id of createdNow) {
			try {
				await deleteSubscription.call(this, id);
				for (const [event, record] of Object.entries(current))
					if (record.id === id) delete current[event];
			} catch (rollbackError) {
				this.logger.warn(
					`Factorial Trigger could not remove subscription ${id} after a failed activation`,
					{
						error: (rollbackError as Error).message,
					},
				);
			}
		}
		throw toNodeError(this.getNode(), error);
	}

	// Subscriptions of events that were deselected since the last activation (only while still ours).
	for (const [event, record] of Object.entries(previous)) {
		if (current[event] === undefined && !Object.values(current).some((r) => r.id === record.id)) {
			current[event] = record; // stays recorded until Factorial confirms the delete
			await deleteOwnSubscription.call(this, record);
			delete current[event];
		}
	}
	return true;
}

export async function deleteAll(this: IHookFunctions): Promise<boolean> {
	const state = getEndpointState(this.getWorkflowStaticData('node'), endpointSlot(this.getMode()));
	const records = state.subscriptions ?? {};
	let firstError: unknown;
	const failedIds: string[] = [];
	for (const [event, record] of Object.entries(records)) {
		try {
			await deleteOwnSubscription.call(this, record);
			delete records[event];
		} catch (error) {
			firstError ??= error;
			failedIds.push(record.id);
		}
	}
	// Keep what could not be deleted so the next deactivation retries it.
	if (firstError !== undefined) {
		const nodeError = toNodeError(this.getNode(), firstError);
		// One error is thrown, but every subscription left behind is named so none goes unnoticed.
		const left = `Subscriptions not deleted in Factorial: ${failedIds.join(', ')}. They stay recorded and the next deactivation retries them.`;
		nodeError.description = nodeError.description ? `${nodeError.description} ${left}` : left;
		throw nodeError;
	}
	delete state.challenge;
	delete state.subscriptions;
	return true;
}
