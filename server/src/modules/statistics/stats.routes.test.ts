import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import type { BreakdownRowView, CockpitView, DrillView, GoalsView } from '../../../../contracts/statistics.ts';
import { activeSession, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { annualMilestones, estimateYearEndFromFacts, type MonthlyFact } from '../../domain/statistics/index.ts';
import { rebuildRollups } from './rollup.repository.ts';
import { insertFixture, type FixtureEnterprise, type FixtureReport } from './stats-fixture.test-support.ts';
import { referenceBreakdown } from './stats-reference.test-support.ts';

/** Cockpit, goals and drill-down over HTTP, checked against the raw-row reference, per role and scope. */

let t: TestApp;
let enterprises: FixtureEnterprise[];
let reports: FixtureReport[];
const s: Record<string, Session> = {};
const SPEC_DOMAINS = ['biomedicine', 'biomaterials', 'bioagri-food', 'bioenergy-env'];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.deps.database.db;
  ({ enterprises, reports } = await insertFixture(db, { seed: 21, enterprises: 40, years: [2021, 2022, 2023, 2024] }));
  await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
  s.commission = await activeSession(t, 'st_commission', 'commission');
  s.leader = await activeSession(t, 'st_leader', 'leader');
  s.park = await activeSession(t, 'st_park', 'park', await zoneId(t, 'medicine-port'));
  s.enterprise = await activeSession(t, 'st_enterprise', 'enterprise', enterprises[0]!.id);
  s.department = await activeSession(t, 'st_department', 'department', await departmentId(t, 'kewei'));
}, 120_000);
afterAll(async () => t?.close());

const strip = (r: BreakdownRowView) => ({ code: r.code, month: r.month, ytd: r.ytd, base: r.base, yoy: r.yoy, nominalYoy: r.nominalYoy, contribution: r.contribution, pull: r.pull, enterprises: r.enterprises });
const sorted = <T extends { code: string }>(rows: T[]) => [...rows].sort((a, b) => (a.code < b.code ? -1 : 1));

describe('GET /api/statistics/cockpit', () => {
  it('gives the commission the district figures exactly as the reference computes them', async () => {
    const res = await as(t, s.commission!)('GET', '/api/statistics/cockpit?period=2024-08&indicator=revenue');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as CockpitView;
    const args = { indicator: 'revenue' as const, year: 2024, month: 8 };
    for (const [dim, rows] of [['domain', view.domains], ['zone', view.zones], ['domain-zone', view.domainZone]] as const) {
      expect(sorted(rows.map(strip)), dim).toEqual(referenceBreakdown(enterprises, reports, { ...args, dim }).rows);
    }
    expect({ ...strip(view.total), code: 'all' }).toEqual(referenceBreakdown(enterprises, reports, { ...args, dim: 'total' }).total);
    const perEnterprise = referenceBreakdown(enterprises, reports, { ...args, dim: 'enterprise' }).rows;
    const rises = perEnterprise.filter((r) => r.ytd - r.base > 0).sort((a, b) => b.ytd - b.base - (a.ytd - a.base)).slice(0, 10);
    expect(view.topContributors.map(strip)).toEqual(rises);
    const falls = perEnterprise.filter((r) => r.ytd - r.base < 0).sort((a, b) => a.ytd - a.base - (b.ytd - b.base)).slice(0, 10);
    expect(view.topDecliners.map(strip)).toEqual(falls);
    // The trend's months of this year are the total's month values.
    for (const point of view.trend.filter((p) => p.month <= 8)) {
      const ref = referenceBreakdown(enterprises, reports, { indicator: 'revenue', year: 2024, month: point.month, dim: 'total' }).total;
      expect(point.value ?? 0).toBe(ref.month);
    }
    // Each month's reporters: registered enterprises with an approved report for that month.
    const reportersIn = (year: number, month: number) =>
      new Set(
        reports
          .filter((r) => r.status === 'approved' && r.year === year && r.month === month && !enterprises.find((e) => e.id === r.enterpriseId)!.deleted)
          .map((r) => r.enterpriseId),
      ).size;
    for (const point of view.trend) {
      expect(point.reporters, `month ${point.month}`).toBe(reportersIn(2024, point.month));
      expect(point.lastYearReporters, `month ${point.month}`).toBe(reportersIn(2023, point.month));
    }
    expect(view.trend.some((p) => p.reporters !== p.lastYearReporters)).toBe(true);
  });

  it('gives a park its own zone only: every row, mover and total over that zone’s enterprises', async () => {
    const res = await as(t, s.park!)('GET', '/api/statistics/cockpit?period=2024-08&indicator=output');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as CockpitView;
    const include = (e: FixtureEnterprise) => e.zone === 'medicine-port';
    const args = { indicator: 'output' as const, year: 2024, month: 8, include };
    expect(view.scope).toEqual({ kind: 'zone', code: 'medicine-port' });
    expect(sorted(view.domains.map(strip))).toEqual(referenceBreakdown(enterprises, reports, { ...args, dim: 'domain' }).rows);
    expect(view.zones.map((z) => z.code)).toEqual(['medicine-port']);
    expect({ ...strip(view.total), code: 'all' }).toEqual(referenceBreakdown(enterprises, reports, { ...args, dim: 'total' }).total);
    const own = new Set(enterprises.filter(include).map((e) => e.id));
    for (const r of [...view.topContributors, ...view.topDecliners]) expect(own.has(r.code)).toBe(true);
    const foreignNames = enterprises.filter((e) => !include(e)).map((e) => `统计测试企业21-${enterprises.indexOf(e)}"`);
    for (const name of foreignNames) expect(res.body).not.toContain(name);
  });

  it('is closed to the enterprise and department roles (403) and to anonymous callers (401)', async () => {
    expect((await as(t, s.enterprise!)('GET', '/api/statistics/cockpit')).statusCode).toBe(403);
    expect((await as(t, s.department!)('GET', '/api/statistics/cockpit')).statusCode).toBe(403);
    expect((await as(t, null)('GET', '/api/statistics/cockpit')).statusCode).toBe(401);
  });
});

