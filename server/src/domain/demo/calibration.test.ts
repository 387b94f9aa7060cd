/**
 * The story of SPEC §10, recomputed here from the generated rows alone (approved reports only, as the
 * statistics do), independently of the generator's own calibration code.
 */
import { describe, expect, it } from 'vitest';
import { generateDemoDataset } from './generate-demo.ts';
import type { DemoDataset } from './types.ts';

const YI = 10_000; // 万元 per 亿元
const GOALS = { 2025: { scale: 500, manufacturing: 300 }, 2030: { scale: 1000, manufacturing: 800 } };

interface YearTotals {
  scale: number;
  manufacturing: number;
}

function goalMetricsByYear(data: DemoDataset): Map<number, YearTotals> {
  const manufacturing = new Set(data.enterprises.filter((e) => e.isManufacturing).map((e) => e.id));
  const years = new Map<number, YearTotals>();
  for (const r of data.monthlyReports) {
    if (r.status !== 'approved') continue;
    const y = years.get(r.year) ?? { scale: 0, manufacturing: 0 };
    y.scale += r.revenue / YI;
    if (manufacturing.has(r.enterpriseId)) y.manufacturing += r.output / YI;
    years.set(r.year, y);
  }
  return years;
}

function monthlyRevenue(data: DemoDataset): Map<string, number> {
  const totals = new Map<string, number>();
  for (const r of data.monthlyReports) if (r.status === 'approved') totals.set(r.period, (totals.get(r.period) ?? 0) + r.revenue);
  return totals;
}

const annualRevenue2025 = (data: DemoDataset, id: string) =>
  data.monthlyReports.filter((r) => r.enterpriseId === id && r.year === 2025 && r.status === 'approved').reduce((s, r) => s + r.revenue, 0) / YI;

const ASOF = { year: 2026, month: 10 };
const data = generateDemoDataset({ asOf: ASOF });
const byYear = goalMetricsByYear(data);

describe('demo calibration (default seed)', () => {
  it('misses the 2025 goals by a visible margin', () => {
    const y2025 = byYear.get(2025)!;
    expect(y2025.scale).toBeGreaterThan(380);
    expect(y2025.scale).toBeLessThan(470);
    expect(y2025.manufacturing).toBeGreaterThan(220);
    expect(y2025.manufacturing).toBeLessThan(285);
    expect(y2025.scale / GOALS[2025].scale).toBeLessThan(0.95);
    expect(y2025.manufacturing / GOALS[2025].manufacturing).toBeLessThan(0.95);
  });

  it('grows, but slower than the 2030 goals require', () => {
    const y2021 = byYear.get(2021)!;
    const y2025 = byYear.get(2025)!;
    for (const metric of ['scale', 'manufacturing'] as const) {
      const cagr = Math.pow(y2025[metric] / y2021[metric], 1 / 4) - 1;
      const required = Math.pow(GOALS[2030][metric] / y2025[metric], 1 / 5) - 1;
      expect(cagr, metric).toBeGreaterThan(0.05);
      expect(cagr, metric).toBeLessThan(0.15);
      expect(cagr, metric).toBeLessThan(required - 0.03);
    }
    for (let y = 2023; y <= 2025; y++) expect(byYear.get(y)!.scale).toBeGreaterThan(byYear.get(y - 1)!.scale);
  });

  it('dips in February and peaks in December on aggregate', () => {
    const months = monthlyRevenue(data);
    let febDips = 0;
    let decPeaks = 0;
    for (let y = 2019; y <= 2025; y++) {
      if (months.get(`${y}-02`)! < months.get(`${y}-01`)!) febDips++;
      if (months.get(`${y}-12`)! > months.get(`${y}-11`)!) decPeaks++;
    }
    expect(febDips).toBeGreaterThanOrEqual(6);
    expect(decPeaks).toBeGreaterThanOrEqual(6);
  });

  it('has about 30% above-scale firms and a heavy tail with 8–20 亿元 leaders', () => {
    const above = data.enterprises.filter((e) => e.isAboveScale);
    expect(above.length / data.enterprises.length).toBeGreaterThan(0.25);
    expect(above.length / data.enterprises.length).toBeLessThan(0.36);
    expect(above.every((e) => e.isManufacturing)).toBe(true);
    const leaders = data.enterprises.filter((e) => e.tags.includes('leader')).map((e) => annualRevenue2025(data, e.id));
    expect(leaders.length).toBeGreaterThanOrEqual(8);
    expect(leaders.filter((v) => v >= 7 && v <= 21).length / leaders.length).toBeGreaterThanOrEqual(0.85);
    const sizes = data.enterprises.map((e) => annualRevenue2025(data, e.id)).sort((a, b) => b - a);
    const top10 = sizes.slice(0, 10).reduce((s, v) => s + v, 0);
    const total = sizes.reduce((s, v) => s + v, 0);
    expect(top10 / total).toBeGreaterThan(0.3); // a few firms carry much of the total
    expect(sizes[Math.floor(sizes.length / 2)]!).toBeLessThan(1); // the median firm is small (< 1 亿元)
  });

  it('has a few declining firms, among them a leader', () => {
    const yoy = (id: string) => {
      const sum = (y: number) => data.monthlyReports.filter((r) => r.enterpriseId === id && r.year === y && r.month <= 9).reduce((s, r) => s + r.revenue, 0);
      const base = sum(2025);
      return base > 0 ? sum(2026) / base - 1 : 0;
    };
    const active = data.enterprises.filter((e) => e.status === 'active' && e.foundedOn < '2024-01-01');
    const declining = active.filter((e) => yoy(e.id) < -0.1);
    expect(declining.length).toBeGreaterThanOrEqual(3);
    expect(declining.length).toBeLessThan(active.length * 0.2);
    expect(declining.some((e) => e.tags.includes('leader'))).toBe(true);
  });
});

describe('demo calibration holds for other seeds', () => {
  it.each([1, 42, 99])('seed %i', (seed) => {
    const y2025 = goalMetricsByYear(generateDemoDataset({ asOf: ASOF, seed })).get(2025)!;
    expect(y2025.scale).toBeGreaterThan(380);
    expect(y2025.scale).toBeLessThan(470);
    expect(y2025.manufacturing).toBeGreaterThan(220);
    expect(y2025.manufacturing).toBeLessThan(285);
  });
});
