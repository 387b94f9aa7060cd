import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import { activeSession, departmentId } from '../../../test/fixtures.ts';
import { as, type TestApp } from '../../../test/test-app.ts';
import { instruments, platforms, servicePolicies } from '../db/schema/index.ts';
import { shanghaiDate } from '../domain/services/working-time.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';
import { SERVICES_OPERATIONS_MATRIX_ROWS } from './access-matrix.services-operations.ts';

/**
 * Matrix rows of the enterprise services (issue 14). The foreign objects belong to the matrix's foreign
 * enterprise: a request routed to a department that is not the matrix's (区投资促进办), and bookings of an
 * instrument of a platform that is not the matrix platform account's. So only the leader and the commission
 * see them; every other allowed role gets 404 on the object and lists without it.
 */
export interface ServicesMatrixFixtures {
  /** A fresh request of the foreign enterprise (submitted, or accepted). */
  foreignRequest: (status?: 'submitted' | 'accepted') => Promise<string>;
  /** A fresh requested booking of the foreign enterprise on the foreign platform's instrument. */
  foreignBooking: () => Promise<string>;
  foreignInstrumentId: string;
  foreignUscc: string;
  /** A future slot no other matrix booking uses. */
  freeSlot: () => { start: string; end: string };
  policyCode: string;
  // second round (docs/decisions/0029)
  platformId: string;
  /** A slot of the foreign instrument freshly taken by the foreign enterprise (to join its waitlist). */
  takenSlot: () => Promise<{ start: string; end: string }>;
  /** A fresh waitlist entry of the foreign enterprise. */
  foreignWaitlistEntry: () => Promise<string>;
  /** The month of a completed booking of the foreign enterprise (charged in its statement). */
  statementMonth: string;
  /** A fresh instrument of the foreign platform (to retire), and one with a training of the foreign user. */
  spareInstrument: () => Promise<string>;
  trainedInstrument: () => Promise<{ instrumentId: string; userId: string }>;
  applyPolicyCode: string;
  /** A fresh application of the foreign enterprise (submitted or reviewed), and a fresh undisbursed award. */
  foreignApplication: (status: 'submitted' | 'reviewed') => Promise<string>;
  foreignAward: () => Promise<string>;
}

