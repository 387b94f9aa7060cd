import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import type { Actor } from '../app/actor.ts';
import { consoleOperatorCaller } from '../modules/registry-common/caller.ts';
import { localSupplyRatios } from '../modules/services-matchmaking/index.ts';
import { policyEligibility } from '../modules/services-policies/index.ts';
import { listRequestsPastSla } from '../modules/services-requests/index.ts';
import { dualTrack } from '../modules/supervision/index.ts';
import { boardOf, scopedYearState } from '../modules/supervision/supervision.service.ts';
import { seedDemo } from './seed-demo.ts';

/**
 * The demo data set, seeded once for every feature's checks (a demo seed is the slowest step of a test file,
 * and each feature's story reads the same data set a user meets after `npm start`), then seeded a second time:
 * nothing may be added twice.
 */
const ENTERPRISES = 40;
const NOW = new Date(Date.UTC(2026, 10, 20, 2));
const TODAY = '2026-11-20';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.database, { enterprises: ENTERPRISES, seed: 7, now: NOW });
}, 300_000);
afterAll(async () => db?.cleanup());

const rows = async <T>(query: string) => ((await db.database.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;
const count = async (table: string, where = 'true') => (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0]!.n;

describe('demo registries', () => {
  it('loads projects with stage histories (some overdue), occupancy, platforms, experts, chain mappings and candidates', async () => {
    const projects = await count('projects');
    // The registry's demo projects scale with the enterprises; the attraction history converts a few targets
    // into projects of its own (issue 13 §3), each linked from its target.
    const converted = await count('attraction_targets', 'project_id IS NOT NULL');
    expect(converted).toBeGreaterThan(0);
    expect(projects - converted).toBe(Math.round((ENTERPRISES * 80) / 150));
    // The registry's demo projects carry all seven stages; a converted target carries the stages it was given.
    expect(await count('project_stages', 'project_id NOT IN (SELECT project_id FROM attraction_targets WHERE project_id IS NOT NULL)')).toBe((projects - converted) * 7);
    // Every project has one event per reached stage, and the last event is its current stage.
    expect(await count('project_stage_events')).toBe(await count('project_stages', 'actual_on IS NOT NULL'));
    expect(await count('projects p', `EXISTS (SELECT 1 FROM project_stages s WHERE s.project_id = p.id AND s.actual_on IS NULL AND s.planned_on < '${TODAY}'
      AND array_position(ARRAY['lead','negotiating','signed','started','completed','producing','full'], s.stage) > array_position(ARRAY['lead','negotiating','signed','started','completed','producing','full'], p.stage))`)).toBeGreaterThan(0);
    expect(await count('project_follow_ups')).toBeGreaterThan(projects);
    expect(await count('carrier_occupants')).toBeGreaterThan(0);
    expect(await count('carriers', 'leasable_area_m2 IS NOT NULL')).toBe(await count('carriers'));
    // About twenty service platforms, as in a district of this size (issue 14).
    expect(await count('platforms')).toBeGreaterThanOrEqual(18);
    expect(await count('experts')).toBe(Math.round(20 + ENTERPRISES / 15));
    expect(await count('enterprise_chain_nodes')).toBeGreaterThanOrEqual(ENTERPRISES);
    expect(await count('candidate_companies')).toBeGreaterThan(0);
    // The provider accounts act for a record of the registries (docs/decisions/0017).
    expect(await count('users u', `username = 'demo_platform' AND role = 'platform' AND scope_kind = 'platform' AND scope_id = (SELECT id FROM platforms WHERE code = 'pilot-scale-platform')`)).toBe(1);
    expect(await count('users u', `username = 'demo_expert' AND role = 'expert' AND scope_kind = 'expert' AND scope_id = (SELECT id FROM experts WHERE code = 'ZJ-0001')`)).toBe(1);
    // The commission's demo weights: every chain node has one, upstream core technologies weigh most.
    expect(await count('chain_node_weights')).toBe(await count('chain_nodes', 'deleted_at IS NULL'));
  });
});

describe('demo enterprise services', () => {
  it('loads instruments with bookings, requests in every state (some past SLA) and policies with a 免申即享 list', async () => {
    expect(await count('instruments')).toBeGreaterThanOrEqual(16);
    expect(await count('instrument_bookings')).toBeGreaterThan(100);
    expect(await count('instrument_bookings', `status IN ('requested', 'approved') AND lower(period) > '${TODAY}'`)).toBeGreaterThan(0);
    expect(await count('instrument_trainings', `user_id = (SELECT id FROM users WHERE username = 'demo_enterprise')`)).toBeGreaterThan(0);
    expect(await count('service_requests')).toBeGreaterThan(100);
    for (const status of ['submitted', 'accepted', 'replied', 'closed']) expect(await count('service_requests', `status = '${status}'`)).toBeGreaterThan(0);
    expect(await count('service_requests', `target_kind = 'zone'`)).toBeGreaterThan(0);
    expect((await listRequestsPastSla(db.database.db, NOW)).length).toBeGreaterThan(0);
    expect(await count('service_policies')).toBe(8);
    const first = await policyEligibility(db.database.db, consoleOperatorCaller().actor, 'JS-BIO-01', NOW);
    expect(first.mode).toBe('auto');
    expect(first.eligible.length + first.missing.length).toBe(await count('enterprises', `status = 'active'`));
    // the first policy's confirmed list (other policies' awards are the second round's demo: applications, earlier years)
    expect(await count('service_policy_awards', `policy_id = (SELECT id FROM service_policies WHERE code = 'JS-BIO-01')`)).toBe(Math.ceil(first.eligible.length / 2));
    expect(await count('instrument_demands')).toBeGreaterThan(0);
    expect(await count('instrument_waitlist')).toBeGreaterThan(0);
    for (const status of ['submitted', 'reviewed', 'approved', 'rejected', 'disbursed']) expect(await count('service_policy_applications', `status = '${status}'`)).toBeGreaterThan(0);
  });
});

describe('demo supervision', () => {
  it('tells a year of 督办 across the plan’s real units: mostly on schedule, some red and yellow, a dual-track flag', async () => {
    const caller = consoleOperatorCaller();
    const { state, items } = await scopedYearState(db.database.db, caller, 2026, NOW);
    const board = boardOf(state, items, caller);
    const colours = { green: 0, blue: 0, yellow: 0, red: 0 };
    for (const i of board.items) colours[i.status]++;
    expect(colours.red).toBeGreaterThan(0);
    expect(colours.yellow).toBeGreaterThan(0);
    expect(colours.green).toBeGreaterThan(colours.red + colours.yellow);
    const names = board.units.map((u) => u.name);
    for (const unit of ['区经委', '区科委', '区发改委', '区财政局(金融办)', '区规划资源局']) expect(names).toContain(unit);
    expect(board.units.find((u) => u.name === '区应急管理局')!.overdue).toBeGreaterThan(0);
    expect(board.units.find((u) => u.name === '区卫健委')!.onTimeRate).toBeLessThan(1);
    const track = await dualTrack(db.database.db, caller, 2026, NOW);
    expect(track.tasks.some((t) => t.flag !== null)).toBe(true);
    // A department sees only its own row of the ranking.
    const kewei = (await db.database.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'kewei'`))[0]!.id;
    const deptCaller = { ...caller, actor: { ...caller.actor, role: 'department', scope: { kind: 'department', id: kewei } } as Actor };
    const own = await scopedYearState(db.database.db, deptCaller, 2026, NOW);
    expect(boardOf(own.state, own.items, deptCaller).units.map((u) => u.name)).toEqual(['区科委']);
  });
});

describe('demo technology transfer', () => {
  it('loads ~40 listings, introductions, pushed challenges, scored evaluations free of conflicts and deals', async () => {
    expect(await count('tech_listings')).toBeGreaterThanOrEqual(40);
    expect(await count('tech_listings', 'owner_platform_id IS NOT NULL')).toBeGreaterThan(15);
    for (const status of ['requested', 'accepted', 'declined']) expect(await count('tech_introductions', `status = '${status}'`)).toBeGreaterThan(0);
    expect(await count('tech_challenges')).toBe(5);
    expect(await count('tech_challenge_matches')).toBeGreaterThan(0);
    expect(await count('tech_evaluations', `status = 'submitted'`)).toBeGreaterThan(10);
    // every stored total is the rubric's weighted mean of its own scores
    const totals = await rows<{ total: string; computed: string }>(
      `SELECT e.total::text AS total, round(sum(s.weight * s.score)::numeric * 10 / sum(s.weight), 2)::text AS computed FROM tech_evaluations e JOIN tech_evaluation_scores s ON s.evaluation_id = e.id GROUP BY e.id, e.total`,
    );
    expect(totals.length).toBeGreaterThan(0);
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
  });
});

describe('demo supply–demand matchmaking', () => {
  it('posts ~60 needs and offers, proposes matches in every state with deal amounts, feeds the local-supply ratio', async () => {
    expect(await count('supply_demand_postings')).toBeGreaterThanOrEqual(55);
    expect(await count('supply_demand_postings', `kind = 'need'`)).toBeGreaterThan(20);
    expect(await count('supply_demand_postings', `kind = 'offer'`)).toBeGreaterThan(20);
    // contacts are sealed, never in the clear
    expect(await count('supply_demand_postings', `contact_phone ~ '^1[0-9]{10}$'`)).toBe(0);
    expect(await count('supply_demand_matches')).toBeGreaterThanOrEqual(15);
    for (const status of ['proposed', 'agreed', 'contacted', 'deal', 'no-deal']) expect(await count('supply_demand_matches', `status = '${status}'`), status).toBeGreaterThan(0);
    expect(await count('supply_demand_matches', `status = 'deal' AND deal_amount IS NULL`)).toBe(0);
    const demo = `(SELECT scope_id FROM users WHERE username = 'demo_enterprise')`;
    expect(await count('supply_demand_matches m JOIN supply_demand_postings n ON n.id = m.need_id', `n.enterprise_id = ${demo} AND m.status = 'agreed'`)).toBe(1);
    const ratios = await localSupplyRatios(db.database.db);
    expect(ratios.size).toBeGreaterThan(5);
    for (const r of ratios.values()) expect(r).toBeGreaterThanOrEqual(0);
  });
});

describe('a second demo seed', () => {
  it('adds nothing to any table the demo fills', { timeout: 300_000 }, async () => {
    // Every table of the schema with rows after the first seed, counted before and after the second.
    const tables = (await rows<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((t) => t.name);
    const countAll = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(`"${t}"`)] as const)));
    const before = await countAll();
    expect(Object.values(before).filter((n) => n > 0).length).toBeGreaterThan(40);
    await seedDemo(db.database, { enterprises: ENTERPRISES, seed: 7, now: NOW });
    const after = await countAll();
    // The audit log records the second run itself, and the statistics rollups (stat_*) are derived: the first
    // seed leaves its enterprises marked for refresh, which the second seed's refresh completes. Every table
    // of data stays as it was.
    const derived = (t: string) => t === 'audit_log' || t.startsWith('stat_');
    const changed = Object.keys(before).filter((t) => !derived(t) && before[t] !== after[t]);
    expect(changed).toEqual([]);
  });
});
