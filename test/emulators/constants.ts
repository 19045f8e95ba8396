/**
 * Every contract choice the emulators make where the reference notes (factorial-api.md, jumpcloud-api.md)
 * are unsure lives here, so one edit changes it everywhere. Each entry says where it comes from:
 * [DOC] documented, [OBS] observed by a third party, [GUESS] our choice.
 */

// ---------------------------------------------------------------- Factorial

/** [DOC] Dated versions listed in factorial-api.md §1. Others answer 404. */
export const FACTORIAL_KNOWN_VERSIONS = [
	'2024-10-01',
	'2025-01-01',
	'2025-04-01',
	'2025-07-01',
	'2025-10-01',
	'2026-01-01',
	'2026-04-01',
	'2026-07-01',
	'2026-10-01',
	'2027-01-01',
] as const;

/** [DOC] From this version on every id (and *_id reference) is a string; before it, numbers. */
export const FACTORIAL_STRING_IDS_FROM = '2026-07-01';

/** [DOC] Default and maximum page size of list endpoints (larger limits are clamped). */
export const FACTORIAL_MAX_PAGE_SIZE = 100;

/** [DOC] SDK test fixture: 401 body is `{"errors": null}`. Same body for a missing and a wrong key [GUESS]. */
export const FACTORIAL_UNAUTHORIZED_BODY = { errors: null } as const;

/** [GUESS] 404 / 422 bodies follow the legacy `{"errors": [...]}` shape. */
export const factorialErrorBody = (...messages: string[]) => ({ errors: messages });

/**
 * Webhook subscription uniqueness per (company, type). [DOC] apidoc.factorialhr.com/docs/manage-webhooks
 * ("Existing webhook"): "If a webhook to an event already exists, creating a new subscription will overwrite
 * the previous subscription" (docs/reference/factorial-api-notes.md). Live-run notes say 422 "already been
 * taken" instead. Default: the documented overwrite. [GUESS] whether the overwritten subscription keeps its
 * ID is unpublished: 'overwrite' replaces it (old ID gone, new ID), 'overwriteInPlace' keeps the ID and
 * replaces its fields. 'reject' answers 422 (the other observed behaviour), 'allow' keeps both.
 * Per-start option `duplicateSubscriptionPolicy` overrides.
 */
export type DuplicateSubscriptionPolicy = 'reject' | 'overwrite' | 'overwriteInPlace' | 'allow';
export const FACTORIAL_DUPLICATE_SUBSCRIPTION_POLICY: DuplicateSubscriptionPolicy = 'overwrite';
export const FACTORIAL_DUPLICATE_SUBSCRIPTION_MESSAGE = 'Type has already been taken';

/** [DOC] Header echoed on every delivery; no HMAC signature exists. */
export const FACTORIAL_CHALLENGE_HEADER = 'x-factorial-wh-challenge';

/**
 * [DOC] Real retries: 20 attempts over 48 hours, then the subscription is disabled.
 * [GUESS] Emulator default: 5 attempts with a short exponential backoff (baseDelayMs * 2^n), disabled after
 * the last failure. Success = any 2xx [GUESS].
 */
export const FACTORIAL_WEBHOOK_DEFAULTS = { maxAttempts: 5, baseDelayMs: 50, timeoutMs: 5000 };

/** [GUESS] `emails[]` matches `email` or `login_email`, case-insensitively. */
export const FACTORIAL_EMAIL_FILTER_CASE_INSENSITIVE = true;

/** [GUESS] `name_starts_with` matches the start of first_name, last_name or full_name, case-insensitively. */
export const FACTORIAL_NAME_STARTS_WITH_FIELDS = ['first_name', 'last_name', 'full_name'] as const;

/** [GUESS] OAuth token lifetime the emulator announces (docs example says 7200). */
export const FACTORIAL_OAUTH_EXPIRES_IN = 7200;

/** [GUESS] Doorkeeper-style OAuth error body. */
export const oauthErrorBody = (error: string, description: string) => ({
	error,
	error_description: description,
});

// ---------------------------------------------------------------- JumpCloud

/** [OBS] Wrong API key. */
export const JUMPCLOUD_UNAUTHORIZED_BODY = {
	error: 'Unauthorized',
	message: 'Unauthorized: api key user not found',
} as const;

