import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ladder, MoveEvent } from '../../../../contracts/carrier-ladder.ts';
import { activeSession, createEnterprise, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { carriers } from '../../db/schema/index.ts';
import { rowsOf } from '../../db/rows.ts';
import { addMonths } from '../../domain/carrier-ladder/ladder.ts';
import { evaluateWarnings } from '../warnings/index.ts';
import { todayIso } from '../registry-common/index.ts';

/**
 * The ladder over the API: a firm climbs from an innovation-city incubator to a medicine-port accelerator and
 * park, another leaves the district. Each role sees its part; dates and overlaps are checked; every write is
 * audited; the lease-expiry warning reaches the park of the carrier's zone.
 */
let t: TestApp;
const s: Record<'commission' | 'leader' | 'parkPort' | 'parkCity' | 'enterpriseA' | 'enterpriseB', Session> = {} as never;
const c: Record<'incubator' | 'accelerator' | 'park', string> = {} as never;
let a: { id: string; uscc: string; name: string };
let b: { id: string; uscc: string; name: string };
let cc: { id: string; uscc: string; name: string };
let today: string;
const ago = (months: number) => addMonths(today, -months);

async function carrierId(code: string) {
  const [row] = await t.deps.database.db.select({ id: carriers.id }).from(carriers).where(eq(carriers.code, code));
  return row!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  today = todayIso(t.deps.clock());
  const port = await zoneId(t, 'medicine-port');
  const city = await zoneId(t, 'innovation-city');
  a = await createEnterprise(t, '梯度测试甲生物科技有限公司', 'medicine-port');
  b = await createEnterprise(t, '梯度测试乙生物科技有限公司', 'innovation-city');
  cc = await createEnterprise(t, '梯度测试丙生物科技有限公司', 'innovation-city');
  s.commission = await activeSession(t, 'lad_commission', 'commission');
  s.leader = await activeSession(t, 'lad_leader', 'leader');
  s.parkPort = await activeSession(t, 'lad_park_port', 'park', port);
  s.parkCity = await activeSession(t, 'lad_park_city', 'park', city);
  s.enterpriseA = await activeSession(t, 'lad_ent_a', 'enterprise', a.id);
  s.enterpriseB = await activeSession(t, 'lad_ent_b', 'enterprise', b.id);
  c.incubator = await carrierId('donghu-innovation-center');
  c.accelerator = await carrierId('zjjs-biomed-park');
  c.park = await carrierId('bay-biomed-port');
  await t.deps.database.db.update(carriers).set({ leasableAreaM2: '1000' }).where(eq(carriers.id, c.incubator));
});
afterAll(async () => t?.close());

const move = (session: Session, body: Record<string, unknown>) => as(t, session)('POST', '/api/carrier-ladder/moves', body);

