import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { evaluateWarnings } from './index.ts';
import { warningCountsForPeriod } from './warning-report-counts.ts';
import { warningEscalationJob } from './warning.jobs.ts';
import { approvedSeries, monthsAgo } from './warning.test-support.ts';

/**
 * The warnings feature end to end on the engine the suite runs on: evaluation against an independent SQL
 * computation, idempotency (structural and by count), auto-close, a broken rule skipped, the scope of each
 * role, the lifecycle with its audit and notifications, rule changes with confirmation, escalation.
 */
let t: TestApp;
let asOf: { year: number; month: number };
const ent: Record<'down' | 'flat' | 'foreign', { id: string; uscc: string; name: string }> = {} as never;
let commission: Session;
let park: Session & { userId: string };
let enterpriseUser: Session;
const evaluate = () => evaluateWarnings({ ...t.deps, log: () => {} });

beforeAll(async () => {
  t = await createTestApp();
  asOf = monthsAgo(t.clock.now(), 2);
  ent.down = await createEnterprise(t, '预警测试甲生物科技有限公司', 'medicine-port');
  ent.flat = await createEnterprise(t, '预警测试乙生物科技有限公司', 'medicine-port');
  ent.foreign = await createEnterprise(t, '预警测试丙生物材料有限公司', 'innovation-city');
  const last = asOf.year - 1;
  await approvedSeries(t, ent.down.id, last, asOf, (y) => (y === last ? 1000 : 700));
  await approvedSeries(t, ent.flat.id, last, asOf, () => 1000);
  await approvedSeries(t, ent.foreign.id, last, asOf, (y) => (y === last ? 1000 : 750));
  commission = await activeSession(t, 'w_commission', 'commission');
  park = await activeSession(t, 'w_park', 'park', await zoneId(t, 'medicine-port'));
  enterpriseUser = await activeSession(t, 'w_ent', 'enterprise', ent.down.id);
}, 120_000);
afterAll(async () => t?.close());

const live = (rule: string) =>
  t.deps.database.query<{ id: string; subject_key: string; status: string; level: string; version: number }>(
    `SELECT id, subject_key, status, level, version FROM warnings WHERE rule_code = $1 AND status IN ('open','acknowledged','handling') ORDER BY subject_key`,
    [rule],
  );

