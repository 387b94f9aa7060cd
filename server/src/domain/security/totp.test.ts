import fc from 'fast-check';
import { Secret, TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import {
  buildOtpauthUri,
  generateTotpCode,
  generateTotpSecret,
  renderQrSvg,
  totpStepAt,
  TOTP_ISSUER,
  verifyTotp,
} from './totp.ts';

// RFC 6238 Appendix B: SHA1 key is the ASCII string "12345678901234567890".
const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;
const RFC_VECTORS: Array<[seconds: number, code8: string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('RFC 6238 Appendix B test vectors (SHA1)', () => {
  it('the RFC key is the expected base32 string', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it.each(RFC_VECTORS)('t=%i → %s (8 digits) and its last 6 digits (6 digits)', (seconds, code8) => {
    const now = seconds * 1000;
    expect(generateTotpCode({ secret: RFC_SECRET, now, digits: 8 })).toBe(code8);
    expect(generateTotpCode({ secret: RFC_SECRET, now })).toBe(code8.slice(-6));
    expect(verifyTotp({ secret: RFC_SECRET, code: code8.slice(-6), now, lastUsedStep: null })).toEqual({
      ok: true,
      step: Math.floor(seconds / 30),
    });
    // The 8-digit form is not accepted: the profile is 6 digits.
    expect(verifyTotp({ secret: RFC_SECRET, code: code8, now, lastUsedStep: null })).toEqual({ ok: false });
  });

  it('agrees with the otpauth reference implementation for arbitrary times', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), (now) => {
        const ref = TOTP.generate({ secret: Secret.fromBase32(RFC_SECRET), timestamp: now });
        expect(generateTotpCode({ secret: RFC_SECRET, now })).toBe(ref);
      }),
      { numRuns: 200 },
    );
  });
});

describe('generateTotpSecret', () => {
  it('is 20 random bytes in base32', () => {
    const s = generateTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(Secret.fromBase32(s).bytes).toHaveLength(20);
    expect(new Set(Array.from({ length: 200 }, generateTotpSecret)).size).toBe(200);
  });
});

