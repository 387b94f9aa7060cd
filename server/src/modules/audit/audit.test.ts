import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { verifyAuditLog } from './audit.verify.ts';

let t: TestApp;
let sys: Session;
let auditor: Session;
beforeAll(async () => {
  t = await createTestApp();
  sys = await activeSession(t, 'sys_a', 'sysadmin');
  auditor = await activeSession(t, 'aud_a', 'auditor');
});
afterAll(async () => t?.close());

async function events(query: string) {
  const r = await as(t, auditor)('GET', `/api/audit/events?${query}`);
  expect(r.statusCode).toBe(200);
  return r.json().items as Array<Record<string, unknown>>;
}

describe('audit log', () => {
  it('records a write with who, where, before and after, with secrets masked', async () => {
    const created = await as(t, sys)('POST', '/api/admin/users', { username: 'newbie', displayName: '新人' });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id;
    await as(t, sys)('POST', `/api/admin/users/${id}/disable`);
    const [disable] = await events(`action=user.disable&objectId=${id}`);
    expect(disable).toMatchObject({ actorUsername: 'sys_a', actorRole: 'sysadmin', objectType: 'user', objectId: id, outcome: 'success' });
    expect(disable!.before).toMatchObject({ status: 'active' });
    expect(disable!.after).toMatchObject({ status: 'disabled' });
    const reset = await as(t, sys)('POST', `/api/admin/users/${id}/reset-password`);
    const temporary = reset.json().temporaryPassword as string;
    const all = JSON.stringify(await events('pageSize=200'));
    expect(all).not.toContain(temporary);
    expect(all).not.toMatch(/\$argon2/);
  });

  it('records sign-in failures, lockouts and denied access', async () => {
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'Secret-123x' } });
    const failures = await events('action=auth.login&outcome=failure&username=nobody');
    expect(failures.length).toBe(5);
    expect(JSON.stringify(failures)).not.toContain('Secret-123x');
    expect((await events('action=auth.lockout&username=nobody')).length).toBe(1);
    await as(t, sys)('GET', '/api/audit/events');
    const denied = await events('action=access.denied&username=sys_a');
    expect(denied[0]).toMatchObject({ outcome: 'denied' });
  });

  it('filters by user, action, object and time, and paginates', async () => {
    const from = new Date(t.clock.now().getTime() - 1000).toISOString();
    const r = await as(t, auditor)('GET', `/api/audit/events?from=${encodeURIComponent(from)}&pageSize=2&page=1`);
    expect(r.json().items.length).toBeLessThanOrEqual(2);
    expect(r.json().total).toBeGreaterThan(2);
    const none = await as(t, auditor)('GET', `/api/audit/events?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`);
    expect(none.json().total).toBe(0);
  });

  it('exports the filtered log as xlsx, and the export is itself audited', async () => {
    const r = await as(t, auditor)('GET', '/api/audit/export?action=user.');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain("filename*=UTF-8''%E5%AE%A1%E8%AE%A1");
    expect((await events('action=audit.export')).length).toBeGreaterThanOrEqual(1);
  });

  it('the chain verifies, from the API and directly', async () => {
    const r = await as(t, auditor)('GET', '/api/audit/verify');
    expect(r.json()).toMatchObject({ ok: true, firstBroken: null });
    // The verification is itself audited, one record after the ones it checked.
    expect((await verifyAuditLog(t.deps.database.db)).checked).toBe(r.json().checked + 1);
  });

  it('audits concurrent writers without forking the chain', async () => {
    const sessions = await Promise.all(Array.from({ length: 5 }, (_, i) => activeSession(t, `sys_c${i}`, 'sysadmin')));
    await Promise.all(sessions.map((s, i) => as(t, s)('POST', '/api/admin/users', { username: `conc${i}`, displayName: 'c' })));
    expect((await verifyAuditLog(t.deps.database.db)).ok).toBe(true);
  });
});
