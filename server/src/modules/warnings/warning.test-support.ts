import { sql } from 'drizzle-orm';
import type { TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { refreshRollups } from '../statistics/index.ts';

/** The month `n` months before the clock's month. */
export function monthsAgo(now: Date, n: number): { year: number; month: number } {
  const index = now.getUTCFullYear() * 12 + now.getUTCMonth() - n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * Approved monthly reports (output = revenue = value(year, month)) for one enterprise from January of
 * `fromYear` to `to`, with the statistics rollups refreshed as an approval would.
 */
export async function approvedSeries(t: TestApp, enterpriseId: string, fromYear: number, to: { year: number; month: number }, value: (year: number, month: number) => number): Promise<void> {
  await t.deps.database.db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const years = new Set<number>();
    for (let y = fromYear; y <= to.year; y++) {
      for (let m = 1; m <= (y === to.year ? to.month : 12); m++) {
        const v = value(y, m).toFixed(4);
        years.add(y);
        await tx.execute(sql`INSERT INTO monthly_reports (enterprise_id, year, month, status, output, sales, revenue, deadline, approved_at)
            VALUES (${enterpriseId}, ${y}, ${m}, 'approved', ${v}, ${v}, ${v}, make_date(${y}, ${m}, 1) + interval '1 month' + interval '9 days', now())
            ON CONFLICT (enterprise_id, year, month) DO UPDATE SET output = excluded.output, sales = excluded.sales, revenue = excluded.revenue, status = 'approved'`);
      }
    }
    await refreshRollups(tx, [...years].map((year) => ({ enterpriseId, year })));
  });
}
