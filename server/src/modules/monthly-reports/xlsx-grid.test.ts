import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exceljsGrids } from './monthly-report.import.ts';
import { readWorkbookGrids, UnsupportedWorkbook } from './xlsx-grid.ts';

// The fast reader against exceljs itself, on workbooks with everything a bureau file may hold.

async function bytes(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('workbook grids read from the XML', () => {
  it('equal exceljs’s: merged headers, dates in several formats, rich text, formulas, booleans, errors, entities, hidden sheets', async () => {
    const buffer = await bytes((wb) => {
      const a = wb.addWorksheet('企业甲');
      a.mergeCells(1, 1, 1, 7);
      a.getCell(1, 1).value = '工业产销总值及主要产品产量';
      a.mergeCells(4, 4, 4, 5);
      a.getCell(4, 4).value = '本年';
      a.getCell(4, 6).value = 'x';
      a.mergeCells(4, 6, 5, 6); // a vertical merge: the lower cell reads the master's value
      a.getCell(2, 1).value = '统一社会信用代码：';
      a.getCell(2, 2).value = '91310116MA1J8XXXX0';
      a.getCell(3, 1).value = { richText: [{ text: '报告期：' }, { font: { bold: true }, text: '2024年3月' }] };
      a.getCell(6, 1).value = 'A & B < C > "D" \'E\'';
      a.getCell(6, 2).value = 1234.5678;
      a.getCell(6, 3).value = -0.0001;
      a.getCell(6, 4).value = { formula: 'B6*2', result: 2469.1356 };
      a.getCell(6, 5).value = { formula: 'B6>0', result: true };
      a.getCell(6, 6).value = { formula: '1/0', result: { error: '#DIV/0!' } };
      a.getCell(6, 7).value = { formula: 'A6', result: '文本结果' };
      a.getCell(7, 1).value = new Date(Date.UTC(2024, 2, 15));
      a.getCell(7, 2).value = new Date(Date.UTC(2023, 11, 31));
      a.getCell(7, 2).numFmt = 'yyyy"年"m"月"d"日"';
      a.getCell(7, 3).value = 45000;
      a.getCell(7, 3).numFmt = '0.00 "万元"';
      a.getCell(7, 4).value = 45000.5;
      a.getCell(7, 4).numFmt = '[$-804]yyyy/m/d h:mm';
      a.getCell(7, 5).value = false;
      a.getCell(7, 6).value = { text: '链接', hyperlink: 'https://example.invalid/' };
      a.getCell(7, 7).value = '  前后空格  ';
      a.getCell(9, 9).value = '';
      a.getCell(11, 2).value = '第十一行';
      a.getCell(12, 12).numFmt = '0.00'; // a styled empty cell beyond the data
      const b = wb.addWorksheet('隐藏');
      b.state = 'hidden';
      b.getCell(1, 1).value = 'hidden';
      const c = wb.addWorksheet('月报');
      c.addRow(['统一社会信用代码', '期间', '工业总产值']);
      for (let i = 0; i < 50; i++) c.addRow([`91310116MA1J8${String(i).padStart(5, '0')}`, i % 2 ? `2024-${(i % 12) + 1}` : new Date(Date.UTC(2024, i % 12, 1)), i * 1.5]);
      wb.addWorksheet('空表');
    });
    const fast = readWorkbookGrids(buffer);
    expect(fast.map((g) => g.name)).toEqual(['企业甲', '月报', '空表']);
    expect(fast).toEqual(await exceljsGrids(buffer));
    // Spot checks that the comparison is about something.
    expect(fast[0]!.rows[0]![6]).toBe('工业产销总值及主要产品产量');
    expect(fast[0]!.rows[4]![5]).toBe('x');
    expect(fast[0]!.rows[3]![4]).toBe('本年');
    expect(fast[0]!.rows[6]!.slice(0, 5)).toEqual(['2024-03-15', '2023-12-31', 45000, '2023-03-15', 'false']);
  });

  it('equal exceljs’s for a 1904 date system workbook', async () => {
    const buffer = await bytes((wb) => {
      wb.properties.date1904 = true;
      const s = wb.addWorksheet('月报');
      s.getCell(1, 1).value = new Date(Date.UTC(2024, 0, 31));
      s.getCell(1, 2).value = 3;
    });
    const fast = readWorkbookGrids(buffer);
    expect(fast).toEqual(await exceljsGrids(buffer));
    expect(fast[0]!.rows[0]![0]).toBe('2024-01-31');
  });

  it('declines what it does not read plainly, so the import falls back to exceljs', () => {
    expect(() => readWorkbookGrids(Buffer.from('not a zip at all, just some bytes'.repeat(3)))).toThrow(UnsupportedWorkbook);
  });
});