describe('evaluation', () => {
  it('opens the YoY warnings an independent SQL computation predicts, and the command-line shape lists them', async () => {
    const result = await evaluate();
    // Independent: YTD of this year and last year to the month, straight from the approved reports.
    const expected = await t.deps.database.query<{ uscc: string }>(
      `SELECT e.uscc FROM enterprises e JOIN monthly_reports r ON r.enterprise_id = e.id AND r.status = 'approved' AND r.month <= $2
        GROUP BY e.uscc
       HAVING sum(r.output) FILTER (WHERE r.year = $1 - 1) >= 100
          AND sum(r.output) FILTER (WHERE r.year = $1) / sum(r.output) FILTER (WHERE r.year = $1 - 1) - 1 < -0.2 ORDER BY e.uscc`,
      [asOf.year, asOf.month],
    );
    expect(expected.map((e) => e.uscc.trim())).toEqual([ent.down.uscc, ent.foreign.uscc].sort());
    expect((await live('enterprise-yoy-drop')).map((w) => w.subject_key)).toEqual(expected.map((e) => e.uscc.trim()));
    expect(result.opened).toBeGreaterThanOrEqual(2);
    expect(result.open).toEqual(expect.arrayContaining([{ rule: 'enterprise-yoy-drop', level: 'orange', subjectKind: 'enterprise', subjectKey: ent.down.uscc }]));
    expect(result.skipped).toEqual([]);
  });

  it('evaluates the enterprises of a city-scale import, more than a statement may bind (65 535)', async () => {
    // A month's bureau file at 100 000 enterprises changes about 68 000; each id was one bound parameter.
    const ids = [ent.down.id, ...Array.from({ length: 70_000 }, () => crypto.randomUUID())];
    const result = await evaluateWarnings({ ...t.deps, log: () => {} }, { enterpriseIds: ids });
    expect(result.skipped).toEqual([]);
    expect((await live('enterprise-yoy-drop')).map((w) => w.subject_key)).toContain(ent.down.uscc);
  });

  it('is idempotent: a second run opens nothing, and a duplicate live row is refused by the database', async () => {
    const before = await t.deps.database.query<{ n: number }>('SELECT count(*)::int AS n FROM warnings');
    const again = await evaluate();
    expect({ opened: again.opened, closed: again.closed, updated: again.updated }).toEqual({ opened: 0, closed: 0, updated: 0 });
    expect(await t.deps.database.query('SELECT count(*)::int AS n FROM warnings')).toEqual(before);
    const [w] = await live('enterprise-yoy-drop');
    await expect(
      t.deps.database.query(
        `INSERT INTO warnings (rule_code, rule_version, subject_kind, subject_key, subject_label, level, status, owner_role, explanation_zh, explanation_en, opened_at, updated_at, evaluated_at)
         VALUES ('enterprise-yoy-drop', 1, 'enterprise', $1, 'x', 'red', 'open', 'park', 'x', 'x', now(), now(), now())`,
        [w!.subject_key],
      ),
    ).rejects.toThrow();
  });

  it('closes a warning automatically, with the reason, when its condition clears', async () => {
    await approvedSeries(t, ent.foreign.id, asOf.year - 1, asOf, () => 1000);
    const result = await evaluate();
    expect(result.closed).toBeGreaterThanOrEqual(1);
    const [row] = await t.deps.database.query<{ status: string; close_reason: string }>(
      `SELECT status, close_reason FROM warnings WHERE rule_code = 'enterprise-yoy-drop' AND subject_key = $1`,
      [ent.foreign.uscc],
    );
    expect(row).toMatchObject({ status: 'resolved' });
    expect(row!.close_reason).toContain('condition cleared');
    expect((await live('enterprise-yoy-drop')).map((w) => w.subject_key)).toEqual([ent.down.uscc]);
  });

  it('logs and skips a broken rule; the others run and its warnings stay', async () => {
    const decliningBefore = await live('enterprise-consecutive-decline');
    expect(decliningBefore.length).toBeGreaterThan(0);
    await t.deps.database.query(`UPDATE warning_rules SET params = '{"indicator":"output","months":"three"}' WHERE code = 'enterprise-consecutive-decline'`);
    const logged: string[] = [];
    const result = await evaluateWarnings({ ...t.deps, log: (m) => logged.push(m) });
    expect(result.skipped.map((s) => s.rule)).toEqual(['enterprise-consecutive-decline']);
    expect(logged.join('\n')).toContain('enterprise-consecutive-decline');
    expect(await live('enterprise-consecutive-decline')).toEqual(decliningBefore);
    expect((await live('enterprise-yoy-drop')).length).toBe(1);
    await t.deps.database.query(`UPDATE warning_rules SET params = '{"indicator":"output","months":3,"minBaseWan":100}' WHERE code = 'enterprise-consecutive-decline'`);
  });
});

describe('scope, lifecycle, audit, notifications', () => {
  it('a park sees its zone only; an enterprise is refused', async () => {
    await approvedSeries(t, ent.foreign.id, asOf.year - 1, asOf, (y) => (y === asOf.year - 1 ? 1000 : 600));
    await evaluate();
    const all = (await as(t, commission)('GET', '/api/warnings?pageSize=100')).json().items as { subjectKey: string; zoneCode: string }[];
    expect(all.map((w) => w.zoneCode)).toEqual(expect.arrayContaining(['medicine-port', 'innovation-city']));
    const mine = (await as(t, park)('GET', '/api/warnings?pageSize=100')).json().items as { zoneCode: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((w) => w.zoneCode))).toEqual(new Set(['medicine-port']));
    expect((await as(t, enterpriseUser)('GET', '/api/warnings')).statusCode).toBe(403);
  });

  it('the park acknowledges and resolves one: audited, notified, and it leaves the counts', async () => {
    const [w] = await live('enterprise-yoy-drop').then((rows) => rows.filter((r) => r.subject_key === ent.down.uscc));
    const rollupBefore = (await as(t, park)('GET', '/api/warnings/rollup')).json();
    const ack = await as(t, park)('POST', `/api/warnings/${w!.id}/actions`, { action: 'acknowledge', version: w!.version });
    expect(ack.statusCode, ack.body).toBe(200);
    const stale = await as(t, park)('POST', `/api/warnings/${w!.id}/actions`, { action: 'resolve', version: w!.version, note: '已走访' });
    expect(stale.statusCode).toBe(409);
    const noReason = await as(t, park)('POST', `/api/warnings/${w!.id}/actions`, { action: 'resolve', version: ack.json().version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.note');
    const done = await as(t, park)('POST', `/api/warnings/${w!.id}/actions`, { action: 'resolve', version: ack.json().version, note: '已走访，订单回流' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'resolved', closeReason: '已走访，订单回流' });
    const rollupAfter = (await as(t, park)('GET', '/api/warnings/rollup')).json();
    expect(rollupAfter.total.count).toBe(rollupBefore.total.count - 1);
    const audit = await t.deps.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq`, [w!.id]);
    expect(audit.map((a) => a.action)).toEqual(['warning.acknowledge', 'warning.resolve']);
    const detail = (await as(t, park)('GET', `/api/warnings/${w!.id}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'acknowledged', 'resolved']);
    const notices = await t.deps.database.query<{ kind: string }>(`SELECT kind FROM notifications WHERE user_id = $1 AND object_id LIKE $2 ORDER BY created_at`, [park.userId, `${w!.id}:%`]);
    expect(notices.map((n) => n.kind).sort()).toEqual(['warning.opened', 'warning.step', 'warning.step']);
    // The condition still holds, but a resolved warning stays closed; the next evaluation opens a new one.
    const next = await evaluate();
    expect(next.open.filter((o) => o.rule === 'enterprise-yoy-drop' && o.subjectKey === ent.down.uscc)).toHaveLength(1);
  });

  it('the park cannot act on another zone’s warning (404) nor on the commission’s own', async () => {
    const [foreign] = (await live('enterprise-yoy-drop')).filter((r) => r.subject_key === ent.foreign.uscc);
    const response = await as(t, park)('POST', `/api/warnings/${foreign!.id}/actions`, { action: 'acknowledge', version: foreign!.version });
    expect(response.statusCode).toBe(404);
  });
});

