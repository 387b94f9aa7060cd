import ExcelJS from 'exceljs';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { displayValue } from '../../domain/spreadsheet/cells.ts';
import { toCsv } from '../../domain/spreadsheet/csv.ts';
import { escapeSpreadsheetText } from '../../lib/spreadsheet.ts';
import { loadReferenceIndex } from '../registry-common/index.ts';
import type { RegistryEntity } from './entity.ts';

export type ExportFormat = 'xlsx' | 'csv';

/** Row cap of one export (a larger one is a backup, not a list view). */
export const EXPORT_LIMIT = 100_000;

export interface ExportFile {
  body: Buffer;
  rows: number;
  contentType: string;
  fileName: string;
}

/**
 * Exports the rows of `entity` that `actor` may read, with the list view's filters, in the import template's
 * columns (so an export can be edited and imported back). Numbers stay numeric cells; every string that a
 * spreadsheet would evaluate (= + - @ tab CR at the start) is escaped; CSV is UTF-8 with a BOM.
 */
export async function runExport(db: Db, actor: Actor, entity: RegistryEntity<never>, filter: Record<string, unknown>, format: ExportFormat, today: string): Promise<ExportFile> {
  const index = await loadReferenceIndex(db);
  const columns = entity.columns(index);
  const table: (string | number | null)[][] = [];
  for await (const record of entity.exportRows(db, actor, filter, index, today)) {
    table.push(columns.map((c) => displayValue(c, record[c.key])));
    if (table.length >= EXPORT_LIMIT) break;
  }
  const stem = `${entity.sheetName}-${today}`;
  if (format === 'csv') {
    return { body: Buffer.from(toCsv(columns.map((c) => c.header), table), 'utf8'), rows: table.length, contentType: 'text/csv; charset=utf-8', fileName: `${stem}.csv` };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(entity.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.kind === 'text') sheet.getColumn(i + 1).numFmt = '@';
    // A list whose items contain a separator is written one item per line (see joinListItems): show the lines.
    if (c.kind === 'list') sheet.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  for (const values of table) sheet.addRow(values.map((v) => (typeof v === 'string' ? escapeSpreadsheetText(v) : v)));
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    rows: table.length,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${stem}.xlsx`,
  };
}
