import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBiomfg } from '../../../../test/cli-runner.ts';
import { activeSession, testUscc } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { domains, enterprises, monthlyReports, servicePolicies, zones } from '../../db/schema/index.ts';
import { shanghaiDate } from '../../domain/services/working-time.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';

/**
 * Three enterprises and two policies, the same on the app's database and on the command line's:
 * - 甲: biomedicine, above scale, revenue +20 % last year → eligible for both;
 * - 乙: biomedicine, above scale, revenue +5 % → lacks the growth condition;
 * - 丙: biomaterials, not above scale, no reports → lacks domain, above-scale and growth.
 */
async function seedPolicyFixtures(db: Database['db'], year: number) {
  const id = async (table: typeof domains | typeof zones, code: string) => (await db.select({ id: table.id }).from(table).where(eq(table.code, code)))[0]!.id;
  const make = async (name: string, domain: string, aboveScale: boolean, revenue: [number, number] | null) => {
    const uscc = testUscc();
    const [row] = await db
      .insert(enterprises)
      .values({ uscc, name, domainId: await id(domains, domain), zoneId: await id(zones, 'medicine-port'), isAboveScale: aboveScale, stage: 'industrialized', foundedOn: '2015-01-01' })
      .returning();
    if (revenue) {
      for (const [y, total] of [[year - 1, revenue[0]], [year, revenue[1]]] as const) {
        for (let m = 1; m <= 12; m++) {
          await db.insert(monthlyReports).values({ enterpriseId: row!.id, year: y, month: m, status: 'approved', revenue: String(total / 12), output: String(total / 12), deadline: `${y}-${String(m).padStart(2, '0')}-10` });
        }
      }
    }
    return { id: row!.id, uscc, name };
  };
  const a = await make('政策测试甲生物医药有限公司', 'biomedicine', true, [1200, 1440]);
  const b = await make('政策测试乙生物医药有限公司', 'biomedicine', true, [1200, 1260]);
  const c = await make('政策测试丙生物材料有限公司', 'biomaterials', false, null);
  await db.insert(servicePolicies).values([
    {
      code: 'JS-BIO-2023-05',
      title: '规上生物医药企业营收增长奖励',
      clause: '七(二)',
      amount: '50.00',
      conditions: [{ kind: 'domain', in: ['biomedicine'] }, { kind: 'above-scale' }, { kind: 'growth', indicator: 'revenue', atLeastPct: 15 }],
    },
    {
      code: 'JS-BIO-2023-09',
      title: '首台套生物反应器应用补贴',
      clause: '七(二)',
      conditions: [{ kind: 'domain', in: ['biomedicine'] }, { kind: 'manual', textZh: '提供首台套认定证明', textEn: 'first-of-kind certificate' }],
    },
  ]);
  // one booking and one request of 甲, for the export commands
  await db.execute(sql`WITH p AS (INSERT INTO platforms (code, name, kind) VALUES ('pm-platform', '政策测试平台', 'testing') RETURNING id),
      i AS (INSERT INTO instruments (code, platform_id, name, kind, price_in_district, price_outside, price_academic) SELECT 'PM-INS', id, '政策测试仪器', 'hplc', 100, 150, 80 FROM p RETURNING id)
    INSERT INTO instrument_bookings (instrument_id, enterprise_id, period, status, user_category, price_per_hour, amount, created_at)
    SELECT id, ${a.id}, tstzrange('2026-03-02 01:00+00', '2026-03-02 03:00+00', '[)'), 'completed', 'in-district', 100, 200, now() FROM i`);
  await db.execute(sql`INSERT INTO service_requests (code, enterprise_id, category, title, description, target_kind, target_id, status, submitted_at,
      acknowledge_due_at, acknowledge_remind_at, resolve_due_at, resolve_remind_at)
    SELECT 'SQ-PM-1', ${a.id}, 'other', '政策测试诉求', '—', 'department', id, 'submitted', now(), now(), now(), now(), now() FROM departments WHERE code = 'jingwei'`);
  return { a, b, c };
}

let t: TestApp;
let fx: Awaited<ReturnType<typeof seedPolicyFixtures>>;
let commission: Session;
let enterpriseA: Session;
let enterpriseB: Session;
let year: number;

