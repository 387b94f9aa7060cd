-- State that one request leaves for a later one, kept in the database so that any of several server
-- processes on one PostgreSQL can answer the later request (issue 16 §4, docs/decisions/0033-stateless-app-servers.md).

-- The marked error workbook of an import: the uploaded bytes and the rejected cells, offered to the uploader
-- for 30 minutes. Expired rows are never served (the lookup checks expires_at) and are deleted by the
-- housekeeping job shared-state-prune and whenever the same user stores a new one.
CREATE TABLE import_error_reports (
  id uuid PRIMARY KEY,
  owner_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- The import that made it: a registry name, or 'monthly-reports'. Only that import's route serves it.
  entity text NOT NULL,
  file_name text,
  original bytea NOT NULL,
  rejected jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX import_error_reports_owner_idx ON import_error_reports (owner_user_id, created_at);
CREATE INDEX import_error_reports_expires_idx ON import_error_reports (expires_at);

-- Request counters of the API's rate limits (per user or client address, per route with its own limit), one
-- fixed window per key. Used on PostgreSQL, where several processes must count together; the embedded
-- engine has one process by construction and counts in memory. Windows are measured on the database's
-- clock, so servers with skewed clocks agree.
CREATE TABLE rate_limit_counters (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_counters_window_idx ON rate_limit_counters (window_ends_at);
