import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { seedDemo } from './seed-demo.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.cleanup());

const count = async (table: string, where = 'true') =>
  ((await db.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe('demo registries', () => {
  it('loads projects with stage histories (some overdue), occupancy, platforms, experts, chain mappings and candidates; a second run adds nothing', { timeout: 300_000 }, async () => {
    const now = new Date(Date.UTC(2025, 5, 20));
    await seedDemo(db.database, { enterprises: 30, seed: 7, now });
    const projects = await count('projects');
    // The registry's demo projects scale with the enterprises; the attraction history converts a few targets
    // into projects of its own (issue 13 §3), each linked from its target.
    const converted = await count('attraction_targets', 'project_id IS NOT NULL');
    expect(converted).toBeGreaterThan(0);
    expect(projects - converted).toBe(Math.round((30 * 80) / 150));
    // The registry's demo projects carry all seven stages; a converted target carries the stages it was given.
    expect(await count('project_stages', 'project_id NOT IN (SELECT project_id FROM attraction_targets WHERE project_id IS NOT NULL)')).toBe((projects - converted) * 7);
    // Every project has one event per reached stage, and the last event is its current stage.
    expect(await count('project_stage_events')).toBe(await count('project_stages', 'actual_on IS NOT NULL'));
    expect(await count('projects p', `EXISTS (SELECT 1 FROM project_stages s WHERE s.project_id = p.id AND s.actual_on IS NULL AND s.planned_on < '2025-06-20'
      AND array_position(ARRAY['lead','negotiating','signed','started','completed','producing','full'], s.stage) > array_position(ARRAY['lead','negotiating','signed','started','completed','producing','full'], p.stage))`)).toBeGreaterThan(0);
    expect(await count('project_follow_ups')).toBeGreaterThan(projects);
    expect(await count('carrier_occupants')).toBeGreaterThan(0);
    expect(await count('carriers', 'leasable_area_m2 IS NOT NULL')).toBe(await count('carriers'));
    expect(await count('platforms')).toBeGreaterThanOrEqual(8);
    expect(await count('experts')).toBe(Math.round(20 + 30 / 15));
    expect(await count('enterprise_chain_nodes')).toBeGreaterThanOrEqual(30);
    expect(await count('candidate_companies')).toBeGreaterThan(0);
    // The provider accounts act for a record of the registries (docs/decisions/0017).
    expect(await count('users u', `username = 'demo_platform' AND role = 'platform' AND scope_kind = 'platform' AND scope_id = (SELECT id FROM platforms WHERE code = 'pilot-scale-platform')`)).toBe(1);
    expect(await count('users u', `username = 'demo_expert' AND role = 'expert' AND scope_kind = 'expert' AND scope_id = (SELECT id FROM experts WHERE code = 'ZJ-0001')`)).toBe(1);
    // The commission's demo weights: every chain node has one, upstream core technologies weigh most.
    expect(await count('chain_node_weights')).toBe(await count('chain_nodes', 'deleted_at IS NULL'));
    const before = await count('project_follow_ups');
    await seedDemo(db.database, { enterprises: 30, seed: 7, now });
    expect(await count('projects')).toBe(projects);
    expect(await count('project_follow_ups')).toBe(before);
  });
});