beforeAll(async () => {
  t = await createTestApp();
  year = Number(shanghaiDate(t.clock.now()).slice(0, 4)) - 1;
  fx = await seedPolicyFixtures(t.deps.database.db, year);
  commission = await activeSession(t, 'pm_commission', 'commission');
  enterpriseA = await activeSession(t, 'pm_a', 'enterprise', fx.a.id);
  enterpriseB = await activeSession(t, 'pm_b', 'enterprise', fx.b.id);
});
afterAll(async () => t?.close());

describe('policy matching', () => {
  it('lists eligible enterprises and what the others lack (auto = 免申即享)', async () => {
    const view = (await as(t, commission)('GET', '/api/services/policies/JS-BIO-2023-05/eligible')).json();
    expect(view.mode).toBe('auto');
    expect(view.eligible).toEqual([{ uscc: fx.a.uscc, name: fx.a.name, awarded: false }]);
    const lacks = Object.fromEntries((view.missing as { uscc: string; lacks: string[] }[]).map((m) => [m.uscc, m.lacks]));
    expect(lacks[fx.b.uscc]).toEqual(['revenue-growth>=15%']);
    expect(lacks[fx.c.uscc]).toEqual(['domain=biomedicine', 'above-scale', 'revenue-growth>=15%']);
    expect((await as(t, commission)('GET', '/api/services/policies/JS-BIO-2023-09/eligible')).json().mode).toBe('apply');
    expect((await as(t, commission)('GET', '/api/services/policies/NO-SUCH/eligible')).statusCode).toBe(404);
  });

  it('an enterprise sees only itself: its policies and what it lacks', async () => {
    const view = (await as(t, enterpriseB)('GET', '/api/services/policies/JS-BIO-2023-05/eligible')).json();
    expect(view.eligible).toEqual([]);
    expect(view.missing.map((m: { uscc: string }) => m.uscc)).toEqual([fx.b.uscc]);
    const mine = (await as(t, enterpriseB)('GET', '/api/services/policies/mine')).json();
    expect(mine.items.find((p: { code: string }) => p.code === 'JS-BIO-2023-05')).toMatchObject({ eligible: false, lacks: ['revenue-growth>=15%'] });
  });

  it('the commission confirms 免申即享 awards: eligible ones only, once each, audited', async () => {
    const r = await as(t, commission)('POST', '/api/services/policies/JS-BIO-2023-05/awards', { usccs: [fx.a.uscc, fx.b.uscc] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ confirmed: 1, skipped: [{ uscc: fx.b.uscc, reason: 'not-eligible' }] });
    expect((await as(t, commission)('POST', '/api/services/policies/JS-BIO-2023-05/awards', { usccs: [fx.a.uscc] })).json()).toEqual({
      confirmed: 0,
      skipped: [{ uscc: fx.a.uscc, reason: 'already-awarded' }],
    });
    expect((await as(t, commission)('POST', '/api/services/policies/JS-BIO-2023-09/awards', { usccs: [fx.a.uscc] })).json().skipped[0].reason).toBe('apply-mode');
    expect((await as(t, enterpriseA)('POST', '/api/services/policies/JS-BIO-2023-05/awards', { usccs: [fx.a.uscc] })).statusCode).toBe(403);
    const mine = (await as(t, enterpriseA)('GET', '/api/services/policies/mine')).json();
    expect(mine.items.find((p: { code: string }) => p.code === 'JS-BIO-2023-05')).toMatchObject({ eligible: true, awarded: true });
    const [audit] = await t.deps.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'policy-award.confirm'`);
    expect(audit!.n).toBe(2);
    // pushed to the awarded enterprise's accounts, to nobody else's
    const pushed = await t.deps.database.query<{ username: string }>(`SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'policy.eligible'`);
    expect(pushed.map((p) => p.username)).toEqual(['pm_a']);
  });
});

describe('policy matching at city scale', () => {
  it("matches more active enterprises than a statement may bind (65 535), each with its own growth", async () => {
    // A city's registry: 66 000 more active enterprises; five of the first ten with approved revenue in both years.
    const db = t.deps.database.db;
    await db.execute(sql`
      INSERT INTO enterprises (uscc, name, domain_id, zone_id, is_above_scale, stage)
      SELECT 'C' || lpad(i::text, 17, '0'), '城市规模测试企业' || i, (SELECT id FROM domains WHERE code = 'biomedicine'),
             (SELECT id FROM zones WHERE code = 'medicine-port'), true, 'industrialized'
        FROM generate_series(1, 66000) AS i`);
    await db.execute(sql`
      INSERT INTO monthly_reports (enterprise_id, year, month, status, revenue, deadline)
      SELECT e.id, y, 6, 'approved', CASE WHEN y = ${year}::int THEN 130 ELSE 100 END, make_date(y, 7, 10)
        FROM enterprises e CROSS JOIN (VALUES (${year - 1}::int), (${year}::int)) AS v(y)
       WHERE e.uscc IN ('C00000000000000002', 'C00000000000000004', 'C00000000000000006', 'C00000000000000008', 'C00000000000000010')`);
    const view = (await as(t, commission)('GET', '/api/services/policies/JS-BIO-2023-05/eligible')).json();
    expect(view.eligible.length + view.missing.length).toBe(66_003);
    // +30 % for those five (eligible), no figures for the others (lacking the growth), 甲 as before.
    expect(view.eligible.map((e: { uscc: string }) => e.uscc).sort()).toEqual([fx.a.uscc, ...[2, 4, 6, 8, 10].map((i) => `C${String(i).padStart(17, '0')}`)].sort());
    expect(view.missing.find((m: { uscc: string }) => m.uscc === `C${'1'.padStart(17, '0')}`).lacks).toEqual(['revenue-growth>=15%']);
  });
});

describe('biomfg policies eligible', () => {
  let dir: string;
  let env: Record<string, string | undefined>;
  let cleanup: () => Promise<void>;
  let cliFx: Awaited<ReturnType<typeof seedPolicyFixtures>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biomfg-policies-cli-'));
    if (process.env.DATABASE_URL) {
      const { createTestDatabase } = await import('../../../../test/test-db.ts');
      const test = await createTestDatabase();
      await test.database.db.transaction(async (tx) => seedReferenceData(tx as never));
      cliFx = await seedPolicyFixtures(test.database.db, year);
      env = { DATABASE_URL: test.url, DATA_DIR: dir };
      cleanup = () => test.cleanup();
    } else {
      const database = await openDatabase({ dataDir: dir });
      await migrate(database);
      await database.db.transaction(async (tx) => seedReferenceData(tx as never));
      cliFx = await seedPolicyFixtures(database.db, year);
      await database.close();
      env = { DATABASE_URL: undefined, DATA_DIR: dir };
      cleanup = async () => {};
    }
  }, 240_000);
  afterAll(async () => {
    await cleanup?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints {policy, mode, eligible:[{uscc, name}], missing:[{uscc, lacks}]} with --json', async () => {
    const run = await runBiomfg(env, ['policies', 'eligible', 'JS-BIO-2023-05', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['policy', 'mode', 'eligible', 'missing']);
    expect(json.policy).toBe('JS-BIO-2023-05');
    expect(json.mode).toBe('auto');
    expect(json.eligible).toEqual([{ uscc: cliFx.a.uscc, name: cliFx.a.name }]);
    expect(json.missing).toEqual(
      expect.arrayContaining([
        { uscc: cliFx.b.uscc, lacks: ['revenue-growth>=15%'] },
        { uscc: cliFx.c.uscc, lacks: ['domain=biomedicine', 'above-scale', 'revenue-growth>=15%'] },
      ]),
    );
    const text = await runBiomfg(env, ['policies', 'eligible', 'JS-BIO-2023-09']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('快申快享 apply');
  }, 120_000);

  it('exports bookings and requests (SPEC §11 export ENTITY list)', async () => {
    const csv = path.join(dir, 'bookings.csv');
    const bookings = await runBiomfg(env, ['export', 'bookings', '--out', csv, '--json']);
    expect(bookings.code, bookings.stderr).toBe(0);
    expect(JSON.parse(bookings.stdout)).toMatchObject({ entity: 'bookings', exported: 1 });
    const text = fs.readFileSync(csv, 'utf8');
    expect(text).toContain(cliFx.a.uscc);
    expect(text).toContain('200.00');
    const xlsx = path.join(dir, 'requests.xlsx');
    const requests = await runBiomfg(env, ['export', 'requests', '--out', xlsx, '--json']);
    expect(requests.code, requests.stderr).toBe(0);
    expect(JSON.parse(requests.stdout)).toMatchObject({ entity: 'requests', exported: 1 });
    expect(fs.statSync(xlsx).size).toBeGreaterThan(1000);
  }, 120_000);

  it('fails with a located message on an unknown code or a missing argument', async () => {
    const unknown = await runBiomfg(env, ['policies', 'eligible', 'NO-SUCH']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown policy code: NO-SUCH');
    const missing = await runBiomfg(env, ['policies', 'eligible']);
    expect(missing.code).toBe(2);
  }, 120_000);
});
