import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows of the services' second round (docs/decisions/0029). The foreign objects are the matrix's foreign
 * enterprise's (waitlist entry, demand, application, award) on the foreign platform, which the matrix platform
 * account does not act for: the leader and the commission see them, every other allowed role gets 404 or lists
 * without them.
 */
const BOOKING_READERS = ['leader', 'commission', 'enterprise', 'platform'] as const;
const MANAGERS = ['commission', 'platform'] as const;
const DISTRICT = ['leader', 'commission'] as const;
const SEES_ALL = new Set<Role>(['leader', 'commission']);

function foreignRowsOnlyForAll(_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.body.includes('矩阵测试丙'), response.body).toBe(SEES_ALL.has(role));
}
/** On the foreign platform's objects: the commission succeeds, the platform account (another platform) gets 404. */
function commissionOnly(okStatus = 200) {
  return (_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) => expect(response.statusCode, response.body).toBe(role === 'commission' ? okStatus : 404);
}
const notFound = (_fx: MatrixFixtures, _role: Role, response: LightMyRequestResponse) => expect(response.statusCode, response.body).toBe(404);
const instrumentInput = (platformId: string, code: string) => ({
  platformId,
  code,
  name: '矩阵测试新仪器',
  kind: 'nmr',
  requiresTraining: true,
  prices: { inDistrict: '100', outside: '150', academic: '80' },
  opensAt: '08:00',
  closesAt: '20:00',
});
const rules = { lateCancelHours: 24, lateCancelsPerNoShow: 2, noShowLimit: 3, windowDays: 90, suspensionDays: 30, offerHours: 4, chargeNoShow: true };

