import { INDICATOR_CODES, MONEY_UNITS, type IndicatorCode, type MoneyUnit } from '../../../../contracts/indicators.ts';
import { toStorageWan } from '../statistics/units.ts';

/**
 * Reading the statistics bureau's monthly files into per-enterprise figures, pure (the caller turns the
 * workbook into grids). Two layouts:
 *
 *  - B204-1 (工业产销总值及主要产品产量): per enterprise a block whose header rows carry the 统一社会信用代码 and
 *    the report period, then a table 指标名称 | 计量单位 | 代码 | 本年本月 | 本年1—本月 | 上年同期本月 | 上年同期1—本月
 *    (header cells may be merged over two rows), money in 千元. One block per sheet, or several on one sheet.
 *    Rows are recognised by their code (01 工业总产值, 03 工业销售产值, 04 出口交货值) or their name.
 *  - flat: one row per enterprise × month, columns 统一社会信用代码 | 期间 | 计量单位 | one column per indicator.
 *
 * Units are detected per row (计量单位 column) or from a "单位：千元" note, and converted to 万元 exactly.
 * Every problem is reported with its sheet, row and column as Excel numbers them; nothing is guessed.
 */

export type Cell = string | number | null;
export interface Grid {
  name: string;
  /** rows[r][c], 0-based; merged cells already carry the master cell's value. */
  rows: Cell[][];
}

export interface LocatedError {
  sheet: string;
  row: number;
  column: string | null;
  value: string | null;
  message: string;
  messageEn: string;
}

export interface BureauFigures {
  month: string | null;
  ytd: string | null;
  lastYearMonth: string | null;
  lastYearYtd: string | null;
}

export interface EnterpriseMonth {
  sheet: string;
  /** Excel row of the block's code (or of the flat row). */
  row: number;
  uscc: string;
  year: number;
  month: number;
  layout: 'b204-1' | 'flat';
  /** Per indicator, the figures the file gives, in 万元 (exact decimal text); the Excel row and columns of each. */
  figures: Partial<Record<IndicatorCode, BureauFigures & { row: number; monthColumn: string | null; ytdColumn: string | null }>>;
}

export interface ParsedBureauFile {
  layout: 'b204-1' | 'flat';
  items: EnterpriseMonth[];
  errors: LocatedError[];
}

const colName = (c: number): string => {
  let n = c + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};
const text = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v).replace(/\s+/g, ''));

const USCC_PATTERN = /[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}/;
const PERIOD_PATTERN = /(\d{4})年(?:1[-—－~～至])?(\d{1,2})月/;
const ROW_CODES: Record<string, IndicatorCode> = { '01': 'output', '1': 'output', '03': 'sales', '3': 'sales', '04': 'export', '4': 'export' };
const ROW_NAMES: [RegExp, IndicatorCode][] = [
  [/工业总产值/, 'output'],
  [/工业销售产值/, 'sales'],
  [/出口交货值/, 'export'],
  [/营业收入/, 'revenue'],
  [/利润总额/, 'profit'],
  [/税收|应交税费/, 'tax'],
  [/研发费用/, 'rd'],
  [/综合能源消费量/, 'energy'],
  [/从业人员/, 'employees'],
];
const ZH_NAMES: Record<IndicatorCode, string> = {
  output: '工业总产值',
  sales: '工业销售产值',
  export: '出口交货值',
  revenue: '营业收入',
  profit: '利润总额',
  tax: '税收',
  rd: '研发费用',
  energy: '综合能源消费量',
  employees: '从业人员期末人数',
};

function unitOf(raw: string): MoneyUnit | null {
  const t = raw.replace(/[()（）\s]/g, '');
  if (t === '') return null;
  return (MONEY_UNITS as readonly string[]).includes(t) ? (t as MoneyUnit) : null;
}

