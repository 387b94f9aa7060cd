import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import type { Db } from '../../db/client.ts';
import { buildUscc } from '../../domain/uscc/uscc.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';
import { computeCockpit } from './cockpit.service.ts';
import { computeGoalProgress } from './goal-progress.service.ts';
import { rebuildRollups } from './rollup.repository.ts';
import { insertFixtureReports, type FixtureReport } from './stats-fixture.test-support.ts';
import { monthCloseRule } from './stats-period.ts';
import { recentMonthCounts } from './stats-query.repository.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * The cockpit opens on the latest closed month (all reports in, or the 10th of the next month passed), offers
 * the newer month as in progress, heads with the YTD of every reporting enterprise, and a park's total is named
 * after its zone.
 *
 *   2024-01..03: A and B approved (revenue 100 each a month). 2024-04: A approved, B's report still submitted.
 */

let tdb: TestDatabase;
let db: Db;
const ids: string[] = [];
const values = (revenue: string): FixtureReport['values'] => Object.fromEntries(INDICATOR_CODES.map((c) => [c, c === 'revenue' ? revenue : null])) as FixtureReport['values'];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.database.db;
  await db.transaction(async (tx) => seedReferenceData(tx as unknown as Db));
  const [zone] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM zones WHERE code = 'medicine-port'`);
  for (const i of [0, 1]) {
    const [row] = await rowsOf<{ id: string }>(
      db,
      sql`INSERT INTO enterprises (uscc, name, zone_id, stage, is_above_scale, is_manufacturing, tags)
          VALUES (${buildUscc('91', '310116', `CKP00000${i}`)}, ${`驾驶舱期间测试${i}`}, ${zone!.id}, 'industrialized', true, true, ARRAY[]::text[]) RETURNING id`,
    );
    ids.push(row!.id);
  }
  const reports: FixtureReport[] = [];
  for (const id of ids) for (const month of [1, 2, 3]) reports.push({ enterpriseId: id, year: 2024, month, status: 'approved', values: values('100.0000') });
  reports.push({ enterpriseId: ids[0]!, year: 2024, month: 4, status: 'approved', values: values('100.0000') });
  reports.push({ enterpriseId: ids[1]!, year: 2024, month: 4, status: 'submitted', values: values('100.0000') });
  await insertFixtureReports(db, reports);
  await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
}, 120_000);
afterAll(async () => tdb?.cleanup());

const district = { kind: 'district' } as const;

describe('the cockpit’s month', () => {
  it('opens on the latest closed month while April’s reports are still coming in, and offers April as in progress', async () => {
    const view = await computeCockpit(db, district, { indicator: 'revenue', close: monthCloseRule(new Date('2024-05-06T08:00:00Z')) });
    expect(view).toMatchObject({ period: '2024-03', latestPeriod: '2024-04', closedPeriod: '2024-03', openPeriods: ['2024-04'] });
    // The headline: the district's YTD over all reporting enterprises (nominal), beside the comparable growth.
    expect(view.total.nominalYtd).toBe(600);
    const goals = await computeGoalProgress(db, district, { close: monthCloseRule(new Date('2024-05-06T08:00:00Z')) });
    expect(goals.period).toBe('2024-03');
  });

  it('closes April once its deadline (the 10th of May) has passed, or with a configured close day', async () => {
    expect(await computeCockpit(db, district, { indicator: 'revenue', close: monthCloseRule(new Date('2024-05-11T08:00:00Z')) })).toMatchObject({ period: '2024-04', closedPeriod: '2024-04', openPeriods: [] });
    expect(await computeCockpit(db, district, { indicator: 'revenue', close: monthCloseRule(new Date('2024-05-06T08:00:00Z'), 5) })).toMatchObject({ period: '2024-04', openPeriods: [] });
  });

  it('closes April as soon as every report is in', async () => {
    await db.execute(sql`UPDATE monthly_reports SET status = 'approved' WHERE enterprise_id = ${ids[1]!} AND year = 2024 AND month = 4`);
    await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
    expect(await computeCockpit(db, district, { indicator: 'revenue', close: monthCloseRule(new Date('2024-05-06T08:00:00Z')) })).toMatchObject({ period: '2024-04', closedPeriod: '2024-04', openPeriods: [] });
  });

  it('does not wait for, or count, the reports of a deleted enterprise', async () => {
    const [row] = await rowsOf<{ id: string }>(
      db,
      sql`INSERT INTO enterprises (uscc, name, stage, is_above_scale, is_manufacturing, tags, deleted_at)
          VALUES (${buildUscc('91', '310116', 'CKP000009')}, '驾驶舱期间测试（已注销）', 'industrialized', true, true, ARRAY[]::text[], now()) RETURNING id`,
    );
    await insertFixtureReports(db, [
      { enterpriseId: row!.id, year: 2024, month: 3, status: 'approved', values: values('100.0000') },
      { enterpriseId: row!.id, year: 2024, month: 4, status: 'submitted', values: values('100.0000') },
    ]);
    const counts = await recentMonthCounts(db);
    expect(counts.find((c) => c.year === 2024 && c.month === 4)).toEqual({ year: 2024, month: 4, approved: 2, pending: 0, expected: 2 });
    expect(counts.find((c) => c.year === 2024 && c.month === 3)).toEqual({ year: 2024, month: 3, approved: 2, pending: 0, expected: 2 });
  });

  it('names a park’s total after its zone, not 全区', async () => {
    const view = await computeCockpit(db, { kind: 'zone', code: 'medicine-port' }, { indicator: 'revenue', close: monthCloseRule(new Date('2024-06-01T00:00:00Z')) });
    const [zone] = await rowsOf<{ name_zh: string; name_en: string }>(db, sql`SELECT name_zh, name_en FROM zones WHERE code = 'medicine-port'`);
    expect(view.total.key).toBe(zone!.name_zh);
    expect(view.total.nameEn).toBe(zone!.name_en);
    expect(view.total.key).not.toBe('全区');
  });
});
