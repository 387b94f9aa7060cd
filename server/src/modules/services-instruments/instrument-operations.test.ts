import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { chainNodesTable as chainNodes, enterpriseChainNodes, instrumentTrainings, instruments, platforms } from '../../db/schema/index.ts';
import { shanghaiDate } from '../../domain/services/working-time.ts';
import { listPlatformGapItems } from './index.ts';
import { expireOffers } from './waitlist.service.ts';

let t: TestApp;
let instrumentId: string;
let platformId: string;
let otherPlatformId: string;
let first: Session & { userId: string };
let second: Session & { userId: string };
let third: Session & { userId: string };
let firstEnterprise: string;
let provider: Session;
let otherProvider: Session;
let commission: Session;
let leader: Session;

const slot = (days: number, hhmm: string) => new Date(`${shanghaiDate(new Date(t.clock.now().getTime() + days * 86_400_000))}T${hhmm}:00+08:00`).toISOString();
const book = (s: Session, start: string, end: string) => as(t, s)('POST', '/api/services/bookings', { instrumentId, start, end });
const q = <T>(text: string, params: unknown[] = []) => t.deps.database.query<T>(text, params);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.deps.database.db;
  const [platform] = await db.insert(platforms).values({ code: 'PT-OPS-MS', name: '运营测试质谱平台', kind: 'testing' }).returning();
  const [other] = await db.insert(platforms).values({ code: 'PT-OPS-CELL', name: '运营测试细胞平台', kind: 'cdmo' }).returning();
  platformId = platform!.id;
  otherPlatformId = other!.id;
  const [instrument] = await db
    .insert(instruments)
    .values({ code: 'OPS-LCMS', platformId, name: '运营测试液质联用仪', kind: 'mass-spectrometry', requiresTraining: false, priceInDistrict: '150.05', priceOutside: '200.00', priceAcademic: '100.00', opensAt: '08:00', closesAt: '20:00' })
    .returning();
  instrumentId = instrument!.id;
  const a = await createEnterprise(t, '运营测试甲生物科技有限公司', 'medicine-port');
  const b = await createEnterprise(t, '运营测试乙生物材料有限公司', 'materials-bay');
  const c = await createEnterprise(t, '运营测试丙合成生物有限公司', 'medicine-port');
  firstEnterprise = a.id;
  first = await activeSession(t, 'ops_a', 'enterprise', a.id);
  second = await activeSession(t, 'ops_b', 'enterprise', b.id);
  third = await activeSession(t, 'ops_c', 'enterprise', c.id);
  provider = await activeSession(t, 'ops_provider', 'platform', platformId);
  otherProvider = await activeSession(t, 'ops_provider_other', 'platform', otherPlatformId);
  commission = await activeSession(t, 'ops_commission', 'commission');
  leader = await activeSession(t, 'ops_leader', 'leader');
  const [node] = await db.select({ id: chainNodes.id }).from(chainNodes).limit(1);
  if (node) await db.insert(enterpriseChainNodes).values({ enterpriseId: b.id, nodeId: node.id }).onConflictDoNothing();
});
afterAll(async () => t?.close());

