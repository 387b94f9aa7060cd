import { auditFilterSchema } from '../../../../contracts/audit.ts';
import type { AuditFilter } from './audit.api.ts';

export const AUDIT_FILTER_KEYS = ['username', 'action', 'objectType', 'objectId', 'outcome', 'from', 'to'] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];

/**
 * URL params → a filter the server accepts. Each param is validated on its own with the shared schema, so one
 * bad value in a hand-edited URL is dropped instead of breaking the page.
 */
export function auditFilterFromParams(params: Record<AuditFilterKey, string>): AuditFilter {
  const filter: Record<string, unknown> = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const raw = params[key];
    if (!raw) continue;
    const parsed = auditFilterSchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) filter[key] = parsed.data;
  }
  return auditFilterSchema.parse(filter);
}
