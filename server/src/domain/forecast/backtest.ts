/**
 * Backtest (SPEC §5): forecast a closed year from the data up to the end of the year before and compare with
 * what happened. The median's relative error says whether the model is biased; the share of actual values
 * (the total and every zone and domain) inside the 10–90 % band says whether its uncertainty is honest —
 * about 80 % when it is.
 */
import { simulateForecast, type SimulationInput } from './simulate.ts';

export interface BacktestCase {
  metric: string;
  year: number;
  /** Data as of December of year − 1; its one goal is `year` (the target does not matter). */
  input: SimulationInput;
  actual: number;
  partActuals: { kind: 'zone' | 'domain'; key: string; value: number }[];
}

export interface BacktestRow {
  metric: string;
  year: number;
  p10: number;
  p50: number;
  p90: number;
  actual: number;
  /** p50 / actual − 1. */
  error: number;
  inBand: boolean;
}

export interface BacktestResult {
  rows: BacktestRow[];
  /** Median over the rows of |error|. */
  medianAbsError: number;
  /** Share of cells (totals, zones, domains) whose actual lies in [p10, p90]. */
  coverage: number;
  cells: number;
}

export function runBacktest(cases: readonly BacktestCase[]): BacktestResult {
  const rows: BacktestRow[] = [];
  let inside = 0;
  let cells = 0;
  for (const c of cases) {
    const result = simulateForecast({ ...c.input, goals: [{ key: 'backtest', year: c.year, target: 0 }] });
    const goal = result.goals[0]!;
    const inBand = c.actual >= goal.p10 && c.actual <= goal.p90;
    rows.push({ metric: c.metric, year: c.year, p10: goal.p10, p50: goal.p50, p90: goal.p90, actual: c.actual, error: c.actual > 0 ? goal.p50 / c.actual - 1 : 0, inBand });
    cells++;
    if (inBand) inside++;
    for (const a of c.partActuals) {
      const band = goal.parts.find((p) => p.kind === a.kind && p.key === a.key);
      if (!band || (a.value === 0 && band.p90 === 0)) continue;
      cells++;
      if (a.value >= band.p10 && a.value <= band.p90) inside++;
    }
  }
  const errors = rows.map((r) => Math.abs(r.error)).sort((a, b) => a - b);
  const mid = errors.length ? (errors.length % 2 ? errors[(errors.length - 1) / 2]! : (errors[errors.length / 2 - 1]! + errors[errors.length / 2]!) / 2) : 0;
  return { rows, medianAbsError: mid, coverage: cells ? inside / cells : 0, cells };
}