describe('waitlist offered the slot on cancellation', () => {
  it('holds the freed slot for the first in line (nobody else can take it), who accepts it as a request', async () => {
    const held = await book(first, slot(9, '09:00'), slot(9, '11:00'));
    expect(held.statusCode, held.body).toBe(201);
    // a free slot is booked, not wait-listed
    expect((await as(t, second)('POST', '/api/services/waitlist', { instrumentId, start: slot(9, '14:00'), end: slot(9, '15:00') })).json().error.code).toBe('SLOT_FREE');
    const w2 = await as(t, second)('POST', '/api/services/waitlist', { instrumentId, start: slot(9, '09:00'), end: slot(9, '10:00') });
    expect(w2.statusCode, w2.body).toBe(201);
    const w3 = await as(t, third)('POST', '/api/services/waitlist', { instrumentId, start: slot(9, '09:00'), end: slot(9, '10:00') });
    expect(w3.statusCode).toBe(201);
    // more than 24 h ahead: not a late cancellation
    const cancelled = await as(t, first)('POST', `/api/services/bookings/${held.json().id}/cancel`, { version: held.json().version });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', lateCancel: false });
    const mine = (await as(t, second)('GET', '/api/services/waitlist')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'offered' });
    expect(mine[0].offerExpiresAt).not.toBeNull();
    expect((await as(t, third)('GET', '/api/services/waitlist')).json().items[0].status).toBe('waiting');
    // the offered slot is held by the database: a direct booking of it fails
    expect((await book(third, slot(9, '09:00'), slot(9, '10:00'))).statusCode).toBe(409);
    const [n] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'booking.offered'`);
    expect(n!.n).toBeGreaterThan(0);
    // only the waiting enterprise may accept
    expect((await as(t, third)('POST', `/api/services/waitlist/${mine[0].id}/accept`, { version: mine[0].version })).statusCode).toBe(404);
    const accepted = await as(t, second)('POST', `/api/services/waitlist/${mine[0].id}/accept`, { version: mine[0].version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const booking = (await as(t, provider)('GET', '/api/services/bookings?status=requested')).json().items.find((x: { id: string }) => x.id === accepted.json().bookingId);
    expect(booking).toMatchObject({ enterpriseName: '运营测试乙生物材料有限公司', pricePerHour: '150.05', status: 'requested' });
  });

  it('a lapsed offer goes to the next in line', async () => {
    const held = await book(first, slot(10, '09:00'), slot(10, '10:00'));
    await as(t, second)('POST', '/api/services/waitlist', { instrumentId, start: slot(10, '09:00'), end: slot(10, '10:00') });
    await as(t, third)('POST', '/api/services/waitlist', { instrumentId, start: slot(10, '09:00'), end: slot(10, '10:00') });
    await as(t, first)('POST', `/api/services/bookings/${held.json().id}/cancel`, { version: 1 });
    // the offer runs 4 hours by default; the job run 5 hours later passes it on
    const result = await expireOffers(t.deps, new Date(t.clock.now().getTime() + 5 * 3_600_000));
    expect(result).toMatchObject({ lapsed: 1, offered: 1 });
    const thirds = (await as(t, third)('GET', '/api/services/waitlist')).json().items;
    expect(thirds.find((e: { start: string }) => e.start === slot(10, '09:00')).status).toBe('offered');
  });
});

describe('cancellation and no-show rules', () => {
  it('records a late cancellation and a no-show; k strikes suspend booking on that platform only', async () => {
    const soon = await book(first, slot(0, '19:00'), slot(0, '19:30'));
    if (soon.statusCode === 201) {
      expect((await as(t, first)('POST', `/api/services/bookings/${soon.json().id}/cancel`, { version: 1 })).json().lateCancel).toBe(true);
    }
    // two past approved bookings the platform marks as no-shows
    const ids: string[] = [];
    for (const d of [3, 2]) {
      const [row] = await q<{ id: string }>(
        `INSERT INTO instrument_bookings (instrument_id, enterprise_id, period, status, user_category, price_per_hour, amount, created_at)
         VALUES ($1, $2, tstzrange(now() - interval '${d} days', now() - interval '${d} days' + interval '1 hour', '[)'), 'approved', 'in-district', 150.05, 150.05, now()) RETURNING id`,
        [instrumentId, firstEnterprise],
      );
      ids.push(row!.id);
    }
    expect((await as(t, otherProvider)('POST', `/api/services/bookings/${ids[0]}/no-show`, { version: 1 })).statusCode).toBe(404);
    for (const id of ids) expect((await as(t, provider)('POST', `/api/services/bookings/${id}/no-show`, { version: 1 })).json().status).toBe('no-show');
    // the platform tightens its rules to 2 no-shows
    const rules = { lateCancelHours: 24, lateCancelsPerNoShow: 0, noShowLimit: 2, windowDays: 90, suspensionDays: 30, offerHours: 4, chargeNoShow: true };
    expect((await as(t, otherProvider)('PUT', `/api/services/booking-rules/${platformId}`, rules)).statusCode).toBe(404);
    expect((await as(t, provider)('PUT', `/api/services/booking-rules/${platformId}`, { ...rules, noShowLimit: 0 })).statusCode).toBe(400);
    expect((await as(t, provider)('PUT', `/api/services/booking-rules/${platformId}`, rules)).statusCode).toBe(200);
    const refused = await book(first, slot(20, '09:00'), slot(20, '10:00'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('BOOKING_SUSPENDED');
    const standing = (await as(t, first)('GET', '/api/services/bookings/standing')).json().items.find((s: { platformId: string }) => s.platformId === platformId);
    expect(standing).toMatchObject({ noShows: 2, limit: 2 });
    expect(standing.suspendedUntil).not.toBeNull();
    const [audit] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('booking.no-show', 'booking.rules-update')`);
    expect(audit!.n).toBe(3);
  });
});

