import ExcelJS from 'exceljs';
import { INDICATORS, MONEY_UNITS, MONEY_UNIT_EXPONENT, type IndicatorDefinition } from '../../../../contracts/indicators.ts';
import { TEMPLATE_NOTES_SHEET } from '../../domain/monthly-import/bureau-sheets.ts';

/**
 * The flat import template of monthly figures: one row per enterprise × month, read by parseFlatSheet
 * (domain/monthly-import/bureau-sheets.ts). The headers are what that parser matches — 统一社会信用代码, 期间,
 * 计量单位 and each indicator's Chinese name at the start of its header — so the template and the importer cannot
 * drift apart without the round-trip test failing. The parser takes the header from row 1 and data from row 2:
 * no sample rows and no second header row, since either would be read as data.
 *
 * There is no 说明 column: imported figures are the bureau's and are stored as approved; the importer lists
 * the swings a 说明 would explain as warnings instead.
 */

export const MONTHLY_TEMPLATE_SHEET = '月度统计';
export const MONTHLY_TEMPLATE_FILE_NAME = '月报-导入模板.xlsx';
/** Rows that get the validations and text formats (a template is for typing in, not for 100 000 rows). */
const TEMPLATE_ROWS = 2_000;

interface TemplateColumn {
  header: string;
  width: number;
  required: boolean;
  unit: string;
  note: string;
  /** Text columns keep what is typed: a credit code of digits would otherwise become a number, 2024-03 a date. */
  text?: boolean;
  validation?: (cell: string) => ExcelJS.DataValidation;
}

const UNIT_LIST = MONEY_UNITS.join('、');

const money = (d: IndicatorDefinition): TemplateColumn => ({
  header: `${d.nameZh}（按本行单位）`,
  width: Math.max(16, d.nameZh.length * 2 + 12),
  required: false,
  unit: `${UNIT_LIST}（见“计量单位”列）`,
  note: d.allowsNegative ? '金额，可为负数（亏损）。' : '金额，不能为负数。',
  validation: () =>
    d.allowsNegative
      ? { type: 'decimal', operator: 'between', allowBlank: true, formulae: [-1e15, 1e15], showErrorMessage: true, errorStyle: 'stop', errorTitle: d.nameZh, error: '请填写数字' }
      : { type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], showErrorMessage: true, errorStyle: 'stop', errorTitle: d.nameZh, error: '请填写不小于 0 的数字' },
});

const quantity = (d: IndicatorDefinition): TemplateColumn => {
  const unitZh = d.unit === 'tce' ? '吨标准煤' : d.unit;
  const whole = d.code === 'employees';
  return {
    header: `${d.nameZh}（${unitZh}）`,
    width: Math.max(16, d.nameZh.length * 2 + 10),
    required: false,
    unit: unitZh,
    note: whole ? '期末人数，整数，不能为负数；不受“计量单位”列影响。' : '不能为负数；不受“计量单位”列影响。',
    validation: () => ({
      type: whole ? 'whole' : 'decimal',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: d.nameZh,
      error: whole ? '请填写不小于 0 的整数' : '请填写不小于 0 的数字',
    }),
  };
};

