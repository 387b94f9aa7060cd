import { z } from 'zod';
import {
  evaluationResultSchema,
  warningDetailSchema,
  warningPageSchema,
  warningRollupSchema,
  warningRuleDryRunSchema,
  warningRuleVersionViewSchema,
  warningRuleViewSchema,
  warningViewSchema,
  type WarningAction,
  type WarningListQuery,
  type WarningRuleUpdate,
} from '../../../../contracts/warnings.ts';
import { api } from '../../app/api.ts';

type Query = Partial<Omit<WarningListQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number };

export const listWarnings = (query: Query, signal?: AbortSignal) =>
  api.get('/api/warnings', warningPageSchema, { query: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>, ...(signal ? { signal } : {}) });
export const loadWarning = (id: string, signal?: AbortSignal) => api.get(`/api/warnings/${id}`, warningDetailSchema, signal ? { signal } : {});
export const actOnWarning = (id: string, body: WarningAction) => api.post(`/api/warnings/${id}/actions`, warningViewSchema, { body });
export const loadWarningRollup = (signal?: AbortSignal) => api.get('/api/warnings/rollup', warningRollupSchema, signal ? { signal } : {});
export const evaluateNow = () => api.post('/api/warnings/evaluate', evaluationResultSchema);
export const listWarningRules = (signal?: AbortSignal) => api.get('/api/warning-rules', z.array(warningRuleViewSchema), signal ? { signal } : {});
export const loadRuleVersions = (code: string, signal?: AbortSignal) => api.get(`/api/warning-rules/${code}/versions`, z.array(warningRuleVersionViewSchema), signal ? { signal } : {});
export const dryRunRule = (code: string, body: Pick<WarningRuleUpdate, 'params' | 'enabled'>) => api.post(`/api/warning-rules/${code}/dry-run`, warningRuleDryRunSchema, { body });
export const updateRule = (code: string, body: WarningRuleUpdate) => api.put(`/api/warning-rules/${code}`, warningRuleViewSchema, { body });
