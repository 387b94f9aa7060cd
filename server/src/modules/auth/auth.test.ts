import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createUser, login, TEST_PASSWORD, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await createUser(t, 'alice', 'commission');
  await createUser(t, 'bob', 'leader');
  await createUser(t, 'carol', 'leader');
  await createUser(t, 'dave', 'leader');
  await createUser(t, 'fresh', 'leader', { mustChangePassword: true });
});
afterAll(async () => t?.close());

describe('sign-in', () => {
  it('issues an HttpOnly SameSite session cookie and an active session', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i);
    expect(response.json().stage).toBe('active');
    expect(response.json().user.role).toBe('commission');
    expect(JSON.stringify(response.json())).not.toMatch(/argon2|passwordHash/);
  });

  it('rotates the session id at every sign-in', async () => {
    const a = await login(t, 'alice');
    const b = await login(t, 'alice');
    expect(a.cookie).not.toBe(b.cookie);
    expect(a.csrf).not.toBe(b.csrf);
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'nope-Nope-1' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'nope-Nope-1' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: { error: Record<string, unknown> }) => ({ ...b.error, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
  });

  it('rejects a malformed body with 400 and field details', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });
});

describe('lockout', () => {
  it('locks an account after 5 failures for 15 minutes, even for the right password, then lets it in', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: 'Wrong-pass1' } });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: 'Wrong-pass1' } });
    expect(fifth.statusCode).toBe(423);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(423);
    t.clock.advance(14 * 60_000);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: TEST_PASSWORD } })).statusCode).toBe(423);
    t.clock.advance(61_000);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: TEST_PASSWORD } })).statusCode).toBe(200);
  });

  it('locks a non-existent username the same way, so lockout reveals nothing', async () => {
    let last = 0;
    for (let i = 0; i < 5; i++) {
      last = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'Wrong-pass1' } })).statusCode;
    }
    expect(last).toBe(423);
  });

  it('an administrator can lift a lockout', async () => {
    const admin = await createUser(t, 'sys1', 'sysadmin');
    void admin;
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'carol', password: 'Wrong-pass1' } });
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'carol', password: TEST_PASSWORD } })).statusCode).toBe(423);
    const { users } = await import('../../db/schema/index.ts');
    const { eq } = await import('drizzle-orm');
    const [carol] = await t.deps.database.db.select().from(users).where(eq(users.username, 'carol'));
    const { createUserAdminService } = await import('../users/user-admin.service.ts');
    const service = createUserAdminService(t.deps);
    const sysActor = { userId: admin.id, username: 'sys1', displayName: 'sys1', role: 'sysadmin' as const, scope: null, stage: 'active' as const, sessionTokenHash: 'x', csrfToken: 'x' };
    await service.unlock(sysActor, { ip: '127.0.0.1', requestId: 'r', userAgent: null }, carol!.id);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'carol', password: TEST_PASSWORD } })).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('ends a session after 30 idle minutes but keeps an active one alive', async () => {
    const s = await login(t, 'dave');
    const get = as(t, s);
    t.clock.advance(29 * 60_000);
    expect((await get('GET', '/api/auth/session')).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await get('GET', '/api/auth/session')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await get('GET', '/api/auth/session')).statusCode).toBe(401);
  });

  it('ends a session at its absolute lifetime even when active', async () => {
    const s = await login(t, 'dave');
    const get = as(t, s);
    for (let i = 0; i < 25; i++) {
      t.clock.advance(29 * 60_000);
      const status = (await get('GET', '/api/auth/session')).statusCode;
      if (i < 24) expect(status).toBe(200);
      else expect(status).toBe(401);
    }
  });

  it('logout ends the session on the server', async () => {
    const s = await login(t, 'dave');
    expect((await as(t, s)('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await as(t, s)('GET', '/api/auth/session')).statusCode).toBe(401);
  });

  it('"log out my other sessions" ends the others and keeps this one', async () => {
    const a = await login(t, 'dave');
    const b = await login(t, 'dave');
    const r = await as(t, b)('POST', '/api/auth/logout-others');
    expect(r.statusCode).toBe(200);
    expect(r.json().ended).toBeGreaterThanOrEqual(1);
    expect((await as(t, a)('GET', '/api/auth/session')).statusCode).toBe(401);
    expect((await as(t, b)('GET', '/api/auth/session')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('rejects a cookie-authenticated mutation without the token, and with a wrong one', async () => {
    const s = await login(t, 'alice');
    const without = await t.app.inject({ method: 'POST', url: '/api/auth/logout-others', headers: { cookie: s.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF_REJECTED');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout-others', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(403);
    expect((await as(t, s)('POST', '/api/auth/logout-others')).statusCode).toBe(200);
  });

  it('rejects a cross-origin sign-in and a text/plain form post', async () => {
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://evil.example', host: 'localhost:3000' },
      payload: { username: 'alice', password: TEST_PASSWORD },
    });
    expect(cross.statusCode).toBe(403);
    const form = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'username=alice' });
    expect(form.statusCode).toBe(415);
  });
});

describe('forced password change', () => {
  it('keeps a new account out of business endpoints until it changes its password', async () => {
    const s = await login(t, 'fresh');
    expect(s.stage).toBe('password-change');
    const blocked = await as(t, s)('GET', '/api/enterprises');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('STEP_REQUIRED');
    const weak = await as(t, s)('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'password1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    const same = await as(t, s)('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.json().error.details.map((d: { rule: string }) => d.rule)).toContain('history');
    const ok = await as(t, s)('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Bio-Manufact9' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stage).toBe('active');
    expect((await as(t, s)('GET', '/api/enterprises')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fresh', password: 'Bio-Manufact9' } })).json().stage).toBe('active');
  });

  it('forces a change when the password is older than 90 days', async () => {
    await createUser(t, 'old', 'leader');
    t.clock.advance(91 * 24 * 3_600_000);
    const s = await login(t, 'old');
    expect(s.stage).toBe('password-change');
  });
});
