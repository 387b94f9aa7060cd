import { sql, type SQL } from 'drizzle-orm';
import { INDICATOR_CODES, type IndicatorCode } from '../../../../contracts/indicators.ts';
import { REPORT_STATUSES } from '../../../../contracts/monthly-reports.ts';
import type { StatDimension } from '../../../../contracts/statistics.ts';
import type { Db } from '../../db/client.ts';
import type { GrowthSumsYuan } from '../../domain/statistics/index.ts';
import type { MonthReportCounts } from '../../domain/statistics/month-close.ts';
import { rowsOf, yuanOfNumeric } from './sql-rows.ts';

/**
 * Reads of the rollups. Two paths give the same numbers (tests hold them to it, and to computeBreakdown):
 *  - `groupSums`: the pre-aggregated stat_group_cells of one dimension (the district cockpit, `stats query`);
 *  - `enterpriseSums`: sums over the enterprise ytd rows, restricted by a population filter (a park's zone, a
 *    goal formula's filter) and grouped by any dimension including the enterprise itself (drill-down).
 */

export interface KeyedSums extends GrowthSumsYuan {
  code: string;
}

const assertIndicator = (indicator: IndicatorCode): string => {
  // Column names are built from the indicator code: only catalogue codes may reach the SQL text.
  if (!(INDICATOR_CODES as readonly string[]).includes(indicator)) throw new Error(`unknown indicator ${indicator}`);
  return indicator;
};

interface SumsRow {
  code: string;
  month_c: string;
  ytd_c: string;
  base_c: string;
  nominal_ytd: string;
  nominal_base: string;
  n_c: number | string;
}

const toSums = (r: SumsRow): KeyedSums => ({
  code: r.code,
  monthYuan: yuanOfNumeric(r.month_c),
  ytdYuan: yuanOfNumeric(r.ytd_c),
  baseYuan: yuanOfNumeric(r.base_c),
  nominalYtdYuan: yuanOfNumeric(r.nominal_ytd),
  nominalBaseYuan: yuanOfNumeric(r.nominal_base),
  enterprises: Number(r.n_c),
});

/** Groups of a pre-aggregated dimension with any enterprise present in (y, M) or (y−1, M). */
export async function groupSums(db: Db, dim: StatDimension, indicator: IndicatorCode, year: number, month: number): Promise<KeyedSums[]> {
  const rows = await rowsOf<SumsRow>(
    db,
    sql`SELECT key AS code, month_c, ytd_c, base_c, nominal_ytd, nominal_base, n_c FROM stat_group_cells
         WHERE dim = ${dim} AND indicator = ${indicator} AND year = ${year} AND month = ${month} AND n_present > 0`,
  );
  return rows.map(toSums);
}

/** Groups of several pre-aggregated dimensions in one read (the district cockpit's cards), by dimension. */
export async function groupSumsOfDims(db: Db, dims: readonly StatDimension[], indicator: IndicatorCode, year: number, month: number): Promise<Map<StatDimension, KeyedSums[]>> {
  const rows = await rowsOf<SumsRow & { dim: StatDimension }>(
    db,
    sql`SELECT dim, key AS code, month_c, ytd_c, base_c, nominal_ytd, nominal_base, n_c FROM stat_group_cells
         WHERE dim IN (${sql.join(dims.map((d) => sql`${d}`), sql`, `)}) AND indicator = ${indicator} AND year = ${year} AND month = ${month} AND n_present > 0`,
  );
  const byDim = new Map<StatDimension, KeyedSums[]>(dims.map((d) => [d, []]));
  for (const r of rows) byDim.get(r.dim)?.push(toSums(r));
  return byDim;
}

/** Pre-aggregated cells of one group over a range of months (trend lines). */
export async function groupSeries(db: Db, dim: StatDimension, key: string, indicator: IndicatorCode, fromYear: number, toYear: number) {
  const rows = await rowsOf<SumsRow & { year: number; month: number }>(
    db,
    sql`SELECT key AS code, year, month, month_c, ytd_c, base_c, nominal_ytd, nominal_base, n_c FROM stat_group_cells
         WHERE dim = ${dim} AND key = ${key} AND indicator = ${indicator} AND year BETWEEN ${fromYear} AND ${toYear}
         ORDER BY year, month`,
  );
  return rows.map((r) => ({ year: Number(r.year), month: Number(r.month), ...toSums(r) }));
}

/** A population filter over enterprise ids: members of every listed group (dimension → allowed keys). */
export type Population = readonly { dim: StatDimension; keys: readonly string[] }[];