describe('GET /api/statistics/drill', () => {
  it('lists the enterprises behind a group; their figures add up to the group’s', async () => {
    const res = await as(t, s.leader!)('GET', '/api/statistics/drill?period=2024-06&indicator=revenue&by=domain&key=biomedicine&limit=500');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as DrillView;
    const ref = referenceBreakdown(enterprises, reports, { indicator: 'revenue', year: 2024, month: 6, dim: 'domain' }).rows.find((r) => r.code === 'biomedicine')!;
    expect(view.total.ytd).toBe(ref.ytd);
    expect(view.rows.reduce((sum, r) => sum + Math.round(r.ytd * 10_000), 0)).toBe(Math.round(ref.ytd * 10_000));
    const members = new Set(enterprises.filter((e) => e.domain === 'biomedicine').map((e) => e.id));
    expect(view.rows.every((r) => members.has(r.code))).toBe(true);
  });

  it('gives each enterprise its pull on the cell’s base and on the district’s, the latter equal to the top-mover lists’', async () => {
    const cell = referenceBreakdown(enterprises, reports, { indicator: 'revenue', year: 2024, month: 6, dim: 'domain-zone' }).rows.find((r) => r.enterprises > 1)!;
    const res = await as(t, s.commission!)('GET', `/api/statistics/drill?period=2024-06&indicator=revenue&by=domain-zone&key=${encodeURIComponent(cell.code)}&limit=500`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as DrillView;
    expect(view.scope).toEqual({ kind: 'district', code: null });
    const args = { indicator: 'revenue' as const, year: 2024, month: 6, dim: 'enterprise' as const };
    const inCell = (e: FixtureEnterprise) => `${e.domain ?? 'none'}|${e.zone ?? 'none'}` === cell.code;
    const ofCell = referenceBreakdown(enterprises, reports, { ...args, include: inCell }).rows;
    const ofDistrict = referenceBreakdown(enterprises, reports, args).rows;
    expect(view.rows.length).toBeGreaterThan(1);
    for (const row of view.rows) {
      const own = ofCell.find((r) => r.code === row.code)!;
      expect({ contribution: row.contribution, pull: row.pull }).toEqual({ contribution: own.contribution, pull: own.pull });
      const district = ofDistrict.find((r) => r.code === row.code)!;
      expect({ contribution: row.scopeContribution, pull: row.scopePull }).toEqual({ contribution: district.contribution, pull: district.pull });
    }
    // The cockpit's top contributor shows the same district pull as its row in any drill-down that lists it.
    const cockpit = (await as(t, s.commission!)('GET', '/api/statistics/cockpit?period=2024-06&indicator=revenue')).json() as CockpitView;
    const top = cockpit.topContributors[0]!;
    const alone = (await as(t, s.commission!)('GET', `/api/statistics/drill?period=2024-06&indicator=revenue&by=enterprise&key=${top.code}`)).json() as DrillView;
    expect(alone.rows[0]!.scopePull).toBe(top.pull);
  });

  it('gives a park the pull on its own zone’s base', async () => {
    const include = (e: FixtureEnterprise) => e.zone === 'medicine-port';
    const res = await as(t, s.park!)('GET', '/api/statistics/drill?period=2024-06&indicator=revenue&by=total&key=all&limit=500');
    const view = res.json() as DrillView;
    expect(view.scope).toEqual({ kind: 'zone', code: 'medicine-port' });
    const ofZone = referenceBreakdown(enterprises, reports, { indicator: 'revenue', year: 2024, month: 6, dim: 'enterprise', include }).rows;
    expect(view.rows.length).toBeGreaterThan(0);
    for (const row of view.rows) expect(row.scopePull).toBe(ofZone.find((r) => r.code === row.code)!.pull);
  });

  it('never shows a park an enterprise of another zone, even asked by id', async () => {
    const foreign = enterprises.find((e) => e.zone && e.zone !== 'medicine-port')!;
    const res = await as(t, s.park!)('GET', `/api/statistics/drill?period=2024-06&by=enterprise&key=${foreign.id}`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as DrillView).rows).toEqual([]);
    expect(res.body).not.toContain(`统计测试企业21-${enterprises.indexOf(foreign)}"`);
  });
});