export async function buildServicesMatrixFixtures(t: TestApp, ids: { foreign: string }): Promise<ServicesMatrixFixtures> {
  const db = t.deps.database.db;
  const [platform] = await db.insert(platforms).values({ code: 'mx-services-platform', name: '矩阵服务平台', kind: 'cdmo' }).returning();
  const [instrument] = await db
    .insert(instruments)
    .values({ code: 'MX-INS-1', platformId: platform!.id, name: '矩阵测试仪器', kind: 'hplc', requiresTraining: false, priceInDistrict: '100.00', priceOutside: '150.00', priceAcademic: '80.00', opensAt: '08:00', closesAt: '20:00' })
    .returning();
  await db.insert(servicePolicies).values({ code: 'MX-POLICY', title: '矩阵测试政策', conditions: [{ kind: 'zone', in: ['innovation-city'] }] });
  const foreignUser = await activeSession(t, 'mx_services_foreign', 'enterprise', ids.foreign);
  const [{ uscc }] = (await t.deps.database.query<{ uscc: string }>('SELECT uscc FROM enterprises WHERE id = $1', [ids.foreign])) as [{ uscc: string }];
  // the foreign department's requests: routed to 区投资促进办, which is not the matrix department (区科委)
  await t.deps.database.query(
    `INSERT INTO service_request_routes (category, name_zh, name_en, target_kind, target_id) VALUES ('mx-foreign', '矩阵测试', 'Matrix', 'department', $1)`,
    [await departmentId(t, 'touzi')],
  );
  let day = 20;
  const freeSlot = () => {
    const date = shanghaiDate(new Date(t.clock.now().getTime() + day++ * 86_400_000));
    return { start: new Date(`${date}T09:00:00+08:00`).toISOString(), end: new Date(`${date}T10:00:00+08:00`).toISOString() };
  };
  const q = (text: string, params: unknown[]) => t.deps.database.query<{ id: string }>(text, params);
  const foreignUserId = (await q(`SELECT id FROM users WHERE username = 'mx_services_foreign'`, []))[0]!.id;
  const [applyPolicy] = await db.insert(servicePolicies).values({ code: 'MX-APPLY', title: '矩阵测试申报政策', conditions: [{ kind: 'manual', textZh: '材料', textEn: 'materials' }] }).returning();
  const [completed] = await q(
    `INSERT INTO instrument_bookings (instrument_id, enterprise_id, period, status, user_category, price_per_hour, amount, created_at)
     VALUES ($1, $2, tstzrange(now() - interval '3 days', now() - interval '3 days' + interval '1 hour', '[)'), 'completed', 'in-district', 100, 100, now()) RETURNING id`,
    [instrument!.id, ids.foreign],
  );
  const [month] = await t.deps.database.query<{ month: string }>(`SELECT to_char(lower(period) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month FROM instrument_bookings WHERE id = $1`, [completed!.id]);
  await q(`INSERT INTO instrument_demands (enterprise_id, kind, description, created_at) VALUES ($1, '矩阵测试冷冻电镜', '矩阵测试丙的需求', now()) RETURNING id`, [ids.foreign]);
  let n = 0;
  const newInstrument = async () =>
    (await q(
      `INSERT INTO instruments (code, platform_id, name, kind, requires_training, price_in_district, price_outside, price_academic) VALUES ($1, $2, '矩阵测试备用仪器', 'hplc', true, 1, 1, 1) RETURNING id`,
      [`MX-SPARE-${n++}`, platform!.id],
    ))[0]!.id;
  const takenSlot = async () => {
    const s = freeSlot();
    await as(t, foreignUser)('POST', '/api/services/bookings', { instrumentId: instrument!.id, ...s, purpose: '矩阵测试丙的预约' });
    return s;
  };
  const application = async (status: 'submitted' | 'reviewed') => {
    await q(`DELETE FROM service_policy_awards WHERE application_id IN (SELECT id FROM service_policy_applications WHERE policy_id = $1)`, [applyPolicy!.id]);
    await q(`DELETE FROM service_policy_applications WHERE policy_id = $1 AND enterprise_id = $2`, [applyPolicy!.id, ids.foreign]);
    return (await q(`INSERT INTO service_policy_applications (policy_id, enterprise_id, statement, status, submitted_at) VALUES ($1, $2, '矩阵测试丙的申报', $3, now()) RETURNING id`, [applyPolicy!.id, ids.foreign, status]))[0]!.id;
  };
  return {
    platformId: platform!.id,
    statementMonth: month!.month,
    applyPolicyCode: 'MX-APPLY',
    takenSlot,
    async foreignWaitlistEntry() {
      const s = await takenSlot();
      return (await q(`INSERT INTO instrument_waitlist (instrument_id, enterprise_id, user_id, period, status, created_at) VALUES ($1, $2, $3, tstzrange($4::timestamptz, $5::timestamptz, '[)'), 'waiting', now()) RETURNING id`, [instrument!.id, ids.foreign, foreignUserId, s.start, s.end]))[0]!.id;
    },
    spareInstrument: newInstrument,
    async trainedInstrument() {
      const instrumentId = await newInstrument();
      await q(`INSERT INTO instrument_trainings (instrument_id, user_id, trained_on, expires_on) VALUES ($1, $2, current_date, current_date + 365) RETURNING instrument_id AS id`, [instrumentId, foreignUserId]);
      return { instrumentId, userId: foreignUserId };
    },
    foreignApplication: application,
    async foreignAward() {
      return (await q(`INSERT INTO service_policy_awards (policy_id, enterprise_id, amount, confirmed_at) VALUES ((SELECT id FROM service_policies WHERE code = 'MX-POLICY'), $1, 10, now()) ON CONFLICT (policy_id, enterprise_id) DO UPDATE SET disbursed_at = NULL, disbursed_amount = NULL RETURNING id`, [ids.foreign]))[0]!.id;
    },
    foreignInstrumentId: instrument!.id,
    foreignUscc: uscc,
    policyCode: 'MX-POLICY',
    freeSlot,
    async foreignRequest(status = 'submitted') {
      const r = await as(t, foreignUser)('POST', '/api/services/requests', { category: 'mx-foreign', title: '矩阵测试丙的诉求', description: '—' });
      const id = r.json().id as string;
      if (status === 'accepted') await t.deps.database.query(`UPDATE service_requests SET status = 'accepted' WHERE id = $1`, [id]);
      return id;
    },
    async foreignBooking() {
      const r = await as(t, foreignUser)('POST', '/api/services/bookings', { instrumentId: instrument!.id, ...freeSlot(), purpose: '矩阵测试丙的预约' });
      return r.json().id as string;
    },
  };
}

