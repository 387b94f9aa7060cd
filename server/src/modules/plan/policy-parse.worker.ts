import { parentPort } from 'node:worker_threads';
import type { ParseResponse } from '../../../../contracts/plan.ts';
import type { ErrorCode } from '../../../../contracts/error-codes.ts';
import { AppError } from '../../app/errors.ts';
import { parsePolicy } from '../../domain/plan-parser/parse-policy.ts';
import { sha256OfText } from './plan-store.ts';
import { extractPolicyText } from './policy-text.ts';

/**
 * The body of the policy-upload worker (policy-parse.ts starts it and sends it one document at a time): reads
 * the file (the upload guard first, then mammoth or the text decoder and the unwrapping of hard-wrapped lines)
 * and parses it, off the server's event loop. A typed refusal goes back as its fields, so the route answers
 * exactly as it would in-process.
 */
export interface WorkerJob {
  id: number;
  buffer: Uint8Array;
  fileName: string;
}

export type WorkerAnswer =
  | { type: 'ready' }
  | { type: 'done'; id: number; ok: true; response: ParseResponse }
  | { type: 'done'; id: number; ok: false; error: { status: number; code: ErrorCode; messageZh: string; messageEn: string; details?: AppError['details'] } | null };

const port = parentPort!;
port.on('message', async (job: WorkerJob) => {
  try {
    const text = await extractPolicyText(Buffer.from(job.buffer.buffer, job.buffer.byteOffset, job.buffer.byteLength), job.fileName);
    const response: ParseResponse = { text, fileName: job.fileName, sha256: sha256OfText(text), result: parsePolicy(text) };
    port.postMessage({ type: 'done', id: job.id, ok: true, response } satisfies WorkerAnswer);
  } catch (error) {
    const known = error instanceof AppError ? { status: error.status, code: error.code, messageZh: error.messageZh, messageEn: error.messageEn, details: error.details } : null;
    port.postMessage({ type: 'done', id: job.id, ok: false, error: known } satisfies WorkerAnswer);
  }
});
port.postMessage({ type: 'ready' } satisfies WorkerAnswer);
