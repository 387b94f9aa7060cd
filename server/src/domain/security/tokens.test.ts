import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCsrfToken, generateSessionToken, hashToken, timingSafeEqualString } from './tokens.ts';

describe('generateSessionToken / generateCsrfToken', () => {
  it('produces 32 random bytes as base64url (43 chars, no padding)', () => {
    for (const gen of [generateSessionToken, generateCsrfToken]) {
      const t = gen();
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
  });

  it('does not repeat and is not trivially biased', () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => generateSessionToken()));
    expect(tokens.size).toBe(2000);
    // Over 2000 * 32 bytes every byte value should appear; a constant or counter-based generator fails this.
    const seen = new Set<number>();
    for (const t of tokens) for (const byte of Buffer.from(t, 'base64url')) seen.add(byte);
    expect(seen.size).toBe(256);
    expect(generateCsrfToken()).not.toBe(generateCsrfToken());
  });
});

describe('hashToken', () => {
  it('is SHA-256 hex of the UTF-8 token', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashToken('令牌')).toBe(createHash('sha256').update(Buffer.from('令牌', 'utf8')).digest('hex'));
  });

  it('differs from the token and is stable', () => {
    const t = generateSessionToken();
    expect(hashToken(t)).toBe(hashToken(t));
    expect(hashToken(t)).not.toContain(t);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('timingSafeEqualString', () => {
  it('agrees with === for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(timingSafeEqualString(a, b)).toBe(a === b);
        expect(timingSafeEqualString(a, a)).toBe(true);
      }),
    );
  });

  it('handles different lengths, prefixes and non-strings without throwing', () => {
    expect(timingSafeEqualString('abc', 'abcd')).toBe(false);
    expect(timingSafeEqualString('', '')).toBe(true);
    expect(timingSafeEqualString('a', '')).toBe(false);
    expect(timingSafeEqualString(undefined as unknown as string, 'x')).toBe(false);
    expect(timingSafeEqualString(null as unknown as string, null as unknown as string)).toBe(false);
  });
});
