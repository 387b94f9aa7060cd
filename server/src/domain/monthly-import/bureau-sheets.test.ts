import { describe, expect, it } from 'vitest';
import { computeUsccCheckChar } from '../uscc/uscc.ts';
import { parseBureauFile, type Grid } from './bureau-sheets.ts';

/** A valid credit code per number (the body spells the number, the check character is computed). */
const usccOf = (n: number) => {
  const first17 = `913101160${String(n).padStart(8, '0')}`;
  return first17 + computeUsccCheckChar(first17);
};

describe('a flat bureau sheet of a whole district-year', () => {
  it('parses 240 000 rows and reports 240 000 bad ones without overflowing the stack', () => {
    const rows = 240_000;
    const header = ['统一社会信用代码', '期间', '计量单位', '营业收入'];
    const good: Grid = { name: '月报', rows: [header, ...Array.from({ length: rows }, (_, i) => [usccOf(i), `2026-${String((i % 12) + 1).padStart(2, '0')}`, '万元', 100 + i])] };
    const parsed = parseBureauFile([good]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.items).toHaveLength(rows);
    const bad: Grid = { name: '月报', rows: [header, ...Array.from({ length: rows }, () => ['不是代码', '2026-01', '万元', 1])] };
    const refused = parseBureauFile([bad]);
    expect(refused.items).toHaveLength(0);
    expect(refused.errors.length).toBeGreaterThanOrEqual(rows);
  }, 120_000);
});
