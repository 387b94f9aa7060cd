import { sql, type SQL } from 'drizzle-orm';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';

/** The pieces of SQL the rollups' rebuild, refresh and group moves share (rollup.repository.ts explains the tables). */

export interface EnterpriseYear {
  enterpriseId: string;
  year: number;
  /**
   * The first month whose approved figures changed (default 1). A ytd row sums the months up to its own, so
   * earlier months' rows are unchanged and the refresh leaves them and their contributions alone: a month's
   * import at city scale recomputed every enterprise's whole year.
   */
  fromMonth?: number;
}

const LOCK_CLASS = 724_200;
const LOCK_CLASS_ALL = 724_201;

/**
 * An insert into stat_group_cells (aliased t) adds its values to a cell that exists: cells hold sums of deltas.
 * Every such insert feeds its rows in key order (dim, indicator, year, month, key): two transactions adding to
 * the same cells (different enterprises of one group) then lock them in the same order and cannot deadlock.
 */
export const ADD_TO_CELLS = sql.raw(`ON CONFLICT (dim, indicator, year, month, key) DO UPDATE SET
      month_c = t.month_c + excluded.month_c, ytd_c = t.ytd_c + excluded.ytd_c, base_c = t.base_c + excluded.base_c,
      nominal_ytd = t.nominal_ytd + excluded.nominal_ytd, nominal_base = t.nominal_base + excluded.nominal_base,
      n_c = t.n_c + excluded.n_c, n_present = t.n_present + excluded.n_present`);

export const pairsOf = (pairs: readonly EnterpriseYear[]): SQL =>
  sql`SELECT DISTINCT enterprise_id, year FROM jsonb_to_recordset(${JSON.stringify(pairs.map((p) => ({ enterprise_id: p.enterpriseId, year: p.year })))}::jsonb) AS x(enterprise_id uuid, year int)`;

/** Each enterprise-year once, with its first changed month (the earliest given for it). */
export const changedPairsOf = (pairs: readonly EnterpriseYear[]): SQL =>
  sql`SELECT enterprise_id, year, min(from_month) FROM jsonb_to_recordset(${JSON.stringify(pairs.map((p) => ({ enterprise_id: p.enterpriseId, year: p.year, from_month: p.fromMonth ?? 1 })))}::jsonb)
        AS x(enterprise_id uuid, year int, from_month int) GROUP BY enterprise_id, year`;

export const idsOf = (ids: readonly string[]): SQL => sql`SELECT DISTINCT (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid AS id`;

/**
 * The district-wide lock alone: a rebuild takes it before its table locks, in the order every change takes
 * them (advisory first, the rollup tables when it writes), so that the two cannot wait for each other.
 */
export async function lockAllEnterprises(tx: Db): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS_ALL}, 0)`);
}

/** Above this many enterprises a change locks all enterprises at once (advisory locks share a bounded table). */
const LOCK_EACH_UP_TO = 500;

/**
 * Serialises changes of the same enterprises' rollups. Every change first takes a district-wide advisory lock:
 * shared by changes of a few enterprises, which then lock each of theirs in one fixed order (byte order of the
 * ids), and exclusive for a change of many (an import, a rebuild step). PostgreSQL keeps advisory locks in its
 * shared lock table (64 × max_connections entries by default): one lock per enterprise of a 100 000-enterprise
 * import ran out of shared memory.
 */
export async function lockEnterprises(tx: Db, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length > LOCK_EACH_UP_TO) return lockAllEnterprises(tx);
  await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${LOCK_CLASS_ALL}, 0)`);
  await tx.execute(sql`
    SELECT count(pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(s.id)))
      FROM (SELECT id FROM jsonb_array_elements_text(${JSON.stringify(unique)}::jsonb) AS x(id) ORDER BY id COLLATE "C") s`);
}

/**
 * A contribution's input as an integer: 10 000 × the NUMERIC(18,4) value, exact in int8 (< 2⁶³), so that group
 * sums are int8 sums (exact NUMERIC results in PostgreSQL, and many times faster than summing NUMERIC values).
 * A missing row (a year not yet reported) is 0 and costs no NUMERIC arithmetic.
 */
export const scaled = (expr: string) => `CASE WHEN (${expr}) IS NULL THEN 0::int8 ELSE ((${expr}) * 10000)::int8 END`;

/** The columns of stat_enterprise_ytd, in order (h_<indicator>: the month's approved report has that value). */
export const YTD_COLUMNS = ['enterprise_id', 'year', 'month', 'has_report', 'reports_to_date', ...INDICATOR_CODES.flatMap((c) => [`m_${c}`, `y_${c}`]), ...INDICATOR_CODES.map((c) => `h_${c}`)];

/**
 * The dense ytd rows (12 months each, columns as YTD_COLUMNS) of the given enterprise-years that have an
 * approved report, computed from those reports. `years`, when given, bounds the reports read (the years of the
 * pairs), so that the planner reads those years' reports, not every report since the first one.
 */
export function ytdRowsOf(pairs: SQL, years?: { first: number; last: number }): SQL {
  const values = INDICATOR_CODES.map((c) =>
    c === 'employees'
      ? `coalesce(r.employees, 0) AS m_employees, coalesce(r.employees, 0) AS y_employees` // a stock: the "YTD" is the month's level
      : `coalesce(r.${c}, 0) AS m_${c}, sum(coalesce(r.${c}, 0)) OVER w AS y_${c}`,
  ).join(', ');
  const has = INDICATOR_CODES.map((c) => `r.${c} IS NOT NULL AS h_${c}`).join(', ');
  const bounded = years ? sql`AND r.year BETWEEN ${years.first} AND ${years.last}` : sql``;
  return sql`
    SELECT p.enterprise_id, p.year, mm.month, r.id IS NOT NULL AS has_report, (count(r.id) OVER w)::int AS reports_to_date, ${sql.raw(values)}, ${sql.raw(has)}
      FROM (SELECT DISTINCT s.enterprise_id, s.year FROM (${pairs}) s
             WHERE EXISTS (SELECT 1 FROM monthly_reports ar WHERE ar.enterprise_id = s.enterprise_id AND ar.year = s.year AND ar.status = 'approved')) p
      CROSS JOIN generate_series(1, 12) AS mm(month)
      LEFT JOIN monthly_reports r ON r.enterprise_id = p.enterprise_id AND r.year = p.year AND r.month = mm.month AND r.status = 'approved' ${bounded}
    WINDOW w AS (PARTITION BY p.enterprise_id, p.year ORDER BY mm.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
}