describe('GET /api/statistics/goals', () => {
  it('computes the SPEC goals’ yearly values, milestones, completion and year-end estimate from the reports', async () => {
    const res = await as(t, s.commission!)('GET', '/api/statistics/goals?period=2024-09&baselineYear=2022');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as GoalsView;
    const scale = view.goals.find((g) => g.metric === '产业规模')!;
    const inPlanDomains = (e: FixtureEnterprise) => e.domain !== null && SPEC_DOMAINS.includes(e.domain);
    // A goal year's value is the calendar year's total of all enterprises (nominal), SPEC §4.
    const nominal = (year: number) => {
      const approved = reports.filter((r) => r.status === 'approved' && r.year === year && enterprises.find((e) => e.id === r.enterpriseId && inPlanDomains(e)));
      return approved.reduce((sum, r) => sum + BigInt(Math.round(Number(r.values.revenue) * 10_000)), 0n);
    };
    expect(scale.actuals.map((a) => a.year)).toEqual([2022, 2023]);
    for (const a of scale.actuals) expect(BigInt(Math.round(a.value * 10_000))).toBe(nominal(a.year));
    expect(scale.targets).toEqual([{ year: 2025, value: 5_000_000 }, { year: 2030, value: 10_000_000 }]);
    // 制造业产值: Σ output of the manufacturing enterprises, whatever their domain.
    const manufacturing = view.goals.find((g) => g.metric === '制造业产值')!;
    for (const a of manufacturing.actuals) {
      const made = reports.filter((r) => r.status === 'approved' && r.year === a.year && enterprises.find((e) => e.id === r.enterpriseId && e.manufacturing && !e.deleted));
      expect(BigInt(Math.round(a.value * 10_000))).toBe(made.reduce((sum, r) => sum + BigInt(Math.round(Number(r.values.output) * 10_000)), 0n));
    }
    const plan = annualMilestones({ year: 2022, value: scale.baseline.value! }, scale.targets);
    expect(scale.milestones).toEqual(plan.milestones);
    expect(scale.current.milestone).toBe(plan.milestones.find((m) => m.year === 2024)!.value);
    expect(scale.current.timeProgress).toBe(9 / 12);
    expect(scale.current.completion).toBe(scale.current.ytd / scale.current.milestone!);
    const facts: MonthlyFact[] = reports.map((r) => ({
      enterpriseId: r.enterpriseId,
      year: r.year,
      month: r.month,
      approved: r.status === 'approved',
      values: Object.fromEntries(INDICATOR_CODES.map((c) => [c, Number(r.values[c])])),
    }));
    const members = new Set(enterprises.filter(inPlanDomains).map((e) => e.id));
    const expected = estimateYearEndFromFacts({ facts, indicator: 'revenue', year: 2024, month: 9, include: (id) => members.has(id) });
    expect(scale.current.ytd).toBe(expected.ytd);
    expect(scale.current.yearEndEstimate).toBe(expected.estimate.value);
  });
});

