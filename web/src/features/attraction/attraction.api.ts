import { z } from 'zod';
import {
  targetDetailSchema,
  targetPageSchema,
  targetViewSchema,
  type ActivityInput,
  type ConvertInput,
  type TargetView,
} from '../../../../contracts/attraction.ts';
import { api } from '../../app/api.ts';

/** The 招商目标 page's calls (server/src/modules/attraction/attraction.routes.ts). */
export interface TargetFilter {
  q?: string;
  status?: TargetView['status'];
  owner?: TargetView['owner']['kind'];
  page: number;
  pageSize: number;
}

export const listTargets = (filter: TargetFilter, signal?: AbortSignal) => api.get('/api/attraction/targets', targetPageSchema, { signal, query: { ...filter } });
export const getTarget = (id: string, signal?: AbortSignal) => api.get(`/api/attraction/targets/${id}`, targetDetailSchema, { signal });
export const logActivity = (id: string, body: ActivityInput) => api.post(`/api/attraction/targets/${id}/activities`, targetDetailSchema, { body });
export const convertTarget = (id: string, body: ConvertInput) =>
  api.post(`/api/attraction/targets/${id}/convert`, targetDetailSchema.extend({ projectId: z.string() }), { body });

/** Drops a target, keeping its owner, zone and plan as they are (the update carries the whole plan). */
export const dropTarget = (target: TargetView) =>
  api.put(`/api/attraction/targets/${target.id}`, targetViewSchema, {
    body: {
      zone: target.zone?.code ?? null,
      owner: { kind: target.owner.kind, zone: target.owner.zone?.code ?? null, department: target.owner.department?.code ?? null },
      plan: target.plan,
      nextStep: target.nextStep,
      nextOn: target.nextOn,
      status: 'dropped',
      version: target.version,
    },
  });
