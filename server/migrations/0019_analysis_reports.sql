-- Monthly operation analysis reports (issue 11 §4, docs/decisions/0020-analysis-report-archive.md): each
-- generated .docx is archived with who or what produced it, for the district (zone_code NULL) or one zone, so
-- that the archive lists, downloads and regenerates them; a regeneration replaces the document and bumps the
-- version (the audit log keeps each generation). The forecast needs no table: it is cached in memory per
-- data version (stat_generation).
CREATE TABLE analysis_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  zone_code text,
  file_name text NOT NULL,
  content bytea NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  source text NOT NULL CHECK (source IN ('manual', 'job')),
  generated_by uuid REFERENCES users (id),
  generated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX analysis_reports_period_zone_idx ON analysis_reports (period, coalesce(zone_code, ''));
