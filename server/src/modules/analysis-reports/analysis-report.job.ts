import { sql } from 'drizzle-orm';
import { formatPeriod } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import { appendAuditRecord } from '../audit/index.ts';
import type { JobDefinition } from '../jobs/index.ts';
import { rowsOf } from '../statistics/index.ts';
import { monthCloseRule, statsPeriods } from '../statistics/index.ts';
import { generateAndArchive } from './analysis-report-archive.service.ts';
import type { ArchivedReportRow } from './analysis-report.repository.ts';

/**
 * After a month closes (the close day of the next month, stats-period.ts), the district's report and each
 * zone's are generated and archived once; a later run for the same closed month does nothing (the archive
 * already holds them — regenerating is the operator's explicit act).
 */
export const monthlyAnalysisReportJob: JobDefinition = {
  name: 'monthly-analysis-report',
  titleZh: '月度运行分析报告（月结后生成全区及各功能区报告）',
  titleEn: 'Monthly operation analysis reports (district and zones, after the month closes)',
  schedule: '30 6 * * *',
  async run({ database, config, now }) {
    const db = database.db;
    const closed = (await statsPeriods(db, monthCloseRule(now(), config.statsMonthCloseDay))).closed;
    if (!closed) return { generated: 0, reason: 'no closed month' };
    const [year, month] = closed.split('-').map(Number) as [number, number];
    const zones = await rowsOf<{ code: string }>(db, sql`SELECT code FROM zones ORDER BY sort_order, code`);
    let generated = 0;
    for (const zoneCode of [null, ...zones.map((z) => z.code)]) {
      const [existing] = await rowsOf<{ id: string }>(
        db,
        sql`SELECT id::text AS id FROM analysis_reports WHERE period = ${formatPeriod(year, month)} AND coalesce(zone_code, '') = ${zoneCode ?? ''}`,
      );
      if (existing) continue;
      const audit = async (tx: Db, row: ArchivedReportRow) => {
        await appendAuditRecord(tx, { actorUserId: null, actorUsername: 'system', actorRole: null, ip: null, requestId: null, action: 'analysis-report.generate', objectType: 'analysis-report', objectId: row.id, outcome: 'success', details: { period: row.period, zone: row.zoneCode, source: 'job' } }, now());
      };
      await generateAndArchive(db, { period: { year, month }, zoneCode, source: 'job', userId: null, now: now() }, audit);
      generated++;
    }
    return { period: closed, generated };
  },
};
