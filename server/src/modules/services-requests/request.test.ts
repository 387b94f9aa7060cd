import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { listRequestsPastSla } from './index.ts';
import { requestSlaJob } from './request-sla.job.ts';

let t: TestApp;
let own: { id: string; uscc: string };
let enterprise: Session;
let otherEnterprise: Session;
let kewei: Session;
let touzi: Session;
let park: Session;
let otherPark: Session;
let commission: Session;
let leader: Session;

// Monday 1 March 2027, 09:00 Shanghai: an ordinary working week (no holiday in the calendar).
const MONDAY_9 = new Date('2027-03-01T09:00:00+08:00');
const at = (local: string) => new Date(`${local}+08:00`);
/** Moves the app's clock; the test accounts' sessions move with it (SLA clocks run for days, sessions for hours). */
async function setClock(to: Date) {
  t.clock.advance(to.getTime() - t.clock.now().getTime());
  await t.deps.database.query(`UPDATE sessions SET created_at = $1, last_seen_at = $1, expires_at = $2 WHERE ended_at IS NULL`, [to, new Date(to.getTime() + 8 * 3_600_000)]);
}
const runSla = () => requestSlaJob.run({ database: t.deps.database, config: t.deps.config, slotAt: t.clock.now(), attempt: 1, payload: {}, now: t.clock.now });
const noticesOf = async (kind: string, userId: string) =>
  (await t.deps.database.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE kind = $1 AND user_id = $2', [kind, userId]))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  own = await createEnterprise(t, '诉求测试甲生物科技有限公司', 'medicine-port');
  const other = await createEnterprise(t, '诉求测试乙生物材料有限公司', 'materials-bay');
  enterprise = await activeSession(t, 'rq_ent', 'enterprise', own.id);
  otherEnterprise = await activeSession(t, 'rq_ent_other', 'enterprise', other.id);
  kewei = await activeSession(t, 'rq_kewei', 'department', await departmentId(t, 'kewei'));
  touzi = await activeSession(t, 'rq_touzi', 'department', await departmentId(t, 'touzi'));
  park = await activeSession(t, 'rq_park', 'park', await zoneId(t, 'medicine-port'));
  otherPark = await activeSession(t, 'rq_park_other', 'park', await zoneId(t, 'materials-bay'));
  commission = await activeSession(t, 'rq_commission', 'commission');
  leader = await activeSession(t, 'rq_leader', 'leader');
});
afterAll(async () => t?.close());

const submit = (body: Record<string, unknown>) => as(t, enterprise)('POST', '/api/services/requests', body);