/** [OBS] A missing API key answers 302 to this path (which serves an HTML login page). */
export const JUMPCLOUD_LOGIN_PATH = '/login';

/** [DOC] V1 and V2 list limit maximum; [OBS] error text above it. */
export const JUMPCLOUD_MAX_LIMIT = 100;
export const JUMPCLOUD_DEFAULT_LIMIT = 10;
export const jumpCloudLimitErrorBody = (max: number) => ({
	message: `Bad Request: request parameter "limit" exceeds maximum value of ${max}`,
});

/** [GUESS] POST /search/systemusers accepts more (JumpCloud's own module sends 1000). */
export const JUMPCLOUD_SEARCH_MAX_LIMIT = 1000;

/**
 * Duplicate username / email / employeeIdentifier on create or update. [GUESS] 400 with the spec's
 * ErrorDetails shape: the V1 spec lists only 200 for User_Create; its 400 "User already exists" was removed in
 * 2021 (docs/reference/jumpcloud.md), so status, text and field violation are all ours.
 * Uniqueness is checked case-insensitively [GUESS].
 */
export const JUMPCLOUD_DUPLICATE_USER_STATUS = 400;
export const jumpCloudDuplicateUserBody = (field: string) => ({
	code: 400,
	message: `User already exists: ${field} must be unique`,
	status: 'ALREADY_EXISTS',
	details: [
		{
			'@type': 'type.googleapis.com/google.rpc.BadRequest',
			fieldViolationsList: [{ field, description: 'already exists' }],
		},
	],
});
export const JUMPCLOUD_UNIQUE_CASE_INSENSITIVE = true;

/** [DOC] `Error` = {code, message, status}; used for 400/404 we invent the texts [GUESS]. */
export const jumpCloudError = (code: number, message: string, status: string) => ({
	code,
	message,
	status,
});

/** [GUESS] Body of 200 answers of unlock / resetmfa / expire / state actions (the spec shows none of interest). */
export const JUMPCLOUD_ACTION_BODY = {} as const;

/**
 * [SPEC-V1 `UserState_Activate`] "This endpoint changes the state of a STAGED user to ACTIVATED." Nothing
 * says it reactivates a SUSPENDED user, so the emulator refuses that (400, our text [GUESS]) unless a test
 * opts into `lenient: ['activateSuspended']`; reactivation goes through `PUT /systemusers/{id}` `state`.
 */
export const JUMPCLOUD_ACTIVATE_SUSPENDED_REFUSAL = 'User is not in the STAGED state';

/** [G in reference §4.5] Duplicate add -> 409 {"message":"Already Exists"}; removing a non-member -> 404. */
export const JUMPCLOUD_MEMBER_ALREADY_EXISTS = {
	status: 409,
	body: { message: 'Already Exists' },
} as const;
export const JUMPCLOUD_MEMBER_NOT_FOUND = { status: 404, body: { message: 'Not Found' } } as const;

/** [GUESS, JCCLI mock] Duplicate group name. */
export const JUMPCLOUD_GROUP_EXISTS = {
	status: 409,
	body: { message: 'Group already exists' },
} as const;

/** [DOC says 200 (UserGroup) or 204] We answer 200 with the deleted group. */
export const JUMPCLOUD_GROUP_DELETE_STATUS: 200 | 204 = 200;

/**
 * [OBS] The real JumpCloud sends no Retry-After on 429. The brief asks for one so clients can be tested;
 * a start option `retryAfterHeader: false` gives the realistic behaviour.
 */
export const JUMPCLOUD_SENDS_RETRY_AFTER = true;

// ---------------------------------------------------------------- Both

/** Control API prefix; never counted, rate limited, delayed or faulted. */
export const CONTROL_PREFIX = '/__emulator';

/** [GUESS] Largest request body accepted (413 above). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Default for the `slow` fault kind. */
export const DEFAULT_SLOW_MS = 1500;

/** [DOC] Without `state`, the org default applies; [GUESS] the emulated org default is ACTIVATED. */
export const JUMPCLOUD_DEFAULT_NEW_USER_STATE = 'ACTIVATED';

/** [GUESS] 404 body for unknown ids (the spec names the `Error` schema only). */
export const JUMPCLOUD_NOT_FOUND_BODY = { message: 'Not Found' } as const;
