import type { ColumnSpec } from './columns.ts';

/**
 * Header cells are matched to columns regardless of order, spacing, full-width characters, case and the
 * "*" that marks required columns: "统一社会信用代码 *", "统一社会信用代码（必填）" and " 统一 社会信用代码" all match.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/\((必填|选填|required|optional)\)/gi, '')
    .replace(/[*＊]/g, '')
    .toLowerCase();
}

export interface HeaderMatch {
  /** column key → 1-based sheet column number */
  columns: Map<string, number>;
  unknown: { column: number; header: string }[];
  duplicates: { column: number; header: string }[];
  missingRequired: ColumnSpec[];
}

export function matchHeaders(headerCells: readonly { column: number; text: string }[], specs: readonly ColumnSpec[]): HeaderMatch {
  const byName = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    byName.set(normalizeHeader(spec.header), spec);
    for (const alias of spec.aliases ?? []) byName.set(normalizeHeader(alias), spec);
  }
  const columns = new Map<string, number>();
  const unknown: HeaderMatch['unknown'] = [];
  const duplicates: HeaderMatch['duplicates'] = [];
  for (const cell of headerCells) {
    const name = normalizeHeader(cell.text);
    if (!name) continue;
    const spec = byName.get(name);
    if (!spec) {
      // The error-report column we add is not data (a re-imported error report still imports).
      if (name !== normalizeHeader(ERROR_COLUMN_HEADER)) unknown.push({ column: cell.column, header: cell.text });
      continue;
    }
    if (columns.has(spec.key)) duplicates.push({ column: cell.column, header: cell.text });
    else columns.set(spec.key, cell.column);
  }
  const missingRequired = specs.filter((s) => s.required && !columns.has(s.key));
  return { columns, unknown, duplicates, missingRequired };
}

/** The column the error report adds to the original workbook. */
export const ERROR_COLUMN_HEADER = '错误说明';
