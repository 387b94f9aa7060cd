import { sql } from 'drizzle-orm';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from './sql-rows.ts';
import { ADD_TO_CELLS, changedPairsOf, lockEnterprises, scaled, YTD_COLUMNS, ytdRowsOf, type EnterpriseYear } from './rollup-sql.ts';

/**
 * The incremental refresh of the rollups (rollup.repository.ts explains the tables and why it is exact), in
 * the transaction that changed approved figures. Six statements over three temporary tables:
 *
 *   1. the changed enterprise-years, each with its first changed month → stat_refresh_pairs
 *   2. their new ytd rows from that month on, from the reports          → stat_refresh_fresh
 *   3. each affected enterprise-month's change of contribution, in integers → stat_refresh_delta
 *      (the changed years and the next ones, whose comparable base they are: its ytd rows this year and last
 *      year as stored, and as they will be — fresh where that year changed; unchanged months are left out),
 *      and from it each changed move → stat_enterprise_moves (the top movers' index, migration 0034)
 *   4. the deltas fanned out to their groups (about ten each) and added to stat_group_cells
 *   5. the ytd rows replaced.
 *
 * Integers: every input is 10 000 × a NUMERIC(18,4) value, exact in int8, and int8 sums are exact NUMERIC in
 * PostgreSQL; summing NUMERIC values directly, group by group, was most of an import's time. The temporary
 * tables are analysed when large (an import), so that both planners know their sizes and hash the fan-out
 * instead of sorting hundreds of thousands of wide rows; statement 3 reads the stored rows as they were before
 * statement 5, which the advisory locks keep that way (rollup-sql.ts: no one else changes these enterprises).
 * The tables are created once per connection and emptied at commit (no catalog churn per approval).
 */

/**
 * From this many changed enterprise-years on (an import), the temporary tables are analysed and sorts get memory;
 * the import analyses the tables it grew after such a change, too.
 */
export const LARGE_CHANGE_FROM = 200;

const DELTA_COLUMNS = INDICATOR_CODES.flatMap((c) => ['mc', 'yc', 'bc', 'ny', 'nb', 'nc'].map((k) => `${k}_${c}`));

async function prepareTables(tx: Db): Promise<void> {
  await tx.execute(sql`CREATE TEMP TABLE IF NOT EXISTS stat_refresh_pairs (enterprise_id uuid NOT NULL, year int NOT NULL, from_month int NOT NULL) ON COMMIT DELETE ROWS`);
  await tx.execute(sql`CREATE TEMP TABLE IF NOT EXISTS stat_refresh_fresh (LIKE stat_enterprise_ytd) ON COMMIT DELETE ROWS`);
  const deltas = DELTA_COLUMNS.map((c) => `${c} ${c.startsWith('nc_') ? 'int' : 'int8'} NOT NULL`).join(', ');
  await tx.execute(sql.raw(`CREATE TEMP TABLE IF NOT EXISTS stat_refresh_delta (enterprise_id uuid NOT NULL, year int NOT NULL, month int NOT NULL, ${deltas}, n_present int NOT NULL) ON COMMIT DELETE ROWS`));
  // A second refresh in the same transaction (a rebuild's steps) starts from empty tables. TRUNCATE, not
  // DELETE: dead rows would stay in the tables until commit and every later step would scan them; and only
  // then, since a TRUNCATE writes catalog rows, which an approval's single refresh should not.
  const [used] = await rowsOf<{ used: boolean }>(tx, sql`SELECT EXISTS (SELECT 1 FROM stat_refresh_pairs) AS used`);
  if (used?.used) await tx.execute(sql`TRUNCATE stat_refresh_pairs, stat_refresh_fresh, stat_refresh_delta`);
}

