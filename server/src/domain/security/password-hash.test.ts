import { hash as argonHash } from '@node-rs/argon2';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  ARGON2_PARAMS,
  dummyVerify,
  getDummyHash,
  hashPassword,
  MAX_HASH_INPUT_LENGTH,
  needsRehash,
  verifyPassword,
} from './password-hash.ts';

describe('hashPassword / verifyPassword', () => {
  it('produces an Argon2id PHC string with the OWASP parameters', async () => {
    const h = await hashPassword('Correct-Horse-7');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(ARGON2_PARAMS).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
  });

  it('salts: the same password hashes differently each time, and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('same-Password-1'), hashPassword('same-Password-1')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'same-Password-1')).toBe(true);
    expect(await verifyPassword(b, 'same-Password-1')).toBe(true);
  });

  it('rejects a wrong password, including near misses', async () => {
    const h = await hashPassword('Tr0ub4dor&3');
    for (const wrong of ['Tr0ub4dor&4', 'tr0ub4dor&3', 'Tr0ub4dor&3 ', '', 'Tr0ub4dor']) {
      expect(await verifyPassword(h, wrong)).toBe(false);
    }
    expect(await verifyPassword(h, 'Tr0ub4dor&3')).toBe(true);
  });

  it('normalises to NFKC, so full-width and decomposed input verify', async () => {
    const h = await hashPassword('Pass\uFF11\uFF12\uFF13\uFF21\u00E9'); // full-width 123A, precomposed é
    expect(await verifyPassword(h, 'Pass123Ae\u0301')).toBe(true); // ASCII 123A, e + combining acute
    expect(await verifyPassword(h, 'Pass123Ae')).toBe(false);
  });

  it('never throws on malformed stored hashes or bad input', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyPassword('', 'x')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB', 'x')).toBe(false);
    expect(await verifyPassword(null as unknown as string, 'x')).toBe(false);
    const h = await hashPassword('abcDEF123!');
    expect(await verifyPassword(h, undefined as unknown as string)).toBe(false);
    expect(await verifyPassword(h, 'a'.repeat(MAX_HASH_INPUT_LENGTH + 1))).toBe(false);
  });

  it('refuses to hash over-long input', async () => {
    await expect(hashPassword('a'.repeat(MAX_HASH_INPUT_LENGTH + 1))).rejects.toThrow(RangeError);
  });
});

describe('needsRehash', () => {
  it('is false for a current hash', async () => {
    expect(needsRehash(await hashPassword('abcDEF123!'))).toBe(false);
  });

  it('is true for weaker or different parameters and other algorithms', async () => {
    expect(needsRehash(await argonHash('x', { memoryCost: 4096, timeCost: 2, parallelism: 1 }))).toBe(true);
    expect(needsRehash(await argonHash('x', { memoryCost: 19456, timeCost: 1, parallelism: 1 }))).toBe(true);
    expect(needsRehash(await argonHash('x', { memoryCost: 19456, timeCost: 2, parallelism: 2 }))).toBe(true);
    expect(needsRehash(await argonHash('x', { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 1 as never }))).toBe(
      true,
    );
    expect(needsRehash('$2b$12$abcdefghijklmnopqrstuuYdZr1rPXS6Xx0.HQTVnpQGrsEzKsEAq')).toBe(true); // bcrypt
    expect(needsRehash('garbage')).toBe(true);
  });
});

describe('dummyVerify', () => {
  it('always returns false and uses a hash with the current parameters', async () => {
    expect(await dummyVerify('anything')).toBe(false);
    expect(await dummyVerify()).toBe(false);
    const dummy = await getDummyHash();
    expect(needsRehash(dummy)).toBe(false);
    expect(await getDummyHash()).toBe(dummy); // made once
  });

  it('spends about as long as a real verification (no user enumeration by timing)', async () => {
    const real = await hashPassword('Some-Real-Password-1');
    await dummyVerify('warm-up');
    await verifyPassword(real, 'warm-up');
    // Interleaved samples, compared by their minimum: the minimum is the least disturbed by other load on
    // the machine. An implementation that returns without hashing is about 1000x faster than either.
    const realTimes: number[] = [];
    const dummyTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      let t0 = performance.now();
      await verifyPassword(real, 'wrong-guess');
      realTimes.push(performance.now() - t0);
      t0 = performance.now();
      await dummyVerify('wrong-guess');
      dummyTimes.push(performance.now() - t0);
    }
    const ratio = Math.min(...dummyTimes) / Math.min(...realTimes);
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(3.5);
  });
});
