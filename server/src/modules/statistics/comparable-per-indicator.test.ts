import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES, type IndicatorCode } from '../../../../contracts/indicators.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import type { Db } from '../../db/client.ts';
import { computeBreakdown, type MonthlyFact } from '../../domain/statistics/index.ts';
import { buildUscc } from '../../domain/uscc/uscc.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';
import { computeCockpit } from './cockpit.service.ts';
import { populationTotals } from './population.repository.ts';
import { rebuildRollups, refreshRollups } from './rollup.repository.ts';
import { insertFixtureReports, type FixtureEnterprise, type FixtureReport } from './stats-fixture.test-support.ts';
import { computeStatsBreakdown } from './stats-query.service.ts';
import { referenceBreakdown } from './stats-reference.test-support.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * Comparable growth per indicator (SPEC §4 with issue 9): enterprise E is in indicator I's comparable set for
 * month M when its approved report for M has a value for I — 0 is a value, an empty cell is not. A B204-1
 * import carries output but no revenue: that enterprise must not join the revenue set with an empty revenue.
 *
 *   2023, months 1–3, all four enterprises: output 100, revenue 200 a month.
 *   2024: A and B report both every month; C's March is an output-only import (revenue empty);
 *         D's March has revenue 0 (a value) and no output.
 *   revenue 2024-03: C = {A, B, D}: YTD 660 + 660 + 440 = 1 760 against a base of 1 800.
 *   output  2024-03: C = {A, B, C}: YTD 990 against 900, +10 %.
 */

let tdb: TestDatabase;
let db: Db;
const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };
let enterprises: FixtureEnterprise[];
let reports: FixtureReport[];

const full = (output: string | null, revenue: string | null): FixtureReport['values'] =>
  Object.fromEntries(INDICATOR_CODES.map((c) => [c, c === 'output' ? output : c === 'revenue' ? revenue : null])) as FixtureReport['values'];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.database.db;
  await db.transaction(async (tx) => seedReferenceData(tx as unknown as Db));
  const [zone] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM zones WHERE code = 'medicine-port'`);
  const [domain] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM domains ORDER BY code LIMIT 1`);
  for (const [i, key] of (['a', 'b', 'c', 'd'] as const).entries()) {
    const [row] = await rowsOf<{ id: string }>(
      db,
      sql`INSERT INTO enterprises (uscc, name, domain_id, zone_id, stage, is_above_scale, is_manufacturing, tags)
          VALUES (${buildUscc('91', '310116', `CMP00000${i}`)}, ${`同口径测试${key}`}, ${domain!.id}, ${zone!.id}, 'industrialized', true, true, ARRAY[]::text[]) RETURNING id`,
    );
    ids[key] = row!.id;
  }
  enterprises = Object.values(ids).map((id) => ({ id, domain: null, zone: 'medicine-port', node: null, carrier: null, stage: 'industrialized', aboveScale: true, manufacturing: true, tags: [], deleted: false }));
  reports = [];
  for (const id of Object.values(ids)) for (const month of [1, 2, 3]) reports.push({ enterpriseId: id, year: 2023, month, status: 'approved', values: full('100.0000', '200.0000') });
  for (const id of Object.values(ids)) for (const month of [1, 2]) reports.push({ enterpriseId: id, year: 2024, month, status: 'approved', values: full('110.0000', '220.0000') });
  reports.push({ enterpriseId: ids.a, year: 2024, month: 3, status: 'approved', values: full('110.0000', '220.0000') });
  reports.push({ enterpriseId: ids.b, year: 2024, month: 3, status: 'approved', values: full('110.0000', '220.0000') });
  reports.push({ enterpriseId: ids.c, year: 2024, month: 3, status: 'approved', values: full('110.0000', null) });
  reports.push({ enterpriseId: ids.d, year: 2024, month: 3, status: 'approved', values: full(null, '0.0000') });
  await insertFixtureReports(db, reports);
  await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
}, 120_000);
afterAll(async () => tdb?.cleanup());

const EXPECTED: Record<'revenue' | 'output', { ytd: number; base: number; month: number; enterprises: number; nominal: number }> = {
  revenue: { ytd: 1760, base: 1800, month: 440, enterprises: 3, nominal: 2200 / 2400 - 1 },
  output: { ytd: 990, base: 900, month: 330, enterprises: 3, nominal: 1210 / 1200 - 1 },
};

