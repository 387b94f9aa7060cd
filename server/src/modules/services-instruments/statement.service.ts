import { sql } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { Db } from '../../db/client.ts';
import { instrumentBookings } from '../../db/schema/index.ts';
import { fromFen, isCharged, sumYuan, toFen } from '../../domain/services/booking-rules.ts';
import { buildXlsx } from '../../lib/spreadsheet.ts';
import type { Caller } from '../registry-common/index.ts';
import { rulesOfPlatform } from './booking-rules.repository.ts';
import { bookingScope } from './instrument.policy.ts';
import { listBookings } from './instrument.repository.ts';

/** [from, to) of a Shanghai calendar month. */
export function monthWindow(month: string): { from: Date; to: Date; days: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1) - 8 * 3600_000), to: new Date(Date.UTC(y, m, 1) - 8 * 3600_000), days: new Date(Date.UTC(y, m, 0)).getUTCDate() };
}

/** Minutes as exact hours with two decimals (bookings are whole half-hours, so this is exact). */
const hoursOf = (minutes: number) => fromFen(BigInt(Math.round((minutes * 100) / 60)));

/**
 * The monthly statement per enterprise (issue 14 §1): the bookings that started in the month and are charged
 * under their platform's rules (used, and no-shows where the platform charges them), at the price locked at
 * booking time. Sums are exact (fen arithmetic); the scope is the bookings' (an enterprise its own, a platform
 * its instruments', the district all).
 */
export async function monthlyStatement(db: Db, actor: Actor, month: string) {
  const { from, to } = monthWindow(month);
  const rows = await listBookings(db, sql`${bookingScope(actor)} AND lower(${instrumentBookings.period}) >= ${from}::timestamptz AND lower(${instrumentBookings.period}) < ${to}::timestamptz`, {});
  const rulesCache = new Map<string, Awaited<ReturnType<typeof rulesOfPlatform>>>();
  const byEnterprise = new Map<string, { enterpriseId: string; enterpriseName: string; uscc: string; minutes: number; lines: ReturnType<typeof line>[] }>();
  function line(b: (typeof rows)[number], minutes: number) {
    return { bookingId: b.row.id, instrumentName: b.instrumentName, platformName: b.platformName, start: b.start.toISOString(), end: b.end.toISOString(), status: b.row.status, hours: hoursOf(minutes), pricePerHour: b.row.pricePerHour, amount: b.row.amount };
  }
  for (const b of rows) {
    let rules = rulesCache.get(b.platformId);
    if (!rules) rulesCache.set(b.platformId, (rules = await rulesOfPlatform(db, b.platformId)));
    if (!isCharged(b.row.status, rules)) continue;
    const minutes = Math.round((b.end.getTime() - b.start.getTime()) / 60_000);
    const entry = byEnterprise.get(b.row.enterpriseId) ?? { enterpriseId: b.row.enterpriseId, enterpriseName: b.enterpriseName, uscc: b.uscc.trim(), minutes: 0, lines: [] };
    entry.minutes += minutes;
    entry.lines.push(line(b, minutes));
    byEnterprise.set(b.row.enterpriseId, entry);
  }
  const items = [...byEnterprise.values()]
    .map((e) => ({ enterpriseId: e.enterpriseId, enterpriseName: e.enterpriseName, uscc: e.uscc, hours: hoursOf(e.minutes), amount: sumYuan(e.lines.map((l) => l.amount)), lines: e.lines }))
    .sort((a, b) => a.uscc.localeCompare(b.uscc));
  return {
    month,
    items,
    totalHours: sumYuan(items.map((i) => i.hours)),
    totalAmount: fromFen(items.reduce((s, i) => s + toFen(i.amount), 0n)),
  };
}

type Row = { enterprise: string; uscc: string; instrument: string; platform: string; start: string; status: string; hours: string; price: string; amount: string };

/** The statement as a workbook: one line per charged booking, a subtotal per enterprise, the month's total. */
export async function exportStatement(deps: Pick<AppDeps, 'database' | 'audit'>, caller: Caller, month: string) {
  const statement = await monthlyStatement(deps.database.db, caller.actor, month);
  const rows: Row[] = [];
  for (const e of statement.items) {
    for (const l of e.lines) rows.push({ enterprise: e.enterpriseName, uscc: e.uscc, instrument: l.instrumentName, platform: l.platformName, start: l.start, status: l.status, hours: l.hours, price: l.pricePerHour, amount: l.amount });
    rows.push({ enterprise: `${e.enterpriseName} 小计`, uscc: e.uscc, instrument: '', platform: '', start: '', status: '', hours: e.hours, price: '', amount: e.amount });
  }
  rows.push({ enterprise: '合计 Total', uscc: '', instrument: '', platform: '', start: '', status: '', hours: statement.totalHours, price: '', amount: statement.totalAmount });
  await deps.audit.standalone(caller.audit, caller.origin, { action: 'statements.export', details: { month, enterprises: statement.items.length } });
  // amounts are written as numbers with two decimals from their exact strings (a 2-place decimal is exact in the cell's display)
  const num = (v: string) => (v === '' ? null : Number(v));
  return buildXlsx(`仪器使用对账单 ${month}`, [
    { header: '企业名称', width: 32, value: (r: Row) => r.enterprise },
    { header: '统一社会信用代码', width: 22, value: (r) => r.uscc },
    { header: '仪器', width: 28, value: (r) => r.instrument },
    { header: '平台', width: 28, value: (r) => r.platform },
    { header: '开始', width: 24, value: (r) => r.start },
    { header: '状态', width: 10, value: (r) => r.status },
    { header: '机时(小时)', width: 12, value: (r) => num(r.hours) },
    { header: '单价(元/小时)', width: 14, value: (r) => num(r.price) },
    { header: '金额(元)', width: 14, value: (r) => num(r.amount) },
  ], rows);
}
