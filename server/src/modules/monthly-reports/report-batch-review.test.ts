import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import type { BatchOutcome } from '../../../../contracts/report-chasing.ts';
import { activeSession, createEnterprise, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { rebuildRollups } from '../statistics/rollup.repository.ts';
import { insertFixtureReports, type FixtureReport } from '../statistics/stats-fixture.test-support.ts';
import { rowsOf } from '../statistics/sql-rows.ts';

/** Batch review and approval: each report on its own; one refusal does not stop the others. */

let t: TestApp;
let a: { id: string }; // medicine-port
let b: { id: string }; // medicine-port
let c: { id: string }; // innovation-city
const s: Record<string, Session> = {};
const db = () => t.deps.database.db;
const normal = { output: 95, sales: 93, export: 100, revenue: 100, profit: 10, tax: 5, rd: 3, energy: 12, employees: 51 };
const valuesOf = (over: Partial<typeof normal> = {}) =>
  Object.fromEntries(INDICATOR_CODES.map((code) => [code, String({ ...normal, ...over }[code])])) as FixtureReport['values'];
const history = (enterpriseId: string): FixtureReport[] =>
  Array.from({ length: 12 }, (_, i) => ({ enterpriseId, year: 2023, month: i + 1, status: 'approved' as const, values: valuesOf() }));

async function report(enterpriseId: string, status: FixtureReport['status'], month: number, over: Partial<typeof normal> = {}) {
  await insertFixtureReports(db(), [{ enterpriseId, year: 2024, month, status, values: valuesOf(over) }]);
  const [row] = await rowsOf<{ id: string; version: number }>(db(), sql`SELECT id, version FROM monthly_reports WHERE enterprise_id = ${enterpriseId} AND year = 2024 AND month = ${month}`);
  return { id: row!.id, version: Number(row!.version) };
}
const statusOf = async (id: string) => (await rowsOf<{ status: string }>(db(), sql`SELECT status FROM monthly_reports WHERE id = ${id}`))[0]!.status;

beforeAll(async () => {
  t = await createTestApp();
  a = await createEnterprise(t, '批量审核甲生物有限公司', 'medicine-port');
  b = await createEnterprise(t, '批量审核乙生物有限公司', 'medicine-port');
  c = await createEnterprise(t, '批量审核丙生物有限公司', 'innovation-city');
  await insertFixtureReports(db(), [...history(a.id), ...history(b.id), ...history(c.id)]);
  await db().transaction(async (tx) => rebuildRollups(tx as unknown as Db));
  s.park = await activeSession(t, 'br_park', 'park', await zoneId(t, 'medicine-port'));
  s.commission = await activeSession(t, 'br_commission', 'commission');
  s.leader = await activeSession(t, 'br_leader', 'leader');
}, 120_000);
afterAll(async () => t?.close());

describe('batch approval by the commission', () => {
  it('approves the valid reports and lists why the others were refused; each approval audited on its own', async () => {
    const good1 = await report(a.id, 'park-reviewed', 1);
    const good2 = await report(b.id, 'park-reviewed', 1);
    // revenue 4.5× the median with no 说明: refused by the validation, not stored
    const unexplained = await report(a.id, 'park-reviewed', 2, { revenue: 450 });
    const stale = await report(c.id, 'park-reviewed', 1);
    const notReviewed = await report(b.id, 'submitted', 2);
    const r = await as(t, s.commission!)('POST', '/api/monthly-reports/batch-approve', {
      items: [good1, unexplained, { id: stale.id, version: stale.version + 5 }, notReviewed, good2],
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { succeeded: number; failed: number; items: BatchOutcome[] };
    expect(body.succeeded).toBe(2);
    expect(body.failed).toBe(3);
    expect(body.items.map((i) => [i.id, i.ok, i.error?.code ?? null])).toEqual([
      [good1.id, true, null],
      [unexplained.id, false, 'REPORT_INVALID'],
      [stale.id, false, 'STALE_VERSION'],
      [notReviewed.id, false, 'REPORT_STATE'],
      [good2.id, true, null],
    ]);
    expect(body.items[0]).toMatchObject({ status: 'approved', period: '2024-01', enterpriseName: '批量审核甲生物有限公司' });
    expect(await statusOf(good1.id)).toBe('approved');
    expect(await statusOf(good2.id)).toBe('approved');
    expect(await statusOf(unexplained.id)).toBe('park-reviewed');
    expect(await statusOf(stale.id)).toBe('park-reviewed');
    const audits = await rowsOf<{ object_id: string; outcome: string }>(
      db(),
      sql`SELECT object_id, outcome FROM audit_log WHERE action = 'monthly-report.approve' AND object_id IN (${good1.id}, ${good2.id}, ${unexplained.id})`,
    );
    expect(audits.filter((x) => x.outcome === 'success').map((x) => x.object_id).sort()).toEqual([good1.id, good2.id].sort());
    expect(audits.filter((x) => x.outcome === 'failure').map((x) => x.object_id)).toEqual([unexplained.id]);
  });

  it('refuses the leader and a park (403)', async () => {
    const one = await report(a.id, 'park-reviewed', 3);
    expect((await as(t, s.leader!)('POST', '/api/monthly-reports/batch-approve', { items: [one] })).statusCode).toBe(403);
    expect((await as(t, s.park!)('POST', '/api/monthly-reports/batch-approve', { items: [one] })).statusCode).toBe(403);
    expect(await statusOf(one.id)).toBe('park-reviewed');
  });
});

describe('batch first review by a park', () => {
  it('passes its zone’s submitted reports and answers 404 for another zone’s, without naming it', async () => {
    const mine = await report(a.id, 'submitted', 4);
    const foreign = await report(c.id, 'submitted', 4);
    const r = await as(t, s.park!)('POST', '/api/monthly-reports/batch-review', { items: [foreign, mine] });
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as BatchOutcome[];
    expect(items[0]).toMatchObject({ id: foreign.id, ok: false, enterpriseName: null, period: null, status: null, error: expect.objectContaining({ code: 'NOT_FOUND' }) });
    expect(items[1]).toMatchObject({ id: mine.id, ok: true, status: 'park-reviewed' });
    expect(await statusOf(foreign.id)).toBe('submitted');
  });
});

describe('one report at a time: an abnormal change needs its 说明 at every step (SPEC §4)', () => {
  it('the park cannot pass, nor the commission approve, a report with a > ±50 % change and no 说明; returning it still works', async () => {
    // Seeded straight into the review queue (as an import or an older version could leave it), without a 说明.
    const unexplained = await report(b.id, 'submitted', 5, { revenue: 450 });
    const passed = await as(t, s.park!)('POST', `/api/monthly-reports/${unexplained.id}/review`, { version: unexplained.version, decision: 'pass' });
    expect(passed.statusCode, passed.body).toBe(400);
    expect(passed.json().error).toMatchObject({ code: 'REPORT_EXPLANATION_MISSING', message: expect.stringContaining('说明') });
    expect(passed.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'values.revenue', rule: 'above-median' })]));
    expect(await statusOf(unexplained.id)).toBe('submitted');

    const reviewed = await report(b.id, 'park-reviewed', 6, { revenue: 450 });
    const approved = await as(t, s.commission!)('POST', `/api/monthly-reports/${reviewed.id}/approve`, { version: reviewed.version, decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(400);
    expect(approved.json().error.code).toBe('REPORT_EXPLANATION_MISSING');
    expect(await statusOf(reviewed.id)).toBe('park-reviewed');

    // Sent back to the enterprise to write its 说明: allowed.
    const returned = await as(t, s.commission!)('POST', `/api/monthly-reports/${reviewed.id}/approve`, { version: reviewed.version, decision: 'return', reason: '请补充营业收入大幅变动的说明' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(await statusOf(reviewed.id)).toBe('returned');

    // With its 说明 the same figures pass.
    const explained = await report(b.id, 'submitted', 7, { revenue: 450 });
    await db().execute(sql`UPDATE monthly_reports SET explanation = '新产品上市，营业收入大幅增长' WHERE id = ${explained.id}`);
    const ok = await as(t, s.park!)('POST', `/api/monthly-reports/${explained.id}/review`, { version: explained.version, decision: 'pass' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await statusOf(explained.id)).toBe('park-reviewed');
  });
});
