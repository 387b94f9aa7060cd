import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './build-app.ts';
import { loadConfig } from '../config/config.ts';
import { as, createTestApp, type TestApp } from '../../../test/test-app.ts';
import { activeSession } from '../../../test/fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(async () => t?.close());

describe('security headers', () => {
  it('sends a CSP without inline scripts, nosniff, frame-ancestors none and a referrer policy', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('same-origin');
    // DENY, in agreement with frame-ancestors 'none' (SAMEORIGIN would contradict it).
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS under https', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HTTPS: 'true' });
    const { app } = await buildApp({ config, database: t.deps.database, serveWeb: false, logger: false });
    const r = await app.inject({ method: 'GET', url: '/healthz' });
    expect(String(r.headers['strict-transport-security'])).toContain('max-age=31536000');
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
    expect(login.statusCode).toBe(401);
    await app.close();
  });

  it('answers errors with the shared envelope and no internals', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toMatchObject({ code: 'NOT_FOUND' });
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at |node_modules|SyntaxError/);
  });
});

describe('caching', () => {
  it('marks every API answer no-store: the session with its CSRF token, lists, downloads, errors', async () => {
    const session = await activeSession(t, 'cache_commission', 'commission');
    const get = as(t, session);
    for (const url of ['/api/auth/session', '/api/enterprises', '/api/enterprises/export?format=csv', '/api/enterprises/export', '/api/no-such-thing']) {
      const r = await get('GET', url);
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.headers['cache-control'], url).toBe('no-store');
    }
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'Wrong-pass1' } });
    expect(login.headers['cache-control']).toBe('no-store');
    const csrfRefused = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie } });
    expect(csrfRefused.statusCode).toBe(403);
    expect(csrfRefused.headers['cache-control']).toBe('no-store');
  });
});

describe('origin and CSRF on the routed URL', () => {
  it('refuses a foreign Origin on a sign-in whose path is percent-encoded', async () => {
    for (const url of ['/api/auth/login', '/%61pi/auth/login', '/%61%70%69/auth/login']) {
      const r = await t.app.inject({ method: 'POST', url, headers: { origin: 'https://evil.example', host: 'localhost' }, payload: { username: 'x', password: 'y' } });
      expect(r.statusCode, url).toBe(403);
      expect(r.json().error.code, url).toBe('CSRF_REJECTED');
    }
  });

  it('asks for the CSRF token on a cookie-authenticated mutation whose path is percent-encoded', async () => {
    const session = await activeSession(t, 'csrf_encoded', 'commission');
    const r = await t.app.inject({ method: 'POST', url: '/%61pi/auth/logout', headers: { cookie: session.cookie } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CSRF_REJECTED');
  });
});

describe('authorize before validate', () => {
  it('a role without the permission gets 403, not the schema in a 400', async () => {
    const session = await activeSession(t, 'schema_expert', 'expert');
    const r = await as(t, session)('POST', '/api/enterprises', { nonsense: true });
    expect(r.statusCode).toBe(403);
    expect(r.body).not.toContain('uscc');
    const q = await as(t, session)('GET', '/api/admin/users?page=abc');
    expect(q.statusCode).toBe(403);
  });
});

describe('rate limits and client addresses', () => {
  it('limits sign-in attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.9', payload: { username: `rl${i}`, password: 'Wrong-pass1' } })).statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[3]).toBe(429);
  });

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '2' });
    const { app } = await buildApp({ config, database: t.deps.database, serveWeb: false, logger: false });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      // A spoofed header per request must not buy a fresh rate-limit bucket.
      statuses.push((await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.1.1.1', headers: { 'x-forwarded-for': `203.0.113.${i}` }, payload: { username: 'spoof', password: 'Wrong-pass1' } })).statusCode);
    }
    expect(statuses[2]).toBe(429);
    await app.close();

    const trusted = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '2', TRUSTED_PROXIES: '10.1.1.1' });
    const proxied = await buildApp({ config: trusted, database: t.deps.database, serveWeb: false, logger: false });
    const viaProxy: number[] = [];
    for (let i = 0; i < 3; i++) {
      viaProxy.push((await proxied.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.1.1.1', headers: { 'x-forwarded-for': `203.0.113.${i}` }, payload: { username: 'proxied', password: 'Wrong-pass1' } })).statusCode);
    }
    expect(viaProxy).toEqual([401, 401, 401]);
    await proxied.app.close();
  });
});

describe('operations', () => {
  it('reports liveness and readiness', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
  });
});
