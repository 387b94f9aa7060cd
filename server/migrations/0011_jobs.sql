-- Jobs (issue 10 §3, docs/decisions/0010-jobs.md): every run of a scheduled, one-off or manual job is a row.
-- At most once per schedule slot, across restarts and across several server processes on one PostgreSQL:
-- a run is claimed by INSERTing its (job, slot_key, attempt) row, and the unique constraint lets exactly one
-- process win; the others' INSERT … ON CONFLICT DO NOTHING returns no row. A retry is attempt + 1 of the
-- same slot, claimed the same way. A process that stops in the middle of a run leaves a 'running' row whose
-- heartbeat goes stale; the next scheduler pass records it as failed and schedules its retry.
CREATE TABLE job_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job text NOT NULL,
  -- 'cron:<ISO instant>' for a schedule slot, 'once:<request id>' for a one-off, 'manual:<uuid>' for run-now.
  slot_key text NOT NULL,
  slot_at timestamptz NOT NULL,
  attempt integer NOT NULL CHECK (attempt >= 1),
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'once', 'manual')),
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  started_at timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  finished_at timestamptz,
  error text,
  result jsonb,
  -- Which process ran it (host:pid:random), for the operations page and the logs.
  worker text NOT NULL,
  -- Set on a failed run that will be retried; cleared when the retry is claimed.
  retry_at timestamptz,
  requested_by uuid,
  CONSTRAINT job_runs_slot_attempt_key UNIQUE (job, slot_key, attempt)
);
CREATE INDEX job_runs_job_started_idx ON job_runs (job, started_at DESC);
CREATE INDEX job_runs_running_idx ON job_runs (heartbeat_at) WHERE status = 'running';
CREATE INDEX job_runs_retry_idx ON job_runs (retry_at) WHERE retry_at IS NOT NULL;

-- One-off jobs: run once at or after run_at by whichever process claims 'once:<id>' first.
CREATE TABLE job_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job text NOT NULL,
  run_at timestamptz NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  requested_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_requests_run_at_idx ON job_requests (run_at);
