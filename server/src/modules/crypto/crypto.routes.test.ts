import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let sec: Session;
let sys: Session;
beforeAll(async () => {
  t = await createTestApp();
  sec = await activeSession(t, 'sec_c', 'secadmin');
  sys = await activeSession(t, 'sys_c', 'sysadmin');
});
afterAll(async () => t?.close());

describe('the suite on the security administrator’s page', () => {
  it('a new installation runs gm: SM3, HMAC-SM3, SM4; keys by id only, never their bytes', async () => {
    const res = await as(t, sec)('GET', '/api/security/crypto');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ suite: 'gm', migratedAt: null, algorithms: { hash: 'SM3', mac: 'HMAC-SM3', cipher: 'SM4-CBC + HMAC-SM3' } });
    expect(body.keys.map((k: { purpose: string }) => k.purpose)).toEqual(['seeds', 'audit', 'fields']);
    for (const key of body.keys) expect(key).toMatchObject({ keyId: expect.stringMatching(/^[0-9a-f]{8}$/), count: 1 });
  });

  it('is the security administrator’s alone', async () => {
    expect((await as(t, sys)('GET', '/api/security/crypto')).statusCode).toBe(403);
  });
});
