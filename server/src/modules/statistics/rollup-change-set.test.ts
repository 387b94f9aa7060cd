import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import type { Db } from '../../db/client.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';
import { rebuildRollups, refreshRollups } from './rollup.repository.ts';
import { insertFixture, type FixtureEnterprise } from './stats-fixture.test-support.ts';
import { rowsOf } from './sql-rows.ts';
import { enterpriseMovers } from './stats-query.repository.ts';

/**
 * An import's change set (hundreds of enterprise-years) goes through an analysed temporary table; the
 * incremental refresh must still equal a rebuild, also when one transaction refreshes twice. The top movers'
 * table (stat_enterprise_moves) must equal its definition over the ytd rows after every change, and the movers
 * read through its indexes those of a scan of every enterprise's ytd rows.
 */

let tdb: TestDatabase;
let db: Db;
let enterprises: FixtureEnterprise[];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.database.db;
  await db.transaction(async (tx) => seedReferenceData(tx as unknown as Db));
  ({ enterprises } = await insertFixture(db, { seed: 7, enterprises: 130, years: [2023, 2024] }));
  await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
}, 180_000);
afterAll(async () => tdb?.cleanup());

const cellsOf = () =>
  rowsOf<Record<string, unknown>>(db, sql`SELECT * FROM stat_group_cells WHERE n_present <> 0 OR nominal_ytd <> 0 OR nominal_base <> 0 ORDER BY dim, indicator, year, month, key`);

const MOVE_COLUMNS = INDICATOR_CODES.map((c) => `d_${c}`).join(', ');

/** The stored moves (rows with any move; a row whose moves all went may stay with NULLs). */
const storedMoves = () =>
  rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT enterprise_id, year, month, ${sql.raw(MOVE_COLUMNS)} FROM stat_enterprise_moves WHERE num_nonnulls(${sql.raw(MOVE_COLUMNS)}) > 0 ORDER BY enterprise_id, year, month`,
  );

/** The moves by their definition, from the ytd rows: in C for the indicator and YTD ≠ last year's, × 10 000. */
const movesFromYtd = () => {
  const move = (c: string) =>
    `CASE WHEN c.h_${c} AND c.y_${c} <> coalesce(q.y_${c}, 0) THEN ((c.y_${c} - coalesce(q.y_${c}, 0)) * 10000)::int8 END AS d_${c}`;
  return rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT * FROM (
          SELECT c.enterprise_id, c.year, c.month, ${sql.raw(INDICATOR_CODES.map(move).join(', '))}
            FROM stat_enterprise_ytd c
            LEFT JOIN stat_enterprise_ytd q ON q.enterprise_id = c.enterprise_id AND q.year = c.year - 1 AND q.month = c.month) m
         WHERE num_nonnulls(${sql.raw(MOVE_COLUMNS)}) > 0 ORDER BY enterprise_id, year, month`,
  );
};

/** The movers as the cockpit read them before the moves table: every enterprise's ytd rows of the month. */
async function moversByScan(indicator: string, year: number, month: number, zone: string | null, limit: number) {
  const population = zone === null ? sql`true` : sql`x.enterprise_id IN (SELECT enterprise_id FROM stat_enterprise_groups WHERE dim = 'zone' AND key = ${zone})`;
  return rowsOf<Record<string, unknown>>(
    db,
    sql`
    WITH x AS (
      SELECT c.enterprise_id, c.${sql.raw(`m_${indicator}`)} AS m, c.${sql.raw(`y_${indicator}`)} AS y, coalesce(q.${sql.raw(`y_${indicator}`)}, 0) AS p
        FROM stat_enterprise_ytd c
        LEFT JOIN stat_enterprise_ytd q ON q.enterprise_id = c.enterprise_id AND q.year = ${year - 1} AND q.month = ${month}
       WHERE c.year = ${year} AND c.month = ${month} AND c.${sql.raw(`h_${indicator}`)}
    ), d AS (SELECT x.enterprise_id::text AS code, x.m, x.y, x.p, x.y - x.p AS delta FROM x WHERE x.y <> x.p AND ${population})
    (SELECT code, m, y, p FROM d WHERE delta > 0 ORDER BY delta DESC, code LIMIT ${limit})
    UNION ALL
    (SELECT code, m, y, p FROM d WHERE delta < 0 ORDER BY delta ASC, code LIMIT ${limit})`,
  );
}

