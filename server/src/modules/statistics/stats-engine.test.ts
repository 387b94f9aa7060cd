import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES, type IndicatorCode } from '../../../../contracts/indicators.ts';
import { OVERLAPPING_DIMENSIONS, type StatDimension } from '../../../../contracts/statistics.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import type { Db } from '../../db/client.ts';
import { computeBreakdown, type MonthlyFact } from '../../domain/statistics/index.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';
import { rebuildRollups, refreshRollups, syncChangedEnterprises } from './rollup.repository.ts';
import { insertFixture, seededRandom, type FixtureEnterprise, type FixtureReport } from './stats-fixture.test-support.ts';
import { computeStatsBreakdown } from './stats-query.service.ts';
import { keysOf, referenceBreakdown } from './stats-reference.test-support.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * The analytics engine against two independent computations: the statistics domain's computeBreakdown (over
 * MonthlyFacts built from the same raw rows) and a literal BigInt reference over the raw rows. Covers
 * enterprises entering and leaving between years, gaps, unapproved reports, partial reports (a B204-1 import's
 * output without revenue, indicators left empty: each indicator has its own comparable set), incremental
 * maintenance in any order, reclassification and deletion.
 */

let tdb: TestDatabase;
let db: Db;
let enterprises: FixtureEnterprise[];
let reports: FixtureReport[];
const YEARS = [2022, 2023, 2024];
const DIMS: StatDimension[] = ['total', 'domain', 'zone', 'domain-zone', 'node', 'stage', 'scale', 'manufacturing', 'tag', 'carrier', 'enterprise'];
const district = { kind: 'district' } as const;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.database.db;
  await db.transaction(async (tx) => seedReferenceData(tx as unknown as Db));
  ({ enterprises, reports } = await insertFixture(db, { seed: 7, enterprises: 60, years: YEARS, partialShare: 0.2 }));
  await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
}, 120_000);
afterAll(async () => tdb?.cleanup());

function factsOf(list: readonly FixtureReport[]): MonthlyFact[] {
  return list.map((r) => ({
    enterpriseId: r.enterpriseId,
    year: r.year,
    month: r.month,
    approved: r.status === 'approved',
    values: Object.fromEntries(INDICATOR_CODES.filter((c) => r.values[c] !== null).map((c) => [c, Number(r.values[c])])),
  }));
}

async function engine(dim: StatDimension, indicator: IndicatorCode, year: number, month: number, scope: Parameters<typeof computeStatsBreakdown>[1] = district) {
  return computeStatsBreakdown(db, scope, dim, { indicator, year, month });
}

const pick = (r: { code: string; month: number; ytd: number; base: number; yoy: number | null; nominalYoy: number | null; contribution: number | null; pull: number | null; enterprises: number }) => ({
  code: r.code,
  month: r.month,
  ytd: r.ytd,
  base: r.base,
  yoy: r.yoy,
  nominalYoy: r.nominalYoy,
  contribution: r.contribution,
  pull: r.pull,
  enterprises: r.enterprises,
});
const byCode = <T extends { code: string }>(rows: T[]) => [...rows].sort((a, b) => (a.code < b.code ? -1 : 1));

async function expectMatchesReference(label: string) {
  const periods: [number, number][] = [[2023, 1], [2023, 6], [2024, 2], [2024, 12], [2025, 3]];
  for (const [year, month] of periods) {
    for (const dim of DIMS) {
      for (const indicator of ['revenue', 'profit', 'employees'] as IndicatorCode[]) {
        const got = await engine(dim, indicator, year, month);
        const ref = referenceBreakdown(enterprises, reports, { dim, indicator, year, month });
        const where = `${label} ${dim} ${indicator} ${year}-${month}`;
        expect(byCode(got.rows).map(pick), where).toEqual(ref.rows);
        expect({ ...pick(got.total), code: 'all' }, where).toEqual(ref.total);
      }
    }
  }
}

describe('rollups and queries against the raw-row reference', () => {
  it('gives every dimension, period and indicator exactly as the reference', async () => {
    await expectMatchesReference('rebuild');
  }, 240_000);

  it('agrees with the statistics domain’s computeBreakdown on every partitioning dimension and indicator', async () => {
    const alive = enterprises.filter((e) => !e.deleted);
    const facts = factsOf(reports);
    for (const dim of DIMS.filter((d) => !OVERLAPPING_DIMENSIONS.includes(d))) {
      const groupOf = new Map(alive.map((e) => [e.id, keysOf(e, dim)[0]!]));
      for (const indicator of INDICATOR_CODES) {
        const expected = computeBreakdown({ facts, indicator, year: 2024, month: 7, groupOf, include: (id) => groupOf.has(id) });
        const got = await engine(dim, indicator, 2024, 7);
        const strip = (r: (typeof expected.rows)[number]) => ({ code: r.key, month: r.month, ytd: r.ytd, base: r.base, yoy: r.yoy, nominalYoy: r.nominalYoy, contribution: r.contribution, pull: r.pull, enterprises: r.enterprises });
        expect(byCode(got.rows).map(pick), `${dim} ${indicator}`).toEqual(byCode(expected.rows.map(strip)));
        expect({ ...pick(got.total), code: 'total' }).toEqual(strip(expected.total));
      }
    }
  }, 240_000);

  it('a park sees its own zone only, with the same figures as the reference restricted to that zone', async () => {
    for (const dim of ['domain', 'enterprise', 'total'] as StatDimension[]) {
      const got = await engine(dim, 'output', 2024, 5, { kind: 'zone', code: 'medicine-port' });
      const ref = referenceBreakdown(enterprises, reports, { dim, indicator: 'output', year: 2024, month: 5, include: (e) => e.zone === 'medicine-port' });
      expect(byCode(got.rows).map(pick)).toEqual(ref.rows);
      expect({ ...pick(got.total), code: 'all' }).toEqual(ref.total);
      if (dim === 'enterprise') {
        const zoneIds = new Set(enterprises.filter((e) => e.zone === 'medicine-port').map((e) => e.id));
        expect(got.rows.every((r) => zoneIds.has(r.code))).toBe(true);
      }
    }
  }, 60_000);
});

