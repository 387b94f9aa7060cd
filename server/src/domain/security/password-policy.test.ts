import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword } from './password-hash.ts';
import {
  characterClasses,
  checkPasswordPolicy,
  commonPasswordCount,
  DEFAULT_PASSWORD_POLICY,
  isCommonPassword,
  isPasswordExpired,
  isPasswordReused,
  MAX_PASSWORD_LENGTH,
  type PasswordPolicy,
  type PasswordRule,
  passwordExpiresAt,
} from './password-policy.ts';

const rules = (password: string, username = 'zhangsan', policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY, isInHistory = false) =>
  checkPasswordPolicy({ password, username, policy, isInHistory }).violations.map((v) => v.rule);

const LENIENT: PasswordPolicy = { minLength: 1, minClasses: 0, historyCount: 0, maxAgeDays: 0, forbidUsername: false };

describe('DEFAULT_PASSWORD_POLICY', () => {
  it('is the MLPS level-3 reading', () => {
    expect(DEFAULT_PASSWORD_POLICY).toEqual({ minLength: 8, minClasses: 3, historyCount: 5, maxAgeDays: 90, forbidUsername: true });
    expect(Object.isFrozen(DEFAULT_PASSWORD_POLICY)).toBe(true);
    expect(MAX_PASSWORD_LENGTH).toBe(128);
  });
});