export const SERVICES_OPERATIONS_MATRIX_ROWS: MatrixRow[] = [
  {
    route: 'POST /api/services/bookings/:id/no-show',
    allowed: MANAGERS,
    // a requested future booking: the commission may decide it but not as a no-show (409); the other platform never sees it
    request: async (fx) => ({ url: `/api/services/bookings/${await (await fx.services()).foreignBooking()}/no-show`, payload: { version: 1 } }),
    check: commissionOnly(409),
  },
  { route: 'GET /api/services/waitlist', allowed: BOOKING_READERS, request: async (fx) => (await (await fx.services()).foreignWaitlistEntry(), {}), check: foreignRowsOnlyForAll },
  {
    route: 'POST /api/services/waitlist',
    allowed: ['enterprise'],
    request: async (fx) => {
      const s = await fx.services();
      return { payload: { instrumentId: s.foreignInstrumentId, ...(await s.takenSlot()) } };
    },
    check: (_fx, _role, response) => expect(response.statusCode, response.body).toBe(201),
  },
  ...(['accept', 'withdraw'] as const).map((verb) => ({
    route: `POST /api/services/waitlist/:id/${verb}`,
    allowed: ['enterprise'] as const,
    request: async (fx: MatrixFixtures) => ({ url: `/api/services/waitlist/${await (await fx.services()).foreignWaitlistEntry()}/${verb}`, payload: { version: 1 } }),
    check: notFound,
  })),
  { route: 'GET /api/services/bookings/standing', allowed: ['enterprise'] },
  { route: 'GET /api/services/statements', allowed: BOOKING_READERS, request: async (fx) => ({ url: `/api/services/statements?month=${(await fx.services()).statementMonth}` }), check: foreignRowsOnlyForAll },
  { route: 'GET /api/services/statements/export', allowed: BOOKING_READERS, request: async (fx) => ({ url: `/api/services/statements/export?month=${(await fx.services()).statementMonth}` }) },
  {
    route: 'GET /api/services/instrument-admin',
    allowed: MANAGERS,
    request: async (fx) => (await fx.services(), {}),
    check: (_fx, role, response) => {
      expect(response.statusCode).toBe(200);
      expect(response.body.includes('矩阵测试仪器')).toBe(role === 'commission');
    },
  },
  {
    route: 'POST /api/services/instrument-admin',
    allowed: MANAGERS,
    request: async (fx, role) => ({ payload: instrumentInput((await fx.services()).platformId, `MX-NEW-${role ?? 'anon'}`) }),
    check: commissionOnly(201),
  },
  {
    route: 'PUT /api/services/instrument-admin/:id',
    allowed: MANAGERS,
    request: async (fx, role) => {
      const s = await fx.services();
      return { url: `/api/services/instrument-admin/${await s.spareInstrument()}`, payload: { instrument: instrumentInput(s.platformId, `MX-EDIT-${role ?? 'anon'}`), version: 1 } };
    },
    check: commissionOnly(),
  },
  { route: 'DELETE /api/services/instrument-admin/:id', allowed: MANAGERS, request: async (fx) => ({ url: `/api/services/instrument-admin/${await (await fx.services()).spareInstrument()}` }), check: commissionOnly(204) },
  { route: 'GET /api/services/instrument-admin/:id/trainings', allowed: MANAGERS, request: async (fx) => ({ url: `/api/services/instrument-admin/${(await fx.services()).foreignInstrumentId}/trainings` }), check: commissionOnly() },
  {
    route: 'PUT /api/services/instrument-admin/:id/trainings',
    allowed: MANAGERS,
    request: async (fx) => ({ url: `/api/services/instrument-admin/${await (await fx.services()).spareInstrument()}/trainings`, payload: { username: 'mx_services_foreign', trainedOn: '2026-01-01', expiresOn: '2027-01-01' } }),
    check: commissionOnly(),
  },
  {
    route: 'DELETE /api/services/instrument-admin/:id/trainings/:userId',
    allowed: MANAGERS,
    request: async (fx) => {
      const { instrumentId, userId } = await (await fx.services()).trainedInstrument();
      return { url: `/api/services/instrument-admin/${instrumentId}/trainings/${userId}` };
    },
    check: commissionOnly(),
  },
  { route: 'GET /api/services/booking-rules', allowed: MANAGERS, request: async (fx) => (await fx.services(), {}) },
  { route: 'PUT /api/services/booking-rules/:platformId', allowed: MANAGERS, request: async (fx) => ({ url: `/api/services/booking-rules/${(await fx.services()).platformId}`, payload: rules }), check: commissionOnly() },
  { route: 'GET /api/services/instrument-demands', allowed: ['leader', 'commission', 'enterprise'], request: async (fx) => (await fx.services(), {}), check: foreignRowsOnlyForAll },
  { route: 'POST /api/services/instrument-demands', allowed: ['enterprise'], request: () => ({ payload: { kind: '矩阵测试质谱成像', description: '—' } }) },
  { route: 'GET /api/services/platform-gaps', allowed: DISTRICT, request: async (fx) => (await fx.services(), {}) },
  { route: 'GET /api/services/platform-gaps/leads', allowed: DISTRICT, request: async (fx) => (await fx.services(), {}) },
  { route: 'GET /api/services/policy-funds', allowed: DISTRICT, request: async (fx) => (await (await fx.services()).foreignAward(), {}) },
  { route: 'GET /api/services/policies/:code/effect', allowed: DISTRICT, request: async (fx) => ({ url: `/api/services/policies/${(await fx.services()).policyCode}/effect` }) },
  { route: 'POST /api/services/policy-awards/:id/disburse', allowed: ['commission'], request: async (fx) => ({ url: `/api/services/policy-awards/${await (await fx.services()).foreignAward()}/disburse`, payload: { amount: '10' } }) },
  { route: 'GET /api/services/policy-applications', allowed: ['leader', 'commission', 'enterprise'], request: async (fx) => (await (await fx.services()).foreignApplication('submitted'), {}), check: foreignRowsOnlyForAll },
  { route: 'POST /api/services/policies/:code/applications', allowed: ['enterprise'], request: async (fx) => ({ url: `/api/services/policies/${(await fx.services()).applyPolicyCode}/applications`, payload: { statement: '矩阵测试申报' } }) },
  { route: 'POST /api/services/policy-applications/:id/review', allowed: ['commission'], request: async (fx) => ({ url: `/api/services/policy-applications/${await (await fx.services()).foreignApplication('submitted')}/review`, payload: { version: 1 } }) },
  {
    route: 'POST /api/services/policy-applications/:id/decide',
    allowed: ['commission'],
    request: async (fx) => ({ url: `/api/services/policy-applications/${await (await fx.services()).foreignApplication('reviewed')}/decide`, payload: { approve: true, amountApproved: '5', version: 1 } }),
  },
  { route: 'GET /api/services/request-themes', allowed: ['leader', 'commission', 'department', 'park'] },
];
