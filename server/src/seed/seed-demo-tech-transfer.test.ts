import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { seedDemo } from './seed-demo.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.cleanup());

const rows = async <T>(query: string) => ((await db.database.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;
const count = async (table: string, where = 'true') => (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0]!.n;

describe('demo technology transfer', () => {
  it('loads ~40 listings, introductions, pushed challenges, scored evaluations free of conflicts and deals; a second run adds nothing', { timeout: 300_000 }, async () => {
    const now = new Date(Date.UTC(2026, 10, 20, 2));
    await seedDemo(db.database, { enterprises: 30, seed: 7, now });
    const listings = await count('tech_listings');
    expect(listings).toBeGreaterThanOrEqual(40);
    expect(await count('tech_listings', 'owner_platform_id IS NOT NULL')).toBeGreaterThan(15);
    for (const status of ['requested', 'accepted', 'declined']) expect(await count('tech_introductions', `status = '${status}'`)).toBeGreaterThan(0);
    expect(await count('tech_challenges')).toBe(5);
    expect(await count('tech_challenge_matches')).toBeGreaterThan(0);
    expect(await count('tech_evaluations', `status = 'submitted'`)).toBeGreaterThan(10);
    // every stored total is the rubric's weighted mean of its own scores
    const totals = await rows<{ total: string; computed: string }>(
      `SELECT e.total::text AS total, round(sum(s.weight * s.score)::numeric * 10 / sum(s.weight), 2)::text AS computed FROM tech_evaluations e JOIN tech_evaluation_scores s ON s.evaluation_id = e.id GROUP BY e.id, e.total`,
    );
    for (const t of totals) expect(t.total).toBe(t.computed);
    // no expert evaluates a listing whose owner or requester it declared a conflict with
    expect(
      await count(
        'tech_evaluations e',
        `EXISTS (SELECT 1 FROM expert_conflicts c JOIN tech_listings l ON l.id = e.listing_id WHERE c.expert_id = e.expert_id AND (c.enterprise_id = l.owner_enterprise_id OR c.enterprise_id IN (SELECT enterprise_id FROM tech_introductions i WHERE i.listing_id = l.id)))`,
      ),
    ).toBe(0);
    // the walk-through listing: a conflicted expert's enterprise asked for it, and the demo expert is free to be assigned
    expect(await count('tech_introductions i', `i.listing_id = (SELECT id FROM tech_listings WHERE code = 'CG-DEMO-001') AND i.enterprise_id IN (SELECT enterprise_id FROM expert_conflicts)`)).toBe(1);
    expect(await count('tech_evaluations', `listing_id = (SELECT id FROM tech_listings WHERE code = 'CG-DEMO-001')`)).toBe(0);
    expect(await count('tech_evaluations', `expert_id = (SELECT scope_id FROM users WHERE username = 'demo_expert')`)).toBeGreaterThan(0);
    expect(await count('tech_deals', 'project_id IS NOT NULL')).toBe(1);

    await seedDemo(db.database, { enterprises: 30, seed: 7, now });
    expect(await count('tech_listings')).toBe(listings);
  });
});
