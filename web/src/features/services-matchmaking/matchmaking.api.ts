import { chainTemplateListSchema } from '../../../../contracts/chains.ts';
import { candidateListSchema, matchContactsSchema, matchPageSchema, matchViewSchema, postingPageSchema, postingViewSchema } from '../../../../contracts/matchmaking.ts';
import { api } from '../../app/api.ts';

const base = '/api/services/matchmaking';
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const listPostings = (query: { kind?: string; q?: string; mine?: 'true'; status?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get(`${base}/postings`, postingPageSchema, { query, ...opts(signal) });
export const createPosting = (body: Record<string, unknown>) => api.post(`${base}/postings`, postingViewSchema, { body });
export const closePosting = (id: string, version: number) => api.post(`${base}/postings/${id}/close`, postingViewSchema, { body: { version } });
export const listCandidates = (id: string, signal?: AbortSignal) => api.get(`${base}/postings/${id}/candidates`, candidateListSchema, opts(signal));
export const proposeMatch = (needId: string, offerId: string) => api.post(`${base}/matches`, matchViewSchema, { body: { needId, offerId } });
export const listMatches = (query: { status?: string; page: number; pageSize: number }, signal?: AbortSignal) => api.get(`${base}/matches`, matchPageSchema, { query, ...opts(signal) });
export const answerMatch = (id: string, agree: boolean, version: number) => api.post(`${base}/matches/${id}/consent`, matchViewSchema, { body: { agree, version } });
export const revealContacts = (id: string) => api.post(`${base}/matches/${id}/contacts`, matchContactsSchema, {});
export const recordOutcome = (id: string, body: { outcome: 'contacted' | 'deal' | 'no-deal'; amount?: string; note?: string; version: number }) =>
  api.post(`${base}/matches/${id}/outcome`, matchViewSchema, { body });
export const listChains = (signal?: AbortSignal) => api.get('/api/chains', chainTemplateListSchema, opts(signal));
