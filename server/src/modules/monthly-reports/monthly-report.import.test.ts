import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import { createEnterprise } from '../../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { consoleOperatorCaller } from '../registry-common/caller.ts';
import { rebuildRollups } from '../statistics/rollup.repository.ts';
import { insertFixtureReports, type FixtureReport } from '../statistics/stats-fixture.test-support.ts';
import { computeStatsBreakdown } from '../statistics/stats-query.service.ts';
import { rowsOf } from '../statistics/sql-rows.ts';
import { importMonthlyReports } from './monthly-report.import.ts';

/**
 * Bureau files built here with exceljs: B204-1 blocks with merged two-row headers, money in 千元, cumulative-only
 * columns, one sheet per enterprise and several blocks on one sheet; broken ones give exact, located errors
 * and store nothing wrong.
 */

let t: TestApp;
let a: { id: string; uscc: string };
let b: { id: string; uscc: string };
const db = () => t.deps.database.db;
const options = { mode: 'valid-only' as const, onConflict: 'keep' as const, fileName: 'b204.xlsx' };

beforeAll(async () => {
  t = await createTestApp();
  a = await createEnterprise(t, '导入测试甲生物科技有限公司', 'medicine-port');
  b = await createEnterprise(t, '导入测试乙生物材料有限公司', 'materials-bay');
  // 2023 history: output 1 000 万元 a month, so a 10 000× slip stands out.
  const history: FixtureReport[] = [a, b].flatMap((e) =>
    Array.from({ length: 12 }, (_, i) => ({
      enterpriseId: e.id,
      year: 2023,
      month: i + 1,
      status: 'approved' as const,
      values: Object.fromEntries(INDICATOR_CODES.map((c) => [c, c === 'output' ? '1000.0000' : c === 'sales' ? '950.0000' : c === 'export' ? '100.0000' : c === 'employees' ? '80' : '0'])) as FixtureReport['values'],
    })),
  );
  await insertFixtureReports(db(), history);
  await db().transaction(async (tx) => rebuildRollups(tx as unknown as Db));
}, 120_000);
afterAll(async () => t?.close());

type Row = { name: string; code: string; month?: number | string | null; ytd?: number | string | null; lastMonth?: number | null; lastYtd?: number | null; unit?: string };

/** One B204-1 block starting at `top`: title, credit code, period, unit note, a two-row merged header, data. */
function addBlock(sheet: ExcelJS.Worksheet, top: number, uscc: string, period: string, rows: Row[], columns: 'all' | 'cumulative-only' = 'all') {
  sheet.mergeCells(top, 1, top, 7);
  sheet.getCell(top, 1).value = '工业产销总值及主要产品产量';
  sheet.getCell(top + 1, 1).value = '统一社会信用代码：';
  sheet.getCell(top + 1, 2).value = uscc;
  sheet.getCell(top + 2, 1).value = `报告期：${period}`;
  sheet.getCell(top + 2, 5).value = '计量单位：千元';
  const h = top + 3;
  for (const [col, label] of [[1, '指标名称'], [2, '计量单位'], [3, '代码']] as const) {
    sheet.mergeCells(h, col, h + 1, col);
    sheet.getCell(h, col).value = label;
  }
  if (columns === 'all') {
    sheet.mergeCells(h, 4, h, 5);
    sheet.getCell(h, 4).value = '本年';
    sheet.getCell(h + 1, 4).value = '本月';
    sheet.getCell(h + 1, 5).value = '1—本月';
    sheet.mergeCells(h, 6, h, 7);
    sheet.getCell(h, 6).value = '上年同期';
    sheet.getCell(h + 1, 6).value = '本月';
    sheet.getCell(h + 1, 7).value = '1—本月';
  } else {
    sheet.mergeCells(h, 4, h + 1, 4);
    sheet.getCell(h, 4).value = '本年1—本月';
    sheet.mergeCells(h, 5, h + 1, 5);
    sheet.getCell(h, 5).value = '上年同期1—本月';
  }
  rows.forEach((r, i) => {
    const values = columns === 'all' ? [r.name, r.unit ?? '千元', r.code, r.month ?? null, r.ytd ?? null, r.lastMonth ?? null, r.lastYtd ?? null] : [r.name, r.unit ?? '千元', r.code, r.ytd ?? null, r.lastYtd ?? null];
    sheet.getRow(h + 2 + i).values = values as ExcelJS.CellValue[];
  });
  return h + 2 + rows.length;
}

