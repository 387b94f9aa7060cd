import { z } from 'zod';
import {
  boardSchema,
  bulletinListSchema,
  bulletinViewSchema,
  dualTrackSchema,
  itemDetailSchema,
  itemListSchema,
  reportViewSchema,
  syncResultSchema,
} from '../../../../contracts/supervision.ts';
import { api, saveBlob } from '../../app/api.ts';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const listItems = (year: number, signal?: AbortSignal) => api.get('/api/supervision/items', itemListSchema, { query: { year }, ...opts(signal) });
export const getBoard = (year: number, signal?: AbortSignal) => api.get('/api/supervision/board', boardSchema, { query: { year }, ...opts(signal) });
export const getDualTrack = (year: number, signal?: AbortSignal) => api.get('/api/supervision/dual-track', dualTrackSchema, { query: { year }, ...opts(signal) });
export const getItem = (id: string, year: number, signal?: AbortSignal) => api.get(`/api/supervision/items/${id}`, itemDetailSchema, { query: { year }, ...opts(signal) });
export const syncItems = () => api.post('/api/supervision/sync', syncResultSchema);
export const saveWorkPlan = (id: string, body: unknown) => api.put(`/api/supervision/items/${id}/work-plan`, itemDetailSchema, { body });
export const confirmWorkPlan = (id: string, year: number, version: number) => api.post(`/api/supervision/items/${id}/work-plan/confirm`, itemDetailSchema, { body: { year, version } });
export const submitReport = (id: string, body: unknown) => api.post(`/api/supervision/items/${id}/reports`, reportViewSchema, { body });
export const consolidateReport = (id: string, version: number) => api.post(`/api/supervision/reports/${id}/consolidate`, reportViewSchema, { body: { version } });
export const reviewReport = (id: string, body: { decision: 'accept' | 'return'; reason?: string; version: number }) => api.post(`/api/supervision/reports/${id}/review`, reportViewSchema, { body });
export const listBulletins = (signal?: AbortSignal) => api.get('/api/supervision/bulletins', bulletinListSchema, opts(signal));
export const generateBulletin = (period: string) => api.post('/api/supervision/bulletins', bulletinViewSchema, { body: { period } });
export async function downloadBulletin(id: string, fallback: string) {
  const { blob, filename } = await api.download(`/api/supervision/bulletins/${id}/file`);
  saveBlob(blob, filename ?? fallback);
}
export async function downloadWorkPlan(year: number) {
  const { blob, filename } = await api.download('/api/supervision/work-plan/export', { year });
  saveBlob(blob, filename ?? `work-plan-${year}.xlsx`);
}
export type ItemDetail = z.infer<typeof itemDetailSchema>;
