import { sql } from 'drizzle-orm';
import { INDICATOR_CODES } from '../../../contracts/indicators.ts';
import type { Db } from '../db/client.ts';
import { iterateMonthlyReports } from '../domain/demo/generate-demo.ts';
import type { DemoDataset, DemoMonthlyReport } from '../domain/demo/types.ts';
import { rebuildRollups } from '../modules/statistics/rollup.repository.ts';

/**
 * Demo monthly reports (SPEC §10): every generated report of 2019-01 … the last complete month, with its
 * workflow status, dates, 说明 and return reason, one revision each, then the rollups built in one pass.
 * Rows are streamed from the generator and inserted in multi-row batches (≈14 000 rows for 150 enterprises).
 */

const BATCH = 1000;
/** CST midday of a date, so that a date shown in Shanghai stays that date. */
export const at = (date: string | null): string | null => (date ? `${date}T04:00:00.000Z` : null);

export function deadlineOf(year: number, month: number): string {
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return `${next.y}-${String(next.m).padStart(2, '0')}-10`;
}

export async function insertDemoReportBatch(tx: Db, batch: readonly DemoMonthlyReport[], enterpriseIds: ReadonlyMap<string, string>): Promise<number> {
  const rows = batch.filter((r) => enterpriseIds.has(r.enterpriseId));
  if (rows.length === 0) return 0;
  const payload = rows.map((r) => ({
    enterprise_id: enterpriseIds.get(r.enterpriseId),
    year: r.year,
    month: r.month,
    status: r.status,
    ...Object.fromEntries(INDICATOR_CODES.map((c) => [c, c === 'employees' ? Math.round(r[c]) : r[c]])),
    explanation: r.explanation,
    return_reason: r.returnReason,
    deadline: deadlineOf(r.year, r.month),
    submitted_at: at(r.submittedOn),
    reviewed_at: at(r.parkReviewedOn),
    approved_at: at(r.approvedOn),
  }));
  const columns = INDICATOR_CODES.map((c) => `${c} ${c === 'employees' ? 'integer' : 'numeric(18,4)'}`).join(', ');
  const names = INDICATOR_CODES.join(', ');
  // One statement per batch; the JSON round trip keeps numbers as written (shortest decimal of each double).
  const inserted = await tx.execute(sql`
    WITH src AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) AS x(
        enterprise_id uuid, year int, month int, status text, ${sql.raw(columns)}, explanation text, return_reason text,
        deadline date, submitted_at timestamptz, reviewed_at timestamptz, approved_at timestamptz)
    ), ins AS (
      INSERT INTO monthly_reports (enterprise_id, year, month, status, source, ${sql.raw(names)}, explanation, return_reason,
                                   deadline, submitted_at, reviewed_at, approved_at, is_demo, created_at, updated_at)
      SELECT enterprise_id, year, month, status, 'enterprise', ${sql.raw(names)}, explanation, return_reason,
             deadline, submitted_at, reviewed_at, approved_at, true, coalesce(submitted_at, now()), coalesce(approved_at, reviewed_at, submitted_at, now())
        FROM src
      ON CONFLICT (enterprise_id, year, month) DO NOTHING
      RETURNING id, status, ${sql.raw(names)}, explanation, return_reason, updated_at
    )
    INSERT INTO monthly_report_revisions (report_id, version, action, status, values, explanation, return_reason, actor_username, at)
    SELECT id, 1, 'seed', status, jsonb_build_object(${sql.raw(INDICATOR_CODES.map((c) => `'${c}', ${c}`).join(', '))}),
           explanation, return_reason, 'system', updated_at
      FROM ins`);
  void inserted;
  return rows.length;
}

export async function seedDemoStatistics(
  tx: Db,
  dataset: DemoDataset,
  enterpriseIds: ReadonlyMap<string, string>,
  progress: (step: string, done: number, total: number) => void = () => {},
): Promise<{ reports: number }> {
  const total = Math.max(1, dataset.enterprises.length * monthsBetween(dataset.meta.firstPeriod, dataset.meta.lastPeriod));
  let batch: DemoMonthlyReport[] = [];
  let done = 0;
  const source =
    dataset.monthlyReports.length > 0
      ? dataset.monthlyReports
      : iterateMonthlyReports({ enterprises: dataset.meta.enterpriseCount, seed: dataset.meta.seed, asOf: dataset.meta.asOf, today: dataset.meta.today });
  for (const report of source) {
    batch.push(report);
    if (batch.length >= BATCH) {
      done += await insertDemoReportBatch(tx, batch, enterpriseIds);
      batch = [];
      progress('monthly reports', Math.min(done, total), total);
    }
  }
  done += await insertDemoReportBatch(tx, batch, enterpriseIds);
  progress('monthly reports', total, total);
  await rebuildRollups(tx);
  progress('statistics rollups', 1, 1);
  return { reports: done };
}

function monthsBetween(first: string, last: string): number {
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  return index(last) - index(first) + 1;
}
