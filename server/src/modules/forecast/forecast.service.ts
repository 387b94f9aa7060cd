import { formatPeriod } from '../../../../contracts/indicators.ts';
import type { ForecastView } from '../../../../contracts/forecast.ts';
import type { Db } from '../../db/client.ts';
import type { BacktestCase } from '../../domain/forecast/backtest.ts';
import type { SimulationInput } from '../../domain/forecast/simulate.ts';
import { AppError } from '../../app/errors.ts';
import { computeGoalProgress } from '../statistics/index.ts';
import { cachedStatsView, currentStatsToken } from '../statistics/index.ts';
import { monthCloseRule, statsPeriods, type MonthCloseRule } from '../statistics/index.ts';
import { actualsUntil, buildSimulationInput } from './forecast-input.ts';
import { loadEnterpriseYears, loadMetricDefinitions, loadPartNames, loadProjects, type EnterpriseYearRow } from './forecast.repository.ts';
import { runForecastInWorker } from './forecast-runner.ts';
import { runForecastJob } from './forecast-job.ts';
import { presentForecast } from './forecast.presenter.ts';

/**
 * P(goal met) for every goal with a formula (issue 11 §2): the inputs are read here, the simulations run in a
 * worker thread, and the view is cached per data version (the statistics' generation token, stats-cache.ts):
 * the same data, runs and seed give the same numbers, so they are computed once.
 */
export interface ForecastOptions {
  runs: number;
  seed: number;
  /** As of this month; default the latest closed month (as the cockpit). */
  period?: { year: number; month: number };
  close?: MonthCloseRule;
  /** Run the simulations in this thread (the command line, which blocks nobody). */
  inProcess?: boolean;
}

export const BACKTEST_RUNS = 2_000;

const noData = () => new AppError(409, 'FORECAST_NO_DATA', '尚无已审核的月度数据，无法预测', 'No approved monthly figures yet: nothing to forecast from');

export async function computeForecast(db: Db, options: ForecastOptions): Promise<ForecastView> {
  // Bring the rollups up to date first (approvals just made count), then find the latest closed month.
  if (!options.period) await currentStatsToken(db);
  const rule = options.close ?? monthCloseRule(new Date());
  // No figures yet: as the cockpit, January of this year (every value is then 0 and P is 0, not an error).
  const period = options.period ?? (await statsPeriods(db, rule)).period ?? { year: Number(rule.today.slice(0, 4)), month: 1 };
  const key = JSON.stringify(['forecast', options.runs, options.seed, period]);
  return cachedStatsView(db, key, () => computeForecastNow(db, { ...options, period }));
}

async function computeForecastNow(db: Db, options: ForecastOptions & { period: { year: number; month: number } }): Promise<ForecastView> {
  const started = performance.now();
  const asOf = options.period;
  const defs = await loadMetricDefinitions(db);
  const projects = await loadProjects(db);
  const names = await loadPartNames(db);
  const progress = await computeGoalProgress(db, { kind: 'district' }, { period: asOf });
  const lastComplete = asOf.month === 12 ? asOf.year : asOf.year - 1;

  const inputs: SimulationInput[] = [];
  const backtests: BacktestCase[] = [];
  for (const metric of defs.metrics) {
    const rows = await loadEnterpriseYears(db, metric.population, metric.indicator, asOf);
    inputs.push(buildSimulationInput({ rows, projects, metric, asOf, runs: options.runs, seed: options.seed }));
    // Backtest: the last two closed years, each from the data up to the December before.
    for (const year of [lastComplete - 1, lastComplete]) {
      const actual = actualsUntil(rows, year).get(year);
      if (!actual || !rows.some((r) => r.year === year - 1 && r.month === 12)) continue;
      const input = buildSimulationInput({ rows, projects, metric, asOf: { year: year - 1, month: 12 }, runs: BACKTEST_RUNS, seed: options.seed });
      backtests.push({ metric: metric.metric, year, input: { ...input, goals: [] }, actual, partActuals: partActualsOf(rows, year) });
    }
  }
  if (inputs.length === 0 && defs.refused.length === 0) throw noData();
  const job = { inputs, backtests };
  const answer = options.inProcess ? runForecastJob(job) : await runForecastInWorker(job);
  return presentForecast({
    asOf: formatPeriod(asOf.year, asOf.month),
    runs: options.runs,
    seed: options.seed,
    defs,
    inputs,
    answer,
    names,
    progress,
    computedMs: performance.now() - started,
  });
}

function partActualsOf(rows: readonly EnterpriseYearRow[], year: number): BacktestCase['partActuals'] {
  const sums = new Map<string, { kind: 'zone' | 'domain'; key: string; value: number }>();
  for (const r of rows) {
    if (r.year !== year || r.month !== 12) continue;
    for (const [kind, key] of [['zone', r.zone], ['domain', r.domain]] as const) {
      const k = `${kind}:${key}`;
      const s = sums.get(k) ?? { kind, key, value: 0 };
      s.value += r.ytd;
      sums.set(k, s);
    }
  }
  return [...sums.values()];
}

/** The forecast's refusal of a goal without a formula, as the command line and the page say it. */
export function refusalMessage(refused: ForecastView['refused']): string | null {
  if (refused.length === 0) return null;
  const keys = refused.map((r) => r.key).join(', ');
  return `以下目标没有计算公式，无法预测：${keys} / these goals have no formula and cannot be forecast: ${keys}`;
}
