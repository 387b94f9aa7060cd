/**
 * When enterprises are reminded of a monthly report (SPEC §4, §5): the report of month M is due on the
 * 10th of month M + 1 (the default deadline); from `daysBefore` days before that day until the day itself,
 * enterprises that have not submitted it get a daily reminder. Pure: the caller passes the day.
 */

/** The calendar day in Shanghai (YYYY-MM-DD) of an instant: reminders and de-duplication go by it. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const DEADLINE_DAY = 10;

export interface ReminderWindow {
  year: number;
  month: number;
  /** YYYY-MM-DD */
  deadline: string;
  daysLeft: number;
}

/** The report period to remind of on `day` (YYYY-MM-DD), or null outside the reminder window. */
export function reminderWindow(day: string, daysBefore: number): ReminderWindow | null {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const daysLeft = DEADLINE_DAY - d;
  if (daysLeft < 0 || daysLeft > daysBefore) return null;
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  return { year, month, deadline: `${y}-${String(m).padStart(2, '0')}-${String(DEADLINE_DAY).padStart(2, '0')}`, daysLeft };
}
