/**
 * Working time in the Shanghai calendar (issue 14 §5): SLA clocks run only in working hours (09:00–17:00
 * Shanghai time, 8 hours a day) on working days. A working day is Monday–Friday unless the calendar says
 * otherwise: public holidays are days off, and 调休 weekends are working days — no weekday rule can compute
 * them, so they are data (service_calendar_days).
 *
 * Shanghai has no daylight saving time: local time is UTC+8 all year.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
export const WORK_START_HOUR = 9;
export const WORK_END_HOUR = 17;

/** Days that differ from the Monday–Friday rule: ISO date → is it a working day. */
export type CalendarOverrides = ReadonlyMap<string, boolean>;

/** The Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, overrides: CalendarOverrides): boolean {
  const override = overrides.get(day);
  if (override !== undefined) return override;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The instant of a Shanghai local hour on a day. */
function localInstant(day: string, hour: number): number {
  return Date.parse(`${day}T00:00:00Z`) - OFFSET_MS + hour * 3600_000;
}

/**
 * The instant at which `minutes` working minutes have elapsed after `start`. A request filed at night or on a
 * holiday starts its clock at the next working morning; a limit that ends exactly at 17:00 ends then (not the
 * next morning).
 */
export function addWorkingMinutes(start: Date, minutes: number, overrides: CalendarOverrides): Date {
  let remaining = minutes * 60_000;
  let cursor = start.getTime();
  // A bound on the walk: a calendar with no working day in ten years is a configuration error.
  for (let guard = 0; guard < 3700; guard++) {
    const day = shanghaiDate(new Date(cursor));
    if (isWorkingDay(day, overrides)) {
      const windowStart = localInstant(day, WORK_START_HOUR);
      const windowEnd = localInstant(day, WORK_END_HOUR);
      const from = Math.max(cursor, windowStart);
      if (from < windowEnd || (remaining === 0 && from <= windowEnd)) {
        const available = windowEnd - from;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
      }
    }
    cursor = localInstant(day, 0) + DAY_MS;
  }
  throw new Error('addWorkingMinutes: no working day found within ten years');
}

export function addWorkingHours(start: Date, hours: number, overrides: CalendarOverrides): Date {
  return addWorkingMinutes(start, Math.round(hours * 60), overrides);
}

export type SlaPhase = 'on-time' | 'due-soon' | 'overdue';

/**
 * Where a step's clock stands at `now`: overdue strictly after the due instant (a reply at the very minute
 * is on time), due soon once `remindShare` of the working-hour limit has elapsed.
 */
export function slaPhase(now: Date, startedAt: Date, limitHours: number, remindShare: number, overrides: CalendarOverrides): SlaPhase {
  const due = addWorkingHours(startedAt, limitHours, overrides);
  if (now.getTime() > due.getTime()) return 'overdue';
  const remindAt = addWorkingMinutes(startedAt, Math.floor(limitHours * 60 * remindShare), overrides);
  return now.getTime() >= remindAt.getTime() ? 'due-soon' : 'on-time';
}
