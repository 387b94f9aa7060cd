/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
 * 18 characters from a 31-character alphabet (digits and upper-case letters without I, O, S, V, Z);
 * the 18th is a check character computed from the first 17 with fixed weights 3^(i) mod 31.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccCheck =
  | { ok: true; code: string }
  | { ok: false; reason: 'length' | 'character' | 'check'; position?: number; expected?: string; message: string };

/** The check character for the first 17 characters; throws only on programmer error (wrong length/alphabet). */
export function computeUsccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('computeUsccCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new Error(`invalid USCC character at position ${i + 1}`);
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[check]!;
}

/** Normalises (trim, upper-case, full-width to half-width) and validates a code. Never throws. */
export function checkUscc(input: string): UsccCheck {
  const code = normalizeUscc(input);
  if (code.length !== 18) {
    return { ok: false, reason: 'length', message: `统一社会信用代码应为18位，实际为${code.length}位` };
  }
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i]!)) {
      return {
        ok: false,
        reason: 'character',
        position: i + 1,
        message: `统一社会信用代码第${i + 1}位“${code[i]}”不是有效字符（不得含 I、O、S、V、Z 或小写以外的符号）`,
      };
    }
  }
  const expected = computeUsccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      ok: false,
      reason: 'check',
      position: 18,
      expected,
      message: `统一社会信用代码校验位错误：第18位应为“${expected}”，实际为“${code[17]}”`,
    };
  }
  return { ok: true, code };
}

export function isValidUscc(input: string): boolean {
  return checkUscc(input).ok;
}

export function normalizeUscc(input: string): string {
  return input
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/**
 * Builds a valid code from a registration-authority prefix ("91" = enterprise registered with the market
 * regulator), a 6-digit administrative division (310116 = Jinshan) and a 9-character organisation body.
 */
export function buildUscc(prefix: string, division: string, body: string): string {
  const first17 = `${prefix}${division}${body}`;
  return first17 + computeUsccCheckChar(first17);
}
