import type { z } from 'zod';
import { enterprisePageSchema } from '../../../../contracts/enterprises.ts';
import { api } from '../../app/api.ts';

export type EnterprisePage = z.infer<typeof enterprisePageSchema>;

export function listEnterprises(
  query: { page: number; pageSize: number; q?: string },
  signal?: AbortSignal,
): Promise<EnterprisePage> {
  return api.get('/api/enterprises', enterprisePageSchema, { query, ...(signal ? { signal } : {}) });
}
