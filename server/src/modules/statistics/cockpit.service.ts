import { sql } from 'drizzle-orm';
import { INDICATOR_BY_CODE, formatPeriod, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { BreakdownRowView, CockpitView } from '../../../../contracts/statistics.ts';
import type { Db } from '../../db/client.ts';
import { emptyGrowthSums, fromYuan } from '../../domain/statistics/index.ts';
import { milestoneOfIndicator } from './goal-progress.service.ts';
import { loadGroupNamer } from './group-names.ts';
import { cachedStatsViewThen, registerStatsView } from './stats-cache.ts';
import { enterpriseMovers, groupSeries, groupSumsOfDims } from './stats-query.repository.ts';
import { monthCloseRule, statsPeriodsView, type MonthCloseRule, type StatsPeriods } from './stats-period.ts';
import { breakdownOf, presentBreakdown, presentRow } from './stats-query.service.ts';
import type { StatsScope } from './stats.policy.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * The cockpit (驾驶舱) in one call: totals, the monthly trend against last year and the milestone line, the
 * domain, zone and domain × zone breakdowns, and the enterprises that moved the total most. Everything comes
 * from the rollups; a park's cockpit is computed over its own zone only (see stats.policy.ts).
 */

const TOP = 10;

export interface CockpitOptions {
  period?: { year: number; month: number };
  indicator: IndicatorCode;
  /** Today and the close day: without a period the cockpit opens on the latest closed month (stats-period.ts). */
  close?: MonthCloseRule;
}

export async function computeCockpit(db: Db, scope: StatsScope, options: CockpitOptions): Promise<CockpitView> {
  // Which month is closed depends on the date as well as the data: part of the key, not of the cached view.
  const rule = options.close ?? monthCloseRule(new Date());
  // Keyed by the periods (which months are closed): both views in one lookup when this process holds the periods.
  return cachedStatsViewThen(db, statsPeriodsView(db, rule), (periods) => ({
    key: JSON.stringify(['cockpit', scope, options.indicator, options.period ?? periods.period ?? 'none', periods]),
    compute: () => computeCockpitNow(db, scope, options, periods),
    options: { replay: { kind: 'cockpit', request: { scope, options } } },
  }));
}

// After an approval the recently read cockpits are computed again from their request (stats-cache.ts).
registerStatsView('cockpit', (db, request: { scope: StatsScope; options: CockpitOptions }) => computeCockpit(db, request.scope, request.options));

/** The cockpit computed from the rollups (synchronised by the cache's token read). */
async function computeCockpitNow(db: Db, scope: StatsScope, options: CockpitOptions, periods: StatsPeriods): Promise<CockpitView> {
  const period = options.period ?? periods.period ?? { year: new Date().getUTCFullYear(), month: 1 };
  const args = { indicator: options.indicator, year: period.year, month: period.month };
  const names = await loadGroupNamer(db);
  let domains, zones, domainZone;
  if (scope.kind === 'district') {
    // Every card of the district from the pre-aggregated cells, in one read.
    const cells = await groupSumsOfDims(db, ['total', 'domain', 'zone', 'domain-zone'], args.indicator, args.year, args.month);
    const total = cells.get('total')?.[0] ?? { code: 'all', ...emptyGrowthSums() };
    domains = presentBreakdown(scope, 'domain', args, cells.get('domain')!, total, names);
    zones = presentBreakdown(scope, 'zone', args, cells.get('zone')!, total, names);
    domainZone = presentBreakdown(scope, 'domain-zone', args, cells.get('domain-zone')!, total, names);
  } else {
    domains = await breakdownOf(db, scope, 'domain', args, names);
    zones = await breakdownOf(db, scope, 'zone', args, names);
    domainZone = await breakdownOf(db, scope, 'domain-zone', args, names);
  }

  // Top movers: enterprises by their own change, with contribution and pull relative to the scope's total.
  const total = domains.totalSums;
  const moverSums = await enterpriseMovers(db, { ...args, limit: TOP, ...(scope.kind === 'zone' ? { population: [{ dim: 'zone', keys: [scope.code] }] } : {}) });
  const namer = await loadGroupNamer(db, moverSums.map((g) => g.code));
  const movers = moverSums.map((g) => presentRow('enterprise', g, total, namer));
  const deltaOf = (r: BreakdownRowView) => r.ytd - r.base;

  const coords = new Map(
    (await rowsOf<{ code: string; lon: string | null; lat: string | null }>(db, sql`SELECT code, lon::text, lat::text FROM zones`)).map((z) => [z.code, z]),
  );
  const trend = await trendOf(db, scope, options.indicator, period.year);
  const milestoneYtd = await milestoneLine(db, scope, options.indicator, period);
  return {
    period: formatPeriod(period.year, period.month),
    indicator: options.indicator,
    unit: INDICATOR_BY_CODE[options.indicator].unit,
    scope: domains.view.scope,
    total: domains.view.total,
    trend: trend.map((t) => ({ ...t, milestoneYtd: milestoneYtd === null ? null : Math.round(((milestoneYtd * t.month) / 12) * 10_000) / 10_000 })),
    domains: domains.view.rows,
    zones: zones.view.rows.map((r) => ({ ...r, lon: numberOrNull(coords.get(r.code)?.lon), lat: numberOrNull(coords.get(r.code)?.lat) })),
    domainZone: domainZone.view.rows.map((r) => {
      const [domain = 'none', zone = 'none'] = r.code.split('|');
      return { ...r, domain, zone };
    }),
    // Equal changes keep the database's order (by id), so the lists are deterministic.
    topContributors: movers.filter((r) => deltaOf(r) > 0).sort((a, b) => deltaOf(b) - deltaOf(a)).slice(0, TOP),
    topDecliners: movers.filter((r) => deltaOf(r) < 0).sort((a, b) => deltaOf(a) - deltaOf(b)).slice(0, TOP),
    latestPeriod: periods.latest,
    closedPeriod: periods.closed,
    openPeriods: periods.open,
    monthCloseDay: periods.closeDay,
  };
}

const numberOrNull = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

async function trendOf(db: Db, scope: StatsScope, indicator: IndicatorCode, year: number) {
  const [dim, key] = scope.kind === 'zone' ? (['zone', scope.code] as const) : (['total', 'all'] as const);
  const cells = await groupSeries(db, dim, key, indicator, year - 1, year);
  const at = (y: number, m: number) => cells.find((c) => c.year === y && c.month === m);
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const cur = at(year, month);
    const prev = at(year - 1, month);
    return {
      month,
      value: cur && cur.enterprises > 0 ? fromYuan(cur.monthYuan) : null,
      lastYear: prev && prev.enterprises > 0 ? fromYuan(prev.monthYuan) : null,
      ytd: cur && cur.enterprises > 0 ? fromYuan(cur.nominalYtdYuan) : null,
      lastYearYtd: prev ? fromYuan(prev.nominalYtdYuan) : null,
      // How many enterprises' reports are in: a month whose reports are still coming in looks like a slump.
      reporters: cur?.enterprises ?? 0,
      lastYearReporters: prev?.enterprises ?? 0,
    };
  });
}

/** This year's milestone of the goal measured by this indicator (district only: goals are district-wide). */
async function milestoneLine(db: Db, scope: StatsScope, indicator: IndicatorCode, period: { year: number; month: number }): Promise<number | null> {
  if (scope.kind !== 'district') return null;
  return milestoneOfIndicator(db, scope, indicator, period.year);
}
