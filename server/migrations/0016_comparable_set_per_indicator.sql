-- Comparable growth per indicator (issue 9): an enterprise is in indicator I's comparable set for month M when
-- its approved report for M has a value for I (0 is a value, an empty cell is not). Until now every enterprise
-- with any approved report joined every indicator's set, so a B204-1 import (output, no revenue) pulled the
-- revenue growth down with empty revenues.
--
-- stat_enterprise_ytd gains h_<indicator>: whether the month's approved report has that value. The existing
-- rows are backfilled from the approved reports, and stat_group_cells (sums of per-enterprise contributions)
-- is recomputed from them, exactly as rollup.repository.ts's rebuild does; n_c becomes |C_I| per indicator.

ALTER TABLE stat_enterprise_ytd
  ADD COLUMN h_output boolean NOT NULL DEFAULT false,
  ADD COLUMN h_sales boolean NOT NULL DEFAULT false,
  ADD COLUMN h_export boolean NOT NULL DEFAULT false,
  ADD COLUMN h_revenue boolean NOT NULL DEFAULT false,
  ADD COLUMN h_profit boolean NOT NULL DEFAULT false,
  ADD COLUMN h_tax boolean NOT NULL DEFAULT false,
  ADD COLUMN h_rd boolean NOT NULL DEFAULT false,
  ADD COLUMN h_energy boolean NOT NULL DEFAULT false,
  ADD COLUMN h_employees boolean NOT NULL DEFAULT false;

UPDATE stat_enterprise_ytd y SET h_output = r.output IS NOT NULL, h_sales = r.sales IS NOT NULL, h_export = r.export IS NOT NULL, h_revenue = r.revenue IS NOT NULL, h_profit = r.profit IS NOT NULL, h_tax = r.tax IS NOT NULL, h_rd = r.rd IS NOT NULL, h_energy = r.energy IS NOT NULL, h_employees = r.employees IS NOT NULL
  FROM monthly_reports r
 WHERE r.enterprise_id = y.enterprise_id AND r.year = y.year AND r.month = y.month AND r.status = 'approved';

DELETE FROM stat_group_cells;

