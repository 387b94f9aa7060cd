import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { instrumentTrainings, instruments, platforms } from '../../db/schema/index.ts';
import { shanghaiDate } from '../../domain/services/working-time.ts';

let t: TestApp;
let instrumentId: string;
let untrainedOnly: string;
let bookers: (Session & { userId: string })[];
let untrained: Session & { userId: string };
let expired: Session & { userId: string };
let foreignEnterprise: Session & { userId: string };
let commission: Session;
let leader: Session;
let park: Session;
let provider: Session;
let otherProvider: Session;
let otherPlatformInstrument: string;

/** A Shanghai local time `days` from the test clock's day. */
const slot = (days: number, hhmm: string) => new Date(`${shanghaiDate(new Date(t.clock.now().getTime() + days * 86_400_000))}T${hhmm}:00+08:00`).toISOString();
const book = (s: Session, start: string, end: string, id = instrumentId) => as(t, s)('POST', '/api/services/bookings', { instrumentId: id, start, end, purpose: '发酵液质谱检测' });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.deps.database.db;
  const [platform] = await db.insert(platforms).values({ code: 'PT-TEST-MS', name: '测试公共质谱平台', kind: 'testing' }).returning();
  const [instrument] = await db
    .insert(instruments)
    .values({ code: 'INS-LCMS-01', platformId: platform!.id, name: '液质联用仪 LC-MS/MS', kind: 'mass-spectrometry', priceInDistrict: '300.00', priceOutside: '450.00', priceAcademic: '240.00', opensAt: '08:00', closesAt: '20:00' })
    .returning();
  instrumentId = instrument!.id;
  const [open] = await db
    .insert(instruments)
    .values({ code: 'INS-CENTRIFUGE', platformId: platform!.id, name: '高速离心机', kind: 'centrifuge', requiresTraining: false, priceInDistrict: '50.00', priceOutside: '80.00', priceAcademic: '40.00', opensAt: '08:00', closesAt: '20:00' })
    .returning();
  untrainedOnly = open!.id;
  const [otherPlatform] = await db.insert(platforms).values({ code: 'PT-TEST-CELL', name: '测试细胞治疗中试平台', kind: 'cdmo' }).returning();
  const [otherInstrument] = await db
    .insert(instruments)
    .values({ code: 'INS-BIOREACTOR', platformId: otherPlatform!.id, name: '50L 一次性生物反应器', kind: 'bioreactor', requiresTraining: false, priceInDistrict: '800.00', priceOutside: '1200.00', priceAcademic: '600.00', opensAt: '08:00', closesAt: '20:00' })
    .returning();
  otherPlatformInstrument = otherInstrument!.id;
  provider = await activeSession(t, 'bk_provider', 'platform', platform!.id);
  otherProvider = await activeSession(t, 'bk_provider_other', 'platform', otherPlatform!.id);
  const own = await createEnterprise(t, '预约测试甲生物科技有限公司', 'medicine-port');
  const other = await createEnterprise(t, '预约测试乙生物材料有限公司', 'materials-bay');
  bookers = [];
  for (let i = 0; i < 6; i++) bookers.push(await activeSession(t, `bk_user_${i}`, 'enterprise', i % 2 === 0 ? own.id : other.id));
  untrained = await activeSession(t, 'bk_untrained', 'enterprise', own.id);
  expired = await activeSession(t, 'bk_expired', 'enterprise', own.id);
  foreignEnterprise = bookers[1]!;
  commission = await activeSession(t, 'bk_commission', 'commission');
  leader = await activeSession(t, 'bk_leader', 'leader');
  park = await activeSession(t, 'bk_park', 'park', await zoneId(t, 'medicine-port'));
  const today = shanghaiDate(t.clock.now());
  const inDays = (n: number) => shanghaiDate(new Date(t.clock.now().getTime() + n * 86_400_000));
  await db.insert(instrumentTrainings).values([
    ...bookers.map((b) => ({ instrumentId, userId: b.userId, trainedOn: today, expiresOn: inDays(365) })),
    // trained, but the training lapses before the slot booked below
    { instrumentId, userId: expired.userId, trainedOn: inDays(-300), expiresOn: inDays(3) },
  ]);
});
afterAll(async () => t?.close());

