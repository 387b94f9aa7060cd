import { parentPort } from 'node:worker_threads';
import type { ReportModel } from './report-content.ts';
import { renderReportDocx } from './report-document.ts';

/**
 * The body of the report-rendering worker (report-render-runner.ts): charts (resvg) and the .docx, off the event
 * loop. Only the worker entry imports this file (it listens on the thread's port as soon as it is loaded).
 */
const port = parentPort!;
port.on('message', async (model: ReportModel) => {
  try {
    const docx = await renderReportDocx(model);
    port.postMessage({ ok: true, docx: new Uint8Array(docx) });
  } catch (error) {
    port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