/** A numeric cell → 万元 text; null for an empty cell; an error message for text or a bad unit. */
function amountOf(v: Cell | undefined, unit: MoneyUnit | null, indicator: IndicatorCode): { ok: true; value: string | null } | { ok: false; zh: string; en: string } {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return { ok: true, value: null };
  const raw = typeof v === 'number' ? v : v.trim().replace(/,/g, '');
  const isMoney = indicator !== 'energy' && indicator !== 'employees';
  if (typeof raw === 'string' && !/^[+-]?\d+(\.\d+)?$/.test(raw)) {
    return { ok: false, zh: `“${String(v)}”不是数字`, en: `"${String(v)}" is not a number` };
  }
  if (!isMoney) return { ok: true, value: String(raw) };
  if (!unit) return { ok: false, zh: '无法识别计量单位（应为元、千元、万元或亿元）', en: 'unknown unit (expected 元, 千元, 万元 or 亿元)' };
  const stored = toStorageWan(raw, unit);
  return stored ? { ok: true, value: stored.text } : { ok: false, zh: `“${String(v)}”不是数字`, en: `"${String(v)}" is not a number` };
}

interface ColumnMap {
  name: number;
  unit: number | null;
  code: number | null;
  month: number | null;
  ytd: number | null;
  lastMonth: number | null;
  lastYtd: number | null;
}

/** Finds the table header at `r` (the row with 指标名称), reading a second header row for merged headers. */
function headerColumns(rows: Cell[][], r: number): ColumnMap | null {
  const top = rows[r] ?? [];
  const next = rows[r + 1] ?? [];
  const width = Math.max(top.length, next.length);
  const labels = Array.from({ length: width }, (_, c) => text(top[c]) + (text(next[c]) !== text(top[c]) ? text(next[c]) : ''));
  const find = (test: (l: string) => boolean) => {
    const i = labels.findIndex(test);
    return i < 0 ? null : i;
  };
  const name = find((l) => l.includes('指标名称'));
  if (name === null) return null;
  const cumulative = (l: string) => /1[-—－~～至]?本月|累计/.test(l);
  return {
    name,
    unit: find((l) => l.includes('计量单位') || l === '单位'),
    code: find((l) => l === '代码' || l.startsWith('代码') || l.endsWith('代码')),
    month: find((l) => !l.includes('上年') && l.includes('本月') && !cumulative(l)),
    ytd: find((l) => !l.includes('上年') && cumulative(l)),
    lastMonth: find((l) => l.includes('上年') && l.includes('本月') && !cumulative(l)),
    lastYtd: find((l) => l.includes('上年') && cumulative(l)),
  };
}

