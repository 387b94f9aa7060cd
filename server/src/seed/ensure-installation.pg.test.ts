import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { rowsOf } from '../modules/statistics/sql-rows.ts';
import { ensureInstallation } from './ensure-installation.ts';
import { referenceData } from './reference/index.ts';

/**
 * Several app servers starting at once on a brand-new PostgreSQL (README, deployment with several servers): each
 * start loads the reference data and the plan; under the installation lock they do it one after the other,
 * and the database ends with one plan and one set of reference rows.
 */
let tdb: TestDatabase;
const others: Database[] = [];
beforeAll(async () => {
  tdb = await createTestDatabase();
  for (let i = 0; i < 3; i++) others.push(await openDatabase({ databaseUrl: tdb.url! }));
}, 120_000);
afterAll(async () => {
  for (const d of others) await d.close();
  await tdb?.cleanup();
});

describe('servers starting together on an empty database', () => {
  it('load the plan and the reference data once', async () => {
    const results = await Promise.all([tdb.database, ...others].map((d) => ensureInstallation(d)));
    expect(results.filter((r) => r.planLoaded)).toHaveLength(1);
    const [row] = await rowsOf<{ plans: number; zones: number; domains: number }>(
      tdb.database.db,
      sql`SELECT (SELECT count(*) FROM plans)::int AS plans, (SELECT count(*) FROM zones)::int AS zones, (SELECT count(*) FROM domains)::int AS domains`,
    );
    expect(row).toEqual({ plans: 1, zones: referenceData.zones.length, domains: referenceData.domains.length });
  });
});