WITH p AS (
  SELECT enterprise_id, year FROM stat_enterprise_ytd WHERE month = 1
  UNION SELECT enterprise_id, year + 1 FROM stat_enterprise_ytd WHERE month = 1
), x AS (
  SELECT p.enterprise_id, p.year, mm.month,
         (coalesce(c.reports_to_date, 0) > 0 OR coalesce(q.reports_to_date, 0) > 0) AS present,
         coalesce(c.m_output, 0) AS m_output, coalesce(c.y_output, 0) AS y_output, coalesce(q.y_output, 0) AS p_output, coalesce(c.h_output, false) AS h_output, coalesce(c.m_sales, 0) AS m_sales, coalesce(c.y_sales, 0) AS y_sales, coalesce(q.y_sales, 0) AS p_sales, coalesce(c.h_sales, false) AS h_sales, coalesce(c.m_export, 0) AS m_export, coalesce(c.y_export, 0) AS y_export, coalesce(q.y_export, 0) AS p_export, coalesce(c.h_export, false) AS h_export, coalesce(c.m_revenue, 0) AS m_revenue, coalesce(c.y_revenue, 0) AS y_revenue, coalesce(q.y_revenue, 0) AS p_revenue, coalesce(c.h_revenue, false) AS h_revenue, coalesce(c.m_profit, 0) AS m_profit, coalesce(c.y_profit, 0) AS y_profit, coalesce(q.y_profit, 0) AS p_profit, coalesce(c.h_profit, false) AS h_profit, coalesce(c.m_tax, 0) AS m_tax, coalesce(c.y_tax, 0) AS y_tax, coalesce(q.y_tax, 0) AS p_tax, coalesce(c.h_tax, false) AS h_tax, coalesce(c.m_rd, 0) AS m_rd, coalesce(c.y_rd, 0) AS y_rd, coalesce(q.y_rd, 0) AS p_rd, coalesce(c.h_rd, false) AS h_rd, coalesce(c.m_energy, 0) AS m_energy, coalesce(c.y_energy, 0) AS y_energy, coalesce(q.y_energy, 0) AS p_energy, coalesce(c.h_energy, false) AS h_energy, coalesce(c.m_employees, 0) AS m_employees, coalesce(c.y_employees, 0) AS y_employees, coalesce(q.y_employees, 0) AS p_employees, coalesce(c.h_employees, false) AS h_employees
    FROM p
    CROSS JOIN generate_series(1, 12) AS mm(month)
    LEFT JOIN stat_enterprise_ytd c ON c.enterprise_id = p.enterprise_id AND c.year = p.year AND c.month = mm.month
    LEFT JOIN stat_enterprise_ytd q ON q.enterprise_id = p.enterprise_id AND q.year = p.year - 1 AND q.month = mm.month
   WHERE c.enterprise_id IS NOT NULL OR q.enterprise_id IS NOT NULL
), a AS (
  SELECT g.dim, g.key, x.year, x.month,
         sum(CASE WHEN x.h_output THEN x.m_output ELSE 0 END) AS mc_output, sum(CASE WHEN x.h_output THEN x.y_output ELSE 0 END) AS yc_output, sum(CASE WHEN x.h_output THEN x.p_output ELSE 0 END) AS bc_output, sum(x.y_output) AS ny_output, sum(x.p_output) AS nb_output, count(*) FILTER (WHERE x.h_output)::int AS nc_output,
         sum(CASE WHEN x.h_sales THEN x.m_sales ELSE 0 END) AS mc_sales, sum(CASE WHEN x.h_sales THEN x.y_sales ELSE 0 END) AS yc_sales, sum(CASE WHEN x.h_sales THEN x.p_sales ELSE 0 END) AS bc_sales, sum(x.y_sales) AS ny_sales, sum(x.p_sales) AS nb_sales, count(*) FILTER (WHERE x.h_sales)::int AS nc_sales,
         sum(CASE WHEN x.h_export THEN x.m_export ELSE 0 END) AS mc_export, sum(CASE WHEN x.h_export THEN x.y_export ELSE 0 END) AS yc_export, sum(CASE WHEN x.h_export THEN x.p_export ELSE 0 END) AS bc_export, sum(x.y_export) AS ny_export, sum(x.p_export) AS nb_export, count(*) FILTER (WHERE x.h_export)::int AS nc_export,
         sum(CASE WHEN x.h_revenue THEN x.m_revenue ELSE 0 END) AS mc_revenue, sum(CASE WHEN x.h_revenue THEN x.y_revenue ELSE 0 END) AS yc_revenue, sum(CASE WHEN x.h_revenue THEN x.p_revenue ELSE 0 END) AS bc_revenue, sum(x.y_revenue) AS ny_revenue, sum(x.p_revenue) AS nb_revenue, count(*) FILTER (WHERE x.h_revenue)::int AS nc_revenue,
         sum(CASE WHEN x.h_profit THEN x.m_profit ELSE 0 END) AS mc_profit, sum(CASE WHEN x.h_profit THEN x.y_profit ELSE 0 END) AS yc_profit, sum(CASE WHEN x.h_profit THEN x.p_profit ELSE 0 END) AS bc_profit, sum(x.y_profit) AS ny_profit, sum(x.p_profit) AS nb_profit, count(*) FILTER (WHERE x.h_profit)::int AS nc_profit,
         sum(CASE WHEN x.h_tax THEN x.m_tax ELSE 0 END) AS mc_tax, sum(CASE WHEN x.h_tax THEN x.y_tax ELSE 0 END) AS yc_tax, sum(CASE WHEN x.h_tax THEN x.p_tax ELSE 0 END) AS bc_tax, sum(x.y_tax) AS ny_tax, sum(x.p_tax) AS nb_tax, count(*) FILTER (WHERE x.h_tax)::int AS nc_tax,
         sum(CASE WHEN x.h_rd THEN x.m_rd ELSE 0 END) AS mc_rd, sum(CASE WHEN x.h_rd THEN x.y_rd ELSE 0 END) AS yc_rd, sum(CASE WHEN x.h_rd THEN x.p_rd ELSE 0 END) AS bc_rd, sum(x.y_rd) AS ny_rd, sum(x.p_rd) AS nb_rd, count(*) FILTER (WHERE x.h_rd)::int AS nc_rd,
         sum(CASE WHEN x.h_energy THEN x.m_energy ELSE 0 END) AS mc_energy, sum(CASE WHEN x.h_energy THEN x.y_energy ELSE 0 END) AS yc_energy, sum(CASE WHEN x.h_energy THEN x.p_energy ELSE 0 END) AS bc_energy, sum(x.y_energy) AS ny_energy, sum(x.p_energy) AS nb_energy, count(*) FILTER (WHERE x.h_energy)::int AS nc_energy,
         sum(CASE WHEN x.h_employees THEN x.m_employees ELSE 0 END) AS mc_employees, sum(CASE WHEN x.h_employees THEN x.y_employees ELSE 0 END) AS yc_employees, sum(CASE WHEN x.h_employees THEN x.p_employees ELSE 0 END) AS bc_employees, sum(x.y_employees) AS ny_employees, sum(x.p_employees) AS nb_employees, count(*) FILTER (WHERE x.h_employees)::int AS nc_employees,
         count(*) FILTER (WHERE x.present)::int AS n_present
    FROM x JOIN stat_enterprise_groups g ON g.enterprise_id = x.enterprise_id
   GROUP BY g.dim, g.key, x.year, x.month
)
INSERT INTO stat_group_cells (dim, key, indicator, year, month, month_c, ytd_c, base_c, nominal_ytd, nominal_base, n_c, n_present)
SELECT a.dim, a.key, v.indicator, a.year, a.month, v.mc, v.yc, v.bc, v.ny, v.nb, v.nc, a.n_present
  FROM a CROSS JOIN LATERAL (VALUES
    ('output', a.mc_output, a.yc_output, a.bc_output, a.ny_output, a.nb_output, a.nc_output),
    ('sales', a.mc_sales, a.yc_sales, a.bc_sales, a.ny_sales, a.nb_sales, a.nc_sales),
    ('export', a.mc_export, a.yc_export, a.bc_export, a.ny_export, a.nb_export, a.nc_export),
    ('revenue', a.mc_revenue, a.yc_revenue, a.bc_revenue, a.ny_revenue, a.nb_revenue, a.nc_revenue),
    ('profit', a.mc_profit, a.yc_profit, a.bc_profit, a.ny_profit, a.nb_profit, a.nc_profit),
    ('tax', a.mc_tax, a.yc_tax, a.bc_tax, a.ny_tax, a.nb_tax, a.nc_tax),
    ('rd', a.mc_rd, a.yc_rd, a.bc_rd, a.ny_rd, a.nb_rd, a.nc_rd),
    ('energy', a.mc_energy, a.yc_energy, a.bc_energy, a.ny_energy, a.nb_energy, a.nc_energy),
    ('employees', a.mc_employees, a.yc_employees, a.bc_employees, a.ny_employees, a.nb_employees, a.nc_employees)) AS v(indicator, mc, yc, bc, ny, nb, nc)
 ORDER BY 1, 3, 4, 5, 2;

-- The writes above queue the statistics generation's deferred trigger (migration 0006). Fire it now: a restore
-- runs every migration in one transaction, and a later migration altering a table with pending trigger events
-- would fail.
SET CONSTRAINTS ALL IMMEDIATE;