/** The moves table equals its definition, and the indexed movers equal the scan's, for every indicator and month. */
async function expectMovesTrue() {
  expect(await storedMoves()).toEqual(await movesFromYtd());
  const zones = (await rowsOf<{ key: string }>(db, sql`SELECT DISTINCT key FROM stat_enterprise_groups WHERE dim = 'zone' ORDER BY key LIMIT 2`)).map((z) => z.key);
  let movers = 0;
  for (const indicator of INDICATOR_CODES) {
    for (const month of [1, 6, 12]) {
      for (const zone of [null, ...zones]) {
        const scanned = (await moversByScan(indicator, 2024, month, zone, 5)).map((r) => ({ code: r.code, m: Number(r.m), y: Number(r.y), p: Number(r.p) }));
        const indexed = await enterpriseMovers(db, { indicator, year: 2024, month, limit: 5, ...(zone === null ? {} : { population: [{ dim: 'zone' as const, keys: [zone] }] }) });
        const asRows = indexed.map((r) => ({ code: r.code, m: r.monthYuan / 10_000, y: r.ytdYuan / 10_000, p: r.baseYuan / 10_000 }));
        expect(asRows.sort((a, b) => a.code.localeCompare(b.code)), `${indicator} 2024-${month} ${zone ?? 'district'}`).toEqual(scanned.sort((a, b) => String(a.code).localeCompare(String(b.code))));
        movers += scanned.length;
      }
    }
  }
  expect(movers, 'most lists hold ten movers').toBeGreaterThan(INDICATOR_CODES.length * 3 * 3 * 5);
}

describe('an import-sized refresh', () => {
  it('equals a rebuild, twice in one transaction', async () => {
    const before = await cellsOf();
    const pairs = enterprises.flatMap((e) => [{ enterpriseId: e.id, year: 2023 }, { enterpriseId: e.id, year: 2024 }]);
    expect(pairs.length).toBeGreaterThanOrEqual(200);
    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.execute(sql`UPDATE monthly_reports SET revenue = revenue + 3, output = output * 2 WHERE year = 2024 AND status = 'approved'`);
      await refreshRollups(tx, pairs);
      await tx.execute(sql`UPDATE monthly_reports SET tax = coalesce(tax, 0) + 1 WHERE year = 2023 AND status = 'approved'`);
      await refreshRollups(tx, pairs);
    });
    const incremental = await cellsOf();
    expect(incremental).not.toEqual(before);
    await expectMovesTrue();
    const moves = await storedMoves();
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(incremental).toEqual(await cellsOf());
    expect(moves).toEqual(await storedMoves());
    // The rebuild builds the per-indicator indexes again after filling the table.
    const indexes = await rowsOf<{ name: string }>(db, sql`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'stat_enterprise_moves' ORDER BY 1`);
    expect(indexes.map((i) => i.name)).toEqual(['stat_enterprise_moves_pkey', ...INDICATOR_CODES.map((c) => `stat_enterprise_moves_${c}_idx`)].sort());
  }, 120_000);
});

describe("an approval-sized refresh", () => {
  it('equals a rebuild, and gives the transaction its join settings back', async () => {
    const one = [{ enterpriseId: enterprises[0]!.id, year: 2024 }];
    const settings = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.execute(sql`UPDATE monthly_reports SET revenue = revenue + 5 WHERE enterprise_id = ${one[0]!.enterpriseId} AND year = 2024`);
      await refreshRollups(tx, one);
      return rowsOf<{ hash: string; merge: string }>(tx, sql`SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge`);
    });
    expect(settings).toEqual([{ hash: 'on', merge: 'on' }]);
    expect(await storedMoves()).toEqual(await movesFromYtd());
    const incremental = await cellsOf();
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(incremental).toEqual(await cellsOf());
  }, 120_000);
});

