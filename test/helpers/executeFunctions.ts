/**
 * A fake n8n node context whose HTTP is REAL: `helpers.httpRequestWithAuthentication` applies the
 * credential type's `authenticate` (or an OAuth2 Bearer token) and sends the request with n8n's own
 * `httpRequest` (axios), so `nock` intercepts it exactly as it would in n8n.
 *
 * One object serves every context kind our nodes use (execute, loadOptions, hook, webhook, poll):
 * cast it with `as unknown as IExecuteFunctions` (or use the typed accessors below).
 *
 * Usage:
 *   import { createFakeContext } from '../../helpers/executeFunctions';
 *   import { FactorialApi } from '../../../credentials/FactorialApi.credentials';
 *
 *   const ctx = createFakeContext({
 *     params: { resource: 'employee', operation: 'get', employee: { __rl: true, mode: 'id', value: '7' } },
 *     itemParams: [{}, { employee: { __rl: true, mode: 'id', value: '8' } }], // per-item overrides
 *     items: [{ json: {} }, { json: {} }],                                    // default: one empty item
 *     credentials: { factorialApi: { environment: 'custom', customUrl: 'https://f.test', apiKey: 'k' } },
 *     credentialTypes: [new FactorialApi()],  // defaults of missing fields + `authenticate` come from here
 *     continueOnFail: false,
 *   });
 *   const out = await new Factorial().execute.call(ctx.asExecute());
 *   expect(ctx.requests[0]).toMatchObject({ method: 'GET', url: 'https://f.test/api/...' });
 *
 * - `getNodeParameter(name, i, fallback, { extractValue })` reads `itemParams[i]` then `params`; dotted
 *   names (`options.simplify`) walk into collections; resource locators return `.value` with
 *   `extractValue: true`. A missing parameter without a fallback throws, like n8n. With `nodeType`,
 *   the value then goes through n8n-core's `validateValueAgainstSchema` (declared `validateType`).
 * - Credential fields: missing ones take the credential type's defaults, and `=`-expressions in them
 *   are resolved with `$self` (how n8n fills hidden fields such as OAuth URLs).
 * - `requests` records every request as sent (after authentication) for assertions.
 * - Triggers: `staticData` is the object returned by `getWorkflowStaticData('node')` (mutated in
 *   place, so pass the same object across polls); `webhook` feeds getRequestObject / getHeaderData /
 *   getBodyData / getQueryData; `response` records what a webhook wrote to getResponseObject().
 * - Expressions are evaluated by n8n-workflow's real expression engine (`evaluateCredentialExpression`).
 */
import { httpRequest as n8nHttpRequest } from '@n8n/backend-network/testing';
import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
// n8n's own check of parameters that declare `validateType` (getNodeParameter calls it last; not
// re-exported from n8n-core's index). See docs/reference/n8n-parameters.md.
import { validateValueAgainstSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/validate-value-against-schema';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeType,
	JsonObject,
	IPollFunctions,
	IWebhookFunctions,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeApiError, Workflow } from 'n8n-workflow';

import type { RetryTiming } from '../../nodes/shared/http';
import { RETRY_TIMING } from '../../nodes/shared/http';

export interface FakeWebhookRequest {
	body?: unknown;
	headers?: Record<string, string | string[] | undefined>;
	query?: IDataObject;
	params?: IDataObject;
	rawBody?: Buffer;
	method?: string;
}

export interface FakeContextOptions {
	params?: IDataObject;
	itemParams?: IDataObject[];
	items?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	continueOnFail?: boolean;
	node?: Partial<INode>;
	staticData?: IDataObject;
	globalStaticData?: IDataObject;
	mode?: WorkflowExecuteMode;
	activationMode?: string;
	timezone?: string;
	webhook?: FakeWebhookRequest;
	webhookName?: string;
	webhookUrl?: string;
	workflow?: { id?: string; name?: string; active?: boolean };
	/** Retry timing the JumpCloud transport uses with this context (e.g. instant sleeps). */
	retry?: RetryTiming;
	/**
	 * The node type under test: getNodeParameter then checks and converts parameters that declare
	 * `validateType` with n8n-core's own `validateValueAgainstSchema`, as a real n8n does.
	 */
	nodeType?: INodeType;
}

