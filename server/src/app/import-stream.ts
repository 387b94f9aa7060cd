import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { importQueueOf } from './import-queue.ts';
import type { ErrorCode } from '../../../contracts/error-codes.ts';

/** Where a running import is: its phase, with the share of that phase done. */
export interface ImportProgressLine {
  phase: string;
  done: number;
  total: number;
}

/** The line sent while an import waits for its turn (import-queue.ts): its place, 1 = next. */
export interface ImportQueuedLine {
  phase: 'queued';
  done: 0;
  total: number;
  position: number;
}

/** Whether the client asked for the streamed answer (the import dialogs do; the CLI and plain clients do not). */
export function wantsNdjson(request: FastifyRequest): boolean {
  return String(request.headers.accept ?? '').includes('application/x-ndjson');
}

/** Progress lines within one phase at most this often (a phase change always goes out). */
const PROGRESS_INTERVAL_MS = 200;

/**
 * Answers with application/x-ndjson: progress lines while `run` works, then `{type:'result'}` — or, when it
 * fails after the answer has started (the status is 200 by then), `{type:'error'}` with the Chinese and English
 * message, so that a failure is never mistaken for an empty result. The registry and bureau imports both answer
 * so: the lines come from the import itself, so they keep flowing while its single transaction holds the
 * embedded database (a polled job endpoint would wait behind that transaction).
 */
export function streamImport<Progress extends ImportProgressLine, Result>(
  request: FastifyRequest,
  reply: FastifyReply,
  run: (onProgress: (p: Progress) => Promise<void> | void, onQueued: (position: number) => void) => Promise<Result>,
): FastifyReply {
  const stream = new PassThrough();
  const line = (value: ({ type: 'progress' } & (Progress | ImportQueuedLine)) | { type: 'result'; result: Result } | { type: 'error'; error: { code: string; message: string; messageEn: string } }) =>
    `${JSON.stringify(value)}\n`;
  // X-Accel-Buffering: a reverse proxy in front (nginx) passes the lines on as they come instead of at the end.
  reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').header('x-accel-buffering', 'no');
  void reply.send(stream);
  let lastPhase: string | null = null;
  let lastAt = 0;
  const onProgress = (p: Progress) => {
    const now = Date.now();
    if (p.phase === lastPhase && now - lastAt < PROGRESS_INTERVAL_MS && p.done < p.total) return undefined;
    lastPhase = p.phase;
    lastAt = now;
    stream.write(line({ type: 'progress', ...p }));
    // A turn of the event loop, so that the line leaves now: the parsing and validation are synchronous, and
    // the embedded engine's queries resolve without one; otherwise every line would leave at the end.
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
  const onQueued = (position: number) => {
    lastPhase = 'queued';
    stream.write(line({ type: 'progress', phase: 'queued', done: 0, total: position, position }));
  };
  run(onProgress, onQueued)
    .then((result) => stream.end(line({ type: 'result', result })))
    .catch((error: unknown) => {
      const known = error instanceof AppError ? error : null;
      if (!known) request.log.error({ err: error }, 'import failed');
      // A refusal after the answer started (the status is already 200) is audited like any other refusal.
      else void request.server.auditRefusal(request, known.status, known.code);
      stream.end(
        line({
          type: 'error',
          error: { code: known?.code ?? ('INTERNAL' satisfies ErrorCode), message: known?.messageZh ?? '导入失败，请联系管理员', messageEn: known?.messageEn ?? 'The import failed; contact the administrator' },
        }),
      );
    });
  return reply;
}

/**
 * Answers an import request: through the heavy-import queue, then streamed (progress lines, the queue place
 * while it waits) when the client asked for it, else as plain JSON once done.
 */
export function answerImport<Progress extends ImportProgressLine, Result>(
  deps: Pick<AppDeps, 'config'>,
  request: FastifyRequest,
  reply: FastifyReply,
  run: (onProgress?: (p: Progress) => Promise<void> | void) => Promise<Result>,
): FastifyReply | Promise<Result> {
  const queue = importQueueOf(deps);
  if (!wantsNdjson(request)) return queue.run(() => run());
  return streamImport<Progress, Result>(request, reply, (onProgress, onQueued) => queue.run(() => run(onProgress), onQueued));
}