/** Parses one sheet in the B204-1 layout: every enterprise block on it. */
export function parseB204Sheet(grid: Grid): { items: EnterpriseMonth[]; errors: LocatedError[] } {
  const items: EnterpriseMonth[] = [];
  const errors: LocatedError[] = [];
  const rows = grid.rows;
  const err = (row: number, col: number | null, value: Cell | undefined, zh: string, en: string) =>
    errors.push({ sheet: grid.name, row: row + 1, column: col === null ? null : colName(col), value: value === null || value === undefined ? null : String(value), message: zh, messageEn: en });

  // Block starts: rows naming the credit code (统一社会信用代码 … 18 characters, in the same or a later cell).
  const starts: { row: number; uscc: string | null; col: number }[] = [];
  rows.forEach((cells, r) => {
    const c = cells.findIndex((v) => text(v).includes('统一社会信用代码'));
    if (c < 0) return;
    const joined = cells.slice(c).map(text).join('');
    starts.push({ row: r, uscc: USCC_PATTERN.exec(joined.replace('统一社会信用代码', ''))?.[0] ?? null, col: c });
  });
  if (starts.length === 0) {
    err(0, null, null, '未找到“统一社会信用代码”表头行，无法识别企业', 'no 统一社会信用代码 header row: the enterprise cannot be identified');
    return { items, errors };
  }
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.row : rows.length;
    const block = rows.slice(0, end);
    if (!start.uscc) {
      err(start.row, start.col, rows[start.row]?.[start.col], '统一社会信用代码缺失或格式不正确', 'the credit code is missing or malformed');
      return;
    }
    // The period and a unit note ("单位：千元") sit in the header rows above the table.
    let period: { year: number; month: number } | null = null;
    let defaultUnit: MoneyUnit | null = null;
    let headerRow = -1;
    for (let r = Math.max(0, i === 0 ? 0 : start.row); r < end; r++) {
      const line = (block[r] ?? []).map(text).join('');
      if (headerRow < 0 && line.includes('指标名称')) {
        headerRow = r;
        break;
      }
      const p = PERIOD_PATTERN.exec(line);
      if (p && !period) period = { year: Number(p[1]), month: Number(p[2]) };
      const u = /(?:计量)?单位[:：]?(元|千元|万元|亿元)/.exec(line);
      if (u) defaultUnit = u[1] as MoneyUnit;
    }
    if (!period || period.month < 1 || period.month > 12) {
      err(start.row, null, null, '表头中未找到报告期（如“2024年3月”）', 'no report period (e.g. 2024年3月) in the header rows');
      return;
    }
    if (headerRow < 0) {
      err(start.row, null, null, '未找到“指标名称”表头', 'no 指标名称 header row');
      return;
    }
    const cols = headerColumns(block, headerRow);
    if (!cols || (cols.month === null && cols.ytd === null)) {
      err(headerRow, null, null, '缺少“本年本月”或“本年1—本月”列', 'neither a 本年本月 nor a 本年1—本月 column');
      return;
    }
    const item: EnterpriseMonth = { sheet: grid.name, row: start.row + 1, uscc: start.uscc, year: period.year, month: period.month, layout: 'b204-1', figures: {} };
    let recognised = 0;
    for (let r = headerRow + 1; r < end; r++) {
      const cells = block[r] ?? [];
      const code = cols.code === null ? '' : text(cells[cols.code]);
      const name = text(cells[cols.name]);
      const indicator = ROW_CODES[code] ?? ROW_NAMES.find(([re]) => re.test(name))?.[1];
      if (!indicator) continue;
      recognised++;
      const rowUnit = cols.unit === null ? null : text(cells[cols.unit]);
      const unit = rowUnit ? unitOf(rowUnit) : defaultUnit;
      const isMoney = indicator !== 'energy' && indicator !== 'employees';
      if (isMoney && rowUnit && !unit) {
        err(r, cols.unit, cells[cols.unit!], `无法识别计量单位“${rowUnit}”（应为元、千元、万元或亿元）`, `unknown unit "${rowUnit}" (expected 元, 千元, 万元 or 亿元)`);
        continue;
      }
      const figures = { month: null, ytd: null, lastYearMonth: null, lastYearYtd: null, row: r + 1, monthColumn: cols.month === null ? null : colName(cols.month), ytdColumn: cols.ytd === null ? null : colName(cols.ytd) } as BureauFigures & { row: number; monthColumn: string | null; ytdColumn: string | null };
      let bad = false;
      for (const [key, col] of [['month', cols.month], ['ytd', cols.ytd], ['lastYearMonth', cols.lastMonth], ['lastYearYtd', cols.lastYtd]] as const) {
        if (col === null) continue;
        const parsed = amountOf(cells[col], unit, indicator);
        if (!parsed.ok) {
          err(r, col, cells[col], `${ZH_NAMES[indicator]}：${parsed.zh}`, `${indicator}: ${parsed.en}`);
          bad = true;
        } else figures[key] = parsed.value;
      }
      if (!bad) item.figures[indicator] = figures;
    }
    if (recognised === 0) {
      err(headerRow, null, null, '表中没有可识别的指标行（代码 01、03、04 或指标名称）', 'no recognisable indicator rows (codes 01, 03, 04 or names)');
      return;
    }
    // A block whose every row was rejected has nothing left to import; its rows are reported already.
    if (Object.keys(item.figures).length > 0) items.push(item);
  });
  return { items, errors };
}

