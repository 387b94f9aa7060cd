import { sql, type SQL } from 'drizzle-orm';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * The statistics rollups (migration 0004), maintained incrementally in the transaction that approves or
 * imports a report, and rebuilt from scratch by `npx biomfg stats rebuild`.
 *
 *   stat_enterprise_ytd     per enterprise × year × month: approved month value and YTD (dense, 12 months)
 *   stat_enterprise_groups  the groups (dimension, key) an enterprise counts in, from its registry entry
 *   stat_group_cells        per group × indicator × period: the comparable-basis sums of SPEC §4
 *
 * A group cell is a sum over enterprises of each enterprise's *contribution* to (year, month): its month and
 * YTD when it is in the indicator's comparable set C_I (its approved report for month M has a value for that
 * indicator: h_<indicator>, migration 0016), its own YTD a year earlier as base,
 * and its YTD in both years for the nominal totals. An enterprise's contribution to year Y depends only on its
 * ytd rows for Y and Y−1, so a change to year y touches the cells of years y and y+1 alone. Updating is then
 * exact and order-independent: subtract the old contributions, rewrite the ytd rows, add the new ones — all
 * NUMERIC arithmetic in the database, no floating point.
 *
 * CONCURRENCY: two transactions updating the same enterprise would both subtract the same old contribution.
 * Every update therefore takes a per-enterprise advisory lock (in a fixed order, so they cannot deadlock)
 * before it reads anything; deltas of different enterprises commute, so they need no common lock — but they
 * do add to the same cell rows, which each transaction therefore writes in key order (ADD_TO_CELLS).
 */

export interface EnterpriseYear {
  enterpriseId: string;
  year: number;
}

const LOCK_CLASS = 724_200;

/** Dimensions pre-aggregated in stat_group_cells (the enterprise dimension is computed from the ytd rows). */
export const GROUP_DIMENSIONS = ['total', 'domain', 'zone', 'domain-zone', 'node', 'stage', 'scale', 'manufacturing', 'tag', 'carrier'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];
export const NO_GROUP_KEY = 'none';

/**
 * An insert into stat_group_cells (aliased t) adds its values to a cell that exists: cells hold sums of deltas.
 * Every such insert feeds its rows in key order (dim, indicator, year, month, key): two transactions adding to
 * the same cells (different enterprises of one group) then lock them in the same order and cannot deadlock.
 */
const ADD_TO_CELLS = sql.raw(`ON CONFLICT (dim, indicator, year, month, key) DO UPDATE SET
      month_c = t.month_c + excluded.month_c, ytd_c = t.ytd_c + excluded.ytd_c, base_c = t.base_c + excluded.base_c,
      nominal_ytd = t.nominal_ytd + excluded.nominal_ytd, nominal_base = t.nominal_base + excluded.nominal_base,
      n_c = t.n_c + excluded.n_c, n_present = t.n_present + excluded.n_present`);

const pairsOf = (pairs: readonly EnterpriseYear[]): SQL =>
  sql`SELECT DISTINCT enterprise_id, year FROM jsonb_to_recordset(${JSON.stringify(pairs.map((p) => ({ enterprise_id: p.enterpriseId, year: p.year })))}::jsonb) AS x(enterprise_id uuid, year int)`;

const idsOf = (ids: readonly string[]): SQL => sql`SELECT DISTINCT (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid AS id`;

/** One statement; the locks are taken in one fixed order (byte order of the ids) by every caller. */
async function lockEnterprises(tx: Db, ids: readonly string[]): Promise<void> {
  await tx.execute(sql`
    SELECT count(pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(s.id)))
      FROM (SELECT id FROM jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb) AS x(id) ORDER BY id COLLATE "C") s`);
}

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

/** The columns of stat_enterprise_ytd, in order (h_<indicator>: the month's approved report has that value). */
const YTD_COLUMNS = ['enterprise_id', 'year', 'month', 'has_report', 'reports_to_date', ...INDICATOR_CODES.flatMap((c) => [`m_${c}`, `y_${c}`]), ...INDICATOR_CODES.map((c) => `h_${c}`)];

/**
 * One enterprise-month's inputs to its cells, from its ytd rows c (this year) and q (last year): per indicator
 * the month m_, YTD y_, last year's YTD p_ and h_, whether it is in that indicator's comparable set.
 */
const CELL_COLUMNS = INDICATOR_CODES.map(
  (c) => `coalesce(c.m_${c}, 0) AS m_${c}, coalesce(c.y_${c}, 0) AS y_${c}, coalesce(q.y_${c}, 0) AS p_${c}, coalesce(c.h_${c}, false) AS h_${c}`,
).join(', ');

