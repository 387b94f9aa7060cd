import ExcelJS from 'exceljs';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { vacancySeries } from '../../domain/carrier-ladder/ladder.ts';
import { escapeSpreadsheetText } from '../../lib/spreadsheet.ts';
import { carrierScope } from '../carriers/index.ts';
import { carriersForLadder, tenanciesInScope } from './carrier-ladder.repository.ts';
import { tenancyReadScope } from './carrier-ladder.policy.ts';
import { computeLadder, listMoves, periodOf } from './carrier-ladder.service.ts';

/**
 * The ladder as one workbook, with the registries' conventions: Chinese headers, a frozen header row, text
 * cells through escapeSpreadsheetText (formula injection), numbers and rates numeric (rates in %). Every
 * sheet is computed through the same scoped reads as the page.
 */
type Cell = string | number | null;
const TYPE_ZH: Record<string, string> = { incubator: '孵化器', accelerator: '加速器', 'industrial-park': '产业园', 'public-platform': '公共平台' };
const KIND_ZH: Record<string, string> = { 'move-in': '迁入', transfer: '载体间迁移', 'move-out': '迁出' };
const EXIT_ZH: Record<string, string> = { 'moved-carrier': '迁往其他载体', 'in-district': '区内自有场地', 'left-district': '迁出本区', closed: '注销/关停' };
const OUTCOME_ZH: Record<string, string> = { up: '升级', 'own-premises': '区内自有场地', lateral: '同级迁移', down: '降级', 'left-district': '迁出本区', closed: '注销/关停', unknown: '去向不明' };
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e4);

function addSheet(wb: ExcelJS.Workbook, name: string, headers: { header: string; width?: number }[], rows: Cell[][]): void {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h) => ({ header: h.header, width: h.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => (typeof v === 'string' ? escapeSpreadsheetText(v) : v)));
}

export async function buildLadderWorkbook(db: Db, actor: Actor, query: { zone?: string | undefined; from?: string | undefined; to?: string | undefined }, today: string, now: Date) {
  const ladder = await computeLadder(db, actor, query, today);
  const { fromMonth, toMonth, period } = periodOf(query, today);
  const wb = new ExcelJS.Workbook();
  wb.created = now;
  addSheet(
    wb,
    '载体梯度指标',
    [
      { header: '载体', width: 28 }, { header: '类型' }, { header: '功能区', width: 16 }, { header: '可租面积（㎡）' }, { header: '期末在租面积（㎡）' }, { header: '期末空置率（%）' },
      { header: '期末在租企业' }, { header: '期内迁入' }, { header: '期内迁出' }, { header: '毕业率（%）' }, { header: '迁出本区占比（%）' }, { header: '在驻时长中位数（月）' },
      { header: '升级' }, { header: '区内自有场地' }, { header: '同级迁移' }, { header: '降级' }, { header: '迁出本区' }, { header: '注销/关停' }, { header: '去向不明' }, { header: '3个月内租约到期' },
    ],
    ladder.carriers.map((c) => [
      c.name, TYPE_ZH[c.type] ?? c.type, c.zone?.name ?? null, c.leasableArea, c.leasedArea, pct(c.vacancyRate), c.tenants, c.entries, c.exits, pct(c.graduationRate), pct(c.leftDistrictRate),
      c.medianStayMonths, c.outcomes.up ?? 0, c.outcomes['own-premises'] ?? 0, c.outcomes.lateral ?? 0, c.outcomes.down ?? 0, c.outcomes['left-district'] ?? 0, c.outcomes.closed ?? 0, c.outcomes.unknown ?? 0, c.leasesExpiring,
    ]),
  );
  const inFilter = new Set(ladder.carriers.map((c) => c.id));
  const moves = (await listMoves(db, actor, { from: period.from, to: period.to }, today)).items.filter((m) => (m.from?.id && inFilter.has(m.from.id)) || (m.to?.id && inFilter.has(m.to.id)));
  addSheet(
    wb,
    '迁移记录',
    [{ header: '日期', width: 12 }, { header: '类型', width: 12 }, { header: '统一社会信用代码', width: 22 }, { header: '企业名称', width: 36 }, { header: '迁出载体', width: 28 }, { header: '迁入载体', width: 28 }, { header: '租用面积（㎡）' }, { header: '租约到期', width: 12 }, { header: '去向' }, { header: '结果' }],
    moves.map((m) => [
      m.movedOn, KIND_ZH[m.kind] ?? m.kind, m.enterprise.uscc, m.enterprise.name, m.from ? (m.from.name ?? TYPE_ZH[m.from.type]!) : null, m.to ? (m.to.name ?? TYPE_ZH[m.to.type]!) : null,
      m.leasedArea, m.leaseEndOn, m.exitKind ? EXIT_ZH[m.exitKind]! : null, m.outcome ? OUTCOME_ZH[m.outcome]! : null,
    ]),
  );
  const carriers = await carriersForLadder(db, carrierScope(actor), query.zone);
  const tenancies = await tenanciesInScope(db, tenancyReadScope(actor), { carrierIds: carriers.map((c) => c.id) });
  const vacancyRows: Cell[][] = [];
  for (const c of carriers) {
    for (const p of vacancySeries(c, tenancies.filter((t) => t.carrierId === c.id), fromMonth, toMonth, today)) vacancyRows.push([c.name, p.month, p.leasableArea, p.leasedArea, pct(p.vacancyRate), p.tenants]);
  }
  addSheet(wb, '月度空置率', [{ header: '载体', width: 28 }, { header: '月份' }, { header: '可租面积（㎡）' }, { header: '在租面积（㎡）' }, { header: '空置率（%）' }, { header: '在租企业' }], vacancyRows);
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), rows: ladder.carriers.length };
}
