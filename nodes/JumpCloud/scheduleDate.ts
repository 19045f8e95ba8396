import { DateTime, IANAZone } from 'luxon';

/**
 * Turns a date-time entered in the UI into the UTC instant JumpCloud's bulk/userstates wants.
 * A value without an offset is wall-clock time in `zone`; a value with one keeps its instant.
 */
export function resolveScheduleDate(
	value: string,
	zone: string,
): { utc: string; local: string } | { field: string; error: string } {
	if (!IANAZone.isValidZone(zone))
		return { field: 'Time Zone', error: `"${zone}" is not an IANA time zone` };
	const text = String(value ?? '').trim();
	if (!text) return { field: 'Date and Time', error: 'is empty' };
	const parsed = DateTime.fromISO(text, { zone });
	if (!parsed.isValid)
		return { field: 'Date and Time', error: `"${text}" is not a valid ISO date-time` };
	const inZone = parsed.setZone(zone);
	return {
		utc: parsed.toUTC().toISO({ suppressMilliseconds: true }) as string,
		local: inZone.toISO({ suppressMilliseconds: true }) as string,
	};
}