/** Parses a flat sheet: 统一社会信用代码 | 期间 | 计量单位 (optional, default 万元) | indicator columns (by Chinese name or code). */
export function parseFlatSheet(grid: Grid): { items: EnterpriseMonth[]; errors: LocatedError[] } {
  const items: EnterpriseMonth[] = [];
  const errors: LocatedError[] = [];
  const header = (grid.rows[0] ?? []).map(text);
  const err = (row: number, col: number | null, value: Cell | undefined, zh: string, en: string) =>
    errors.push({ sheet: grid.name, row: row + 1, column: col === null ? null : colName(col), value: value === null || value === undefined ? null : String(value), message: zh, messageEn: en });
  const usccCol = header.findIndex((h) => h.includes('统一社会信用代码') || h.toLowerCase() === 'uscc');
  const periodCol = header.findIndex((h) => h.includes('期间') || h.includes('报告期') || h.toLowerCase() === 'period');
  const unitCol = header.findIndex((h) => h.includes('计量单位') || h.toLowerCase() === 'unit');
  const indicatorCols = INDICATOR_CODES.map((code) => [code, header.findIndex((h) => h.startsWith(ZH_NAMES[code]) || h.toLowerCase() === code)] as const).filter(([, c]) => c >= 0);
  if (usccCol < 0) err(0, null, null, '缺少“统一社会信用代码”列', 'missing column 统一社会信用代码');
  if (periodCol < 0) err(0, null, null, '缺少“期间”列（YYYY-MM）', 'missing column 期间 (YYYY-MM)');
  if (indicatorCols.length === 0) err(0, null, null, '没有指标列（如“工业总产值”）', 'no indicator columns (e.g. 工业总产值)');
  if (errors.length) return { items, errors };
  for (let r = 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    if (cells.every((c) => text(c) === '')) continue;
    const uscc = text(cells[usccCol]).toUpperCase();
    if (!USCC_PATTERN.test(uscc) || uscc.length !== 18) {
      err(r, usccCol, cells[usccCol], '统一社会信用代码缺失或格式不正确', 'the credit code is missing or malformed');
      continue;
    }
    const p = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text(cells[periodCol]));
    const month = p ? Number(p[2]) : 0;
    if (!p || month < 1 || month > 12) {
      err(r, periodCol, cells[periodCol], '期间应为 YYYY-MM', 'the period must be YYYY-MM');
      continue;
    }
    const unitText = unitCol >= 0 ? text(cells[unitCol]) : '';
    const unit = unitText ? unitOf(unitText) : '万元';
    if (!unit) {
      err(r, unitCol, cells[unitCol], `无法识别计量单位“${unitText}”`, `unknown unit "${unitText}"`);
      continue;
    }
    const item: EnterpriseMonth = { sheet: grid.name, row: r + 1, uscc, year: Number(p[1]), month, layout: 'flat', figures: {} };
    let bad = false;
    for (const [code, col] of indicatorCols) {
      const parsed = amountOf(cells[col], unit, code);
      if (!parsed.ok) {
        err(r, col, cells[col], `${ZH_NAMES[code]}：${parsed.zh}`, `${code}: ${parsed.en}`);
        bad = true;
      } else if (parsed.value !== null) item.figures[code] = { month: parsed.value, ytd: null, lastYearMonth: null, lastYearYtd: null, row: r + 1, monthColumn: colName(col), ytdColumn: null };
    }
    if (!bad) items.push(item);
  }
  return { items, errors };
}

/**
 * The explanation sheet of the flat template (monthly-report.template.ts), named like the registry templates'
 * one. It is prose about the columns, not data, so it is neither parsed nor used to detect the layout.
 */
export const TEMPLATE_NOTES_SHEET = '填写说明';

/**
 * The list of problems that the marked copy of an uploaded file carries (monthly-report.error-report.ts). Its
 * messages name credit codes and periods, so it must never be read as data when the corrected copy comes back.
 */
export const MARKED_ERRORS_SHEET = '错误说明';

/** B204-1 when any sheet names 指标名称 and a credit code in its header rows; flat otherwise. */
export function parseBureauFile(allGrids: readonly Grid[]): ParsedBureauFile {
  const grids = allGrids.filter((g) => g.name !== TEMPLATE_NOTES_SHEET && g.name !== MARKED_ERRORS_SHEET);
  const isB204 = grids.some((g) => g.rows.slice(0, 40).some((row) => row.some((c) => text(c).includes('指标名称'))));
  const items: EnterpriseMonth[] = [];
  const errors: LocatedError[] = [];
  for (const grid of grids) {
    if (grid.rows.every((row) => row.every((c) => text(c) === ''))) continue;
    const result = isB204 ? parseB204Sheet(grid) : parseFlatSheet(grid);
    // One by one: spreading a sheet's 200 000 rows into push() passes them as arguments and overflows the stack.
    for (const item of result.items) items.push(item);
    for (const error of result.errors) errors.push(error);
  }
  return { layout: isB204 ? 'b204-1' : 'flat', items, errors };
}
