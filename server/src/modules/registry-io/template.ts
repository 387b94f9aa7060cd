import ExcelJS from 'exceljs';
import type { ColumnSpec } from '../../domain/spreadsheet/columns.ts';
import type { ReferenceIndex } from '../registry-common/index.ts';
import type { RegistryEntity } from './entity.ts';

export const NOTES_SHEET = '填写说明';
const OPTIONS_SHEET = '选项';
/** Rows that get the drop-down lists and formats (a template is for typing in, not for 100 000 rows). */
const TEMPLATE_ROWS = 2_000;

const KIND_ZH: Record<ColumnSpec['kind'], string> = { text: '文本', number: '数字', date: '日期', enum: '单选', boolean: '是/否', list: '多选（顿号分隔）' };

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * The import template of an entity: a data sheet with the Chinese headers (required ones in red), drop-down
 * lists for enumerations (a hidden sheet holds the long ones: an inline list is limited to 255 characters),
 * and a 填写说明 sheet explaining every column. Headers only, no sample rows: a sample left in place would be
 * imported as data.
 */
export async function buildTemplate(entity: RegistryEntity<never>, index: ReferenceIndex): Promise<Buffer> {
  const columns = entity.columns(index).filter((c) => !c.exportOnly);
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(entity.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const options = workbook.addWorksheet(OPTIONS_SHEET, { state: 'veryHidden' });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length * 2 + 2) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.note = `${c.required ? '【必填】' : ''}${c.note}`;
  });

  let optionColumn = 0;
  columns.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    if (c.kind === 'date') sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    if (c.kind === 'text') sheet.getColumn(i + 1).numFmt = '@';
    const labels = c.kind === 'boolean' ? ['是', '否'] : c.kind === 'enum' || c.options ? [...new Set((c.options ?? []).map((o) => o.label))] : [];
    // Multi-select lists cannot use a drop-down (Excel validates a cell as one value).
    if (labels.length === 0 || c.kind === 'list') return;
    const inline = `"${labels.join(',')}"`;
    let formula = inline;
    if (inline.length > 250 || labels.some((l) => l.includes(','))) {
      optionColumn++;
      const col = columnLetter(optionColumn);
      labels.forEach((label, r) => (options.getCell(`${col}${r + 1}`).value = label));
      formula = `${OPTIONS_SHEET}!$${col}$1:$${col}$${labels.length}`;
    }
    const strict = c.kind === 'enum' || c.kind === 'boolean';
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      sheet.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: strict,
        errorStyle: strict ? 'stop' : 'information',
        errorTitle: c.header,
        error: `请从下拉列表中选择（${c.header}）`,
      };
    }
  });

  const notes = workbook.addWorksheet(NOTES_SHEET);
  notes.columns = [
    { header: '列名', width: 22 },
    { header: '是否必填', width: 10 },
    { header: '类型', width: 16 },
    { header: '可选值', width: 50 },
    { header: '说明', width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of columns) {
    const values = c.kind === 'boolean' ? '是、否' : c.options ? [...new Set(c.options.map((o) => o.label))].join('、') : '';
    notes.addRow([c.header, c.required ? '是' : '否', KIND_ZH[c.kind], values, c.note]).alignment = { wrapText: true, vertical: 'top' };
  }
  notes.addRow([]);
  for (const line of [
    '导入说明：',
    '1. 第1行为表头，请勿修改列名；列的顺序可以调整，不需要的列可以删除（删除的列在更新已有记录时保持原值）。',
    '2. 从第2行开始每行一条记录；空行会被跳过。',
    '3. 日期写成 YYYY-MM-DD（如 2024-03-15），金额单位为万元。',
    '4. 导入时可选择“仅导入正确的行”或“全部正确才导入”；已登记的记录可选择“更新”或“跳过”。',
    '5. 有错误的行会列在结果中，可下载标注了错误的原文件（红色单元格 + 批注 + “错误说明”列），修改后重新导入。',
  ]) {
    notes.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
