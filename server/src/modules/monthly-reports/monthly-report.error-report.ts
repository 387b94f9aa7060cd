import { MARKED_ERRORS_SHEET } from '../../domain/monthly-import/bureau-sheets.ts';
import { escapeSpreadsheetText } from '../../lib/spreadsheet.ts';
import { markSheetProblems, type SheetProblem, loadWorkbook } from '../registry-io/index.ts';
import type { MonthlyImportResult } from './monthly-report.import.ts';

export type LocatedRejection = MonthlyImportResult['rejected'][number];

/** 'A' → 1, 'AA' → 27: the importer locates cells by Excel's column letters. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * The uploaded bureau file with its errors marked, with the registries' marking (markSheetProblems): every
 * located cell filled red with a comment, on its own sheet; a problem about a whole block or row on the row's
 * first filled cell. No 错误说明 column is added to the data sheets — a B204-1 block is read by position and
 * by the words in its header rows, which an added column of messages could disturb — so the list of all
 * problems goes on a 错误说明 sheet that the importer skips. Fix the red cells and import the file again.
 */
export async function buildMonthlyErrorReport(original: Buffer, rejected: readonly LocatedRejection[]): Promise<Buffer> {
  const workbook = await loadWorkbook(original);
  const previous = workbook.getWorksheet(MARKED_ERRORS_SHEET);
  if (previous) workbook.removeWorksheet(previous.id);

  const bySheet = new Map<string, SheetProblem[]>();
  for (const r of rejected) {
    const problem = { row: r.row, colNumber: r.column ? columnNumber(r.column) : null, column: r.column, message: r.message };
    bySheet.set(r.sheet, [...(bySheet.get(r.sheet) ?? []), problem]);
  }
  for (const [name, problems] of bySheet) {
    const sheet = workbook.getWorksheet(name);
    if (sheet) markSheetProblems(sheet, problems, { summary: 'none' });
  }

  const list = workbook.addWorksheet(MARKED_ERRORS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: '工作表', width: 16 },
    { header: '行', width: 6 },
    { header: '列', width: 6 },
    { header: '内容', width: 20 },
    { header: '问题', width: 80 },
  ];
  list.getRow(1).font = { bold: true, color: { argb: 'FFC00000' } };
  // The file's own text is echoed: escaped like every export, so no spreadsheet evaluates it.
  for (const r of rejected) list.addRow([escapeSpreadsheetText(r.sheet), r.row, r.column ?? '', escapeSpreadsheetText(r.value ?? ''), r.message]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