describe('contribution and pull (property)', () => {
  it('contributions add up to 1 and pulls to the total growth in pp, for every partitioning dimension', async () => {
    const partitioning = DIMS.filter((d) => !OVERLAPPING_DIMENSIONS.includes(d));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...partitioning),
        fc.constantFrom(...INDICATOR_CODES),
        fc.integer({ min: 2023, max: 2024 }),
        fc.integer({ min: 1, max: 12 }),
        async (dim, indicator, year, month) => {
          const got = await engine(dim, indicator, year, month);
          const sumContribution = got.rows.reduce((s, r) => s + (r.contribution ?? 0), 0);
          const sumPull = got.rows.reduce((s, r) => s + (r.pull ?? 0), 0);
          if (got.total.contribution !== null) expect(sumContribution).toBeCloseTo(1, 9);
          if (got.total.yoy !== null) expect(sumPull).toBeCloseTo(got.total.yoy * 100, 7);
          const sumYtd = got.rows.reduce((s, r) => s + Math.round(r.ytd * 10_000), 0);
          expect(sumYtd).toBe(Math.round(got.total.ytd * 10_000));
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  }, 240_000);
});

async function groupCells(): Promise<string[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`SELECT dim, key, indicator, year, month, month_c::text, ytd_c::text, base_c::text, nominal_ytd::text, nominal_base::text, n_c, n_present
          FROM stat_group_cells
         WHERE n_present <> 0 OR n_c <> 0 OR month_c <> 0 OR ytd_c <> 0 OR base_c <> 0 OR nominal_ytd <> 0 OR nominal_base <> 0
         ORDER BY dim, key, indicator, year, month`,
  );
  return rows.map((r) => JSON.stringify(r).replace(/\.0000"/g, '"'));
}

describe('incremental maintenance', () => {
  it('approving reports one batch at a time in random order ends exactly where a rebuild does', async () => {
    const rnd = seededRandom(99);
    const pending = reports.filter((r) => r.status !== 'approved' && r.year === 2023);
    // Approve some pending reports and correct a few approved figures, in shuffled batches.
    const changes = pending.slice(0, 25).concat(reports.filter((r) => r.status === 'approved').slice(0, 15));
    changes.sort(() => rnd() - 0.5);
    for (let i = 0; i < changes.length; i += 4) {
      const batch = changes.slice(i, i + 4);
      await db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        for (const r of batch) {
          r.status = 'approved';
          r.values.revenue = (Number(r.values.revenue) + 1.2345).toFixed(4);
          await tx.execute(sql`UPDATE monthly_reports SET status = 'approved', revenue = ${r.values.revenue}::numeric
                                WHERE enterprise_id = ${r.enterpriseId} AND year = ${r.year} AND month = ${r.month}`);
        }
        await refreshRollups(tx, batch.map((r) => ({ enterpriseId: r.enterpriseId, year: r.year })));
      });
    }
    const incremental = await groupCells();
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(incremental).toEqual(await groupCells());
    await expectMatchesReference('after approvals');
  }, 240_000);

  it('moves an enterprise’s whole history when its registry classification changes, and drops a deleted one', async () => {
    const moved = enterprises[3]!;
    const gone = enterprises[5]!;
    const [zone] = await rowsOf<{ id: string; code: string }>(db, sql`SELECT id, code FROM zones WHERE code <> ${moved.zone ?? ''} ORDER BY code LIMIT 1`);
    await db.execute(sql`UPDATE enterprises SET zone_id = ${zone!.id}, tags = ARRAY['leader']::text[], is_above_scale = NOT is_above_scale WHERE id = ${moved.id}`);
    await db.execute(sql`UPDATE enterprises SET deleted_at = now() WHERE id = ${gone.id}`);
    moved.zone = zone!.code;
    moved.tags = ['leader'];
    moved.aboveScale = !moved.aboveScale;
    gone.deleted = true;
    expect(await syncChangedEnterprises(db)).toBe(2);
    const synced = await groupCells();
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(synced).toEqual(await groupCells());
    await expectMatchesReference('after reclassification');
  }, 240_000);
});
