import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activeSession, createEnterprise, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, createUser, type Session, type TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { departments, planTaskUnits, users } from '../../db/schema/index.ts';
import { seedReferenceData } from '../../seed/seed-reference.ts';
import { referenceData } from '../../seed/reference/index.ts';
import { seedPlanForTest } from '../plan/plan-test-helpers.ts';

let t: TestApp;
let commission: Session;
let leader: Session;
let park: Session;
let kewei: Session;
let enterpriseRole: Session;
let auditor: Session;

const input = (code: string, extra: Record<string, unknown> = {}) => ({ code, nameZh: `上海市金山区测试${code}委员会`, shortNameZh: `区测${code}`, contactName: '张三', contactPhone: '021-57921234', sortOrder: 500, ...extra });

beforeAll(async () => {
  t = await createTestApp();
  commission = await activeSession(t, 'dep_commission', 'commission');
  leader = await activeSession(t, 'dep_leader', 'leader');
  park = await activeSession(t, 'dep_park', 'park', await zoneId(t, 'medicine-port'));
  kewei = await activeSession(t, 'dep_kewei', 'department', await departmentId(t, 'kewei'));
  enterpriseRole = await activeSession(t, 'dep_enterprise', 'enterprise', (await createEnterprise(t, '部门测试生物科技有限公司', 'medicine-port')).id);
  auditor = await activeSession(t, 'dep_auditor', 'auditor');
});
afterAll(async () => t?.close());

