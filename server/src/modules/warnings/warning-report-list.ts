import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';

export interface WarningForReport {
  level: 'blue' | 'yellow' | 'orange' | 'red';
  title: string;
  subject: string;
  status: string;
  openedOn: string;
  isNew: boolean;
}

/**
 * The warnings a monthly analysis report lists (issue 11 §4): those live at the end of the month or opened in
 * it, for the district or one zone (a park's report), worst colour first. The month is the Shanghai calendar
 * month, as the counts of `warningCountsForPeriod`.
 */
export async function warningsForReport(db: Db, period: { year: number; month: number }, zoneCode: string | null): Promise<WarningForReport[]> {
  const { year, month } = period;
  const from = new Date(`${year}-${String(month).padStart(2, '0')}-01T00:00:00+08:00`);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const to = new Date(`${next}-01T00:00:00+08:00`);
  const inZone = zoneCode ? sql`w.zone_id = (SELECT id FROM zones WHERE code = ${zoneCode})` : sql`TRUE`;
  const rows = await rowsOf<{ level: WarningForReport['level']; name_zh: string; subject_label: string; status: string; opened_at: string | Date }>(
    db,
    sql`SELECT w.level, r.name_zh, w.subject_label, w.status, w.opened_at
          FROM warnings w JOIN warning_rules r ON r.code = w.rule_code
         WHERE ${inZone} AND w.opened_at < ${to} AND (w.closed_at IS NULL OR w.closed_at >= ${to} OR w.opened_at >= ${from})
         ORDER BY CASE w.level WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END, w.opened_at DESC`,
  );
  return rows.map((r) => {
    const opened = new Date(r.opened_at);
    return {
      level: r.level,
      title: r.name_zh,
      subject: r.subject_label,
      status: r.status,
      openedOn: new Date(opened.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
      isNew: opened >= from,
    };
  });
}
