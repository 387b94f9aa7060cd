import { describe, expect, it } from 'vitest';
import { checkPassword, countCharacterClasses } from './password-rules.ts';

const policy = { minLength: 12, minClasses: 3, historyCount: 5, maxAgeDays: 90 };

describe('password rules', () => {
  it('counts character classes', () => {
    expect(countCharacterClasses('')).toBe(0);
    expect(countCharacterClasses('abc')).toBe(1);
    expect(countCharacterClasses('abcDEF')).toBe(2);
    expect(countCharacterClasses('abcDEF123')).toBe(3);
    expect(countCharacterClasses('abcDEF123!')).toBe(4);
    expect(countCharacterClasses('密码abc1')).toBe(3);
  });

  it('checks length and classes against the policy', () => {
    expect(checkPassword('Short1!', policy)).toEqual([
      { rule: 'length', ok: false },
      { rule: 'classes', ok: true },
    ]);
    expect(checkPassword('longpasswordonly', policy).map((c) => c.ok)).toEqual([true, false]);
    expect(checkPassword('Long-enough-Pass1', policy).every((c) => c.ok)).toBe(true);
  });
});
