import { Worker } from 'node:worker_threads';
import type { ParseResponse } from '../../../../contracts/plan.ts';
import { AppError } from '../../app/errors.ts';
import type { WorkerAnswer, WorkerJob } from './policy-parse.worker.ts';

/**
 * Reads and parses uploaded policy documents in a worker thread with a time and a memory limit, so that no
 * upload can stall the server: the event loop keeps answering other requests (and /healthz) while a hostile
 * or simply huge text is parsed, and a parse that passes the limit is stopped (the worker is terminated, a
 * fresh one starts for the next document) and refused with a clear message. The upload guard runs first,
 * inside the worker, before mammoth or the text decoder see the file.
 *
 * One warm worker, documents one at a time: starting a worker loads the parser and mammoth (seconds), and
 * parsing a policy is an occasional act of the commission. At most MAX_WAITING documents wait; more is 503.
 */
export interface PolicyParseLimits {
  /** Wall-clock time for reading and parsing one document, from when the worker takes it. */
  timeoutMs: number;
  /** The worker's heap: a policy text needs a few tens of MB; a parser gone astray stops here, not at the server's. */
  maxHeapMb: number;
}

export const DEFAULT_POLICY_PARSE_LIMITS: PolicyParseLimits = { timeoutMs: 20_000, maxHeapMb: 256 };
const MAX_WAITING = 8;

const WORKER_ENTRY = new URL('./policy-parse.worker-entry.mjs', import.meta.url);

const tooSlow = (seconds: number) =>
  new AppError(
    413,
    'POLICY_PARSE_TIMEOUT',
    `文件解析超过 ${seconds} 秒，已停止。请检查文件是否为正常的政策文本（例如按段落保存，而非每行断开）`,
    `Parsing the file took more than ${seconds} s and was stopped; check that it is an ordinary policy text (saved as paragraphs, not broken at every line)`,
  );
const tooBig = () => new AppError(413, 'POLICY_PARSE_TOO_LARGE', '文件解析所需内存超过上限，已停止', 'Parsing the file needed more memory than allowed and was stopped');
const failed = () => new AppError(422, 'POLICY_FILE_UNREADABLE', '无法读取该文件', 'The file cannot be read');
const busy = () => new AppError(503, 'POLICY_PARSE_BUSY', '正在解析的文件较多，请稍后重试', 'Too many documents are being parsed; try again shortly');

interface Pending {
  job: WorkerJob;
  limits: PolicyParseLimits;
  resolve: (response: ParseResponse) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
let ready = false;
let current: (Pending & { timer: NodeJS.Timeout }) | null = null;
const waiting: Pending[] = [];
let nextId = 1;

function stopWorker(): void {
  const w = worker;
  worker = null;
  ready = false;
  if (w) void w.terminate();
}

function settle(run: (p: Pending) => void): void {
  const job = current;
  if (!job) return;
  current = null;
  clearTimeout(job.timer);
  run(job);
}

function startWorker(heapMb: number): void {
  const w = new Worker(WORKER_ENTRY, { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 }, stdout: false, stderr: false });
  worker = w;
  w.unref();
  w.on('message', (answer: WorkerAnswer) => {
    if (answer.type === 'ready') {
      ready = true;
      return dispatch();
    }
    if (!current || current.job.id !== answer.id) return undefined;
    settle((p) => {
      if (answer.ok) p.resolve(answer.response);
      else if (answer.error) p.reject(new AppError(answer.error.status, answer.error.code, answer.error.messageZh, answer.error.messageEn, answer.error.details));
      else p.reject(failed());
    });
    return dispatch();
  });
  const lost = (error?: Error & { code?: string }) => {
    if (worker !== w) return;
    worker = null;
    ready = false;
    settle((p) => p.reject(error?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooBig() : failed()));
    dispatch();
  };
  w.on('error', lost);
  w.on('exit', () => lost());
}

function dispatch(): void {
  if (current || waiting.length === 0) {
    if (!current && worker) worker.unref();
    return;
  }
  const next = waiting[0]!;
  if (!worker) startWorker(next.limits.maxHeapMb);
  worker!.ref();
  if (!ready) return;
  waiting.shift();
  const timer = setTimeout(() => {
    settle((p) => p.reject(tooSlow(Math.round(p.limits.timeoutMs / 1000))));
    stopWorker();
    dispatch();
  }, next.limits.timeoutMs);
  current = { ...next, timer };
  worker!.postMessage(next.job);
}

export function parsePolicyInWorker(buffer: Buffer, fileName: string, limits: PolicyParseLimits = DEFAULT_POLICY_PARSE_LIMITS): Promise<ParseResponse> {
  if (waiting.length >= MAX_WAITING) return Promise.reject(busy());
  return new Promise<ParseResponse>((resolve, reject) => {
    waiting.push({ job: { id: nextId++, buffer: new Uint8Array(buffer), fileName }, limits, resolve, reject });
    dispatch();
  });
}
