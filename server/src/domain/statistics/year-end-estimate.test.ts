import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseArb } from './facts.arbitraries.ts';
import type { MonthlyFact } from './facts.ts';
import { estimateYearEndFromFacts } from './year-end-estimate.ts';

const f = (enterpriseId: string, year: number, month: number, revenue: number, approved = true): MonthlyFact => ({
  enterpriseId, year, month, values: { revenue }, approved,
});
const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('estimateYearEndFromFacts', () => {
  // June 2024, revenue. E1 stays (10/month in 2023, 11 in 2024), E2 left after 2023 (5/month), E3 is new in 2024
  // (2/month), E4 is late with June (reported Jan–May 2024 at 4, all of 2023 at 4).
  const facts: MonthlyFact[] = [
    ...months(1, 12).map((m) => f('E1', 2023, m, 10)),
    ...months(1, 6).map((m) => f('E1', 2024, m, 11)),
    ...months(1, 12).map((m) => f('E2', 2023, m, 5)),
    ...months(1, 6).map((m) => f('E3', 2024, m, 2)),
    ...months(1, 12).map((m) => f('E4', 2023, m, 4)),
    ...months(1, 5).map((m) => f('E4', 2024, m, 4)),
    f('E4', 2024, 6, 4, false),
  ];

  it('hand-computed: nominal YTD + remaining months of this year’s enterprises × (1 + comparable g)', () => {
    const r = estimateYearEndFromFacts({ facts, indicator: 'revenue', year: 2024, month: 6 });
    // C = {E1, E3}: ytd 66 + 12 = 78, base 60 → g = 0.3.
    expect(r.growth).toBeCloseTo(0.3, 12);
    // Nominal YTD: E1 66 + E3 12 + E4 20 = 98. Remainder Jul–Dec 2023: E1 60 + E4 24 (late, still here); E2 left.
    expect(r.ytd).toBe(98);
    expect(r.lastYearRemainder).toBe(84);
    expect(r.estimate).toEqual({ value: 98 + 84 * 1.3, reason: null });
  });

  it('is null for a stock indicator and when there is no comparable base', () => {
    expect(estimateYearEndFromFacts({ facts, indicator: 'employees', year: 2024, month: 6 }).estimate.reason).toBe('stock-indicator');
    const onlyNew = facts.filter((x) => x.enterpriseId === 'E3');
    expect(estimateYearEndFromFacts({ facts: onlyNew, indicator: 'revenue', year: 2024, month: 6 }).estimate).toEqual({
      value: null,
      reason: 'no-comparable-growth',
    });
  });

  it('property: agrees with a reference written from the definition', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        if (c.indicator === 'employees') return;
        const { year: y, month: M, indicator } = c;
        const ok = c.facts.filter((x) => x.approved);
        const yuan = (v: number | undefined) => BigInt(Math.round((v ?? 0) * 10_000));
        const thisYear = new Set(ok.filter((x) => x.year === y && x.month <= M).map((x) => x.enterpriseId));
        // The growth's comparable set is the indicator's own: a value for it in the approved report of (y, M).
        const inC = new Set(ok.filter((x) => x.year === y && x.month === M && x.values[indicator] !== undefined).map((x) => x.enterpriseId));
        let ytd = 0n, rest = 0n, cur = 0n, base = 0n;
        for (const x of ok) {
          const v = yuan(x.values[indicator]);
          if (x.year === y && x.month <= M) ytd += v;
          if (x.year === y - 1 && x.month > M && thisYear.has(x.enterpriseId)) rest += v;
          if (inC.has(x.enterpriseId) && x.month <= M && x.year === y) cur += v;
          if (inC.has(x.enterpriseId) && x.month <= M && x.year === y - 1) base += v;
        }
        const r = estimateYearEndFromFacts({ facts: c.facts, indicator, year: y, month: M });
        expect(r.ytd).toBe(Number(ytd) / 10_000);
        expect(r.lastYearRemainder).toBe(Number(rest) / 10_000);
        if (M === 12) {
          expect(r.estimate.value).toBe(r.ytd);
          return;
        }
        if (base <= 0n) {
          expect(r.estimate.reason).toBe('no-comparable-growth');
          return;
        }
        const g = Number(cur) / Number(base) - 1;
        const expected = Number(ytd) / 10_000 + (Number(rest) / 10_000) * (1 + g);
        if (Math.abs(expected) > 8.9e11) {
          // Near 2^53 元 the implementation declines rather than round inexactly.
          if (r.estimate.value === null) expect(r.estimate.reason).toBe('out-of-range');
          return;
        }
        expect(Math.abs(r.estimate.value! - expected)).toBeLessThanOrEqual(0.00005 + 1e-12 * Math.abs(expected));
      }),
      { numRuns: 300 },
    );
  });
});
