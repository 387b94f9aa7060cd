import { ERROR_COLUMN_HEADER, normalizeHeader } from '../../domain/spreadsheet/headers.ts';
import type { RejectedCell } from './import.ts';
import { cellText, dataSheet, loadWorkbook } from './workbook.ts';

const RED_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } as const;

/**
 * The uploaded workbook itself, with its errors marked: each bad cell filled red with a comment giving the
 * message, and an 错误说明 column listing every problem of the row (row-level problems such as duplicates
 * included). The user fixes the red cells and imports the same file again; the 错误说明 column is ignored then.
 * Only called for a workbook that already passed the safety checks of the import.
 */
export async function buildErrorReport(original: Buffer, sheetName: string, rejected: readonly RejectedCell[]): Promise<Buffer> {
  const workbook = await loadWorkbook(original);
  const sheet = dataSheet(workbook, sheetName);
  const header = sheet.getRow(1);
  let errorColumn = 0;
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

  const byRow = new Map<number, RejectedCell[]>();
  for (const r of rejected) byRow.set(r.row, [...(byRow.get(r.row) ?? []), r]);
  for (const [rowNumber, problems] of byRow) {
    const row = sheet.getRow(rowNumber);
    const notes = new Map<number, string[]>();
    for (const p of problems) if (p.colNumber) notes.set(p.colNumber, [...(notes.get(p.colNumber) ?? []), p.message]);
    for (const [column, messages] of notes) {
      const cell = row.getCell(column);
      cell.fill = RED_FILL;
      cell.note = messages.join('\n');
    }
    const summary = row.getCell(errorColumn);
    summary.value = problems.map((p) => (p.column ? `【${p.column}】${p.message}` : p.message)).join('；');
    summary.fill = RED_FILL;
    summary.alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
