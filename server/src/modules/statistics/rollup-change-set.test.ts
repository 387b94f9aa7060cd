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
