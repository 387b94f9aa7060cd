import mammoth from 'mammoth';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisReportView, ForecastView, GapAnalysisView } from '../../../../contracts/forecast.ts';
import { activeSession, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { rebuildRollups } from '../statistics/rollup.repository.ts';
import { insertFixture } from '../statistics/stats-fixture.test-support.ts';
import { rowsOf } from '../statistics/sql-rows.ts';
import { storeArchivedReport } from './analysis-report.repository.ts';

/** Forecast, gap analysis and the report archive over HTTP: the ladder 401 → 400 → 403 → 404 → 200 and zone scoping. */
let t: TestApp;
const s: Record<string, Session> = {};
let foreignReportId = '';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.deps.database.db;
  const { enterprises } = await insertFixture(db, { seed: 5, enterprises: 30, years: [2022, 2023, 2024, 2025] });
  await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
  s.commission = await activeSession(t, 'ar_commission', 'commission');
  s.leader = await activeSession(t, 'ar_leader', 'leader');
  s.park = await activeSession(t, 'ar_park', 'park', await zoneId(t, 'medicine-port'));
  s.enterprise = await activeSession(t, 'ar_enterprise', 'enterprise', enterprises[0]!.id);
  const foreign = await storeArchivedReport(db, { period: '2025-01', zoneCode: 'innovation-city', fileName: 'x.docx', content: Buffer.from('x'), source: 'job', generatedBy: null, now: new Date() });
  foreignReportId = foreign.id;
}, 120_000);
afterAll(async () => t?.close());

describe('GET /api/forecast', () => {
  it('401 without a session, 400 on bad runs, 403 for a park, 200 with reproducible numbers for the commission', { timeout: 120_000 }, async () => {
    expect((await as(t, null)('GET', '/api/forecast')).statusCode).toBe(401);
    expect((await as(t, s.commission!)('GET', '/api/forecast?runs=5')).statusCode).toBe(400);
    expect((await as(t, s.park!)('GET', '/api/forecast')).statusCode).toBe(403);
    const a = await as(t, s.commission!)('GET', '/api/forecast?runs=500&seed=3');
    expect(a.statusCode, a.body).toBe(200);
    const view = a.json() as ForecastView;
    expect(view.runs).toBe(500);
    expect(view.goals.map((g) => g.year)).toEqual(expect.arrayContaining([2030]));
    for (const g of view.goals) expect(g.p).toBeGreaterThanOrEqual(0), expect(g.p).toBeLessThanOrEqual(1);
    const b = (await as(t, s.leader!)('GET', '/api/forecast?runs=500&seed=3')).json() as ForecastView;
    expect(b.goals).toEqual(view.goals);
  });
});

describe('GET /api/analysis/gap', () => {
  it('decomposes the 2025 gap of a goal metric so that each breakdown adds up to it; an unknown metric is 404', { timeout: 60_000 }, async () => {
    const res = await as(t, s.commission!)('GET', `/api/analysis/gap?metric=${encodeURIComponent('制造业产值')}&period=2025-12`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as GapAnalysisView;
    const sum = (parts: { gap: number }[]) => parts.reduce((x, p) => x + p.gap, 0);
    for (const parts of [d.byZone, d.byDomain, d.byGroup]) expect(sum(parts)).toBeCloseTo(d.gap, 6);
    expect((await as(t, s.commission!)('GET', `/api/analysis/gap?metric=nope&period=2025-12`)).statusCode).toBe(404);
  });
});

describe('the analysis-report archive', () => {
  it('a park generates its own zone’s report only, lists and downloads only its zone’s; the commission sees all', { timeout: 300_000 }, async () => {
    expect((await as(t, s.park!)('POST', '/api/analysis-reports', { period: '2025-13' })).statusCode).toBe(400);
    expect((await as(t, s.enterprise!)('POST', '/api/analysis-reports', { period: '2025-06' })).statusCode).toBe(403);
    expect((await as(t, s.park!)('POST', '/api/analysis-reports', { period: '2025-06', zone: 'innovation-city' })).statusCode).toBe(403);
    const made = await as(t, s.park!)('POST', '/api/analysis-reports', { period: '2025-06' });
    expect(made.statusCode, made.body).toBe(200);
    const report = made.json() as AnalysisReportView;
    expect(report).toMatchObject({ period: '2025-06', zoneCode: 'medicine-port', version: 1, source: 'manual' });

    const parkList = (await as(t, s.park!)('GET', '/api/analysis-reports')).json() as { items: AnalysisReportView[] };
    expect(parkList.items.map((r) => r.zoneCode)).toEqual(['medicine-port']);
    const all = (await as(t, s.commission!)('GET', '/api/analysis-reports')).json() as { items: AnalysisReportView[] };
    expect(all.items.map((r) => r.id)).toEqual(expect.arrayContaining([report.id, foreignReportId]));

    expect((await as(t, s.park!)('GET', `/api/analysis-reports/${foreignReportId}/download`)).statusCode).toBe(404);
    const download = await as(t, s.park!)('GET', `/api/analysis-reports/${report.id}/download`);
    expect(download.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: download.rawPayload })).value;
    expect(text).toContain('生物医药港生物制造产业');

    const again = await as(t, s.commission!)('POST', `/api/analysis-reports/${report.id}/regenerate`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as AnalysisReportView).version).toBe(2);
    const audits = await rowsOf<{ n: number }>(t.deps.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'analysis-report.generate' AND object_id = ${report.id}`);
    expect(audits[0]!.n).toBe(2);
  });
});