describe('no double booking, guaranteed by the database', () => {
  it('of six concurrent requests for overlapping slots exactly one is stored; the others get 409', async () => {
    const responses = await Promise.all(
      bookers.map((b, i) => book(b, slot(10, i % 2 ? '10:00' : '09:30'), slot(10, i % 3 ? '11:00' : '12:00'))),
    );
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes, responses.map((r) => r.body).join('\n')).toEqual([201, 409, 409, 409, 409, 409]);
    expect(responses.find((r) => r.statusCode === 409)!.json().error.code).toBe('SLOT_TAKEN');
    const [count] = await t.deps.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM instrument_bookings WHERE instrument_id = $1 AND status IN ('requested','approved')`, [instrumentId]);
    expect(count!.n).toBe(1);
  });

  it('is enforced below the service too: a direct overlapping insert is refused by the constraint', async () => {
    const [row] = await t.deps.database.query<{ enterprise_id: string; period: string }>(`SELECT enterprise_id, period::text FROM instrument_bookings WHERE instrument_id = $1 LIMIT 1`, [instrumentId]);
    await expect(
      t.deps.database.query(
        `INSERT INTO instrument_bookings (instrument_id, enterprise_id, period, status, user_category, price_per_hour, amount, created_at)
         VALUES ($1, $2, $3::tstzrange, 'requested', 'in-district', 1, 1, now())`,
        [instrumentId, row!.enterprise_id, row!.period],
      ),
    ).rejects.toThrow(/instrument_bookings_no_overlap/);
  });

  it('lets adjacent slots through ([start, end) ranges) and frees a slot on cancellation', async () => {
    const first = await book(bookers[0]!, slot(11, '09:00'), slot(11, '10:00'));
    expect(first.statusCode, first.body).toBe(201);
    const adjacent = await book(bookers[1]!, slot(11, '10:00'), slot(11, '11:00'));
    expect(adjacent.statusCode, adjacent.body).toBe(201);
    expect((await book(bookers[2]!, slot(11, '09:30'), slot(11, '10:30'))).statusCode).toBe(409);
    const b = first.json();
    // another enterprise cannot cancel it (it cannot see it)
    expect((await as(t, bookers[1]!)('POST', `/api/services/bookings/${b.id}/cancel`, { version: b.version })).statusCode).toBe(404);
    const cancelled = await as(t, bookers[0]!)('POST', `/api/services/bookings/${b.id}/cancel`, { version: b.version });
    expect(cancelled.json().status).toBe('cancelled');
    expect((await book(bookers[2]!, slot(11, '09:00'), slot(11, '10:00'))).statusCode).toBe(201);
  });
});

describe('training gate, slot rules and the locked price', () => {
  it('refuses users not trained, or whose training has lapsed by the slot’s day', async () => {
    const none = await book(untrained, slot(12, '09:00'), slot(12, '10:00'));
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('TRAINING_REQUIRED');
    expect((await book(expired, slot(2, '09:00'), slot(2, '10:00'))).statusCode).toBe(201);
    expect((await book(expired, slot(5, '09:00'), slot(5, '10:00'))).statusCode).toBe(403);
    // an instrument that needs no training is open to any enterprise user
    expect((await book(untrained, slot(12, '09:00'), slot(12, '10:00'), untrainedOnly)).statusCode).toBe(201);
  });

  it('refuses slots outside open hours or off the half-hour grid (400, located)', async () => {
    const early = await book(bookers[0]!, slot(13, '07:00'), slot(13, '09:00'));
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0]).toMatchObject({ path: 'body.start', rule: 'outside-hours' });
    expect((await book(bookers[0]!, slot(13, '09:10'), slot(13, '10:00'))).statusCode).toBe(400);
  });

  it('locks the price at booking time: a later price change does not alter the booking', async () => {
    const created = (await book(bookers[0]!, slot(14, '13:00'), slot(14, '15:30'))).json();
    expect(created).toMatchObject({ pricePerHour: '300.00', amount: '750.00', userCategory: 'in-district', status: 'requested' });
    await t.deps.database.query(`UPDATE instruments SET price_in_district = 999 WHERE id = $1`, [instrumentId]);
    const list = (await as(t, bookers[0]!)('GET', `/api/services/bookings?instrumentId=${instrumentId}`)).json();
    expect(list.items.find((b: { id: string }) => b.id === created.id)).toMatchObject({ pricePerHour: '300.00', amount: '750.00' });
    await t.deps.database.query(`UPDATE instruments SET price_in_district = 300 WHERE id = $1`, [instrumentId]);
  });
});

describe('approval, scope, calendar export and utilisation', () => {
  it('the commission approves (audited, the enterprise notified); an enterprise cannot approve', async () => {
    const b = (await book(bookers[0]!, slot(15, '09:00'), slot(15, '11:00'))).json();
    expect((await as(t, bookers[0]!)('POST', `/api/services/bookings/${b.id}/approve`, { version: b.version })).statusCode).toBe(403);
    const approved = await as(t, commission)('POST', `/api/services/bookings/${b.id}/approve`, { note: '请提前 15 分钟到场', version: b.version });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect((await as(t, commission)('POST', `/api/services/bookings/${b.id}/decline`, { version: approved.json().version })).statusCode).toBe(409);
    const audit = await t.deps.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq`, [b.id]);
    expect(audit.map((a) => a.action)).toEqual(['booking.create', 'booking.approve']);
    const [notice] = await t.deps.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'booking.decided' AND object_id = $1`, [b.id]);
    expect(notice!.n).toBeGreaterThan(0);
  });

  it('a provider account sees and decides its own platform’s bookings only', async () => {
    const mine = (await book(bookers[2]!, slot(16, '09:00'), slot(16, '10:00'))).json();
    const theirs = (await book(bookers[2]!, slot(16, '09:00'), slot(16, '10:00'), otherPlatformInstrument)).json();
    const seen = ((await as(t, provider)('GET', '/api/services/bookings')).json().items as { id: string }[]).map((b) => b.id);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(theirs.id);
    const catalogue = ((await as(t, provider)('GET', '/api/services/instruments')).json().items as { id: string }[]).map((i) => i.id);
    expect(catalogue).not.toContain(otherPlatformInstrument);
    expect((await as(t, provider)('POST', `/api/services/bookings/${theirs.id}/approve`, { version: theirs.version })).statusCode).toBe(404);
    expect((await as(t, otherProvider)('POST', `/api/services/bookings/${mine.id}/decline`, { version: mine.version })).statusCode).toBe(404);
    const declined = await as(t, provider)('POST', `/api/services/bookings/${mine.id}/decline`, { note: '设备年检', version: mine.version });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', decisionNote: '设备年检' });
    // the platform's account was told of the request to approve; the other platform's was not
    const told = await t.deps.database.query<{ username: string }>(`SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'booking.requested' AND n.object_id = $1`, [mine.id]);
    expect(told.map((r) => r.username)).toEqual(['bk_provider']);
    // a provider never books
    expect((await book(provider, slot(17, '09:00'), slot(17, '10:00'))).statusCode).toBe(403);
  });

  it('an enterprise sees its own bookings only; others’ appear as busy slots without the booker', async () => {
    const mine = (await as(t, bookers[0]!)('GET', '/api/services/bookings')).json().items as { uscc: string; enterpriseName: string }[];
    expect(new Set(mine.map((b) => b.enterpriseName))).toEqual(new Set(['预约测试甲生物科技有限公司']));
    const theirs = (await as(t, foreignEnterprise)('GET', '/api/services/bookings')).json().items as { enterpriseName: string }[];
    expect(theirs.every((b) => b.enterpriseName === '预约测试乙生物材料有限公司')).toBe(true);
    const busy = await as(t, foreignEnterprise)('GET', `/api/services/instruments/${instrumentId}/busy?from=${encodeURIComponent(slot(0, '00:00'))}&to=${encodeURIComponent(slot(30, '00:00'))}`);
    expect(busy.statusCode).toBe(200);
    expect(busy.json().items.length).toBeGreaterThan(3);
    expect(busy.body).not.toContain('预约测试甲');
    expect((await as(t, park)('GET', '/api/services/bookings')).statusCode).toBe(403);
    const all = (await as(t, leader)('GET', '/api/services/bookings')).json().items as { enterpriseName: string }[];
    expect(new Set(all.map((b) => b.enterpriseName)).size).toBe(2);
  });

  it('exports the caller’s bookings as iCalendar (own only)', async () => {
    const ics = await as(t, foreignEnterprise)('GET', '/api/services/bookings/calendar.ics');
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VCALENDAR');
    expect(ics.body).toContain('液质联用仪');
    expect(ics.body).not.toContain('预约测试甲');
    const feed = await as(t, bookers[0]!)('GET', `/api/services/instruments/${instrumentId}/calendar.ics`);
    expect(feed.body).toContain('BEGIN:VEVENT');
    expect(feed.body).not.toContain('预约测试乙');
  });

  it('counts approved hours in the month’s utilisation', async () => {
    const month = slot(15, '09:00');
    const shMonth = shanghaiDate(new Date(month)).slice(0, 7);
    const u = (await as(t, commission)('GET', `/api/services/utilisation?month=${shMonth}`)).json();
    const row = u.items.find((i: { instrumentId: string }) => i.instrumentId === instrumentId);
    expect(row.bookedHours).toBeGreaterThanOrEqual(2);
    expect(row.inDistrictShare).toBe(1);
    expect((await as(t, bookers[0]!)('GET', `/api/services/utilisation?month=${shMonth}`)).statusCode).toBe(403);
  });
});
