import type { Database } from '../../db/client.ts';

/** All SQL of the jobs feature. Every statement runs alone (no transaction is held while a job works). */

export interface JobRunRow {
  id: string | number;
  job: string;
  slot_key: string;
  slot_at: Date | string;
  attempt: number;
  trigger: 'schedule' | 'once' | 'manual';
  status: 'running' | 'succeeded' | 'failed';
  started_at: Date | string;
  finished_at: Date | string | null;
  error: string | null;
  result: unknown;
  worker: string;
  retry_at: Date | string | null;
  requested_by: string | null;
  payload?: Record<string, unknown> | null;
}

const RUN_COLUMNS = 'id, job, slot_key, slot_at, attempt, trigger, status, started_at, finished_at, error, result, worker, retry_at, requested_by';

export interface ClaimInput {
  job: string;
  slotKey: string;
  slotAt: Date;
  attempt: number;
  trigger: JobRunRow['trigger'];
  worker: string;
  now: Date;
  requestedBy?: string | null;
}

/**
 * Claims one run. The unique (job, slot_key, attempt) constraint is what makes a slot run at most once: of
 * several processes inserting the same row, one gets it back and the others get nothing (on PostgreSQL the
 * loser's INSERT waits for the winner's commit and then does nothing).
 */
export async function claimRun(database: Database, c: ClaimInput): Promise<JobRunRow | null> {
  const [row] = await database.query<JobRunRow>(
    `INSERT INTO job_runs (job, slot_key, slot_at, attempt, trigger, status, started_at, heartbeat_at, worker, requested_by)
     VALUES ($1, $2, $3, $4, $5, 'running', $6, $6, $7, $8)
     ON CONFLICT ON CONSTRAINT job_runs_slot_attempt_key DO NOTHING
     RETURNING ${RUN_COLUMNS}`,
    [c.job, c.slotKey, c.slotAt, c.attempt, c.trigger, c.now, c.worker, c.requestedBy ?? null],
  );
  return row ?? null;
}

/**
 * Claims the next retry that is due among `jobs`: the failed attempt is locked with SKIP LOCKED (another
 * process takes another row or none), its retry_at cleared, and attempt + 1 inserted under the same unique
 * constraint, all in one statement.
 */
export async function claimDueRetry(database: Database, jobs: string[], worker: string, now: Date): Promise<JobRunRow | null> {
  const [row] = await database.query<JobRunRow>(
    `WITH due AS (
       UPDATE job_runs SET retry_at = NULL
        WHERE id = (SELECT id FROM job_runs
                     WHERE retry_at IS NOT NULL AND retry_at <= $1 AND status = 'failed' AND job = ANY($2::text[])
                     ORDER BY retry_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING job, slot_key, slot_at, attempt, trigger, requested_by)
     INSERT INTO job_runs (job, slot_key, slot_at, attempt, trigger, status, started_at, heartbeat_at, worker, requested_by)
     SELECT job, slot_key, slot_at, attempt + 1, trigger, 'running', $1, $1, $3, requested_by FROM due
     ON CONFLICT ON CONSTRAINT job_runs_slot_attempt_key DO NOTHING
     RETURNING ${RUN_COLUMNS}`,
    [now, jobs, worker],
  );
  return row ?? null;
}

/** Claims the earliest due one-off request among `jobs` that has no run yet. */
export async function claimDueRequest(database: Database, jobs: string[], worker: string, now: Date): Promise<JobRunRow | null> {
  const [row] = await database.query<JobRunRow>(
    `INSERT INTO job_runs (job, slot_key, slot_at, attempt, trigger, status, started_at, heartbeat_at, worker, requested_by)
     SELECT q.job, 'once:' || q.id, q.run_at, 1, 'once', 'running', $1, $1, $3, q.requested_by
       FROM job_requests q
      WHERE q.run_at <= $1 AND q.job = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM job_runs r WHERE r.job = q.job AND r.slot_key = 'once:' || q.id)
      ORDER BY q.run_at, q.id LIMIT 1
     ON CONFLICT ON CONSTRAINT job_runs_slot_attempt_key DO NOTHING
     RETURNING ${RUN_COLUMNS}`,
    [now, jobs, worker],
  );
  return row ?? null;
}

