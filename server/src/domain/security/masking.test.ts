import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSensitiveKey, MASK, maskPhoneNumbers, maskSensitive } from './masking.ts';

const BRIEF_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'secret',
  'totpSecret',
  'token',
  'csrfToken',
  'recoveryCodes',
];
const MORE_KEYS = [
  'PASSWORD',
  'new_password',
  'user-password',
  'dbPassword',
  'clientSecret',
  'sessionToken',
  'access_token',
  'Authorization',
  'cookie',
  'apiKey',
  'privateKey',
  'passwordHistory',
  'recoveryCode',
  'otp',
  'mfaCode',
  'temporaryPassword',
];
const BENIGN_KEYS = ['username', 'name', 'uscc', 'creditCode', 'code', 'action', 'secretary', 'phone', 'id', 'items', 'passwordChangedAt', 'passwordMinLength', 'passwordPolicy', 'tokenExpiresAt'];

describe('isSensitiveKey', () => {
  it('covers the required key names, case-insensitively', () => {
    for (const k of [...BRIEF_KEYS, ...MORE_KEYS, ...BRIEF_KEYS.map((k) => k.toUpperCase())]) expect(isSensitiveKey(k), k).toBe(true);
  });
  it('matches password|secret|token anywhere in the key', () => {
    for (const k of ['ldapBindPassword', 'webhookSecret', 'x_token_value', 'SMTP_PASSWD', 'myPassphrase']) expect(isSensitiveKey(k), k).toBe(true);
  });
  it('leaves ordinary and metadata keys alone', () => {
    for (const k of BENIGN_KEYS) expect(isSensitiveKey(k), k).toBe(false);
  });
});