const REQUEST_READERS = ['leader', 'commission', 'department', 'park', 'enterprise', 'platform'] as const;
const REQUEST_HANDLERS = ['commission', 'department', 'park', 'platform'] as const;
const CATALOGUE_READERS = REQUEST_READERS;
const BOOKING_READERS = ['leader', 'commission', 'enterprise', 'platform'] as const;
const POLICY_READERS = ['leader', 'commission', 'department', 'park', 'enterprise'] as const;
const SEES_ALL = new Set<Role>(['leader', 'commission']);

/** The foreign object: 2xx for the roles that see everything, 404 for the others (never 403: ids cannot be probed). */
function foreignObject(okStatus = 200) {
  return (_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(SEES_ALL.has(role) ? okStatus : 404);
    if (!SEES_ALL.has(role)) expect(response.body).not.toContain('矩阵测试丙');
  };
}
/** A list: the foreign enterprise's rows appear for the leader and the commission only. */
function foreignRowsOnlyForAll(_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(200);
  if (SEES_ALL.has(role)) expect(response.body).toContain('矩阵测试丙');
  else expect(response.body).not.toContain('矩阵测试丙');
}
/** The catalogue: every reader sees the foreign platform's instrument but its own platform's operator... who sees its own only. */
function catalogueCheck(okStatus = 200) {
  return (_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) => expect(response.statusCode, response.body).toBe(role === 'platform' ? 404 : okStatus);
}
/** A decision on the foreign booking: the commission decides it; the matrix platform account (another platform) gets 404. */
function decision(_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(role === 'commission' ? 200 : 404);
}

