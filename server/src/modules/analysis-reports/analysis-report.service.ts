import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../app/errors.ts';
import { rowsOf } from '../statistics/index.ts';
import type { StatsScope } from '../statistics/index.ts';
import { gatherReport } from './report-content.ts';
import { renderReportDocx } from './report-document.ts';
import { renderReportInWorker } from './report-render-runner.ts';

/** The monthly analysis report of a period, for the district or one zone (a park gets its zone's). */
export interface MonthlyReportRequest {
  period: { year: number; month: number };
  /** A zone code: the report of that zone; absent: the district's. */
  zoneCode?: string | null;
  inProcess?: boolean;
  now?: Date;
}

const unknownZone = (code: string) => new AppError(404, 'ZONE_NOT_FOUND', `没有代码为 ${code} 的功能区`, `No zone with code ${code}`);

export async function generateMonthlyReport(db: Db, request: MonthlyReportRequest): Promise<{ docx: Buffer; fileName: string; scope: StatsScope }> {
  let scope: StatsScope = { kind: 'district' };
  let zoneName: string | null = null;
  if (request.zoneCode) {
    const [zone] = await rowsOf<{ code: string; name_zh: string }>(db, sql`SELECT code, name_zh FROM zones WHERE code = ${request.zoneCode}`);
    if (!zone) throw unknownZone(request.zoneCode);
    scope = { kind: 'zone', code: zone.code };
    zoneName = zone.name_zh;
  }
  const model = await gatherReport(db, { period: request.period, scope, zoneName, inProcess: request.inProcess, now: request.now });
  // The server renders in a worker thread; the command line (which blocks nobody) in this thread.
  const docx = request.inProcess ? await renderReportDocx(model) : await renderReportInWorker(model);
  const p = `${request.period.year}-${String(request.period.month).padStart(2, '0')}`;
  return { docx, fileName: `月度运行分析报告-${zoneName ?? '全区'}-${p}.docx`, scope };
}
