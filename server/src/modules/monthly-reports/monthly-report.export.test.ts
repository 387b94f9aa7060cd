import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import { createEnterprise } from '../../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { parseCsv } from '../../domain/spreadsheet/csv.test-support.ts';
import { consoleOperatorCaller } from '../registry-common/caller.ts';
import { insertFixtureReports } from '../statistics/stats-fixture.test-support.ts';
import { EXPORT_HEADERS, exportMonthlyReports } from './monthly-report.export.ts';

/** The monthly export writes every indicator as a number, in CSV and xlsx alike: negative profits included. */

let t: TestApp;
let a: { id: string; uscc: string };
const values = { output: '1200.5000', sales: '1100.0000', export: '0.0000', revenue: '1300.1234', profit: '-0.6004', tax: '12.0000', rd: '3.5000', energy: '40.0000', employees: '88' };

beforeAll(async () => {
  t = await createTestApp();
  a = await createEnterprise(t, '负利润导出测试有限公司', 'medicine-port');
  await insertFixtureReports(t.deps.database.db, [{ enterpriseId: a.id, year: 2024, month: 3, status: 'approved', values }]);
}, 120_000);
afterAll(async () => t?.close());

describe('monthly report export', () => {
  it('CSV: every indicator column parses back to the stored value; the negative profit is -0.6004', async () => {
    const { body } = await exportMonthlyReports(t.deps, consoleOperatorCaller(), { format: 'csv' });
    const [header, row] = parseCsv(String(body));
    expect(header).toEqual([...EXPORT_HEADERS]);
    for (const code of INDICATOR_CODES) expect(Number(row![header!.indexOf(code)])).toBe(Number(values[code]));
    expect(row![header!.indexOf('profit')]).toBe('-0.6004');
  });

  it('xlsx: the indicator cells are numeric cells', async () => {
    const { body } = await exportMonthlyReports(t.deps, consoleOperatorCaller(), { format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as never);
    const row = workbook.worksheets[0]!.getRow(2);
    INDICATOR_CODES.forEach((code, i) => expect(row.getCell(7 + i).value).toBe(Number(values[code])));
  });
});
