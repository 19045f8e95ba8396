// The calendar of a working life, in one place: when a hire becomes active, when a leaver is gone, when a
// fixed-term contract ends, which termination reasons suspend at once. Used by the reconciliation planner,
// the JumpCloud node's User State operations (the Joiner and Leaver templates) and the Factorial Poll
// Trigger, so the three paths never disagree about a date. Pure: no n8n types, times as epoch ms.
import { DateTime, IANAZone } from 'luxon';

/** The hour a hire's account is activated, local time on the start date. */
export const ACTIVATION_TIME = '09:00:00';
/** The minute a leaver's account is suspended, local time on the last day (termination or contract end). */
export const LAST_MINUTE = '23:59:00';

/** Whether luxon can use `zone` (an IANA name such as Europe/Madrid). */
export function usableZone(zone: unknown): zone is string {
	return typeof zone === 'string' && zone.trim() !== '' && IANAZone.isValidZone(zone.trim());
}

export type LocalInstant = { utc: string; local: string; timezone: string };

/** `time` on `day` (YYYY-MM-DD) in `zone`, or why it cannot be read. */
export function localInstant(
	day: string | null | undefined,
	time: string,
	zone: string | null | undefined,
): LocalInstant | { problem: string } {
	const text = String(day ?? '').trim();
	if (!text) return { problem: 'no date' };
	if (!usableZone(zone)) return { problem: `"${zone ?? ''}" is not an IANA time zone` };
	const at = DateTime.fromISO(`${text.slice(0, 10)}T${time}`, { zone: zone.trim() });
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text.slice(0, 10)) || !at.isValid)
		return { problem: `"${text.slice(0, 40)}" is not a date (YYYY-MM-DD)` };
	return {
		utc: at.toUTC().toISO({ suppressMilliseconds: true }) as string,
		local: at.toISO({ suppressMilliseconds: true }) as string,
		timezone: zone.trim(),
	};
}

/**
 * The zone to read a leaver's dates in: the employee's location zone, else `fallback` (the workflow's) with
 * a note saying why. A leaver is never left active because of a bad zone; a hire is (see planStart).
 */
export function leaverZone(
	zone: string | null | undefined,
	fallback: string,
): { zone: string; note?: string } {
	if (usableZone(zone)) return { zone: zone.trim() };
	return {
		zone: fallback,
		note: zone
			? `"${zone}" is not an IANA time zone; ${fallback} used instead`
			: `no time zone for the location; ${fallback} used instead`,
	};
}

/** The end of `day` (23:59 local), when the account of someone whose last day it is gets suspended. */
export function endOfLastDay(
	day: string | null | undefined,
	zone: string,
): LocalInstant | { problem: string } {
	return localInstant(day, LAST_MINUTE, zone);
}

/**
 * THE rule for "gone": an employee is active through the end of `terminatedOn` (23:59 in the location's
 * zone, `fallbackZone` when that one is unusable). Gone once that minute has come; not gone without a
 * termination date. An unreadable date counts as gone (the date was set, and we cannot tell when).
 */
export function isGone(
	terminatedOn: string | null | undefined,
	zone: string | null | undefined,
	now: number,
	fallbackZone = 'UTC',
): boolean {
	if (!terminatedOn || !String(terminatedOn).trim()) return false;
	const end = endOfLastDay(terminatedOn, leaverZone(zone, fallbackZone).zone);
	return 'problem' in end ? true : Date.parse(end.utc) <= now;
}

/**
 * Whether a Factorial record is terminated (the date may be in the future) or inactive: what makes the Poll
 * Trigger emit `employee.terminated`. Terminated is not gone: see isGone.
 */
export function isTerminatedRecord(terminatedOn: unknown, active: unknown): boolean {
	return (
		(terminatedOn !== null && terminatedOn !== undefined && terminatedOn !== '') || active === false
	);
}

/** A hire terminated (or whose record was deleted) before the first day: the account must never activate. */
export function isRescindedHire(
	startDate: string | null | undefined,
	terminatedOn: string | null | undefined,
): boolean {
	if (!startDate || !terminatedOn) return false;
	return String(terminatedOn).slice(0, 10) < String(startDate).slice(0, 10);
}

/** When a staged hire becomes active: now, at 09:00 local on the start date, or not at all (staged). */
export type StartPlan =
	| { kind: 'now'; startDate: string; local: string; timezone: string }
	| { kind: 'schedule'; startDate: string; utc: string; local: string; timezone: string }
	| { kind: 'staged'; reason: string };

/**
 * The Joiner's rule: 09:00 on the start date in the location's zone. No start date, or a zone luxon cannot
 * use, leaves the user staged with the reason: nothing activates early. An empty zone is the workflow's
 * (`defaultZone`), as the templates have always read it.
 */
export function planStart(
	startDate: string | null | undefined,
	zone: string | null | undefined,
	now: number,
	defaultZone: string,
): StartPlan {
	if (!startDate || !String(startDate).trim())
		return { kind: 'staged', reason: 'no start date in Factorial; left staged' };
	const timezone = zone && String(zone).trim() ? String(zone).trim() : defaultZone;
	const at = localInstant(startDate, ACTIVATION_TIME, timezone);
	if ('problem' in at) return { kind: 'staged', reason: `start date: ${at.problem}; left staged` };
	const day = String(startDate).slice(0, 10);
	if (Date.parse(at.utc) <= now) return { kind: 'now', startDate: day, local: at.local, timezone };
	return { kind: 'schedule', startDate: day, utc: at.utc, local: at.local, timezone };
}

