/** Shanghai-time helpers of the booking week grid (the district's clock, whatever the browser's zone). */
const OFFSET_MS = 8 * 3600_000;

export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Monday of the week containing `day` (YYYY-MM-DD), plus `weeks`. */
export function mondayOf(day: string, weeks = 0): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000 + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function instantOf(day: string, hour: number, minute = 0): string {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`).toISOString();
}

/** Shanghai HH:MM of an instant. */
export function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(11, 16);
}

/** Is the hour cell [day hour:00, +1 h) overlapped by any busy slot? */
export function cellBusy(day: string, hour: number, slots: readonly { start: string; end: string }[]): boolean {
  const from = Date.parse(instantOf(day, hour));
  const to = from + 3600_000;
  return slots.some((s) => Date.parse(s.start) < to && Date.parse(s.end) > from);
}
