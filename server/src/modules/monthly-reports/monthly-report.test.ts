import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import type { ReportDetailView } from '../../../../contracts/monthly-reports.ts';
import { activeSession, createEnterprise, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { rebuildRollups } from '../statistics/rollup.repository.ts';
import { insertFixtureReports, type FixtureReport } from '../statistics/stats-fixture.test-support.ts';
import { computeStatsBreakdown } from '../statistics/stats-query.service.ts';
import { rowsOf } from '../statistics/sql-rows.ts';

/** The monthly-report workflow over HTTP: validation, 说明, review, approval, scopes, revisions, concurrency. */

let t: TestApp;
let a: { id: string; uscc: string; name: string };
let b: { id: string; uscc: string; name: string };
const s: Record<string, Session> = {};
const db = () => t.deps.database.db;

const normal = { output: 95, sales: 93, export: 100, revenue: 105, profit: 10, tax: 5, rd: 3, energy: 12, employees: 51 };

/** A year of approved history for the median and YoY rules (revenue about 100 万元 a month). */
function history(enterpriseId: string, year: number): FixtureReport[] {
  return Array.from({ length: 12 }, (_, i) => ({
    enterpriseId,
    year,
    month: i + 1,
    status: 'approved' as const,
    values: Object.fromEntries(INDICATOR_CODES.map((c) => [c, c === 'revenue' ? '100.0000' : String(normal[c])])) as FixtureReport['values'],
  }));
}


beforeAll(async () => {
  t = await createTestApp();
  a = await createEnterprise(t, '月报测试甲生物科技有限公司', 'medicine-port');
  b = await createEnterprise(t, '月报测试乙生物材料有限公司', 'innovation-city');
  await insertFixtureReports(db(), [...history(a.id, 2023), ...history(b.id, 2023)]);
  await db().transaction(async (tx) => rebuildRollups(tx as unknown as Db));
  s.a = await activeSession(t, 'mr_a', 'enterprise', a.id);
  s.b = await activeSession(t, 'mr_b', 'enterprise', b.id);
  s.park = await activeSession(t, 'mr_park', 'park', await zoneId(t, 'medicine-port'));
  s.otherPark = await activeSession(t, 'mr_park2', 'park', await zoneId(t, 'innovation-city'));
  s.commission = await activeSession(t, 'mr_commission', 'commission');
  s.leader = await activeSession(t, 'mr_leader', 'leader');
}, 120_000);
afterAll(async () => t?.close());

describe('an empty or unfinished report cannot be submitted (drafts can be saved)', () => {
  it('refuses a blank report for the current month, naming the period and each required field; the draft is kept', async () => {
    const now = t.clock.now();
    const period = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    await db().execute(sql`UPDATE enterprises SET is_above_scale = true, is_manufacturing = true WHERE id = ${b.id}`);
    const created = await as(t, s.b!)('POST', '/api/monthly-reports', { period, values: {} });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json() as ReportDetailView;
    expect(draft.canSubmit).toBe(false);
    const refused = await as(t, s.b!)('POST', `/api/monthly-reports/${draft.id}/submit`, { version: draft.version });
    expect(refused.statusCode).toBe(400);
    const details = refused.json().error.details as { path: string; rule: string; message: string; messageEn: string }[];
    expect(details.map((d) => [d.path, d.rule])).toEqual(
      expect.arrayContaining([
        ['report', 'period-not-ended'],
        ['values.output', 'required-missing'],
        ['values.sales', 'required-missing'],
        ['values.revenue', 'required-missing'],
        ['values.employees', 'required-missing'],
      ]),
    );
    expect(details.find((d) => d.path === 'values.revenue')!.message).toContain('营业收入');
    expect(details.find((d) => d.path === 'values.revenue')!.messageEn).toContain('Operating revenue');
    const stored = (await as(t, s.b!)('GET', `/api/monthly-reports/${draft.id}`)).json() as ReportDetailView;
    expect(stored.status).toBe('draft');
  });

  // 2025: no approved 2024 figures for this enterprise, so no YoY swing asks for a 说明 here.
  it('takes 0 as a value: a finished month with zeros in the required fields is submitted', async () => {
    const created = (await as(t, s.b!)('POST', '/api/monthly-reports', { period: '2025-06', values: { output: 0, sales: 0, revenue: 0, employees: 0 } })).json() as ReportDetailView;
    const missing = (await as(t, s.b!)('POST', '/api/monthly-reports', { period: '2025-07', values: { output: 0, sales: 0, employees: 5 } })).json() as ReportDetailView;
    const refused = await as(t, s.b!)('POST', `/api/monthly-reports/${missing.id}/submit`, { version: missing.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual(['values.revenue']);
    const submitted = await as(t, s.b!)('POST', `/api/monthly-reports/${created.id}/submit`, { version: created.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
  });
});

describe('the workflow: draft → submitted → park-reviewed → approved', () => {
  let report: ReportDetailView;

  it('asks for a 说明 when a month is more than 3× the median, and accepts it once written', async () => {
    const created = await as(t, s.a!)('POST', '/api/monthly-reports', { period: '2024-01', values: { ...normal, revenue: 450 } });
    expect(created.statusCode, created.body).toBe(201);
    report = created.json();
    expect(report.status).toBe('draft');
    expect(report.deadline).toBe('2024-02-10');
    expect(report.needsExplanation).toBe(true);
    expect(report.issues.map((i) => [i.indicator, i.code])).toContainEqual(['revenue', 'above-median']);

    const refused = await as(t, s.a!)('POST', `/api/monthly-reports/${report.id}/submit`, { version: report.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('REPORT_INVALID');
    expect(refused.json().error.details).toContainEqual(expect.objectContaining({ path: 'values.revenue', rule: 'above-median' }));

    const saved = await as(t, s.a!)('PUT', `/api/monthly-reports/${report.id}`, { version: report.version, values: { ...normal, revenue: 450 }, explanation: '新产品上市，一次性大额订单' });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await as(t, s.a!)('POST', `/api/monthly-reports/${report.id}/submit`, { version: saved.json().version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    report = submitted.json();
    expect(report.status).toBe('submitted');
  });

  it('lets only the report’s own park review it and the commission approve it; the statistics change by the amount', async () => {
    expect((await as(t, s.otherPark!)('POST', `/api/monthly-reports/${report.id}/review`, { version: report.version, decision: 'pass' })).statusCode).toBe(404);
    // The commission cannot skip the park's review.
    expect((await as(t, s.commission!)('POST', `/api/monthly-reports/${report.id}/approve`, { version: report.version, decision: 'approve' })).statusCode).toBe(409);
    const reviewed = await as(t, s.park!)('POST', `/api/monthly-reports/${report.id}/review`, { version: report.version, decision: 'pass' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const before = await computeStatsBreakdown(db(), { kind: 'district' }, 'zone', { indicator: 'revenue', year: 2024, month: 1 });
    expect(before.total.ytd).toBe(0);
    const approved = await as(t, s.commission!)('POST', `/api/monthly-reports/${report.id}/approve`, { version: reviewed.json().version, decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    const after = await computeStatsBreakdown(db(), { kind: 'district' }, 'zone', { indicator: 'revenue', year: 2024, month: 1 });
    expect(after.total.ytd).toBe(450);
    expect(after.total.base).toBe(100);
    expect(after.rows.find((r) => r.code === 'medicine-port')!.yoy).toBe(450 / 100 - 1);
  });

  it('keeps every revision, immutable', async () => {
    const res = await as(t, s.park!)('GET', `/api/monthly-reports/${report.id}/revisions`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { version: number; action: string }) => [r.version, r.action])).toEqual([
      [1, 'create'],
      [2, 'save'],
      [3, 'submit'],
      [4, 'review'],
      [5, 'approve'],
    ]);
    await expect(db().execute(sql`UPDATE monthly_report_revisions SET status = 'draft' WHERE report_id = ${report.id}`)).rejects.toThrow();
  });

  it('returns with a reason, and the enterprise can correct and resubmit', async () => {
    const created = (await as(t, s.b!)('POST', '/api/monthly-reports', { period: '2024-01', values: normal })).json() as ReportDetailView;
    const submitted = (await as(t, s.b!)('POST', `/api/monthly-reports/${created.id}/submit`, { version: created.version })).json() as ReportDetailView;
    expect((await as(t, s.otherPark!)('POST', `/api/monthly-reports/${submitted.id}/review`, { version: submitted.version, decision: 'return' })).statusCode).toBe(400);
    const returned = await as(t, s.otherPark!)('POST', `/api/monthly-reports/${submitted.id}/review`, { version: submitted.version, decision: 'return', reason: '请核实出口交货值' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('returned');
    expect(returned.json().returnReason).toBe('请核实出口交货值');
    const fixed = await as(t, s.b!)('PUT', `/api/monthly-reports/${created.id}`, { version: returned.json().version, values: { ...normal, export: 101 } });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await as(t, s.b!)('POST', `/api/monthly-reports/${created.id}/submit`, { version: fixed.json().version })).json().status).toBe('submitted');
  });
});

describe('validation (SPEC §4)', () => {
  it('blocks a 10 000× unit slip, sales above output × 1.2 and a negative amount, with located messages', async () => {
    const created = (await as(t, s.a!)('POST', '/api/monthly-reports', { period: '2024-02', values: { ...normal, revenue: 1_050_000, sales: 120, output: 99, tax: -1 } })).json() as ReportDetailView;
    const codes = created.issues.filter((i) => i.severity === 'error').map((i) => [i.indicator, i.code]);
    expect(codes).toEqual(expect.arrayContaining([['revenue', 'unit-slip'], ['sales', 'sales-exceeds-output'], ['tax', 'negative-value']]));
    const refused = await as(t, s.a!)('POST', `/api/monthly-reports/${created.id}/submit`, { version: created.version, explanation: 'x' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['values.revenue', 'values.sales', 'values.tax']));
  });
});

describe('scope: an enterprise never sees another’s figures', () => {
  it('answers 404 for another enterprise’s report, lists and exports only its own', async () => {
    const [other] = await rowsOf<{ id: string }>(db(), sql`SELECT id FROM monthly_reports WHERE enterprise_id = ${a.id} LIMIT 1`);
    const res = await as(t, s.b!)('GET', `/api/monthly-reports/${other!.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(a.name);
    expect((await as(t, s.b!)('GET', `/api/monthly-reports/${other!.id}/revisions`)).statusCode).toBe(404);
    const list = (await as(t, s.b!)('GET', '/api/monthly-reports?pageSize=200')).json();
    expect(list.items.every((r: { enterpriseId: string }) => r.enterpriseId === b.id)).toBe(true);
    const csv = (await as(t, s.b!)('GET', '/api/monthly-reports/export?format=csv')).body;
    expect(csv).toContain(b.uscc);
    expect(csv).not.toContain(a.uscc);
    const parkCsv = (await as(t, s.park!)('GET', '/api/monthly-reports/export?format=csv')).body;
    expect(parkCsv).toContain(a.uscc);
    expect(parkCsv).not.toContain(b.uscc);
  });
});

describe('concurrency', () => {
  it('20 concurrent edits of one report: exactly one wins, 19 get 409, one revision added, nothing lost', async () => {
    const created = (await as(t, s.a!)('POST', '/api/monthly-reports', { period: '2024-03', values: normal })).json() as ReportDetailView;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => as(t, s.a!)('PUT', `/api/monthly-reports/${created.id}`, { version: created.version, values: { ...normal, revenue: 100 + i } })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const winner = results.find((r) => r.statusCode === 200)!.json() as ReportDetailView;
    const stored = (await as(t, s.a!)('GET', `/api/monthly-reports/${created.id}`)).json() as ReportDetailView;
    expect(stored.values.revenue).toBe(winner.values.revenue);
    expect(stored.version).toBe(created.version + 1);
    const [rev] = await rowsOf<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM monthly_report_revisions WHERE report_id = ${created.id}`);
    expect(rev!.n).toBe(2);
  });

  it('200 enterprises submitting at once: 200 reports, none duplicated, a second create of the same month refused', async () => {
    const firms = await Promise.all(Array.from({ length: 200 }, (_, i) => createEnterprise(t, `并发测试企业${i}`, 'materials-bay')));
    const sessions: Session[] = [];
    for (const [i, f] of firms.entries()) sessions.push(await activeSession(t, `conc_${i}`, 'enterprise', f.id));
    const outcomes = await Promise.all(
      sessions.map(async (session, i) => {
        const [first, second] = await Promise.all([
          as(t, session)('POST', '/api/monthly-reports', { period: '2024-04', values: { ...normal, revenue: 100 + i } }),
          as(t, session)('POST', '/api/monthly-reports', { period: '2024-04', values: { ...normal, revenue: 200 + i } }),
        ]);
        const winner = first.statusCode === 201 ? first : second;
        const loser = first.statusCode === 201 ? second : first;
        const submitted = await as(t, session)('POST', `/api/monthly-reports/${winner.json().id}/submit`, { version: winner.json().version });
        return { created: [first.statusCode, second.statusCode].sort(), loser: loser.statusCode, submitted: submitted.statusCode };
      }),
    );
    expect(outcomes.every((o) => o.created[0] === 201 && o.loser === 409 && o.submitted === 200)).toBe(true);
    const [count] = await rowsOf<{ n: number; distinct: number; submitted: number }>(
      db(),
      sql`SELECT count(*)::int AS n, count(DISTINCT enterprise_id)::int AS distinct, count(*) FILTER (WHERE r.status = 'submitted')::int AS submitted
            FROM monthly_reports r JOIN enterprises e ON e.id = r.enterprise_id WHERE e.name LIKE '并发测试企业%' AND r.year = 2024 AND r.month = 4`,
    );
    expect(count).toEqual({ n: 200, distinct: 200, submitted: 200 });
  }, 240_000);
});

describe('the enterprise’s own statistics card while a newer report is pending', () => {
  it('shows the latest approved month’s figures and names the pending month, not 0 for the district’s latest month', async () => {
    // b: approved through 2023-12 (revenue 100 a month); its 2025-06 report was submitted above and awaits review;
    // the district's latest approved month is later (a's 2024-01), where b has nothing approved.
    const view = (await as(t, s.b!)('GET', `/api/statistics/enterprises/${b.id}?indicator=revenue`)).json() as { period: string; pendingPeriod: string | null; ytd: number };
    expect(view.period).toBe('2023-12');
    expect(view.ytd).toBe(1200);
    expect(view.pendingPeriod).toBe('2025-06');
    // a month asked for explicitly is still that month
    const asked = (await as(t, s.b!)('GET', `/api/statistics/enterprises/${b.id}?indicator=revenue&period=2023-06`)).json() as { period: string; ytd: number };
    expect(asked).toMatchObject({ period: '2023-06', ytd: 600 });
  });
});
