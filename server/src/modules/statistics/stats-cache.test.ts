import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import type { Db } from '../../db/client.ts';
import { seedPolicyPlan } from '../../seed/seed-plan.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';
import { computeCockpit } from './cockpit.service.ts';
import { computeGoalProgress } from './goal-progress.service.ts';
import { rebuildRollups, refreshRollups } from './rollup.repository.ts';
import { openDatabase, statementsSentSoFar } from '../../db/client.ts';
import { currentStatsToken, forgetProcessStatsCache, refreshStatsViews, scheduleStatsViewRefresh, statsViewComputations, statsViewRefreshSettled, unsafeClearStatsCache } from './stats-cache.ts';
import { insertFixture, insertFixtureReports, type FixtureEnterprise, type FixtureReport } from './stats-fixture.test-support.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * The statistics view cache must be invisible: after any committed change to what a view is computed from,
 * the cached answer equals a fresh computation, and it never crosses scopes. Each case first makes the cache
 * hold the old answer, then changes the data, then compares the answer with one computed from scratch and
 * checks that the answer did change (so a cache that never invalidates fails).
 */

let tdb: TestDatabase;
let db: Db;
let enterprises: FixtureEnterprise[];
let reports: FixtureReport[];
const district = { kind: 'district' } as const;
const period = { year: 2024, month: 6 };

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.database.db;
  await db.transaction(async (tx) => {
    await seedReferenceData(tx as unknown as Db);
    await seedPolicyPlan(tx as unknown as Db);
  });
  ({ enterprises, reports } = await insertFixture(db, { seed: 31, enterprises: 40, years: [2022, 2023, 2024] }));
  await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
}, 120_000);
afterAll(async () => tdb?.cleanup());

const cockpit = (scope: Parameters<typeof computeCockpit>[1] = district) => computeCockpit(db, scope, { indicator: 'revenue', period });
async function fresh<T>(compute: () => Promise<T>): Promise<T> {
  await unsafeClearStatsCache(db);
  return compute();
}

/** A change of approved figures as an approval commits it: one June 2024 report's revenue raised, the rollups refreshed. */
async function raiseApprovedRevenue(amount: number): Promise<void> {
  const target = enterprises.find((e) => !e.deleted && reports.some((r) => r.enterpriseId === e.id && r.year === 2024 && r.month === 6 && r.status === 'approved'))!;
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.execute(sql`UPDATE monthly_reports SET revenue = revenue + ${amount} WHERE enterprise_id = ${target.id} AND year = 2024 AND month = 6`);
    await refreshRollups(tx, [{ enterpriseId: target.id, year: 2024 }]);
  });
}

