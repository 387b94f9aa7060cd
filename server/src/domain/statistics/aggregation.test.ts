import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBreakdown, type Breakdown, type BreakdownRow } from './aggregation.ts';
import { computeComparableGrowth } from './comparable-growth.ts';
import { caseArb, type GeneratedCase } from './facts.arbitraries.ts';
import { StatisticsInputError, UNGROUPED_KEY, type MonthlyFact } from './facts.ts';

// ---------------------------------------------------------------------------------------------------------------
// Independent reference: one pass over the raw rows with BigInt 元, written straight from SPEC §4. It shares no
// code with the implementation (not even the indicator catalogue: the stock indicator is named here).
// ---------------------------------------------------------------------------------------------------------------

/** 万元 → BigInt 元 through the decimal string, a different route from the implementation's Math.round. */
const refYuan = (wan: number): bigint => {
  const [int, frac = ''] = Math.abs(wan).toFixed(4).split('.');
  const abs = BigInt(int! + frac.padEnd(4, '0'));
  return wan < 0 ? -abs : abs;
};

interface RefSums {
  month: bigint;
  ytd: bigint;
  base: bigint;
  nominalYtd: bigint;
  nominalBase: bigint;
  enterprises: Set<string>;
}

function referenceBreakdown(c: GeneratedCase) {
  const { facts, indicator, year: y, month: M } = c;
  const isStock = indicator === 'employees';
  const approved = facts.filter((f) => f.approved);
  // The indicator's comparable set: an approved report for (y, M) with a value for the indicator (0 counts).
  const inC = new Set(approved.filter((f) => f.year === y && f.month === M && f.values[indicator] !== undefined).map((f) => f.enterpriseId));
  const groups = new Map<string, RefSums>();
  const total: RefSums = { month: 0n, ytd: 0n, base: 0n, nominalYtd: 0n, nominalBase: 0n, enterprises: new Set() };
  const sumsOf = (key: string) => {
    let s = groups.get(key);
    if (!s) groups.set(key, (s = { month: 0n, ytd: 0n, base: 0n, nominalYtd: 0n, nominalBase: 0n, enterprises: new Set() }));
    return s;
  };
  for (const f of approved) {
    const key = c.groupOf[f.enterpriseId]!;
    if ((f.year === y || f.year === y - 1) && f.month <= M) sumsOf(key); // the group has someone in a period
    if (inC.has(f.enterpriseId) && f.year === y) {
      sumsOf(key).enterprises.add(f.enterpriseId);
      total.enterprises.add(f.enterpriseId);
    }
    const v = f.values[indicator];
    if (v === undefined) continue;
    const counts = isStock ? f.month === M : f.month <= M;
    if (!counts || (f.year !== y && f.year !== y - 1)) continue;
    for (const s of [sumsOf(key), total]) {
      if (f.year === y) {
        s.nominalYtd += refYuan(v);
        if (inC.has(f.enterpriseId)) s.ytd += refYuan(v);
        if (inC.has(f.enterpriseId) && f.month === M) s.month += refYuan(v);
      } else if (f.year === y - 1) {
        s.nominalBase += refYuan(v);
        if (inC.has(f.enterpriseId)) s.base += refYuan(v);
      }
    }
  }
  return { groups, total };
}

const wan = (yuan: bigint) => Number(yuan) / 10_000;
const ratio = (a: bigint, b: bigint) => (b === 0n ? null : Number(a) / Number(b));