describe('recording moves', () => {
  it('refuses without a session (401), bad input (400), an enterprise (403) and a foreign zone’s carrier (404)', async () => {
    expect((await as(t, null)('GET', '/api/carrier-ladder/moves')).statusCode).toBe(401);
    expect((await move(s.commission, { kind: 'transfer', enterpriseUscc: a.uscc, fromCarrierId: c.incubator, movedOn: ago(20), leasedArea: 100 })).statusCode).toBe(400);
    expect((await move(s.enterpriseA, { kind: 'move-in', enterpriseUscc: a.uscc, toCarrierId: c.accelerator, movedOn: ago(20), leasedArea: 100 })).statusCode).toBe(403);
    const foreign = await move(s.parkPort, { kind: 'move-in', enterpriseUscc: a.uscc, toCarrierId: c.incubator, movedOn: ago(20), leasedArea: 100 });
    expect(foreign.statusCode, foreign.body).toBe(404);
  });

  it('walks a firm up the ladder and another out of the district', async () => {
    for (const body of [
      { kind: 'move-in', enterpriseUscc: a.uscc, toCarrierId: c.incubator, movedOn: ago(30), leasedArea: 300 },
      { kind: 'transfer', enterpriseUscc: a.uscc, fromCarrierId: c.incubator, toCarrierId: c.accelerator, movedOn: ago(18), leasedArea: 1200 },
      { kind: 'transfer', enterpriseUscc: a.uscc, fromCarrierId: c.accelerator, toCarrierId: c.park, movedOn: ago(2), leasedArea: 6000, leaseEndOn: addMonths(today, 2) },
      { kind: 'move-in', enterpriseUscc: b.uscc, toCarrierId: c.incubator, movedOn: ago(28), leasedArea: 200 },
      { kind: 'move-out', enterpriseUscc: b.uscc, fromCarrierId: c.incubator, movedOn: ago(10), exitKind: 'left-district' },
    ]) {
      const r = await move(s.commission, body);
      expect(r.statusCode, r.body).toBe(200);
    }
    const moves = (await as(t, s.commission)('GET', `/api/carrier-ladder/moves?enterprise=${a.id}`)).json().items as MoveEvent[];
    expect(moves.map((m) => [m.kind, m.from?.type ?? null, m.to?.type ?? null, m.outcome])).toEqual([
      ['transfer', 'accelerator', 'industrial-park', 'up'],
      ['transfer', 'incubator', 'accelerator', 'up'],
      ['move-in', null, 'incubator', null],
    ]);
  });

  it('refuses a move-out before the move-in, and an overlapping tenancy unless allowed with a reason', async () => {
    await move(s.commission, { kind: 'move-in', enterpriseUscc: cc.uscc, toCarrierId: c.incubator, movedOn: ago(6), leasedArea: 150 });
    const early = await move(s.commission, { kind: 'move-out', enterpriseUscc: cc.uscc, fromCarrierId: c.incubator, movedOn: ago(7), exitKind: 'closed' });
    expect(early.statusCode).toBe(400);
    const clash = await move(s.commission, { kind: 'move-in', enterpriseUscc: cc.uscc, toCarrierId: c.accelerator, movedOn: ago(3), leasedArea: 500 });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('TENANCY_OVERLAP');
    const noReason = await move(s.commission, { kind: 'move-in', enterpriseUscc: cc.uscc, toCarrierId: c.accelerator, movedOn: ago(3), leasedArea: 500, allowOverlap: true });
    expect(noReason.statusCode).toBe(400);
    const allowed = await move(s.commission, { kind: 'move-in', enterpriseUscc: cc.uscc, toCarrierId: c.accelerator, movedOn: ago(3), leasedArea: 500, allowOverlap: true, overlapReason: '研发实验室留在孵化器' });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect((allowed.json().items as MoveEvent[]).find((m) => m.to?.type === 'accelerator')!.overlapReason).toBe('研发实验室留在孵化器');
  });

  it('audits every move', async () => {
    const rows = await rowsOf<{ action: string; n: number }>(t.deps.database.db, sql`SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'carrier.%' GROUP BY action ORDER BY action`);
    expect(Object.fromEntries(rows.map((r) => [r.action, r.n]))).toMatchObject({ 'carrier.move-in': 4, 'carrier.move-out': 1, 'carrier.transfer-in': 2, 'carrier.transfer-out': 2 });
  });
});

describe('who sees which moves', () => {
  it('a park sees its zone’s carriers’ moves, and another zone’s carrier only by its kind', async () => {
    const port = (await as(t, s.parkPort)('GET', '/api/carrier-ladder/moves')).json().items as MoveEvent[];
    expect(new Set(port.map((m) => m.enterprise.uscc))).toEqual(new Set([a.uscc, cc.uscc]));
    const arrival = port.find((m) => m.enterprise.uscc === a.uscc && m.to?.id === c.accelerator)!;
    expect(arrival.from).toEqual({ id: null, name: null, type: 'incubator' });
    expect(JSON.stringify(port)).not.toContain(b.uscc);
    const city = (await as(t, s.parkCity)('GET', '/api/carrier-ladder/moves')).json().items as MoveEvent[];
    expect(city.find((m) => m.enterprise.uscc === a.uscc && m.kind === 'transfer')!.to).toEqual({ id: null, name: null, type: 'accelerator' });
  });

  it('an enterprise sees its own moves only, with its carriers named', async () => {
    const own = (await as(t, s.enterpriseA)('GET', '/api/carrier-ladder/moves')).json().items as MoveEvent[];
    expect(own).toHaveLength(3);
    expect(new Set(own.map((m) => m.enterprise.uscc))).toEqual(new Set([a.uscc]));
    expect(own.every((m) => m.to === null || m.to.name !== null)).toBe(true);
    const asked = (await as(t, s.enterpriseA)('GET', `/api/carrier-ladder/moves?enterprise=${b.id}`)).json().items;
    expect(asked).toEqual([]);
    expect((await as(t, s.enterpriseA)('GET', '/api/carrier-ladder')).statusCode).toBe(403);
  });
});

