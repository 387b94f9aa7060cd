import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { sessions as sessionTable } from '../../db/schema/index.ts';
import { generateCsrfToken, generateSessionToken, hashToken } from '../../domain/security/tokens.ts';
import { readSeedPolicyText } from '../../seed/seed-plan.ts';
import { seedPlanForTest, type PlanFixture } from '../plan/plan-test-helpers.ts';

/**
 * 督办 end to end over the API on the district's real plan: items derived by clause key, milestones, reports
 * with review and history, colours, scope per role, audit, and the plan's next version keeping the items.
 * The clock is fixed at 2026-05-05 12:00 Shanghai so that the deadlines below are known days.
 */
let t: TestApp;
let plan: PlanFixture;
type S = Session & { userId: string };
let commission: S;
let leader: S;
let jingwei: S; // 区经委: lead of 六(一)
let kewei: S; // 区科委: co-unit of 六(一)
let fagaiwei: S; // 区发改委: no unit of 六(一)
let park: S;
let auditor: S;

type Item = { id: string; key: string; task: string; unit: string; role: string; status: string; parentId: string | null; reasons: { rule: string }[] };

/** Moves the test clock and gives every session a fresh row (a month's jump would expire them). */
async function setClock(at: string) {
  t.clock.advance(Date.parse(at) - t.clock.now().getTime());
  for (const s of [commission, leader, jingwei, kewei, fagaiwei, park, auditor].filter(Boolean) as (Session & { userId: string })[]) {
    const token = generateSessionToken();
    const now = t.clock.now();
    await t.deps.database.db.insert(sessionTable).values({ tokenHash: hashToken(token), userId: s.userId, stage: 'active', csrfToken: s.csrf, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 8 * 3_600_000) });
    s.cookie = `biomfg_sid=${token}`;
  }
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.advance(Date.parse('2026-05-05T04:00:00Z') - t.clock.now().getTime());
  plan = await seedPlanForTest(t);
  commission = await activeSession(t, 'sv_commission', 'commission');
  leader = await activeSession(t, 'sv_leader', 'leader');
  jingwei = await activeSession(t, 'sv_jingwei', 'department', await departmentId(t, 'jingwei'));
  kewei = await activeSession(t, 'sv_kewei', 'department', await departmentId(t, 'kewei'));
  fagaiwei = await activeSession(t, 'sv_fagaiwei', 'department', await departmentId(t, 'fagai'));
  park = await activeSession(t, 'sv_park', 'park', await zoneId(t, 'medicine-port'));
  auditor = await activeSession(t, 'sv_auditor', 'auditor');
  const sync = await as(t, commission)('POST', '/api/supervision/sync');
  expect(sync.statusCode, sync.body).toBe(200);
});
afterAll(async () => t?.close());