describe('rules', () => {
  it('validates parameters with located messages, asks for confirmation above the threshold, versions and audits a change', async () => {
    const rules = (await as(t, commission)('GET', '/api/warning-rules')).json() as { code: string; version: number; params: Record<string, unknown> }[];
    const rule = rules.find((r) => r.code === 'enterprise-yoy-drop')!;
    const bad = await as(t, commission)('PUT', '/api/warning-rules/enterprise-yoy-drop', { version: rule.version, params: { ...rule.params, dropPct: 150 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.params.dropPct');
    const dry = await as(t, commission)('POST', '/api/warning-rules/enterprise-yoy-drop/dry-run', { params: { ...rule.params, dropPct: 90 } });
    expect(dry.json()).toMatchObject({ wouldOpen: 0, needsConfirmation: false });
    const lower = await as(t, commission)('PUT', '/api/warning-rules/enterprise-yoy-drop', { version: rule.version, params: { ...rule.params, dropPct: 90 }, note: '放宽' });
    expect(lower.statusCode, lower.body).toBe(200);
    expect(lower.json()).toMatchObject({ version: rule.version + 1, liveWarnings: 0 });
    const versions = (await as(t, commission)('GET', '/api/warning-rules/enterprise-yoy-drop/versions')).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([rule.version + 1, rule.version]);
    const [audit] = await t.deps.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = 'enterprise-yoy-drop' ORDER BY seq DESC LIMIT 1`);
    expect(audit!.action).toBe('warning.rule-update');
    const stale = await as(t, commission)('PUT', '/api/warning-rules/enterprise-yoy-drop', { version: rule.version, enabled: false });
    expect(stale.statusCode).toBe(409);
  });

  it('the escalation job moves a long-open warning one level up and notifies the commission', async () => {
    const [w] = await live('enterprise-consecutive-decline');
    await t.deps.database.query(`UPDATE warnings SET status = 'open', opened_at = now() - interval '60 days' WHERE id = $1`, [w!.id]);
    const result = await warningEscalationJob.run({ database: t.deps.database, config: t.deps.config, slotAt: new Date(), attempt: 1, payload: {}, now: () => new Date() });
    expect(result).toMatchObject({ escalated: expect.any(Number) });
    const [row] = await t.deps.database.query<{ escalation_level: number }>('SELECT escalation_level FROM warnings WHERE id = $1', [w!.id]);
    expect(Number(row!.escalation_level)).toBe(1);
    const notices = await t.deps.database.query<{ role: string }>(
      `SELECT u.role FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'warning.escalated' AND n.object_id = $1`,
      [`${w!.id}:escalated-1`],
    );
    expect(notices.map((n) => n.role)).toContain('commission');
  });

  it('counts by colour for a period and a zone (the monthly report)', async () => {
    const now = t.clock.now();
    const period = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const district = await warningCountsForPeriod(t.deps.database.db, period);
    const zone = await warningCountsForPeriod(t.deps.database.db, period, { zoneCode: 'innovation-city' });
    const [liveNow] = await t.deps.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM warnings WHERE status IN ('open','acknowledged','handling')`);
    expect(district.totalOpen).toBe(Number(liveNow!.n));
    expect(zone.totalOpen).toBeLessThan(district.totalOpen);
    expect(district.totalNew).toBeGreaterThan(0);
  });
});
