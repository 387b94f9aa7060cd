import { INDICATOR_BY_CODE, formatPeriod, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { BreakdownRowView, BreakdownView, DrillView, Figures, StatDimension } from '../../../../contracts/statistics.ts';
import { errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { emptyGrowthSums, growthFigures, type GrowthSumsYuan } from '../../domain/statistics/index.ts';
import { loadGroupNamer, type GroupNamer } from './group-names.ts';
import { syncChangedEnterprises } from './rollup.repository.ts';
import { enterpriseSums, groupSums, type KeyedSums, type Population } from './stats-query.repository.ts';
import type { StatsScope } from './stats.policy.ts';

/**
 * Breakdowns with contribution and pull (SPEC §4), from the rollups. The arithmetic is the statistics
 * domain's: sums arrive as integer 元, `growthFigures` turns them into figures, and contribution and pull are
 * taken exactly as computeBreakdown takes them — the same divisions on the same integers give the same doubles.
 */

export interface PeriodArgs {
  indicator: IndicatorCode;
  year: number;
  month: number;
}

export function figuresOf(sums: GrowthSumsYuan, total: GrowthSumsYuan): Figures {
  const totalDelta = total.ytdYuan - total.baseYuan;
  const delta = sums.ytdYuan - sums.baseYuan;
  return {
    ...growthFigures(sums),
    contribution: totalDelta === 0 ? null : delta / totalDelta,
    pull: total.baseYuan === 0 ? null : (delta / total.baseYuan) * 100,
  };
}

export function populationOf(scope: StatsScope): Population | null {
  if (scope.kind === 'none') throw errors.forbidden();
  return scope.kind === 'zone' ? [{ dim: 'zone', keys: [scope.code] }] : null;
}

function scopeView(scope: StatsScope): BreakdownView['scope'] {
  return scope.kind === 'zone' ? { kind: 'zone', code: scope.code } : { kind: 'district', code: null };
}

/** Sorted as computeBreakdown sorts: YTD descending, then code. */
function sortRows<T extends { ytd: number; code: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => b.ytd - a.ytd || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function presentRow(dim: StatDimension, sums: KeyedSums, total: GrowthSumsYuan, namer: GroupNamer): BreakdownRowView {
  const name = namer.name(dim, sums.code);
  return { code: sums.code, key: name.zh, nameEn: name.en, ...figuresOf(sums, total) };
}

/** Raw sums of a dimension's groups and of the total, for a scope. */
export async function sumsFor(db: Db, scope: StatsScope, dim: StatDimension, args: PeriodArgs): Promise<{ groups: KeyedSums[]; total: KeyedSums }> {
  const population = populationOf(scope);
  const { indicator, year, month } = args;
  if (population === null) {
    const [total] = await groupSums(db, 'total', indicator, year, month);
    const groups = dim === 'total' ? (total ? [total] : []) : dim === 'enterprise' ? await enterpriseSums(db, { dim, indicator, year, month }) : await groupSums(db, dim, indicator, year, month);
    return { groups, total: total ?? { code: 'all', ...emptyGrowthSums() } };
  }
  const [total] = await enterpriseSums(db, { dim: 'total', indicator, year, month, population });
  const groups = dim === 'total' ? (total ? [total] : []) : await enterpriseSums(db, { dim, indicator, year, month, population });
  return { groups, total: total ?? { code: 'all', ...emptyGrowthSums() } };
}

export async function computeStatsBreakdown(db: Db, scope: StatsScope, dim: StatDimension, args: PeriodArgs): Promise<BreakdownView> {
  await syncChangedEnterprises(db);
  return (await breakdownOf(db, scope, dim, args)).view;
}

/** The total of a breakdown, named for its scope: a park's total is its own zone, never 全区 (the district). */
function totalRow(scope: StatsScope, total: KeyedSums, names: GroupNamer) {
  const row = presentRow('total', total, total, names);
  if (scope.kind !== 'zone') return row;
  const zone = names.name('zone', scope.code);
  return { ...row, key: zone.zh, nameEn: zone.en };
}

/** A breakdown over rollups already synchronised; `namer` when the caller has loaded one (not for enterprises). */
export async function breakdownOf(
  db: Db,
  scope: StatsScope,
  dim: StatDimension,
  args: PeriodArgs,
  namer?: GroupNamer,
): Promise<{ view: BreakdownView; totalSums: KeyedSums }> {
  const { groups, total } = await sumsFor(db, scope, dim, args);
  const names = dim === 'enterprise' || !namer ? await loadGroupNamer(db, dim === 'enterprise' ? groups.map((g) => g.code) : []) : namer;
  return presentBreakdown(scope, dim, args, groups, total, names);
}

/** A breakdown view from sums already read (the district cockpit reads every dimension's cells at once). */
export function presentBreakdown(scope: StatsScope, dim: StatDimension, args: PeriodArgs, groups: KeyedSums[], total: KeyedSums, names: GroupNamer): { view: BreakdownView; totalSums: KeyedSums } {
  const view: BreakdownView = {
    indicator: args.indicator,
    unit: INDICATOR_BY_CODE[args.indicator].unit,
    period: formatPeriod(args.year, args.month),
    by: dim,
    scope: scopeView(scope),
    rows: sortRows(groups.map((g) => presentRow(dim, g, total, names))),
    total: totalRow(scope, total, names),
  };
  return { view, totalSums: total };
}

/**
 * The enterprises behind one figure: the group's members with their own figures. Contribution and pull are
 * relative to the group (its change and its base), so the rows explain the group's number.
 */
export async function computeDrill(
  db: Db,
  scope: StatsScope,
  args: PeriodArgs & { dim: StatDimension; key: string; limit: number },
): Promise<DrillView> {
  await syncChangedEnterprises(db);
  const population: Population = [...(populationOf(scope) ?? [])];
  const { indicator, year, month } = args;
  // The scope's total: the base of the cockpit's top-mover lists, given beside the group's own base.
  const scopeTotal = (await sumsFor(db, scope, 'total', args)).total;
  if (args.dim === 'enterprise') {
    const rows = await enterpriseSums(db, { dim: 'enterprise', indicator, year, month, population, onlyKey: args.key });
    return drillView(db, scope, args, rows, rows[0] ?? null, scopeTotal);
  }
  const groupPopulation: Population = args.dim === 'total' ? population : [...population, { dim: args.dim, keys: [args.key] }];
  const rows = await enterpriseSums(db, { dim: 'enterprise', indicator, year, month, population: groupPopulation });
  const [total] = await enterpriseSums(db, { dim: 'total', indicator, year, month, population: groupPopulation });
  return drillView(db, scope, args, rows, total ?? null, scopeTotal);
}

async function drillView(
  db: Db,
  scope: StatsScope,
  args: PeriodArgs & { dim: StatDimension; key: string; limit: number },
  rows: KeyedSums[],
  total: KeyedSums | null,
  scopeTotal: GrowthSumsYuan,
): Promise<DrillView> {
  const totalSums = total ?? { code: args.key, ...emptyGrowthSums() };
  const namer = await loadGroupNamer(db, rows.map((r) => r.code));
  const presented = sortRows(
    rows.map((r) => {
      const ofScope = figuresOf(r, scopeTotal);
      return { ...presentRow('enterprise', r, totalSums, namer), scopeContribution: ofScope.contribution, scopePull: ofScope.pull };
    }),
  );
  const groupName = namer.name(args.dim, args.key);
  return {
    indicator: args.indicator,
    period: formatPeriod(args.year, args.month),
    by: args.dim,
    key: args.key,
    name: groupName.zh,
    scope: scopeView(scope),
    rows: presented.slice(0, args.limit),
    total: { ...presentRow(args.dim, { ...totalSums, code: args.key }, totalSums, namer) },
    omitted: Math.max(0, presented.length - args.limit),
  };
}