describe('monthly statement and utilisation per platform', () => {
  it('charges used bookings and (by the rules) no-shows at the locked price, summed exactly', async () => {
    const month = shanghaiDate(new Date(t.clock.now().getTime() - 2 * 86_400_000)).slice(0, 7);
    const st = (await as(t, first)('GET', `/api/services/statements?month=${month}`)).json();
    expect(st.items.map((i: { uscc: string }) => i.uscc)).toHaveLength(1);
    const mine = st.items[0];
    const noShows = mine.lines.filter((l: { status: string }) => l.status === 'no-show').length;
    expect(noShows).toBeGreaterThan(0);
    // 150.05 × n, exactly (a float sum of 150.05 drifts)
    expect(mine.amount).toBe((15005n * BigInt(mine.lines.length)).toString().replace(/(\d\d)$/, '.$1'));
    expect((await as(t, second)('GET', `/api/services/statements?month=${month}`)).json().items.some((i: { enterpriseName: string }) => i.enterpriseName.includes('甲'))).toBe(false);
    const file = await as(t, commission)('GET', `/api/services/statements/export?month=${month}`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as never);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('企业名称');
  });
  it('sums utilisation per platform', async () => {
    const u = (await as(t, provider)('GET', `/api/services/utilisation?month=${shanghaiDate(t.clock.now()).slice(0, 7)}`)).json();
    expect(u.platforms).toEqual([expect.objectContaining({ platformName: '运营测试质谱平台', instruments: 1 })]);
    expect(u.platforms[0].availableHours).toBe(u.items[0].availableHours);
  });
});

