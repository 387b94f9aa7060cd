import type { z } from 'zod';
import {
  challengeDetailSchema,
  challengeInputSchema,
  challengeListSchema,
  dealInputSchema,
  dealListSchema,
  dealUpdateSchema,
  dealViewSchema,
  evaluationCandidatesSchema,
  evaluationListSchema,
  evaluationViewSchema,
  introductionListSchema,
  introductionViewSchema,
  listingDetailSchema,
  listingInputSchema,
  listingListSchema,
  listingUpdateSchema,
  listingViewSchema,
  rubricSchema,
} from '../../../../contracts/tech-transfer.ts';
import { api } from '../../app/api.ts';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const base = '/api/tech-transfer';

export type Listing = z.infer<typeof listingViewSchema>;
export type ListingDetail = z.infer<typeof listingDetailSchema>;
export type Deal = z.infer<typeof dealViewSchema>;
export type Evaluation = z.infer<typeof evaluationViewSchema>;

export const listListings = (query: { q?: string; domain?: string; minTrl?: number; kind?: string }, signal?: AbortSignal) => api.get(`${base}/listings`, listingListSchema, { query, ...opts(signal) });
export const getListing = (id: string, signal?: AbortSignal) => api.get(`${base}/listings/${id}`, listingDetailSchema, opts(signal));
export const createListing = (body: z.input<typeof listingInputSchema>) => api.post(`${base}/listings`, listingViewSchema, { body });
export const updateListing = (id: string, body: z.input<typeof listingUpdateSchema>) => api.put(`${base}/listings/${id}`, listingViewSchema, { body });
export const requestIntroduction = (id: string, body: { message: string; contactName?: string; contactPhone?: string }) => api.post(`${base}/listings/${id}/introductions`, introductionViewSchema, { body });
export const listIntroductions = (signal?: AbortSignal) => api.get(`${base}/introductions`, introductionListSchema, opts(signal));
export const decideIntroduction = (id: string, verb: 'accept' | 'decline', body: { note?: string; version: number }) => api.post(`${base}/introductions/${id}/${verb}`, introductionViewSchema, { body });
export const listChallenges = (signal?: AbortSignal) => api.get(`${base}/challenges`, challengeListSchema, opts(signal));
export const getChallenge = (id: string, signal?: AbortSignal) => api.get(`${base}/challenges/${id}`, challengeDetailSchema, opts(signal));
export const postChallenge = (body: z.input<typeof challengeInputSchema>) => api.post(`${base}/challenges`, challengeDetailSchema, { body });
export const respondChallenge = (id: string, body: { listingId: string; note: string }) => api.post(`${base}/challenges/${id}/responses`, challengeDetailSchema, { body });
export const loadRubric = (signal?: AbortSignal) => api.get(`${base}/rubric`, rubricSchema, opts(signal));
export const evaluationCandidates = (listingId: string, signal?: AbortSignal) => api.get(`${base}/evaluations/candidates`, evaluationCandidatesSchema, { query: { listingId }, ...opts(signal) });
export const assignExperts = (listingId: string, expertIds: string[]) => api.post(`${base}/evaluations`, evaluationListSchema, { body: { listingId, expertIds } });
export const listEvaluations = (query: { status?: string }, signal?: AbortSignal) => api.get(`${base}/evaluations`, evaluationListSchema, { query, ...opts(signal) });
export const submitScores = (id: string, body: { scores: { criterion: string; score: number }[]; comment?: string; version: number }) => api.post(`${base}/evaluations/${id}/scores`, evaluationViewSchema, { body });
export const listDeals = (signal?: AbortSignal) => api.get(`${base}/deals`, dealListSchema, opts(signal));
export const createDeal = (body: z.input<typeof dealInputSchema>) => api.post(`${base}/deals`, dealViewSchema, { body });
export const updateDeal = (id: string, body: z.input<typeof dealUpdateSchema>) => api.put(`${base}/deals/${id}`, dealViewSchema, { body });
