import { describe, expect, it } from 'vitest';
import { importMonthsFor, monthlyParts } from './stats-bench.ts';

const reports = (months: Record<string, number>) =>
  Object.entries(months).flatMap(([period, n]) => Array.from({ length: n }, (_, i) => ({ period, i })));

describe('bench import files', () => {
  it('cuts whole months, in period order, into files of at most the row limit', () => {
    const rows = reports({ '2026-03': 4, '2026-01': 3, '2026-02': 3, '2026-04': 2 }).reverse();
    const parts = monthlyParts(rows, 6);
    expect(parts.map((p) => [...new Set(p.map((r) => r.period))])).toEqual([['2026-01', '2026-02'], ['2026-03', '2026-04']]);
    expect(parts.every((p) => p.length <= 6)).toBe(true);
    expect(parts.flat()).toHaveLength(rows.length);
    expect(new Set(parts.flat())).toEqual(new Set(rows));
  });

  it('keeps a month larger than the limit whole, in a file of its own', () => {
    const parts = monthlyParts(reports({ '2026-01': 2, '2026-02': 9, '2026-03': 1 }), 5);
    expect(parts.map((p) => p.length)).toEqual([2, 9, 1]);
  });
});

describe('bench import size', () => {
  it('imports the whole last year up to 10 000 enterprises and a single month at city scale', () => {
    expect([1, 1000, 10_000].map(importMonthsFor)).toEqual([12, 12, 12]);
    expect(importMonthsFor(20_000)).toBe(6);
    expect(importMonthsFor(100_000)).toBe(1);
    expect(importMonthsFor(1_000_000)).toBe(1);
  });
});