export const SERVICES_MATRIX_ROWS: MatrixRow[] = [
  { route: 'GET /api/services/request-categories', allowed: REQUEST_READERS },
  { route: 'GET /api/services/requests', allowed: REQUEST_READERS, request: async (fx) => (await (await fx.services()).foreignRequest(), { url: '/api/services/requests?pageSize=100' }), check: foreignRowsOnlyForAll },
  { route: 'GET /api/services/requests/:id', allowed: REQUEST_READERS, request: async (fx) => ({ url: `/api/services/requests/${await (await fx.services()).foreignRequest()}` }), check: foreignObject() },
  { route: 'POST /api/services/requests', allowed: ['enterprise'], request: () => ({ payload: { category: 'other', title: '矩阵测试诉求', description: '—' } }) },
  {
    route: 'POST /api/services/requests/:id/accept',
    allowed: REQUEST_HANDLERS,
    request: async (fx) => ({ url: `/api/services/requests/${await (await fx.services()).foreignRequest()}/accept`, payload: { version: 1 } }),
    check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(role === 'commission' ? 200 : 404),
  },
  {
    route: 'POST /api/services/requests/:id/reply',
    allowed: REQUEST_HANDLERS,
    request: async (fx) => ({ url: `/api/services/requests/${await (await fx.services()).foreignRequest('accepted')}/reply`, payload: { reply: '已办理', version: 1 } }),
    check: (_fx, role, response) => expect(response.statusCode, response.body).toBe(role === 'commission' ? 200 : 404),
  },
  {
    route: 'POST /api/services/requests/:id/rate',
    allowed: ['enterprise'],
    request: async (fx) => ({ url: `/api/services/requests/${await (await fx.services()).foreignRequest()}/rate`, payload: { rating: 5, version: 1 } }),
    check: (_fx, _role, response) => expect(response.statusCode, response.body).toBe(404),
  },

  { route: 'GET /api/services/instruments', allowed: CATALOGUE_READERS, request: async (fx) => (await fx.services(), {}), check: (_fx, role, response) => {
    expect(response.statusCode).toBe(200);
    if (role === 'platform') expect(response.body).not.toContain('矩阵测试仪器');
    else expect(response.body).toContain('矩阵测试仪器');
  } },
  {
    route: 'GET /api/services/instruments/:id/busy',
    allowed: CATALOGUE_READERS,
    request: async (fx) => {
      const s = await fx.services();
      return { url: `/api/services/instruments/${s.foreignInstrumentId}/busy?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 30 * 86_400_000).toISOString())}` };
    },
    check: catalogueCheck(),
  },
  { route: 'GET /api/services/instruments/:id/calendar.ics', allowed: CATALOGUE_READERS, request: async (fx) => ({ url: `/api/services/instruments/${(await fx.services()).foreignInstrumentId}/calendar.ics` }), check: catalogueCheck() },
  { route: 'GET /api/services/bookings', allowed: BOOKING_READERS, request: async (fx) => (await (await fx.services()).foreignBooking(), {}), check: foreignRowsOnlyForAll },
  { route: 'GET /api/services/bookings/calendar.ics', allowed: BOOKING_READERS, request: async (fx) => (await (await fx.services()).foreignBooking(), {}), check: (_fx, role, response) => {
    expect(response.statusCode).toBe(200);
    if (!SEES_ALL.has(role)) expect(response.body).not.toContain('矩阵测试丙');
  } },
  { route: 'POST /api/services/bookings', allowed: ['enterprise'], request: async (fx) => { const s = await fx.services(); return { payload: { instrumentId: s.foreignInstrumentId, ...s.freeSlot() } }; } },
  ...(['approve', 'decline'] as const).map((verb) => ({
    route: `POST /api/services/bookings/:id/${verb}`,
    allowed: ['commission', 'platform'] as const,
    request: async (fx: MatrixFixtures) => ({ url: `/api/services/bookings/${await (await fx.services()).foreignBooking()}/${verb}`, payload: { version: 1 } }),
    check: decision,
  })),
  {
    route: 'POST /api/services/bookings/:id/cancel',
    allowed: ['enterprise'],
    request: async (fx) => ({ url: `/api/services/bookings/${await (await fx.services()).foreignBooking()}/cancel`, payload: { version: 1 } }),
    check: (_fx, _role, response) => expect(response.statusCode, response.body).toBe(404),
  },
  { route: 'GET /api/services/utilisation', allowed: ['leader', 'commission', 'platform'], request: async (fx) => (await fx.services(), { url: `/api/services/utilisation?month=${new Date().toISOString().slice(0, 7)}` }), check: (_fx, role, response) => {
    expect(response.statusCode).toBe(200);
    if (role === 'platform') expect(response.body).not.toContain('矩阵测试仪器');
    else expect(response.body).toContain('矩阵测试仪器');
  } },

  { route: 'GET /api/services/policies', allowed: POLICY_READERS, request: async (fx) => (await fx.services(), {}) },
  { route: 'GET /api/services/policies/mine', allowed: POLICY_READERS },
  {
    route: 'GET /api/services/policies/:code/eligible',
    allowed: POLICY_READERS,
    request: async (fx) => ({ url: `/api/services/policies/${(await fx.services()).policyCode}/eligible` }),
    check: async (fx, role, response) => {
      expect(response.statusCode, response.body).toBe(200);
      // the foreign enterprise (in 生物创新城) is eligible; only those who may see it find it
      const foreign = (await fx.services()).foreignUscc;
      const seesForeign = role === 'leader' || role === 'commission' || role === 'department';
      expect(response.body.includes(foreign)).toBe(seesForeign);
    },
  },
  { route: 'POST /api/services/policies/:code/awards', allowed: ['commission'], request: async (fx) => { const s = await fx.services(); return { url: `/api/services/policies/${s.policyCode}/awards`, payload: { usccs: [s.foreignUscc] } }; } },
  ...SERVICES_OPERATIONS_MATRIX_ROWS,
];