/** Reads a list of termination reasons from a setting: an array, or text separated by commas or lines. */
export function reasonList(value: unknown): string[] {
	const items = Array.isArray(value) ? value : String(value ?? '').split(/[,\n]/);
	return items
		.map((item) =>
			String(item ?? '')
				.trim()
				.toLowerCase(),
		)
		.filter((item) => item !== '');
}

/** Whether `reasonType` (Factorial `termination_reason_type`) is one of the reasons that suspend at once. */
export function isImmediateReason(reasonType: unknown, immediateReasons: unknown): boolean {
	const reason = String(reasonType ?? '')
		.trim()
		.toLowerCase();
	return reason !== '' && reasonList(immediateReasons).includes(reason);
}

/** Which suspension an employee's dates ask for. */
export type SuspensionPlan =
	| { kind: 'now'; reason: string }
	| { kind: 'schedule'; utc: string; local: string; timezone: string; reason: string }
	| { kind: 'none' };

export interface SuspensionInput {
	terminatedOn?: string | null;
	/** The current contract's end (`ends_on` of the contract version), for fixed-term contracts. */
	contractEndsOn?: string | null;
	/** Factorial `termination_reason_type`. */
	reasonType?: string | null;
	/** The reasons that suspend at once (a setting). */
	immediateReasons?: unknown;
	zone?: string | null;
}

/**
 * The suspension an employee's dates ask for: the earlier of the termination day and the contract's end,
 * at 23:59 local that day; now when that minute has passed or the termination reason is an immediate one;
 * none when neither date is set. A contract end already past on a record not terminated suspends now too.
 */
export function planSuspension(
	input: SuspensionInput,
	now: number,
	fallbackZone: string,
): SuspensionPlan {
	const { zone, note } = leaverZone(input.zone, fallbackZone);
	const noted = (text: string) => (note ? `${text} (${note})` : text);
	if (input.terminatedOn && isImmediateReason(input.reasonType, input.immediateReasons))
		return {
			kind: 'now',
			reason: `termination reason "${input.reasonType}" suspends at once`,
		};
	const days: Array<{ day: string; what: string }> = [];
	if (input.terminatedOn) days.push({ day: input.terminatedOn, what: 'terminated on' });
	if (input.contractEndsOn) days.push({ day: input.contractEndsOn, what: 'contract ends on' });
	if (!days.length) return { kind: 'none' };
	days.sort((a, b) => (a.day.slice(0, 10) < b.day.slice(0, 10) ? -1 : 1));
	const first = days[0];
	const end = endOfLastDay(first.day, zone);
	if ('problem' in end)
		return { kind: 'now', reason: noted(`${first.what} ${first.day}: ${end.problem}`) };
	if (Date.parse(end.utc) <= now)
		return {
			kind: 'now',
			reason: noted(`${first.what} ${first.day.slice(0, 10)} (the end of that day has passed)`),
		};
	return {
		kind: 'schedule',
		...end,
		reason: noted(`${first.what} ${first.day.slice(0, 10)}: suspension at ${end.local}`),
	};
}

/**
 * The pre-start window (Settings → preStartDays, as Okta's pre-start interval): how many days before the
 * start date a hire's account is created. Empty (null, undefined, '') is off: created at hire, as always.
 */
export function readPreStartDays(value: unknown): number | undefined | { problem: string } {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const days = Number(String(value).trim());
	if (!Number.isInteger(days) || days < 0 || days > 3650)
		return { problem: `"${String(value).slice(0, 40)}" is not a whole number of days (0 or more)` };
	return days;
}

/** Whether a hire's account is created now or waits for the pre-start window (and until which day). */
export type PreStartPlan = { kind: 'create' } | { kind: 'wait'; createOn: string; reason: string };

/**
 * A hire whose start date is more than `days` days away (calendar days in the location's zone, the
 * workflow's when unusable) waits: its account is created on `createOn`, `days` before the start date.
 * Off (`days` undefined) or no readable start date: created now, as without the window.
 */
export function planPreStart(
	startDate: string | null | undefined,
	zone: string | null | undefined,
	now: number,
	defaultZone: string,
	days: number | undefined,
): PreStartPlan {
	if (days === undefined || !startDate) return { kind: 'create' };
	const day = String(startDate).slice(0, 10);
	const start = DateTime.fromISO(day, { zone: 'UTC' });
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !start.isValid) return { kind: 'create' };
	const timezone = usableZone(zone) ? zone.trim() : defaultZone;
	const today = DateTime.fromMillis(now, { zone: timezone }).toISODate() as string;
	const createOn = start.minus({ days }).toISODate() as string;
	if (today >= createOn) return { kind: 'create' };
	return {
		kind: 'wait',
		createOn,
		reason: `waiting for pre-start window: the account is created on ${createOn} (${days} days before the start date ${day})`,
	};
}
