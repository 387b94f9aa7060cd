import { Worker } from 'node:worker_threads';
import { AppError } from '../../app/errors.ts';
import type { ReportModel } from './report-content.ts';

/**
 * Renders a report's charts and document in a worker thread: rasterising a chart is seconds of synchronous
 * work on a loaded machine, and the monthly job renders six reports in a row, which on the event loop would
 * stall every other request of the server.
 */
const TIMEOUT_MS = 300_000;
const WORKER_ENTRY = new URL('./report-render.worker-entry.mjs', import.meta.url);

const failed = (detail: string) => new AppError(500, 'REPORT_RENDER_FAILED', `报告生成失败：${detail}`, `The report could not be rendered: ${detail}`);

export function renderReportInWorker(model: ReportModel): Promise<Buffer> {
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
    worker.on('message', (m: { ok: true; docx: Uint8Array } | { ok: false; message: string }) =>
      finish(() => (m.ok ? resolve(Buffer.from(m.docx.buffer, m.docx.byteOffset, m.docx.byteLength)) : reject(failed(m.message)))),
    );
    worker.on('error', (e) => finish(() => reject(failed(e.message))));
    worker.on('exit', () => finish(() => reject(failed('worker exited'))));
    worker.postMessage(model);
  });
}