function expectClose(actual: number | null, expected: number | null, label: string) {
  if (expected === null) return expect(actual, label).toBeNull();
  expect(actual, label).not.toBeNull();
  expect(Math.abs(actual! - expected), label).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

function compareRow(row: BreakdownRow, s: RefSums, total: RefSums, label: string) {
  expect(row.month, `${label} month`).toBe(wan(s.month));
  expect(row.ytd, `${label} ytd`).toBe(wan(s.ytd));
  expect(row.base, `${label} base`).toBe(wan(s.base));
  expect(row.nominalYtd, `${label} nominalYtd`).toBe(wan(s.nominalYtd));
  expect(row.nominalBase, `${label} nominalBase`).toBe(wan(s.nominalBase));
  expect(row.enterprises, `${label} enterprises`).toBe(s.enterprises.size);
  const g = ratio(s.ytd, s.base);
  expectClose(row.yoy, g === null ? null : g - 1, `${label} yoy`);
  const n = ratio(s.nominalYtd, s.nominalBase);
  expectClose(row.nominalYoy, n === null ? null : n - 1, `${label} nominalYoy`);
  expectClose(row.contribution, ratio(s.ytd - s.base, total.ytd - total.base), `${label} contribution`);
  const p = ratio(s.ytd - s.base, total.base);
  expectClose(row.pull, p === null ? null : p * 100, `${label} pull`);
}

function compareWithReference(c: GeneratedCase, result: Breakdown) {
  const ref = referenceBreakdown(c);
  expect(new Set(result.rows.map((r) => r.key))).toEqual(new Set(ref.groups.keys()));
  for (const row of result.rows) compareRow(row, ref.groups.get(row.key)!, ref.total, row.key);
  compareRow(result.total, ref.total, ref.total, 'total');
}

// ---------------------------------------------------------------------------------------------------------------

describe('computeBreakdown — hand-computed fixture (SPEC §4)', () => {
  // 2024-03, 工业总产值, 万元. E2 has no approved March report (submitted only), E3 entered in 2024, E4 left
  // after 2023, E5 reported only February of 2023. Comparable set C = {E1, E3, E5}.
  const fact = (enterpriseId: string, year: number, month: number, output: number, approved = true): MonthlyFact => ({
    enterpriseId, year, month, values: { output }, approved,
  });
  const facts: MonthlyFact[] = [
    fact('E1', 2023, 1, 100), fact('E1', 2023, 2, 100), fact('E1', 2023, 3, 100),
    fact('E1', 2024, 1, 120), fact('E1', 2024, 2, 110), fact('E1', 2024, 3, 130),
    fact('E1', 2024, 4, 999), fact('E1', 2022, 3, 777), fact('E1', 2024, 3, 5000, false),
    fact('E2', 2023, 1, 50), fact('E2', 2023, 2, 50), fact('E2', 2023, 3, 50),
    fact('E2', 2024, 1, 40), fact('E2', 2024, 2, 40), fact('E2', 2024, 3, 45, false),
    fact('E3', 2024, 1, 10), fact('E3', 2024, 2, 20), fact('E3', 2024, 3, 30),
    fact('E4', 2023, 1, 200), fact('E4', 2023, 2, 200), fact('E4', 2023, 3, 200),
    fact('E5', 2023, 2, 80),
    fact('E5', 2024, 1, 30), fact('E5', 2024, 2, 30), fact('E5', 2024, 3, 30),
  ];
  const groupOf = { E1: '生物医药', E2: '生物医药', E3: '生物材料', E4: '生物材料', E5: '生物材料' };
  const result = computeBreakdown({ facts, indicator: 'output', year: 2024, month: 3, groupOf });

  it('computes month, YTD, comparable base and growth per group and in total', () => {
    const [pharma, materials] = result.rows;
    expect(pharma).toMatchObject({ key: '生物医药', month: 130, ytd: 360, base: 300, nominalYtd: 440, nominalBase: 450, enterprises: 1 });
    expect(pharma!.yoy).toBeCloseTo(0.2, 12);
    expect(pharma!.nominalYoy).toBeCloseTo(440 / 450 - 1, 12);
    expect(materials).toMatchObject({ key: '生物材料', month: 60, ytd: 150, base: 80, nominalYtd: 150, nominalBase: 680, enterprises: 2 });
    expect(materials!.yoy).toBeCloseTo(0.875, 12);
    expect(materials!.nominalYoy).toBeCloseTo(150 / 680 - 1, 12);
    expect(result.total).toMatchObject({ key: 'total', month: 190, ytd: 510, base: 380, nominalYtd: 590, nominalBase: 1130, enterprises: 3 });
    expect(result.total.yoy).toBeCloseTo(510 / 380 - 1, 12); // +34.21% comparable …
    expect(result.total.nominalYoy).toBeCloseTo(590 / 1130 - 1, 12); // … while the nominal total fell 47.79%
    expect(result.unit).toBe('万元');
  });

  it('computes contribution (fraction) and pull (pp) on the comparable basis', () => {
    const [pharma, materials] = result.rows;
    expect(pharma!.contribution).toBeCloseTo(60 / 130, 12);
    expect(materials!.contribution).toBeCloseTo(70 / 130, 12);
    expect(pharma!.pull).toBeCloseTo((60 / 380) * 100, 10); // 15.79 pp
    expect(materials!.pull).toBeCloseTo((70 / 380) * 100, 10); // 18.42 pp
    expect(result.total.contribution).toBe(1);
    expect(result.total.pull).toBeCloseTo((510 / 380 - 1) * 100, 10);
  });

  it('agrees with the reference implementation', () => {
    compareWithReference({ facts, groupOf, indicator: 'output', year: 2024, month: 3 }, result);
  });

  it('takes month M as the YTD of a stock indicator', () => {
    const stock: MonthlyFact[] = [
      { enterpriseId: 'E1', year: 2023, month: 2, values: { employees: 90 }, approved: true },
      { enterpriseId: 'E1', year: 2023, month: 3, values: { employees: 80 }, approved: true },
      { enterpriseId: 'E1', year: 2024, month: 2, values: { employees: 95 }, approved: true },
      { enterpriseId: 'E1', year: 2024, month: 3, values: { employees: 100 }, approved: true },
    ];
    const r = computeBreakdown({ facts: stock, indicator: 'employees', year: 2024, month: 3, groupOf: () => 'all' });
    expect(r.total).toMatchObject({ month: 100, ytd: 100, base: 80, nominalYtd: 100, nominalBase: 80 });
    expect(r.total.yoy).toBeCloseTo(0.25, 12);
    expect(r.unit).toBe('人');
  });

  it('returns nulls, not NaN, when there is no base or no change', () => {
    const only2024 = facts.filter((f) => f.enterpriseId === 'E3');
    const r = computeBreakdown({ facts: only2024, indicator: 'output', year: 2024, month: 3, groupOf });
    expect(r.total).toMatchObject({ ytd: 60, base: 0, yoy: null, nominalYoy: null, pull: null, contribution: 1 });
    const flat = [fact('A', 2023, 1, 5), fact('A', 2024, 1, 5)];
    const f = computeBreakdown({ facts: flat, indicator: 'output', year: 2024, month: 1, groupOf: () => 'g' });
    expect(f.total).toMatchObject({ yoy: 0, contribution: null, pull: 0 });
    const empty = computeBreakdown({ facts: [], indicator: 'output', year: 2024, month: 1, groupOf: () => 'g' });
    expect(empty.rows).toEqual([]);
    expect(empty.total).toMatchObject({ ytd: 0, base: 0, yoy: null, contribution: null, pull: null, enterprises: 0 });
  });

  it('sums exactly to 1 元 where a float running sum drifts', () => {
    const tenths = [fact('A', 2024, 1, 0.1), fact('A', 2024, 2, 0.2), fact('B', 2024, 2, 0.0001)];
    expect(0.1 + 0.2).not.toBe(0.3);
    const r = computeBreakdown({ facts: tenths, indicator: 'output', year: 2024, month: 2, groupOf: (id) => id });
    expect(r.rows.find((x) => x.key === 'A')!.ytd).toBe(0.3);
    expect(r.total.ytd).toBe(0.3001);
  });

  it('accepts a Map or a record for grouping and keeps unknown enterprises visible', () => {
    const map = new Map([['E1', '生物医药']]);
    const r = computeBreakdown({ facts, indicator: 'output', year: 2024, month: 3, groupOf: map });
    expect(r.rows.map((x) => x.key).sort()).toEqual([UNGROUPED_KEY, '生物医药'].sort());
    const rec = computeBreakdown({ facts, indicator: 'output', year: 2024, month: 3, groupOf: { E1: 'x' } });
    expect(rec.total.ytd).toBe(510);
  });

  it('restricts the population with include', () => {
    const r = computeBreakdown({ facts, indicator: 'output', year: 2024, month: 3, groupOf, include: (id) => id !== 'E1' });
    expect(r.total).toMatchObject({ ytd: 150, base: 80 });
  });

  it('rejects two approved reports for one enterprise-month instead of double-counting', () => {
    const dup = [fact('A', 2024, 1, 1), fact('A', 2024, 1, 2)];
    expect(() => computeBreakdown({ facts: dup, indicator: 'output', year: 2024, month: 1, groupOf: () => 'g' })).toThrow(
      StatisticsInputError,
    );
    expect(() => computeBreakdown({ facts: [fact('A', 2024, 13, 1)], indicator: 'output', year: 2024, month: 1, groupOf: () => 'g' })).toThrow(
      StatisticsInputError,
    );
  });
});

describe('computeBreakdown — properties over generated data', () => {
  const run = (c: GeneratedCase) => computeBreakdown({ facts: c.facts, indicator: c.indicator, year: c.year, month: c.month, groupOf: c.groupOf });

  it('matches the reference implementation (entries, exits, gaps, unapproved revisions, stock and flow)', () => {
    fc.assert(fc.property(caseArb, (c) => compareWithReference(c, run(c))), { numRuns: 400 });
  });

  it('contributions of the groups sum to 1 when the total changed', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = run(c);
        if (r.total.contribution === null) return r.rows.every((x) => x.contribution === null);
        const sum = r.rows.reduce((s, x) => s + x.contribution!, 0);
        const scale = r.rows.reduce((s, x) => s + Math.abs(x.contribution!), 1);
        return Math.abs(sum - 1) <= 1e-12 * scale;
      }),
      { numRuns: 400 },
    );
  });

  it('pulls of the groups sum to the total comparable growth × 100', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = run(c);
        if (r.total.yoy === null) return r.rows.every((x) => x.pull === null);
        const sum = r.rows.reduce((s, x) => s + x.pull!, 0);
        const scale = r.rows.reduce((s, x) => s + Math.abs(x.pull!), 1);
        return Math.abs(sum - r.total.yoy * 100) <= 1e-12 * scale;
      }),
      { numRuns: 400 },
    );
  });

  it('group amounts add up to the total exactly, to 1 元', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = run(c);
        for (const field of ['month', 'ytd', 'base', 'nominalYtd', 'nominalBase'] as const) {
          const yuan = r.rows.reduce((s, x) => s + refYuan(x[field]), 0n);
          expect(yuan, field).toBe(refYuan(r.total[field]));
          // The value is exactly representable at 4 decimals: no float residue survives.
          expect(r.total[field], field).toBe(Number(r.total[field].toFixed(4)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('computeComparableGrowth equals the breakdown total', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const g = computeComparableGrowth({ facts: c.facts, indicator: c.indicator, year: c.year, month: c.month });
        const { key: _key, contribution: _c, pull: _p, ...total } = run(c).total;
        expect(g).toEqual(total);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the facts', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(run({ ...c, facts: [...c.facts].reverse() })).toEqual(run(c));
      }),
      { numRuns: 100 },
    );
  });

  it('ignores unapproved facts entirely', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const onlyApproved = { ...c, facts: c.facts.filter((f) => f.approved) };
        expect(run(onlyApproved)).toEqual(run(c));
      }),
      { numRuns: 200 },
    );
  });
});
