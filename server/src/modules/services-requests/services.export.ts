import type { AppDeps } from '../../app/deps.ts';
import { toCsv } from '../../domain/spreadsheet/csv.ts';
import { buildXlsx } from '../../lib/spreadsheet.ts';
import { bookingScope, listBookings } from '../services-instruments/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { requestScope } from './request.policy.ts';
import { presentRequest } from './request.presenter.ts';
import { listRequests } from './request.repository.ts';

type Cell = string | number | null;

async function write(format: 'xlsx' | 'csv', sheet: string, headers: string[], rows: Cell[][], numeric: Set<number>) {
  if (format === 'csv') return toCsv(headers, rows, { numericColumns: numeric });
  return buildXlsx(sheet, headers.map((header, i) => ({ header, width: i === 1 || i === 3 ? 28 : 16, value: (row: Cell[]) => (numeric.has(i) && row[i] !== null ? Number(row[i]) : row[i]) })), rows);
}

/**
 * `export requests` (SPEC §11): every request in the caller's scope, one row each, with the SLA phase of each
 * step at export time. Scoped like every export (requestScope); audited.
 */
export async function exportRequests(deps: Pick<AppDeps, 'database' | 'audit'>, caller: Caller, format: 'xlsx' | 'csv', now: Date) {
  const rows: Cell[][] = [];
  for (let page = 1; ; page++) {
    const { items } = await listRequests(deps.database.db, requestScope(caller.actor), {}, page, 500, now);
    for (const item of items) {
      const r = presentRequest(item, now);
      rows.push([r.code, r.enterpriseName, r.uscc.trim(), r.title, r.categoryName, r.target.name, r.status, r.submittedAt, r.sla[0]!.dueAt, r.sla[0]!.phase, r.sla[1]!.dueAt, r.sla[1]!.phase, r.rating, r.reopenCount]);
    }
    if (items.length < 500) break;
  }
  await deps.audit.standalone(caller.audit, caller.origin, { action: 'requests.export', details: { format, rows: rows.length } });
  const headers = ['编号', '企业名称', '统一社会信用代码', '标题', '类别', '办理单位', '状态', '提交时间', '受理时限', '受理时效', '办结时限', '办结时效', '满意度', '重办次数'];
  return { body: await write(format, '企业诉求', headers, rows, new Set([12, 13])), rows: rows.length };
}

/** `export bookings` (SPEC §11): every booking in the caller's scope with its locked price and amount (元). */
export async function exportBookings(deps: Pick<AppDeps, 'database' | 'audit'>, caller: Caller, format: 'xlsx' | 'csv') {
  const items = await listBookings(deps.database.db, bookingScope(caller.actor), {});
  const rows: Cell[][] = items.map((b) => [
    b.row.id,
    b.enterpriseName,
    b.uscc.trim(),
    b.instrumentName,
    b.platformName,
    b.start.toISOString(),
    b.end.toISOString(),
    b.row.status,
    b.row.userCategory,
    b.row.pricePerHour,
    b.row.amount,
  ]);
  await deps.audit.standalone(caller.audit, caller.origin, { action: 'bookings.export', details: { format, rows: rows.length } });
  const headers = ['预约编号', '企业名称', '统一社会信用代码', '仪器', '平台', '开始', '结束', '状态', '用户类别', '单价(元/小时)', '金额(元)'];
  return { body: await write(format, '仪器预约', headers, rows, new Set([9, 10])), rows: rows.length };
}
