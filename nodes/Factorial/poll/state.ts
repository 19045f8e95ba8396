/**
 * What the Factorial Poll Trigger keeps between polls, and when it reads the whole company.
 * Pure module: no n8n imports. The state lives in the node's workflow static data (saved by n8n with
 * the workflow, so it survives restarts and works the same in queue mode).
 */
import { FINGERPRINT_VERSION, type FingerprintMap } from './fingerprint';

/**
 * Factorial's list filter for "changed since". It compares only the date part (from 00:00), so one
 * poll per day and one per minute read the same records. Unconfirmed against the live API: change it
 * here only (factorial-api.md section 3, list filters).
 */
export const UPDATED_SINCE_FILTER = 'updated_at_gteq';

/**
 * Days subtracted from the last poll's UTC date before filtering. Factorial may read the date in the
 * company's time zone (unconfirmed); a day of margin keeps a company west of UTC from missing the hours
 * between UTC midnight and its own. The fingerprints drop the records re-read because of it.
 */
export const UPDATED_SINCE_MARGIN_DAYS = 1;

export const DEFAULT_FULL_PASS_HOURS = 24;

export interface PollState {
	version: number;
	/**
	 * UTC day (YYYY-MM-DD) the last successful poll started. A day, not a time: the filter is
	 * date-granular, and the value then changes once a day, so a poll that finds nothing new leaves the
	 * static data untouched and n8n does not rewrite it.
	 */
	lastPollDay: string;
	/** ISO time the last full pass started. */
	lastFullPassAt: string;
	employees: FingerprintMap;
}

function isFingerprintMap(value: unknown): value is FingerprintMap {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	return Object.values(value).every(
		(entry) => Array.isArray(entry) && entry.every((part) => typeof part === 'string'),
	);
}

/**
 * The stored state, or undefined when there is none or it has another layout (then the next poll
 * records a fresh baseline instead of reporting every employee as changed).
 */
export function readPollState(staticData: Record<string, unknown>): PollState | undefined {
	const { version, lastPollDay, lastFullPassAt, employees } = staticData;
	if (version !== FINGERPRINT_VERSION) return undefined;
	if (typeof lastPollDay !== 'string' || !DAY.test(lastPollDay)) return undefined;
	if (typeof lastFullPassAt !== 'string' || Number.isNaN(Date.parse(lastFullPassAt)))
		return undefined;
	if (!isFingerprintMap(employees)) return undefined;
	return { version, lastPollDay, lastFullPassAt, employees };
}

/**
 * Replaces the stored state in place (n8n saves the static data object it handed out). Only keys whose
 * value differs are written: n8n marks static data as changed on any assignment and then rewrites it
 * whole, so pass the stored `employees` object itself when the fingerprints did not change.
 */
export function writePollState(staticData: Record<string, unknown>, state: PollState): void {
	for (const key of Object.keys(staticData)) {
		if (!(key in state)) delete staticData[key];
	}
	for (const [key, value] of Object.entries(state)) {
		if (staticData[key] !== value) staticData[key] = value;
	}
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** UTC day of a time, YYYY-MM-DD. */
export function utcDay(time: Date): string {
	return time.toISOString().slice(0, 10);
}

export function isFullPassDue(
	state: PollState | undefined,
	now: Date,
	everyHours: number,
): boolean {
	if (state === undefined) return true;
	const hours =
		Number.isFinite(everyHours) && everyHours > 0 ? everyHours : DEFAULT_FULL_PASS_HOURS;
	return now.getTime() - Date.parse(state.lastFullPassAt) >= hours * 3_600_000;
}

/** The `updated_at_gteq` value for an incremental poll: YYYY-MM-DD. */
export function updatedSinceDay(
	lastPollDay: string,
	marginDays = UPDATED_SINCE_MARGIN_DAYS,
): string {
	return utcDay(new Date(Date.parse(`${lastPollDay}T00:00:00.000Z`) - marginDays * 86_400_000));
}
