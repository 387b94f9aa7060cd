import ExcelJS from 'exceljs';

export interface SheetColumn<Row> {
  header: string;
  width?: number;
  value: (row: Row) => string | number | boolean | Date | null | undefined;
}

/**
 * A text that a spreadsheet would evaluate (= + - @, or a leading tab / carriage return) is prefixed with
 * an apostrophe-like quote so Excel and WPS show it as text (CSV/formula injection, OWASP).
 */
export function escapeSpreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Builds an .xlsx with a bold, frozen header row; numbers stay numeric cells, strings are escaped. */
export async function buildXlsx<Row>(sheetName: string, columns: SheetColumn<Row>[], rows: Iterable<Row>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(row);
        return typeof v === 'string' ? escapeSpreadsheetText(v) : (v ?? null);
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** RFC 6266 / 5987 header so Chinese file names arrive intact in every browser. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
