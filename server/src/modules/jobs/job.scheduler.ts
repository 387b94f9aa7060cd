import crypto from 'node:crypto';
import os from 'node:os';
import type { Cron } from 'croner';
import type { AppConfig } from '../../config/config.ts';
import type { Database } from '../../db/client.ts';
import { dueSlot, parseSchedule, retryAt, slotKeyOf } from '../../domain/jobs/job-timing.ts';
import {
  claimDueRequest,
  claimDueRetry,
  claimRun,
  failStaleRun,
  finishRun,
  listStaleRuns,
  payloadOf,
  touchHeartbeats,
  type JobRunRow,
} from './job.repository.ts';
import { DEFAULT_CATCH_UP_MS, retryPolicyOf, type JobDefinition } from './job.types.ts';

export interface SchedulerOptions {
  database: Database;
  config: AppConfig;
  jobs: JobDefinition[];
  now?: () => Date;
  /** How often a pass looks for due slots, retries and one-off requests. */
  tickMs?: number;
  /** How often a running job's row is touched; a row untouched for `staleAfterMs` belongs to a dead process. */
  heartbeatMs?: number;
  staleAfterMs?: number;
  log?: (message: string) => void;
}

export const INTERRUPTED_ERROR = '运行中断(进程停止) / interrupted: the process running it stopped';

/**
 * The job runner of one process. Several processes on one PostgreSQL may run it at once: every run is
 * claimed through a unique row (job.repository.ts), so a slot runs once whichever process gets there first.
 * Jobs run in the background of the server; a job never runs twice at once in one process.
 */
export function createScheduler(options: SchedulerOptions) {
  const { database, config } = options;
  const now = options.now ?? (() => new Date());
  const tickMs = options.tickMs ?? 15_000;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const staleAfterMs = options.staleAfterMs ?? 6 * heartbeatMs;
  const log = options.log ?? (() => {});
  const worker = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const byName = new Map(options.jobs.map((j) => [j.name, j]));
  // Bad cron text stops the start-up (a test reads every declared pattern).
  const schedules = new Map<string, Cron>(options.jobs.filter((j) => j.schedule).map((j) => [j.name, parseSchedule(j.schedule!)]));
  const names = [...byName.keys()];
  const running = new Map<string, Promise<void>>();
  /** Ids of the runs in progress in this process, whose heartbeat it keeps. */
  const runningIds = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let stopped = true;
  let passing: Promise<void> | null = null;

  async function execute(run: JobRunRow): Promise<void> {
    const job = byName.get(run.job)!;
    const id = String(run.id);
    let outcome: Parameters<typeof finishRun>[2];
    try {
      const result = await job.run({ database, config, slotAt: new Date(run.slot_at), attempt: run.attempt, payload: await payloadOf(database, run), now });
      outcome = { status: 'succeeded', now: now(), result: result ?? null };
    } catch (error) {
      const at = now();
      const message = error instanceof Error ? error.message : String(error);
      outcome = { status: 'failed', now: at, error: message.slice(0, 2000), retryAt: retryAt(retryPolicyOf(job), run.attempt, at) };
      log(`[jobs] ${run.job} attempt ${run.attempt} failed: ${message}`);
    }
    if (!(await finishRun(database, id, outcome))) log(`[jobs] ${run.job} run ${id} had already been recorded as interrupted`);
  }

  /** Starts a claimed run in the background (one per job name at a time in this process). */
  function launch(run: JobRunRow): Promise<void> {
    const id = String(run.id);
    runningIds.add(id);
    // Every run keeps its heartbeat, also a manual one started before (or without) the schedule's passes.
    // unref: the timer alone never keeps a command-line process alive.
    heartbeat ??= setInterval(() => {
      touchHeartbeats(database, [...runningIds], now()).catch((error) => log(`[jobs] heartbeat failed: ${String(error)}`));
    }, heartbeatMs).unref();
    const promise = execute(run)
      .catch((error) => log(`[jobs] ${run.job}: could not record the run: ${String(error)}`))
      .finally(() => {
        running.delete(run.job);
        runningIds.delete(id);
      });
    running.set(run.job, promise);
    return promise;
  }

  /** Records runs of dead processes as failed, with their retry. */
  async function reapStale(staleBefore: Date): Promise<number> {
    let reaped = 0;
    for (const run of await listStaleRuns(database, staleBefore)) {
      const job = byName.get(run.job);
      const at = now();
      const next = job ? retryAt(retryPolicyOf(job), run.attempt, at) : null;
      if (await failStaleRun(database, String(run.id), staleBefore, at, INTERRUPTED_ERROR, next)) {
        reaped++;
        log(`[jobs] ${run.job} attempt ${run.attempt} (worker ${run.worker}) recorded as interrupted`);
      }
    }
    return reaped;
  }

  /** One pass: stale runs, then each schedule's due slot, then due retries, then one-off requests. */
  async function pass(): Promise<void> {
    const at = now();
    await reapStale(new Date(at.getTime() - staleAfterMs));
    for (const [name, schedule] of schedules) {
      if (running.has(name)) continue;
      const slot = dueSlot(schedule, at, byName.get(name)!.catchUpMs ?? DEFAULT_CATCH_UP_MS);
      if (!slot) continue;
      const run = await claimRun(database, { job: name, slotKey: slotKeyOf(slot), slotAt: slot, attempt: 1, trigger: 'schedule', worker, now: at });
      if (run) launch(run);
    }
    for (;;) {
      const idle = names.filter((n) => !running.has(n));
      if (!idle.length) break;
      const run = (await claimDueRetry(database, idle, worker, now())) ?? (await claimDueRequest(database, idle, worker, now()));
      if (!run) break;
      launch(run);
    }
  }

  function schedulePass(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      passing = pass()
        .catch((error) => log(`[jobs] scheduler pass failed: ${String(error)}`))
        .finally(() => {
          passing = null;
          schedulePass();
        });
    }, tickMs);
  }

  return {
    worker,
    /**
     * Starts the passes. On the embedded engine this process is the only one that can open the database
     * (the data folder is locked), so any run still marked running was cut off by a stop: it is recorded as
     * interrupted at once instead of after the stale delay.
     */
    async start(): Promise<void> {
      if (!stopped) return;
      stopped = false;
      if (database.kind === 'pglite') await reapStale(new Date(now().getTime() + 1));
      passing = pass().catch((error) => log(`[jobs] scheduler pass failed: ${String(error)}`)).finally(() => {
        passing = null;
        schedulePass();
      });
    },
    /** Runs one pass now (tests and the CLI). */
    pass,
    /**
     * Runs a job now in this process as a manual run, whatever its schedule. Answers the claimed run at
     * once; `done` resolves when the run has been recorded as ended.
     */
    async runNow(name: string, requestedBy: string | null = null): Promise<{ run: JobRunRow; done: Promise<void> }> {
      if (!byName.has(name)) throw new UnknownJobError(name);
      const at = now();
      const run = await claimRun(database, { job: name, slotKey: `manual:${crypto.randomUUID()}`, slotAt: at, attempt: 1, trigger: 'manual', worker, now: at, requestedBy });
      // A fresh random slot key cannot collide, so the claim always returns the row.
      return { run: run!, done: launch(run!) };
    },
    jobs: options.jobs,
    /** Stops the passes and waits for the runs in progress. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await passing;
      await Promise.all(running.values());
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;

export class UnknownJobError extends Error {
  constructor(readonly job: string) {
    super(`未知任务 / unknown job: ${job}`);
  }
}
