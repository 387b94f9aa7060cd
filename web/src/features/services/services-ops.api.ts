import { z } from 'zod';
import {
  bookingRulesListSchema,
  bookingRulesViewSchema,
  instrumentAdminListSchema,
  instrumentAdminViewSchema,
  instrumentDemandListSchema,
  instrumentDemandViewSchema,
  platformGapListSchema,
  requestThemesSchema,
  standingSchema,
  statementSchema,
  trainingListSchema,
  waitlistEntrySchema,
  waitlistListSchema,
} from '../../../../contracts/services-operations.ts';
import { applicationListSchema, applicationViewSchema, fundsSchema, policyEffectSchema } from '../../../../contracts/services-policy-operations.ts';
import { api, saveBlob } from '../../app/api.ts';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
async function save(path: string, fallback: string, query?: Record<string, string>) {
  const { blob, filename } = await api.download(path, query);
  saveBlob(blob, filename ?? fallback);
}

// waitlist, standing, statements
export const listWaitlist = (signal?: AbortSignal) => api.get('/api/services/waitlist', waitlistListSchema, opts(signal));
export const joinWaitlist = (body: { instrumentId: string; start: string; end: string; purpose?: string }) => api.post('/api/services/waitlist', waitlistEntrySchema, { body });
export const answerOffer = (id: string, verb: 'accept' | 'withdraw', version: number) => api.post(`/api/services/waitlist/${id}/${verb}`, waitlistEntrySchema, { body: { version } });
export const loadStanding = (signal?: AbortSignal) => api.get('/api/services/bookings/standing', standingSchema, opts(signal));
export const loadStatement = (month: string, signal?: AbortSignal) => api.get('/api/services/statements', statementSchema, { query: { month }, ...opts(signal) });
export const downloadStatement = (month: string) => save('/api/services/statements/export', `statement-${month}.xlsx`, { month });

// catalogue, trainings, rules
export const listManagedInstruments = (signal?: AbortSignal) => api.get('/api/services/instrument-admin', instrumentAdminListSchema, opts(signal));
export type InstrumentInput = {
  platformId: string;
  code: string;
  name: string;
  kind: string;
  location?: string;
  rules?: string;
  requiresTraining: boolean;
  prices: { inDistrict: string; outside: string; academic: string };
  opensAt: string;
  closesAt: string;
};
export const createInstrument = (body: InstrumentInput) => api.post('/api/services/instrument-admin', instrumentAdminViewSchema, { body });
export const updateInstrument = (id: string, instrument: InstrumentInput, version: number) => api.put(`/api/services/instrument-admin/${id}`, instrumentAdminViewSchema, { body: { instrument, version } });
export const retireInstrument = (id: string) => api.command('DELETE', `/api/services/instrument-admin/${id}`);
export const listTrainings = (id: string, signal?: AbortSignal) => api.get(`/api/services/instrument-admin/${id}/trainings`, trainingListSchema, opts(signal));
export const setTraining = (id: string, body: { username: string; trainedOn: string; expiresOn: string }) => api.put(`/api/services/instrument-admin/${id}/trainings`, trainingListSchema, { body });
export const revokeTraining = (id: string, userId: string) => api.command('DELETE', `/api/services/instrument-admin/${id}/trainings/${userId}`);
export const listBookingRules = (signal?: AbortSignal) => api.get('/api/services/booking-rules', bookingRulesListSchema, opts(signal));
export const saveBookingRules = (platformId: string, body: z.infer<typeof bookingRulesViewSchema> extends infer R ? Omit<R & object, 'platformId' | 'platformName' | 'isDefault'> : never) =>
  api.put(`/api/services/booking-rules/${platformId}`, bookingRulesViewSchema, { body });

// platform gaps
export const listDemands = (signal?: AbortSignal) => api.get('/api/services/instrument-demands', instrumentDemandListSchema, opts(signal));
export const submitDemand = (body: { kind: string; description: string; hoursPerMonth?: number }) => api.post('/api/services/instrument-demands', instrumentDemandViewSchema, { body });
export const listPlatformGaps = (signal?: AbortSignal) => api.get('/api/services/platform-gaps', platformGapListSchema, opts(signal));
export const downloadGapLeads = () => save('/api/services/platform-gaps/leads', 'cro-cdmo-leads.xlsx');

// policies: funds, effect, applications; requests: themes
export const loadFunds = (signal?: AbortSignal) => api.get('/api/services/policy-funds', fundsSchema, opts(signal));
export const loadEffect = (code: string, signal?: AbortSignal) => api.get(`/api/services/policies/${encodeURIComponent(code)}/effect`, policyEffectSchema, opts(signal));
export const disburseAward = (id: string, amount: string) => api.post(`/api/services/policy-awards/${id}/disburse`, z.object({ id: z.string(), disbursedAmount: z.string() }), { body: { amount } });
export const listApplications = (signal?: AbortSignal) => api.get('/api/services/policy-applications', applicationListSchema, opts(signal));
export const submitApplication = (code: string, body: { statement: string; amountRequested?: string }) => api.post(`/api/services/policies/${encodeURIComponent(code)}/applications`, applicationViewSchema, { body });
export const reviewApplication = (id: string, version: number, note?: string) => api.post(`/api/services/policy-applications/${id}/review`, applicationViewSchema, { body: { version, ...(note ? { note } : {}) } });
export const decideApplication = (id: string, body: { approve: boolean; amountApproved?: string; note?: string; version: number }) => api.post(`/api/services/policy-applications/${id}/decide`, applicationViewSchema, { body });
export const loadThemes = (signal?: AbortSignal) => api.get('/api/services/request-themes', requestThemesSchema, opts(signal));
