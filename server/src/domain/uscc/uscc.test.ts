import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildUscc, checkUscc, computeUsccCheckChar, USCC_ALPHABET } from './uscc.ts';

const alphabetChar = fc.constantFrom(...USCC_ALPHABET.split(''));
const first17 = fc.array(alphabetChar, { minLength: 17, maxLength: 17 }).map((a) => a.join(''));

/** The check character computed independently of the implementation: GB 32100-2015 weights are 3^i mod 31. */
function referenceCheck(code17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of code17) {
    sum += USCC_ALPHABET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

describe('统一社会信用代码 check character (GB 32100-2015)', () => {
  it('matches an independent computation and known real codes', () => {
    fc.assert(fc.property(first17, (c) => computeUsccCheckChar(c) === referenceCheck(c)));
    // Published codes (large listed companies' business licences).
    for (const code of ['91310000132149237G', '91110000802100433B', '91440300708461136T']) expect(checkUscc(code).ok, code).toBe(true);
  });

  it('accepts every generated valid code', () => {
    fc.assert(fc.property(first17, (c) => checkUscc(c + referenceCheck(c)).ok));
  });

  it('rejects every single-character change of a valid code', () => {
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 17 }), alphabetChar, (c, position, replacement) => {
        const valid = c + referenceCheck(c);
        fc.pre(valid[position] !== replacement);
        const changed = valid.slice(0, position) + replacement + valid.slice(position + 1);
        return !checkUscc(changed).ok;
      }),
      { numRuns: 2000 },
    );
  });

  it('names the expected check character in the message', () => {
    const valid = buildUscc('91', '310116', 'MA1FL0001');
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const check = checkUscc(wrong);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.expected).toBe(valid[17]);
      expect(check.message).toContain(`“${valid[17]}”`);
    }
  });

  it('normalises full-width and lower-case input, and rejects letters outside the alphabet', () => {
    const valid = buildUscc('91', '310116', 'MA1FL0002');
    const fullWidth = valid.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    expect(checkUscc(fullWidth.toLowerCase()).ok).toBe(true);
    expect(checkUscc(`${valid.slice(0, 10)}O${valid.slice(11)}`)).toMatchObject({ ok: false, reason: 'character', position: 11 });
    expect(checkUscc(valid.slice(0, 17))).toMatchObject({ ok: false, reason: 'length' });
  });
});
