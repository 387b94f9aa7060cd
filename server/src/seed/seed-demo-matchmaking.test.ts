import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { localSupplyRatios } from '../modules/services-matchmaking/index.ts';
import { seedDemo } from './seed-demo.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.cleanup());

const count = async (table: string, where = 'true') =>
  ((await db.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe('demo supply–demand matchmaking', () => {
  it('posts ~60 needs and offers, proposes matches in every state with deal amounts, feeds the local-supply ratio; a second run adds nothing', { timeout: 300_000 }, async () => {
    const now = new Date(Date.UTC(2026, 10, 20, 2));
    await seedDemo(db.database, { enterprises: 40, seed: 7, now });
    const postings = await count('supply_demand_postings');
    expect(postings).toBeGreaterThanOrEqual(55);
    expect(await count('supply_demand_postings', `kind = 'need'`)).toBeGreaterThan(20);
    expect(await count('supply_demand_postings', `kind = 'offer'`)).toBeGreaterThan(20);
    // contacts are sealed, never in the clear
    expect(await count('supply_demand_postings', `contact_phone ~ '^1[0-9]{10}$'`)).toBe(0);
    const matches = await count('supply_demand_matches');
    expect(matches).toBeGreaterThanOrEqual(15);
    for (const status of ['proposed', 'agreed', 'contacted', 'deal', 'no-deal']) expect(await count('supply_demand_matches', `status = '${status}'`), status).toBeGreaterThan(0);
    expect(await count('supply_demand_matches', `status = 'deal' AND deal_amount IS NULL`)).toBe(0);
    const demo = `(SELECT scope_id FROM users WHERE username = 'demo_enterprise')`;
    expect(await count('supply_demand_matches m JOIN supply_demand_postings n ON n.id = m.need_id', `n.enterprise_id = ${demo} AND m.status = 'agreed'`)).toBe(1);
    const ratios = await localSupplyRatios(db.database.db);
    expect(ratios.size).toBeGreaterThan(5);
    for (const r of ratios.values()) expect(r).toBeGreaterThanOrEqual(0);

    await seedDemo(db.database, { enterprises: 40, seed: 7, now });
    expect(await count('supply_demand_postings')).toBe(postings);
    expect(await count('supply_demand_matches')).toBe(matches);
  });
});
