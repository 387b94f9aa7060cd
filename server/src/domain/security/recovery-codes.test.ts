import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  isRecoveryCodeFormat,
  matchRecoveryCode,
  normalizeRecoveryCode,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_BITS,
} from './recovery-codes.ts';

describe('generateRecoveryCodes', () => {
  it('makes 10 distinct xxxx-xxxx codes by default from the unambiguous alphabet', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/);
      expect(c).not.toMatch(/[ilou]/);
      expect(isRecoveryCodeFormat(c)).toBe(true);
    }
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it('has at least 40 bits of entropy per code and uses the whole alphabet uniformly-ish', () => {
    expect(RECOVERY_CODE_ALPHABET).toHaveLength(32);
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(32);
    expect(RECOVERY_CODE_BITS).toBeGreaterThanOrEqual(40);
    const counts = new Map<string, number>();
    const all = Array.from({ length: 200 }, () => generateRecoveryCodes(10)).flat();
    expect(new Set(all).size).toBe(all.length);
    for (const code of all) for (const ch of code.replace('-', '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 16000 characters / 32 symbols = 500 expected each; a biased or constant generator falls far outside.
    for (const n of counts.values()) expect(n).toBeGreaterThan(350);
  });

  it('rejects silly counts', () => {
    expect(() => generateRecoveryCodes(0)).toThrow(RangeError);
    expect(() => generateRecoveryCodes(1.5)).toThrow(RangeError);
    expect(() => generateRecoveryCodes(1000)).toThrow(RangeError);
  });
});

describe('normalizeRecoveryCode / formatRecoveryCode', () => {
  it('ignores case, spaces, dashes and full-width input; folds look-alike letters', () => {
    const n = 'k7mq2vxp';
    for (const typed of ['k7mq-2vxp', 'K7MQ-2VXP', ' k7mq 2vxp ', 'k7mq2vxp', 'ｋ７ｍｑ－２ｖｘｐ', 'k7mq\u20142vxp']) {
      expect(normalizeRecoveryCode(typed)).toBe(n);
    }
    expect(normalizeRecoveryCode('O1IL-oil0')).toBe('01110110');
    expect(formatRecoveryCode('K7MQ2VXP')).toBe('k7mq-2vxp');
  });

  it('is idempotent and preserves generated codes', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normalizeRecoveryCode(normalizeRecoveryCode(s))).toBe(normalizeRecoveryCode(s));
      }),
    );
    for (const c of generateRecoveryCodes(20)) expect(formatRecoveryCode(normalizeRecoveryCode(c))).toBe(c);
  });
});

describe('hashRecoveryCode / matchRecoveryCode', () => {
  it('is SHA-256 hex of the normalised code', () => {
    expect(hashRecoveryCode('K7MQ-2VXP')).toBe(createHash('sha256').update('k7mq2vxp').digest('hex'));
    expect(hashRecoveryCode('k7mq 2vxp')).toBe(hashRecoveryCode('k7mq-2vxp'));
    expect(hashRecoveryCode('k7mq-2vxo')).toBe(hashRecoveryCode('k7mq-2vx0'));
    expect(hashRecoveryCode('k7mq-2vxp')).not.toBe(hashRecoveryCode('k7mq-2vxq'));
    expect(hashRecoveryCode('k7mq-2vxp')).not.toContain('k7mq');
  });

  it('finds the matching stored hash, once per typed code', () => {
    const codes = generateRecoveryCodes(10);
    const stored = codes.map(hashRecoveryCode);
    codes.forEach((c, i) => expect(matchRecoveryCode(c.toUpperCase(), stored)).toBe(i));
    expect(matchRecoveryCode('zzzz-zzzz', stored.filter((_, i) => codes[i] !== 'zzzz-zzzz'))).toBe(-1);
    expect(matchRecoveryCode('', stored)).toBe(-1);
    expect(matchRecoveryCode('123456', stored)).toBe(-1);
    expect(matchRecoveryCode(codes[0]!, [])).toBe(-1);
    // a used (removed) code no longer matches
    expect(matchRecoveryCode(codes[0]!, stored.slice(1))).toBe(-1);
  });

  it('tells recovery codes from TOTP codes', () => {
    expect(isRecoveryCodeFormat('123456')).toBe(false);
    expect(isRecoveryCodeFormat('1234-5678')).toBe(true);
    expect(isRecoveryCodeFormat('k7mq-2vx')).toBe(false);
    expect(isRecoveryCodeFormat('k7mq-2vxu')).toBe(false); // u is not in the alphabet
  });
});