export interface RecordedRequest {
	method: string;
	url: string;
	qs?: IDataObject;
	body?: unknown;
	headers: Record<string, unknown>;
	credentialType?: string;
}

export interface RecordedResponse {
	statusCode?: number;
	headers: Record<string, unknown>;
	body?: unknown;
	ended: boolean;
}

export interface FakeContext {
	requests: RecordedRequest[];
	/** Messages the node logged with logger.warn. */
	warnings: string[];
	response: RecordedResponse;
	staticData: IDataObject;
	globalStaticData: IDataObject;
	node: INode;
	asExecute(): IExecuteFunctions;
	asLoadOptions(): ILoadOptionsFunctions;
	asHook(): IHookFunctions;
	asWebhook(): IWebhookFunctions;
	asPoll(): IPollFunctions;
}

// backend-network carries its own n8n-workflow copy, so its option type differs only nominally.
const httpRequest = n8nHttpRequest as unknown as (request: IHttpRequestOptions) => Promise<unknown>;

/**
 * What a real n8n's `httpRequestWithAuthentication` throws when the request fails: every error wrapped in
 * a NodeApiError. On the pinned hosts (n8n 1.123.81 and 2.15.1, captured in
 * test/unit/n8nConnectionErrors.ts) that wrapper keeps neither the client error's `code` nor its `cause`
 * (their n8n-workflow re-declares `cause` as a class field and keeps only a non-Error cause); the socket
 * code survives in `httpCode`. The n8n-workflow of our devDependencies keeps the cause, so it is dropped
 * here, or the tests would pass on shapes a real n8n never produces.
 */
function asThrownByN8nHost(node: INode, error: unknown): Error {
	const wrapped = new NodeApiError(node, error as JsonObject);
	(wrapped as { cause?: unknown }).cause = undefined;
	return wrapped;
}

const fakeNodeTypes = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
};

function expressionWorkflow(node: INode): Workflow {
	return new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: fakeNodeTypes as never,
	});
}