describe('enterprise requests: routing, SLA clocks, reply and rating', () => {
  it('routes by category, starts the SLA clocks in working time, and reminds then escalates once per step', async () => {
    await setClock(MONDAY_9);
    const created = await submit({ category: 'technology', title: '申请中试基地对接', description: '需要 200L 发酵中试线。' });
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({ status: 'submitted', target: { kind: 'department', name: '区科委' }, enterpriseName: '诉求测试甲生物科技有限公司' });
    // acknowledge: 8 working hours → Monday 17:00; resolve: 56 → the next Tuesday 17:00
    expect(request.sla).toEqual([
      { step: 'acknowledge', dueAt: at('2027-03-01T17:00:00').toISOString(), phase: 'on-time' },
      { step: 'resolve', dueAt: at('2027-03-09T17:00:00').toISOString(), phase: 'on-time' },
    ]);

    const keweiUser = (await t.deps.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'rq_kewei'"))[0]!.id;
    const commissionUser = (await t.deps.database.query<{ id: string }>("SELECT id FROM users WHERE username = 'rq_commission'"))[0]!.id;
    await setClock(at('2027-03-01T14:59:00'));
    expect(await runSla()).toEqual({ reminded: 0, escalated: 0 });
    await setClock(at('2027-03-01T15:00:00'));
    expect(await runSla()).toEqual({ reminded: 1, escalated: 0 });
    expect(await noticesOf('service-request.sla-reminder', keweiUser)).toBe(1);
    expect(await runSla()).toEqual({ reminded: 0, escalated: 0 });

    // exactly at the due instant it is not yet late; one second after, it is, and the commission is told once
    await setClock(at('2027-03-01T17:00:00'));
    expect((await listRequestsPastSla(t.deps.database.db, t.clock.now())).map((r) => r.id)).not.toContain(request.id);
    await setClock(at('2027-03-01T17:00:01'));
    const late = await listRequestsPastSla(t.deps.database.db, t.clock.now());
    expect(late.find((r) => r.id === request.id)).toMatchObject({ step: 'acknowledge', targetKind: 'department' });
    expect(await runSla()).toEqual({ reminded: 0, escalated: 1 });
    expect(await runSla()).toEqual({ reminded: 0, escalated: 0 });
    expect(await noticesOf('service-request.escalated', commissionUser)).toBe(1);
    const overdue = (await as(t, commission)('GET', '/api/services/requests?overdue=true')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(request.id);
    expect(overdue.items.find((i: { id: string }) => i.id === request.id).sla[0].phase).toBe('overdue');
  });

  it('is answered, rated unsatisfied (reopened with a fresh clock), answered again and closed; every step audited', async () => {
    await setClock(MONDAY_9);
    let r = (await submit({ category: 'technology', title: '研发费用加计扣除咨询', description: '咨询口径。' })).json();
    const accept = await as(t, kewei)('POST', `/api/services/requests/${r.id}/accept`, { plan: '三个工作日内答复', version: r.version });
    expect(accept.statusCode, accept.body).toBe(200);
    r = accept.json();
    expect(r.sla[0].phase).toBe('met');
    const stale = await as(t, kewei)('POST', `/api/services/requests/${r.id}/reply`, { reply: '答复', version: r.version - 1 });
    expect(stale.statusCode).toBe(409);
    r = (await as(t, kewei)('POST', `/api/services/requests/${r.id}/reply`, { reply: '已发送政策解读。', version: r.version })).json();
    expect(r.status).toBe('replied');
    // only the submitting enterprise rates
    expect((await as(t, kewei)('POST', `/api/services/requests/${r.id}/rate`, { rating: 5, version: r.version })).statusCode).toBe(403);
    await setClock(at('2027-03-03T10:00:00'));
    r = (await as(t, enterprise)('POST', `/api/services/requests/${r.id}/rate`, { rating: 2, comment: '未解决实际问题', version: r.version })).json();
    expect(r).toMatchObject({ status: 'accepted', reopenCount: 1, rating: 2 });
    // seven working days (56 h) from the reopening: Wednesday 10:00 → the next Friday 10:00
    expect(r.sla[1].dueAt).toBe(at('2027-03-12T10:00:00').toISOString());
    r = (await as(t, kewei)('POST', `/api/services/requests/${r.id}/reply`, { reply: '已安排专人上门。', version: r.version })).json();
    r = (await as(t, enterprise)('POST', `/api/services/requests/${r.id}/rate`, { rating: 5, version: r.version })).json();
    expect(r.status).toBe('closed');
    const detail = (await as(t, enterprise)('GET', `/api/services/requests/${r.id}`)).json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'reply', 'reopen', 'reply', 'rate']);
    const audit = await t.deps.database.query<{ action: string }>("SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq", [r.id]);
    expect(audit.map((a) => a.action)).toEqual([
      'service-request.submit', 'service-request.accept', 'service-request.reply', 'service-request.rate', 'service-request.reply', 'service-request.rate',
    ]);
  });

  it('scopes requests: the enterprise its own, a department those routed to it, a park its zone’s, commission and leader all', async () => {
    await setClock(MONDAY_9);
    const toKewei = (await submit({ category: 'technology', title: '范围测试科委', description: '—' })).json();
    const toPark = (await submit({ category: 'park', title: '范围测试园区', description: '—' })).json();
    expect(toPark.target).toMatchObject({ kind: 'zone' });
    const ids = async (s: Session) => ((await as(t, s)('GET', '/api/services/requests?pageSize=100')).json().items as { id: string }[]).map((i) => i.id);
    const get = async (s: Session, id: string) => (await as(t, s)('GET', `/api/services/requests/${id}`)).statusCode;

    expect(await ids(enterprise)).toEqual(expect.arrayContaining([toKewei.id, toPark.id]));
    expect(await ids(otherEnterprise)).toEqual([]);
    expect(await get(otherEnterprise, toKewei.id)).toBe(404);
    expect(await ids(kewei)).toContain(toKewei.id);
    expect(await ids(kewei)).not.toContain(toPark.id);
    expect(await ids(touzi)).toEqual([]);
    expect(await get(touzi, toKewei.id)).toBe(404);
    expect(await ids(park)).toEqual([toPark.id]);
    expect(await ids(otherPark)).toEqual([]);
    for (const s of [commission, leader]) expect(await ids(s)).toEqual(expect.arrayContaining([toKewei.id, toPark.id]));
    // a department may not answer a request routed elsewhere (404: it cannot see it); the leader reads but does not handle (403)
    expect((await as(t, touzi)('POST', `/api/services/requests/${toKewei.id}/accept`, { version: 1 })).statusCode).toBe(404);
    expect((await as(t, leader)('POST', `/api/services/requests/${toKewei.id}/accept`, { version: 1 })).statusCode).toBe(403);
    expect((await as(t, park)('POST', `/api/services/requests/${toPark.id}/accept`, { version: 1 })).statusCode).toBe(200);
    // a request routed to a platform (a routing rule is data) is seen and handled by that platform's provider account only
    const [platform] = await t.deps.database.query<{ id: string }>(`INSERT INTO platforms (code, name, kind) VALUES ('PT-RQ', '诉求测试中试平台', 'cdmo') RETURNING id`);
    await t.deps.database.query(`INSERT INTO service_request_routes (category, name_zh, name_en, target_kind, target_id) VALUES ('pilot', '中试服务', 'Pilot services', 'platform', $1)`, [platform!.id]);
    const provider = await activeSession(t, 'rq_provider', 'platform', platform!.id);
    const toPlatform = (await submit({ category: 'pilot', title: '范围测试平台', description: '—' })).json();
    expect(toPlatform.target).toMatchObject({ kind: 'platform', name: '诉求测试中试平台' });
    expect(await ids(provider)).toEqual([toPlatform.id]);
    expect(await get(provider, toKewei.id)).toBe(404);
    expect((await as(t, provider)('POST', `/api/services/requests/${toPlatform.id}/accept`, { version: 1 })).statusCode).toBe(200);
    // only enterprises submit
    expect((await as(t, commission)('POST', '/api/services/requests', { category: 'other', title: 'x', description: 'y' })).statusCode).toBe(403);
    expect((await submit({ category: 'no-such', title: 'x', description: 'y' })).statusCode).toBe(400);
  });
});
