import {
  awardResultSchema,
  bookingListSchema,
  bookingViewSchema,
  busySlotsSchema,
  instrumentListSchema,
  myPoliciesSchema,
  policyEligibilitySchema,
  policyListSchema,
  requestCategoriesSchema,
  requestDetailSchema,
  requestPageSchema,
  utilisationSchema,
} from '../../../../contracts/services.ts';
import { api, saveBlob } from '../../app/api.ts';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

// requests
export const listRequestCategories = (signal?: AbortSignal) => api.get('/api/services/request-categories', requestCategoriesSchema, opts(signal));
export const listRequests = (query: { status?: string; overdue?: 'true'; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get('/api/services/requests', requestPageSchema, { query, ...opts(signal) });
export const submitRequest = (body: { category: string; title: string; description: string }) => api.post('/api/services/requests', requestDetailSchema, { body });
export const acceptRequest = (id: string, body: { plan?: string; version: number }) => api.post(`/api/services/requests/${id}/accept`, requestDetailSchema, { body });
export const replyRequest = (id: string, body: { reply: string; version: number }) => api.post(`/api/services/requests/${id}/reply`, requestDetailSchema, { body });
export const rateRequest = (id: string, body: { rating: number; comment?: string; version: number }) => api.post(`/api/services/requests/${id}/rate`, requestDetailSchema, { body });

// instruments and bookings
export const listInstruments = (signal?: AbortSignal) => api.get('/api/services/instruments', instrumentListSchema, opts(signal));
export const busySlots = (id: string, from: string, to: string, signal?: AbortSignal) =>
  api.get(`/api/services/instruments/${id}/busy`, busySlotsSchema, { query: { from, to }, ...opts(signal) });
export const listBookings = (query: { status?: string; instrumentId?: string }, signal?: AbortSignal) => api.get('/api/services/bookings', bookingListSchema, { query, ...opts(signal) });
export const createBooking = (body: { instrumentId: string; start: string; end: string; purpose?: string }) => api.post('/api/services/bookings', bookingViewSchema, { body });
export const decideBooking = (id: string, verb: 'approve' | 'decline' | 'cancel', body: { note?: string; version: number }) =>
  api.post(`/api/services/bookings/${id}/${verb}`, bookingViewSchema, { body });
export const loadUtilisation = (month: string, signal?: AbortSignal) => api.get('/api/services/utilisation', utilisationSchema, { query: { month }, ...opts(signal) });
export async function downloadMyCalendar(): Promise<void> {
  const { blob, filename } = await api.download('/api/services/bookings/calendar.ics');
  saveBlob(blob, filename ?? 'bookings.ics');
}

// policies
export const listPolicies = (signal?: AbortSignal) => api.get('/api/services/policies', policyListSchema, opts(signal));
export const myPolicies = (signal?: AbortSignal) => api.get('/api/services/policies/mine', myPoliciesSchema, opts(signal));
export const policyEligibility = (code: string, signal?: AbortSignal) => api.get(`/api/services/policies/${encodeURIComponent(code)}/eligible`, policyEligibilitySchema, opts(signal));
export const confirmAwards = (code: string, usccs: string[]) => api.post(`/api/services/policies/${encodeURIComponent(code)}/awards`, awardResultSchema, { body: { usccs } });
