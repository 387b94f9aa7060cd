import type { z } from 'zod';
import { projectDetailSchema, projectPageSchema, type FollowUpInput, type ProjectInput, type StageChange } from '../../../../contracts/projects.ts';
import { api, type Query } from '../../app/api.ts';

export type ProjectPage = z.infer<typeof projectPageSchema>;

export function listProjects(query: Query, signal?: AbortSignal): Promise<ProjectPage> {
  return api.get('/api/projects', projectPageSchema, { query, ...(signal ? { signal } : {}) });
}
export const getProject = (id: string, signal?: AbortSignal) => api.get(`/api/projects/${id}`, projectDetailSchema, signal ? { signal } : {});
export const createProject = (body: ProjectInput) => api.post('/api/projects', projectDetailSchema, { body });
export const updateProject = (id: string, body: Omit<ProjectInput, 'stage'> & { version: number }) => api.put(`/api/projects/${id}`, projectDetailSchema, { body });
export const changeStage = (id: string, body: StageChange) => api.post(`/api/projects/${id}/stage`, projectDetailSchema, { body });
export const addFollowUp = (id: string, body: FollowUpInput) => api.post(`/api/projects/${id}/follow-ups`, projectDetailSchema, { body });
