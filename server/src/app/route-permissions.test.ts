import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLES } from '../../../contracts/roles.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
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
