import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTotpCode, totpStepAt } from '../../domain/security/totp.ts';
import { sql } from 'drizzle-orm';
import { as, createTestApp, createUser, login, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await createUser(t, 'sec1', 'secadmin');
  await createUser(t, 'sec2', 'secadmin');
  await createUser(t, 'lead1', 'leader');
  await createUser(t, 'sec5', 'secadmin');
  await createUser(t, 'sec6', 'secadmin');
  await createUser(t, 'sec7', 'secadmin');
});
afterAll(async () => t?.close());

async function enrol(username: string) {
  const s = await login(t, username);
  expect(s.stage).toBe('mfa-enrol');
  const start = await as(t, s)('POST', '/api/auth/mfa/enrolment');
  expect(start.statusCode).toBe(200);
  const { secret, otpauthUri, qrSvg } = start.json();
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
  expect(qrSvg).toMatch(/^<svg/);
  const code = generateTotpCode({ secret, now: t.clock.now() });
  const confirm = await as(t, s)('POST', '/api/auth/mfa/enrolment/confirm', { code });
  expect(confirm.statusCode, confirm.body).toBe(200);
  return { s, secret, recoveryCodes: confirm.json().recoveryCodes as string[], session: confirm.json().session };
}

describe('TOTP second factor', () => {
  it('is required for administrator roles: the session cannot reach anything until enrolled', async () => {
    const s = await login(t, 'sec1');
    expect(s.stage).toBe('mfa-enrol');
    const blocked = await as(t, s)('GET', '/api/security/settings');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('STEP_REQUIRED');
  });

  it('enrols with a QR code, returns 10 recovery codes, and the session becomes active', async () => {
    const { s, recoveryCodes, session } = await enrol('sec1');
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(session.stage).toBe('active');
    expect((await as(t, s)('GET', '/api/security/settings')).statusCode).toBe(200);
  });

  it('asks for the code at the next sign-in; rejects a wrong code and a replayed one', async () => {
    const { secret } = await enrol('sec2');
    t.clock.advance(60_000);
    const s = await login(t, 'sec2');
    expect(s.stage).toBe('mfa');
    expect((await as(t, s)('GET', '/api/security/settings')).statusCode).toBe(403);
    const wrong = await as(t, s)('POST', '/api/auth/mfa/verify', { code: '000000' === generateTotpCode({ secret, now: t.clock.now() }) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_MFA_CODE');
    const code = generateTotpCode({ secret, now: t.clock.now() });
    const ok = await as(t, s)('POST', '/api/auth/mfa/verify', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stage).toBe('active');
    // Same code again in a new sign-in within its 30 s step: refused (replay).
    const again = await login(t, 'sec2');
    const replay = await as(t, again)('POST', '/api/auth/mfa/verify', { code });
    expect(replay.statusCode).toBe(401);
    expect(totpStepAt(t.clock.now())).toBeGreaterThan(0);
  });

  it('accepts each recovery code once', async () => {
    await createUser(t, 'sec3', 'secadmin');
    const { recoveryCodes } = await enrol('sec3');
    const s = await login(t, 'sec3');
    const first = await as(t, s)('POST', '/api/auth/mfa/verify', { code: recoveryCodes[0] });
    expect(first.statusCode).toBe(200);
    const s2 = await login(t, 'sec3');
    expect((await as(t, s2)('POST', '/api/auth/mfa/verify', { code: recoveryCodes[0] })).statusCode).toBe(401);
    expect((await as(t, s2)('POST', '/api/auth/mfa/verify', { code: recoveryCodes[1]!.toUpperCase() })).statusCode).toBe(200);
  });

  it('is optional for business roles unless the security administrator requires it', async () => {
    expect((await login(t, 'lead1')).stage).toBe('active');
    const settings = await t.deps.settings.get();
    await t.deps.database.db.transaction((tx) => t.deps.settings.save(tx as never, { ...settings, mfaRequiredRoles: [...settings.mfaRequiredRoles, 'leader'] }, null));
    expect((await login(t, 'lead1')).stage).toBe('mfa-enrol');
    await t.deps.database.db.transaction((tx) => t.deps.settings.save(tx as never, settings, null));
    expect((await login(t, 'lead1')).stage).toBe('active');
  });
});

describe('the stored second-factor seed', () => {
  const storedSeed = async (username: string) =>
    ((await t.db.database.db.execute(sql`SELECT id, mfa_secret FROM users WHERE username = ${username}`)) as unknown as { rows: { id: string; mfa_secret: string }[] }).rows[0]!;

  it('is sealed: the users table never holds the seed the authenticator app received', async () => {
    const { secret } = await enrol('sec5');
    const row = await storedSeed('sec5');
    // Sealed under the installation's suite (gm: SM4-CBC + HMAC-SM3) with the id of the key (ADR 0014).
    expect(row.mfa_secret).toMatch(/^gm1:[0-9a-f]{8}:/);
    expect(row.mfa_secret).not.toContain(secret);
    // Copied onto another user's row, it does not open: that user's codes are refused.
    const other = await enrol('sec6');
    await t.db.database.db.execute(sql`UPDATE users SET mfa_secret = ${row.mfa_secret} WHERE username = 'sec6'`);
    t.clock.advance(60_000);
    const s = await login(t, 'sec6');
    for (const seed of [secret, other.secret]) {
      const res = await as(t, s)('POST', '/api/auth/mfa/verify', { code: generateTotpCode({ secret: seed, now: t.clock.now() }) });
      expect(res.statusCode).toBe(401);
    }
  });

  it('stored in the clear before sealing existed still works once, and is sealed at that use', async () => {
    const { secret } = await enrol('sec7');
    await t.db.database.db.execute(sql`UPDATE users SET mfa_secret = ${secret} WHERE username = 'sec7'`);
    t.clock.advance(60_000);
    const s = await login(t, 'sec7');
    const ok = await as(t, s)('POST', '/api/auth/mfa/verify', { code: generateTotpCode({ secret, now: t.clock.now() }) });
    expect(ok.statusCode, ok.body).toBe(200);
    const row = await storedSeed('sec7');
    expect(row.mfa_secret).toMatch(/^gm1:[0-9a-f]{8}:/);
    t.clock.advance(60_000);
    const again = await login(t, 'sec7');
    expect((await as(t, again)('POST', '/api/auth/mfa/verify', { code: generateTotpCode({ secret, now: t.clock.now() }) })).statusCode).toBe(200);
  });
});