describe('figures, flows, vacancy and export', () => {
  it('computes the incubator’s graduation rate (1 of 2 exits) and the flows', async () => {
    const r = await as(t, s.commission)('GET', '/api/carrier-ladder?zone=innovation-city');
    expect(r.statusCode, r.body).toBe(200);
    const ladder = r.json() as Ladder;
    const inc = ladder.carriers.find((x) => x.id === c.incubator)!;
    expect([inc.exits, inc.graduationRate, inc.leftDistrictRate, inc.outcomes.up, inc.outcomes['left-district']]).toEqual([2, 0.5, 0.5, 1, 1]);
    expect(inc.medianStayMonths).toBeCloseTo(15, 0);
    expect(ladder.flows.links).toEqual(expect.arrayContaining([{ source: 'incubator', target: 'accelerator', value: 1 }, { source: 'incubator', target: 'left-district', value: 1 }]));
    // Another zone's carriers are not in a zone-filtered chart.
    expect(ladder.carriers.some((x) => x.id === c.accelerator)).toBe(false);
  });

  it('gives the monthly vacancy of a carrier from its tenancies', async () => {
    const from = ago(30).slice(0, 7);
    const r = await as(t, s.leader)('GET', `/api/carrier-ladder/carriers/${c.incubator}/vacancy?from=${from}`);
    expect(r.statusCode, r.body).toBe(200);
    const points = r.json().points as { month: string; leasedArea: number; vacancyRate: number }[];
    expect(points[0]!.month).toBe(from);
    const last = points.at(-1)!;
    // Today: only 丙 (150 m²) is left of the three.
    expect([last.leasedArea, last.vacancyRate]).toEqual([150, 0.85]);
    expect(Math.max(...points.map((p) => p.leasedArea))).toBe(500);
    expect((await as(t, s.parkPort)('GET', `/api/carrier-ladder/carriers/${c.incubator}/vacancy`)).statusCode).toBe(404);
  });

  it('exports the ladder to Excel', async () => {
    const r = await as(t, s.commission)('GET', '/api/carrier-ladder/export?zone=medicine-port');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['载体梯度指标', '迁移记录', '月度空置率']);
    const names: string[] = [];
    wb.getWorksheet('迁移记录')!.eachRow((row, i) => i > 1 && names.push(String(row.getCell(4).value)));
    expect(new Set(names)).toEqual(new Set([a.name, cc.name]));
  });
});

describe('the lease-expiry warning', () => {
  it('opens for the park of the carrier’s zone and closes when the lease is renewed', async () => {
    await evaluateWarnings({ ...t.deps, log: () => {} });
    const list = async (session: Session) => ((await as(t, session)('GET', '/api/warnings?rule=carrier-lease-expiring')).json().items as { subjectLabel: string; status: string }[]).filter((w) => w.status === 'open');
    const [park] = await t.deps.database.db.select({ name: carriers.nameZh }).from(carriers).where(eq(carriers.id, c.park));
    expect((await list(s.parkPort)).map((w) => w.subjectLabel)).toEqual([`${a.name} · ${park!.name}`]);
    expect(await list(s.parkCity)).toEqual([]);
    const tenancy = ((await as(t, s.parkPort)('GET', `/api/carrier-ladder/moves?enterprise=${a.id}`)).json().items as MoveEvent[])[0]!.tenancyId;
    const renewed = await as(t, s.parkPort)('PUT', `/api/carrier-ladder/tenancies/${tenancy}/lease`, { leaseEndOn: addMonths(today, 36) });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect((await as(t, s.parkCity)('PUT', `/api/carrier-ladder/tenancies/${tenancy}/lease`, { leaseEndOn: addMonths(today, 36) })).statusCode).toBe(404);
    await evaluateWarnings({ ...t.deps, log: () => {} });
    expect(await list(s.parkPort)).toEqual([]);
  });
});
