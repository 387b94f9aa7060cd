import type { AppConfig } from '../../config/config.ts';
import type { Database } from '../../db/client.ts';
import type { RetryPolicy } from '../../domain/jobs/job-timing.ts';

/** What a job's run function receives. */
export interface JobContext {
  database: Database;
  config: AppConfig;
  /** The instant the run stands for (the schedule slot, the one-off's time, or now for a manual run). */
  slotAt: Date;
  attempt: number;
  payload: Record<string, unknown>;
  now: () => Date;
}

/**
 * A job a feature declares. The name is its key in job_runs: never rename a job that has run (its history
 * and its claimed slots would be orphaned).
 */
export interface JobDefinition {
  name: string;
  titleZh: string;
  titleEn: string;
  /** Cron pattern in Shanghai time (5 fields, or 6 with seconds); omit for a job run only on request. */
  schedule?: string;
  retry?: Partial<RetryPolicy>;
  /** How late a missed slot may still run (default 6 h). */
  catchUpMs?: number;
  /** Returns a small JSON summary stored with the run (counts, not rows). */
  run(ctx: JobContext): Promise<Record<string, unknown> | void>;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: 60_000, maxBackoffMs: 30 * 60_000 };
export const DEFAULT_CATCH_UP_MS = 6 * 3600_000;

export function retryPolicyOf(job: JobDefinition): RetryPolicy {
  return { ...DEFAULT_RETRY, ...job.retry };
}