describe('the data-version token', () => {
  it('stays the same over reads and changes once a write to a watched table commits', async () => {
    const before = await currentStatsToken(db);
    await cockpit();
    await computeGoalProgress(db, district, { period });
    expect(await currentStatsToken(db)).toBe(before);
    await db.execute(sql`UPDATE zones SET name_en = name_en WHERE code = (SELECT min(code) FROM zones)`);
    const after = await currentStatsToken(db);
    expect(after).not.toBe(before);
    expect((await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM stat_change_marks`))[0]!.n).toBe(0);
  });

  it('does not change when the writing transaction rolls back', async () => {
    const before = await currentStatsToken(db);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE enterprises SET name = name || '×' WHERE id = ${enterprises[0]!.id}`);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(await currentStatsToken(db)).toBe(before);
  });
});

describe('cached views', () => {
  it('follow newly approved figures', async () => {
    const old = await cockpit();
    await raiseApprovedRevenue(123456.7891);
    const now = await cockpit();
    expect(now.total.ytd).not.toBe(old.total.ytd);
    expect(now).toEqual(await fresh(cockpit));
  });

  it('follow a new report of an enterprise that had none (the comparable set grows)', async () => {
    const old = await cockpit();
    const quiet = enterprises.find((e) => !reports.some((r) => r.enterpriseId === e.id && r.year === 2024 && r.month === 6 && r.status === 'approved'))!;
    const values = { output: '10.0000', sales: '9.0000', export: '0.0000', revenue: '5000.0000', profit: '1.0000', tax: '1.0000', rd: '1.0000', energy: '1.0000', employees: '3' };
    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.execute(sql`DELETE FROM monthly_reports WHERE enterprise_id = ${quiet.id} AND year = 2024 AND month = 6`);
      await insertFixtureReports(tx, [{ enterpriseId: quiet.id, year: 2024, month: 6, status: 'approved', values }]);
      await refreshRollups(tx, [{ enterpriseId: quiet.id, year: 2024 }]);
    });
    const now = await cockpit();
    expect(now.total.enterprises).toBe(old.total.enterprises + 1);
    expect(now).toEqual(await fresh(cockpit));
  });

  it('follow an enterprise moving to another zone (registry change, synchronised before reading)', async () => {
    const old = await cockpit();
    const mover = old.topContributors[0]!;
    const [target] = await rowsOf<{ id: string; code: string }>(
      db,
      sql`SELECT z.id, z.code FROM zones z WHERE z.id IS DISTINCT FROM (SELECT zone_id FROM enterprises WHERE id = ${mover.code}) ORDER BY z.code LIMIT 1`,
    );
    await db.execute(sql`UPDATE enterprises SET zone_id = ${target!.id} WHERE id = ${mover.code}`);
    const now = await cockpit();
    expect(now.zones).not.toEqual(old.zones);
    expect(now).toEqual(await fresh(cockpit));
  });

  it('follow a renamed enterprise among the top movers', async () => {
    const old = await cockpit();
    const mover = old.topContributors[0]!;
    await db.execute(sql`UPDATE enterprises SET name = '更名后的企业' WHERE id = ${mover.code}`);
    const now = await cockpit();
    expect(now.topContributors[0]!.key).toBe('更名后的企业');
    expect(now).toEqual(await fresh(cockpit));
  });

  it('follow an edited goal target (the milestone line and goal progress)', async () => {
    const oldCockpit = await cockpit();
    const oldGoals = await computeGoalProgress(db, district, { period });
    await db.execute(sql`UPDATE plan_goals SET value = value * 2 WHERE metric = '产业规模'`);
    const nowCockpit = await cockpit();
    const nowGoals = await computeGoalProgress(db, district, { period });
    expect(nowGoals).not.toEqual(oldGoals);
    expect(nowGoals).toEqual(await fresh(() => computeGoalProgress(db, district, { period })));
    expect(nowCockpit.trend.map((t) => t.milestoneYtd)).not.toEqual(oldCockpit.trend.map((t) => t.milestoneYtd));
    expect(nowCockpit).toEqual(await fresh(cockpit));
  });

  it('never answer one scope with another scope’s view', async () => {
    const zone = enterprises.find((e) => e.zone)!.zone!;
    await cockpit(); // the district view is now cached
    const park = await cockpit({ kind: 'zone', code: zone });
    expect(park.scope).toEqual({ kind: 'zone', code: zone });
    expect(park.zones.map((z) => z.code)).toEqual([zone]);
    expect(park).toEqual(await fresh(() => cockpit({ kind: 'zone', code: zone })));
  });

  it('stay correct under concurrent approvals: no deadlock, rollups equal a rebuild, the cached view equals a fresh one', async () => {
    const old = await cockpit();
    const targets = enterprises.filter((e) => reports.some((r) => r.enterpriseId === e.id && r.year === 2024 && r.month <= 6 && r.status === 'approved')).slice(0, tdb.database.kind === 'postgres' ? 30 : 8);
    // Pairs of transactions touch the same enterprise, in opposite orders, with the 2023 rows (base) as well.
    // On PostgreSQL they truly run at once: 60 transactions made unordered cell upserts deadlock every time;
    // the embedded engine runs them one after another, so a few suffice there.
    await Promise.all(
      targets.flatMap((e, i) => {
        const other = targets[(i + 1) % targets.length]!;
        return [e, other].map((first, k) =>
          db.transaction(async (txRaw) => {
            const tx = txRaw as unknown as Db;
            const ids = k === 0 ? [first.id, other.id] : [other.id, first.id];
            await tx.execute(sql`UPDATE monthly_reports SET revenue = revenue + 1 WHERE enterprise_id IN (${ids[0]}, ${ids[1]}) AND year IN (2023, 2024) AND status = 'approved'`);
            await refreshRollups(tx, ids.flatMap((id) => [{ enterpriseId: id, year: 2023 }, { enterpriseId: id, year: 2024 }]));
          }),
        );
      }),
    );
    const cellsOf = () => rowsOf<Record<string, unknown>>(db, sql`SELECT * FROM stat_group_cells WHERE n_present <> 0 OR nominal_ytd <> 0 OR nominal_base <> 0 ORDER BY dim, indicator, year, month, key`);
    const incremental = await cellsOf();
    const now = await cockpit();
    expect(now.total.ytd).not.toBe(old.total.ytd);
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(incremental).toEqual(await cellsOf());
    expect(now).toEqual(await fresh(cockpit));
  }, 120_000);

  it('stay correct when a rebuild runs among approvals: no deadlock, and the result equals a rebuild after them', async () => {
    const targets = enterprises.slice(0, tdb.database.kind === 'postgres' ? 8 : 6);
    // The rebuild takes the district-wide advisory lock, then its table locks; each approval its enterprises'
    // locks under the shared district-wide one, then the cells. On PostgreSQL they truly run at once: the
    // rebuild starts first and the approvals right after it, on connections of their own (a pool of 10).
    const rebuild = db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    const approvals = targets.map((e) =>
      db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        await tx.execute(sql`UPDATE monthly_reports SET profit = coalesce(profit, 0) + 2 WHERE enterprise_id = ${e.id} AND year = 2024 AND status = 'approved'`);
        await refreshRollups(tx, [{ enterpriseId: e.id, year: 2024 }]);
      }),
    );
    await Promise.all([rebuild, ...approvals]);
    const cellsOf = () => rowsOf<Record<string, unknown>>(db, sql`SELECT * FROM stat_group_cells WHERE n_present <> 0 OR nominal_ytd <> 0 OR nominal_base <> 0 ORDER BY dim, indicator, year, month, key`);
    const afterAll = await cellsOf();
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(afterAll).toEqual(await cellsOf());
  }, 120_000);

  it('are one query when this process holds them, and follow a change of which months are closed', async () => {
    await cockpit();
    const before = statementsSentSoFar();
    await cockpit();
    // The periods and the cockpit keyed by them, in one lookup.
    expect(statementsSentSoFar() - before).toBe(1);
    // A report of a later month approved: the periods change, so does the cockpit's key (its latest period).
    const target = enterprises.find((e) => !e.deleted)!;
    await insertFixtureReports(db, [{ enterpriseId: target.id, year: 2025, month: 1, status: 'approved', values: reports.find((r) => r.enterpriseId === target.id)!.values }]);
    await db.transaction(async (tx) => refreshRollups(tx as unknown as Db, [{ enterpriseId: target.id, year: 2025 }]));
    const now = await cockpit();
    expect(now.latestPeriod).toBe('2025-01');
    expect(now).toEqual(await fresh(cockpit));
    await db.execute(sql`DELETE FROM monthly_reports WHERE enterprise_id = ${target.id} AND year = 2025`);
    await db.transaction(async (tx) => refreshRollups(tx as unknown as Db, [{ enterpriseId: target.id, year: 2025 }]));
    expect((await cockpit()).latestPeriod).toBe('2024-12');
  });

  it('are copies: changing an answer does not change the next one', async () => {
    const first = await cockpit();
    first.domains.length = 0;
    first.total.ytd = -1;
    const second = await cockpit();
    expect(second.domains.length).toBeGreaterThan(0);
    expect(second.total.ytd).not.toBe(-1);
  });

  it('are recomputed in the wake of a change, not emptied: the first read after it is a hit', async () => {
    const old = await cockpit();
    await raiseApprovedRevenue(7.5);
    expect(await refreshStatsViews(db)).toBeGreaterThan(0);
    const computed = statsViewComputations(db);
    const now = await cockpit();
    expect(statsViewComputations(db)).toBe(computed);
    expect(now.total.ytd).not.toBe(old.total.ytd);
    expect(now).toEqual(await fresh(cockpit));
  });

  it('are recomputed in the background after an approval (refreshes asked for meanwhile coalesce), and a read after it settled is a hit', async () => {
    const old = await cockpit();
    await raiseApprovedRevenue(3.25);
    const before = statsViewComputations(db);
    scheduleStatsViewRefresh(db);
    scheduleStatsViewRefresh(db);
    scheduleStatsViewRefresh(db);
    await statsViewRefreshSettled(db);
    // One run, and one more for the two asked for while it ran: each recomputes the view once.
    const recomputed = statsViewComputations(db) - before;
    expect(recomputed).toBeGreaterThan(0);
    const computed = statsViewComputations(db);
    const now = await cockpit();
    expect(statsViewComputations(db)).toBe(computed);
    expect(now.total.ytd).not.toBe(old.total.ytd);
    expect(now).toEqual(await fresh(cockpit));
  });

  it('leave the server answering while they are recomputed in the background', async () => {
    // Several views read (the district's cockpit for six months), then a change: each is recomputed after it.
    for (let month = 1; month <= 6; month++) await computeCockpit(db, district, { indicator: 'revenue', period: { year: 2024, month } });
    await raiseApprovedRevenue(1.5);
    const before = statsViewComputations(db);
    scheduleStatsViewRefresh(db);
    let settled = false;
    void statsViewRefreshSettled(db).then(() => (settled = true));
    // What a server does between two pieces of work: the event loop's next turn (I/O, a request's callbacks).
    // It comes while the refresh still runs, with at most one view recomputed by then; on the embedded engine,
    // whose queries need no I/O, a refresh that never yields would have finished before this turn came.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    expect(statsViewComputations(db) - before).toBeLessThanOrEqual(1);
    await statsViewRefreshSettled(db);
    expect(statsViewComputations(db) - before).toBeGreaterThanOrEqual(6);
  });

  it('are shared by the server processes on one database, and never served stale to any of them', async () => {
    const viewed = await cockpit();
    // A process that never computed it (no copy in memory) is served the stored view.
    forgetProcessStatsCache(db);
    const computed = statsViewComputations(db);
    expect(await cockpit()).toEqual(viewed);
    expect(statsViewComputations(db)).toBe(computed);
    // On PostgreSQL a second connection pool is a second process as far as the cache can tell.
    const other = tdb.url ? await openDatabase({ databaseUrl: tdb.url }) : null;
    try {
      const otherDb = other?.db ?? db;
      const otherCockpit = () => computeCockpit(otherDb, district, { indicator: 'revenue', period });
      expect(await otherCockpit()).toEqual(viewed);
      // One process changes the figures; the other holds the old view in memory and must not serve it.
      await raiseApprovedRevenue(11);
      const now = await otherCockpit();
      expect(now.total.ytd).not.toBe(viewed.total.ytd);
      expect(now).toEqual(await fresh(cockpit));
    } finally {
      await other?.close();
    }
  });
});
