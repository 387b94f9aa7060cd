-- Issue 16 §2: the cockpit's top movers from an index, not from every enterprise's ytd rows (decision 0041).
--
-- Per enterprise and month, each indicator's change of its YTD over the same month a year earlier, in the
-- comparable set (the month's report has that indicator): d = 10 000 × (YTD − last year's YTD), an integer like
-- the refresh's inputs; NULL when the enterprise is not comparable in that indicator or did not move. The
-- refresh writes it for the enterprise-months whose contributions it recomputes (rollup-refresh.repository.ts);
-- a partial index per indicator gives the largest rises and falls of a month by reading a few entries. The
-- district cockpit at 100 000 enterprises read a month of every enterprise's ytd rows for them: 2.3 s.
CREATE TABLE stat_enterprise_moves (
  enterprise_id uuid NOT NULL,
  year          integer NOT NULL,
  month         integer NOT NULL,
  d_output    int8,
  d_sales     int8,
  d_export    int8,
  d_revenue   int8,
  d_profit    int8,
  d_tax       int8,
  d_rd        int8,
  d_energy    int8,
  d_employees int8,
  PRIMARY KEY (enterprise_id, year, month)
);
CREATE INDEX stat_enterprise_moves_output_idx ON stat_enterprise_moves (year, month, d_output) WHERE d_output IS NOT NULL;
CREATE INDEX stat_enterprise_moves_sales_idx ON stat_enterprise_moves (year, month, d_sales) WHERE d_sales IS NOT NULL;
CREATE INDEX stat_enterprise_moves_export_idx ON stat_enterprise_moves (year, month, d_export) WHERE d_export IS NOT NULL;
CREATE INDEX stat_enterprise_moves_revenue_idx ON stat_enterprise_moves (year, month, d_revenue) WHERE d_revenue IS NOT NULL;
CREATE INDEX stat_enterprise_moves_profit_idx ON stat_enterprise_moves (year, month, d_profit) WHERE d_profit IS NOT NULL;
CREATE INDEX stat_enterprise_moves_tax_idx ON stat_enterprise_moves (year, month, d_tax) WHERE d_tax IS NOT NULL;
CREATE INDEX stat_enterprise_moves_rd_idx ON stat_enterprise_moves (year, month, d_rd) WHERE d_rd IS NOT NULL;
CREATE INDEX stat_enterprise_moves_energy_idx ON stat_enterprise_moves (year, month, d_energy) WHERE d_energy IS NOT NULL;
CREATE INDEX stat_enterprise_moves_employees_idx ON stat_enterprise_moves (year, month, d_employees) WHERE d_employees IS NOT NULL;

-- From the ytd rows as they stand (the refresh keeps the table in step from here on).
INSERT INTO stat_enterprise_moves (enterprise_id, year, month, d_output, d_sales, d_export, d_revenue, d_profit, d_tax, d_rd, d_energy, d_employees)
SELECT c.enterprise_id, c.year, c.month,
       CASE WHEN c.h_output AND c.y_output <> coalesce(q.y_output, 0) THEN (c.y_output * 10000)::int8 - coalesce((q.y_output * 10000)::int8, 0) END,
       CASE WHEN c.h_sales AND c.y_sales <> coalesce(q.y_sales, 0) THEN (c.y_sales * 10000)::int8 - coalesce((q.y_sales * 10000)::int8, 0) END,
       CASE WHEN c.h_export AND c.y_export <> coalesce(q.y_export, 0) THEN (c.y_export * 10000)::int8 - coalesce((q.y_export * 10000)::int8, 0) END,
       CASE WHEN c.h_revenue AND c.y_revenue <> coalesce(q.y_revenue, 0) THEN (c.y_revenue * 10000)::int8 - coalesce((q.y_revenue * 10000)::int8, 0) END,
       CASE WHEN c.h_profit AND c.y_profit <> coalesce(q.y_profit, 0) THEN (c.y_profit * 10000)::int8 - coalesce((q.y_profit * 10000)::int8, 0) END,
       CASE WHEN c.h_tax AND c.y_tax <> coalesce(q.y_tax, 0) THEN (c.y_tax * 10000)::int8 - coalesce((q.y_tax * 10000)::int8, 0) END,
       CASE WHEN c.h_rd AND c.y_rd <> coalesce(q.y_rd, 0) THEN (c.y_rd * 10000)::int8 - coalesce((q.y_rd * 10000)::int8, 0) END,
       CASE WHEN c.h_energy AND c.y_energy <> coalesce(q.y_energy, 0) THEN (c.y_energy * 10000)::int8 - coalesce((q.y_energy * 10000)::int8, 0) END,
       CASE WHEN c.h_employees AND c.y_employees <> coalesce(q.y_employees, 0) THEN (c.y_employees * 10000)::int8 - coalesce((q.y_employees * 10000)::int8, 0) END
  FROM stat_enterprise_ytd c
  LEFT JOIN stat_enterprise_ytd q ON q.enterprise_id = c.enterprise_id AND q.year = c.year - 1 AND q.month = c.month
 WHERE (c.h_output AND c.y_output <> coalesce(q.y_output, 0)) OR (c.h_sales AND c.y_sales <> coalesce(q.y_sales, 0)) OR (c.h_export AND c.y_export <> coalesce(q.y_export, 0)) OR (c.h_revenue AND c.y_revenue <> coalesce(q.y_revenue, 0)) OR (c.h_profit AND c.y_profit <> coalesce(q.y_profit, 0)) OR (c.h_tax AND c.y_tax <> coalesce(q.y_tax, 0)) OR (c.h_rd AND c.y_rd <> coalesce(q.y_rd, 0)) OR (c.h_energy AND c.y_energy <> coalesce(q.y_energy, 0)) OR (c.h_employees AND c.y_employees <> coalesce(q.y_employees, 0));
