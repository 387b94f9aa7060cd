/**
 * Month and day arithmetic on plain numbers. Date.UTC is used only as a pure calendar function (it never
 * reads the clock), so the generator stays deterministic and time-zone independent.
 */
export interface YearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

/** Months since year 0: consecutive months differ by one, so ranges are simple loops. */
export const monthIndex = (ym: YearMonth): number => ym.year * 12 + (ym.month - 1);
export const fromMonthIndex = (index: number): YearMonth => ({ year: Math.floor(index / 12), month: (index % 12) + 1 });
/** Memoised: the same few hundred months and few thousand days recur millions of times in large benchmarks. */
const periodCache = new Map<number, string>();
export const periodOf = (index: number): string => {
  let text = periodCache.get(index);
  if (text === undefined) {
    const { year, month } = fromMonthIndex(index);
    text = `${year}-${String(month).padStart(2, '0')}`;
    periodCache.set(index, text);
  }
  return text;
};

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC) of a calendar date; out-of-range days roll over as Date.UTC does. */
export const dayNumber = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / MS_PER_DAY;

const isoCache = new Map<number, string>();
export const isoDate = (day: number): string => {
  const whole = Math.round(day);
  let text = isoCache.get(whole);
  if (text === undefined) {
    text = new Date(whole * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(whole, text);
  }
  return text;
};

export const parseIsoDate = (iso: string): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
};

/** First day (day number) of the month with the given month index. */
export const firstDayOfMonth = (index: number): number => {
  const { year, month } = fromMonthIndex(index);
  return dayNumber(year, month, 1);
};

/** Month index of a day number. */
export const monthIndexOfDay = (day: number): number => {
  const d = new Date(Math.round(day) * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

export const AVERAGE_DAYS_PER_MONTH = 30.44;

/**
 * The last complete calendar month before the given date: what "asOf" should be when seeding today.
 * Takes the date as an argument (rather than reading the clock) so callers decide what "today" is.
 */
export function lastCompleteMonth(today: Date): YearMonth {
  return fromMonthIndex(today.getUTCFullYear() * 12 + today.getUTCMonth() - 1);
}
