import type { z } from 'zod';
import {
  enterpriseDetailSchema,
  enterprisePageSchema,
  mergeResultSchema,
  similarEnterprisesSchema,
  type EnterpriseInput,
} from '../../../../contracts/enterprises.ts';
import { api, type Query } from '../../app/api.ts';

export type EnterprisePage = z.infer<typeof enterprisePageSchema>;

export interface EnterpriseListQuery {
  page: number;
  pageSize: number;
  q?: string;
  domain?: string;
  zone?: string;
  stage?: string;
  tag?: string;
  aboveScale?: string;
  node?: string;
  sort?: string;
  order?: string;
}

export function listEnterprises(query: EnterpriseListQuery, signal?: AbortSignal): Promise<EnterprisePage> {
  return api.get('/api/enterprises', enterprisePageSchema, { query: query as unknown as Query, ...(signal ? { signal } : {}) });
}

export const getEnterprise = (id: string, signal?: AbortSignal) => api.get(`/api/enterprises/${id}`, enterpriseDetailSchema, signal ? { signal } : {});
export const createEnterprise = (body: EnterpriseInput) => api.post('/api/enterprises', enterpriseDetailSchema, { body });
export const updateEnterprise = (id: string, body: EnterpriseInput & { version: number }) => api.put(`/api/enterprises/${id}`, enterpriseDetailSchema, { body });
export const similarEnterprises = (name: string, excludeId?: string) =>
  api.get('/api/enterprises/similar', similarEnterprisesSchema, { query: { name, excludeId } });
export const mergeEnterprise = (id: string, sourceId: string, version: number) =>
  api.post(`/api/enterprises/${id}/merge`, mergeResultSchema, { body: { sourceId, version } });
