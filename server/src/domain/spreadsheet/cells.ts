import type { CellValue, ColumnSpec } from './columns.ts';
import { joinListItems, parseListCell } from './list-cells.ts';

/**
 * Cell values as a workbook parser returns them (exceljs: rich text, formulas with cached results,
 * hyperlinks, errors, dates) reduced to plain values. Pure.
 */
export function plainCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    // A formula is never evaluated: only its cached result (what the user saw) is read.
    if ('formula' in v || 'sharedFormula' in v) return plainCellValue(v.result);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return null;
}

/** Undoes the export's formula escaping, so export → import round-trips ("'=A1" back to "=A1"). */
export function unescapeSpreadsheetText(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** The message for a column whose allowed values come from reference data that the database does not hold. */
export const REFERENCE_DATA_MISSING = (header: string): string =>
  `“${header}”没有可选值：数据库中缺少参考数据（领域、功能区等）。启动服务（npx biomfg serve）或运行任一数据命令（如 npx biomfg import）会自动载入 / ` +
  `no allowed values for "${header}": the reference data (domains, zones …) is missing from the database; starting the server (npx biomfg serve) or any data command (e.g. npx biomfg import) loads it`;

export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

export type ParsedCell = { ok: true; value: unknown } | { ok: false; message: string };

const TRUE_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const FALSE_WORDS = new Set(['否', 'n', 'no', 'false', '0', '×', '✗']);

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in). */
function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const ms = Math.round((serial - 25_569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

function dateText(value: CellValue): string | null {
  if (value instanceof Date) {
    // Date cells arrive as UTC midnight of the calendar date shown in the sheet.
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') return excelSerialToIso(value);
  const s = String(value).normalize('NFKC').trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

function normalizeLabel(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * One cell into the value the contract expects for its column. Blank cells become null (the contract decides
 * whether the field is required). Type mistakes get a Chinese message naming what was expected.
 */
export function parseCell(spec: ColumnSpec, raw: CellValue): ParsedCell {
  if (isBlank(raw)) return { ok: true, value: spec.kind === 'list' ? [] : null };
  const text = typeof raw === 'string' ? unescapeSpreadsheetText(raw.trim()) : raw;
  switch (spec.kind) {
    case 'text':
      return { ok: true, value: text instanceof Date ? text.toISOString().slice(0, 10) : String(text) };
    case 'number': {
      if (typeof text === 'number') return Number.isFinite(text) ? { ok: true, value: text } : { ok: false, message: '应为数字' };
      const n = Number(String(text).normalize('NFKC').replace(/[,\s]/g, ''));
      return Number.isFinite(n) && String(text).trim() !== '' ? { ok: true, value: n } : { ok: false, message: `应为数字，实际为“${String(text)}”` };
    }
    case 'date': {
      const iso = dateText(text);
      return iso ? { ok: true, value: iso } : { ok: false, message: `日期格式有误，应为 YYYY-MM-DD（如 2024-03-15），实际为“${String(text)}”` };
    }
    case 'boolean': {
      const word = normalizeLabel(String(text));
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, message: `应填“是”或“否”，实际为“${String(text)}”` };
    }
    case 'enum': {
      const word = normalizeLabel(String(text));
      const option = spec.options?.find((o) => normalizeLabel(o.label) === word || normalizeLabel(o.value) === word);
      if (option) return { ok: true, value: option.value };
      // An empty list means the reference data (domains, zones …) was never loaded, not that the cell is wrong.
      if (spec.options !== undefined && spec.options.length === 0) return { ok: false, message: REFERENCE_DATA_MISSING(spec.header) };
      return { ok: false, message: `应为以下之一：${(spec.options ?? []).map((o) => o.label).join('、')}；实际为“${String(text)}”` };
    }
    case 'list':
      // Line breaks are looked for before trimming: a trailing one marks a single item (see joinListItems).
      return parseListCell(String(text), spec.options, typeof raw === 'string' && /[\r\n]/.test(raw));
  }
}

/** The value a column shows in an export or error report (enum codes back to their labels). */
export function displayValue(spec: ColumnSpec, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (spec.kind === 'enum') return spec.options?.find((o) => o.value === value)?.label ?? String(value);
  if (spec.kind === 'boolean') return value ? '是' : '否';
  if (spec.kind === 'list' && Array.isArray(value)) {
    const labels = value.map((v) => spec.options?.find((o) => o.value === v)?.label ?? String(v));
    const text = joinListItems(labels, Boolean(spec.options));
    // Labels can join into another label (甲 + 乙 = "甲、乙"): when the cell would read back otherwise, one
    // label per line, which the import reads item by item.
    if (spec.options && !text.includes('\n')) {
      const back = parseListCell(text, spec.options);
      if (!back.ok || back.value.length !== value.length || back.value.some((v, i) => v !== String(value[i]))) return labels.join('\n');
    }
    return text;
  }
  if (spec.kind === 'number') return typeof value === 'number' ? value : Number(value);
  return String(value);
}
