import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { FACTORIAL_EVENTS, toFactorialId } from '../../events';
import { SUBSCRIPTIONS_PATH } from '../../trigger/subscriptions';
import { listFields } from '../../shared/descriptions';
import { getAllPages } from '../../shared/operations';
import { readCollection } from '../../../shared/params';

const EVENT_OPTIONS = FACTORIAL_EVENTS.filter((event) => event.subscriptionType)
	.map((event) => ({ name: event.displayName, value: event.subscriptionType }))
	.sort((a, b) => a.name.localeCompare(b.name));

export const description: INodeProperties[] = [
	...listFields('webhookSubscription', [
		{
			displayName: 'Event',
			name: 'subscriptionType',
			type: 'options',
			default: 'employees/employee/update',
			description: 'Only the subscription of this event (Factorial keeps one per event type)',
			options: EVENT_OPTIONS,
		},
		{
			displayName: 'Enabled',
			name: 'enabled',
			type: 'boolean',
			validateType: 'boolean',
			default: true,
			description:
				'Whether to list only enabled subscriptions (on) or only the ones Factorial disabled (off)',
		},
	]),
];

/** Host (and port) a subscription delivers to: who receives the event. */
function receiverOf(targetUrl: unknown): string | null {
	if (typeof targetUrl !== 'string') return null;
	try {
		return new URL(targetUrl).host;
	} catch {
		return null;
	}
}

/**
 * The company's webhook subscriptions as Factorial lists them, for an admin or the nightly template
 * to see which receiver holds each event: Factorial keeps one per event type, and a new subscription
 * for a type overwrites the old one (docs/reference/factorial-api-notes.md, "Webhook subscriptions").
 * The `challenge` is the secret every delivery carries, so it is never output; `hasChallenge` says
 * whether one is set.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = readCollection.call(this, description, 'filters', itemIndex);
	const qs: IDataObject = {};
	if (typeof filters.subscriptionType === 'string' && filters.subscriptionType !== '')
		qs.type = filters.subscriptionType;
	if (typeof filters.enabled === 'boolean') qs.enabled = filters.enabled;
	const subscriptions = await getAllPages.call(this, itemIndex, SUBSCRIPTIONS_PATH, qs);
	return subscriptions.map((subscription) => {
		const { challenge, ...rest } = subscription;
		const type = rest.type ?? rest.subscription_type ?? null;
		return {
			...rest,
			id: toFactorialId(rest.id),
			type,
			event: FACTORIAL_EVENTS.find((event) => event.subscriptionType === type)?.name ?? null,
			receiver: receiverOf(rest.target_url),
			hasChallenge: typeof challenge === 'string' && challenge.length > 0,
		};
	});
}
