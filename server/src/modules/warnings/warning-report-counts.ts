import { sql } from 'drizzle-orm';
import { WARNING_LEVELS, type WarningLevel } from '../../../../contracts/warnings.ts';
import type { Db } from '../../db/client.ts';
import { periodCounts } from './warning.repository.ts';

export interface WarningPeriodCounts {
  period: string;
  /** Per colour: warnings opened during the month, and those live at its end. */
  byLevel: Record<WarningLevel, { new: number; open: number }>;
  totalNew: number;
  totalOpen: number;
}

/**
 * Warning counts for the monthly analysis report: opened in the month (Shanghai calendar) and live at its
 * end, per colour, for the district or one zone (a park's report). `period` is YYYY-MM.
 */
export async function warningCountsForPeriod(db: Db, period: string, scope: { zoneCode?: string | null } = {}): Promise<WarningPeriodCounts> {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const from = new Date(`${period}-01T00:00:00+08:00`);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const to = new Date(`${next}-01T00:00:00+08:00`);
  const where = scope.zoneCode ? sql`w.zone_id = (SELECT id FROM zones WHERE code = ${scope.zoneCode})` : sql`TRUE`;
  const rows = await periodCounts(db, where, from, to);
  const byLevel = Object.fromEntries(WARNING_LEVELS.map((l) => [l, { new: 0, open: 0 }])) as WarningPeriodCounts['byLevel'];
  for (const r of rows) byLevel[r.level as WarningLevel] = { new: Number(r.opened), open: Number(r.live) };
  return {
    period,
    byLevel,
    totalNew: WARNING_LEVELS.reduce((s, l) => s + byLevel[l].new, 0),
    totalOpen: WARNING_LEVELS.reduce((s, l) => s + byLevel[l].open, 0),
  };
}
