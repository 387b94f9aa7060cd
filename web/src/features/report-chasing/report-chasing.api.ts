import {
  batchReviewResultSchema,
  chaseListSchema,
  chaseRemindResultSchema,
  reportStatusCountsSchema,
  type ChaseStatus,
} from '../../../../contracts/report-chasing.ts';
import { api, saveBlob } from '../../app/api.ts';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const getChaseList = (query: { period: string; zone?: string; status?: ChaseStatus }, signal?: AbortSignal) =>
  api.get('/api/monthly-reports/chasing', chaseListSchema, { query, ...opts(signal) });

export const remind = (body: { period: string; enterpriseIds?: string[]; zone?: string }) => api.post('/api/monthly-reports/chasing/remind', chaseRemindResultSchema, { body });

export async function exportChaseList(query: { period: string; zone?: string; status?: ChaseStatus }): Promise<void> {
  const { blob, filename } = await api.download('/api/monthly-reports/chasing/export', query);
  saveBlob(blob, filename ?? `chasing-${query.period}.xlsx`);
}

export const getStatusCounts = (query: { period?: string; zone?: string }, signal?: AbortSignal) =>
  api.get('/api/monthly-reports/status-counts', reportStatusCountsSchema, { query, ...opts(signal) });

/** The park passes (first review), the commission approves. */
export const batchReview = (role: 'park' | 'commission', items: { id: string; version: number }[]) =>
  api.post(role === 'park' ? '/api/monthly-reports/batch-review' : '/api/monthly-reports/batch-approve', batchReviewResultSchema, { body: { items } });