/**
 * The dense ytd rows (12 months each, columns as YTD_COLUMNS) of the given enterprise-years that have an
 * approved report, computed from those reports.
 */
function ytdRowsOf(pairs: SQL): SQL {
  const values = INDICATOR_CODES.map((c) =>
    c === 'employees'
      ? `coalesce(r.employees, 0) AS m_employees, coalesce(r.employees, 0) AS y_employees` // a stock: the "YTD" is the month's level
      : `coalesce(r.${c}, 0) AS m_${c}, sum(coalesce(r.${c}, 0)) OVER w AS y_${c}`,
  ).join(', ');
  const has = INDICATOR_CODES.map((c) => `r.${c} IS NOT NULL AS h_${c}`).join(', ');
  return sql`
    SELECT p.enterprise_id, p.year, mm.month, r.id IS NOT NULL AS has_report, (count(r.id) OVER w)::int AS reports_to_date, ${sql.raw(values)}, ${sql.raw(has)}
      FROM (SELECT DISTINCT s.enterprise_id, s.year FROM (${pairs}) s
             WHERE EXISTS (SELECT 1 FROM monthly_reports ar WHERE ar.enterprise_id = s.enterprise_id AND ar.year = s.year AND ar.status = 'approved')) p
      CROSS JOIN generate_series(1, 12) AS mm(month)
      LEFT JOIN monthly_reports r ON r.enterprise_id = p.enterprise_id AND r.year = p.year AND r.month = mm.month AND r.status = 'approved'
    WINDOW w AS (PARTITION BY p.enterprise_id, p.year ORDER BY mm.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
}

/**
 * Adds `sign` × the contributions of the given enterprise-years (the cells' years, not the changed ones) to
 * stat_group_cells. Aggregates per group on wide rows first, then unpivots the nine indicators.
 */
async function applyContributions(tx: Db, cells: SQL, sign: 1 | -1): Promise<void> {
  const sums = INDICATOR_CODES.map(
    (c) =>
      `sum(CASE WHEN x.h_${c} THEN x.m_${c} ELSE 0 END) AS mc_${c}, sum(CASE WHEN x.h_${c} THEN x.y_${c} ELSE 0 END) AS yc_${c}, ` +
      `sum(CASE WHEN x.h_${c} THEN x.p_${c} ELSE 0 END) AS bc_${c}, sum(x.y_${c}) AS ny_${c}, sum(x.p_${c}) AS nb_${c}, ` +
      `count(*) FILTER (WHERE x.h_${c})::int AS nc_${c}`,
  ).join(',\n');
  const cellColumns = CELL_COLUMNS;
  const unpivot = INDICATOR_CODES.map((c) => `('${c}', a.mc_${c}, a.yc_${c}, a.bc_${c}, a.ny_${c}, a.nb_${c}, a.nc_${c})`).join(',\n');
  await tx.execute(sql`
    WITH x AS (
      SELECT p.enterprise_id, p.year, mm.month,
             (coalesce(c.reports_to_date, 0) > 0 OR coalesce(q.reports_to_date, 0) > 0) AS present, ${sql.raw(cellColumns)}
        FROM (${cells}) p
        CROSS JOIN generate_series(1, 12) AS mm(month)
        LEFT JOIN stat_enterprise_ytd c ON c.enterprise_id = p.enterprise_id AND c.year = p.year AND c.month = mm.month
        LEFT JOIN stat_enterprise_ytd q ON q.enterprise_id = p.enterprise_id AND q.year = p.year - 1 AND q.month = mm.month
       WHERE c.enterprise_id IS NOT NULL OR q.enterprise_id IS NOT NULL
    ), a AS (
      SELECT g.dim, g.key, x.year, x.month, ${sql.raw(sums)},
             count(*) FILTER (WHERE x.present)::int AS n_present
        FROM x JOIN stat_enterprise_groups g ON g.enterprise_id = x.enterprise_id
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

/**
 * Call in the transaction that changed approved figures of these enterprise-years (approval, import,
 * correction): brings every rollup up to date before the transaction commits.
 *
 * One statement: `fresh` computes the changed enterprise-years' new ytd rows; the contributions of every
 * affected cell are taken once from the ytd rows as they are (`before`, sign −1) and once as they will be
 * (`after`, sign +1), netted per enterprise-month (`d`), and only the months that changed are added to their
 * groups' cells; then the ytd rows are replaced. All parts
 * of a statement read the same snapshot, so `before` is the state before the statement's own writes.
 */
export async function refreshRollups(tx: Db, changed: readonly EnterpriseYear[]): Promise<void> {
  if (changed.length === 0) return;
  await lockEnterprises(tx, changed.map((p) => p.enterpriseId));
  const pairs = await changeSetOf(tx, changed);
  const contributions = (state: string, sign: number) => `
      SELECT ${sign} AS sign, a.enterprise_id, a.year, mm.month,
             (coalesce(c.reports_to_date, 0) > 0 OR coalesce(q.reports_to_date, 0) > 0) AS present, ${CELL_COLUMNS}
        FROM a CROSS JOIN generate_series(1, 12) AS mm(month)
        LEFT JOIN ${state} c ON c.enterprise_id = a.enterprise_id AND c.year = a.year AND c.month = mm.month
        LEFT JOIN ${state} q ON q.enterprise_id = a.enterprise_id AND q.year = a.year - 1 AND q.month = mm.month
       WHERE c.enterprise_id IS NOT NULL OR q.enterprise_id IS NOT NULL`;
  // Per enterprise-month first, the net change of its contribution; unchanged months drop out before the
  // (tenfold) join with the groups, which is where the time goes.
  const net = INDICATOR_CODES.map(
    (c) =>
      `sum(x.sign * CASE WHEN x.h_${c} THEN x.m_${c} ELSE 0 END) AS mc_${c}, sum(x.sign * CASE WHEN x.h_${c} THEN x.y_${c} ELSE 0 END) AS yc_${c}, ` +
      `sum(x.sign * CASE WHEN x.h_${c} THEN x.p_${c} ELSE 0 END) AS bc_${c}, sum(x.sign * x.y_${c}) AS ny_${c}, sum(x.sign * x.p_${c}) AS nb_${c}, ` +
      `sum(x.sign * x.h_${c}::int)::int AS nc_${c}`,
  ).join(',\n');
  const deltaColumns = INDICATOR_CODES.flatMap((c) => ['mc', 'yc', 'bc', 'ny', 'nb', 'nc'].map((k) => `${k}_${c}`));
  const changedOnly = [...deltaColumns, 'n_present'].map((c) => `d.${c} <> 0`).join(' OR ');
  const sums = deltaColumns.map((c) => `sum(d.${c})${c.startsWith('nc_') ? '::int' : ''} AS ${c}`).join(', ');
  const unpivot = INDICATOR_CODES.map((c) => `('${c}', g.mc_${c}, g.yc_${c}, g.bc_${c}, g.ny_${c}, g.nb_${c}, g.nc_${c})`).join(',\n');
  const setYtd = YTD_COLUMNS.filter((c) => !['enterprise_id', 'year', 'month'].includes(c)).map((c) => `${c} = excluded.${c}`).join(', ');
  await tx.execute(sql`
    WITH p AS (${pairs}),
    a AS (SELECT enterprise_id, year FROM p UNION SELECT enterprise_id, year + 1 FROM p),
    k AS (SELECT enterprise_id, year FROM a UNION SELECT enterprise_id, year - 1 FROM a),
    fresh AS (${ytdRowsOf(sql`SELECT enterprise_id, year FROM p`)}),
    before AS (SELECT ${sql.raw(YTD_COLUMNS.map((c) => `y.${c}`).join(', '))} FROM stat_enterprise_ytd y JOIN k ON k.enterprise_id = y.enterprise_id AND k.year = y.year),
    after AS (
      SELECT * FROM before b WHERE NOT EXISTS (SELECT 1 FROM p WHERE p.enterprise_id = b.enterprise_id AND p.year = b.year)
      UNION ALL SELECT ${sql.raw(YTD_COLUMNS.join(', '))} FROM fresh
    ),
    x AS (${sql.raw(contributions('before', -1))} UNION ALL ${sql.raw(contributions('after', 1))}),
    d AS (
      SELECT x.enterprise_id, x.year, x.month, ${sql.raw(net)},
             sum(x.sign * x.present::int)::int AS n_present
        FROM x GROUP BY x.enterprise_id, x.year, x.month
    ),
    g AS (
      SELECT s.dim, s.key, d.year, d.month, ${sql.raw(sums)}, sum(d.n_present)::int AS n_present
        FROM d JOIN stat_enterprise_groups s ON s.enterprise_id = d.enterprise_id
       WHERE ${sql.raw(changedOnly)}
       GROUP BY s.dim, s.key, d.year, d.month
    ),
    cells AS (
      INSERT INTO stat_group_cells AS t (dim, key, indicator, year, month, month_c, ytd_c, base_c, nominal_ytd, nominal_base, n_c, n_present)
      SELECT g.dim, g.key, v.indicator, g.year, g.month, v.mc, v.yc, v.bc, v.ny, v.nb, v.nc, g.n_present
        FROM g CROSS JOIN LATERAL (VALUES ${sql.raw(unpivot)}) AS v(indicator, mc, yc, bc, ny, nb, nc)
       ORDER BY 1, 3, 4, 5, 2
      ${ADD_TO_CELLS}
      RETURNING 1
    ),
    written AS (
      INSERT INTO stat_enterprise_ytd (${sql.raw(YTD_COLUMNS.join(', '))}) SELECT ${sql.raw(YTD_COLUMNS.join(', '))} FROM fresh
      ON CONFLICT (enterprise_id, year, month) DO UPDATE SET ${sql.raw(setYtd)}
      RETURNING 1
    ),
    dropped AS (
      DELETE FROM stat_enterprise_ytd y USING p
       WHERE y.enterprise_id = p.enterprise_id AND y.year = p.year
         AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.enterprise_id = p.enterprise_id AND f.year = p.year)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM cells) AS cells, (SELECT count(*) FROM written) AS written, (SELECT count(*) FROM dropped) AS dropped`);
}

/** From this many changed enterprise-years on (an import), the change set goes through a temporary table. */
const CHANGE_TABLE_FROM = 200;

/**
 * The changed enterprise-years as a relation. An import's thousands of pairs are written to a temporary table
 * and analysed, so both planners know its size and hash the fan-out to months and groups (a function over a
 * JSON parameter is estimated at a hundred rows and joined by nested loops); a single approval stays inline.
 */
async function changeSetOf(tx: Db, changed: readonly EnterpriseYear[]): Promise<SQL> {
  if (changed.length < CHANGE_TABLE_FROM) return pairsOf(changed);
  await tx.execute(sql`CREATE TEMP TABLE IF NOT EXISTS stat_change_set (enterprise_id uuid NOT NULL, year int NOT NULL) ON COMMIT DROP`);
  await tx.execute(sql`TRUNCATE stat_change_set`);
  await tx.execute(sql`INSERT INTO stat_change_set ${pairsOf(changed)}`);
  await tx.execute(sql`ANALYZE stat_change_set`);
  return sql`SELECT enterprise_id, year FROM stat_change_set`;
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

/** Recomputes every rollup from the approved reports and the registry (`npx biomfg stats rebuild`). */
export async function rebuildRollups(tx: Db): Promise<{ enterpriseYears: number; groupCells: number }> {
  // Incremental updates take ROW EXCLUSIVE on these tables; a rebuild waits for them and they for it.
  await tx.execute(sql`LOCK TABLE stat_group_cells, stat_enterprise_ytd, stat_enterprise_groups IN EXCLUSIVE MODE`);
  await tx.execute(sql`DELETE FROM stat_dirty_enterprises`);
  await tx.execute(sql`DELETE FROM stat_group_cells`);
  await writeGroups(tx, null);
  await tx.execute(sql`DELETE FROM stat_enterprise_ytd`);
  await tx.execute(sql`INSERT INTO stat_enterprise_ytd (${sql.raw(YTD_COLUMNS.join(', '))}) ${ytdRowsOf(sql`SELECT DISTINCT enterprise_id, year FROM monthly_reports WHERE status = 'approved'`)}`);
  await applyContributions(
    tx,
    sql`SELECT enterprise_id, year FROM stat_enterprise_ytd WHERE month = 1 UNION SELECT enterprise_id, year + 1 FROM stat_enterprise_ytd WHERE month = 1`,
    1,
  );
  // The embedded engine runs no autovacuum, so after a bulk rebuild the planner would still see empty tables
  // and pick nested loops over thousands of rows; fresh statistics keep reads on index and hash plans.
  await tx.execute(sql`ANALYZE stat_enterprise_ytd`);
  await tx.execute(sql`ANALYZE stat_enterprise_groups`);
  await tx.execute(sql`ANALYZE stat_group_cells`);
  await tx.execute(sql`ANALYZE monthly_reports`);
  const [counts] = await rowsOf<{ ey: number; cells: number }>(
    tx,
    sql`SELECT (SELECT count(*) FROM stat_enterprise_ytd WHERE month = 1)::int AS ey, (SELECT count(*) FROM stat_group_cells)::int AS cells`,
  );
  return { enterpriseYears: Number(counts?.ey ?? 0), groupCells: Number(counts?.cells ?? 0) };
}
