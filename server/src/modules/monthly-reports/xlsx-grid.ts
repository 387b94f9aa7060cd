import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import type { Grid } from '../../domain/monthly-import/bureau-sheets.ts';
import { readZipDirectory, type ZipEntry } from '../../domain/spreadsheet/zip-directory.ts';
import { entryData, UPLOAD_LIMITS } from '../../lib/upload-guard.ts';
import { ImportRefused } from '../registry-io/index.ts';

/**
 * The visible sheets of a workbook as value grids, read straight from the zip's XML: a bureau file of 10 000
 * rows spends most of its import in exceljs building a full document model (styles, fonts, cell objects) that
 * the grid does not need. The values are exactly exceljs's (same date formats, date system, merged cells
 * reading their master, formula cached results, rich text joined), checked against it in xlsx-grid.test.ts.
 *
 * Anything this reader does not handle plainly — encryption, strict OOXML, cells without a reference,
 * inline dates, phonetic runs, carriage returns in text — throws UnsupportedWorkbook, and the caller reads the
 * file with exceljs instead. It runs only after the upload checks (size, zip directory, bounded inflation).
 */

export class UnsupportedWorkbook extends Error {}

type Value = Grid['rows'][number][number];

const require = createRequire(import.meta.url);
const BUILTIN_FORMATS = require('exceljs/lib/xlsx/defaultnumformats.js') as Record<number, { f: string }>;

const unsupported = (why: string): never => {
  throw new UnsupportedWorkbook(why);
};

/**
 * Zip entries by name, inflated on demand — through the one directory reader the upload guard uses, after the
 * guard has streamed every entry (so each inflates to exactly its declared size, within the caps).
 */
function zipEntries(buffer: Buffer): Map<string, () => Buffer> {
  let directory: ZipEntry[];
  try {
    directory = readZipDirectory(buffer, { maxEntries: UPLOAD_LIMITS.xlsx.maxEntries, maxUncompressedBytes: Number.MAX_SAFE_INTEGER }).entries;
  } catch (error) {
    return unsupported(`zip directory: ${(error as Error).message}`);
  }
  const entries = new Map<string, () => Buffer>();
  for (const entry of directory) {
    if (entry.flags & 1 || (entry.method !== 0 && entry.method !== 8)) unsupported('zip entry');
    entries.set(entry.name, () => {
      const data = entryData(buffer, entry) ?? unsupported('local header');
      const out = entry.method === 0 ? data : zlib.inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
      if (out.length !== entry.uncompressedSize) unsupported('size mismatch');
      return out;
    });
  }
  return entries;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(text: string): string {
  if (text.includes('\r')) unsupported('carriage return');
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e]!,
  );
}

/** One attribute: name = "value" or 'value' (matchAll copies the pattern, so one constant serves every call). */
const ATTRIBUTE = /([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(ATTRIBUTE)) out[m[1]!] = decode(m[2] ?? m[3] ?? '');
  return out;
}

/** The text of <t> elements (a plain string or the runs of rich text, joined as plainCellValue joins them). */
function textOf(xml: string): string {
  if (xml.includes('<rPh')) unsupported('phonetic runs');
  let out = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/t>)/g)) out += decode(m[1] ?? '');
  return out;
}

/** exceljs's utils.isDateFmt. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\s([^>]*?)\/?>/g)) {
    const a = attributes(m[1]!);
    custom.set(parseInt(a.numFmtId ?? '', 10), (a.formatCode ?? '').replace(/[\\](.)/g, '$1'));
  }
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b([^>]*?)\/?>/g)].map((m) => {
    const id = parseInt(attributes(m[1]!).numFmtId ?? '0', 10) || 0;
    return id !== 0 && isDateFormat(custom.get(id) ?? BUILTIN_FORMATS[id]?.f);
  });
}

/** A cell reference (A1 … XFD1048576) as numbers; anything else is unsupported. Read by character codes: once per cell. */
function address(ref: string | undefined): { row: number; col: number } {
  if (ref === undefined) return unsupported('cell reference');
  let col = 0;
  let i = 0;
  for (; i < ref.length && i < 3; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
  }
  let row = 0;
  const digitsFrom = i;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 48 || code > 57) return unsupported('cell reference');
    row = row * 10 + code - 48;
  }
  if (col === 0 || i === digitsFrom) return unsupported('cell reference');
  return { row, col };
}

/** A cell's r, s and t attributes: the generic reader per cell built a dictionary-mode object for each. */
function cellAttributes(text: string): { r?: string; s?: string; t?: string } {
  const out: { r?: string; s?: string; t?: string } = {};
  for (const m of text.matchAll(ATTRIBUTE)) {
    const name = m[1];
    if (name === 'r' || name === 's' || name === 't') out[name] = decode(m[2] ?? m[3] ?? '');
  }
  return out;
}

