import { INDICATOR_CODES, MONEY_UNITS, type IndicatorCode, type MoneyUnit } from '../../../../contracts/indicators.ts';
import { toStorageWan } from '../statistics/units.ts';

/**
 * Reading the statistics bureau's monthly files into per-enterprise figures, pure (the caller turns the
 * workbook into grids). Two layouts:
 *
 *  - B204-1 (工业产销总值及主要产品产量): per enterprise a block whose header rows carry the 统一社会信用代码 and
 *    the report period, then a table 指标名称 | 计量单位 | 代码 | 本年本月 | 本年1—本月 | 上年同期本月 | 上年同期1—本月
 *    (header cells may be merged over two rows), money in 千元. One block per sheet, or several on one sheet.
 *    Rows are recognised by their code (01 工业总产值, 03 工业销售产值, 04 出口交货值) or, without a code, by their
 *    exact indicator name (enumeration, 其中： and (当年价格) aside), never by a part of a longer label: the real
 *    form has section headings such as 二、工业总产值(当年价格)按工业行业小类分 (unit 「—」 or empty) above
 *    breakdown rows, and a heading read as 工业总产值 would overwrite row 01. Headings, breakdowns and any other
 *    label are skipped and listed as ignored rows; two rows giving one indicator refuse their block.
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

/** A row of a B204-1 table that carries no indicator figure (a heading, a breakdown, a product): skipped, listed. */
export interface IgnoredRow {
  sheet: string;
  row: number;
  label: string;
  message: string;
  messageEn: string;
}

export interface ParsedBureauFile {
  layout: 'b204-1' | 'flat';
  items: EnterpriseMonth[];
  errors: LocatedError[];
  ignored: IgnoredRow[];
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
/** Exact indicator names (after rowLabel's normalisation); a label that only contains one is not a match. */
const ROW_NAMES: ReadonlyMap<string, IndicatorCode> = new Map([
  ['工业总产值', 'output'],
  ['工业销售产值', 'sales'],
  ['出口交货值', 'export'],
  ['营业收入', 'revenue'],
  ['利润总额', 'profit'],
  ['税收', 'tax'],
  ['应交税费', 'tax'],
  ['研发费用', 'rd'],
  ['综合能源消费量', 'energy'],
  ['从业人员期末人数', 'employees'],
  ['期末从业人员', 'employees'],
]);
/**
 * A label as the form prints it, reduced to the indicator name: the enumeration (一、 (二) 3.), the 其中：
 * of a part-of row, the price basis (当年价格 / 现价) and the unit in brackets go; nothing else does.
 */
const rowLabel = (name: string): string =>
  name
    .replace(/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])/, '')
    .replace(/^其中[:：]/, '')
    .replace(/[（(](?:当年价格|现价|千元|万元|元|亿元|吨标准煤|人)[)）]$/, '');
/** Names of more than one indicator in one label (e.g. 工业总产值和工业销售产值), for the ignored-row reason. */
const namedIndicators = (label: string): IndicatorCode[] => [...new Set([...ROW_NAMES].filter(([n]) => label.includes(n)).map(([, c]) => c))];
/** A unit cell that says "not applicable": the form's heading rows carry 「—」. */
const isDash = (unit: string): boolean => /^[—–\-－―─]+$/.test(unit);
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
export function parseB204Sheet(grid: Grid): { items: EnterpriseMonth[]; errors: LocatedError[]; ignored: IgnoredRow[] } {
  const items: EnterpriseMonth[] = [];
  const errors: LocatedError[] = [];
  const ignored: IgnoredRow[] = [];
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
    return { items, errors, ignored };
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
    // The row that gave each indicator: a second row for the same one refuses the block (never last-wins).
    const rowOf = new Map<IndicatorCode, number>();
    let duplicated = false;
    const ignore = (r: number, label: string, zh: string, en: string) => ignored.push({ sheet: grid.name, row: r + 1, label, message: zh, messageEn: en });
    for (let r = headerRow + 1; r < end; r++) {
      const cells = block[r] ?? [];
      const code = cols.code === null ? '' : text(cells[cols.code]);
      const name = text(cells[cols.name]);
      // The second line of a merged header and the form's column numbering (甲 乙 丙 1 2 …) are not rows.
      if ((code === '' && name === '') || name.includes('指标名称') || (name === '甲' && code === '丙')) continue;
      const rowUnit = cols.unit === null ? null : text(cells[cols.unit]);
      const label = rowLabel(name);
      const indicator = ROW_CODES[code] ?? ROW_NAMES.get(label);
      const shown = name || code;
      if (!indicator) {
        const named = namedIndicators(label);
        if (named.length > 1) ignore(r, shown, `“${shown}”同时含有多个指标名称，未导入`, `"${shown}" names more than one indicator: not imported`);
        else if (named.length === 1) ignore(r, shown, `“${shown}”是标题或分类细目行，不是指标“${ZH_NAMES[named[0]!]}”本身，未导入`, `"${shown}" is a heading or breakdown row, not the indicator ${named[0]} itself: not imported`);
        else ignore(r, shown, `“${shown}”不是本平台采集的指标行，未导入`, `"${shown}" is not an indicator row the platform collects: not imported`);
        continue;
      }
      if (rowUnit !== null && isDash(rowUnit)) {
        ignore(r, shown, `“${shown}”的计量单位为“${rowUnit}”，是标题行，未导入`, `"${shown}" has the unit "${rowUnit}": a heading row, not imported`);
        continue;
      }
      const valueColumns = [cols.month, cols.ytd, cols.lastMonth, cols.lastYtd].filter((c): c is number => c !== null);
      if (!ROW_CODES[code] && valueColumns.every((c) => text(cells[c]) === '')) {
        ignore(r, shown, `“${shown}”没有代码也没有数值，是标题行，未导入`, `"${shown}" has neither a code nor figures: a heading row, not imported`);
        continue;
      }
      recognised++;
      const first = rowOf.get(indicator);
      if (first !== undefined) {
        err(r, cols.name, cells[cols.name], `第 ${first + 1} 行与第 ${r + 1} 行都填写“${ZH_NAMES[indicator]}”，无法确定采用哪一行，本企业本期未导入`, `rows ${first + 1} and ${r + 1} both give ${indicator}: which one is meant cannot be told, this enterprise-month is not imported`);
        duplicated = true;
        continue;
      }
      rowOf.set(indicator, r);
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
    if (!duplicated && Object.keys(item.figures).length > 0) items.push(item);
  });
  return { items, errors, ignored };
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
  const ignored: IgnoredRow[] = [];
  for (const grid of grids) {
    if (grid.rows.every((row) => row.every((c) => text(c) === ''))) continue;
    const result = isB204 ? parseB204Sheet(grid) : { ...parseFlatSheet(grid), ignored: [] };
    // One by one: spreading a sheet's 200 000 rows into push() passes them as arguments and overflows the stack.
    for (const item of result.items) items.push(item);
    for (const error of result.errors) errors.push(error);
    for (const row of result.ignored) ignored.push(row);
  }
  return { layout: isB204 ? 'b204-1' : 'flat', items, errors, ignored };
}
