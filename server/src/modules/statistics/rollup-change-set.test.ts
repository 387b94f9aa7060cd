import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import type { Db } from '../../db/client.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';
import { rebuildRollups, refreshRollups } from './rollup.repository.ts';
import { insertFixture, type FixtureEnterprise } from './stats-fixture.test-support.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * An import's change set (hundreds of enterprise-years) goes through an analysed temporary table; the
 * incremental refresh must still equal a rebuild, also when one transaction refreshes twice.
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
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(incremental).toEqual(await cellsOf());
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
    const incremental = await cellsOf();
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(incremental).toEqual(await cellsOf());
  }, 120_000);
});

describe('a refresh from the first changed month', () => {
  const equalsRebuild = async () => {
    const incremental = await cellsOf();
    const ytd = await rowsOf(db, sql`SELECT * FROM stat_enterprise_ytd ORDER BY enterprise_id, year, month`);
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
