import { sql } from 'drizzle-orm';
import { formatPeriod, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { GoalFormula } from '../../../../contracts/plan.ts';
import type { GoalProgressView, GoalsView } from '../../../../contracts/statistics.ts';
import type { Db } from '../../db/client.ts';
import { defaultGoalFormula } from '../../domain/plan-model/goal-formula.ts';
import { actualCagr, annualMilestones, assessGoalProgress, estimateYearEnd, fromYuan, growthRate, milestoneFor, timeProgress } from '../../domain/statistics/index.ts';
import { MONEY_UNIT_EXPONENT, isIndicatorCode, type MoneyUnit } from '../../../../contracts/indicators.ts';
import { cachedStatsView, registerStatsView } from './stats-cache.ts';
import { type Population } from './stats-query.repository.ts';
import { monthCloseRule, statsPeriods, type MonthCloseRule } from './stats-period.ts';
import { populationOf } from './stats-query.service.ts';
import { populationNominalYtd, populationTotals } from './population.repository.ts';
import type { StatsScope } from './stats.policy.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * Goal progress (SPEC §2, §4): each goal metric's calendar-year value from its formula (stored with the plan,
 * or the SPEC default), annual milestones by geometric interpolation from a baseline year, required and actual
 * CAGR, this year's completion against time progress, and the year-end estimate.
 */

export interface GoalRow {
  key: string;
  metric: string;
  year: number;
  value: string;
  unit: string;
  formula: GoalFormula | null;
}

/** SPEC §2 goals, used when no plan is stored yet. */
const SPEC_GOALS: GoalRow[] = [
  { key: 'goal-2025-产业规模', metric: '产业规模', year: 2025, value: '500', unit: '亿元', formula: null },
  { key: 'goal-2030-产业规模', metric: '产业规模', year: 2030, value: '1000', unit: '亿元', formula: null },
  { key: 'goal-2025-制造业产值', metric: '制造业产值', year: 2025, value: '300', unit: '亿元', formula: null },
  { key: 'goal-2030-制造业产值', metric: '制造业产值', year: 2030, value: '800', unit: '亿元', formula: null },
];
const SPEC_DOMAINS = ['biomedicine', 'biomaterials', 'bioagri-food', 'bioenergy-env'];

export async function loadPlanGoals(db: Db): Promise<{ goals: GoalRow[]; domainCodes: string[]; issuedYear: number | null }> {
  const goals = await rowsOf<GoalRow & { issued_on: string | null }>(
    db,
    sql`SELECT g.key, g.metric, g.year, g.value::text AS value, g.unit, g.formula, v.issued_on::text AS issued_on
          FROM plan_goals g JOIN plan_versions v ON v.id = g.version_id
         WHERE v.status = 'active' ORDER BY g.ordinal`,
  );
  if (goals.length === 0) return { goals: SPEC_GOALS, domainCodes: SPEC_DOMAINS, issuedYear: null };
  const domains = await rowsOf<{ code: string }>(
    db,
    sql`SELECT DISTINCT d.code FROM plan_domains p JOIN plan_versions v ON v.id = p.version_id JOIN domains d ON d.id = p.domain_id
         WHERE v.status = 'active'`,
  );
  const issued = goals.find((g) => g.issued_on)?.issued_on;
  return { goals, domainCodes: domains.map((d) => d.code), issuedYear: issued ? Number(issued.slice(0, 4)) : null };
}

/** 亿元/万元/… → 万元, exactly (powers of ten). Non-money units are not sums of indicators. */
export function toWan(value: string, unit: string): number | null {
  if (!(unit in MONEY_UNIT_EXPONENT)) return null;
  return Number(value) * 10 ** (MONEY_UNIT_EXPONENT[unit as MoneyUnit] - MONEY_UNIT_EXPONENT['万元']);
}

/** The enterprises a formula sums over, as group memberships (intersected with the caller's scope). */
export function formulaPopulation(formula: GoalFormula, planDomains: readonly string[], scope: Population | null): Population {
  const p: { dim: Population[number]['dim']; keys: string[] }[] = [...(scope ?? []).map((s) => ({ dim: s.dim, keys: [...s.keys] }))];
  const f = formula.filter;
  if (f.scope === 'plan-domains') p.push({ dim: 'domain', keys: [...planDomains] });
  if (f.isManufacturing !== undefined) p.push({ dim: 'manufacturing', keys: [f.isManufacturing ? 'yes' : 'no'] });
  if (f.isAboveScale !== undefined) p.push({ dim: 'scale', keys: [f.isAboveScale ? 'above' : 'below'] });
  if (f.domainCodes?.length) p.push({ dim: 'domain', keys: [...f.domainCodes] });
  if (f.zoneCodes?.length) p.push({ dim: 'zone', keys: [...f.zoneCodes] });
  return p;
}

export async function computeGoalProgress(
  db: Db,
  scope: StatsScope,
  options: { period?: { year: number; month: number }; baselineYear?: number; close?: MonthCloseRule },
): Promise<GoalsView> {
  // Without a period: the latest closed month, as the cockpit (stats-period.ts).
  const period = options.period ?? (await statsPeriods(db, options.close ?? monthCloseRule(new Date()))).period ?? undefined;
  const resolved = { ...options, ...(period ? { period } : {}) };
  const key = JSON.stringify(['goals', scope, resolved.period ?? 'none', options.baselineYear ?? 'plan']);
  return cachedStatsView(db, key, () => computeGoalProgressNow(db, scope, resolved), { replay: { kind: 'goals', request: { scope, options } } });
}

// After an approval the recently read goal views are computed again from their request (stats-cache.ts).
registerStatsView('goals', (db, request: { scope: StatsScope; options: Parameters<typeof computeGoalProgress>[2] }) => computeGoalProgress(db, request.scope, request.options));

/** Goal progress computed from the rollups (synchronised by the cache's token read). */
async function computeGoalProgressNow(
  db: Db,
  scope: StatsScope,
  options: { period?: { year: number; month: number }; baselineYear?: number },
): Promise<GoalsView> {
  const scopePopulation = populationOf(scope);
  const period = options.period ?? { year: new Date().getUTCFullYear(), month: 1 };
  const plan = await loadPlanGoals(db);
  const baselineYear = options.baselineYear ?? (plan.issuedYear ? plan.issuedYear - 1 : 2022);
  const lastCompleteYear = period.month === 12 ? period.year : period.year - 1;
  const byMetric = new Map<string, GoalRow[]>();
  for (const g of plan.goals) byMetric.set(g.metric, [...(byMetric.get(g.metric) ?? []), g]);

  const goals: GoalProgressView[] = [];
  for (const [metric, rows] of byMetric) {
    const first = rows[0]!;
    const stored = rows.find((r) => r.formula)?.formula ?? null;
    const formula = stored ?? defaultGoalFormula(metric, first.unit);
    if (!formula || !isIndicatorCode(formula.indicator)) continue;
    const targets = rows
      .map((r) => ({ year: r.year, value: toWan(r.value, r.unit) }))
      .filter((t): t is { year: number; value: number } => t.value !== null)
      .sort((a, b) => a.year - b.year);
    if (targets.length === 0) continue;
    const population = formulaPopulation(formula, plan.domainCodes, scopePopulation);
    const indicator = formula.indicator as IndicatorCode;
    const yearTotal = async (year: number) => fromYuan(await populationNominalYtd(db, population, indicator, year, 12));
    const actuals: { year: number; value: number }[] = [];
    for (let y = baselineYear; y <= lastCompleteYear; y++) actuals.push({ year: y, value: await yearTotal(y) });
    const baselineValue = actuals.find((a) => a.year === baselineYear)?.value ?? (await yearTotal(baselineYear));
    const baseline = { year: baselineYear, value: baselineValue };
    // The goals are the district's: a zone's own values measured against milestones interpolated from the zone's
    // baseline to the district's targets would mean nothing, so a park sees its contribution, not a verdict.
    const districtWide = scope.kind === 'district';
    const plan5 = districtWide ? annualMilestones(baseline, targets) : { milestones: [], segments: [] };
    const latestActual = actuals[actuals.length - 1];
    const cagr = latestActual && latestActual.year > baselineYear ? actualCagr(baseline, latestActual).value : null;

    const current = await populationTotals(db, population, indicator, period.year, period.month);
    const ytd = fromYuan(current.nominalYtdYuan);
    const milestone = districtWide ? milestoneFor(period.year, baseline, targets).value : null;
    const assessment = milestone === null ? null : assessGoalProgress({ ytd, milestone, month: period.month });
    const growth = current.baseYuan > 0 ? growthRate(current.ytdYuan, current.baseYuan) : null;
    const estimate = estimateYearEnd({ ytd, lastYearRemainder: fromYuan(current.remainderYuan), growth, month: period.month });

    goals.push({
      key: first.key.replace(/^goal-\d{4}-/, 'metric-'),
      metric,
      unit: '万元',
      formula: { indicator, filter: { ...formula.filter } },
      formulaSource: stored ? 'plan' : 'default',
      targets,
      baseline: { year: baselineYear, value: baselineValue },
      actuals,
      milestones: plan5.milestones,
      segments: plan5.segments.map((s) => ({ fromYear: s.from.year, toYear: s.to.year, requiredCagr: s.requiredCagr })),
      actualCagr: cagr,
      current: {
        period: formatPeriod(period.year, period.month),
        ytd,
        milestone,
        timeProgress: assessment ? assessment.timeProgress : timeProgress(period.month).value,
        completion: assessment?.completion ?? null,
        gapPp: assessment?.gapPp ?? null,
        status: assessment?.status ?? null,
        yearEndEstimate: estimate.value === null ? null : Math.round(estimate.value * 10_000) / 10_000,
        growth,
      },
    });
  }
  const viewScope = scope.kind === 'zone' ? { kind: 'zone' as const, code: scope.code } : { kind: 'district' as const, code: null };
  return { period: formatPeriod(period.year, period.month), baselineYear, scope: viewScope, goals };
}

/**
 * This year's milestone of the first goal measured by `indicator` (the cockpit's milestone line): one
 * population query for the baseline instead of the whole goal progress.
 */
export async function milestoneOfIndicator(db: Db, scope: StatsScope, indicator: IndicatorCode, year: number, baselineYear?: number): Promise<number | null> {
  const plan = await loadPlanGoals(db);
  const base = baselineYear ?? (plan.issuedYear ? plan.issuedYear - 1 : 2022);
  const byMetric = new Map<string, GoalRow[]>();
  for (const g of plan.goals) byMetric.set(g.metric, [...(byMetric.get(g.metric) ?? []), g]);
  for (const [metric, rows] of byMetric) {
    const formula = rows.find((r) => r.formula)?.formula ?? defaultGoalFormula(metric, rows[0]!.unit);
    if (!formula || formula.indicator !== indicator) continue;
    const targets = rows
      .map((r) => ({ year: r.year, value: toWan(r.value, r.unit) }))
      .filter((t): t is { year: number; value: number } => t.value !== null);
    if (targets.length === 0) continue;
    const population = formulaPopulation(formula, plan.domainCodes, populationOf(scope));
    const baseline = fromYuan(await populationNominalYtd(db, population, indicator, base, 12));
    return milestoneFor(year, { year: base, value: baseline }, targets).value;
  }
  return null;
}
