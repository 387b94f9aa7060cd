import type { z } from 'zod';
import {
  approvalSchema,
  monthlyImportResultSchema,
  monthlyImportStreamLineSchema,
  type MonthlyImportQuery,
  type MonthlyImportStreamLine,
  type MonthlyImportResultView,
  reportDetailSchema,
  reportPageSchema,
  revisionListSchema,
  type ReportValues,
} from '../../../../contracts/monthly-reports.ts';
import { breakdownSchema, cockpitSchema, drillSchema, goalsSchema, type StatDimension } from '../../../../contracts/statistics.ts';
import type { IndicatorCode } from '../../../../contracts/indicators.ts';
import { api, saveBlob } from '../../app/api.ts';
import { readImportStream } from '../../app/import-stream.ts';

export type Cockpit = z.infer<typeof cockpitSchema>;
export type Goals = z.infer<typeof goalsSchema>;
export type Breakdown = z.infer<typeof breakdownSchema>;
export type Drill = z.infer<typeof drillSchema>;
export type ReportDetail = z.infer<typeof reportDetailSchema>;
export type ReportPage = z.infer<typeof reportPageSchema>;
export type Revisions = z.infer<typeof revisionListSchema>;

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const getCockpit = (query: { period?: string; indicator: IndicatorCode }, signal?: AbortSignal) =>
  api.get('/api/statistics/cockpit', cockpitSchema, { query, ...opts(signal) });
export const getGoals = (query: { period?: string }, signal?: AbortSignal) => api.get('/api/statistics/goals', goalsSchema, { query, ...opts(signal) });
export const getBreakdown = (query: { period: string; indicator: IndicatorCode; by: StatDimension }, signal?: AbortSignal) =>
  api.get('/api/statistics/breakdown', breakdownSchema, { query, ...opts(signal) });
export const getDrill = (query: { period: string; indicator: IndicatorCode; by: StatDimension; key: string }, signal?: AbortSignal) =>
  api.get('/api/statistics/drill', drillSchema, { query: { ...query, limit: 200 }, ...opts(signal) });

export async function exportBreakdown(query: { period: string; indicator: IndicatorCode; by: StatDimension }): Promise<void> {
  const { blob, filename } = await api.download('/api/statistics/breakdown/export', query);
  saveBlob(blob, filename ?? 'statistics.xlsx');
}

export const listReports = (query: { page: number; pageSize: number; period?: string; status?: string; zone?: string }, signal?: AbortSignal) =>
  api.get('/api/monthly-reports', reportPageSchema, { query, ...opts(signal) });
export const getReport = (id: string, signal?: AbortSignal) => api.get(`/api/monthly-reports/${id}`, reportDetailSchema, opts(signal));
export const getRevisions = (id: string, signal?: AbortSignal) => api.get(`/api/monthly-reports/${id}/revisions`, revisionListSchema, opts(signal));
export const createReport = (body: { period: string; values: ReportValues; explanation?: string | null }) =>
  api.post('/api/monthly-reports', reportDetailSchema, { body });
export const saveReport = (id: string, body: { version: number; values: ReportValues; explanation?: string | null }) =>
  api.put(`/api/monthly-reports/${id}`, reportDetailSchema, { body });
export const submitReport = (id: string, version: number) => api.post(`/api/monthly-reports/${id}/submit`, reportDetailSchema, { body: { version } });
export const reviewReport = (id: string, body: { version: number; decision: 'pass' | 'return'; reason?: string }) =>
  api.post(`/api/monthly-reports/${id}/review`, reportDetailSchema, { body });
export const approveReport = (id: string, body: z.input<typeof approvalSchema>) => api.post(`/api/monthly-reports/${id}/approve`, reportDetailSchema, { body });

export async function exportReports(): Promise<void> {
  const { blob, filename } = await api.download('/api/monthly-reports/export', { format: 'xlsx' });
  saveBlob(blob, filename ?? 'monthly-reports.xlsx');
}

export async function downloadReportTemplate(): Promise<void> {
  const { blob, filename } = await api.download('/api/monthly-reports/template');
  saveBlob(blob, filename ?? 'monthly-reports-template.xlsx');
}

/** The uploaded bureau file with its errors marked (offered for 30 minutes after the import, to the uploader). */
export async function downloadImportErrors(reportId: string): Promise<void> {
  const { blob, filename } = await api.download(`/api/monthly-reports/import-reports/${reportId}`);
  saveBlob(blob, filename ?? 'monthly-import-errors.xlsx');
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type BureauImportProgress = Extract<MonthlyImportStreamLine, { type: 'progress' }>;

/**
 * Uploads a bureau file (flat template or B204-1) and reads the streamed answer line by line: the server's
 * progress (check, parse, validate, write, rollups) goes to `onProgress` while its single transaction runs,
 * then the result. A failure after the answer has started comes as an error line and is thrown like any other.
 */
export async function importBureauFile(file: File, options: MonthlyImportQuery, onProgress: (progress: BureauImportProgress) => void): Promise<MonthlyImportResultView> {
  // Sent with the .xlsx type whatever the browser guessed; the server checks the content itself.
  const response = await api.sendFile('/api/monthly-reports/import', new Blob([file], { type: XLSX_MIME }), {
    query: { ...options, fileName: file.name },
    accept: 'application/x-ndjson',
  });
  return readImportStream(response, (v) => monthlyImportStreamLineSchema.parse(v), (v) => monthlyImportResultSchema.parse(v), onProgress);
}