function readSheet(xml: string, name: string, shared: readonly string[], dates: readonly boolean[], date1904: boolean): Grid {
  const rows: Value[][] = [];
  const put = (row: number, col: number, value: Value) => {
    const cells = (rows[row - 1] ??= []);
    cells[col - 1] = value;
  };
  const data = /<sheetData[^>]*>([\s\S]*?)<\/sheetData>/.exec(xml)?.[1] ?? '';
  for (const m of data.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const a = cellAttributes(m[1]!);
    const inner = m[2] ?? '';
    const { row, col } = address(a.r);
    const type = a.t ?? 'n';
    const v = /<v(?:\s[^>]*)?>([^<]*)<\/v>/.exec(inner)?.[1];
    const formula = /<f[\s>/]/.test(inner);
    let value: Value = null;
    if (type === 's') {
      if (v === undefined) unsupported('shared string index');
      value = shared[parseInt(v!, 10)] ?? unsupported('shared string index');
    } else if (type === 'inlineStr') value = textOf(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
    else if (type === 'str') value = v === undefined ? (formula ? null : unsupported('string cell without value')) : decode(v);
    else if (type === 'b') value = v === undefined ? null : String(parseInt(v, 10) !== 0);
    else if (type === 'e') value = null;
    else if (type === 'n') {
      if (v !== undefined && v.trim() !== '') {
        const n = parseFloat(v);
        if (a.s !== undefined && dates[parseInt(a.s, 10)]) {
          const date = new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
          if (!Number.isFinite(date.getTime())) unsupported('date out of range');
          value = date.toISOString().slice(0, 10);
        } else value = n;
      } else if (v !== undefined && !formula) unsupported('empty number');
    } else unsupported(`cell type ${type}`);
    if (value !== null) put(row, col, value);
  }
  // Merged ranges: every cell reads the top-left one (exceljs replaces the others' own values).
  const merges = /<mergeCells[^>]*>([\s\S]*?)<\/mergeCells>/.exec(xml)?.[1] ?? '';
  for (const m of merges.matchAll(/<mergeCell\s([^>]*?)\/?>/g)) {
    const [from, to] = (attributes(m[1]!).ref ?? '').split(':');
    const top = address(from);
    const bottom = to ? address(to) : top;
    const master = rows[top.row - 1]?.[top.col - 1] ?? null;
    for (let r = top.row; r <= bottom.row; r++) for (let c = top.col; c <= bottom.col; c++) if (r !== top.row || c !== top.col) put(r, c, master);
  }
  return { name, rows: rectangular(rows, name) };
}

/** Dense rows up to the last row and column holding a value; trailing empty rows and columns carry nothing. */
/**
 * Cells one sheet may span (its used rows × columns). Two cells at opposite corners of a sheet make a grid of
 * 17 billion positions: refused with a clear message instead of exhausting the server's memory. A flat file
 * of 10 years × 1 000 enterprises spans about 1.6 million.
 */
export const MAX_SHEET_CELLS = 5_000_000;

export function assertSheetArea(name: string, height: number, width: number): void {
  if (height * width <= MAX_SHEET_CELLS) return;
  throw new ImportRefused(
    'sheet-too-large',
    `工作表“${name}”的使用范围过大（${height} 行 × ${width} 列，上限 ${MAX_SHEET_CELLS} 个单元格），请删除范围外的空白格式或拆分文件`,
    `Sheet "${name}" spans too many cells (${height} rows × ${width} columns; at most ${MAX_SHEET_CELLS}): clear formatting outside the data or split the file`,
  );
}

export function rectangular(rows: readonly (readonly Value[] | undefined)[], name = ''): Value[][] {
  let height = 0;
  let width = 0;
  rows.forEach((cells, r) => {
    cells?.forEach((v, c) => {
      if (v !== null && v !== undefined) {
        height = Math.max(height, r + 1);
        width = Math.max(width, c + 1);
      }
    });
  });
  assertSheetArea(name, height, width);
  return Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => rows[r]?.[c] ?? null));
}

/** The visible worksheets in workbook order, as exceljs lists them. Throws UnsupportedWorkbook when unsure. */
export function readWorkbookGrids(buffer: Buffer): Grid[] {
  const entries = zipEntries(buffer);
  const text = (name: string) => {
    const xml = entries.get(name)?.().toString('utf8') ?? null;
    // Elements with a namespace prefix (<x:c>) are valid OOXML that these patterns would not see.
    if (xml && /<[A-Za-z_][\w.-]*:(?:workbook|sheets?|worksheet|sheetData|row|c|v|f|is|t|r|sst|si|mergeCells?|styleSheet|cellXfs|xf|numFmts?)[\s>/]/.test(xml)) unsupported('prefixed elements');
    return xml;
  };
  const workbook = text('xl/workbook.xml') ?? unsupported('no xl/workbook.xml');
  if (workbook.includes('purl.oclc.org/ooxml')) unsupported('strict OOXML');
  const rels = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\s([^>]*?)\/?>/g)) {
    const a = attributes(m[1]!);
    if (a.Id && a.Target) rels.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
  }
  const date1904 = /<workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(workbook);
  const sharedXml = text('xl/sharedStrings.xml');
  const shared = sharedXml ? [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => textOf(m[1] ?? '')) : [];
  const dates = dateStyles(text('xl/styles.xml'));
  const grids: Grid[] = [];
  for (const m of workbook.matchAll(/<sheet\s([^>]*?)\/?>/g)) {
    const a = attributes(m[1]!);
    const target = rels.get(a['r:id'] ?? '') ?? unsupported('sheet relationship');
    if (!target.includes('worksheets/')) unsupported('not a worksheet');
    if ((a.state ?? 'visible') !== 'visible') continue;
    grids.push(readSheet(text(target) ?? unsupported('missing sheet part'), a.name ?? '', shared, dates, date1904));
  }
  return grids;
}
