import { describe, expect, it } from 'vitest';
import { checkUscc } from '../uscc/uscc.ts';
import { generateDemoDataset, iterateMonthlyReports } from './generate-demo.ts';

describe('demo generator at benchmark sizes', () => {
  it('generates 1 000 enterprises with unique valid codes and proportionally scaled totals', () => {
    const data = generateDemoDataset({ enterprises: 1_000, asOf: { year: 2026, month: 10 } });
    expect(data.enterprises.length).toBe(1_000);
    const codes = new Set(data.enterprises.map((e) => e.uscc));
    expect(codes.size).toBe(1_000);
    for (const c of codes) expect(checkUscc(c).ok).toBe(true);
    expect(new Set(data.enterprises.map((e) => e.name)).size).toBe(1_000);
    expect(data.projects.length).toBe(Math.round((1_000 * 80) / 150));
    // Per-firm sizes keep their distribution, so the district totals grow with the number of firms.
    const scale2025 = data.monthlyReports.filter((r) => r.year === 2025 && r.status === 'approved').reduce((s, r) => s + r.revenue, 0);
    const perFirm = scale2025 / 10_000 / 1_000;
    expect(perFirm).toBeGreaterThan(380 / 150);
    expect(perFirm).toBeLessThan(470 / 150);
  });

  it('streams monthly reports lazily, without generating them all up front', () => {
    const it = iterateMonthlyReports({ enterprises: 20_000, asOf: { year: 2026, month: 10 } });
    const first = it.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ enterpriseId: 'demo-ent-00001' });
    it.return(undefined);
  });

  it('keeps small data sets valid (a handful of firms)', () => {
    const data = generateDemoDataset({ enterprises: 5, asOf: { year: 2026, month: 10 } });
    expect(data.enterprises.length).toBe(5);
    const inPark = data.enterprises.find((e) => e.zoneCode === 'medicine-port') ?? data.enterprises[0]!;
    expect(data.demoAccounts.find((a) => a.role === 'enterprise')?.scopeId).toBe(inPark.id);
    expect(data.monthlyReports.length).toBeGreaterThan(0);
  });
});