describe('verifyTotp', () => {
  const secret = generateTotpSecret();
  const t0 = 1_750_000_000_000; // a fixed instant
  const step0 = totpStepAt(t0);

  it('accepts the current step and ±1 step, not ±2', () => {
    for (const delta of [-1, 0, 1]) {
      const code = generateTotpCode({ secret, step: step0 + delta });
      expect(verifyTotp({ secret, code, now: t0, lastUsedStep: null })).toEqual({ ok: true, step: step0 + delta });
    }
    for (const delta of [-2, 2, -10, 10]) {
      const code = generateTotpCode({ secret, step: step0 + delta });
      // (skip the astronomically rare case of a code that also happens to be valid in the window)
      const inWindow = [-1, 0, 1].some((d) => generateTotpCode({ secret, step: step0 + d }) === code);
      if (!inWindow) expect(verifyTotp({ secret, code, now: t0 })).toEqual({ ok: false });
    }
  });

  it('rejects replay: a step at or before lastUsedStep is refused', () => {
    const code = generateTotpCode({ secret, now: t0 });
    const first = verifyTotp({ secret, code, now: t0, lastUsedStep: null });
    expect(first).toEqual({ ok: true, step: step0 });
    expect(verifyTotp({ secret, code, now: t0, lastUsedStep: step0 })).toEqual({ ok: false });
    expect(verifyTotp({ secret, code, now: t0 + 20_000, lastUsedStep: step0 })).toEqual({ ok: false });
    // an older, still-in-window code after a newer one was used
    const prev = generateTotpCode({ secret, step: step0 - 1 });
    expect(verifyTotp({ secret, code: prev, now: t0, lastUsedStep: step0 })).toEqual({ ok: false });
    // the next step is fine
    const next = generateTotpCode({ secret, step: step0 + 1 });
    expect(verifyTotp({ secret, code: next, now: t0, lastUsedStep: step0 })).toEqual({ ok: true, step: step0 + 1 });
  });

  it('ignores spaces and hyphens, rejects other formats', () => {
    const code = generateTotpCode({ secret, now: t0 });
    expect(verifyTotp({ secret, code: ` ${code.slice(0, 3)} ${code.slice(3)} `, now: t0 }).ok).toBe(true);
    expect(verifyTotp({ secret, code: `${code.slice(0, 3)}-${code.slice(3)}`, now: t0 }).ok).toBe(true);
    expect(verifyTotp({ secret, code: code.slice(0, 5), now: t0 }).ok).toBe(false);
    expect(verifyTotp({ secret, code: `${code}0`, now: t0 }).ok).toBe(false);
    expect(verifyTotp({ secret, code: '', now: t0 }).ok).toBe(false);
    expect(verifyTotp({ secret, code: 'abcdef', now: t0 }).ok).toBe(false);
    expect(verifyTotp({ secret, code: undefined as unknown as string, now: t0 }).ok).toBe(false);
  });

  it('rejects a code made with a different secret', () => {
    const other = generateTotpSecret();
    const code = generateTotpCode({ secret: other, now: t0 });
    const collides = [-1, 0, 1].some((d) => generateTotpCode({ secret, step: step0 + d }) === code);
    if (!collides) expect(verifyTotp({ secret, code, now: t0 }).ok).toBe(false);
  });

  it('accepts a Date for now and throws on an invalid stored secret', () => {
    const code = generateTotpCode({ secret, now: t0 });
    expect(verifyTotp({ secret, code, now: new Date(t0) }).ok).toBe(true);
    expect(() => verifyTotp({ secret: 'not base32!', code, now: t0 })).toThrow();
  });

  it('property: a code for step s verifies at any time inside s±1 and returns s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 100_000_000 }), fc.integer({ min: -1, max: 1 }), fc.integer({ min: 0, max: 29_999 }), (s, d, offset) => {
        const code = generateTotpCode({ secret, step: s });
        const now = (s + d) * 30_000 + offset;
        const r = verifyTotp({ secret, code, now, lastUsedStep: s - 1 });
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.step).toBeGreaterThanOrEqual(s); // equal unless a neighbour shares the code
      }),
      { numRuns: 200 },
    );
  });
});

describe('buildOtpauthUri / renderQrSvg', () => {
  it('builds a key URI that authenticator apps parse back to the same parameters', () => {
    const secret = generateTotpSecret();
    const uri = buildOtpauthUri({ secret, accountName: 'zhangsan', issuer: TOTP_ISSUER });
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    expect(uri).toContain(`issuer=${encodeURIComponent(TOTP_ISSUER)}`);
    const parsed = URI.parse(uri);
    expect(parsed).toBeInstanceOf(TOTP);
    const totp = parsed as TOTP;
    expect(totp.issuer).toBe('金山生物制造平台');
    expect(totp.label).toBe('zhangsan');
    expect(totp.secret.base32).toBe(secret);
    expect(totp.algorithm).toBe('SHA1');
    expect(totp.digits).toBe(6);
    expect(totp.period).toBe(30);
  });

  it('uses the platform issuer by default and escapes account names', () => {
    const uri = buildOtpauthUri({ secret: RFC_SECRET, accountName: '张 三:x' });
    const totp = URI.parse(uri) as TOTP;
    expect(totp.issuer).toBe(TOTP_ISSUER);
    expect(totp.label).toBe('张 三:x');
  });

  it('renders an SVG QR code locally', async () => {
    const svg = await renderQrSvg(buildOtpauthUri({ secret: RFC_SECRET, accountName: 'a' }));
    expect(svg.trimStart().startsWith('<svg')).toBe(true);
    expect(svg).toContain('</svg>');
    expect(svg).toMatch(/<path[^>]+d="M/);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // no external references
  });
});
