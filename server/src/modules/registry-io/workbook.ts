import ExcelJS from 'exceljs';
import { AppError } from '../../app/errors.ts';
import { plainCellValue } from '../../domain/spreadsheet/cells.ts';
import { checkWorkbookUpload, type UploadLimits } from '../../domain/spreadsheet/upload-check.ts';
import { NOTES_SHEET } from './template.ts';

export class ImportRefused extends AppError {
  constructor(
    readonly reason: string,
    messageZh: string,
    messageEn: string,
    entry: string | null = null,
  ) {
    super(reason === 'too-large' || reason === 'too-many-rows' ? 413 : 400, 'IMPORT_REFUSED', messageZh, messageEn, [{ rule: reason, path: entry ?? undefined, message: messageZh, messageEn }]);
  }
}

/**
 * Everything that must hold before exceljs or the fast sheet reader may parse the bytes (size, content type,
 * zip directory, streamed inflation with a hard stop, and — with `maxRows` — the rows of every sheet, counted
 * while inflating; see lib/upload-guard.ts); throws ImportRefused otherwise.
 */
export async function assertSafeWorkbook(buffer: Buffer, limits: UploadLimits, maxRows?: number): Promise<void> {
  const check = await checkWorkbookUpload(buffer, limits, maxRows);
  if (!check.ok) throw new ImportRefused(check.reason, check.messageZh, check.messageEn, check.entry);
}

export async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as never);
  } catch {
    throw new ImportRefused('damaged', '无法读取工作簿，文件可能已损坏', 'The workbook cannot be read; the file may be damaged');
  }
  return workbook;
}

/** The sheet holding the data: the one named like the template's, else the first visible non-notes sheet. */
export function dataSheet(workbook: ExcelJS.Workbook, preferredName: string): ExcelJS.Worksheet {
  const visible = workbook.worksheets.filter((s) => s.state === 'visible' && s.name !== NOTES_SHEET);
  const sheet = workbook.getWorksheet(preferredName) ?? visible[0];
  if (!sheet) throw new ImportRefused('no-sheet', '工作簿中没有可导入的工作表', 'The workbook has no sheet to import');
  return sheet;
}

export function cellText(value: unknown): string {
  const plain = plainCellValue(value);
  if (plain === null) return '';
  if (plain instanceof Date) return plain.toISOString().slice(0, 10);
  return String(plain);
}