export const MONTHLY_TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  {
    header: '统一社会信用代码',
    width: 24,
    required: true,
    unit: '',
    text: true,
    note: '18 位，须为平台企业库中已登记的企业；以此识别企业。',
    validation: () => ({ type: 'textLength', operator: 'equal', allowBlank: false, formulae: [18], showErrorMessage: true, errorStyle: 'stop', errorTitle: '统一社会信用代码', error: '统一社会信用代码应为 18 位' }),
  },
  { header: '企业名称', width: 30, required: false, unit: '', text: true, note: '仅供核对，导入时不读取（以统一社会信用代码为准）。' },
  {
    header: '期间',
    width: 12,
    required: true,
    unit: '',
    text: true,
    note: '报告月份，写成 YYYY-MM（如 2024-03）。同一企业同一月份只能有一行。',
    validation: (cell) => ({
      type: 'custom',
      allowBlank: false,
      formulae: [`AND(LEN(${cell})=7,MID(${cell},5,1)="-",ISNUMBER(VALUE(LEFT(${cell},4))),VALUE(RIGHT(${cell},2))>=1,VALUE(RIGHT(${cell},2))<=12)`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '期间',
      error: '期间应写成 YYYY-MM，如 2024-03',
    }),
  },
  {
    header: '计量单位',
    width: 12,
    required: false,
    unit: UNIT_LIST,
    text: true,
    note: `本行所有金额列的单位：${UNIT_LIST}之一；不填按万元。能源和人数不受影响。`,
    validation: () => ({ type: 'list', allowBlank: true, formulae: [`"${MONEY_UNITS.join(',')}"`], showErrorMessage: true, errorStyle: 'stop', errorTitle: '计量单位', error: `请从下拉列表中选择（${UNIT_LIST}）` }),
  },
  ...INDICATORS.map((d) => (d.isMoney ? money(d) : quantity(d))),
];

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** 1 亿元 = 10 000 万元 … written from the unit exponents, so the notes cannot disagree with the conversion. */
function unitLine(): string {
  return MONEY_UNITS.map((u) => {
    const power = MONEY_UNIT_EXPONENT[u] - MONEY_UNIT_EXPONENT['万元'];
    const factor = power >= 0 ? String(10 ** power) : `0.${'0'.repeat(-power - 1)}1`;
    return `1 ${u} = ${factor} 万元`;
  }).join('；');
}

export async function buildMonthlyReportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(MONTHLY_TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  sheet.columns = MONTHLY_TEMPLATE_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.height = 32;
  MONTHLY_TEMPLATE_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.note = `${c.required ? '【必填】' : ''}${c.note}`;
    const letter = columnLetter(i + 1);
    if (c.text) sheet.getColumn(i + 1).numFmt = '@';
    if (!c.validation) return;
    // The same validation on every cell of the column: exceljs writes it as one range, and Excel reads a custom
    // formula relative to the range's first cell.
    const validation = c.validation(`${letter}2`);
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) sheet.getCell(`${letter}${r}`).dataValidation = validation;
  });

  const notes = workbook.addWorksheet(TEMPLATE_NOTES_SHEET);
  notes.columns = [
    { header: '列名', width: 30 },
    { header: '是否必填', width: 10 },
    { header: '单位', width: 34 },
    { header: '说明', width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of MONTHLY_TEMPLATE_COLUMNS) {
    notes.addRow([c.header, c.required ? '是' : '否', c.unit || '—', c.note]).alignment = { wrapText: true, vertical: 'top' };
  }
  notes.addRow([]);
  for (const line of [
    '导入说明：',
    `1. 数据填在“${MONTHLY_TEMPLATE_SHEET}”工作表：第1行为表头，请勿修改列名；从第2行开始每行为一家企业一个月的数据，空行会被跳过。`,
    '2. 填写当月数（不是 1—本月累计数）。未填写的指标不导入；更新已有月份时，未填写的指标保持原值。',
    `3. 金额按“计量单位”列换算为万元保存（精确到元）：${unitLine()}。`,
    '4. 综合能源消费量的单位为吨标准煤，从业人员期末人数的单位为人，均不受“计量单位”列影响。',
    '5. 导入的数据视为统计局数据，直接计入统计（状态为已审定）；与平台已有数值不一致的，会列出供选择“保留已有数值”或“以文件覆盖”。',
    '6. 导入时可选择“仅导入正确的行”或“全部正确才导入”；有错误的行会列出工作表、行号、列和原因，修改后重新导入即可。',
    '7. 统计局 B204-1 表式（工业产销总值及主要产品产量，千元，含 1—本月累计列）也可直接导入，无需转成本模板。',
  ]) {
    notes.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
