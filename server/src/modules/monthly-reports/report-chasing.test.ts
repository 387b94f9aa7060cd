import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import type { ChaseItem } from '../../../../contracts/report-chasing.ts';
import { activeSession, createEnterprise, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { as, type Session, type TestApp, createTestApp } from '../../../../test/test-app.ts';
import { enterprises } from '../../db/schema/index.ts';
import { insertFixtureReports, type FixtureReport } from '../statistics/stats-fixture.test-support.ts';
import { rowsOf } from '../statistics/sql-rows.ts';

/** 催报: the list per scope, the export, reminders through the inbox (once a day), each audited. */

let t: TestApp;
type E = { id: string; uscc: string; name: string };
let a: E; // medicine-port, has an account, draft for 2024-01, a contact that looks like a formula
let b: E; // innovation-city, has an account, nothing for 2024-01
let c: E; // medicine-port, no account, submitted for 2024-01
let d: E; // medicine-port, approved for 2024-01: never listed
const s: Record<string, Session & { userId?: string }> = {};
const db = () => t.deps.database.db;
const values = Object.fromEntries(INDICATOR_CODES.map((code) => [code, code === 'employees' ? '50' : '100.0000'])) as FixtureReport['values'];

beforeAll(async () => {
  t = await createTestApp();
  a = await createEnterprise(t, '催报测试甲生物有限公司', 'medicine-port');
  b = await createEnterprise(t, '催报测试乙生物有限公司', 'innovation-city');
  c = await createEnterprise(t, '催报测试丙生物有限公司', 'medicine-port');
  d = await createEnterprise(t, '催报测试丁生物有限公司', 'medicine-port');
  await db().update(enterprises).set({ contacts: [{ name: '=HYPERLINK("http://x","点我")', phone: '+8613800000000', title: null, email: null }] }).where(eq(enterprises.id, a.id));
  await insertFixtureReports(db(), [
    { enterpriseId: a.id, year: 2024, month: 1, status: 'draft', values },
    { enterpriseId: c.id, year: 2024, month: 1, status: 'submitted', values },
    { enterpriseId: d.id, year: 2024, month: 1, status: 'approved', values },
  ]);
  s.a = await activeSession(t, 'ch_a', 'enterprise', a.id);
  s.b = await activeSession(t, 'ch_b', 'enterprise', b.id);
  s.d = await activeSession(t, 'ch_d', 'enterprise', d.id);
  s.park = await activeSession(t, 'ch_park', 'park', await zoneId(t, 'medicine-port'));
  s.otherPark = await activeSession(t, 'ch_park2', 'park', await zoneId(t, 'innovation-city'));
  s.commission = await activeSession(t, 'ch_commission', 'commission');
  s.leader = await activeSession(t, 'ch_leader', 'leader');
  s.department = await activeSession(t, 'ch_dept', 'department', await departmentId(t, 'kewei'));
}, 120_000);
afterAll(async () => t?.close());

const ours = (items: ChaseItem[]) => items.filter((i) => [a.id, b.id, c.id, d.id].includes(i.enterpriseId));
const inbox = async (userId: string) =>
  (await rowsOf<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND kind = 'report.deadline-reminder'`))[0]!.n;
async function exportedUsccs(session: Session, query: string) {
  const r = await as(t, session)('GET', `/api/monthly-reports/chasing/export?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as never);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row, i) => {
    if (i > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe('the chasing list', () => {
  it('shows the park only its own zone’s enterprises that are not approved, with status, deadline and contact', async () => {
    const r = await as(t, s.park!)('GET', '/api/monthly-reports/chasing?period=2024-01');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as ChaseItem[];
    expect(items.every((i) => i.zoneCode === 'medicine-port')).toBe(true);
    const mine = ours(items);
    expect(mine.map((i) => i.enterpriseId).sort()).toEqual([a.id, c.id].sort());
    const itemA = mine.find((i) => i.enterpriseId === a.id)!;
    expect(itemA).toMatchObject({ status: 'draft', deadline: '2024-02-10', overdue: true, contactName: '=***', contactPhone: '138****0000', lastRemindedAt: null });
    expect(mine.find((i) => i.enterpriseId === c.id)!.status).toBe('submitted');
    // another zone's park, even asking for this zone, sees none of it
    const other = await as(t, s.otherPark!)('GET', `/api/monthly-reports/chasing?period=2024-01&zone=medicine-port`);
    expect(other.statusCode).toBe(200);
    expect(other.json().items).toEqual([]);
  });

  it('shows the commission every zone, with `none` for an enterprise that has not started, and the default deadline', async () => {
    const items = ours((await as(t, s.commission!)('GET', '/api/monthly-reports/chasing?period=2024-01')).json().items);
    expect(items.map((i) => i.enterpriseId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(items.find((i) => i.enterpriseId === b.id)).toMatchObject({ status: 'none', deadline: '2024-02-10', reportId: null });
    const onlyNone = ours((await as(t, s.commission!)('GET', '/api/monthly-reports/chasing?period=2024-01&status=none')).json().items);
    expect(onlyNone.map((i) => i.enterpriseId)).toEqual([b.id]);
  });

  it('refuses the leader, a department and an enterprise (403)', async () => {
    for (const who of ['leader', 'department', 'a'] as const) {
      expect((await as(t, s[who]!)('GET', '/api/monthly-reports/chasing?period=2024-01')).statusCode).toBe(403);
      expect((await as(t, s[who]!)('GET', '/api/monthly-reports/chasing/export?period=2024-01')).statusCode).toBe(403);
      expect((await as(t, s[who]!)('POST', '/api/monthly-reports/chasing/remind', { period: '2024-01' })).statusCode).toBe(403);
    }
  });

  it('exports the park’s list only (no other zone’s USCC), text guarded against formulas', async () => {
    const rows = await exportedUsccs(s.park!, 'period=2024-01');
    const usccs = rows.map((r) => String(r[0]));
    expect(usccs).toContain(a.uscc);
    expect(usccs).toContain(c.uscc);
    expect(usccs).not.toContain(b.uscc);
    expect(usccs).not.toContain(d.uscc);
    const rowA = rows.find((r) => r[0] === a.uscc)!;
    expect(String(rowA[6]).startsWith("'=")).toBe(true);
    // Contacts leave masked (issue 19); the name's masked form still starts with "=" and stays guarded.
    expect(rowA[7]).toBe('138****0000');
    const all = (await exportedUsccs(s.commission!, 'period=2024-01')).map((r) => String(r[0]));
    expect(all).toContain(b.uscc);
  });
});

describe('reminders', () => {
  it('reminds the listed enterprises that can act, once a day, each reminder audited', async () => {
    const first = await as(t, s.park!)('POST', '/api/monthly-reports/chasing/remind', { period: '2024-01', enterpriseIds: [a.id, b.id, c.id, d.id] });
    expect(first.statusCode, first.body).toBe(200);
    // b is another zone's and d is approved: not in the list, so not asked; c is submitted (awaits review).
    expect(first.json()).toMatchObject({ enterprises: 2, reminded: 1, alreadyToday: 0, awaitingReview: 1 });
    expect(await inbox(s.a!.userId!)).toBe(1);
    expect(await inbox(s.b!.userId!)).toBe(0);
    expect(await inbox(s.d!.userId!)).toBe(0);

    const again = await as(t, s.commission!)('POST', '/api/monthly-reports/chasing/remind', { period: '2024-01' });
    expect(again.json()).toMatchObject({ reminded: 1, alreadyToday: 1 }); // b now, a already today
    expect(await inbox(s.a!.userId!)).toBe(1);
    expect(await inbox(s.b!.userId!)).toBe(1);

    const audits = await rowsOf<{ object_id: string }>(db(), sql`SELECT object_id FROM audit_log WHERE action = 'monthly-report.remind' ORDER BY object_id`);
    expect(audits.map((r) => r.object_id).sort()).toEqual([a.id, b.id].sort());

    const listed = ours((await as(t, s.park!)('GET', '/api/monthly-reports/chasing?period=2024-01')).json().items);
    expect(listed.find((i) => i.enterpriseId === a.id)!.lastRemindedAt).not.toBeNull();

    // the next day a reminder goes out again
    t.clock.advance(24 * 3_600_000);
    const park = await activeSession(t, 'ch_park_next_day', 'park', await zoneId(t, 'medicine-port'));
    const nextDay = await as(t, park)('POST', '/api/monthly-reports/chasing/remind', { period: '2024-01', enterpriseIds: [a.id] });
    expect(nextDay.json()).toMatchObject({ reminded: 1 });
    expect(await inbox(s.a!.userId!)).toBe(2);
  });
});

describe('the reports list: tab counts and the zone filter', () => {
  it('counts per status in the caller’s scope, and filters the list by zone', async () => {
    // the reminder test moved the clock a day on: fresh sessions
    const sp = await activeSession(t, 'ch_park_counts', 'park', await zoneId(t, 'medicine-port'));
    const sc = await activeSession(t, 'ch_commission_counts', 'commission');
    const sd = await activeSession(t, 'ch_dept_counts', 'department', await departmentId(t, 'kewei'));
    await insertFixtureReports(db(), [{ enterpriseId: b.id, year: 2024, month: 2, status: 'submitted', values }, { enterpriseId: a.id, year: 2024, month: 2, status: 'submitted', values }]);
    const park = await as(t, sp)('GET', '/api/monthly-reports/status-counts?period=2024-02');
    expect(park.statusCode, park.body).toBe(200);
    expect(park.json()).toEqual({ total: 1, counts: { draft: 0, submitted: 1, 'park-reviewed': 0, approved: 0, returned: 0 } });
    const all = (await as(t, sc)('GET', '/api/monthly-reports/status-counts?period=2024-01')).json();
    expect(all.counts).toMatchObject({ draft: 1, submitted: 1, approved: 1 });
    const byZone = (await as(t, sc)('GET', `/api/monthly-reports/status-counts?period=2024-02&zone=innovation-city`)).json();
    expect(byZone.total).toBe(1);
    const listed = await as(t, sc)('GET', `/api/monthly-reports?period=2024-02&zone=innovation-city`);
    expect(listed.json().items.map((i: { enterpriseId: string }) => i.enterpriseId)).toEqual([b.id]);
    // a park asking for another zone gets nothing of it
    expect((await as(t, sp)('GET', `/api/monthly-reports/status-counts?period=2024-02&zone=innovation-city`)).json().total).toBe(0);
    expect((await as(t, sd)('GET', '/api/monthly-reports/status-counts')).statusCode).toBe(403);
  });
});
