import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnterprise } from '../../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { consoleOperatorCaller } from '../registry-common/caller.ts';
import { rowsOf } from '../statistics/sql-rows.ts';
import { importMonthlyReports } from './monthly-report.import.ts';

/**
 * A workbook laid out as the bureau's B204-1 is printed: a title merged over the table, merged two-row headers,
 * the column numbering row, indicator rows 01/04/03, then the section heading
 * 二、工业总产值(当年价格)按工业行业小类分 with 「—」, an empty unit or merged across the row, breakdown rows by
 * industry class and a product section. Only rows 01, 03 and 04 are stored; the rest is listed as ignored.
 */

let t: TestApp;
let a: { id: string; uscc: string };
const db = () => t.deps.database.db;
const HEADING = '二、工业总产值(当年价格)按工业行业小类分';

beforeAll(async () => {
  t = await createTestApp();
  a = await createEnterprise(t, '标题行测试生物科技有限公司', 'medicine-port');
}, 120_000);
afterAll(async () => t?.close());

type Heading = 'dash' | 'blank' | 'merged';

async function officialWorkbook(period: string, heading: Heading, extraRows: ExcelJS.CellValue[][] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('B204-1');
  sheet.mergeCells('A1:G1');
  sheet.getCell('A1').value = '工业产销总值及主要产品产量';
  sheet.getRow(2).values = ['统一社会信用代码：', a.uscc, null, null, '表号：', 'B204-1表'];
  sheet.getRow(3).values = [`报告期：${period}`, null, null, null, '计量单位：千元'];
  for (const col of ['A', 'B', 'C']) sheet.mergeCells(`${col}4:${col}5`);
  sheet.getCell('A4').value = '指标名称';
  sheet.getCell('B4').value = '计量单位';
  sheet.getCell('C4').value = '代码';
  sheet.mergeCells('D4:E4');
  sheet.getCell('D4').value = '本年';
  sheet.mergeCells('F4:G4');
  sheet.getCell('F4').value = '上年同期';
  sheet.getRow(5).getCell(4).value = '本月';
  sheet.getRow(5).getCell(5).value = '1—本月';
  sheet.getRow(5).getCell(6).value = '本月';
  sheet.getRow(5).getCell(7).value = '1—本月';
  const rows: ExcelJS.CellValue[][] = [
    ['甲', '乙', '丙', '1', '2', '3', '4'],
    ['一、工业总产值(当年价格)', '千元', '01', 12_000, 12_000, 10_000, 10_000],
    ['其中：出口交货值', '千元', '04', 1_500, 1_500, 1_000, 1_000],
    ['工业销售产值(当年价格)', '千元', '03', 11_000, 11_000, 9_000, 9_000],
    [HEADING, heading === 'dash' ? '—' : null, null, null, null, null, null],
    ['生物药品制品制造', '千元', '2761', 8_000, 8_000, 7_000, 7_000],
    ['化学药品原料药制造', '千元', '2710', 4_000, 4_000, 3_000, 3_000],
    ['三、主要产品产量', '—', null, null, null, null, null],
    ['单克隆抗体', '千克', '2761010100', 3, 3, 2, 2],
    ...extraRows,
  ];
  rows.forEach((r, i) => (sheet.getRow(6 + i).values = r));
  if (heading === 'merged') sheet.mergeCells('A10:G10');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Each case in January of its own year, so that no case's year-to-date depends on another's. */
const stored = async (year: number) =>
  (await rowsOf<{ output: string | null; sales: string | null; export: string | null }>(db(), sql`SELECT output::text, sales::text, export::text FROM monthly_reports WHERE enterprise_id = ${a.id} AND year = ${year} AND month = 1`))[0];

describe('B204-1 in the official layout', () => {
  const cases: [Heading, 'valid-only' | 'all-or-nothing', number][] = [
    ['dash', 'valid-only', 2011],
    ['dash', 'all-or-nothing', 2012],
    ['blank', 'valid-only', 2013],
    ['blank', 'all-or-nothing', 2014],
    ['merged', 'valid-only', 2015],
    ['merged', 'all-or-nothing', 2016],
  ];
  for (const [heading, mode, year] of cases) {
    it(`stores exactly rows 01, 03 and 04 and lists the heading, breakdown and product rows (${heading} heading, ${mode})`, async () => {
      const result = await importMonthlyReports(t.deps, consoleOperatorCaller(), await officialWorkbook(`${year}年1月`, heading), { mode, onConflict: 'keep', fileName: 'b204.xlsx' });
      expect(result.rejected).toEqual([]);
      expect(result).toMatchObject({ committed: true, imported: 1 });
      expect(await stored(year)).toEqual({ output: '1200.0000', sales: '1100.0000', export: '150.0000' });
      expect(result.ignored.map((r) => [r.row, r.label])).toEqual([
        [10, HEADING],
        [11, '生物药品制品制造'],
        [12, '化学药品原料药制造'],
        [13, '三、主要产品产量'],
        [14, '单克隆抗体'],
      ]);
    });
  }

  it('refuses an enterprise-month whose indicator two rows give, naming both rows, in either mode', async () => {
    const twice = await officialWorkbook('2017年1月', 'blank', [['工业总产值', '千元', null, 99_000, 99_000, null, null]]);
    for (const mode of ['valid-only', 'all-or-nothing'] as const) {
      const result = await importMonthlyReports(t.deps, consoleOperatorCaller(), twice, { mode, onConflict: 'keep', fileName: 'b204.xlsx' });
      expect(result.imported + result.updated).toBe(0);
      expect(result.rejected).toEqual([expect.objectContaining({ row: 15, message: expect.stringContaining('第 7 行与第 15 行') })]);
      expect(await stored(2017)).toBeUndefined();
    }
  });

  it('refuses the second block of an enterprise-month given twice in the file, naming both places', async () => {
    const wb = new ExcelJS.Workbook();
    for (const name of ['一', '二']) {
      const copy = new ExcelJS.Workbook();
      await copy.xlsx.load((await officialWorkbook('2018年1月', 'dash')) as never);
      const target = wb.addWorksheet(name);
      copy.worksheets[0]!.eachRow((row, r) => (target.getRow(r).values = row.values as ExcelJS.CellValue[]));
    }
    const result = await importMonthlyReports(t.deps, consoleOperatorCaller(), Buffer.from(await wb.xlsx.writeBuffer()), { mode: 'valid-only', onConflict: 'keep', fileName: 'b204.xlsx' });
    expect(result.imported).toBe(1);
    expect(result.rejected).toEqual([expect.objectContaining({ sheet: '二', row: 2, message: expect.stringContaining('（一!2 与 二!2），二!2 未导入') })]);
  });
});
