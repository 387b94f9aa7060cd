import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise } from '../../../../test/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { XLSX_MIME } from '../../lib/spreadsheet.ts';
import { columnNumber } from './monthly-report.error-report.ts';

/**
 * The bureau import's "file with the errors marked": the cells are chosen here when the workbook is built, so
 * the check that the right cell is red and carries the comment does not rely on where the importer says it is.
 */

let t: TestApp;
let commission: Session;
let otherCommission: Session;
let a: { id: string; uscc: string };
let b: { id: string; uscc: string };

beforeAll(async () => {
  t = await createTestApp();
  a = await createEnterprise(t, '标注测试甲生物科技有限公司', 'medicine-port');
  b = await createEnterprise(t, '标注测试乙生物材料有限公司', 'materials-bay');
  commission = await activeSession(t, 'mark_commission', 'commission');
  otherCommission = await activeSession(t, 'mark_commission_2', 'commission');
}, 120_000);
afterAll(async () => t?.close());

const upload = (session: Session, body: Buffer) =>
  t.app.inject({
    method: 'POST',
    url: '/api/monthly-reports/import',
    payload: body,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': XLSX_MIME, 'x-file-name': encodeURIComponent('统计局B204.xlsx') },
  });
const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

/**
 * A B204-1 block: title merged over A1:G1, the credit code on row 2, the period (when given) on row 3, a
 * two-row merged header on rows 4–5, and 工业总产值 on row 6 with 本月 in D and 1—本月 in E (千元).
 */
function block(sheet: ExcelJS.Worksheet, uscc: string, period: string | null, month: number | string, ytd: number) {
  sheet.mergeCells(1, 1, 1, 7);
  sheet.getCell('A1').value = '工业产销总值及主要产品产量';
  sheet.getCell('A2').value = '统一社会信用代码：';
  sheet.getCell('B2').value = uscc;
  if (period) sheet.getCell('A3').value = `报告期：${period}`;
  sheet.getCell('E3').value = '计量单位：千元';
  for (const [col, label] of [[1, '指标名称'], [2, '计量单位'], [3, '代码']] as const) {
    sheet.mergeCells(4, col, 5, col);
    sheet.getCell(4, col).value = label;
  }
  sheet.mergeCells(4, 4, 4, 5);
  sheet.getCell('D4').value = '本年';
  sheet.getCell('D5').value = '本月';
  sheet.getCell('E5').value = '1—本月';
  sheet.getRow(6).values = ['工业总产值', '千元', '01', month, ytd];
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb ?? null;
const noteOf = (cell: ExcelJS.Cell) => (cell.note === undefined ? '' : JSON.stringify(cell.note));

describe('bureau import: the file with the errors marked', () => {
  it('marks each located error at its cell, a block-level error on its row, lists them all, and serves it to the uploader only', async () => {
    const source = new ExcelJS.Workbook();
    block(source.addWorksheet('甲'), a.uscc, '2024年6月', '一千万', 40_000); // text in 本月: D6
    block(source.addWorksheet('乙'), b.uscc, null, 9_000, 9_000); // no period: the block, from row 2
    const response = await upload(commission, Buffer.from(await source.xlsx.writeBuffer()));
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.rejected.map((r: { sheet: string; row: number; column: string | null }) => [r.sheet, r.row, r.column])).toEqual([
      ['甲', 6, 'D'],
      ['乙', 2, null],
    ]);
    expect(result.reportId).toMatch(/^[0-9a-f-]{36}$/);

    const report = await get(commission, `/api/monthly-reports/import-reports/${result.reportId}`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe(XLSX_MIME);
    expect(decodeURIComponent(String(report.headers['content-disposition']))).toContain('统计局B204-错误报告.xlsx');
    const marked = new ExcelJS.Workbook();
    await marked.xlsx.load(report.rawPayload as never);

    const first = marked.getWorksheet('甲')!;
    expect(fillOf(first.getCell('D6'))).toBe('FFFFC7CE');
    expect(noteOf(first.getCell('D6'))).toContain('不是数字');
    for (const clean of ['A6', 'C6', 'E6', 'D5', 'B2']) {
      expect(fillOf(first.getCell(clean)), clean).toBeNull();
      expect(noteOf(first.getCell(clean)), clean).toBe('');
    }
    expect(first.getCell('D6').value).toBe('一千万');

    const second = marked.getWorksheet('乙')!;
    expect(fillOf(second.getCell('A2'))).toBe('FFFFC7CE');
    expect(noteOf(second.getCell('A2'))).toContain('报告期');
    expect(fillOf(second.getCell('D6'))).toBeNull();

    const list = marked.getWorksheet('错误说明')!;
    const rows: unknown[][] = [];
    list.eachRow((row, i) => i > 1 && rows.push((row.values as unknown[]).slice(1, 4)));
    expect(rows).toEqual([
      ['甲', 6, 'D'],
      ['乙', 2, ''],
    ]);

    // Someone else, even with the same role, does not get it.
    expect((await get(otherCommission, `/api/monthly-reports/import-reports/${result.reportId}`)).statusCode).toBe(404);

    // Corrected in the marked copy and uploaded again: the 错误说明 sheet is not read as data.
    first.getCell('D6').value = 40_000;
    second.getCell('A3').value = '报告期：2024年6月';
    const again = (await upload(commission, Buffer.from(await marked.xlsx.writeBuffer()))).json();
    expect(again).toMatchObject({ rejected: [], imported: 2, reportId: null });
  });

  it('converts column letters as Excel numbers them', () => {
    expect(['A', 'D', 'Z', 'AA', 'AZ', 'BA', 'XFD'].map(columnNumber)).toEqual([1, 4, 26, 27, 52, 53, 16_384]);
  });
});
