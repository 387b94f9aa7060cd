import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsedPolicySchema } from '../../../../contracts/plan-parse.ts';
import { planCompareSchema, planListSchema, planVersionDetailSchema, type PlanVersionDetail } from '../../../../contracts/plan.ts';
import { activeSession, departmentId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { auditLog } from '../../db/schema/index.ts';
import { readSeedPolicyText } from '../../seed/seed-plan.ts';
import { miniVersionPayload, seedPlanForTest, type PlanFixture } from './plan-test-helpers.ts';

/**
 * Storage round trip of the district's policy, versions, activation, formulas and compare, through the API.
 * Expected figures come from reading the policy text (三、发展目标; 四; 五; 六; 七), not from the parser.
 */
let t: TestApp;
let commission: Session;
let leader: Session;
let kewei: Session;
let seeded: PlanFixture;

beforeAll(async () => {
  t = await createTestApp();
  seeded = await seedPlanForTest(t);
  commission = await activeSession(t, 'p_commission', 'commission');
  leader = await activeSession(t, 'p_leader', 'leader');
  kewei = await activeSession(t, 'p_kewei', 'department', await departmentId(t, 'kewei'));
});
afterAll(async () => t?.close());

const keysOf = (d: PlanVersionDetail) => ({
  goals: d.goals.map((g) => g.key).sort(),
  domains: d.domains.map((x) => x.key).sort(),
  zones: d.zones.map((x) => x.key).sort(),
  tasks: d.tasks.map((x) => x.key).sort(),
  measures: d.tasks.flatMap((x) => x.measures.map((m) => m.key)).sort(),
});

async function detail(session: Session, url: string): Promise<PlanVersionDetail> {
  const r = await as(t, session)('GET', url);
  expect(r.statusCode, r.body).toBe(200);
  return planVersionDetailSchema.parse(r.json());
}

/** Parses the shipped text through the API and saves it as a new version of the district plan. */
async function saveSeedTextAsVersion(edit: (s: Record<string, unknown> & { goals: { metric: string; year: number; value: number }[] }) => void = () => {}) {
  const parsed = await as(t, commission)('POST', '/api/plan/parse', { text: readSeedPolicyText() });
  expect(parsed.statusCode, parsed.body).toBe(200);
  const { text, result } = parsed.json();
  edit(result);
  const saved = await as(t, commission)('POST', `/api/plan/plans/${seeded.planId}/versions`, { sourceText: text, sourceFileName: 'revised.txt', note: '测试', structure: result });
  expect(saved.statusCode, saved.body).toBe(201);
  return saved.json() as { id: string; version: number; status: string };
}

describe('the seeded district plan', () => {
  it('is version 1, active, with the policy’s goals, domains, zones, tasks and safeguards', async () => {
    const d = await detail(leader, '/api/plan/active');
    expect(d.version).toBe(1);
    expect(d.status).toBe('active');
    expect(d.goals.map((g) => [g.year, g.metric, g.value, g.unit])).toEqual([
      [2025, '产业规模', 500, '亿元'],
      [2025, '制造业产值', 300, '亿元'],
      [2030, '产业规模', 1000, '亿元'],
      [2030, '制造业产值', 800, '亿元'],
    ]);
    expect(d.domains.map((x) => x.name)).toEqual(['生物医药', '生物材料', '生物农业及健康食品', '生物能源及低碳环保']);
    expect(d.domains.every((x) => x.domainCode !== null)).toBe(true);
    expect(d.zones.map((z) => [z.name, z.base])).toEqual([
      ['生物创新城', '湾区科创城'],
      ['生物医药港', '高新区'],
      ['生物材料湾', '碳谷绿湾'],
      ['生物农业园', '国家现代农业产业园'],
      ['生物能源谷', '上海石化、上海化工区'],
    ]);
    // Every zone is placed on the map from the reference data.
    expect(d.zones.every((z) => z.lon !== null && z.lat !== null && z.zoneCode !== null)).toBe(true);
    expect(d.tasks.filter((x) => x.kind === 'task')).toHaveLength(10);
    expect(d.tasks.filter((x) => x.kind === 'safeguard')).toHaveLength(4);
    expect(d.tasks.filter((x) => x.kind === 'task').every((x) => x.measures.length === 3)).toBe(true);
    // A safeguard has no lead sentences: its whole content is its one measure.
    expect(d.tasks.filter((x) => x.kind === 'safeguard').every((x) => x.measures.length === 1)).toBe(true);
    expect(d.counts).toMatchObject({ goals: 4, domains: 4, zones: 5, tasks: 10, safeguards: 4, measures: 34 });
    expect(d.sourceText).toBe(readSeedPolicyText());
  });

  it('links every responsible unit to a department, nested parentheses included, and keeps the raw name', async () => {
    const d = await detail(leader, '/api/plan/active');
    const units = d.tasks.flatMap((x) => x.units);
    expect(units.filter((u) => u.department === null)).toEqual([]);
    const finance = units.find((u) => u.name === '区财政局(金融办)');
    expect(finance?.department?.code).toBe('caizheng');
    expect(d.tasks.find((x) => x.key === 'safeguard-03')?.units[0]).toMatchObject({ name: '区财政局(金融办)', role: 'lead' });
  });

  it('gives goals the SPEC §4 formulas', async () => {
    const d = await detail(leader, '/api/plan/active');
    const scale = d.goals.find((g) => g.key === 'goal-2025-产业规模')!;
    const manufacturing = d.goals.find((g) => g.key === 'goal-2030-制造业产值')!;
    expect(scale.formula).toEqual({ indicator: 'revenue', filter: { scope: 'plan-domains' } });
    expect(manufacturing.formula).toEqual({ indicator: 'output', filter: { isManufacturing: true } });
  });

  it('is not seeded twice', async () => {
    await seedPlanForTest(t);
    const list = planListSchema.parse((await as(t, leader)('GET', '/api/plan/plans')).json());
    expect(list.items.filter((p) => p.code === 'jinshan-biomanufacturing-2023')).toHaveLength(1);
  });
});

describe('a department sees its own tasks first', () => {
  it('区科委: the task it leads, then those it co-operates on, then the rest, each marked', async () => {
    const d = await detail(kewei, '/api/plan/active');
    // From the text: 区科委 leads (二); co-operates on (一)(三)-(九) and safeguard (二); not named in (十), safeguards (一)(三)(四).
    expect(d.tasks.map((x) => `${x.key}:${x.myRole ?? '-'}`)).toEqual([
      'task-02:lead',
      ...['01', '03', '04', '05', '06', '07', '08', '09'].map((n) => `task-${n}:co`),
      'safeguard-02:co',
      'task-10:-',
      'safeguard-01:-',
      'safeguard-03:-',
      'safeguard-04:-',
    ]);
  });

  it('other roles get the plan order without marks', async () => {
    const d = await detail(leader, '/api/plan/active');
    expect(d.tasks.slice(0, 3).map((x) => x.key)).toEqual(['task-01', 'task-02', 'task-03']);
    expect(d.tasks.every((x) => x.myRole === null)).toBe(true);
  });
});

describe('versions', () => {
  let v2: { id: string; version: number };

  it('saves a reviewed structure as a new draft version whose stable keys equal version 1’s', async () => {
    v2 = await saveSeedTextAsVersion();
    expect(v2.version).toBe(2);
    const one = await detail(leader, `/api/plan/versions/${seeded.versionId}`);
    const two = await detail(leader, `/api/plan/versions/${v2.id}`);
    expect(two.status).toBe('draft');
    expect(keysOf(two)).toEqual(keysOf(one));
    // Row ids are per version; keys are what survive.
    expect(two.goals[0]!.id).not.toBe(one.goals[0]!.id);
    expect(two.sourceSha256).toBe(one.sourceSha256);
    const compare = planCompareSchema.parse((await as(t, leader)('GET', `/api/plan/compare?from=${seeded.versionId}&to=${v2.id}`)).json());
    expect(compare.diff.total).toBe(0);
  });

  it('activates a version: exactly one active per plan, the previous one archived, the change audited', async () => {
    const r = await as(t, commission)('POST', `/api/plan/versions/${v2.id}/activate`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('active');
    const list = planListSchema.parse((await as(t, leader)('GET', '/api/plan/plans')).json());
    const plan = list.items.find((p) => p.id === seeded.planId)!;
    expect(plan.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'archived'],
      [2, 'active'],
    ]);
    expect(plan.activeVersionId).toBe(v2.id);
    const [audit] = await t.deps.database.db.select().from(auditLog).where(sql`${auditLog.action} = 'plan.version.activate' AND ${auditLog.objectId} = ${v2.id}`);
    expect(audit?.actorUsername).toBe('p_commission');
    expect((audit?.before as { activeVersion: { version: number } }).activeVersion.version).toBe(1);
    expect((audit?.after as { activeVersion: { version: number } }).activeVersion.version).toBe(2);
    // Activating the active version again changes nothing.
    expect((await as(t, commission)('POST', `/api/plan/versions/${v2.id}/activate`)).statusCode).toBe(200);
  });

  it('the database refuses a second active version and any change to a saved version’s text', async () => {
    const db = t.deps.database.db;
    await expect(db.execute(sql`UPDATE plan_versions SET status = 'active' WHERE id = ${seeded.versionId}`)).rejects.toThrow();
    await expect(db.execute(sql`UPDATE plan_versions SET source_text = 'x' WHERE id = ${v2.id}`)).rejects.toThrow();
  });

  it('compares two versions: a changed goal value and a removed measure are reported field by field', async () => {
    const v3 = await saveSeedTextAsVersion((s) => {
      const goal = s.goals.find((g) => g.year === 2025 && g.metric === '产业规模')!;
      goal.value = 550;
      const tasks = s.tasks as { measures: unknown[] }[];
      tasks[0]!.measures.pop();
    });
    const r = await as(t, leader)('GET', `/api/plan/compare?from=${v2.id}&to=${v3.id}`);
    expect(r.statusCode, r.body).toBe(200);
    const { diff } = planCompareSchema.parse(r.json());
    expect(diff.goals.changed).toEqual([{ key: 'goal-2025-产业规模', label: '2025 产业规模', changes: [{ field: 'value', before: 500, after: 550 }] }]);
    expect(diff.tasks.changed.map((c) => [c.key, c.measures.removed.map((m) => m.key)])).toEqual([['task-01', ['task-01-m3']]]);
    expect(diff.total).toBe(2);
  });

  it('edits a goal’s formula (audited) and carries it over to the next version', async () => {
    const active = await detail(leader, '/api/plan/active');
    const goal = active.goals.find((g) => g.key === 'goal-2025-产业规模')!;
    const formula = { indicator: 'revenue', filter: { scope: 'plan-domains', isAboveScale: true } };
    const r = await as(t, commission)('PUT', `/api/plan/goals/${goal.id}/formula`, { formula });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().formula).toEqual(formula);
    const [audit] = await t.deps.database.db.select().from(auditLog).where(sql`${auditLog.action} = 'plan.goal.formula' AND ${auditLog.objectId} = ${goal.id}`);
    expect((audit?.before as { formula: unknown }).formula).toEqual({ indicator: 'revenue', filter: { scope: 'plan-domains' } });
    expect((audit?.after as { formula: unknown }).formula).toEqual(formula);
    const next = await saveSeedTextAsVersion();
    const saved = await detail(leader, `/api/plan/versions/${next.id}`);
    expect(saved.goals.find((g) => g.key === 'goal-2025-产业规模')!.formula).toEqual(formula);
    // A bad formula is refused.
    const bad = await as(t, commission)('PUT', `/api/plan/goals/${goal.id}/formula`, { formula: { indicator: 'nonsense', filter: {} } });
    expect(bad.statusCode).toBe(400);
  });

  it('creates a new plan from a pasted text (version 1, draft)', async () => {
    const r = await as(t, commission)('POST', '/api/plan/plans', miniVersionPayload('新规划'));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ version: 1, status: 'draft', title: '新规划' });
    const [audit] = await t.deps.database.db.select().from(auditLog).where(sql`${auditLog.action} = 'plan.create'`);
    expect(audit?.after).toMatchObject({ title: '新规划' });
  });

  it('refuses a structure whose ranges lie outside the source text, and unknown versions', async () => {
    const payload = miniVersionPayload();
    payload.structure.goals[0]!.source = { start: 0, end: 10_000 };
    const r = await as(t, commission)('POST', `/api/plan/plans/${seeded.planId}/versions`, payload);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('body.structure.goals.0.source');
    // The spans added for the review page (a restated goal, baselines) are checked the same way.
    const mini = miniVersionPayload();
    const spans = { ...mini, structure: { ...mini.structure, baselines: [{ metric: '产业规模', year: 2023, value: 1, unit: '亿元', source: { start: 0, end: 10_000 } }] } };
    const baseline = await as(t, commission)('POST', `/api/plan/plans/${seeded.planId}/versions`, spans);
    expect(baseline.statusCode).toBe(400);
    expect(baseline.json().error.details[0].path).toBe('body.structure.baselines.0.source');
    const missing = await as(t, leader)('GET', '/api/plan/versions/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
  });

  it('parses a pasted text without saving anything; the result follows the contract', async () => {
    const before = planListSchema.parse((await as(t, leader)('GET', '/api/plan/plans')).json());
    const r = await as(t, commission)('POST', '/api/plan/parse', { text: '\ufeff一、发展目标\r\n到2025年,产业规模突破500亿元。' });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.text).toBe('一、发展目标\n到2025年,产业规模突破500亿元。');
    expect(parsedPolicySchema.parse(body.result).goals).toHaveLength(1);
    const after = planListSchema.parse((await as(t, leader)('GET', '/api/plan/plans')).json());
    expect(after.items.flatMap((p) => p.versions)).toHaveLength(before.items.flatMap((p) => p.versions).length);
  });
});
