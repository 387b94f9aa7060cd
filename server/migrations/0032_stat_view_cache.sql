-- Computed statistics views shared by every server process on one database, and a second data-version token
-- for what decides which months are closed.
--
-- stat_view_cache: one row per cached view (the cockpit of a scope, indicator and period; goal progress …),
-- stamped with the stat_generation token it was computed under. A reader checks the row against the current
-- token in the same query that reads it, so a row computed before a change is never served, whichever process
-- wrote it. `kind` and `request` say how to compute the view again: after an approval or an import the
-- recently used views are recomputed under the new token (see stats-cache.ts), so the next reader hits.
-- The value is JSON text (the server parses it; jsonb would only add a conversion on every read).
CREATE TABLE stat_view_cache (
  key       text PRIMARY KEY,
  kind      text,
  request   jsonb,
  token     uuid NOT NULL,
  value     text NOT NULL,
  used_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stat_view_cache_used_idx ON stat_view_cache (used_at DESC);

-- Which month is closed depends on how many reports of the latest months are approved, still in the workflow,
-- or expected: monthly_reports rows appearing, disappearing or changing status. Those writes do not touch the
-- rollups (a draft or a submission is no statistic), so they bump their own token, with the same deferred
-- mechanism as 0006 (marks per transaction, one update of the token row at commit, after every other lock).
ALTER TABLE stat_generation ADD COLUMN reports_token uuid NOT NULL DEFAULT gen_random_uuid();

CREATE TABLE stat_report_marks (
  txid bigint PRIMARY KEY
);

CREATE FUNCTION stat_mark_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_report_marks (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE FUNCTION stat_bump_reports_token() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stat_generation SET reports_token = gen_random_uuid();
  DELETE FROM stat_report_marks WHERE txid = NEW.txid;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER stat_report_marks_bump AFTER INSERT ON stat_report_marks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stat_bump_reports_token();

CREATE TRIGGER monthly_reports_period_changed AFTER INSERT OR DELETE OR UPDATE OF status, year, month, enterprise_id ON monthly_reports
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_report_change();
CREATE TRIGGER monthly_reports_period_truncated AFTER TRUNCATE ON monthly_reports
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_report_change();
