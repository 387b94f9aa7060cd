import { escapeSpreadsheetText } from '../../lib/spreadsheet.ts';

/**
 * CSV for Excel and WPS on Chinese Windows: UTF-8 with a byte-order mark (without it Excel reads GBK and
 * shows mojibake), CRLF line ends, RFC 4180 quoting, and the same formula escaping as the .xlsx export.
 */
export const UTF8_BOM = '\ufeff';

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : escapeSpreadsheetText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(headers: readonly string[], rows: Iterable<readonly (string | number | null | undefined)[]>): string {
  const lines = [headers.map(field).join(',')];
  for (const row of rows) lines.push(row.map(field).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
