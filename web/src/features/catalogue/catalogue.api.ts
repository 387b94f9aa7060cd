import { expertPageSchema, expertViewSchema, type ExpertInput } from '../../../../contracts/experts.ts';
import { platformPageSchema, platformViewSchema, type PlatformInput } from '../../../../contracts/platforms.ts';
import { api, type Query } from '../../app/api.ts';

export const listPlatforms = (query: Query, signal?: AbortSignal) => api.get('/api/platforms', platformPageSchema, { query, ...(signal ? { signal } : {}) });
export const savePlatform = (id: string | null, body: PlatformInput & { version?: number }) =>
  id ? api.put(`/api/platforms/${id}`, platformViewSchema, { body }) : api.post('/api/platforms', platformViewSchema, { body });
export const listExperts = (query: Query, signal?: AbortSignal) => api.get('/api/experts', expertPageSchema, { query, ...(signal ? { signal } : {}) });
export const saveExpert = (id: string | null, body: ExpertInput & { version?: number }) =>
  id ? api.put(`/api/experts/${id}`, expertViewSchema, { body }) : api.post('/api/experts', expertViewSchema, { body });
