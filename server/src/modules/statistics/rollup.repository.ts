import { sql, type SQL } from 'drizzle-orm';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from './sql-rows.ts';
import { ADD_TO_CELLS, idsOf, lockAllEnterprises, lockEnterprises, pairsOf, scaled, type EnterpriseYear } from './rollup-sql.ts';

import { refreshRollups } from './rollup-refresh.repository.ts';

export { refreshRollups };
export type { EnterpriseYear } from './rollup-sql.ts';

/**
 * The statistics rollups (migration 0004), maintained incrementally in the transaction that approves or
 * imports a report, and rebuilt from scratch by `npx biomfg stats rebuild`.
 *
 *   stat_enterprise_ytd     per enterprise × year × month: approved month value and YTD (dense, 12 months)
 *   stat_enterprise_groups  the groups (dimension, key) an enterprise counts in, from its registry entry
 *   stat_group_cells        per group × indicator × period: the comparable-basis sums of SPEC §4
 *   stat_enterprise_moves   per enterprise × year × month: each indicator's comparable YTD change over a year
 *                           earlier (migration 0034), indexed so that the top movers read a few entries
 *
 * A group cell is a sum over enterprises of each enterprise's *contribution* to (year, month): its month and
 * YTD when it is in the indicator's comparable set C_I (its approved report for month M has a value for that
 * indicator: h_<indicator>, migration 0016), its own YTD a year earlier as base,
 * and its YTD in both years for the nominal totals. An enterprise's contribution to year Y depends only on its
 * ytd rows for Y and Y−1, so a change to year y touches the cells of years y and y+1 alone. Updating is then
 * exact and order-independent: subtract the old contributions, rewrite the ytd rows, add the new ones — exact
 * arithmetic in the database (NUMERIC, or integers of 10 000 × the value), no floating point. The incremental
 * refresh is in rollup-refresh.repository.ts.
 *
 * CONCURRENCY: two transactions updating the same enterprise would both subtract the same old contribution.
 * Every update therefore takes a per-enterprise advisory lock (in a fixed order, so they cannot deadlock)
 * before it reads anything; deltas of different enterprises commute, so they need no common lock — but they
 * do add to the same cell rows, which each transaction therefore writes in key order (ADD_TO_CELLS).
 */

/** Dimensions pre-aggregated in stat_group_cells (the enterprise dimension is computed from the ytd rows). */
export const GROUP_DIMENSIONS = ['total', 'domain', 'zone', 'domain-zone', 'node', 'stage', 'scale', 'manufacturing', 'tag', 'carrier'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];
export const NO_GROUP_KEY = 'none';

/** Replaces the group memberships of the given enterprises (or all when `ids` is null) from the registry. */
async function writeGroups(tx: Db, ids: readonly string[] | null): Promise<void> {
  const filter = ids === null ? sql`true` : sql`e.id IN (${idsOf(ids)})`;
  if (ids === null) await tx.execute(sql`DELETE FROM stat_enterprise_groups`);
  else await tx.execute(sql`DELETE FROM stat_enterprise_groups WHERE enterprise_id IN (${idsOf(ids)})`);
  await tx.execute(sql`
    INSERT INTO stat_enterprise_groups (enterprise_id, dim, key)
    SELECT e.id, g.dim, g.key
      FROM enterprises e
      LEFT JOIN domains d ON d.id = e.domain_id
      LEFT JOIN zones z ON z.id = e.zone_id
      LEFT JOIN carriers c ON c.id = e.carrier_id
      LEFT JOIN LATERAL (
        SELECT n.code FROM enterprise_chain_nodes en JOIN chain_nodes n ON n.id = en.node_id
         WHERE en.enterprise_id = e.id ORDER BY en.is_primary DESC, n.sort_order, n.code LIMIT 1) node ON true
      CROSS JOIN LATERAL (VALUES
        ('total', 'all'),
        ('domain', coalesce(d.code, 'none')),
        ('zone', coalesce(z.code, 'none')),
        ('domain-zone', coalesce(d.code, 'none') || '|' || coalesce(z.code, 'none')),
        ('node', coalesce(node.code, 'none')),
        ('stage', e.stage),
        ('scale', CASE WHEN e.is_above_scale THEN 'above' ELSE 'below' END),
        ('manufacturing', CASE WHEN e.is_manufacturing THEN 'yes' ELSE 'no' END),
        ('carrier', coalesce(c.code, 'none'))) AS g(dim, key)
     WHERE e.deleted_at IS NULL AND ${filter}
    UNION
    SELECT e.id, 'tag', t.tag
      FROM enterprises e
      CROSS JOIN LATERAL unnest(CASE WHEN cardinality(e.tags) = 0 THEN ARRAY['none']::text[] ELSE e.tags END) AS t(tag)
     WHERE e.deleted_at IS NULL AND ${filter}`);
}

/**
 * One enterprise-month's inputs to its cells, from its ytd rows c (this year) and q (last year): per indicator
 * the month m_, YTD y_, last year's YTD p_ (as integers, rollup-sql.ts) and h_, whether it is in that
 * indicator's comparable set.
 */