/** Statement 3: the change of each affected enterprise-month's contribution (only months that changed). */
function deltaStatement(first: number, last: number, fromEmpty: boolean) {
  // From empty rollups (a rebuild) nothing is stored for these enterprises: the joins to the stored rows are
  // folded away by the planner instead of probing millions of rows.
  const stored = fromEmpty ? sql`false` : sql`true`;
  // New this year (c) and last year (q): the fresh row where that enterprise-year changed, else the stored one.
  // Fresh rows exist from the pair's first changed month on; before it the stored row is the row as it will be.
  const newC = (column: string) => `CASE WHEN pc.enterprise_id IS NOT NULL AND m.month >= pc.from_month THEN cf.${column} ELSE co.${column} END`;
  const newQ = (column: string) => `CASE WHEN pq.enterprise_id IS NOT NULL AND m.month >= pq.from_month THEN qf.${column} ELSE qo.${column} END`;
  const inputs = INDICATOR_CODES.map(
    (c) =>
      `coalesce(${newC(`h_${c}`)}, false) AS hn_${c}, coalesce(co.h_${c}, false) AS ho_${c}, ` +
      `${scaled(newC(`m_${c}`))} AS mn_${c}, ${scaled(newC(`y_${c}`))} AS yn_${c}, ${scaled(newQ(`y_${c}`))} AS pn_${c}, ` +
      `${scaled(`co.m_${c}`)} AS mo_${c}, ${scaled(`co.y_${c}`)} AS yo_${c}, ${scaled(`qo.y_${c}`)} AS po_${c}`,
  ).join(',\n');
  const present = (c: string, q: string) => `(coalesce(${c}, 0) > 0 OR coalesce(${q}, 0) > 0)::int`;
  // Per indicator: Δ month and YTD in the comparable set, Δ its base, Δ nominal YTD and base, Δ set size.
  const when = (h: string, v: string) => `CASE WHEN v.${h} THEN v.${v} ELSE 0 END`;
  const deltas = INDICATOR_CODES.map(
    (c) =>
      `${when(`hn_${c}`, `mn_${c}`)} - ${when(`ho_${c}`, `mo_${c}`)} AS mc_${c}, ${when(`hn_${c}`, `yn_${c}`)} - ${when(`ho_${c}`, `yo_${c}`)} AS yc_${c}, ` +
      `${when(`hn_${c}`, `pn_${c}`)} - ${when(`ho_${c}`, `po_${c}`)} AS bc_${c}, v.yn_${c} - v.yo_${c} AS ny_${c}, v.pn_${c} - v.po_${c} AS nb_${c}, ` +
      `v.hn_${c}::int - v.ho_${c}::int AS nc_${c}`,
  ).join(',\n');
  const changedOnly = [...DELTA_COLUMNS, 'n_present'].map((c) => `d.${c} <> 0`).join(' OR ');
  // OFFSET 0 keeps v a subquery of its own: each scaled input is computed once, not once per use in d.
  return sql`
    INSERT INTO stat_refresh_delta
    SELECT d.* FROM (
      SELECT v.enterprise_id, v.year, v.month, ${sql.raw(deltas)}, v.n_present
        FROM (
          SELECT m.enterprise_id, m.year, m.month, ${sql.raw(inputs)},
                 ${sql.raw(present(newC('reports_to_date'), newQ('reports_to_date')))} - ${sql.raw(present('co.reports_to_date', 'qo.reports_to_date'))} AS n_present
            FROM (SELECT a.enterprise_id, a.year, mm.month
                    FROM (SELECT enterprise_id, year, min(from_month) AS from_month
                            FROM (SELECT enterprise_id, year, from_month FROM stat_refresh_pairs
                                  UNION ALL SELECT enterprise_id, year + 1, from_month FROM stat_refresh_pairs) u
                           GROUP BY enterprise_id, year) a
                    CROSS JOIN generate_series(1, 12) AS mm(month)
                   WHERE mm.month >= a.from_month) m
            LEFT JOIN stat_enterprise_ytd co ON ${stored} AND co.enterprise_id = m.enterprise_id AND co.year = m.year AND co.month = m.month AND co.year BETWEEN ${first} AND ${last + 1}
            LEFT JOIN stat_enterprise_ytd qo ON ${stored} AND qo.enterprise_id = m.enterprise_id AND qo.year = m.year - 1 AND qo.month = m.month AND qo.year BETWEEN ${first - 1} AND ${last}
            LEFT JOIN stat_refresh_fresh cf ON cf.enterprise_id = m.enterprise_id AND cf.year = m.year AND cf.month = m.month
            LEFT JOIN stat_refresh_fresh qf ON qf.enterprise_id = m.enterprise_id AND qf.year = m.year - 1 AND qf.month = m.month
            LEFT JOIN stat_refresh_pairs pc ON pc.enterprise_id = m.enterprise_id AND pc.year = m.year
            LEFT JOIN stat_refresh_pairs pq ON pq.enterprise_id = m.enterprise_id AND pq.year = m.year - 1
          OFFSET 0) v
    ) d
    WHERE ${sql.raw(changedOnly)}`;
}