/** Resolves `=`-expressions in a value (deeply) the way n8n resolves credential expressions. */
export function evaluateCredentialExpression<T>(
	value: T,
	credentials: IDataObject,
	node?: INode,
): T {
	const activeNode: INode = node ?? {
		id: 'expr',
		name: 'Expression',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return expressionWorkflow(activeNode).expression.getParameterValue(
		value as never,
		null,
		0,
		0,
		activeNode.name,
		[],
		'internal',
		{ $credentials: credentials } as never,
		undefined,
		false,
		credentials,
	) as T;
}

/** Fills defaults from the credential type and resolves `$self` expressions (hidden fields). */
export function resolveCredentialData(
	data: ICredentialDataDecryptedObject,
	type: ICredentialType | undefined,
): ICredentialDataDecryptedObject {
	const filled: IDataObject = { ...data };
	for (const property of type?.properties ?? []) {
		if (filled[property.name] === undefined && property.default !== undefined) {
			filled[property.name] = property.default as never;
		}
	}
	const resolved: IDataObject = {};
	for (const [key, value] of Object.entries(filled)) {
		resolved[key] =
			typeof value === 'string' && value.startsWith('=')
				? (evaluateCredentialExpression(value, filled) as never)
				: (value as never);
	}
	return resolved as ICredentialDataDecryptedObject;
}

/** Applies a credential type's `authenticate` the way n8n's CredentialsHelper does. */
export async function applyAuthentication(
	type: ICredentialType | undefined,
	credentials: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (type?.extends?.includes('oAuth2Api')) {
		const token = (credentials.oauthTokenData as IDataObject | undefined)?.access_token;
		return {
			...request,
			headers: { ...(request.headers ?? {}), Authorization: `Bearer ${String(token)}` },
		};
	}
	const authenticate = type?.authenticate;
	if (!authenticate) return request;
	if (typeof authenticate === 'function') return await authenticate(credentials, request);
	const properties = evaluateCredentialExpression(
		authenticate.properties as IDataObject,
		credentials as IDataObject,
	);
	return {
		...request,
		headers: { ...(request.headers ?? {}), ...((properties.headers as IDataObject) ?? {}) },
		qs: properties.qs ? { ...(request.qs ?? {}), ...(properties.qs as IDataObject) } : request.qs,
		body:
			properties.body && typeof request.body === 'object'
				? { ...(request.body as IDataObject), ...(properties.body as IDataObject) }
				: request.body,
		auth: (properties.auth as IHttpRequestOptions['auth']) ?? request.auth,
	};
}

function getPath(source: IDataObject | undefined, path: string): unknown {
	if (!source) return undefined;
	if (path in source) return source[path];
	let current: unknown = source;
	for (const part of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[part];
	}
	return current;
}

function isResourceLocator(value: unknown): value is INodeParameterResourceLocator {
	return typeof value === 'object' && value !== null && '__rl' in value;
}

export function createFakeContext(options: FakeContextOptions = {}): FakeContext {
	const node: INode = {
		id: 'node-1',
		name: 'Node Under Test',
		type: 'n8n-nodes-factorial-jumpcloud.test',
		typeVersion: 1,
		position: [0, 0],
		parameters: (options.params ?? {}) as INode['parameters'],
		...(options.node ?? {}),
	};
	const items = options.items ?? [{ json: {} }];
	const staticData = options.staticData ?? {};
	const globalStaticData = options.globalStaticData ?? {};
	const requests: RecordedRequest[] = [];
	const warnings: string[] = [];
	const response: RecordedResponse = { headers: {}, ended: false };
	const credentialTypes = new Map((options.credentialTypes ?? []).map((type) => [type.name, type]));

	const getCredentials = async (type: string) => {
		const data = options.credentials?.[type];
		if (!data)
			throw new Error(`Node "${node.name}" does not have any credentials of type "${type}" set`);
		return resolveCredentialData(data, credentialTypes.get(type));
	};

	// Execute-style (name, itemIndex, fallback?, options?) or hook/poll/webhook/loadOptions-style
	// (name, fallback?, options?): a non-numeric second argument is the fallback.
	function getNodeParameter(name: string, ...args: unknown[]): unknown {
		const executeStyle = typeof args[0] === 'number';
		const itemIndex = executeStyle ? (args[0] as number) : 0;
		const rest = executeStyle ? args.slice(1) : args;
		const [fallback, parameterOptions] = rest as [
			unknown,
			{ extractValue?: boolean; skipValidation?: boolean } | undefined,
		];
		let value = getPath(options.itemParams?.[itemIndex], name);
		if (value === undefined) value = getPath(options.params, name);
		if (value === undefined) {
			if (rest.length > 0) value = fallback;
			else throw new Error(`Could not get parameter "${name}"`);
		}
		if (parameterOptions?.extractValue && isResourceLocator(value)) value = value.value;
		if (value === undefined || !options.nodeType || parameterOptions?.skipValidation) return value;
		// n8n validates a resolved copy; never let its in-place conversion touch the test's params.
		const parameters = { ...(options.params ?? {}), ...(options.itemParams?.[itemIndex] ?? {}) };
		return validateValueAgainstSchema(
			{ ...node, parameters: parameters as INode['parameters'] },
			options.nodeType,
			structuredClone(value),
			name,
			0,
			itemIndex,
		);
	}

	const httpRequestWithAuthentication = async (
		credentialType: string,
		request: IHttpRequestOptions,
	) => {
		const credentials = await getCredentials(credentialType);
		const authenticated = await applyAuthentication(
			credentialTypes.get(credentialType),
			credentials,
			{
				...request,
				headers: { ...(request.headers ?? {}) },
			},
		);
		const url = authenticated.baseURL
			? `${authenticated.baseURL.replace(/\/+$/, '')}/${authenticated.url.replace(/^\/+/, '')}`
			: authenticated.url;
		requests.push({
			method: (authenticated.method ?? 'GET').toUpperCase(),
			url,
			qs: authenticated.qs,
			body: authenticated.body,
			headers: { ...(authenticated.headers ?? {}) },
			credentialType,
		});
		try {
			return await httpRequest(authenticated);
		} catch (error) {
			throw asThrownByN8nHost(node, error);
		}
	};

	const webhookRequest = options.webhook ?? {};
	const responseObject = {
		status(code: number) {
			response.statusCode = code;
			return responseObject;
		},
		setHeader(name: string, value: unknown) {
			response.headers[name.toLowerCase()] = value;
			return responseObject;
		},
		json(body: unknown) {
			response.body = body;
			response.ended = true;
			return responseObject;
		},
		send(body: unknown) {
			response.body = body;
			response.ended = true;
			return responseObject;
		},
		end(body?: unknown) {
			if (body !== undefined) response.body = body;
			response.ended = true;
			return responseObject;
		},
	};

	const context = {
		getNode: () => node,
		getInputData: () => items,
		getNodeParameter,
		getCurrentNodeParameter: (name: string) => getNodeParameter(name, 0, undefined),
		getCredentials,
		continueOnFail: () => options.continueOnFail ?? false,
		getMode: () => options.mode ?? 'manual',
		getActivationMode: () => options.activationMode ?? 'activate',
		getTimezone: () => options.timezone ?? 'Europe/Berlin',
		getWorkflow: () => ({
			id: 'wf-1',
			name: 'Test Workflow',
			active: false,
			...(options.workflow ?? {}),
		}),
		getExecutionId: () => 'exec-1',
		getWorkflowStaticData: (type: string) => (type === 'global' ? globalStaticData : staticData),
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.test/webhook/abc/factorial',
		getWebhookName: () => options.webhookName ?? 'default',
		getWebhookDescription: () => ({ name: options.webhookName ?? 'default' }),
		getRequestObject: () => ({
			method: webhookRequest.method ?? 'POST',
			headers: webhookRequest.headers ?? {},
			body: webhookRequest.body,
			query: webhookRequest.query ?? {},
			params: webhookRequest.params ?? {},
			rawBody: webhookRequest.rawBody,
		}),
		getResponseObject: () => responseObject,
		getHeaderData: () => webhookRequest.headers ?? {},
		getBodyData: () => webhookRequest.body ?? {},
		getQueryData: () => webhookRequest.query ?? {},
		getParamsData: () => webhookRequest.params ?? {},
		sendMessageToUI: () => undefined,
		logger: {
			debug: () => undefined,
			info: () => undefined,
			warn: (message: string) => {
				warnings.push(message);
			},
			error: () => undefined,
		},
		helpers: {
			httpRequestWithAuthentication,
			httpRequest: async (request: IHttpRequestOptions) => await httpRequest(request),
			returnJsonArray,
			constructExecutionMetaData,
		},
		[RETRY_TIMING]: options.retry,
	};

	return {
		requests,
		warnings,
		response,
		staticData,
		globalStaticData,
		node,
		asExecute: () => context as unknown as IExecuteFunctions,
		asLoadOptions: () => context as unknown as ILoadOptionsFunctions,
		asHook: () => context as unknown as IHookFunctions,
		asWebhook: () => context as unknown as IWebhookFunctions,
		asPoll: () => context as unknown as IPollFunctions,
	};
}
