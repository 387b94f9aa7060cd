import { parentPort } from 'node:worker_threads';
import { runBacktest, type BacktestCase, type BacktestResult } from '../../domain/forecast/backtest.ts';
import { simulateForecast, type SimulationInput, type SimulationResult } from '../../domain/forecast/simulate.ts';

/** The body of the forecast worker (forecast-runner.ts starts it): the simulations, off the event loop. */
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

const port = parentPort;
if (port) {
  port.on('message', (job: ForecastJob) => {
    try {
      port.postMessage({ ok: true, answer: runForecastJob(job) });
    } catch (error) {
      port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  });
}
