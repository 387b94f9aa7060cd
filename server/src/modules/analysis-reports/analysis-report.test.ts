import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import { ensureInstallation } from '../../seed/ensure-installation.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { computeForecast } from '../forecast/forecast.service.ts';
import { computeCockpit } from '../statistics/cockpit.service.ts';
import { computeGoalProgress } from '../statistics/goal-progress.service.ts';
import { generateMonthlyReport } from './analysis-report.service.ts';
import { computeGapAnalysis } from './gap-analysis.service.ts';
import { monthlyAnalysisReportJob } from './analysis-report.job.ts';
import type { JobContext } from '../jobs/job.types.ts';
import { pct, pp, yi } from './report-content.ts';

/**
 * The demo data set (150 enterprises, as a newcomer sees it, data to February 2026) through the forecast, the
 * 事后分析 of the 2025 goals and the monthly report: the report's numbers are the cockpit's.
 */
let t: TestDatabase;
const period = { year: 2026, month: 2 };
beforeAll(async () => {
  t = await createTestDatabase();
  await ensureInstallation(t.database);
  await seedDemo(t.database, { enterprises: 150, now: new Date(Date.UTC(2026, 2, 20)) });
}, 300_000);
afterAll(async () => t?.cleanup());

/** The report's tables as rows of cell texts (mammoth reads the .docx as a Word reader does). */
async function tablesOf(docx: Buffer): Promise<{ html: string; tables: string[][][] }> {
  const { value: html } = await mammoth.convertToHtml({ buffer: docx });
  const tables = [...html.matchAll(/<table>(.*?)<\/table>/gs)].map((m) =>
    [...m[1]!.matchAll(/<tr>(.*?)<\/tr>/gs)].map((r) => [...r[1]!.matchAll(/<t[dh]>(.*?)<\/t[dh]>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, ''))),
  );
  return { html, tables };
}
const tableStartingWith = (tables: string[][][], header: string) => tables.find((tb) => tb[0]?.[0] === header)!;

describe('forecast on the demo data', () => {
  it('the 2025 goals were missed; 2030 is at risk with P well below 50 %; the backtest covers 2024 and 2025', { timeout: 300_000 }, async () => {
    // Through the worker thread, as the server runs it.
    const view = await computeForecast(t.database.db, { runs: 2000, seed: 7, period });
    const goal = (metric: string, year: number) => view.goals.find((g) => g.metric === metric && g.year === year)!;
    for (const metric of ['产业规模', '制造业产值']) {
      expect(goal(metric, 2025)).toMatchObject({ decided: true, p: 0 });
      expect(goal(metric, 2025).p50).toBeLessThan(goal(metric, 2025).target);
      const g2030 = goal(metric, 2030);
      expect(g2030.p).toBeLessThan(0.3);
      expect(g2030.p10).toBeLessThanOrEqual(g2030.p50);
      expect(g2030.p50).toBeLessThanOrEqual(g2030.p90);
      expect(g2030.sensitivity.length).toBeGreaterThan(0);
    }
    expect(new Set(view.backtest.rows.map((r) => r.year))).toEqual(new Set([2024, 2025]));
    expect(view.backtest.medianAbsError).toBeLessThan(0.15);
    // Same data, runs and seed: the same numbers (computed again in this thread).
    const again = await computeForecast(t.database.db, { runs: 2000, seed: 7, period, inProcess: true });
    expect(again.goals).toEqual(view.goals);
  });
});

describe('事后分析 of the missed 2025 goals', () => {
  it('explains the gap by zone, domain and enterprise group, each adding up to it exactly', { timeout: 120_000 }, async () => {
    for (const metric of ['产业规模', '制造业产值']) {
      const d = await computeGapAnalysis(t.database.db, { metric, period: { year: 2025, month: 12 } });
      const goals = await computeGoalProgress(t.database.db, { kind: 'district' }, { period: { year: 2025, month: 12 } });
      const progress = goals.goals.find((g) => g.metric === metric)!;
      expect(d.against).toBe('goal');
      expect(d.actual * 10_000).toBeCloseTo(progress.current.ytd, 4);
      expect(d.gap).toBeGreaterThan(0);
      const units = (v: number) => Math.round(v * 1e8);
      for (const parts of [d.byZone, d.byDomain, d.byGroup]) expect(parts.reduce((s, p) => s + units(p.gap), 0)).toBeCloseTo(units(d.gap), -1);
    }
  });
});

