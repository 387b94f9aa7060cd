import type { AppDeps } from '../../app/deps.ts';
import { buildXlsx, type SheetColumn } from '../../lib/spreadsheet.ts';
import { DEFAULT_UPLOAD_LIMITS } from '../../domain/spreadsheet/upload-check.ts';
import { assertSafeWorkbook, cellText, dataSheet, loadWorkbook } from '../registry-io/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { createSupervisionService, scopedYearState } from './supervision.service.ts';
import { findWorkPlan, listAllItems } from './supervision.repository.ts';

/**
 * The work plan as an Excel workbook (issue 12 §1): one row per milestone of a lead item and year. The
 * template is the export of the year with the milestone columns blank where none are set; an import replaces
 * each (item, year) it names, as the commission setting it (confirmed). Rejections are located by row and
 * column with the value found, like the registries' imports; a group of rows (one item's year) with any error
 * is left as it was.
 */
export const WORK_PLAN_SHEET = '督办节点计划';
const HEADERS = ['措施键', '任务', '措施', '牵头单位', '年度', '报送周期', '序号', '节点内容', '完成时限', '佐证材料', '权重'] as const;
const CYCLE_LABEL = { monthly: '月度', quarterly: '季度' } as const;

interface SheetRow {
  key: string;
  task: string;
  measure: string;
  unit: string;
  year: number;
  cycle: string;
  ordinal: number | null;
  title: string;
  dueOn: string;
  evidence: string;
  weight: number | null;
}

export async function exportWorkPlan(deps: AppDeps, caller: Caller, year: number): Promise<{ body: Buffer; rows: number }> {
  const { items } = await scopedYearState(deps.database.db, caller, year, deps.clock());
  const rows: SheetRow[] = [];
  for (const item of items.filter((i) => i.row.role === 'lead')) {
    const base = { key: item.row.clauseKey, task: item.clause.task, measure: item.clause.measureTitle, unit: item.row.unitName, year, cycle: CYCLE_LABEL[item.row.cycle] };
    if (!item.milestones.length) rows.push({ ...base, ordinal: null, title: '', dueOn: '', evidence: '', weight: null });
    for (const m of item.milestones) rows.push({ ...base, ordinal: m.ordinal, title: m.title, dueOn: m.dueOn, evidence: m.evidenceExpected, weight: Number(m.weight) });
  }
  const widths = [16, 10, 28, 14, 8, 10, 6, 36, 12, 28, 8];
  const values: ((r: SheetRow) => string | number | null)[] = [(r) => r.key, (r) => r.task, (r) => r.measure, (r) => r.unit, (r) => r.year, (r) => r.cycle, (r) => r.ordinal, (r) => r.title, (r) => r.dueOn, (r) => r.evidence, (r) => r.weight];
  const columns: SheetColumn<SheetRow>[] = HEADERS.map((header, i) => ({ header, width: widths[i], value: values[i]! }));
  return { body: await buildXlsx(WORK_PLAN_SHEET, columns, rows), rows: rows.length };
}

export interface Rejection {
  row: number;
  column: string;
  value: string;
  message: string;
}

export async function importWorkPlan(deps: AppDeps, caller: Caller, body: Buffer): Promise<{ imported: number; updated: number; rejected: Rejection[] }> {
  await assertSafeWorkbook(body, DEFAULT_UPLOAD_LIMITS, 5000);
  const sheet = dataSheet(await loadWorkbook(body), WORK_PLAN_SHEET);
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(cellText);
  const rejected: Rejection[] = [];
  const missing = HEADERS.filter((h) => !header.includes(h));
  if (missing.length) return { imported: 0, updated: 0, rejected: missing.map((h) => ({ row: 1, column: h, value: '', message: `缺少列“${h}” / missing column "${h}"` })) };
  const col = (name: (typeof HEADERS)[number]) => header.indexOf(name) + 1;
  const leadItems = new Map((await listAllItems(deps.database.db)).filter((i) => i.isActive && i.role === 'lead').map((i) => [i.clauseKey, i]));
  const groups = new Map<string, { itemId: string; year: number; cycle: 'monthly' | 'quarterly'; rows: number[]; milestones: { title: string; dueOn: string; evidenceExpected: string; weight: number }[] }>();
  const bad = new Set<string>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const text = (name: (typeof HEADERS)[number]) => cellText(row.getCell(col(name)).value).trim();
    const title = text('节点内容');
    if (!text('措施键') && !title) continue;
    const reject = (column: string, message: string) => rejected.push({ row: r, column, value: text(column as (typeof HEADERS)[number]), message });
    const item = leadItems.get(text('措施键'));
    if (!item) {
      reject('措施键', '现行规划中没有该措施 / no such measure in the active plan');
      continue;
    }
    const year = Number(text('年度'));
    const groupKey = `${item.id}:${year}`;
    const before = rejected.length;
    if (!Number.isInteger(year) || year < 2000 || year > 2100) reject('年度', '年度应为四位数年份 / year must be a four-digit year');
    const cycleText = text('报送周期');
    const cycle = cycleText === '月度' || cycleText === 'monthly' ? 'monthly' : cycleText === '季度' || cycleText === 'quarterly' || cycleText === '' ? 'quarterly' : null;
    if (!cycle) reject('报送周期', '报送周期应为“月度”或“季度” / cycle must be 月度 or 季度');
    if (!title) {
      // A measure listed with no milestone (as the export leaves it) is not an error: nothing to import.
      if (!text('完成时限') && !text('权重')) continue;
      reject('节点内容', '节点内容不能为空 / the milestone needs a description');
    }
    const dueOn = text('完成时限');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || Number.isNaN(Date.parse(`${dueOn}T00:00:00Z`))) reject('完成时限', '完成时限应为日期 YYYY-MM-DD / the deadline must be a date');
    else if (Number(dueOn.slice(0, 4)) !== year) reject('完成时限', '完成时限应在该年度内 / the deadline must fall in the year');
    const weight = Number(text('权重'));
    if (!Number.isFinite(weight) || weight <= 0 || weight > 1000) reject('权重', '权重应为正数 / the weight must be a positive number');
    if (rejected.length > before) {
      bad.add(groupKey);
      continue;
    }
    const group = groups.get(groupKey) ?? { itemId: item.id, year, cycle: cycle!, rows: [], milestones: [] };
    group.rows.push(r);
    group.milestones.push({ title, dueOn, evidenceExpected: text('佐证材料'), weight });
    groups.set(groupKey, group);
  }
  const service = createSupervisionService(deps);
  let imported = 0;
  let updated = 0;
  for (const [key, group] of groups) {
    if (bad.has(key)) continue;
    if (group.milestones.length > 20) {
      rejected.push({ row: group.rows[20]!, column: '序号', value: String(group.milestones.length), message: '每项措施每年至多 20 个节点 / at most 20 milestones per measure and year' });
      continue;
    }
    const existing = await findWorkPlan(deps.database.db, group.itemId, group.year);
    await service.setWorkPlan(caller, group.itemId, { year: group.year, cycle: group.cycle, milestones: group.milestones, ...(existing ? { version: existing.version } : {}) });
    if (existing) updated++;
    else imported++;
  }
  rejected.sort((a, b) => a.row - b.row);
  return { imported, updated, rejected };
}