/**
 * Statement 3b: the moves that change, from the deltas. An enterprise-month's move (its YTD less last year's
 * when in the comparable set, else 0; stored as NULL) changes by exactly Δ comparable YTD − Δ its base: the
 * change is inserted as the move of a month that has none, and added to the stored move otherwise. Statement
 * 3's rows are not widened nor read twice for it (that cost 0.2 s of an embedded year's import at 1 000
 * enterprises), and stored moves are not looked up first (0.15 s more).
 */
function movesStatement(fromEmpty: boolean) {
  const change = INDICATOR_CODES.map((c) => `nullif(d.yc_${c} - d.bc_${c}, 0)`);
  const columns = INDICATOR_CODES.map((c) => `d_${c}`);
  // From empty (a rebuild's step) every row is new: a plain insert, without the upsert's speculative insertion.
  const add = fromEmpty
    ? sql``
    : sql.raw(`ON CONFLICT (enterprise_id, year, month) DO UPDATE SET ${columns.map((c) => `${c} = nullif(coalesce(x.${c}, 0) + coalesce(excluded.${c}, 0), 0)`).join(', ')}`);
  return sql`
    INSERT INTO stat_enterprise_moves AS x (enterprise_id, year, month, ${sql.raw(columns.join(', '))})
    SELECT d.enterprise_id, d.year, d.month, ${sql.raw(change.join(', '))}
      FROM stat_refresh_delta d
     WHERE ${sql.raw(INDICATOR_CODES.map((c) => `d.yc_${c} <> d.bc_${c}`).join(' OR '))}
    ${add}`;
}

/**
 * Statement 4: the deltas summed per group and added to the cells (int8 sums are NUMERIC: × 0.0001 is exact).
 * Each enterprise-month is fanned out to its groups but the total, domain and zone: those are the sums of its
 * domain × zone group's (one per enterprise, keyed domain|zone — codes hold no '|'), added up from a few dozen
 * group sums instead of from every enterprise-month again (a third of the fan-out and of its aggregation).
 */
function cellsStatement() {
  const sums = DELTA_COLUMNS.map((c) => (c.startsWith('nc_') ? `sum(d.${c})::int AS ${c}` : `sum(d.${c}) * 0.0001 AS ${c}`)).join(', ');
  const resums = [...DELTA_COLUMNS, 'n_present'].map((c) => (c.startsWith('nc_') || c === 'n_present' ? `sum(${c})::int AS ${c}` : `sum(${c}) AS ${c}`)).join(', ');
  const unpivot = INDICATOR_CODES.map((c) => `('${c}', g.mc_${c}, g.yc_${c}, g.bc_${c}, g.ny_${c}, g.nb_${c}, g.nc_${c})`).join(',\n');
  const derived = (dim: string, key: string) => `SELECT '${dim}', ${key}, year, month, ${resums} FROM fine WHERE dim = 'domain-zone' GROUP BY 2, year, month`;
  return sql`
    WITH fine AS MATERIALIZED (
      SELECT s.dim, s.key, d.year, d.month, ${sql.raw(sums)}, sum(d.n_present)::int AS n_present
        FROM stat_refresh_delta d JOIN stat_enterprise_groups s ON s.enterprise_id = d.enterprise_id AND s.dim NOT IN ('total', 'domain', 'zone')
       GROUP BY s.dim, s.key, d.year, d.month),
    g AS (
      SELECT * FROM fine
      UNION ALL ${sql.raw(derived('total', `'all'`))}
      UNION ALL ${sql.raw(derived('domain', `split_part(key, '|', 1)`))}
      UNION ALL ${sql.raw(derived('zone', `split_part(key, '|', 2)`))})
    INSERT INTO stat_group_cells AS t (dim, key, indicator, year, month, month_c, ytd_c, base_c, nominal_ytd, nominal_base, n_c, n_present)
    SELECT g.dim, g.key, v.indicator, g.year, g.month, v.mc, v.yc, v.bc, v.ny, v.nb, v.nc, g.n_present
      FROM g CROSS JOIN LATERAL (VALUES ${sql.raw(unpivot)}) AS v(indicator, mc, yc, bc, ny, nb, nc)
     ORDER BY 1, 3, 4, 5, 2
    ${ADD_TO_CELLS}`;
}

