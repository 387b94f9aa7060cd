import { describe, expect, it } from 'vitest';
import { computeUsccCheckChar } from '../uscc/uscc.ts';
import { parseBureauFile, type Cell, type Grid } from './bureau-sheets.ts';

/**
 * The real B204-1 has section headings between its indicator rows: 二、工业总产值(当年价格)按工业行业小类分 with
 * 「—」 or an empty unit cell (or merged across the whole row), and breakdown rows by industry class below it.
 * Only the coded indicator rows give figures; a heading must never be read as 工业总产值.
 */

const first17 = '91310116000000123';
const uscc = first17 + computeUsccCheckChar(first17);
const HEADING = '二、工业总产值(当年价格)按工业行业小类分';

function officialBlock(heading: 'dash' | 'blank' | 'merged', extra: Cell[][] = []): Grid {
  const headingRow: Cell[] = heading === 'merged' ? Array(7).fill(HEADING) : [HEADING, heading === 'dash' ? '—' : null, null, null, null, null, null];
  return {
    name: 'B204-1',
    rows: [
      Array(7).fill('工业产销总值及主要产品产量'),
      ['统一社会信用代码：', uscc, null, null, '表    号：', 'B204-1表', null],
      ['报告期：2024年3月', null, null, null, '计量单位：千元', null, null],
      ['指标名称', '计量单位', '代码', '本年', '本年', '上年同期', '上年同期'],
      ['指标名称', '计量单位', '代码', '本月', '1—本月', '本月', '1—本月'],
      ['甲', '乙', '丙', '1', '2', '3', '4'],
      ['一、工业总产值(当年价格)', '千元', '01', 12_000, 33_000, 10_000, 30_000],
      ['其中：出口交货值', '千元', '04', 1_500, 4_000, 1_000, 3_000],
      ['工业销售产值(当年价格)', '千元', '03', 11_000, 31_000, 9_000, 28_000],
      headingRow,
      ['生物药品制品制造', '千元', '2761', 8_000, 22_000, 7_000, 20_000],
      ['化学药品原料药制造', '千元', '2710', 4_000, 11_000, 3_000, 10_000],
      ['三、主要产品产量', '—', null, null, null, null, null],
      ['单克隆抗体', '千克', '2761010100', 3, 9, 2, 6],
      ...extra,
    ],
  };
}

describe('B204-1 heading and breakdown rows', () => {
  for (const heading of ['dash', 'blank', 'merged'] as const) {
    it(`takes only the coded indicator rows and lists the others as ignored (heading unit ${heading})`, () => {
      const parsed = parseBureauFile([officialBlock(heading)]);
      expect(parsed.errors).toEqual([]);
      expect(parsed.items).toHaveLength(1);
      const { figures } = parsed.items[0]!;
      expect(Object.keys(figures).sort()).toEqual(['export', 'output', 'sales']);
      expect(figures.output).toMatchObject({ month: '1200', ytd: '3300', row: 7 });
      expect(figures.sales).toMatchObject({ month: '1100', row: 9 });
      expect(parsed.ignored.map((r) => r.row)).toEqual([10, 11, 12, 13, 14]);
      expect(parsed.ignored.find((r) => r.row === 10)).toMatchObject({ label: HEADING, message: expect.stringContaining('标题') });
    });
  }

  it('a heading with figures but no code is still not row 01', () => {
    const grid = officialBlock('blank');
    grid.rows[9] = [HEADING, null, null, 12_000, 33_000, 10_000, 30_000];
    const parsed = parseBureauFile([grid]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.items[0]!.figures.output).toMatchObject({ month: '1200', row: 7 });
    expect(parsed.ignored.map((r) => r.row)).toContain(10);
  });

  it('a label naming two indicators is ignored, not matched to either', () => {
    const parsed = parseBureauFile([officialBlock('dash', [['工业总产值与工业销售产值之差', '千元', null, 1_000, 2_000, null, null]])]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.ignored.at(-1)).toMatchObject({ row: 15, message: expect.stringContaining('多个指标') });
    expect(parsed.items[0]!.figures.output!.month).toBe('1200');
  });

  it('two rows giving the same indicator refuse the block and name both rows', () => {
    const parsed = parseBureauFile([officialBlock('dash', [['工业总产值', '千元', null, 99_000, 99_000, null, null]])]);
    expect(parsed.items).toEqual([]);
    expect(parsed.errors).toEqual([expect.objectContaining({ sheet: 'B204-1', row: 15, message: expect.stringMatching(/第 7 行与第 15 行都填写“工业总产值”/) })]);
  });
});
