import type ExcelJS from 'exceljs';
import { ERROR_COLUMN_HEADER, normalizeHeader } from '../../domain/spreadsheet/headers.ts';
import type { RejectedCell } from './import.ts';
import { cellText, dataSheet, loadWorkbook } from './workbook.ts';

export const ERROR_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } as const;

/** One problem to mark on a sheet: Excel's row and 1-based column (null: about the whole row). */
export interface SheetProblem {
  row: number;
  colNumber?: number | null;
  /** What the summary names the cell by (a header, or a column letter). */
  column: string | null;
  message: string;
}

export interface MarkOptions {
  /**
   * 'column': an 错误说明 column after the data lists every problem of the row (the registries' one-header-row
   * sheets, whose importer ignores that column). 'none': the caller summarises elsewhere; a problem about a
   * whole row is then noted on the row's first filled cell.
   */
  summary: 'column' | 'none';
}

/** The cell that shows a value: a merged range's master, where Excel keeps the value, fill and comment. */
const visible = (cell: ExcelJS.Cell): ExcelJS.Cell => (cell.isMerged ? cell.master : cell);

function firstFilledColumn(row: ExcelJS.Row): number {
  let first = 0;
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    if (!first && cellText(cell.value) !== '') first = column;
  });
  return first || 1;
}

/**
 * Marks problems on one sheet of a loaded workbook: each bad cell filled red with a comment giving its messages
 * (several problems of one cell share the comment), plus the summary chosen in `options`.
 */
export function markSheetProblems(sheet: ExcelJS.Worksheet, problems: readonly SheetProblem[], options: MarkOptions): void {
  let errorColumn = 0;
  if (options.summary === 'column') {
    const header = sheet.getRow(1);
    header.eachCell({ includeEmpty: false }, (cell, column) => {
      if (normalizeHeader(cellText(cell.value)) === normalizeHeader(ERROR_COLUMN_HEADER)) errorColumn = column;
    });
    if (errorColumn) {
      for (let r = 2; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(errorColumn).value = null;
    } else {
      errorColumn = Math.max(header.cellCount, sheet.columnCount) + 1;
    }
    const headerCell = header.getCell(errorColumn);
    headerCell.value = ERROR_COLUMN_HEADER;
    headerCell.font = { bold: true, color: { argb: 'FFC00000' } };
    sheet.getColumn(errorColumn).width = 60;
  }

  const byRow = new Map<number, SheetProblem[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  for (const [rowNumber, rowProblems] of byRow) {
    const row = sheet.getRow(rowNumber);
    const notes = new Map<ExcelJS.Cell, string[]>();
    for (const p of rowProblems) {
      const column = p.colNumber || (options.summary === 'none' ? firstFilledColumn(row) : null);
      if (!column) continue;
      const cell = visible(row.getCell(column));
      notes.set(cell, [...(notes.get(cell) ?? []), p.message]);
    }
    for (const [cell, messages] of notes) {
      cell.fill = ERROR_FILL;
      cell.note = messages.join('\n');
    }
    if (errorColumn) {
      const summary = row.getCell(errorColumn);
      summary.value = rowProblems.map((p) => (p.column ? `【${p.column}】${p.message}` : p.message)).join('；');
      summary.fill = ERROR_FILL;
      summary.alignment = { wrapText: true, vertical: 'top' };
    }
  }
}

/**
 * The uploaded workbook itself, with its errors marked: each bad cell filled red with a comment giving the
 * message, and an 错误说明 column listing every problem of the row (row-level problems such as duplicates
 * included). The user fixes the red cells and imports the same file again; the 错误说明 column is ignored then.
 * Only called for a workbook that already passed the safety checks of the import.
 */
export async function buildErrorReport(original: Buffer, sheetName: string, rejected: readonly RejectedCell[]): Promise<Buffer> {
  const workbook = await loadWorkbook(original);
  markSheetProblems(dataSheet(workbook, sheetName), rejected, { summary: 'column' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