const items = async (s: Session, query = '') => {
  const r = await as(t, s)('GET', `/api/supervision/items?year=2026${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as Item[];
};

describe('items from the plan', () => {
  it('derives a lead item per measure and co sub-items, keyed by the clause key, named 六(一)', async () => {
    const all = await items(commission);
    const m1 = all.filter((i) => i.key === 'task-01-m1');
    expect(m1.map((i) => [i.unit, i.role, i.task])).toEqual([
      ['区经委', 'lead', '六(一)'],
      ['区科委', 'co', '六(一)'],
      ['区投资促进办', 'co', '六(一)'],
    ]);
    expect(m1[1]!.parentId).toBe(m1[0]!.id);
    expect(all.some((i) => i.task === '七(三)' && i.unit === '区财政局(金融办)' && i.role === 'lead')).toBe(true);
    // A second sync changes nothing.
    expect((await as(t, commission)('POST', '/api/supervision/sync')).json()).toMatchObject({ created: 0, deactivated: 0 });
  });

  it('scopes the list: a department its items (and the sub-items under those it leads), the leader all, a park none here', async () => {
    const all = await items(commission);
    expect((await items(leader)).length).toBe(all.length);
    const own = await items(kewei);
    const keweiId = await departmentId(t, 'kewei');
    const keweiItems = all.filter((i) => i.unit === '区科委');
    const leadIds = new Set(keweiItems.filter((i) => i.role === 'lead').map((i) => i.id));
    const parentIds = new Set(keweiItems.map((i) => i.parentId).filter(Boolean));
    const expected = all.filter((i) => i.unit === '区科委' || (i.parentId && leadIds.has(i.parentId)) || parentIds.has(i.id));
    expect(new Set(own.map((i) => i.id))).toEqual(new Set(expected.map((i) => i.id)));
    expect(keweiId).toBeTruthy();
    // 六(十) 生物能源: 区发改委、区生态环境局、区农业农村委 — nothing of 区科委's.
    const foreign = all.find((i) => i.key === 'task-10-m1' && i.role === 'lead')!;
    expect(own.map((i) => i.id)).not.toContain(foreign.id);
    expect((await as(t, kewei)('GET', `/api/supervision/items/${foreign.id}`)).statusCode).toBe(404);
    expect(await items(park)).toEqual([]);
    expect((await as(t, auditor)('GET', '/api/supervision/items')).statusCode).toBe(403);
  });
});

describe('milestones, reports, review and colours', () => {
  let lead: Item;
  let coKewei: Item;
  let milestoneIds: string[];

  it('lets the commission set confirmed milestones and the lead unit propose them (confirmed later); others get 403/404', async () => {
    const all = await items(commission);
    lead = all.find((i) => i.key === 'task-01-m1' && i.role === 'lead')!;
    coKewei = all.find((i) => i.key === 'task-01-m1' && i.unit === '区科委')!;
    const body = {
      year: 2026,
      cycle: 'quarterly',
      milestones: [
        { title: '举办生物制造产业链招商推介会', dueOn: '2026-05-15', evidenceExpected: '会议通知、签约清单', weight: 40 },
        { title: '签约链主型项目 3 个', dueOn: '2026-11-30', evidenceExpected: '投资协议', weight: 60 },
      ],
    };
    expect((await as(t, kewei)('PUT', `/api/supervision/items/${lead.id}/work-plan`, body)).statusCode).toBe(403);
    expect((await as(t, fagaiwei)('PUT', `/api/supervision/items/${lead.id}/work-plan`, body)).statusCode).toBe(404);
    const proposed = await as(t, jingwei)('PUT', `/api/supervision/items/${lead.id}/work-plan`, body);
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json().workPlan).toMatchObject({ confirmed: false, version: 1 });
    const confirmed = await as(t, commission)('POST', `/api/supervision/items/${lead.id}/work-plan/confirm`, { year: 2026, version: 1 });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().workPlan.confirmed).toBe(true);
    milestoneIds = confirmed.json().workPlan.milestones.map((m: { id: string }) => m.id);
    // 10 days before the first milestone: blue.
    expect((await items(commission)).find((i) => i.id === lead.id)!.status).toBe('blue');
  });

  it('takes a report, consolidates the co-unit’s, returns with a reason (yellow), keeps history, accepts the resubmission', async () => {
    const report = { period: '2026-Q2', percent: 45, milestones: [{ milestoneId: milestoneIds[0], status: 'done' }, { milestoneId: milestoneIds[1], status: 'in-progress' }], doneText: '举办推介会一场,签约项目 2 个', problems: '', nextSteps: '跟进在谈项目', helpNeeded: '' };
    expect((await as(t, kewei)('POST', `/api/supervision/items/${lead.id}/reports`, report)).statusCode).toBe(403);
    expect((await as(t, jingwei)('POST', `/api/supervision/items/${lead.id}/reports`, { ...report, period: '2026-05' })).statusCode).toBe(400);
    const first = await as(t, jingwei)('POST', `/api/supervision/items/${lead.id}/reports`, report);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'submitted', revision: 1, isLate: false, dueOn: '2026-07-10' });

    const co = await as(t, kewei)('POST', `/api/supervision/items/${coKewei.id}/reports`, { ...report, doneText: '协助对接科研院所' });
    expect(co.statusCode, co.body).toBe(200);
    expect((await as(t, fagaiwei)('POST', `/api/supervision/reports/${co.json().id}/consolidate`, { version: 1 })).statusCode).toBe(404);
    const consolidated = await as(t, jingwei)('POST', `/api/supervision/reports/${co.json().id}/consolidate`, { version: 1 });
    expect(consolidated.statusCode, consolidated.body).toBe(200);
    expect(consolidated.json().status).toBe('consolidated');

    expect((await as(t, commission)('POST', `/api/supervision/reports/${first.json().id}/review`, { decision: 'return', version: 1 })).statusCode).toBe(400);
    const returned = await as(t, commission)('POST', `/api/supervision/reports/${first.json().id}/review`, { decision: 'return', reason: '缺少签约清单佐证', version: 1 });
    expect(returned.statusCode, returned.body).toBe(200);
    const yellow = (await items(commission)).find((i) => i.id === lead.id)!;
    expect(yellow.status).toBe('yellow');
    expect(yellow.reasons.map((r) => r.rule)).toContain('report-returned');

    // A stale resubmission is refused; the fresh one is revision 2 and the history keeps revision 1.
    expect((await as(t, jingwei)('POST', `/api/supervision/items/${lead.id}/reports`, { ...report, version: 1 })).statusCode).toBe(409);
    const again = await as(t, jingwei)('POST', `/api/supervision/items/${lead.id}/reports`, { ...report, doneText: '补充签约清单', version: 2 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ revision: 2, status: 'submitted' });
    expect(again.json().history.map((h: { revision: number; event: string }) => [h.revision, h.event])).toEqual([[1, 'submitted'], [1, 'returned'], [2, 'resubmitted']]);
    expect(again.json().history[1].reason).toBe('缺少签约清单佐证');
    expect(again.json().history[0].snapshot.doneText).toBe('举办推介会一场,签约项目 2 个');

    const accepted = await as(t, commission)('POST', `/api/supervision/reports/${again.json().id}/review`, { decision: 'accept', version: again.json().version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await items(commission)).find((i) => i.id === lead.id)!.status).toBe('green');

    const detail = (await as(t, jingwei)('GET', `/api/supervision/items/${lead.id}?year=2026`)).json();
    expect(detail.reports.map((r: { unit: string; status: string }) => [r.unit, r.status]).sort()).toEqual([['区经委', 'accepted'], ['区科委', 'consolidated']].sort());
    expect(detail.workPlan.milestones.map((m: { progress: string }) => m.progress)).toEqual(['done', 'in-progress']);
  });

  it('audits every write', async () => {
    const r = await as(t, auditor)('GET', '/api/audit/events?pageSize=100');
    const actions = (r.json().items as { action: string }[]).map((e) => e.action);
    for (const a of ['supervision.sync', 'supervision.plan-set', 'supervision.plan-confirm', 'supervision.report-submit', 'supervision.report-consolidate', 'supervision.report-return', 'supervision.report-accept']) expect(actions).toContain(a);
  });

  it('marks a late report late and keeps it; turns red when a report is missing after the deadline', async () => {
    const all = await items(commission);
    const m2 = all.find((i) => i.key === 'task-01-m2' && i.role === 'lead')!;
    const set = await as(t, commission)('PUT', `/api/supervision/items/${m2.id}/work-plan`, { year: 2026, cycle: 'monthly', milestones: [{ title: '培育创新企业', dueOn: '2026-12-20', weight: 1 }] });
    expect(set.statusCode, set.body).toBe(200);
    // The plan was set on 2026-05-05: May is owed by 2026-06-10 (Shanghai). On 06-10 23:30 Shanghai it is still on time …
    await setClock('2026-06-10T15:30:00Z');
    expect((await items(commission)).find((i) => i.id === m2.id)!.status).toBe('blue');
    // … and at 00:30 on 06-11 Shanghai (still 06-10 in UTC) it is red.
    await setClock('2026-06-10T16:30:00Z');
    const red = (await items(commission)).find((i) => i.id === m2.id)!;
    expect(red.status).toBe('red');
    expect(red.reasons.map((r) => r.rule)).toEqual(['report-missing']);
    const late = await as(t, jingwei)('POST', `/api/supervision/items/${m2.id}/reports`, { period: '2026-05', percent: 20, milestones: [], doneText: '补报' });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ isLate: true, status: 'submitted' });
    const board = (await as(t, commission)('GET', '/api/supervision/board?year=2026')).json();
    const jw = board.units.find((u: { name: string }) => u.name === '区经委');
    expect(jw.onTimeRate).toBeLessThan(1);
    expect(board.tasks[0].label).toBe('六(一)');
    await setClock('2026-05-05T04:00:00Z');
  });

  it('recomputes the colours when a rule changes', async () => {
    const rules = (await as(t, commission)('GET', '/api/supervision/rules')).json().items as { code: string; version: number }[];
    const near = rules.find((r) => r.code === 'deadline-near')!;
    const lead2 = (await items(commission)).find((i) => i.key === 'task-01-m2' && i.role === 'lead')!;
    expect(lead2.status).toBe('green');
    const r = await as(t, commission)('PUT', '/api/supervision/rules/deadline-near', { enabled: true, params: { days: 300 }, version: near.version });
    expect(r.statusCode, r.body).toBe(200);
    expect((await items(commission)).find((i) => i.id === lead2.id)!.status).toBe('blue');
    expect((await as(t, kewei)('PUT', '/api/supervision/rules/deadline-near', { enabled: true, params: { days: 15 }, version: near.version + 1 })).statusCode).toBe(403);
    await as(t, commission)('PUT', '/api/supervision/rules/deadline-near', { enabled: true, params: { days: 15 }, version: near.version + 1 });
  });
});

describe('a new plan version keeping the clause', () => {
  it('keeps the items, their milestones and reports; drops (deactivates) a unit the text no longer names', async () => {
    const before = (await items(commission)).find((i) => i.key === 'task-01-m1' && i.role === 'lead')!;
    const parsed = (await as(t, commission)('POST', '/api/plan/parse', { text: readSeedPolicyText() })).json();
    const structure = parsed.result;
    const task1 = structure.tasks[0];
    task1.units = task1.units.filter((u: { name: string }) => u.name !== '区投资促进办');
    const saved = await as(t, commission)('POST', `/api/plan/plans/${plan.planId}/versions`, { sourceText: parsed.text, sourceFileName: 'v2.txt', note: '测试', structure });
    expect(saved.statusCode, saved.body).toBe(201);
    expect((await as(t, commission)('POST', `/api/plan/versions/${saved.json().id}/activate`)).statusCode).toBe(200);
    const sync = (await as(t, commission)('POST', '/api/supervision/sync')).json();
    expect(sync.deactivated).toBe(task1.measures.length);
    const after = await items(commission);
    const kept = after.find((i) => i.key === 'task-01-m1' && i.role === 'lead')!;
    expect(kept.id).toBe(before.id);
    expect(after.some((i) => i.key.startsWith('task-01-') && i.unit === '区投资促进办')).toBe(false);
    const detail = (await as(t, commission)('GET', `/api/supervision/items/${kept.id}?year=2026`)).json();
    expect(detail.workPlan.milestones).toHaveLength(2);
    expect(detail.reports.length).toBeGreaterThan(0);
  });
});