describe('月度运行分析报告', () => {
  it("the district report's numbers equal the cockpit's for the same period", { timeout: 300_000 }, async () => {
    const report = await generateMonthlyReport(t.database.db, { period, inProcess: true });
    const cockpit = await computeCockpit(t.database.db, { kind: 'district' }, { indicator: 'output', period });
    const goals = await computeGoalProgress(t.database.db, { kind: 'district' }, { period });
    const { html, tables } = await tablesOf(report.docx);
    expect(html).toContain(`工业总产值累计${yi(cockpit.total.nominalYtd)}亿元`);
    expect(html).toContain(pct(cockpit.total.yoy));
    expect(tableStartingWith(tables, '领域').slice(1)).toEqual(cockpit.domains.map((r) => [r.key, yi(r.nominalYtd), pct(r.yoy), pct(r.contribution), pp(r.pull)]));
    expect(tableStartingWith(tables, '功能区').slice(1)).toEqual(cockpit.zones.map((r) => [r.key, yi(r.nominalYtd), pct(r.yoy), pct(r.contribution), pp(r.pull)]));
    expect(tableStartingWith(tables, '领域 × 功能区').slice(1).map((r) => r[1])).toEqual(cockpit.domainZone.map((r) => yi(r.nominalYtd)));
    const goalRows = tableStartingWith(tables, '目标指标').slice(1);
    expect(goalRows.map((r) => [r[0], r[1], r[3]])).toEqual(goals.goals.map((g) => [g.metric, yi(g.current.ytd), pct(g.current.completion)]));
    const contributors = tables.find((tb) => tb[0]?.[0] === '企业')!.slice(1);
    expect(contributors.map((r) => [r[0], r[1]])).toEqual(cockpit.topContributors.map((r) => [r.key, yi(r.ytd)]));
    // 事后分析 of the year to date: per metric, the parts by enterprise group add up to the stated gap.
    const gapTables = tables.filter((tb) => tb[0]?.[0] === '按企业类别');
    expect(gapTables).toHaveLength(goals.goals.length);
    for (const tb of gapTables) {
      const total = tb.slice(1).reduce((s, r) => s + Number(r[1]), 0);
      const stated = [...html.matchAll(/差距(-?[0-9.]+)亿元/g)].map((x) => Number(x[1]));
      expect(stated.some((g) => Math.abs(g - total) < 0.02)).toBe(true);
    }
    // Warnings come from the warnings feature: a table per colour, none in this fixture (no rule has run).
    expect(html).not.toContain('本期无预警数据');
    const colours = tables.find((tb) => tb[0]?.[0] === '预警等级')!.slice(1);
    expect(colours.map((r) => r[0])).toEqual(['红色', '橙色', '黄色', '蓝色']);
    expect(colours.every((r) => r[1] === '0' && r[2] === '0')).toBe(true);
    // Three charts: the trend and one fan chart per goal metric.
    expect((html.match(/<img /g) ?? []).length).toBe(3);
  });

  it("a zone's report covers that zone only and leaves the district forecast out", { timeout: 300_000 }, async () => {
    const report = await generateMonthlyReport(t.database.db, { period, zoneCode: 'medicine-port', inProcess: true });
    expect(report.scope).toEqual({ kind: 'zone', code: 'medicine-port' });
    expect(report.fileName).toContain('生物医药港');
    const code = 'medicine-port';
    const cockpit = await computeCockpit(t.database.db, { kind: 'zone', code }, { indicator: 'output', period });
    const { html, tables } = await tablesOf(report.docx);
    expect(tableStartingWith(tables, '领域').slice(1)).toEqual(cockpit.domains.map((r) => [r.key, yi(r.nominalYtd), pct(r.yoy), pct(r.contribution), pp(r.pull)]));
    expect(html).toContain('目标实现概率预测见全区报告');
  });
});

describe('the monthly job', () => {
  it('after the month closes, archives the district report and each zone report once', { timeout: 600_000 }, async () => {
    const now = () => new Date(Date.UTC(2026, 2, 20));
    const ctx = { database: t.database, config: { statsMonthCloseDay: 10 }, now, slotAt: now(), attempt: 1, payload: {} } as unknown as JobContext;
    expect(await monthlyAnalysisReportJob.run(ctx)).toEqual({ period: '2026-02', generated: 6 });
    const rows = await t.database.query<{ zone_code: string | null; source: string }>("SELECT zone_code, source FROM analysis_reports WHERE period = '2026-02'");
    expect(rows.map((r) => r.zone_code ?? 'district').sort()).toEqual(['agri-park', 'district', 'energy-valley', 'innovation-city', 'materials-bay', 'medicine-port']);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['job']));
    expect(await monthlyAnalysisReportJob.run(ctx)).toEqual({ period: '2026-02', generated: 0 });
  });
});
