import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, zoneId } from '../../../../test/fixtures.ts';
import { experts, platforms } from '../../db/schema/index.ts';
import { as, createTestApp, login, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let sys: Session;
let sec: Session & { userId: string };
beforeAll(async () => {
  t = await createTestApp();
  sys = await activeSession(t, 'sys_s', 'sysadmin');
  sec = await activeSession(t, 'sec_s', 'secadmin');
});
afterAll(async () => t?.close());

describe('accounts (sysadmin) and roles (secadmin)', () => {
  it('a new account has no role until the security administrator assigns one, then must change its password', async () => {
    const created = await as(t, sys)('POST', '/api/admin/users', { username: 'park_op', displayName: '园区操作员' });
    expect(created.statusCode).toBe(201);
    const { user, temporaryPassword } = created.json();
    expect(user.role).toBeNull();
    const noScope = await as(t, sec)('PUT', `/api/security/users/${user.id}/role`, { role: 'park' });
    expect(noScope.statusCode).toBe(400);
    const zone = await zoneId(t, 'medicine-port');
    const assigned = await as(t, sec)('PUT', `/api/security/users/${user.id}/role`, { role: 'park', scopeId: zone });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().scope).toMatchObject({ kind: 'zone', id: zone, name: '生物医药港' });
    const s = await login(t, 'park_op', temporaryPassword);
    expect(s.stage).toBe('password-change');
  });

  it('links a platform operator to a platform and an expert account to its record (provider scopes)', async () => {
    const db = t.deps.database.db;
    const [platform] = await db.insert(platforms).values({ code: 'sec-test-platform', name: '安全测试检测平台', kind: 'testing' }).returning();
    const [expert] = await db.insert(experts).values({ code: 'SEC-T-1', name: '安全测试专家', affiliation: '测试大学' }).returning();
    const options = await as(t, sec)('GET', '/api/security/scope-options?kind=platform&q=安全测试');
    expect(options.json().items).toEqual([{ id: platform!.id, name: '安全测试检测平台' }]);
    expect((await as(t, sec)('GET', '/api/security/scope-options?kind=expert&q=安全测试')).json().items).toEqual([{ id: expert!.id, name: '安全测试专家（测试大学）' }]);
    const created = await as(t, sys)('POST', '/api/admin/users', { username: 'platform_op', displayName: '平台运营' });
    const id = created.json().user.id;
    expect((await as(t, sec)('PUT', `/api/security/users/${id}/role`, { role: 'platform' })).statusCode).toBe(400);
    // A scope of the wrong kind (an expert for a platform operator) does not exist as a platform.
    expect((await as(t, sec)('PUT', `/api/security/users/${id}/role`, { role: 'platform', scopeId: expert!.id })).statusCode).toBe(400);
    const assigned = await as(t, sec)('PUT', `/api/security/users/${id}/role`, { role: 'platform', scopeId: platform!.id });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().scope).toEqual({ kind: 'platform', id: platform!.id, name: '安全测试检测平台' });
    const asExpert = await as(t, sec)('PUT', `/api/security/users/${id}/role`, { role: 'expert', scopeId: expert!.id });
    expect(asExpert.json().scope).toEqual({ kind: 'expert', id: expert!.id, name: '安全测试专家' });
  });

  it('refuses a duplicate username, whatever its case', async () => {
    await as(t, sys)('POST', '/api/admin/users', { username: 'dup_user', displayName: 'a' });
    const again = await as(t, sys)('POST', '/api/admin/users', { username: 'DUP_user', displayName: 'b' });
    expect(again.statusCode).toBe(409);
  });

  it('a role change ends the account’s sessions at once', async () => {
    const e = await createEnterprise(t, '角色变更测试企业', 'medicine-port');
    const victim = await activeSession(t, 'ent_user', 'enterprise', e.id);
    expect((await as(t, victim)('GET', '/api/enterprises')).statusCode).toBe(200);
    await as(t, sec)('PUT', `/api/security/users/${victim.userId}/role`, { role: 'leader', scopeId: null });
    expect((await as(t, victim)('GET', '/api/enterprises')).statusCode).toBe(401);
  });

  it('a security administrator cannot change their own role, nor remove the last security administrator', async () => {
    const own = await as(t, sec)('PUT', `/api/security/users/${sec.userId}/role`, { role: 'leader', scopeId: null });
    expect(own.statusCode).toBe(400);
  });

  it('refuses a scope that does not exist', async () => {
    const created = await as(t, sys)('POST', '/api/admin/users', { username: 'bad_scope', displayName: 'x' });
    const r = await as(t, sec)('PUT', `/api/security/users/${created.json().user.id}/role`, { role: 'enterprise', scopeId: '00000000-0000-4000-8000-000000000000' });
    expect(r.statusCode).toBe(400);
  });

  it('validates security settings and applies them (idle timeout)', async () => {
    const current = (await as(t, sec)('GET', '/api/security/settings')).json();
    const bad = await as(t, sec)('PUT', '/api/security/settings', { ...current, passwordMinLength: 4 });
    expect(bad.statusCode).toBe(400);
    const ok = await as(t, sec)('PUT', '/api/security/settings', { ...current, idleTimeoutMinutes: 10 });
    expect(ok.statusCode).toBe(200);
    const s = await activeSession(t, 'idle_user', 'leader');
    t.clock.advance(11 * 60_000);
    expect((await as(t, s)('GET', '/api/auth/session')).statusCode).toBe(401);
    await as(t, await activeSession(t, 'sec_s2', 'secadmin'))('PUT', '/api/security/settings', current);
  });

  it('a disabled account cannot sign in and its sessions end', async () => {
    const created = await as(t, sys)('POST', '/api/admin/users', { username: 'leaver', displayName: 'x' });
    const id = created.json().user.id;
    await as(t, sys)('POST', `/api/admin/users/${id}/disable`);
    const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leaver', password: created.json().temporaryPassword } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('ACCOUNT_DISABLED');
  });
});