function populationFilter(population: Population): SQL {
  const parts = population.map((p) =>
    p.keys.length === 0
      ? sql`false`
      : sql`x.enterprise_id IN (SELECT enterprise_id FROM stat_enterprise_groups WHERE dim = ${p.dim} AND key IN (${sql.join(
          p.keys.map((k) => sql`${k}`),
          sql`, `,
        )}))`,
  );
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

/**
 * Sums over enterprises for (y, M), grouped by `dim` ('enterprise': one row per enterprise, code = its id),
 * restricted to `population`. Only enterprises present in either period form a row, as in computeBreakdown.
 */
export async function enterpriseSums(
  db: Db,
  options: { dim: StatDimension; indicator: IndicatorCode; year: number; month: number; population?: Population; onlyKey?: string },
): Promise<KeyedSums[]> {
  const i = assertIndicator(options.indicator);
  const groupDim = options.dim === 'enterprise' ? 'total' : options.dim;
  const codeExpr = options.dim === 'enterprise' ? sql`x.enterprise_id::text` : sql`g.key`;
  const only = options.onlyKey === undefined ? sql`true` : options.dim === 'enterprise' ? sql`x.enterprise_id::text = ${options.onlyKey}` : sql`g.key = ${options.onlyKey}`;
  const rows = await rowsOf<SumsRow>(
    db,
    sql`
    WITH x AS (
      SELECT coalesce(c.enterprise_id, q.enterprise_id) AS enterprise_id,
             coalesce(c.${sql.raw(`h_${i}`)}, false) AS in_c,
             (coalesce(c.reports_to_date, 0) > 0 OR coalesce(q.reports_to_date, 0) > 0) AS present,
             coalesce(c.${sql.raw(`m_${i}`)}, 0) AS m, coalesce(c.${sql.raw(`y_${i}`)}, 0) AS y, coalesce(q.${sql.raw(`y_${i}`)}, 0) AS p
        FROM (SELECT * FROM stat_enterprise_ytd WHERE year = ${options.year} AND month = ${options.month}) c
        FULL JOIN (SELECT * FROM stat_enterprise_ytd WHERE year = ${options.year - 1} AND month = ${options.month}) q
          ON q.enterprise_id = c.enterprise_id
    )
    SELECT ${codeExpr} AS code,
           sum(CASE WHEN x.in_c THEN x.m ELSE 0 END) AS month_c, sum(CASE WHEN x.in_c THEN x.y ELSE 0 END) AS ytd_c,
           sum(CASE WHEN x.in_c THEN x.p ELSE 0 END) AS base_c, sum(x.y) AS nominal_ytd, sum(x.p) AS nominal_base,
           count(*) FILTER (WHERE x.in_c)::int AS n_c
      FROM x JOIN stat_enterprise_groups g ON g.enterprise_id = x.enterprise_id AND g.dim = ${groupDim}
     WHERE x.present AND ${populationFilter(options.population ?? [])} AND ${only}
     GROUP BY 1`,
  );
  return rows.map(toSums);
}

/**
 * The enterprises that moved a population's comparable YTD most in (y, M): the `limit` largest rises and the
 * `limit` largest falls (ties by id). Read from stat_enterprise_moves by its partial index on the indicator
 * (migration 0034), a few entries from either end of the month, then those enterprises' ytd rows: the scan of
 * every enterprise's ytd rows this replaced took 2.3 s per cockpit at 100 000 enterprises. By id: the caller
 * sorts by change, and equal changes keep this order.
 */
export async function enterpriseMovers(
  db: Db,
  options: { indicator: IndicatorCode; year: number; month: number; population?: Population; limit: number },
): Promise<KeyedSums[]> {
  const i = assertIndicator(options.indicator);
  const d = sql.raw(`x.d_${i}`);
  const end = (direction: SQL, sign: SQL) => sql`(
      SELECT x.enterprise_id FROM stat_enterprise_moves x
       WHERE x.year = ${options.year} AND x.month = ${options.month} AND ${d} ${sign} 0 AND ${populationFilter(options.population ?? [])}
       ORDER BY ${d} ${direction}, x.enterprise_id::text LIMIT ${options.limit})`;
  const rows = await rowsOf<SumsRow>(
    db,
    sql`
    SELECT c.enterprise_id::text AS code, c.${sql.raw(`m_${i}`)} AS month_c, c.${sql.raw(`y_${i}`)} AS ytd_c, coalesce(q.${sql.raw(`y_${i}`)}, 0) AS base_c,
           c.${sql.raw(`y_${i}`)} AS nominal_ytd, coalesce(q.${sql.raw(`y_${i}`)}, 0) AS nominal_base, 1 AS n_c
      FROM (${end(sql`DESC`, sql`>`)} UNION ALL ${end(sql`ASC`, sql`<`)}) top
      JOIN stat_enterprise_ytd c ON c.enterprise_id = top.enterprise_id AND c.year = ${options.year} AND c.month = ${options.month}
      LEFT JOIN stat_enterprise_ytd q ON q.enterprise_id = top.enterprise_id AND q.year = ${options.year - 1} AND q.month = ${options.month}
     ORDER BY 1`,
  );
  return rows.map(toSums);
}

/** The latest period with any approved figure (the cockpit's default period). */
export async function latestApprovedPeriod(db: Db): Promise<{ year: number; month: number } | null> {
  const [row] = await rowsOf<{ year: number | null; month: number | null }>(
    db,
    sql`SELECT year, month FROM stat_enterprise_ytd WHERE has_report ORDER BY year DESC, month DESC LIMIT 1`,
  );
  return row?.year ? { year: Number(row.year), month: Number(row.month) } : null;
}

/** One enterprise's monthly values and YTDs from its ytd rows (its statistics tab). */
export async function enterpriseSeries(db: Db, enterpriseId: string, indicator: IndicatorCode, fromYear: number, toYear: number) {
  const i = assertIndicator(indicator);
  const rows = await rowsOf<{ year: number; month: number; has_report: boolean; m: string; y: string }>(
    db,
    sql`SELECT year, month, has_report, ${sql.raw(`m_${i}`)} AS m, ${sql.raw(`y_${i}`)} AS y FROM stat_enterprise_ytd
         WHERE enterprise_id = ${enterpriseId} AND year BETWEEN ${fromYear} AND ${toYear} ORDER BY year, month`,
  );
  return rows.map((r) => ({ year: Number(r.year), month: Number(r.month), hasReport: r.has_report, monthYuan: yuanOfNumeric(r.m), ytdYuan: yuanOfNumeric(r.y) }));
}

/** Still in the workflow: a list, not `<> 'approved'`, so the index's third column narrows the range. */
const PENDING_STATUSES = REPORT_STATUSES.filter((s) => s !== 'approved');

/**
 * Report counts of the latest `months` months with approved figures (district-wide), for the month-close rule
 * (domain/statistics/month-close.ts): approved, still in the workflow, and expected (approved the month before).
 */
export async function recentMonthCounts(db: Db, months = 3): Promise<MonthReportCounts[]> {
  // A month's reports of live enterprises: the month's range of the (year, month, status) index, less those of
  // deleted enterprises (few, by their partial index, migration 0033). Joining every report to its enterprise
  // probed the registry once per report: a second per check at 10 000 enterprises on the embedded engine.
  const count = (year: SQL, month: SQL, status: SQL) => sql`(
      (SELECT count(*) FROM monthly_reports r WHERE r.year = ${year} AND r.month = ${month} AND r.status ${status})
    - (SELECT count(*) FROM enterprises e JOIN monthly_reports r ON r.enterprise_id = e.id AND r.year = ${year} AND r.month = ${month}
        WHERE e.deleted_at IS NOT NULL AND r.status ${status}))::int`;
  const rows = await rowsOf<{ year: number; month: number; approved: number; pending: number; expected: number }>(
    db,
    // The month before (expected) as (year, month) equalities, not an expression of both: an index serves it.
    // The latest months with figures by walking the (year, month) index down one month at a time: a DISTINCT
    // over every ytd row took 30 s at 100 000 enterprises (12 million rows) on every month-close check.
    sql`WITH RECURSIVE walk AS (
          (SELECT year, month FROM stat_enterprise_ytd WHERE has_report ORDER BY year DESC, month DESC LIMIT 1)
          UNION ALL
          SELECT n.year, n.month FROM walk w
           CROSS JOIN LATERAL (SELECT x.year, x.month FROM stat_enterprise_ytd x WHERE x.has_report AND (x.year, x.month) < (w.year, w.month)
                                ORDER BY x.year DESC, x.month DESC LIMIT 1) n
        ), m AS (SELECT year, month FROM walk LIMIT ${months})
        SELECT m.year, m.month,
               ${count(sql`m.year`, sql`m.month`, sql`= 'approved'`)} AS approved,
               ${count(sql`m.year`, sql`m.month`, sql`IN (${sql.join(PENDING_STATUSES.map((s) => sql`${s}`), sql`, `)})`)} AS pending,
               ${count(sql`(m.year * 12 + m.month - 2) / 12`, sql`(m.year * 12 + m.month - 2) % 12 + 1`, sql`= 'approved'`)} AS expected
          FROM m`,
  );
  return rows.map((r) => ({ year: Number(r.year), month: Number(r.month), approved: Number(r.approved), pending: Number(r.pending), expected: Number(r.expected) }));
}
