import { escapeSpreadsheetText } from '../../lib/spreadsheet.ts';

/**
 * CSV for Excel and WPS on Chinese Windows: UTF-8 with a byte-order mark (without it Excel reads GBK and
 * shows mojibake), CRLF line ends, RFC 4180 quoting, and the same formula escaping as the .xlsx export.
 *
 * The formula escaping is for text only. A number is written as a number: a negative profit must reach the
 * spreadsheet as -0.6004, not as the text '-0.6004. Exact decimals that arrive as strings (the database's
 * numeric text, which a JavaScript number could round) are numbers too when their column is declared numeric
 * and the string is a plain decimal; anything else in such a column is still escaped as text.
 */
export const UTF8_BOM = '\ufeff';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function field(value: string | number | null | undefined, isNumeric: boolean): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : isNumeric && PLAIN_DECIMAL.test(value) ? value : escapeSpreadsheetText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** Indexes of the columns whose decimal strings are numbers, not text. */
  numericColumns?: ReadonlySet<number>;
}

export function toCsv(headers: readonly string[], rows: Iterable<readonly (string | number | null | undefined)[]>, options: CsvOptions = {}): string {
  const numeric = options.numericColumns ?? new Set<number>();
  const lines = [headers.map((h) => field(h, false)).join(',')];
  for (const row of rows) lines.push(row.map((v, i) => field(v, numeric.has(i))).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