describe('checkPasswordPolicy', () => {
  it('accepts a good password', () => {
    expect(checkPasswordPolicy({ password: 'Qz7!river-lamp', username: 'zhangsan', policy: DEFAULT_PASSWORD_POLICY })).toEqual({
      ok: true,
      violations: [],
    });
  });

  it('length: counts code points after NFKC, boundary at minLength', () => {
    expect(rules('Qz7!rive')).toEqual([]); // exactly 8
    expect(rules('Qz7!riv')).toEqual(['length']); // 7
    expect(rules('Qz7!rivé')).toEqual([]); // é counts as one
    expect(rules('Qz7!河流湖泊')).toEqual([]); // 8 characters, CJK count as one each (class "other")
    expect(rules('Qz7!🌊🌊🌊', 'x', { ...LENIENT, minLength: 8 })).toEqual(['length']); // 7 code points, 10 UTF-16 units
    expect(rules('Ab3!efgh', 'x', { ...DEFAULT_PASSWORD_POLICY, minLength: 12 })).toEqual(['length']);
  });

  it('too-long: more than 128 characters is refused whatever the policy', () => {
    const ok128 = `Qz7!${'x'.repeat(124)}`;
    expect(rules(ok128)).toEqual([]);
    expect(rules(`${ok128}y`)).toEqual(['too-long']);
    expect(rules('a'.repeat(10_000), 'x', LENIENT)).toEqual(['too-long']);
  });

  it('classes: lower, upper, digit, symbol/other; needs minClasses of them', () => {
    expect(rules('riverlamptree')).toEqual(['classes']); // 1 class
    expect(rules('riverlamp7tree')).toEqual(['classes']); // 2
    expect(rules('riverLamp7tree')).toEqual([]); // 3
    expect(rules('river-lamp7tree')).toEqual([]); // lower, symbol, digit
    expect(rules('RIVER-LAMP-TREE')).toEqual(['classes']); // upper + symbol
    expect(rules('river lamp 7 tree')).toEqual([]); // a space is a symbol
    const all4: PasswordPolicy = { ...DEFAULT_PASSWORD_POLICY, minClasses: 4 };
    expect(rules('riverLamp7tree', 'x', all4)).toEqual(['classes']);
    expect(rules('riverLamp7tree!', 'x', all4)).toEqual([]);
    expect(rules('riverlamptree', 'x', { ...DEFAULT_PASSWORD_POLICY, minClasses: 0 })).toEqual([]);
    expect(rules('riverlamptree', 'x', { ...DEFAULT_PASSWORD_POLICY, minClasses: 1 })).toEqual([]);
    expect(characterClasses('aZ9!')).toEqual({ lower: true, upper: true, digit: true, symbol: true });
    expect(characterClasses('金山')).toEqual({ lower: false, upper: false, digit: false, symbol: true });
  });

  it('username: case-insensitive, forwards and reversed, only when forbidUsername', () => {
    expect(rules('Hxliang#2099', 'hxliang')).toEqual(['username']);
    expect(rules('x9!HXLIANG-q', 'HxLiang')).toEqual(['username']);
    expect(rules('Gnailxh#2099', 'hxliang')).toEqual(['username']); // reversed
    expect(rules('Hxliang#2099', 'hxliang', { ...DEFAULT_PASSWORD_POLICY, forbidUsername: false })).toEqual([]);
    expect(rules('Hx-liang#2099', 'hxliang')).toEqual([]);
    expect(rules('Zhangsan#2099', 'zhangsan')).toEqual(['username', 'common']); // 张三 is also on the list
    // very short usernames only match the whole password
    expect(rules('Lime-Tree#42', 'li')).toEqual([]);
    expect(rules('xq', 'xq', LENIENT)).toEqual([]);
    expect(rules('xq', 'xq', { ...LENIENT, forbidUsername: true })).toEqual(['username']);
    expect(rules('qx', 'xq', { ...LENIENT, forbidUsername: true })).toEqual(['username']);
    expect(rules('xqz', 'xq', { ...LENIENT, forbidUsername: true })).toEqual([]);
  });

  it('common: on the bundled list, also with case changes, a short suffix and substitutions', () => {
    for (const p of [
      '123456',
      'password',
      'qwerty',
      '1qaz2wsx',
      '1qaz@WSX',
      'P@ssw0rd',
      'woaini1314',
      'woaini1314A!',
      'Woaini1314ab#',
      'iloveyou1314Z',
      'zhang123',
      'Aa123456',
      'Password1!',
      'PASSWORD2024',
      'Qwerty123!',
      'p@55w0rd',
      'Summer2024!',
      'Zhangwei88',
      'Jinshan@2025',
      'qwertyuiop',
      'zaq12wsx',
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    for (const p of ['Qz7!river-lamp', 'Tr0ub4dor&3x', 'correct horse battery staple', 'Xk9#mPq2vL', 'password-manager-generated-Xk9', 'abcXyzW9!k', 'woaini1314abc!']) {
      expect(isCommonPassword(p), p).toBe(false);
    }
    // P@ssw0rd passes every composition rule but is still refused
    expect(rules('P@ssw0rd')).toEqual(['common']);
    expect(rules('Password1!')).toEqual(['common']);
    // the common check cannot be switched off by the policy
    expect(rules('password', 'x', LENIENT)).toEqual(['common']);
  });

  it('whitespace-only', () => {
    expect(rules('          ')).toEqual(['whitespace-only', 'classes']);
    expect(rules('\t \u3000 ', 'x', LENIENT)).toEqual(['whitespace-only']);
    expect(rules('', 'x', LENIENT)).toEqual(['whitespace-only', 'length']);
  });

  it('history: reported when the caller found the password in the history and history is on', () => {
    expect(rules('Qz7!river-lamp', 'zhangsan', DEFAULT_PASSWORD_POLICY, true)).toEqual(['history']);
    expect(rules('Qz7!river-lamp', 'zhangsan', { ...DEFAULT_PASSWORD_POLICY, historyCount: 0 }, true)).toEqual([]);
  });

  it('reports every violated rule at once, with Chinese and English messages naming the limits', () => {
    const r = checkPasswordPolicy({ password: 'zhangsan', username: 'zhangsan', policy: { ...DEFAULT_PASSWORD_POLICY, minLength: 10 }, isInHistory: true });
    expect(r.ok).toBe(false);
    expect(r.violations.map((v) => v.rule)).toEqual(['length', 'classes', 'username', 'common', 'history']);
    const byRule = Object.fromEntries(r.violations.map((v) => [v.rule, v]));
    expect(byRule.length!.messageZh).toContain('10');
    expect(byRule.length!.messageEn).toContain('10');
    expect(byRule.classes!.messageZh).toContain('3');
    expect(byRule.history!.messageZh).toContain('5');
    for (const v of r.violations) {
      expect(v.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(v.messageEn).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('uses the default policy when none is given', () => {
    expect(checkPasswordPolicy({ password: 'short', username: 'x' }).violations.map((v) => v.rule)).toContain('length');
  });

  it('property: ok ⇔ no violations; every violation names a known rule once', () => {
    const known: PasswordRule[] = ['length', 'classes', 'username', 'common', 'history', 'whitespace-only', 'too-long'];
    const policyArb = fc.record({
      minLength: fc.integer({ min: 1, max: 64 }),
      minClasses: fc.integer({ min: 0, max: 4 }),
      historyCount: fc.integer({ min: 0, max: 24 }),
      maxAgeDays: fc.integer({ min: 0, max: 365 }),
      forbidUsername: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), fc.string({ maxLength: 12 }), policyArb, fc.boolean(), (password, username, policy, hist) => {
        const r = checkPasswordPolicy({ password, username, policy, isInHistory: hist });
        expect(r.ok).toBe(r.violations.length === 0);
        const seen = r.violations.map((v) => v.rule);
        expect(new Set(seen).size).toBe(seen.length);
        for (const rule of seen) expect(known).toContain(rule);
        const len = [...password.normalize('NFKC')].length;
        expect(seen.includes('length')).toBe(len < policy.minLength);
        expect(seen.includes('too-long')).toBe(len > MAX_PASSWORD_LENGTH);
        expect(seen.includes('history')).toBe(hist && policy.historyCount > 0);
      }),
    );
  });
});

describe('common-passwords.txt', () => {
  const file = fileURLToPath(new URL('./common-passwords.txt', import.meta.url));
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));

  it('has well over 1 000 distinct lower-case entries, loaded once', () => {
    expect(entries.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(entries).size).toBe(entries.length);
    for (const e of entries) expect(e).toBe(e.trim().toLowerCase());
    expect(commonPasswordCount()).toBe(entries.length);
  });

  it('contains the international and Chinese favourites and keyboard walks', () => {
    for (const p of ['123456', 'password', 'qwerty', '1qaz2wsx', 'p@ssw0rd', 'woaini1314', 'zhang123456', 'aa123456', '5201314', 'qazwsx', 'zxcvbnm', 'asdfghjkl', '147258369']) {
      expect(entries, p).toContain(p);
    }
  });

  it('every entry is detected by isCommonPassword, in any case', () => {
    for (const e of entries) {
      expect(isCommonPassword(e), e).toBe(true);
      expect(isCommonPassword(e.toUpperCase()), e).toBe(true);
    }
  });
});

describe('isPasswordReused', () => {
  it('finds a previous password among Argon2 hashes, and nothing else', async () => {
    const history = await Promise.all(['Old-Pass-1', 'Old-Pass-2', 'Old-Pass-3'].map(hashPassword));
    expect(await isPasswordReused('Old-Pass-2', history)).toBe(true);
    expect(await isPasswordReused('Old-Pass-3', history)).toBe(true);
    expect(await isPasswordReused('old-pass-2', history)).toBe(false);
    expect(await isPasswordReused('New-Pass-9', history)).toBe(false);
    expect(await isPasswordReused('Old-Pass-1', [])).toBe(false);
    expect(await isPasswordReused('Old-Pass-1', ['garbage', ...history])).toBe(true);
  });
});

describe('passwordExpiresAt / isPasswordExpired', () => {
  const changed = new Date('2025-01-01T00:00:00Z');

  it('expires exactly maxAgeDays after the change', () => {
    expect(passwordExpiresAt(changed, DEFAULT_PASSWORD_POLICY)).toEqual(new Date('2025-04-01T00:00:00Z')); // 90 days
    expect(isPasswordExpired(changed, new Date('2025-03-31T23:59:59.999Z'), DEFAULT_PASSWORD_POLICY)).toBe(false);
    expect(isPasswordExpired(changed, new Date('2025-04-01T00:00:00Z'), DEFAULT_PASSWORD_POLICY)).toBe(true);
    expect(isPasswordExpired(changed, new Date('2026-01-01T00:00:00Z'), DEFAULT_PASSWORD_POLICY)).toBe(true);
    expect(isPasswordExpired(changed, changed, DEFAULT_PASSWORD_POLICY)).toBe(false);
    const p30 = { ...DEFAULT_PASSWORD_POLICY, maxAgeDays: 30 };
    expect(passwordExpiresAt('2025-01-01T00:00:00Z', p30)).toEqual(new Date('2025-01-31T00:00:00Z'));
  });

  it('never expires when maxAgeDays is 0 (the ASVS / NIST setting)', () => {
    const never = { ...DEFAULT_PASSWORD_POLICY, maxAgeDays: 0 };
    expect(passwordExpiresAt(changed, never)).toBeNull();
    expect(isPasswordExpired(changed, new Date('2125-01-01T00:00:00Z'), never)).toBe(false);
  });

  it('fails closed on an invalid change date', () => {
    expect(isPasswordExpired('not a date', new Date(), DEFAULT_PASSWORD_POLICY)).toBe(true);
    expect(isPasswordExpired(new Date(NaN), new Date(), DEFAULT_PASSWORD_POLICY)).toBe(true);
  });

  it('property: expired ⇔ now − changedAt ≥ maxAgeDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: -1e10, max: 1e11 }), fc.integer({ min: 1, max: 365 }), (t, delta, days) => {
        const policy = { ...DEFAULT_PASSWORD_POLICY, maxAgeDays: days };
        expect(isPasswordExpired(new Date(t), new Date(t + delta), policy)).toBe(delta >= days * 86_400_000);
      }),
    );
  });
});