/**
 * Call in the transaction that changed approved figures of these enterprise-years (approval, import,
 * correction): brings every rollup up to date before the transaction commits. `fromEmpty`: the rollups hold
 * nothing yet for these enterprises (a rebuild's step), so their stored rows are not read.
 */
export async function refreshRollups(tx: Db, changed: readonly EnterpriseYear[], options: { fromEmpty?: boolean } = {}): Promise<void> {
  if (changed.length === 0) return;
  await lockEnterprises(tx, changed.map((p) => p.enterpriseId));
  const years = changed.map((p) => p.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const large = changed.length >= LARGE_CHANGE_FROM;
  await prepareTables(tx);
  // Room to hash an import's fan-out (tens of thousands of group sums) rather than sort it on disk.
  if (large) await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
  // A few enterprise-years (an approval): the temporary tables are not analysed (that would write catalog rows
  // on every approval), so the planner takes them for thousands of rows and hashes whole tables — three years of
  // ytd rows and every group membership, 0.4 s at 10 000 enterprises. Without hash and merge joins each row is
  // looked up by its key instead. The settings are put back before returning (the caller's statements follow).
  const restore = large ? null : await preferLookups(tx);
  await tx.execute(sql`INSERT INTO stat_refresh_pairs ${changedPairsOf(changed)}`);
  if (large) await tx.execute(sql`ANALYZE stat_refresh_pairs`);
  await tx.execute(sql`
    INSERT INTO stat_refresh_fresh (${sql.raw(YTD_COLUMNS.join(', '))})
    SELECT ${sql.raw(YTD_COLUMNS.map((c) => `f.${c}`).join(', '))}
      FROM (${ytdRowsOf(sql`SELECT enterprise_id, year FROM stat_refresh_pairs`, { first, last })}) f
      JOIN stat_refresh_pairs p ON p.enterprise_id = f.enterprise_id AND p.year = f.year
     WHERE f.month >= p.from_month`);
  if (large) await tx.execute(sql`ANALYZE stat_refresh_fresh (enterprise_id, year, month)`);
  await tx.execute(deltaStatement(first, last, options.fromEmpty === true));
  if (large) await tx.execute(sql`ANALYZE stat_refresh_delta (enterprise_id, year, month)`);
  await tx.execute(movesStatement(options.fromEmpty === true));
  await tx.execute(cellsStatement());
  const valueColumns = YTD_COLUMNS.filter((c) => !['enterprise_id', 'year', 'month'].includes(c));
  const setYtd = valueColumns.map((c) => `${c} = excluded.${c}`).join(', ');
  // Months before the first changed one keep their rows as they are (a month's import rewrites one row of twelve).
  const differs = `(${valueColumns.map((c) => `y.${c}`).join(', ')}) IS DISTINCT FROM (${valueColumns.map((c) => `excluded.${c}`).join(', ')})`;
  await tx.execute(sql`
    INSERT INTO stat_enterprise_ytd AS y (${sql.raw(YTD_COLUMNS.join(', '))}) SELECT ${sql.raw(YTD_COLUMNS.join(', '))} FROM stat_refresh_fresh
    ON CONFLICT (enterprise_id, year, month) DO UPDATE SET ${sql.raw(setYtd)} WHERE ${sql.raw(differs)}`);
  // Enterprise-years left without an approved report lose their ytd rows (from empty there are none).
  if (!options.fromEmpty) {
    await tx.execute(sql`
    DELETE FROM stat_enterprise_ytd y USING stat_refresh_pairs p
     WHERE y.enterprise_id = p.enterprise_id AND y.year = p.year
       AND NOT EXISTS (SELECT 1 FROM stat_refresh_fresh f WHERE f.enterprise_id = p.enterprise_id AND f.year = p.year)`);
  }
  if (restore) await restore();
}

/** Turns hash and merge joins off for the rest of the transaction; returns how to put them back as they were. */
async function preferLookups(tx: Db): Promise<() => Promise<void>> {
  const [was] = await rowsOf<{ hash: string; merge: string }>(
    tx,
    sql`SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge,
               set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`,
  );
  return async () => {
    await tx.execute(sql`SELECT set_config('enable_hashjoin', ${was!.hash}, true), set_config('enable_mergejoin', ${was!.merge}, true)`);
  };
}