describe('department registry', () => {
  it('lists the seeded departments in policy order, searches and pages', async () => {
    const all = (await as(t, commission)('GET', '/api/departments?pageSize=200')).json();
    const seeded = referenceData.departments.map((d) => d.code);
    expect(all.items.map((d: { code: string }) => d.code).filter((c: string) => seeded.includes(c))).toEqual(seeded);
    expect(all.total).toBe(all.items.length);
    const found = (await as(t, leader)('GET', `/api/departments?q=${encodeURIComponent('科委')}`)).json();
    expect(found.items.map((d: { code: string }) => d.code)).toContain('kewei');
    expect(found.items.every((d: { nameZh: string; shortNameZh: string }) => `${d.nameZh}${d.shortNameZh}`.includes('科'))).toBe(true);
    const page2 = (await as(t, commission)('GET', '/api/departments?pageSize=2&page=2&sort=code&order=desc')).json();
    const byCode = [...seeded].sort().reverse();
    expect(page2.items.map((d: { code: string }) => d.code)).toEqual(byCode.slice(2, 4));
  });

  it('scopes reading: a department its own record only, enterprises none', async () => {
    const own = (await as(t, kewei)('GET', '/api/departments')).json();
    expect(own.items.map((d: { code: string }) => d.code)).toEqual(['kewei']);
    const touzi = await departmentId(t, 'touzi');
    expect((await as(t, kewei)('GET', `/api/departments/${touzi}`)).statusCode).toBe(404);
    expect((await as(t, kewei)('GET', `/api/departments/${touzi}/history`)).statusCode).toBe(404);
    expect((await as(t, kewei)('GET', `/api/departments/${await departmentId(t, 'kewei')}`)).statusCode).toBe(200);
    expect((await as(t, park)('GET', `/api/departments/${touzi}`)).statusCode).toBe(200);
    expect((await as(t, enterpriseRole)('GET', '/api/departments')).statusCode).toBe(403);
    expect((await as(t, kewei)('PUT', `/api/departments/${touzi}`, { ...input('touzi'), version: 1 })).statusCode).toBe(403);
  });

  it('creates, updates with a version check (409 when stale), keeps history and audits each write', async () => {
    const created = await as(t, commission)('POST', '/api/departments', input('ceshi'));
    expect(created.statusCode, created.body).toBe(201);
    const dep = created.json();
    expect(dep).toMatchObject({ code: 'ceshi', shortNameZh: '区测ceshi', contactName: '张*', contactPhone: '*******1234', nameEn: null, version: 1, references: { planTasks: 0, projects: 0, users: 0 } });
    expect((await as(t, commission)('POST', '/api/departments', input('ceshi'))).json().error.code).toBe('DEPARTMENT_CODE_TAKEN');

    const saved = await as(t, commission)('PUT', `/api/departments/${dep.id}`, { ...input('ceshi'), contactName: '李四', version: 1 });
    expect(saved.statusCode, saved.body).toBe(200);
    // Answers show the contact masked (issue 19); history and audit keep the masked form of the change.
    expect(saved.json()).toMatchObject({ contactName: '李*', version: 2 });
    const stale = await as(t, commission)('PUT', `/api/departments/${dep.id}`, { ...input('ceshi'), contactName: '王五', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect((await as(t, commission)('GET', `/api/departments/${dep.id}`)).json().contactName).toBe('李*');

    const history = (await as(t, commission)('GET', `/api/departments/${dep.id}/history`)).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['department.create', 'department.update']);
    expect(history[1].changes).toEqual([{ field: 'contactName', before: '张*', after: '李*' }]);

    const audit = (await as(t, auditor)('GET', `/api/audit/events?objectId=${dep.id}`)).json().items;
    const update = audit.find((e: { action: string }) => e.action === 'department.update');
    expect(update).toMatchObject({ actorUsername: 'dep_commission', objectType: 'department', before: { contactName: '张*' }, after: { contactName: '李*' } });
    expect(JSON.stringify(audit)).not.toMatch(/张三|李四|57921234/);
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['department.create', 'department.update']);
  });

  it('refuses deleting a department that live projects or accounts use, naming how many; then deletes and restores', async () => {
    const dep = (await as(t, commission)('POST', '/api/departments', input('yinyong'))).json();
    const project = async (name: string) => (await as(t, commission)('POST', '/api/projects', { name, investorName: '引用测试投资方', zone: 'medicine-port', responsibleDepartment: 'yinyong' })).json().id as string;
    const p1 = await project('引用测试项目一');
    const p2 = await project('引用测试项目二');
    await as(t, commission)('DELETE', `/api/projects/${p2}`);
    const active = await createUser(t, 'dep_ref_active', 'department', { scope: 'yinyong' });
    const disabled = await createUser(t, 'dep_ref_disabled', 'department', { scope: 'yinyong' });
    await t.deps.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, disabled.id));

    const refused = await as(t, commission)('DELETE', `/api/departments/${dep.id}`);
    expect(refused.statusCode).toBe(409);
    const error = refused.json().error;
    expect(error.code).toBe('DEPARTMENT_IN_USE');
    // One live project (the other is deleted) and one active account (the other is disabled).
    expect(error.message).toContain('项目 1 个');
    expect(error.message).toContain('用户账户 1 个');
    expect(error.messageEn).toContain('1 project(s)');
    expect(error.messageEn).toContain('1 user account(s)');
    expect((await as(t, commission)('GET', `/api/departments/${dep.id}`)).json().references).toEqual({ planTasks: 0, projects: 1, users: 1 });

    await as(t, commission)('DELETE', `/api/projects/${p1}`);
    await t.deps.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, active.id));
    const deleted = await as(t, commission)('DELETE', `/api/departments/${dep.id}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((await as(t, commission)('GET', `/api/departments/${dep.id}`)).statusCode).toBe(404);
    expect((await as(t, commission)('GET', '/api/reference/departments')).json().items.map((d: { code: string }) => d.code)).not.toContain('yinyong');
    // A deleted department can no longer be chosen for a project.
    expect((await as(t, commission)('POST', '/api/projects', { name: '引用测试项目三', investorName: '引用测试投资方', responsibleDepartment: 'yinyong' })).statusCode).toBe(400);

    const restored = await as(t, commission)('POST', `/api/departments/${dep.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().code).toBe('yinyong');
    const actions = (await as(t, auditor)('GET', `/api/audit/events?objectId=${dep.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(['department.create', 'department.delete', 'department.restore']);
  });

  it('keeps registry edits when the reference data is seeded again, and refreshes untouched rows', async () => {
    const db = t.deps.database.db;
    const nongye = await departmentId(t, 'nongye');
    const before = (await as(t, commission)('GET', `/api/departments/${nongye}`)).json();
    expect((await as(t, commission)('PUT', `/api/departments/${nongye}`, { ...input('nongye'), nameZh: '金山区农业农村委员会（改）', version: before.version })).statusCode).toBe(200);
    const fagai = await departmentId(t, 'fagai');
    await db.update(departments).set({ nameZh: '被直接改写的名称' }).where(eq(departments.id, fagai));
    await db.transaction(async (tx) => {
      await seedReferenceData(tx as unknown as Db);
    });
    expect((await as(t, commission)('GET', `/api/departments/${nongye}`)).json().nameZh).toBe('金山区农业农村委员会（改）');
    const seeded = referenceData.departments.find((d) => d.code === 'fagai')!;
    expect((await as(t, commission)('GET', `/api/departments/${fagai}`)).json().nameZh).toBe(seeded.nameZh);
  });

  it('counts the active plan tasks that name a department', async () => {
    const { versionId } = await seedPlanForTest(t);
    const keweiId = await departmentId(t, 'kewei');
    const units = await t.deps.database.db.select().from(planTaskUnits).where(eq(planTaskUnits.versionId, versionId));
    const expected = new Set(units.filter((u) => u.departmentId === keweiId).map((u) => u.taskId)).size;
    expect(expected).toBeGreaterThan(0);
    // The department account scoped to 区科委 also counts (one active user).
    const refused = (await as(t, commission)('DELETE', `/api/departments/${keweiId}`)).json().error;
    expect(refused.message).toContain(`现行规划中的任务 ${expected} 项`);
    expect(refused.message).toContain('用户账户 1 个');
  });
});
