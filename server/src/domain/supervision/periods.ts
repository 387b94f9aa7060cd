/**
 * Reporting cycles of supervision items (issue 12 §2): a monthly item reports per month ("2026-03"), a
 * quarterly one per quarter ("2026-Q1"). A period's report is due `dueDays` days after the period's last day
 * (default 10: the 10th of the next month, as the monthly statistics). Days are calendar days in Shanghai as
 * YYYY-MM-DD strings; the caller converts instants with shanghaiDay. Pure: no I/O.
 */
export type Cycle = 'monthly' | 'quarterly';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Days between two YYYY-MM-DD days (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The period of `cycle` that contains `day`. */
export function periodOf(day: string, cycle: Cycle): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return cycle === 'monthly' ? `${y}-${pad2(m)}` : `${y}-Q${Math.ceil(m / 3)}`;
}

export function isPeriod(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/.test(value);
}

export function cycleOfPeriod(period: string): Cycle {
  return period.includes('Q') ? 'quarterly' : 'monthly';
}

/** The last day of a period. */
export function periodEnd(period: string): string {
  const year = Number(period.slice(0, 4));
  const lastMonth = period.includes('Q') ? Number(period.slice(6)) * 3 : Number(period.slice(5, 7));
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, lastMonth, 0)).toISOString().slice(0, 10);
}

export function periodStart(period: string): string {
  const year = Number(period.slice(0, 4));
  const firstMonth = period.includes('Q') ? (Number(period.slice(6)) - 1) * 3 + 1 : Number(period.slice(5, 7));
  return `${year}-${pad2(firstMonth)}-01`;
}

export function reportDueOn(period: string, dueDays: number): string {
  return addDays(periodEnd(period), dueDays);
}

/** Every period of a year, in order. */
export function periodsOfYear(year: number, cycle: Cycle): string[] {
  return cycle === 'monthly' ? Array.from({ length: 12 }, (_, i) => `${year}-${pad2(i + 1)}`) : [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

/**
 * The periods a unit owes a report for, as of `asOf`: from the period in which the work plan was set
 * (`from`) to the last period of the year that has ended. A period still running is not owed yet.
 */
export function owedPeriods(year: number, cycle: Cycle, from: string, asOf: string): string[] {
  const first = periodOf(from, cycle);
  return periodsOfYear(year, cycle).filter((p) => p >= first && periodEnd(p) < asOf);
}
