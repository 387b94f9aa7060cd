import type { ForecastView, GoalForecastView } from '../../../../contracts/forecast.ts';
import type { GoalsView } from '../../../../contracts/statistics.ts';
import type { SensitivityRow, SimulationInput } from '../../domain/forecast/simulate.ts';
import type { MetricDefinitions } from './forecast.repository.ts';
import type { ForecastAnswer } from './forecast-job.ts';
import { MONEY_UNIT_EXPONENT, type MoneyUnit } from '../../../../contracts/indicators.ts';

/** Maps the simulation results (万元, codes) to the view (the goal's unit, display names). */

const TOP_PER_KIND = 5;

/** Amount in 万元 → the goal's unit (亿元: ÷ 10 000). */
export function wanTo(unit: string, value: number): number {
  const exp = MONEY_UNIT_EXPONENT[unit as MoneyUnit];
  return exp === undefined ? value : value / 10 ** (exp - MONEY_UNIT_EXPONENT['万元']);
}
const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

export function presentForecast(args: {
  asOf: string;
  runs: number;
  seed: number;
  defs: MetricDefinitions;
  inputs: SimulationInput[];
  answer: ForecastAnswer;
  names: Map<string, { zh: string; en: string }>;
  progress: GoalsView;
  computedMs: number;
}): ForecastView {
  const { defs, answer, names } = args;
  const nameOf = (row: SensitivityRow) => {
    if (row.kind === 'zone' || row.kind === 'domain') return names.get(`${row.kind}:${row.key}`) ?? { zh: row.key, en: row.key };
    return { zh: row.name, en: row.name };
  };
  const goals: GoalForecastView[] = [];
  const metrics: ForecastView['metrics'] = [];
  defs.metrics.forEach((metric, m) => {
    const result = answer.results[m]!;
    const unit = metric.goals[0]!.unit;
    const to = (v: number) => round(wanTo(unit, v));
    for (const g of result.goals) {
      const def = metric.goals.find((d) => d.key === g.key)!;
      const kinds = ['zone', 'domain', 'enterprise', 'project'] as const;
      const sensitivity = kinds.flatMap((kind) => g.sensitivity.filter((r) => r.kind === kind).slice(0, TOP_PER_KIND));
      goals.push({
        key: g.key,
        metric: metric.metric,
        year: g.year,
        target: def.value,
        unit,
        p: round(g.p),
        p10: to(g.p10),
        p50: to(g.p50),
        p90: to(g.p90),
        decided: g.year <= result.baseYear,
        sensitivity: sensitivity
          .sort((a, b) => b.swing - a.swing)
          .map((r) => ({ kind: r.kind, key: r.key, name: nameOf(r), low: round(r.low), high: round(r.high), swing: round(r.swing) })),
      });
    }
    const progress = args.progress.goals.find((p) => p.metric === metric.metric);
    metrics.push({
      metric: metric.metric,
      unit,
      baselineYear: progress?.baseline.year ?? result.baseYear,
      years: [
        ...(progress?.actuals ?? []).filter((a) => a.year < result.baseYear).map((a) => ({ year: a.year, p10: to(a.value), p50: to(a.value), p90: to(a.value), actual: true })),
        ...result.years.map((y) => ({ year: y.year, p10: to(y.p10), p50: to(y.p50), p90: to(y.p90), actual: y.actual })),
      ],
      milestones: (progress?.milestones ?? []).map((v) => ({ year: v.year, value: to(v.value) })),
      enterprises: args.inputs[m]!.enterprises.length,
      projects: args.inputs[m]!.projects.length,
    });
  });
  const pipeline = args.inputs[0]?.pipeline;
  return {
    asOf: args.asOf,
    runs: args.runs,
    seed: args.seed,
    goals,
    metrics,
    pipeline: pipeline
      ? (['signed', 'started', 'completed'] as const).map((stage) => {
          const e = pipeline[stage];
          return { stage, p: round(e.p), meanDelayYears: round(e.delays.reduce((s, d) => s + d, 0) / e.delays.length, 2), successes: e.successes, failures: e.failures, open: e.open, priorDominates: e.priorDominates };
        })
      : [],
    backtest: {
      rows: answer.backtest.rows.map((r) => {
        const unit = defs.metrics.find((d) => d.metric === r.metric)?.goals[0]?.unit ?? '万元';
        return { ...r, p10: round(wanTo(unit, r.p10)), p50: round(wanTo(unit, r.p50)), p90: round(wanTo(unit, r.p90)), actual: round(wanTo(unit, r.actual)), error: round(r.error) };
      }),
      medianAbsError: round(answer.backtest.medianAbsError),
      coverage: round(answer.backtest.coverage),
      cells: answer.backtest.cells,
    },
    refused: defs.refused,
    computedMs: Math.round(args.computedMs),
  };
}
