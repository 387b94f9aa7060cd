-- Monthly statistics (SPEC §4): the indicator catalogue, enterprise monthly reports with their workflow and
-- immutable revisions, the bureau-file import batches, and the rollups the cockpit and `stats query` read.
--
-- Amounts are NUMERIC(18,4) in 万元 (1 元 resolution), energy in tce, employees an integer: never floating point.
-- Rollups are derived data: `npx biomfg stats rebuild` recomputes them from the approved reports at any time.

CREATE TABLE stat_indicators (
  code            text PRIMARY KEY,
  name_zh         text NOT NULL,
  name_en         text NOT NULL,
  unit            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('flow','stock')),
  is_money        boolean NOT NULL,
  allows_negative boolean NOT NULL,
  sort_order      integer NOT NULL
);
-- Seeded from contracts/indicators.ts (a test checks that both agree).
INSERT INTO stat_indicators (code, name_zh, name_en, unit, kind, is_money, allows_negative, sort_order) VALUES
  ('output',    '工业总产值',       'Gross industrial output', '万元', 'flow',  true,  false, 1),
  ('sales',     '工业销售产值',     'Industrial sales output', '万元', 'flow',  true,  false, 2),
  ('export',    '出口交货值',       'Export delivery value',   '万元', 'flow',  true,  false, 3),
  ('revenue',   '营业收入',         'Operating revenue',       '万元', 'flow',  true,  false, 4),
  ('profit',    '利润总额',         'Total profit',            '万元', 'flow',  true,  true,  5),
  ('tax',       '税收',             'Taxes paid',              '万元', 'flow',  true,  false, 6),
  ('rd',        '研发费用',         'R&D expense',             '万元', 'flow',  true,  false, 7),
  ('energy',    '综合能源消费量',   'Energy use',              'tce',  'flow',  false, false, 8),
  ('employees', '从业人员期末人数', 'Employees at period end', '人',   'stock', false, false, 9);

