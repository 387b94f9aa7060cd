import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLES } from '../../../contracts/roles.ts';
import { as, createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';
import { activeSession } from '../../../test/fixtures.ts';
import { ADMINISTRATION_PERMISSIONS, PERMISSIONS, permissionsOfRole, type Permission } from './permissions.ts';
import { declaredRoutes } from './route.ts';
import { registeredRoutes } from './build-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
describe('permission registry', () => {
  it('every /api route was declared through defineRoute with an access level', () => {
    const declared = new Set((declaredRoutes.get(t.app) ?? []).map((r) => `${r.method} ${r.url}`));
    const apiRoutes = (registeredRoutes.get(t.app) ?? []).filter((r) => r.url.startsWith('/api/'));
    expect(apiRoutes.length).toBeGreaterThan(10);
    const withoutAccess = apiRoutes.filter((r) => r.access === null || !declared.has(`${r.method} ${r.url}`) && r.url !== '/api/docs');
    expect(withoutAccess).toEqual([]);
    for (const route of declaredRoutes.get(t.app) ?? []) {
      expect(['public', 'session', 'authenticated', ...Object.keys(PERMISSIONS)]).toContain(route.access);
    }
  });

  it('only sign-in and health endpoints are public', () => {
    const publicRoutes = (declaredRoutes.get(t.app) ?? []).filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes).toEqual(['POST /api/auth/login']);
  });

  it('matches the snapshot of who may reach what (a widened access shows up as a diff)', () => {
    const lines = (declaredRoutes.get(t.app) ?? [])
      .map((r) => {
        const roles = r.access in PERMISSIONS ? ` [${(PERMISSIONS[r.access as Permission] as readonly string[]).join(', ')}]` : '';
        return `${r.method.padEnd(6)} ${r.url} → ${r.access}${roles}`;
      })
      .sort();
    expect(lines.join('\n')).toMatchSnapshot();
  });
});

describe('三员分立 (separation of the three administrators)', () => {
  it('administrator roles hold no business permission, and business roles no administration permission', () => {
    for (const role of ADMIN_ROLES) {
      for (const permission of permissionsOfRole(role)) expect(ADMINISTRATION_PERMISSIONS, `${role} holds ${permission}`).toContain(permission);
    }
    for (const role of BUSINESS_ROLES) {
      for (const permission of permissionsOfRole(role)) expect(ADMINISTRATION_PERMISSIONS, `${role} holds ${permission}`).not.toContain(permission);
    }
  });

  it('each administration permission belongs to exactly one administrator role, and no two roles share one', () => {
    const owners = new Map<string, string[]>();
    for (const role of ROLES) for (const p of permissionsOfRole(role)) if (ADMINISTRATION_PERMISSIONS.includes(p)) owners.set(p, [...(owners.get(p) ?? []), role]);
    for (const [permission, roles] of owners) expect(roles, permission).toHaveLength(1);
    const sys = new Set(permissionsOfRole('sysadmin'));
    const sec = new Set(permissionsOfRole('secadmin'));
    const aud = new Set(permissionsOfRole('auditor'));
    expect([...sys].filter((p) => sec.has(p) || aud.has(p))).toEqual([]);
    expect([...sec].filter((p) => aud.has(p))).toEqual([]);
  });

  it('an account holds one role: the database refuses a second', async () => {
    // The role is a single column; there is no way to store two. A CHECK constraint also refuses unknown roles.
    await expect(t.deps.database.query(`INSERT INTO users (username, display_name, role, password_hash) VALUES ('x1', 'x', 'sysadmin,auditor', 'h')`)).rejects.toThrow();
  });
});