async function bufferOf(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function stored(enterpriseId: string, year: number, month: number) {
  const [row] = await rowsOf<Record<string, string | null>>(db(), sql`SELECT status, source, output::text, sales::text, export::text FROM monthly_reports WHERE enterprise_id = ${enterpriseId} AND year = ${year} AND month = ${month}`);
  return row;
}

describe('B204-1 import', () => {
  it('reads one sheet per enterprise, converts 千元 to 万元 exactly, and updates the statistics', async () => {
    const file = await bufferOf((wb) => {
      addBlock(wb.addWorksheet('甲'), 1, a.uscc, '2024年1月', [
        { name: '工业总产值(当年价格)', code: '01', month: 10_500.123, ytd: 10_500.123, lastMonth: 10_000, lastYtd: 10_000 },
        { name: '工业销售产值', code: '03', month: 9_800.000_5, ytd: 9_800.000_5 },
        { name: '其中：出口交货值', code: '04', month: 1_000, ytd: 1_000 },
      ]);
      addBlock(wb.addWorksheet('乙'), 1, b.uscc, '2024年1月', [{ name: '工业总产值', code: '01', month: 9_000, ytd: 9_000 }]);
    });
    const result = await importMonthlyReports(t.deps, consoleOperatorCaller(), file, options);
    expect(result.rejected).toEqual([]);
    expect(result).toMatchObject({ layout: 'b204-1', imported: 2, updated: 0, committed: true });
    expect(await stored(a.id, 2024, 1)).toEqual({ status: 'approved', source: 'import', output: '1050.0123', sales: '980.0001', export: '100.0000' });
    const view = await computeStatsBreakdown(db(), { kind: 'district' }, 'enterprise', { indicator: 'output', year: 2024, month: 1 });
    expect(view.total.ytd).toBe(1050.0123 + 900);
    expect(view.total.base).toBe(2000);
  });

  it('derives monthly values from cumulative-only columns, with several enterprise blocks on one sheet', async () => {
    const file = await bufferOf((wb) => {
      const sheet = wb.addWorksheet('汇总');
      const next = addBlock(sheet, 1, a.uscc, '2024年1-2月', [{ name: '工业总产值', code: '01', ytd: 21_000.123 }], 'cumulative-only');
      addBlock(sheet, next + 2, b.uscc, '2024年1-2月', [{ name: '工业总产值', code: '01', ytd: 18_500 }], 'cumulative-only');
    });
    const result = await importMonthlyReports(t.deps, consoleOperatorCaller(), file, options);
    expect(result.rejected).toEqual([]);
    expect(result.imported).toBe(2);
    // Month 2 = YTD(2) − YTD(1): 2 100.0123 − 1 050.0123 = 1 050 万元 exactly.
    expect((await stored(a.id, 2024, 2))!.output).toBe('1050.0000');
    expect((await stored(b.id, 2024, 2))!.output).toBe('950.0000');
  });

  it('lists a conflict with stored figures and keeps them unless told to replace', async () => {
    const build = (value: number) =>
      bufferOf((wb) => addBlock(wb.addWorksheet('甲'), 1, a.uscc, '2024年1月', [{ name: '工业总产值', code: '01', month: value, ytd: value }]));
    const kept = await importMonthlyReports(t.deps, consoleOperatorCaller(), await build(10_600), options);
    expect(kept.conflicts).toEqual([{ uscc: a.uscc, enterpriseName: '导入测试甲生物科技有限公司', period: '2024-01', indicator: 'output', stored: 1050.0123, incoming: 1060, storedStatus: 'approved' }]);
    expect(kept.updated).toBe(0);
    expect((await stored(a.id, 2024, 1))!.output).toBe('1050.0123');
    const replaced = await importMonthlyReports(t.deps, consoleOperatorCaller(), await build(10_600), { ...options, onConflict: 'replace' });
    expect(replaced.updated).toBe(1);
    expect((await stored(a.id, 2024, 1))!.output).toBe('1060.0000');
  });
});

describe('broken files: exact, located errors; nothing wrong stored', () => {
  it('reports a missing column, text in a numeric cell and a 10 000× slip at their cells', async () => {
    const file = await bufferOf((wb) => {
      const noColumns = wb.addWorksheet('缺列');
      noColumns.getCell(1, 1).value = '统一社会信用代码：';
      noColumns.getCell(1, 2).value = a.uscc;
      noColumns.getCell(2, 1).value = '报告期：2024年3月';
      noColumns.getRow(3).values = ['指标名称', '计量单位', '代码', '上年同期本月'];
      noColumns.getRow(4).values = ['工业总产值', '千元', '01', 1];
      addBlock(wb.addWorksheet('文本'), 1, a.uscc, '2024年4月', [{ name: '工业总产值', code: '01', month: '一千万', ytd: 40_000 }]);
      addBlock(wb.addWorksheet('万倍'), 1, b.uscc, '2024年3月', [{ name: '工业总产值', code: '01', month: 95_000_000, ytd: null }]);
    });
    const result = await importMonthlyReports(t.deps, consoleOperatorCaller(), file, options);
    expect(result.rejected).toEqual([
      { sheet: '缺列', row: 3, column: null, value: null, message: '缺少“本年本月”或“本年1—本月”列 / neither a 本年本月 nor a 本年1—本月 column' },
      { sheet: '文本', row: 6, column: 'D', value: '一千万', message: '工业总产值：“一千万”不是数字 / output: "一千万" is not a number' },
      expect.objectContaining({ sheet: '万倍', row: 6, column: 'D', value: '9500000', message: expect.stringContaining('单位可能有误') }),
    ]);
    expect(result.imported + result.updated).toBe(0);
    expect(await stored(a.id, 2024, 3)).toBeUndefined();
    expect(await stored(a.id, 2024, 4)).toBeUndefined();
    expect(await stored(b.id, 2024, 3)).toBeUndefined();
  });

  it('in all-or-nothing mode stores nothing when any row is rejected', async () => {
    const file = await bufferOf((wb) => {
      addBlock(wb.addWorksheet('好'), 1, a.uscc, '2024年5月', [{ name: '工业总产值', code: '01', month: 10_000 }]);
      addBlock(wb.addWorksheet('坏'), 1, '91310116MA1XXXXXX0', '2024年5月', [{ name: '工业总产值', code: '01', month: 1, ytd: 1 }]);
    });
    const result = await importMonthlyReports(t.deps, consoleOperatorCaller(), file, { ...options, mode: 'all-or-nothing' });
    expect(result.committed).toBe(false);
    expect(result.rejected).toHaveLength(1);
    expect(await stored(a.id, 2024, 5)).toBeUndefined();
  });

  it('refuses a file that is not a workbook before parsing it', async () => {
    await expect(importMonthlyReports(t.deps, consoleOperatorCaller(), Buffer.from('PK\u0003\u0004 not really a zip'), options)).rejects.toMatchObject({ code: 'IMPORT_REFUSED' });
  });

  it('refuses a sheet whose used range is billions of cells (two cells at opposite corners), naming the sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('远角');
    sheet.getCell('A1').value = '统一社会信用代码';
    sheet.getCell('XFD1048576').value = 1;
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(buffer.length).toBeLessThan(20_000);
    const before = await rowsOf<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM monthly_reports`);
    await expect(importMonthlyReports(t.deps, consoleOperatorCaller(), buffer, options)).rejects.toMatchObject({ code: 'IMPORT_REFUSED', message: expect.stringContaining('远角') });
    expect(await rowsOf<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM monthly_reports`)).toEqual(before);
  });
});
