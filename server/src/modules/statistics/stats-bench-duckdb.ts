import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { rowsOf } from './sql-rows.ts';

/** The p-th percentile of the bench's timings (nearest rank). */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/**
 * The same cockpit numbers (total, domains, zones, domain × zone, per-enterprise movers; comparable basis) from
 * the raw approved rows in DuckDB: rows are copied once into an in-memory DuckDB, then each "request" is a full
 * scan. Returns null when @duckdb/node-api is not installed.
 */
export async function duckdbBaseline(database: Database, year: number, month: number, log: (line: string) => void) {
  let duckdb: typeof import('@duckdb/node-api');
  try {
    duckdb = await import('@duckdb/node-api');
  } catch {
    log('[bench] @duckdb/node-api not installed: DuckDB baseline skipped');
    return null;
  }
  const t0 = performance.now();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run(`CREATE TABLE raw (e VARCHAR, y INTEGER, m INTEGER, revenue DOUBLE, domain VARCHAR, zone VARCHAR)`);
  const appender = await c.createAppender('raw');
  const PAGE = 50_000;
  // Pages by id (keyset), not OFFSET: each page is an index range, however far in.
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows = await rowsOf<{ id: string; e: string; y: number; m: number; revenue: string | null; domain: string | null; zone: string | null }>(
      database.db,
      sql`SELECT r.id, r.enterprise_id::text AS e, r.year AS y, r.month AS m, r.revenue::text AS revenue, d.code AS domain, z.code AS zone
            FROM monthly_reports r JOIN enterprises e ON e.id = r.enterprise_id LEFT JOIN domains d ON d.id = e.domain_id LEFT JOIN zones z ON z.id = e.zone_id
           WHERE r.status = 'approved' AND r.year BETWEEN ${year - 1} AND ${year} AND r.id > ${after}::uuid ORDER BY r.id LIMIT ${PAGE}`,
    );
    if (rows.length) after = rows.at(-1)!.id;
    for (const r of rows) {
      appender.appendVarchar(r.e);
      appender.appendInteger(Number(r.y));
      appender.appendInteger(Number(r.m));
      // An empty revenue stays NULL: it is not a 0, and it keeps the enterprise out of the revenue set below.
      if (r.revenue === null) appender.appendNull();
      else appender.appendDouble(Number(r.revenue));
      if (r.domain === null) appender.appendNull();
      else appender.appendVarchar(r.domain);
      if (r.zone === null) appender.appendNull();
      else appender.appendVarchar(r.zone);
      appender.endRow();
    }
    if (rows.length < PAGE) break;
  }
  appender.closeSync();
  const loadMs = performance.now() - t0;
  const cte = `WITH per AS (
      SELECT e, any_value(domain) AS domain, any_value(zone) AS zone,
             -- In the revenue comparable set: the approved report for the month has a revenue (0 counts).
             bool_or(y = ${year} AND m = ${month} AND revenue IS NOT NULL) AS in_c,
             sum(CASE WHEN y = ${year} AND m = ${month} THEN coalesce(revenue, 0) ELSE 0 END) AS mv,
             sum(CASE WHEN y = ${year} AND m <= ${month} THEN coalesce(revenue, 0) ELSE 0 END) AS ytd,
             sum(CASE WHEN y = ${year - 1} AND m <= ${month} THEN coalesce(revenue, 0) ELSE 0 END) AS base
        FROM raw GROUP BY e)`;
  const queries = [
    `${cte} SELECT sum(CASE WHEN in_c THEN ytd END) AS ytd, sum(CASE WHEN in_c THEN base END) AS base, sum(ytd) AS nytd, sum(base) AS nbase FROM per`,
    `${cte} SELECT domain, sum(CASE WHEN in_c THEN ytd END), sum(CASE WHEN in_c THEN base END) FROM per GROUP BY domain`,
    `${cte} SELECT zone, sum(CASE WHEN in_c THEN ytd END), sum(CASE WHEN in_c THEN base END) FROM per GROUP BY zone`,
    `${cte} SELECT domain, zone, sum(CASE WHEN in_c THEN ytd END), sum(CASE WHEN in_c THEN base END) FROM per GROUP BY domain, zone`,
    `${cte} SELECT e, ytd - base AS delta FROM per WHERE in_c ORDER BY delta DESC LIMIT 10`,
    `${cte} SELECT e, ytd - base AS delta FROM per WHERE in_c ORDER BY delta ASC LIMIT 10`,
  ];
  const times: number[] = [];
  let total = { ytd: 0, base: 0 };
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    for (const [k, q] of queries.entries()) {
      const result = await c.runAndReadAll(q);
      if (k === 0 && i === 0) {
        const row = result.getRowObjectsJS()[0] as { ytd: number; base: number };
        total = { ytd: Math.round(Number(row.ytd) * 10_000) / 10_000, base: Math.round(Number(row.base) * 10_000) / 10_000 };
      }
    }
    times.push(performance.now() - s);
  }
  c.closeSync();
  return { p50: percentile(times, 50), p95: percentile(times, 95), requests: 200, loadMs, total };
}