const CELL_COLUMNS = INDICATOR_CODES.map(
  (c) => `${scaled(`c.m_${c}`)} AS m_${c}, ${scaled(`c.y_${c}`)} AS y_${c}, ${scaled(`q.y_${c}`)} AS p_${c}, coalesce(c.h_${c}, false) AS h_${c}`,
).join(', ');

/**
 * Adds `sign` × the contributions of the given enterprise-years (the cells' years, not the changed ones) to
 * stat_group_cells. Aggregates per group on wide rows first (int8 sums, back to the value's scale exactly by
 * × 0.0001), then unpivots the nine indicators. OFFSET 0 keeps x a subquery of its own, so each input is
 * converted once per enterprise-month, not once per group it counts in.
 */
async function applyContributions(tx: Db, cells: SQL, sign: 1 | -1): Promise<void> {
  const sums = INDICATOR_CODES.map(
    (c) =>
      `sum(CASE WHEN x.h_${c} THEN x.m_${c} ELSE 0 END) * 0.0001 AS mc_${c}, sum(CASE WHEN x.h_${c} THEN x.y_${c} ELSE 0 END) * 0.0001 AS yc_${c}, ` +
      `sum(CASE WHEN x.h_${c} THEN x.p_${c} ELSE 0 END) * 0.0001 AS bc_${c}, sum(x.y_${c}) * 0.0001 AS ny_${c}, sum(x.p_${c}) * 0.0001 AS nb_${c}, ` +
      `count(*) FILTER (WHERE x.h_${c})::int AS nc_${c}`,
  ).join(',\n');
  const unpivot = INDICATOR_CODES.map((c) => `('${c}', a.mc_${c}, a.yc_${c}, a.bc_${c}, a.ny_${c}, a.nb_${c}, a.nc_${c})`).join(',\n');
  await tx.execute(sql`
    WITH a AS (
      SELECT g.dim, g.key, x.year, x.month, ${sql.raw(sums)},
             count(*) FILTER (WHERE x.present)::int AS n_present
        FROM (
          SELECT p.enterprise_id, p.year, mm.month,
                 (coalesce(c.reports_to_date, 0) > 0 OR coalesce(q.reports_to_date, 0) > 0) AS present, ${sql.raw(CELL_COLUMNS)}
            FROM (${cells}) p
            CROSS JOIN generate_series(1, 12) AS mm(month)
            LEFT JOIN stat_enterprise_ytd c ON c.enterprise_id = p.enterprise_id AND c.year = p.year AND c.month = mm.month
            LEFT JOIN stat_enterprise_ytd q ON q.enterprise_id = p.enterprise_id AND q.year = p.year - 1 AND q.month = mm.month
           WHERE c.enterprise_id IS NOT NULL OR q.enterprise_id IS NOT NULL
          OFFSET 0) x
        JOIN stat_enterprise_groups g ON g.enterprise_id = x.enterprise_id
       GROUP BY g.dim, g.key, x.year, x.month
    )
    INSERT INTO stat_group_cells AS t (dim, key, indicator, year, month, month_c, ytd_c, base_c, nominal_ytd, nominal_base, n_c, n_present)
    SELECT a.dim, a.key, v.indicator, a.year, a.month,
           ${sign} * v.mc, ${sign} * v.yc, ${sign} * v.bc, ${sign} * v.ny, ${sign} * v.nb, ${sign} * v.nc, ${sign} * a.n_present
      FROM a CROSS JOIN LATERAL (VALUES ${sql.raw(unpivot)}) AS v(indicator, mc, yc, bc, ny, nb, nc)
     ORDER BY 1, 3, 4, 5, 2
    ${ADD_TO_CELLS}`);
}

/** The changed enterprise-years plus the following years, whose comparable base they are. */
function affectedCells(pairs: readonly EnterpriseYear[]): EnterpriseYear[] {
  const seen = new Map<string, EnterpriseYear>();
  for (const p of pairs) {
    for (const year of [p.year, p.year + 1]) seen.set(`${p.enterpriseId}|${year}`, { enterpriseId: p.enterpriseId, year });
  }
  return [...seen.values()];
}

/** Every year (and the next) in which these enterprises have ytd rows: what moves when their groups change. */
async function yearsOfEnterprises(tx: Db, ids: readonly string[]): Promise<EnterpriseYear[]> {
  const rows = await rowsOf<{ enterprise_id: string; year: number }>(
    tx,
    sql`SELECT DISTINCT enterprise_id, year FROM stat_enterprise_ytd WHERE enterprise_id IN (${idsOf(ids)})`,
  );
  return affectedCells(rows.map((r) => ({ enterpriseId: r.enterprise_id, year: Number(r.year) })));
}

/**
 * Moves enterprises whose registry classification changed (marked by triggers) to their new groups. Runs
 * before statistics are read; a no-op costing one indexed lookup when nothing changed. The DELETE … RETURNING
 * claims the rows, so two concurrent readers never move the same enterprise twice.
 */
