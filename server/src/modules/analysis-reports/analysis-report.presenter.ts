import type { AnalysisReportView } from '../../../../contracts/forecast.ts';
import type { ArchivedReportRow } from './analysis-report.repository.ts';

/** Archive rows → the view (who generated it stays in the audit log, not in the list). */
export function presentArchivedReport(row: ArchivedReportRow): AnalysisReportView {
  return {
    id: row.id,
    period: row.period,
    zoneCode: row.zoneCode,
    fileName: row.fileName,
    size: Number(row.size),
    source: row.source,
    generatedAt: new Date(row.generatedAt).toISOString(),
    version: Number(row.version),
  };
}