describe('maskSensitive', () => {
  it('masks sensitive values at any depth, including arrays and whole sub-trees', () => {
    const input = {
      username: 'zhangsan',
      password: 'hunter2!',
      profile: { newPassword: 'N3w-pass', nested: [{ token: 'abc', keep: 1 }] },
      recoveryCodes: ['k7mq-2vxp', 'a1b2-c3d4'],
      totpSecret: { base32: 'GEZDGNBV' },
      Authorization: 'Bearer xyz',
      PassWordHash: '$argon2id$...',
    };
    expect(maskSensitive(input)).toEqual({
      username: 'zhangsan',
      password: MASK,
      profile: { newPassword: MASK, nested: [{ token: MASK, keep: 1 }] },
      recoveryCodes: MASK,
      totpSecret: MASK,
      Authorization: MASK,
      PassWordHash: MASK,
    });
  });

  it('does not modify its input (pure deep copy)', () => {
    const input = { password: 'x', list: [{ secret: 's' }], when: new Date(0) };
    const snapshot = structuredClone(input);
    const out = maskSensitive(input);
    expect(input).toEqual(snapshot);
    expect(out.list).not.toBe(input.list);
    expect(out.when).not.toBe(input.when);
    expect(out.when).toEqual(input.when);
  });

  it('keeps null/undefined secrets visible as "not set" and booleans about passwords', () => {
    expect(maskSensitive({ totpSecret: null, token: undefined })).toEqual({ totpSecret: null, token: undefined });
    expect(maskSensitive({ mustChangePassword: true, passwordExpired: false })).toEqual({ mustChangePassword: true, passwordExpired: false });
    expect(maskSensitive({ password: true })).toEqual({ password: MASK });
  });

  it('keeps password-policy metadata that auditors need', () => {
    const before = { passwordMinLength: 8, passwordMaxAgeDays: 90, passwordChangedAt: '2025-01-01T00:00:00Z', passwordPolicy: { minClasses: 3 } };
    expect(maskSensitive(before)).toEqual(before);
  });

  it('keeps the security settings readable (audit of a settings change)', () => {
    const settings = {
      passwordMinLength: 8,
      passwordMinClasses: 3,
      passwordHistory: 5,
      passwordMaxAgeDays: 90,
      lockoutThreshold: 5,
      lockoutMinutes: 15,
      idleTimeoutMinutes: 30,
      absoluteLifetimeHours: 12,
      mfaRequiredRoles: ['sysadmin', 'secadmin', 'auditor'],
    };
    expect(maskSensitive({ before: settings, after: { ...settings, passwordHistory: 10 } })).toEqual({
      before: settings,
      after: { ...settings, passwordHistory: 10 },
    });
    // ...while a history of hashes is still a secret
    expect(maskSensitive({ passwordHistory: ['$argon2id$v=19$m=19456,t=2,p=1$abc$def'] })).toEqual({ passwordHistory: MASK });
    expect(maskSensitive({ dbPassword: 123456 })).toEqual({ dbPassword: MASK });
  });

  it('masks `code` only when it is an MFA code', () => {
    expect(maskSensitive({ code: '123456' }, { mfa: true })).toEqual({ code: MASK });
    expect(maskSensitive({ mfa: { code: '123456' } })).toEqual({ mfa: { code: MASK } });
    expect(maskSensitive({ totpChallengeId: 'c1', code: 'k7mq-2vxp' })).toEqual({ totpChallengeId: 'c1', code: MASK });
    expect(maskSensitive({ method: 'recovery_code', code: 'k7mq-2vxp' })).toEqual({ method: 'recovery_code', code: MASK });
    expect(maskSensitive({ twoFactor: [{ code: '654321' }] })).toEqual({ twoFactor: [{ code: MASK }] });
    // ordinary codes stay: administrative division, industry classification, USCC
    const business = { district: { code: '310116', name: '金山区' }, industry: { code: 'C2761' }, code: '91310116MA1J8XXX5Q' };
    expect(maskSensitive(business)).toEqual(business);
    // "footprint" contains the letters o-t-p but is not an MFA context
    expect(maskSensitive({ carbonFootprint: { code: 'CF-01' } })).toEqual({ carbonFootprint: { code: 'CF-01' } });
  });

  it('masks mobile numbers partially wherever they appear, and not USCCs or longer numbers', () => {
    expect(maskSensitive({ phone: '13812345678' })).toEqual({ phone: '138****5678' });
    expect(maskSensitive({ contactPhone: 13812345678 })).toEqual({ contactPhone: '138****5678' });
    expect(maskSensitive({ note: '联系人张三，电话13812345678，备用 +86 139-1234-5678。' })).toEqual({
      note: '联系人张三，电话138****5678，备用 +86 139****5678。',
    });
    const uscc = '91310116MA1J8XXX5Q';
    const allDigitUscc = '913101161381234567'; // contains 13812345678 inside a longer run
    expect(maskSensitive({ uscc, creditCode: allDigitUscc, text: `统一社会信用代码：${allDigitUscc}` })).toEqual({
      uscc,
      creditCode: allDigitUscc,
      text: `统一社会信用代码：${allDigitUscc}`,
    });
    expect(maskSensitive({ account: '6222021381234567890', ts: 1712345678901, amount: 13812345678 })).toEqual({
      account: '6222021381234567890',
      ts: 1712345678901,
      amount: 13812345678,
    });
  });

  it('never throws: cycles, deep nesting, throwing getters, exotic objects', () => {
    const a: Record<string, unknown> = { name: 'a', password: 'p' };
    a.self = a;
    a.list = [a];
    expect(maskSensitive(a)).toEqual({ name: 'a', password: MASK, self: '[Circular]', list: ['[Circular]'] });

    const shared = { v: 1 };
    expect(maskSensitive({ x: shared, y: shared })).toEqual({ x: { v: 1 }, y: { v: 1 } }); // not a cycle

    let deep: Record<string, unknown> = { password: 'p' };
    for (let i = 0; i < 10_000; i++) deep = { child: deep };
    expect(() => maskSensitive(deep)).not.toThrow();
    expect(JSON.stringify(maskSensitive(deep))).not.toContain('"p"');

    // a heavily shared DAG would expand to 2^40 nodes as a tree; the node budget keeps this fast
    let dag: Record<string, unknown> = { token: 't' };
    for (let i = 0; i < 40; i++) dag = { l: dag, r: dag };
    const t0 = Date.now();
    expect(JSON.stringify(maskSensitive(dag))).toContain('[Truncated]');
    expect(Date.now() - t0).toBeLessThan(5_000);

    const evil = {
      get boom(): string {
        throw new Error('nope');
      },
      token: 't',
    };
    expect(maskSensitive(evil)).toEqual({ boom: '[Unreadable]', token: MASK });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(() => maskSensitive({ p: revoked.proxy })).not.toThrow();

    const m = maskSensitive({ m: new Map<string, unknown>([['password', 'x'], ['ok', '13812345678']]), s: new Set(['13812345678']), b: Buffer.from('secret') });
    expect([...(m.m as Map<string, unknown>)]).toEqual([['password', MASK], ['ok', '138****5678']]);
    expect([...(m.s as Set<string>)]).toEqual(['138****5678']);
    expect(m.b).toBe('[binary 6 bytes]');
    const err = maskSensitive({ error: Object.assign(new Error('failed for 13812345678'), { token: 't' }) });
    expect(err).toEqual({ error: { name: 'Error', message: 'failed for 138****5678', token: MASK } });
  });

  it('property: no value under a sensitive key survives anywhere in the output', () => {
    const secretValue = fc.oneof(
      fc.string({ minLength: 1 }).map((s) => `S3CR3T<${s}>`),
      fc.array(fc.string().map((s) => `S3CR3T<${s}>`), { minLength: 1, maxLength: 3 }),
      fc.record({ inner: fc.string().map((s) => `S3CR3T<${s}>`) }),
      fc.integer().map((n) => ({ n: `S3CR3T<${n}>` })),
    );
    const key = fc.constantFrom(...BENIGN_KEYS, 'list', 'data');
    const sensitiveKey = fc.constantFrom(...BRIEF_KEYS, ...MORE_KEYS);
    const tree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(fc.string().filter((s) => !s.includes('S3CR3T')), fc.integer(), fc.boolean(), fc.constant(null)),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
        fc.tuple(sensitiveKey, secretValue, fc.dictionary(key, tie('node'), { maxKeys: 3 })).map(([k, v, rest]) => ({ ...rest, [k]: v })),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (input) => {
        const out = maskSensitive(input);
        expect(JSON.stringify(out) ?? '').not.toContain('S3CR3T');
        // and every sensitive key that was present now holds the mask
        const check = (v: unknown): void => {
          if (Array.isArray(v)) return v.forEach(check);
          if (v && typeof v === 'object') {
            for (const [k, item] of Object.entries(v)) {
              if (isSensitiveKey(k) && item !== null && item !== undefined) expect(item).toBe(MASK);
              else check(item);
            }
          }
        };
        check(out);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a key named __proto__ as a key of the copy, not as its prototype', () => {
    const input = JSON.parse('{"a":{"__proto__":{"isAdmin":true},"b":1},"phone":"13912345678"}') as Record<string, Record<string, unknown>>;
    const masked = maskSensitive(input) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(masked.a)).toBe(Object.prototype);
    expect((masked.a as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(Object.keys(masked.a!)).toEqual(['__proto__', 'b']);
    expect(masked.a).toEqual(input.a);
  });

  it('property: structures without sensitive keys or phone numbers come back equal', () => {
    const safeKey = fc.constantFrom('a', 'b', 'name', 'items', 'uscc', 'count', 'passwordChangedAt');
    const safe = fc.jsonValue().filter((v) => !/\d{11}/.test(JSON.stringify(v)));
    const tree = fc.dictionary(safeKey, safe, { maxKeys: 5 });
    fc.assert(
      fc.property(tree, (input) => {
        expect(maskSensitive(input)).toEqual(input);
      }),
    );
  });
});

describe('maskPhoneNumbers', () => {
  it('masks the middle four digits of mainland mobile numbers', () => {
    expect(maskPhoneNumbers('13812345678')).toBe('138****5678');
    expect(maskPhoneNumbers('+8613812345678')).toBe('+86138****5678');
    expect(maskPhoneNumbers('138 1234 5678')).toBe('138****5678');
    expect(maskPhoneNumbers('a:15900001111,b:18612345678')).toBe('a:159****1111,b:186****5678');
  });
  it('leaves non-mobile numbers alone', () => {
    for (const s of ['12812345678', '1381234567', '138123456789', '021-57921234', 'x13812345678y', '91310116MA1J8XXX5Q']) {
      expect(maskPhoneNumbers(s)).toBe(s);
    }
  });
});