describe('catalogue and training management', () => {
  const input = (code: string, platform: string) => ({ platformId: platform, code, name: '运营测试 NMR', kind: 'nmr', requiresTraining: true, prices: { inDistrict: '300', outside: '450.5', academic: '200' }, opensAt: '09:00', closesAt: '18:00' });
  it('a platform account manages its own platform’s instruments only; validation and audit', async () => {
    expect((await as(t, provider)('POST', '/api/services/instrument-admin', input('OPS-NMR', otherPlatformId))).statusCode).toBe(404);
    expect((await as(t, provider)('POST', '/api/services/instrument-admin', { ...input('OPS-NMR', platformId), opensAt: '19:00' })).statusCode).toBe(400);
    const created = await as(t, provider)('POST', '/api/services/instrument-admin', input('OPS-NMR', platformId));
    expect(created.statusCode, created.body).toBe(201);
    expect((await as(t, provider)('POST', '/api/services/instrument-admin', input('ops-nmr', platformId))).statusCode).toBe(409);
    const id = created.json().id;
    expect((await as(t, otherProvider)('GET', `/api/services/instrument-admin/${id}/trainings`)).statusCode).toBe(404);
    const trained = await as(t, provider)('PUT', `/api/services/instrument-admin/${id}/trainings`, { username: 'ops_c', trainedOn: shanghaiDate(t.clock.now()), expiresOn: '2099-12-31' });
    expect(trained.json().items).toEqual([expect.objectContaining({ username: 'ops_c', valid: true, enterpriseName: '运营测试丙合成生物有限公司' })]);
    expect((await as(t, provider)('PUT', `/api/services/instrument-admin/${id}/trainings`, { username: 'ops_commission', trainedOn: '2026-01-01', expiresOn: '2027-01-01' })).json().error.code).toBe('TRAINEE_NOT_FOUND');
    const updated = await as(t, commission)('PUT', `/api/services/instrument-admin/${id}`, { instrument: { ...input('OPS-NMR', platformId), name: '运营测试核磁共振波谱仪' }, version: 1 });
    expect(updated.json()).toMatchObject({ name: '运营测试核磁共振波谱仪', version: 2 });
    expect((await as(t, provider)('PUT', `/api/services/instrument-admin/${id}`, { instrument: input('OPS-NMR', platformId), version: 1 })).statusCode).toBe(409);
    const db = t.deps.database.db;
    const [training] = await db.select().from(instrumentTrainings).where((await import('drizzle-orm')).eq(instrumentTrainings.instrumentId, id));
    expect((await as(t, provider)('DELETE', `/api/services/instrument-admin/${id}/trainings/${training!.userId}`)).json().items).toEqual([]);
    expect((await as(t, provider)('DELETE', `/api/services/instrument-admin/${id}`)).statusCode).toBe(204);
    expect((await as(t, first)('GET', '/api/services/instruments')).json().items.some((i: { id: string }) => i.id === id)).toBe(false);
    const [audit] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'instrument.%'`);
    expect(audit!.n).toBe(5);
  });
});

describe('platform-gap items', () => {
  it('requests for a missing type and refused or wait-listed demand become gap items, with chain nodes, and a lead list', async () => {
    expect((await as(t, provider)('POST', '/api/services/instrument-demands', { kind: '冷冻电镜', description: '蛋白结构解析' })).statusCode).toBe(403);
    const d = await as(t, second)('POST', '/api/services/instrument-demands', { kind: '冷冻电镜', description: '蛋白结构解析', hoursPerMonth: 20 });
    expect(d.statusCode, d.body).toBe(201);
    await as(t, third)('POST', '/api/services/instrument-demands', { kind: ' 冷冻电镜', description: '抗体复合物结构', hoursPerMonth: 10 });
    expect((await as(t, second)('GET', '/api/services/instrument-demands')).json().items).toHaveLength(1);
    const gaps = (await as(t, commission)('GET', '/api/services/platform-gaps')).json().items;
    const missing = gaps.find((g: { gapKind: string }) => g.gapKind === 'missing');
    expect(missing).toMatchObject({ label: '冷冻电镜', requested: 2, hoursPerMonth: 30, enterprises: 2 });
    const capacity = gaps.find((g: { gapKind: string }) => g.gapKind === 'capacity');
    expect(capacity).toMatchObject({ label: '运营测试液质联用仪', platformName: '运营测试质谱平台' });
    expect(capacity.waitlisted).toBeGreaterThan(0);
    const hook = await listPlatformGapItems(t.deps.database.db, t.clock.now());
    const hookMissing = hook.find((g) => g.gapKind === 'missing')!;
    expect(hookMissing).toMatchObject({ demand: 2, enterprises: 2 });
    expect(JSON.stringify(hook)).not.toContain('运营测试乙');
    expect((await as(t, leader)('GET', '/api/services/platform-gaps/leads')).statusCode).toBe(200);
    expect((await as(t, provider)('GET', '/api/services/platform-gaps')).statusCode).toBe(403);
  });
});
