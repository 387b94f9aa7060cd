import { formatPeriod } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import { DEFAULT_MONTH_CLOSE_DAY, isMonthClosed, latestClosedMonth } from '../../domain/statistics/month-close.ts';
import { cachedStatsView, type StatsViewRequest } from './stats-cache.ts';
import { latestApprovedPeriod, recentMonthCounts } from './stats-query.repository.ts';

/** Today (YYYY-MM-DD) and the day of the following month on which a month closes whatever is missing. */
export interface MonthCloseRule {
  today: string;
  closeDay: number;
}

export const monthCloseRule = (now: Date, closeDay = DEFAULT_MONTH_CLOSE_DAY): MonthCloseRule => ({ today: now.toISOString().slice(0, 10), closeDay });

export interface StatsPeriods {
  /** The period the cockpit and goals open on: the latest closed month, else the latest with figures. */
  period: { year: number; month: number } | null;
  latest: string | null;
  closed: string | null;
  /** Months after the latest closed one that already have figures: offered, marked 未结束 / in progress. */
  open: string[];
  closeDay: number;
}

/**
 * Which months are closed (domain/statistics/month-close.ts), from the report counts of the latest months.
 * Cached like a view: the counts change with the rollups (approvals) and with reports appearing or changing
 * status (the reports token), so a cockpit request reads them with the token in one query.
 */
export async function statsPeriods(db: Db, rule: MonthCloseRule): Promise<StatsPeriods> {
  const view = statsPeriodsView(db, rule);
  return cachedStatsView(db, view.key, view.compute, view.options);
}

/** The periods as a cached view, for views keyed by them (cachedStatsViewThen: both in one lookup). */
export function statsPeriodsView(db: Db, rule: MonthCloseRule): StatsViewRequest<StatsPeriods> {
  return { key: JSON.stringify(['periods', rule]), compute: () => computeStatsPeriods(db, rule), options: { reportsToken: true } };
}

async function computeStatsPeriods(db: Db, rule: MonthCloseRule): Promise<StatsPeriods> {
  const latest = await latestApprovedPeriod(db);
  if (!latest) return { period: null, latest: null, closed: null, open: [], closeDay: rule.closeDay };
  const counts = await recentMonthCounts(db);
  const closed = latestClosedMonth(counts, rule.today, rule.closeDay);
  // No closed month among the latest three with figures (a new installation): the latest, marked in progress.
  const period = closed ?? latest;
  const closedIndex = closed ? closed.year * 12 + closed.month - 1 : -1;
  const open = counts
    .filter((c) => c.year * 12 + c.month - 1 > closedIndex && !isMonthClosed(c, rule.today, rule.closeDay))
    .map((c) => formatPeriod(c.year, c.month))
    .sort();
  return { period, latest: formatPeriod(latest.year, latest.month), closed: closed ? formatPeriod(closed.year, closed.month) : null, open, closeDay: rule.closeDay };
}
