import type { TestApp } from '../../../test/test-app.ts';
import { storeArchivedReport } from '../modules/analysis-reports/analysis-report.repository.ts';
import type { MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows of the forecast, the gap analysis and the analysis-report archive (issue 11 §2–4). The archived
 * report is the park's own zone's (medicine-port), so every reader in the row reaches it; the park's scope
 * over other zones' reports is tested in analysis-report.routes.test.ts.
 */
export interface AnalysisMatrixFixtures {
  /** An archived report of medicine-port (stored directly; generation is tested elsewhere). */
  ownZoneReportId: string;
}

export async function buildAnalysisMatrixFixtures(t: TestApp): Promise<AnalysisMatrixFixtures> {
  const row = await storeArchivedReport(t.deps.database.db, {
    period: '2001-06',
    zoneCode: 'medicine-port',
    fileName: 'matrix.docx',
    content: Buffer.from('PK matrix fixture'),
    source: 'job',
    generatedBy: null,
    now: new Date(),
  });
  return { ownZoneReportId: row.id };
}

const DISTRICT_READERS = ['leader', 'commission'] as const;

export const ANALYSIS_MATRIX_ROWS: MatrixRow[] = [
  { route: 'GET /api/forecast', allowed: DISTRICT_READERS, request: async (fx) => (await fx.reports(), { url: '/api/forecast?runs=200' }) },
  { route: 'GET /api/analysis/gap', allowed: DISTRICT_READERS, request: async (fx) => (await fx.reports(), { url: `/api/analysis/gap?metric=${encodeURIComponent('制造业产值')}&period=2025-12` }) },
  { route: 'GET /api/analysis-reports', allowed: ['leader', 'commission', 'park'] },
  { route: 'POST /api/analysis-reports', allowed: ['commission', 'park'], request: async (fx) => (await fx.reports(), { payload: { period: '2002-03' } }) },
  { route: 'GET /api/analysis-reports/:id/download', allowed: ['leader', 'commission', 'park'], request: async (fx) => ({ url: `/api/analysis-reports/${(await fx.analysis()).ownZoneReportId}/download` }) },
  {
    route: 'POST /api/analysis-reports/:id/regenerate',
    allowed: ['commission', 'park'],
    request: async (fx) => (await fx.reports(), { url: `/api/analysis-reports/${(await fx.analysis()).ownZoneReportId}/regenerate`, payload: {} }),
  },
];
