import { formatPeriod } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import { generateMonthlyReport } from './analysis-report.service.ts';
import { storeArchivedReport, type ArchivedReportRow } from './analysis-report.repository.ts';

/**
 * Generates a report and archives it (replacing an earlier one of the same period and scope). The document
 * is built outside any transaction (seconds of charts and layout); the store and its audit record (`audit`,
 * given the transaction) then commit together.
 */
export async function generateAndArchive(
  db: Db,
  args: { period: { year: number; month: number }; zoneCode: string | null; source: 'manual' | 'job'; userId: string | null; now: Date },
  audit: (tx: Db, row: ArchivedReportRow) => Promise<void>,
): Promise<ArchivedReportRow> {
  const report = await generateMonthlyReport(db, { period: args.period, zoneCode: args.zoneCode, now: args.now });
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const row = await storeArchivedReport(tx, {
      period: formatPeriod(args.period.year, args.period.month),
      zoneCode: args.zoneCode,
      fileName: report.fileName,
      content: report.docx,
      source: args.source,
      generatedBy: args.userId,
      now: args.now,
    });
    await audit(tx, row);
    return row;
  });
}
