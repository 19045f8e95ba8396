/**
 * The stale-delivery memory must reach n8n's database, not only the in-memory static data. n8n saves a
 * live webhook's static data only when the root object's `__dataChanged` flag is still set when it
 * answers the request (live-webhooks.js, executeWebhook callback -> saveStaticData). From 2.x the
 * "onReceived" answer comes after WorkflowRunner.run(), and 2.41 first builds another Workflow on the
 * same static data object (workflow-runner.js, establishContextForPersistence), which redefines that
 * flag as false: the memory was dropped and a replay ran again. The real ObservableObject of
 * n8n-workflow is used here; the save order is modelled on each host's webhook-helpers.js.
 */
import {
	ObservableObject,
	type IDataObject,
	type IObservableObject,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
import { FactorialTrigger } from '../../../nodes/Factorial/FactorialTrigger.node';
import { createFakeContext } from '../../helpers/executeFunctions';
import { useStrictNock } from '../../helpers/nock';

const CHALLENGE = 'cd34'.repeat(12);
const NODE_KEY = 'node:Factorial Trigger';
const copy = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;

type Host = { name: string; rewrapsBeforeDeferredAnswer: boolean };
const hosts: Host[] = [
	{
		name: 'n8n 1.123/2.15 (run() reloads static data before wrapping it)',
		rewrapsBeforeDeferredAnswer: false,
	},
	{
		name: 'n8n 2.41 (run() wraps the webhook static data again)',
		rewrapsBeforeDeferredAnswer: true,
	},
];

/** One live delivery: loads static data from `database`, returns what the database holds after it. */
async function deliverLive(
	host: Host,
	database: IDataObject,
	body: IDataObject,
	options: IDataObject = {},
): Promise<{ result: IWebhookResponseData; database: IDataObject }> {
	const loaded = copy(database);
	// live-webhooks.js: new Workflow({ staticData }) and getStaticData('node').
	const root = ObservableObject.create(loaded, undefined, {
		ignoreEmptyOnFirstChild: true,
	}) as IObservableObject;
	if (root[NODE_KEY] === undefined) root[NODE_KEY] = ObservableObject.create({}, root);
	const ctx = createFakeContext({
		mode: 'webhook',
		credentials: {
			factorialApi: { environment: 'custom', customUrl: 'https://f.test', apiKey: 'k' },
		},
		credentialTypes: [new FactorialApi()],
		params: {
			authentication: 'apiKey',
			events: ['employee.updated'],
			options: { fetchFullRecord: false, ...options },
		},
		staticData: root[NODE_KEY] as IDataObject,
		webhook: {
			headers: { 'content-type': 'application/json', 'x-factorial-wh-challenge': CHALLENGE },
			body,
			query: { event: 'employee.updated' },
		},
	});
	const result = await new FactorialTrigger().webhook.call(ctx.asWebhook());

	let saved = database;
	// workflow-static-data.service.js saveStaticData: only when the root flag is set.
	const answer = () => {
		if (root.__dataChanged === true) saved = copy(loaded);
	};
	// webhook-helpers.js: noWebhookResponse answers (and saves) before the run starts.
	if (result.noWebhookResponse === true) answer();
	if (result.workflowData !== undefined) {
		if (host.rewrapsBeforeDeferredAnswer)
			ObservableObject.create(loaded, undefined, { ignoreEmptyOnFirstChild: true });
		if (result.noWebhookResponse !== true) answer();
	}
	return { result, database: saved };
}

useStrictNock();

describe('stale-delivery memory on a live webhook', () => {
	const delivery = { id: 2, updated_at: '2026-11-20T10:15:00.000Z' };
	const empty = (): IDataObject => ({ [NODE_KEY]: { production: { challenge: CHALLENGE } } });
	// The version remembered for employee 2 (either region of nodes/Factorial/trigger/deliveryMemory.ts).
	const remembered = (database: IDataObject): unknown => {
		const memory = (database[NODE_KEY] as IDataObject).seenDeliveries as
			| Record<string, Record<string, Record<string, string>>>
			| undefined;
		return (
			memory?.confirmed?.['employee.updated']?.['#2'] ??
			memory?.unconfirmed?.['employee.updated']?.['#2']
		);
	};

	it.each(hosts)(
		'is saved with a delivery that starts a run, so its replay starts none: $name',
		async (host) => {
			const first = await deliverLive(host, empty(), delivery);
			expect(first.result.workflowData).toHaveLength(1);
			expect(remembered(first.database)).toBe(delivery.updated_at);

			const replay = await deliverLive(host, first.database, delivery);
			expect(replay.result).toEqual({ noWebhookResponse: true });

			const newer = { ...delivery, updated_at: '2026-11-21T08:00:00.000Z' };
			const next = await deliverLive(host, replay.database, newer);
			expect(next.result.workflowData).toHaveLength(1);
			expect(remembered(next.database)).toBe(newer.updated_at);

			// With Ignore Stale Deliveries off there is nothing to save: n8n answers as it always did.
			const off = await deliverLive(host, empty(), delivery, { ignoreStaleDeliveries: false });
			expect(off.result.workflowData).toHaveLength(1);
			expect(off.result.noWebhookResponse).toBeUndefined();
			expect(off.database).toEqual(empty());
		},
	);
});
