import { analysisReportListSchema, analysisReportSchema, forecastSchema, gapAnalysisSchema, type ForecastView } from '../../../../contracts/forecast.ts';
import { api, saveBlob } from '../../app/api.ts';

export type Forecast = ForecastView;

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const getForecast = (signal?: AbortSignal) => api.get('/api/forecast', forecastSchema, opts(signal));
export const listAnalysisReports = (signal?: AbortSignal) => api.get('/api/analysis-reports', analysisReportListSchema, opts(signal));
export const generateAnalysisReport = (body: { period: string; zone?: string | null }) => api.post('/api/analysis-reports', analysisReportSchema, { body });
export const regenerateAnalysisReport = (id: string) => api.post(`/api/analysis-reports/${id}/regenerate`, analysisReportSchema, { body: {} });

export async function downloadAnalysisReport(id: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await api.download(`/api/analysis-reports/${id}/download`);
  saveBlob(blob, filename ?? fallbackName);
}
export const getGapAnalysis = (metric: string, period: string, signal?: AbortSignal) => api.get('/api/analysis/gap', gapAnalysisSchema, { query: { metric, period }, ...opts(signal) });
