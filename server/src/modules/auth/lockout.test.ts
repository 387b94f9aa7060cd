import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTotpCode } from '../../domain/security/totp.ts';
import { as, createTestApp, createUser, login, TEST_PASSWORD, type Session, type TestApp } from '../../../../test/test-app.ts';

/**
 * Lockout counts every way of guessing a credential: second-factor codes (counted apart from passwords, so a
 * correct password does not wipe them) and the current password on the change-password form.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function enrolled(username: string): Promise<string> {
  await createUser(t, username, 'secadmin');
  const s = await login(t, username);
  const { secret } = (await as(t, s)('POST', '/api/auth/mfa/enrolment')).json();
  const confirm = await as(t, s)('POST', '/api/auth/mfa/enrolment/confirm', { code: generateTotpCode({ secret, now: t.clock.now() }) });
  expect(confirm.statusCode, confirm.body).toBe(200);
  t.clock.advance(31_000);
  return secret as string;
}

function wrongCode(secret: string): string {
  return generateTotpCode({ secret, now: t.clock.now() }) === '000000' ? '111111' : '000000';
}

describe('second-factor lockout', () => {
  it('password + wrong codes, repeated, locks the account: a password sign-in does not clear code failures', async () => {
    const secret = await enrolled('mfa_guess');
    const statuses: number[] = [];
    let locked = false;
    for (let round = 0; round < 3 && !locked; round++) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mfa_guess', password: TEST_PASSWORD } });
      if (response.statusCode === 423) {
        locked = true;
        break;
      }
      expect(response.statusCode).toBe(200);
      const s: Session = { cookie: String(response.headers['set-cookie']).split(';')[0]!, csrf: response.json().csrfToken, stage: response.json().stage, body: {} };
      for (let i = 0; i < 4; i++) {
        const r = await as(t, s)('POST', '/api/auth/mfa/verify', { code: wrongCode(secret) });
        statuses.push(r.statusCode);
        if (r.statusCode === 423) break;
      }
    }
    // threshold 5: the fifth wrong code locks (round 2), and the next password sign-in is refused
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(423);
    const after = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mfa_guess', password: TEST_PASSWORD } });
    expect(after.statusCode).toBe(423);
  });

  it('a successful second factor clears the code failures', async () => {
    const secret = await enrolled('mfa_clear');
    for (let round = 0; round < 3; round++) {
      const s = await login(t, 'mfa_clear');
      for (let i = 0; i < 3; i++) expect((await as(t, s)('POST', '/api/auth/mfa/verify', { code: wrongCode(secret) })).statusCode).toBe(401);
      const ok = await as(t, s)('POST', '/api/auth/mfa/verify', { code: generateTotpCode({ secret, now: t.clock.now() }) });
      expect(ok.statusCode, ok.body).toBe(200);
      t.clock.advance(31_000);
    }
  });
});

describe('change-password lockout', () => {
  it('guessing the current password counts with sign-in failures, locks the account and ends its sessions', async () => {
    await createUser(t, 'pw_guess', 'leader');
    const s = await login(t, 'pw_guess');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await as(t, s)('POST', '/api/auth/password', { currentPassword: `Wrong-guess${i}!`, newPassword: 'Qz7!river-lamp' })).statusCode);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(423);
    // the session ended with the lockout, and the right password no longer signs in until the lock passes
    expect(statuses[5]).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'pw_guess', password: TEST_PASSWORD } });
    expect(again.statusCode).toBe(423);
  });
});