describe('三员分立 on accounts: no single administrator takes over another administrator role', () => {
  let u: TestApp;
  let sys: Session & { userId: string };
  let sys2: Session & { userId: string };
  let sec: Session & { userId: string };
  let sec2: Session & { userId: string };
  let aud: Session & { userId: string };
  beforeAll(async () => {
    u = await createTestApp();
    sys = await activeSession(u, 'tri_sys', 'sysadmin');
    sys2 = await activeSession(u, 'tri_sys2', 'sysadmin');
    sec = await activeSession(u, 'tri_sec', 'secadmin');
    sec2 = await activeSession(u, 'tri_sec2', 'secadmin');
    aud = await activeSession(u, 'tri_aud', 'auditor');
  });
  afterAll(async () => u?.close());

  it('the system administrator resetting the auditor’s password only files a request, and sees no password', async () => {
    const r = await as(u, sys)('POST', `/api/admin/users/${aud.userId}/reset-password`);
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ status: 'pending-approval' });
    expect(r.body).not.toContain('temporaryPassword');
    // nothing changed yet: the auditor still signs in with the old password and the session lives on
    expect((await as(u, aud)('GET', '/api/audit/events')).statusCode).toBe(200);
    const mfa = await as(u, sys)('POST', `/api/admin/users/${aud.userId}/reset-mfa`);
    expect(mfa.statusCode).toBe(202);
  });

  it('the security administrator approves: the reset happens and the temporary password goes to the approver', async () => {
    const list = await as(u, sec)('GET', '/api/security/credential-resets');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; kind: string; user: { id: string }; requestedBy: string }[];
    const password = items.find((i) => i.user.id === aud.userId && i.kind === 'password')!;
    expect(password.requestedBy).toBe('tri_sys');
    const approved = await as(u, sec)('POST', `/api/security/credential-resets/${password.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const temporary = approved.json().temporaryPassword as string;
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    expect((await as(u, aud)('GET', '/api/audit/events')).statusCode).toBe(401);
    expect((await login(u, 'tri_aud', temporary)).stage).toBe('password-change');
    // a decided request cannot be approved twice; the second factor request is rejected
    expect((await as(u, sec)('POST', `/api/security/credential-resets/${password.id}/approve`)).statusCode).toBe(404);
    const mfa = items.find((i) => i.user.id === aud.userId && i.kind === 'mfa')!;
    expect((await as(u, sec)('POST', `/api/security/credential-resets/${mfa.id}/reject`)).statusCode).toBe(204);
    const events = await u.deps.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq`, [aud.userId]);
    expect(events.map((e) => e.action)).toEqual(['user.credential-reset-request', 'user.credential-reset-request', 'user.reset-password', 'user.credential-reset-reject']);
  });

  it('an account of one administrator role is never reset, disabled or re-roled by the same role', async () => {
    for (const action of ['reset-password', 'reset-mfa', 'disable']) {
      const r = await as(u, sys)('POST', `/api/admin/users/${sys2.userId}/${action}`);
      expect(r.statusCode, action).toBe(403);
      expect(r.json().error.code, action).toBe('SAME_ADMIN_ROLE');
    }
    const rerole = await as(u, sec)('PUT', `/api/security/users/${sec2.userId}/role`, { role: 'leader', scopeId: null });
    expect(rerole.statusCode).toBe(403);
    expect(rerole.json().error.code).toBe('SAME_ADMIN_ROLE');
    // a reset of a security administrator's credentials can be requested, but no security administrator may approve it
    const requested = await as(u, sys)('POST', `/api/admin/users/${sec2.userId}/reset-password`);
    expect(requested.statusCode).toBe(202);
    const approve = await as(u, sec)('POST', `/api/security/credential-resets/${requested.json().requestId}/approve`);
    expect(approve.statusCode).toBe(403);
    expect(approve.json().error.code).toBe('SAME_ADMIN_ROLE');
  });

  it('the last account of each administrator role cannot be disabled or given another role', async () => {
    const lastAuditor = await as(u, sys)('POST', `/api/admin/users/${aud.userId}/disable`);
    expect(lastAuditor.statusCode).toBe(409);
    expect(lastAuditor.json().error.code).toBe('LAST_ADMIN_OF_ROLE');
    expect((await as(u, sec)('PUT', `/api/security/users/${aud.userId}/role`, { role: 'leader', scopeId: null })).statusCode).toBe(409);
    // two system administrators: one may be re-roled by the security administrator, not the last one
    expect((await as(u, sec)('PUT', `/api/security/users/${sys2.userId}/role`, { role: 'leader', scopeId: null })).statusCode).toBe(200);
    const lastSys = await as(u, sec)('PUT', `/api/security/users/${sys.userId}/role`, { role: 'leader', scopeId: null });
    expect(lastSys.statusCode).toBe(409);
    expect(lastSys.json().error.code).toBe('LAST_ADMIN_OF_ROLE');
    // two security administrators: the system administrator may disable one, not the last
    expect((await as(u, sys)('POST', `/api/admin/users/${sec2.userId}/disable`)).statusCode).toBe(200);
    expect((await as(u, sys)('POST', `/api/admin/users/${sec.userId}/disable`)).statusCode).toBe(409);
  });

  it('accounts outside the administrator roles are still reset at once', async () => {
    const leader = await activeSession(u, 'tri_leader', 'leader');
    const r = await as(u, sys)('POST', `/api/admin/users/${leader.userId}/reset-password`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'reset', temporaryPassword: expect.any(String) });
  });
});