async function expectPerIndicatorSets(label: string) {
  for (const indicator of ['revenue', 'output'] as const) {
    const e = EXPECTED[indicator];
    const where = `${label} ${indicator}`;
    const view = await computeStatsBreakdown(db, { kind: 'district' }, 'enterprise', { indicator, year: 2024, month: 3 });
    expect({ ytd: view.total.ytd, base: view.total.base, month: view.total.month, enterprises: view.total.enterprises }, where).toEqual({ ytd: e.ytd, base: e.base, month: e.month, enterprises: e.enterprises });
    expect(view.total.yoy, where).toBeCloseTo(e.ytd / e.base - 1, 12);
    // The nominal totals are over every reporting enterprise, whatever it reported in March.
    expect(view.total.nominalYoy, where).toBeCloseTo(e.nominal, 12);
    for (const dim of ['total', 'zone', 'domain'] as const) {
      const cells = await computeStatsBreakdown(db, { kind: 'district' }, dim, { indicator, year: 2024, month: 3 });
      expect({ ytd: cells.total.ytd, base: cells.total.base, enterprises: cells.total.enterprises }, `${where} ${dim}`).toEqual({ ytd: e.ytd, base: e.base, enterprises: e.enterprises });
    }
    const population = await populationTotals(db, [], indicator, 2024, 3);
    expect({ ytd: population.ytdYuan / 10_000, base: population.baseYuan / 10_000, enterprises: population.enterprises }, `${where} goals`).toEqual({ ytd: e.ytd, base: e.base, enterprises: e.enterprises });
    const park = await computeCockpit(db, { kind: 'zone', code: 'medicine-port' }, { indicator, period: { year: 2024, month: 3 } });
    expect(park.total.yoy, `${where} cockpit`).toBeCloseTo(e.ytd / e.base - 1, 12);
    // Both independent computations agree.
    const ref = referenceBreakdown(enterprises, reports, { dim: 'total', indicator, year: 2024, month: 3 });
    expect({ ytd: ref.total.ytd, base: ref.total.base, enterprises: ref.total.enterprises }, `${where} reference`).toEqual({ ytd: e.ytd, base: e.base, enterprises: e.enterprises });
    const facts: MonthlyFact[] = reports.map((r) => ({
      enterpriseId: r.enterpriseId,
      year: r.year,
      month: r.month,
      approved: r.status === 'approved',
      values: Object.fromEntries(INDICATOR_CODES.filter((c) => r.values[c] !== null).map((c) => [c, Number(r.values[c])])) as Partial<Record<IndicatorCode, number>>,
    }));
    const domain = computeBreakdown({ facts, indicator, year: 2024, month: 3, groupOf: () => 'all' });
    expect({ ytd: domain.total.ytd, base: domain.total.base, enterprises: domain.total.enterprises }, `${where} computeBreakdown`).toEqual({ ytd: e.ytd, base: e.base, enterprises: e.enterprises });
  }
}

describe('comparable set per indicator', () => {
  it('an output-only report joins the output set only; a revenue of 0 joins the revenue set', async () => {
    await expectPerIndicatorSets('rebuild');
  });

  it('the incremental refresh keeps the per-indicator sets, and equals a rebuild', async () => {
    // C's March revenue arrives later (a corrected report): C joins the revenue set; A's January output is
    // corrected, which moves A's output YTD but no set.
    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.execute(sql`UPDATE monthly_reports SET revenue = 220 WHERE enterprise_id = ${ids.c} AND year = 2024 AND month = 3`);
      await tx.execute(sql`UPDATE monthly_reports SET output = 50 WHERE enterprise_id = ${ids.a} AND year = 2024 AND month = 1`);
      await refreshRollups(tx, [{ enterpriseId: ids.c, year: 2024 }, { enterpriseId: ids.a, year: 2024 }]);
    });
    reports.find((r) => r.enterpriseId === ids.c && r.year === 2024 && r.month === 3)!.values.revenue = '220.0000';
    EXPECTED.revenue = { ytd: 1760 + 660, base: 2400, month: 660, enterprises: 4, nominal: 2420 / 2400 - 1 };
    const a = reports.find((r) => r.enterpriseId === ids.a && r.year === 2024 && r.month === 1)!;
    a.values.output = '50.0000';
    EXPECTED.output = { ...EXPECTED.output, ytd: 990 - 60, nominal: 1150 / 1200 - 1 };
    await expectPerIndicatorSets('incremental');
    const cells = async () => rowsOf(db, sql`SELECT dim, key, indicator, year, month, month_c::text, ytd_c::text, base_c::text, nominal_ytd::text, nominal_base::text, n_c, n_present FROM stat_group_cells
      WHERE n_present <> 0 OR n_c <> 0 OR ytd_c <> 0 OR base_c <> 0 OR nominal_ytd <> 0 OR nominal_base <> 0 ORDER BY 1, 2, 3, 4, 5`);
    const incremental = await cells();
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(incremental).toEqual(await cells());
  });
});
