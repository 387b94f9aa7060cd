import { Worker } from 'node:worker_threads';
import { AppError } from '../../app/errors.ts';
import type { ForecastAnswer, ForecastJob } from './forecast-job.ts';

/**
 * Runs the Monte-Carlo simulations in a worker thread, so that a forecast (about a second of arithmetic at
 * full size) never blocks the server's other requests. One worker per computation: a forecast is computed
 * once per data version (the result is cached), so keeping a warm worker would buy little.
 */
const TIMEOUT_MS = 120_000;
const WORKER_ENTRY = new URL('./forecast.worker-entry.mjs', import.meta.url);

const failed = (detail: string) => new AppError(500, 'FORECAST_FAILED', `预测计算失败：${detail}`, `The forecast could not be computed: ${detail}`);

export function runForecastInWorker(job: ForecastJob): Promise<ForecastAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY, { stdout: false, stderr: false });
    let settled = false;
    const finish = (run: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      run();
    };
    const timer = setTimeout(() => finish(() => reject(failed('timeout'))), TIMEOUT_MS);
    worker.on('message', (m: { ok: true; answer: ForecastAnswer } | { ok: false; message: string }) =>
      finish(() => (m.ok ? resolve(m.answer) : reject(failed(m.message)))),
    );
    worker.on('error', (e) => finish(() => reject(failed(e.message))));
    worker.on('exit', () => finish(() => reject(failed('worker exited'))));
    worker.postMessage(job);
  });
}
