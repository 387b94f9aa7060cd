import type { JobRunView, JobView } from '../../../../contracts/jobs.ts';
import { nextSlot, parseSchedule } from '../../domain/jobs/job-timing.ts';
import type { JobRunRow } from './job.repository.ts';
import { retryPolicyOf, type JobDefinition } from './job.types.ts';

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export function presentJobRun(row: JobRunRow): JobRunView {
  const started = new Date(row.started_at);
  const finished = row.finished_at === null ? null : new Date(row.finished_at);
  return {
    id: Number(row.id),
    job: row.job,
    slotAt: iso(row.slot_at)!,
    attempt: row.attempt,
    trigger: row.trigger,
    status: row.status,
    startedAt: started.toISOString(),
    finishedAt: finished ? finished.toISOString() : null,
    durationMs: finished ? finished.getTime() - started.getTime() : null,
    error: row.error,
    result: row.result ?? null,
    worker: row.worker,
    retryAt: iso(row.retry_at),
  };
}

export function presentJob(job: JobDefinition, lastRun: JobRunRow | undefined, now: Date): JobView {
  const next = job.schedule ? nextSlot(parseSchedule(job.schedule), now) : null;
  return {
    name: job.name,
    titleZh: job.titleZh,
    titleEn: job.titleEn,
    schedule: job.schedule ?? null,
    nextRunAt: next ? next.toISOString() : null,
    maxAttempts: retryPolicyOf(job).maxAttempts,
    lastRun: lastRun ? presentJobRun(lastRun) : null,
  };
}
