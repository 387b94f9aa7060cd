/**
 * When a month's statistics are "closed" (结束), as the statistics bureau publishes: the cockpit and the goals
 * open on the latest closed month, because a month whose reports are still coming in reads low and its
 * comparable-set figures cover only the enterprises that have reported.
 *
 * A month M is closed when either
 *  - all its reports are in: no report of M is still in the workflow (draft, submitted, park-reviewed,
 *    returned) and every enterprise that had approved figures for M−1 has approved figures for M; or
 *  - its deadline has passed: today is later than day `closeDay` of the following month (default the 10th, the
 *    reporting deadline of SPEC §5; configurable with STATS_MONTH_CLOSE_DAY).
 * Pure: the caller counts the reports.
 */

export interface MonthReportCounts {
  year: number;
  month: number;
  /** Enterprises with approved figures for the month. */
  approved: number;
  /** Reports of the month still in the workflow. */
  pending: number;
  /** Enterprises with approved figures for the month before, still registered: the ones expected to report. */
  expected: number;
}

export const DEFAULT_MONTH_CLOSE_DAY = 10;

/** The last day before the month closes by its deadline, as YYYY-MM-DD: day `closeDay` of the next month. */
export function monthDeadline(year: number, month: number, closeDay = DEFAULT_MONTH_CLOSE_DAY): string {
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return `${next.y}-${String(next.m).padStart(2, '0')}-${String(closeDay).padStart(2, '0')}`;
}

export function isMonthClosed(counts: MonthReportCounts, today: string, closeDay = DEFAULT_MONTH_CLOSE_DAY): boolean {
  const allIn = counts.pending === 0 && counts.approved > 0 && counts.approved >= counts.expected;
  return allIn || today > monthDeadline(counts.year, counts.month, closeDay);
}

/** The latest closed month among `months` (any order); null when none is. */
export function latestClosedMonth(months: readonly MonthReportCounts[], today: string, closeDay = DEFAULT_MONTH_CLOSE_DAY): { year: number; month: number } | null {
  const closed = months.filter((m) => isMonthClosed(m, today, closeDay)).sort((a, b) => b.year * 12 + b.month - (a.year * 12 + a.month));
  return closed[0] ? { year: closed[0].year, month: closed[0].month } : null;
}
