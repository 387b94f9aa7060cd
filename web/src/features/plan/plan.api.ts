import {
  parseResponseSchema,
  planCompareSchema,
  planGoalSchema,
  planListSchema,
  planVersionDetailSchema,
  planVersionSummarySchema,
  type GoalFormula,
  type PlanCreateInput,
  type PlanVersionInput,
} from '../../../../contracts/plan.ts';
import { api } from '../../app/api.ts';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const planApi = {
  listPlans: (signal?: AbortSignal) => api.get('/api/plan/plans', planListSchema, opts(signal)),
  active: (planId: string | undefined, signal?: AbortSignal) => api.get('/api/plan/active', planVersionDetailSchema, { query: { plan: planId }, ...opts(signal) }),
  version: (id: string, signal?: AbortSignal) => api.get(`/api/plan/versions/${id}`, planVersionDetailSchema, opts(signal)),
  compare: (from: string, to: string, signal?: AbortSignal) => api.get('/api/plan/compare', planCompareSchema, { query: { from, to }, ...opts(signal) }),
  parseText: (text: string) => api.post('/api/plan/parse', parseResponseSchema, { body: { text } }),
  parseFile: (file: File) => api.upload('/api/plan/parse-upload', parseResponseSchema, file, file.name),
  createPlan: (input: PlanCreateInput) => api.post('/api/plan/plans', planVersionSummarySchema, { body: input }),
  saveVersion: (planId: string, input: PlanVersionInput) => api.post(`/api/plan/plans/${planId}/versions`, planVersionSummarySchema, { body: input }),
  activate: (versionId: string) => api.post(`/api/plan/versions/${versionId}/activate`, planVersionSummarySchema),
  setFormula: (goalId: string, formula: GoalFormula | null) => api.put(`/api/plan/goals/${goalId}/formula`, planGoalSchema, { body: { formula } }),
};