/** The payload of a one-off run (slot key 'once:<id>'); other runs have none. */
export async function payloadOf(database: Database, run: JobRunRow): Promise<Record<string, unknown>> {
  if (!run.slot_key.startsWith('once:')) return {};
  const [row] = await database.query<{ payload: Record<string, unknown> }>('SELECT payload FROM job_requests WHERE id = $1', [run.slot_key.slice(5)]);
  return row?.payload ?? {};
}

export async function insertRequest(database: Database, job: string, runAt: Date, payload: Record<string, unknown>, requestedBy: string | null): Promise<string> {
  const [row] = await database.query<{ id: string | number }>(
    'INSERT INTO job_requests (job, run_at, payload, requested_by) VALUES ($1, $2, $3::jsonb, $4) RETURNING id',
    [job, runAt, JSON.stringify(payload), requestedBy],
  );
  return String(row!.id);
}

export async function touchHeartbeats(database: Database, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  await database.query(`UPDATE job_runs SET heartbeat_at = $1 WHERE id = ANY($2::bigint[]) AND status = 'running'`, [now, ids]);
}

/** Ends a run; false when it was no longer running (recorded as interrupted by another process meanwhile). */
export async function finishRun(
  database: Database,
  id: string,
  outcome: { status: 'succeeded' | 'failed'; now: Date; error?: string | null; result?: unknown; retryAt?: Date | null },
): Promise<boolean> {
  const rows = await database.query(
    `UPDATE job_runs SET status = $2, finished_at = $3, error = $4, result = $5::jsonb, retry_at = $6
      WHERE id = $1 AND status = 'running' RETURNING id`,
    [id, outcome.status, outcome.now, outcome.error ?? null, outcome.result === undefined ? null : JSON.stringify(outcome.result), outcome.retryAt ?? null],
  );
  return rows.length > 0;
}

/** Runs whose heartbeat stopped before `staleBefore` (their process is gone). */
export async function listStaleRuns(database: Database, staleBefore: Date): Promise<JobRunRow[]> {
  return database.query<JobRunRow>(`SELECT ${RUN_COLUMNS} FROM job_runs WHERE status = 'running' AND heartbeat_at < $1 ORDER BY id`, [staleBefore]);
}

/** Records one stale run as failed, unless another process did first (or its heartbeat came back). */
export async function failStaleRun(database: Database, id: string, staleBefore: Date, now: Date, error: string, retryAt: Date | null): Promise<boolean> {
  const rows = await database.query(
    `UPDATE job_runs SET status = 'failed', finished_at = $3, error = $4, retry_at = $5
      WHERE id = $1 AND status = 'running' AND heartbeat_at < $2 RETURNING id`,
    [id, staleBefore, now, error, retryAt],
  );
  return rows.length > 0;
}

export async function listRuns(database: Database, filter: { job?: string | undefined; limit: number }): Promise<JobRunRow[]> {
  return filter.job
    ? database.query<JobRunRow>(`SELECT ${RUN_COLUMNS} FROM job_runs WHERE job = $1 ORDER BY started_at DESC, id DESC LIMIT $2`, [filter.job, filter.limit])
    : database.query<JobRunRow>(`SELECT ${RUN_COLUMNS} FROM job_runs ORDER BY started_at DESC, id DESC LIMIT $1`, [filter.limit]);
}

export async function lastRunOfEachJob(database: Database): Promise<JobRunRow[]> {
  return database.query<JobRunRow>(`SELECT DISTINCT ON (job) ${RUN_COLUMNS} FROM job_runs ORDER BY job, started_at DESC, id DESC`);
}
