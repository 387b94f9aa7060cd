import { runBacktest, type BacktestCase, type BacktestResult } from '../../domain/forecast/backtest.ts';
import { simulateForecast, type SimulationInput, type SimulationResult } from '../../domain/forecast/simulate.ts';

/** One forecast computation: every metric's simulation and the backtest (run in a worker by forecast-runner.ts). */
export interface ForecastJob {
  inputs: SimulationInput[];
  backtests: BacktestCase[];
}

export interface ForecastAnswer {
  results: SimulationResult[];
  backtest: BacktestResult;
}

export function runForecastJob(job: ForecastJob): ForecastAnswer {
  return { results: job.inputs.map(simulateForecast), backtest: runBacktest(job.backtests) };
}