describe('GET /api/statistics/goals for a park', () => {
  it('gives its own zone’s values against the district targets, without the district’s milestones or a verdict', async () => {
    const res = await as(t, s.park!)('GET', '/api/statistics/goals?period=2024-09&baselineYear=2022');
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as GoalsView;
    expect(view.scope).toEqual({ kind: 'zone', code: 'medicine-port' });
    const scale = view.goals.find((g) => g.metric === '产业规模')!;
    const ownInPlan = (e: FixtureEnterprise) => e.zone === 'medicine-port' && e.domain !== null && SPEC_DOMAINS.includes(e.domain);
    const yearTotal = (year: number) =>
      reports
        .filter((r) => r.status === 'approved' && r.year === year && enterprises.find((e) => e.id === r.enterpriseId && ownInPlan(e)))
        .reduce((sum, r) => sum + BigInt(Math.round(Number(r.values.revenue) * 10_000)), 0n);
    expect(scale.actuals.map((a) => a.year)).toEqual([2022, 2023]);
    for (const a of scale.actuals) expect(BigInt(Math.round(a.value * 10_000))).toBe(yearTotal(a.year));
    expect(scale.actuals[1]!.value).toBeGreaterThan(0);
    // The targets are the district's (public plan figures); nothing is interpolated from the zone's baseline.
    expect(scale.targets).toEqual([{ year: 2025, value: 5_000_000 }, { year: 2030, value: 10_000_000 }]);
    expect(scale.milestones).toEqual([]);
    expect(scale.segments).toEqual([]);
    expect(scale.current).toMatchObject({ milestone: null, completion: null, gapPp: null, status: null, timeProgress: 9 / 12 });
    const ytd2024 = reports
      .filter((r) => r.status === 'approved' && r.year === 2024 && r.month <= 9 && enterprises.find((e) => e.id === r.enterpriseId && ownInPlan(e)))
      .reduce((sum, r) => sum + BigInt(Math.round(Number(r.values.revenue) * 10_000)), 0n);
    expect(BigInt(Math.round(scale.current.ytd * 10_000))).toBe(ytd2024);
    // The district's own view keeps its milestones.
    const district = (await as(t, s.leader!)('GET', '/api/statistics/goals?period=2024-09&baselineYear=2022')).json() as GoalsView;
    expect(district.scope).toEqual({ kind: 'district', code: null });
    expect(district.goals.find((g) => g.metric === '产业规模')!.milestones.length).toBeGreaterThan(0);
  });
});

describe('GET /api/statistics/enterprises/:id (the statistics tab)', () => {
  it('gives an enterprise its series, YoY and rank in its domain, with peers anonymised; another’s is 404', async () => {
    const own = enterprises[0]!;
    const res = await as(t, s.enterprise!)('GET', `/api/statistics/enterprises/${own.id}?indicator=revenue&period=2024-06`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as { rank: number | null; peers: number; band: string | null; ytd: number; yoy: number | null; peerValues: { ytd: number; isSelf: boolean }[] };
    const ref = referenceBreakdown(enterprises, reports, { indicator: 'revenue', year: 2024, month: 6, dim: 'enterprise', include: (e) => e.domain === own.domain });
    const ranked = ref.rows.filter((r) => r.enterprises > 0).sort((a, b) => b.ytd - a.ytd || (a.code < b.code ? -1 : 1));
    expect(view.peers).toBe(ranked.length);
    const self = ranked.findIndex((r) => r.code === own.id);
    // the enterprise sees its rank and quarter, never its peers' exact figures (and no rank in a small group)
    expect(view.rank).toBe(self >= 0 && ranked.length >= 5 ? self + 1 : null);
    expect(view.peerValues).toEqual([]);
    if (view.rank) expect(view.band).toBe(['top-quarter', 'second-quarter', 'third-quarter', 'bottom-quarter'][Math.floor(((view.rank - 1) * 4) / ranked.length)]);
    for (const r of ranked.filter((x) => x.code !== own.id && x.ytd !== view.ytd)) expect(res.body).not.toContain(`"ytd":${r.ytd},`);
    // the district-wide readers see the anonymised figures
    const district = (await as(t, s.leader!)('GET', `/api/statistics/enterprises/${own.id}?indicator=revenue&period=2024-06`)).json() as typeof view;
    expect(district.rank).toBe(self >= 0 ? self + 1 : null);
    expect(district.peerValues.map((p) => p.ytd)).toEqual(ranked.map((r) => r.ytd));
    for (const other of enterprises.slice(1)) {
      expect(res.body).not.toContain(other.id);
      expect(res.body).not.toContain(`统计测试企业21-${enterprises.indexOf(other)}"`);
    }
    expect((await as(t, s.enterprise!)('GET', `/api/statistics/enterprises/${enterprises[1]!.id}`)).statusCode).toBe(404);
    const foreign = enterprises.find((e) => e.zone !== 'medicine-port')!;
    expect((await as(t, s.park!)('GET', `/api/statistics/enterprises/${foreign.id}`)).statusCode).toBe(404);
  });
});