CREATE TABLE stat_import_batches (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_name      text NOT NULL,
  file_sha256    char(64) NOT NULL,
  layout         text NOT NULL CHECK (layout IN ('flat','b204-1')),
  mode           text NOT NULL,
  status         text NOT NULL CHECK (status IN ('applied','rejected','dry-run')),
  rows_total     integer NOT NULL DEFAULT 0,
  rows_imported  integer NOT NULL DEFAULT 0,
  rows_updated   integer NOT NULL DEFAULT 0,
  rows_rejected  integer NOT NULL DEFAULT 0,
  conflicts      integer NOT NULL DEFAULT 0,
  report         jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_user_id  uuid,
  actor_username text,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- One report per enterprise × month. `version` is the optimistic-concurrency token: every write names the
-- version it read and fails (409) when another write came first.
CREATE TABLE monthly_reports (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id   uuid NOT NULL REFERENCES enterprises(id),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  month           integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','park-reviewed','approved','returned')),
  source          text NOT NULL DEFAULT 'enterprise' CHECK (source IN ('enterprise','import')),
  output          numeric(18,4),
  sales           numeric(18,4),
  export          numeric(18,4),
  revenue         numeric(18,4),
  profit          numeric(18,4),
  tax             numeric(18,4),
  rd              numeric(18,4),
  energy          numeric(18,4),
  employees       integer,
  explanation     text,
  return_reason   text,
  deadline        date NOT NULL,
  submitted_at    timestamptz,
  submitted_by    uuid,
  reviewed_at     timestamptz,
  reviewed_by     uuid,
  approved_at     timestamptz,
  approved_by     uuid,
  import_batch_id uuid REFERENCES stat_import_batches(id),
  is_demo         boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (enterprise_id, year, month)
);
CREATE INDEX monthly_reports_period_idx ON monthly_reports (year, month, status);
CREATE INDEX monthly_reports_status_idx ON monthly_reports (status) WHERE status IN ('submitted','park-reviewed');

-- Every revision of a report, immutable: what the enterprise typed, what the park passed, what was approved.
CREATE TABLE monthly_report_revisions (
  id             bigserial PRIMARY KEY,
  report_id      uuid NOT NULL REFERENCES monthly_reports(id),
  version        integer NOT NULL,
  action         text NOT NULL CHECK (action IN ('create','save','submit','review','approve','return','import','seed')),
  status         text NOT NULL,
  values         jsonb NOT NULL,
  explanation    text,
  return_reason  text,
  actor_user_id  uuid,
  actor_username text,
  at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (report_id, version)
);

CREATE FUNCTION monthly_report_revisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'monthly_report_revisions is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER monthly_report_revisions_no_change BEFORE UPDATE OR DELETE ON monthly_report_revisions
  FOR EACH ROW EXECUTE FUNCTION monthly_report_revisions_immutable();

-- Rollup 1: per enterprise × year × month of every year with an approved report, the approved month value
-- (m_*, 0 when that month has none) and the YTD (y_*: months 1..M summed; a stock indicator's level in M).
-- Dense (all 12 months), so YTD(y, M) and YTD(y−1, M) are single-row lookups.
CREATE TABLE stat_enterprise_ytd (
  enterprise_id   uuid NOT NULL,
  year            integer NOT NULL,
  month           integer NOT NULL,
  has_report      boolean NOT NULL,
  reports_to_date integer NOT NULL,
  m_output numeric(18,4) NOT NULL, y_output numeric(18,4) NOT NULL,
  m_sales numeric(18,4) NOT NULL, y_sales numeric(18,4) NOT NULL,
  m_export numeric(18,4) NOT NULL, y_export numeric(18,4) NOT NULL,
  m_revenue numeric(18,4) NOT NULL, y_revenue numeric(18,4) NOT NULL,
  m_profit numeric(18,4) NOT NULL, y_profit numeric(18,4) NOT NULL,
  m_tax numeric(18,4) NOT NULL, y_tax numeric(18,4) NOT NULL,
  m_rd numeric(18,4) NOT NULL, y_rd numeric(18,4) NOT NULL,
  m_energy numeric(18,4) NOT NULL, y_energy numeric(18,4) NOT NULL,
  m_employees numeric(18,4) NOT NULL, y_employees numeric(18,4) NOT NULL,
  PRIMARY KEY (enterprise_id, year, month)
);
CREATE INDEX stat_enterprise_ytd_period_idx ON stat_enterprise_ytd (year, month);

-- The groups each enterprise counts in, from its registry entry as last synchronised (dimension, key):
-- total/all, domain, zone, domain-zone, node (main chain node), stage, scale, manufacturing, tag, carrier.
CREATE TABLE stat_enterprise_groups (
  enterprise_id uuid NOT NULL,
  dim           text NOT NULL,
  key           text NOT NULL,
  PRIMARY KEY (enterprise_id, dim, key)
);
CREATE INDEX stat_enterprise_groups_key_idx ON stat_enterprise_groups (dim, key);

-- Rollup 2: per dimension key × indicator × period, the comparable-basis sums (SPEC §4) of its enterprises:
-- month and YTD of the comparable set C, their base (own YTD a year earlier), the nominal YTD and base of all
-- enterprises, |C| and the number of enterprises with figures in either period. Kept by adding deltas.
CREATE TABLE stat_group_cells (
  dim          text NOT NULL,
  key          text NOT NULL,
  indicator    text NOT NULL,
  year         integer NOT NULL,
  month        integer NOT NULL,
  month_c      numeric(20,4) NOT NULL,
  ytd_c        numeric(20,4) NOT NULL,
  base_c       numeric(20,4) NOT NULL,
  nominal_ytd  numeric(20,4) NOT NULL,
  nominal_base numeric(20,4) NOT NULL,
  n_c          integer NOT NULL,
  n_present    integer NOT NULL,
  PRIMARY KEY (dim, indicator, year, month, key)
);

-- Enterprises whose registry classification changed since the groups were synchronised. Filled by triggers
-- (so registry code needs no knowledge of statistics) and drained before the next statistics read.
CREATE TABLE stat_dirty_enterprises (
  enterprise_id uuid PRIMARY KEY
);

CREATE FUNCTION stat_mark_enterprise_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO stat_dirty_enterprises (enterprise_id) VALUES (OLD.enterprise_id) ON CONFLICT DO NOTHING;
    RETURN OLD;
  END IF;
  INSERT INTO stat_dirty_enterprises (enterprise_id) VALUES (NEW.enterprise_id) ON CONFLICT DO NOTHING;
  RETURN NEW;
END;
$$;

CREATE FUNCTION stat_mark_enterprise_row_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_dirty_enterprises (enterprise_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NEW;
END;
$$;

CREATE TRIGGER enterprises_stat_dirty_insert AFTER INSERT ON enterprises
  FOR EACH ROW EXECUTE FUNCTION stat_mark_enterprise_row_dirty();
CREATE TRIGGER enterprises_stat_dirty_update
  AFTER UPDATE OF domain_id, zone_id, carrier_id, stage, is_above_scale, is_manufacturing, tags, deleted_at ON enterprises
  FOR EACH ROW EXECUTE FUNCTION stat_mark_enterprise_row_dirty();
CREATE TRIGGER enterprise_chain_nodes_stat_dirty AFTER INSERT OR UPDATE OR DELETE ON enterprise_chain_nodes
  FOR EACH ROW EXECUTE FUNCTION stat_mark_enterprise_dirty();
