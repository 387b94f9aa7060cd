import { parentPort } from 'node:worker_threads';
import { runForecastJob, type ForecastJob } from './forecast-job.ts';

/**
 * The body of the forecast worker (forecast-runner.ts starts it): the simulations, off the event loop. Only the
 * worker entry imports this file — it listens on the thread's port as soon as it is loaded, so any other module
 * importing it inside another worker would answer that worker's messages too.
 */
const port = parentPort!;
port.on('message', (job: ForecastJob) => {
  try {
    port.postMessage({ ok: true, answer: runForecastJob(job) });
  } catch (error) {
    port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