describe('a refresh from the first changed month', () => {
  const equalsRebuild = async () => {
    const incremental = await cellsOf();
    const ytd = await rowsOf(db, sql`SELECT * FROM stat_enterprise_ytd ORDER BY enterprise_id, year, month`);
    await expectMovesTrue();
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(incremental).toEqual(await cellsOf());
    expect(ytd).toEqual(await rowsOf(db, sql`SELECT * FROM stat_enterprise_ytd ORDER BY enterprise_id, year, month`));
  };
  const change = (work: (tx: Db) => Promise<void>) => db.transaction(async (tx) => work(tx as unknown as Db));

  it('equals a rebuild: a month of several enterprises, and two years of one enterprise changed at different months', async () => {
    const some = enterprises.slice(0, 10).map((e) => e.id);
    const before = await cellsOf();
    await change(async (tx) => {
      await tx.execute(sql`UPDATE monthly_reports SET revenue = revenue + 9, output = output + 1 WHERE year = 2024 AND month = 6 AND enterprise_id IN (SELECT (jsonb_array_elements_text(${JSON.stringify(some)}::jsonb))::uuid)`);
      await refreshRollups(tx, some.map((id) => ({ enterpriseId: id, year: 2024, fromMonth: 6 })));
    });
    expect(await cellsOf()).not.toEqual(before);
    // 2023 from March (the base of 2024's months from March on) and 2024 in December only.
    const one = enterprises[11]!.id;
    await change(async (tx) => {
      await tx.execute(sql`UPDATE monthly_reports SET revenue = revenue + 4 WHERE enterprise_id = ${one} AND ((year = 2023 AND month = 3) OR (year = 2024 AND month = 12))`);
      await refreshRollups(tx, [{ enterpriseId: one, year: 2024, fromMonth: 12 }, { enterpriseId: one, year: 2023, fromMonth: 3 }]);
    });
    await equalsRebuild();
  }, 120_000);

  it('equals a rebuild when the last approved months of a year are withdrawn (its ytd rows go)', async () => {
    const one = enterprises[12]!.id;
    await change(async (tx) => {
      await tx.execute(sql`UPDATE monthly_reports SET status = 'submitted' WHERE enterprise_id = ${one} AND year = 2024 AND month <= 8`);
      await refreshRollups(tx, [{ enterpriseId: one, year: 2024 }]);
    });
    await change(async (tx) => {
      await tx.execute(sql`UPDATE monthly_reports SET status = 'submitted' WHERE enterprise_id = ${one} AND year = 2024 AND month >= 9`);
      await refreshRollups(tx, [{ enterpriseId: one, year: 2024, fromMonth: 9 }]);
    });
    expect(await rowsOf(db, sql`SELECT 1 FROM stat_enterprise_ytd WHERE enterprise_id = ${one} AND year = 2024`)).toEqual([]);
    await equalsRebuild();
  }, 120_000);
});

describe('the moves of a database from before the moves table', () => {
  it('are filled by the migration from the ytd rows as they stand', async () => {
    const migration = fs.readFileSync(new URL('../../../migrations/0034_stat_enterprise_moves.sql', import.meta.url), 'utf8');
    const backfill = migration.slice(migration.indexOf('INSERT INTO stat_enterprise_moves'));
    const moves = await storedMoves();
    expect(moves.length).toBeGreaterThan(1000);
    await db.execute(sql`DELETE FROM stat_enterprise_moves`);
    await db.execute(sql.raw(backfill));
    expect(await storedMoves()).toEqual(moves);
  }, 60_000);
});
