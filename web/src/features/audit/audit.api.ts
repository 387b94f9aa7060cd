import type { z } from 'zod';
import { auditPageSchema, auditVerifyResultSchema } from '../../../../contracts/audit.ts';
import type { auditFilterSchema } from '../../../../contracts/audit.ts';
import { api, saveBlob } from '../../app/api.ts';

export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditFilter = z.infer<typeof auditFilterSchema>;
export type AuditVerifyResult = z.infer<typeof auditVerifyResultSchema>;

export function listAuditEvents(query: AuditFilter & { page: number; pageSize: number }, signal?: AbortSignal): Promise<AuditPage> {
  return api.get('/api/audit/events', auditPageSchema, { query: { ...query }, ...(signal ? { signal } : {}) });
}

export function verifyAuditChain(): Promise<AuditVerifyResult> {
  return api.get('/api/audit/verify', auditVerifyResultSchema);
}

/** Downloads the filtered log as Excel; errors surface as ApiRequestError like any other call. */
export async function exportAuditEvents(filter: AuditFilter): Promise<void> {
  const { blob, filename } = await api.download('/api/audit/export', { ...filter });
  saveBlob(blob, filename ?? `audit-${new Date().toISOString().slice(0, 10)}.xlsx`);
}
