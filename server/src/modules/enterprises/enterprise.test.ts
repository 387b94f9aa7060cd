import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, testUscc, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { auditLog, enterprises, projects, recordHistory } from '../../db/schema/index.ts';

let t: TestApp;
let commission: Session;
let park: Session;
let leader: Session;

beforeAll(async () => {
  t = await createTestApp();
  commission = await activeSession(t, 'ent_commission', 'commission');
  leader = await activeSession(t, 'ent_leader', 'leader');
  park = await activeSession(t, 'ent_park', 'park', await zoneId(t, 'medicine-port'));
});
afterAll(async () => t?.close());

const body = (uscc: string, name: string, extra: Record<string, unknown> = {}) => ({ uscc, name, zone: 'medicine-port', stage: 'incubating', ...extra });

describe('enterprise writes', () => {
  it('400 → 403 → 201: validation with the expected check character, role check, then creation with history', async () => {
    const valid = testUscc();
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const bad = await as(t, commission)('POST', '/api/enterprises', body(wrong, '校验位测试有限公司'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toContain(`应为“${valid[17]}”`);
    expect((await as(t, leader)('POST', '/api/enterprises', body(valid, '领导不能建有限公司'))).statusCode).toBe(403);
    const created = await as(t, commission)('POST', '/api/enterprises', body(valid, '一企一档测试生物有限公司', { tags: ['specialized'], chainNodes: ['bm-antibody', 'bm-cro-cdmo'], contacts: [{ name: '李四', phone: '13812345678' }] }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ version: 1, chainNodes: [{ code: 'bm-antibody', isPrimary: true }, { code: 'bm-cro-cdmo', isPrimary: false }] });
    const history = await as(t, commission)('GET', `/api/enterprises/${created.json().id}/history`);
    expect(history.json().items[0]).toMatchObject({ action: 'enterprise.create', source: 'api', actor: 'ent_commission' });
  });

  it('contacts are stored sealed (no clear name, mobile number or e-mail in the row) and read back whole', async () => {
    const contact = { name: '周密评', title: '安全主管', phone: '13955501234', email: 'zhoump@example.cn' };
    const created = await as(t, commission)('POST', '/api/enterprises', body(testUscc(), '字段加密测试有限公司', { contacts: [contact] }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const stored = async () => {
      const [row] = await t.deps.database.db.select().from(enterprises).where(eq(enterprises.id, id));
      return JSON.stringify(row);
    };
    for (const clear of ['周密评', '13955501234', '5501234', 'zhoump']) expect(await stored()).not.toContain(clear);
    expect(await stored()).toContain('安全主管'); // a job title is not personal information
    // Answers show them masked; the clear values through the audited reveal.
    expect(created.json().contacts).toEqual([{ name: '周**', title: '安全主管', phone: '139****1234', email: 'z***@example.cn' }]);
    // An update seals again, bound to the same row; the answer and a later read give the clear values back.
    const updated = await as(t, commission)('PUT', `/api/enterprises/${id}`, { ...body(created.json().uscc, '字段加密测试有限公司', { contacts: [{ ...contact, phone: '13955509876' }] }), version: 1 });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(await stored()).not.toContain('13955509876');
    expect((await as(t, commission)('POST', `/api/enterprises/${id}/contacts/reveal`)).json().contacts).toEqual([{ ...contact, phone: '13955509876' }]);
    // Exact-match search on the number or e-mail compares blind indexes: any spelling finds it, the old number not.
    const search = async (q: string) => (await as(t, commission)('GET', `/api/enterprises?q=${encodeURIComponent(q)}`)).json().items.map((i: { id: string }) => i.id);
    expect(await search('+86 139-5550-9876')).toEqual([id]);
    expect(await search('ZhouMP@Example.cn')).toEqual([id]);
    expect(await search('13955501234')).toEqual([]);
    // History and audit keep the change, masked: never the clear name, number or e-mail.
    const history = await t.deps.database.db.select().from(recordHistory).where(eq(recordHistory.objectId, id));
    const audit = await t.deps.database.db.select().from(auditLog).where(eq(auditLog.objectId, id));
    expect(history.length).toBe(2);
    expect(audit.map((a) => a.action)).toEqual(['enterprise.create', 'enterprise.update', 'personal.reveal']);
    const kept = JSON.stringify([history, audit]);
    for (const clear of ['周密评', '13955501234', '13955509876', 'zhoump']) expect(kept).not.toContain(clear);
    expect(history[1]!.changes).toMatchObject({ contacts: [[{ name: '周**', phone: '139****1234', email: 'z***@example.cn' }], [{ phone: '139****9876' }]] });
  });

  it('the same code cannot be registered twice; a park is not told whose it is', async () => {
    const foreign = await createEnterprise(t, '外区重复代码有限公司', 'innovation-city');
    const forCommission = await as(t, commission)('POST', '/api/enterprises', body(foreign.uscc, '重复代码有限公司'));
    expect(forCommission.statusCode).toBe(409);
    expect(forCommission.json().error.message).toContain('外区重复代码有限公司');
    const forPark = await as(t, park)('POST', '/api/enterprises', body(foreign.uscc, '重复代码有限公司'));
    expect(forPark.statusCode).toBe(409);
    expect(forPark.body).not.toContain('外区重复代码有限公司');
  });

  it('a park registers and edits only in its own zone', async () => {
    const outside = await as(t, park)('POST', '/api/enterprises', body(testUscc(), '园区外登记有限公司', { zone: 'innovation-city' }));
    expect(outside.statusCode).toBe(403);
    const foreign = await createEnterprise(t, '外区企业有限公司', 'innovation-city');
    const edit = await as(t, park)('PUT', `/api/enterprises/${foreign.id}`, { ...body(foreign.uscc, '改名'), version: 1 });
    expect(edit.statusCode).toBe(404);
    const own = (await as(t, park)('POST', '/api/enterprises', body(testUscc(), '园区内登记有限公司', { zone: null }))).json();
    expect(own.zone.code).toBe('medicine-port');
    const move = await as(t, park)('PUT', `/api/enterprises/${own.id}`, { ...body(own.uscc, own.name, { zone: 'innovation-city' }), version: own.version });
    expect(move.statusCode).toBe(403);
  });

  it('a concurrent update with a stale version answers 409 and changes nothing', async () => {
    const created = (await as(t, commission)('POST', '/api/enterprises', body(testUscc(), '并发测试有限公司'))).json();
    const first = as(t, commission)('PUT', `/api/enterprises/${created.id}`, { ...body(created.uscc, '并发测试甲有限公司'), version: 1 });
    const second = as(t, park)('PUT', `/api/enterprises/${created.id}`, { ...body(created.uscc, '并发测试乙有限公司'), version: 1 });
    const statuses = (await Promise.all([first, second])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    const [row] = await t.deps.database.db.select().from(enterprises).where(eq(enterprises.id, created.id));
    expect(row!.version).toBe(2);
    const stale = await as(t, commission)('PUT', `/api/enterprises/${created.id}`, { ...body(created.uscc, '又一次'), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
  });

  it('soft delete is undone by restore; the list hides deleted records meanwhile', async () => {
    const created = (await as(t, commission)('POST', '/api/enterprises', body(testUscc(), '软删除测试有限公司'))).json();
    expect((await as(t, park)('DELETE', `/api/enterprises/${created.id}`)).statusCode).toBe(403);
    expect((await as(t, commission)('DELETE', `/api/enterprises/${created.id}`)).statusCode).toBe(200);
    expect((await as(t, commission)('GET', `/api/enterprises?q=软删除测试`)).json().total).toBe(0);
    expect((await as(t, commission)('GET', `/api/enterprises/${created.id}`)).statusCode).toBe(404);
    const restored = await as(t, commission)('POST', `/api/enterprises/${created.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect((await as(t, commission)('GET', `/api/enterprises?q=软删除测试`)).json().total).toBe(1);
    const actions = (await as(t, commission)('GET', `/api/enterprises/${created.id}/history`)).json().items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(['enterprise.create', 'enterprise.delete', 'enterprise.restore']);
  });

  it('flags near-duplicate names within the caller’s scope only', async () => {
    await createEnterprise(t, '上海澜禾生物医药有限公司', 'medicine-port');
    await createEnterprise(t, '澜禾生物医药(金山)有限公司', 'innovation-city');
    const forCommission = (await as(t, commission)('GET', `/api/enterprises/similar?name=${encodeURIComponent('澜禾生物医药有限公司')}`)).json();
    expect(forCommission.items.map((i: { name: string }) => i.name).sort()).toEqual(['上海澜禾生物医药有限公司', '澜禾生物医药(金山)有限公司']);
    const forPark = (await as(t, park)('GET', `/api/enterprises/similar?name=${encodeURIComponent('澜禾生物医药有限公司')}`)).json();
    expect(forPark.items.map((i: { name: string }) => i.name)).toEqual(['上海澜禾生物医药有限公司']);
  });

  it('merges a duplicate: references move, tags and contacts unite, the duplicate is gone for good', async () => {
    const keep = (await as(t, commission)('POST', '/api/enterprises', body(testUscc(), '合并保留有限公司', { tags: ['leader'] }))).json();
    const dup = (await as(t, commission)('POST', '/api/enterprises', body(testUscc(), '合并保留有限公司（重复）', { tags: ['high-tech'], address: '金山区某路1号', contacts: [{ name: '王五' }] }))).json();
    await t.deps.database.db.insert(projects).values({ code: 'MERGE-1', name: '合并测试项目', investorName: '合并保留有限公司', investorEnterpriseId: dup.id });
    const stale = await as(t, commission)('POST', `/api/enterprises/${keep.id}/merge`, { sourceId: dup.id, version: 99 });
    expect(stale.statusCode).toBe(409);
    const merged = await as(t, commission)('POST', `/api/enterprises/${keep.id}/merge`, { sourceId: dup.id, version: keep.version });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ movedReferences: { projects: 1 }, target: { tags: ['leader', 'high-tech'], address: '金山区某路1号' } });
    const [project] = await t.deps.database.db.select().from(projects).where(eq(projects.code, 'MERGE-1'));
    expect(project!.investorEnterpriseId).toBe(keep.id);
    expect((await as(t, commission)('GET', `/api/enterprises/${dup.id}`)).statusCode).toBe(404);
    expect((await as(t, commission)('POST', `/api/enterprises/${dup.id}/restore`)).statusCode).toBe(404);
    const audits = await t.deps.database.db.select().from(auditLog).where(eq(auditLog.action, 'enterprise.merge'));
    expect(audits.at(-1)!.objectId).toBe(keep.id);
  });
});

describe('enterprise lists: filters and sorting stay inside the scope', () => {
  it('filters by stage, tag and chain node; sorts; park sees only its zone', async () => {
    await as(t, commission)('POST', '/api/enterprises', body(testUscc(), '筛选甲有限公司', { stage: 'industrialized', tags: ['chain-leader'], chainNodes: ['bm-vaccine'] }));
    await as(t, commission)('POST', '/api/enterprises', body(testUscc(), '筛选乙有限公司', { stage: 'industrialized', zone: 'innovation-city', chainNodes: ['bm-vaccine'] }));
    const byNode = (await as(t, commission)('GET', '/api/enterprises?node=bm-vaccine&sort=name&order=desc')).json();
    expect(byNode.items.map((i: { name: string }) => i.name)).toEqual(['筛选甲有限公司', '筛选乙有限公司'].sort().reverse());
    expect((await as(t, commission)('GET', '/api/enterprises?tag=chain-leader&stage=industrialized')).json().items.map((i: { name: string }) => i.name)).toEqual(['筛选甲有限公司']);
    expect((await as(t, park)('GET', '/api/enterprises?node=bm-vaccine')).json().items.map((i: { name: string }) => i.name)).toEqual(['筛选甲有限公司']);
  });
});