export async function syncChangedEnterprises(db: Db): Promise<number> {
  const [pending] = await rowsOf<{ any: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM stat_dirty_enterprises) AS any`);
  if (!pending?.any) return 0;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const claimed = await rowsOf<{ enterprise_id: string }>(tx, sql`DELETE FROM stat_dirty_enterprises RETURNING enterprise_id`);
    const ids = claimed.map((r) => r.enterprise_id);
    if (ids.length === 0) return 0;
    await lockEnterprises(tx, ids);
    const cells = await yearsOfEnterprises(tx, ids);
    if (cells.length) await applyContributions(tx, pairsOf(cells), -1);
    await writeGroups(tx, ids);
    if (cells.length) await applyContributions(tx, pairsOf(cells), 1);
    return ids.length;
  });
}

/** Enterprises per step of a rebuild (each step one refresh of all their years). */
const REBUILD_ENTERPRISES_PER_STEP = 2000;

/** Recomputes every rollup from the approved reports and the registry (`npx biomfg stats rebuild`). */
export async function rebuildRollups(tx: Db): Promise<{ enterpriseYears: number; groupCells: number }> {
  // Incremental updates take the enterprises' advisory locks, then ROW EXCLUSIVE on these tables; a rebuild
  // takes the district-wide advisory lock first, then the tables, so each waits for the other, never both.
  await lockAllEnterprises(tx);
  await tx.execute(sql`LOCK TABLE stat_group_cells, stat_enterprise_ytd, stat_enterprise_groups, stat_enterprise_moves IN EXCLUSIVE MODE`);
  await tx.execute(sql`DELETE FROM stat_dirty_enterprises`);
  await tx.execute(sql`DELETE FROM stat_group_cells`);
  await writeGroups(tx, null);
  await tx.execute(sql`DELETE FROM stat_enterprise_ytd`);
  await tx.execute(sql`DELETE FROM stat_enterprise_moves`);
  // The moves' per-indicator indexes are built once at the end from sorted entries, not grown entry by entry:
  // every enterprise-month has moves, and grown so a rebuild at 1 000 enterprises (embedded) took 13.6–14.4 s
  // on a copy where this takes 10.8–12.6 s. Their definitions are the migration's, as the catalogue holds them;
  // the primary key stays.
  const moveIndexes = await rowsOf<{ name: string; definition: string }>(
    tx,
    sql`SELECT indexname AS name, indexdef AS definition FROM pg_indexes
         WHERE schemaname = current_schema() AND tablename = 'stat_enterprise_moves' AND indexname <> 'stat_enterprise_moves_pkey'`,
  );
  for (const index of moveIndexes) await tx.execute(sql`DROP INDEX ${sql.identifier(index.name)}`);
  // Statistics of the reports first (the embedded engine has no autovacuum; a bulk load may be minutes old), so
  // that each step reads its enterprises' reports by index.
  await tx.execute(sql`ANALYZE monthly_reports`);
  // From empty rollups, the refresh of every enterprise-year with an approved report adds exactly each one's
  // contribution. A few thousand enterprises at a time (all years of each together), so that each step's
  // temporary tables are analysed and hashed in memory: one statement over 100 000 enterprises' ten years
  // sorted 200 million wide rows on disk.
  const pairs = await rowsOf<{ enterprise_id: string; year: number }>(
    tx,
    sql`SELECT DISTINCT enterprise_id, year FROM monthly_reports WHERE status = 'approved' ORDER BY enterprise_id, year`,
  );
  let chunk: EnterpriseYear[] = [];
  let enterprisesInChunk = 0;
  for (const [i, p] of pairs.entries()) {
    if (i === 0 || pairs[i - 1]!.enterprise_id !== p.enterprise_id) {
      if (enterprisesInChunk === REBUILD_ENTERPRISES_PER_STEP) {
        await refreshRollups(tx, chunk, { fromEmpty: true });
        chunk = [];
        enterprisesInChunk = 0;
      }
      enterprisesInChunk++;
    }
    chunk.push({ enterpriseId: p.enterprise_id, year: Number(p.year) });
  }
  await refreshRollups(tx, chunk, { fromEmpty: true });
  for (const index of moveIndexes) await tx.execute(sql.raw(index.definition));
  // The embedded engine runs no autovacuum, so after a bulk rebuild the planner would still see empty tables
  // and pick nested loops over thousands of rows; fresh statistics keep reads on index and hash plans.
  await tx.execute(sql`ANALYZE stat_enterprise_ytd`);
  await tx.execute(sql`ANALYZE stat_enterprise_groups`);
  await tx.execute(sql`ANALYZE stat_group_cells`);
  await tx.execute(sql`ANALYZE stat_enterprise_moves`);
  await tx.execute(sql`ANALYZE monthly_reports`);
  const [counts] = await rowsOf<{ ey: number; cells: number }>(
    tx,
    sql`SELECT (SELECT count(*) FROM stat_enterprise_ytd WHERE month = 1)::int AS ey, (SELECT count(*) FROM stat_group_cells)::int AS cells`,
  );
  return { enterpriseYears: Number(counts?.ey ?? 0), groupCells: Number(counts?.cells ?? 0) };
}
