/**
 * Exact arithmetic for stored amounts.
 *
 * Enterprise amounts are stored as NUMERIC 万元 with 4 decimals, i.e. a resolution of 1 元. Pure code receives
 * them as JavaScript numbers in 万元, but binary floating point cannot represent most 4-decimal fractions, so a
 * plain running sum drifts (0.1 + 0.2 万元 ≠ 0.3 万元) and totals over thousands of rows would disagree with the
 * database's exact SUM. Every sum and difference is therefore done on integers of 元 (value × 10 000, rounded)
 * and converted back only at the end; one division by 10 000 yields the double nearest to the exact decimal.
 *
 * Integers stay exact up to Number.MAX_SAFE_INTEGER ≈ 9.0 × 10^15 元 ≈ 9 × 10^7 亿元 — seven orders of magnitude
 * above the district's whole economy — so plain numbers suffice; a total beyond that throws rather than drift.
 *
 * The same fixed point (4 decimals) is used for non-money indicators (tce, persons): it is exact for them too.
 */

export const UNITS_PER_WAN = 10_000;

/** 万元 → integer 元, rounding half away from zero (the stored value has at most 4 decimals, so this is exact). */
export function toYuan(wan: number): number {
  if (!Number.isFinite(wan)) throw new RangeError(`amount is not a finite number: ${wan}`);
  const scaled = Math.abs(wan) * UNITS_PER_WAN;
  const yuan = Math.round(scaled);
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`amount too large to be summed exactly: ${wan} 万元`);
  // Avoid -0: it would print as "-0" and compare oddly with Object.is in tests.
  return wan < 0 && yuan !== 0 ? -yuan : yuan;
}

/** Integer 元 → 万元. */
export function fromYuan(yuan: number): number {
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`not an exact integer amount of yuan: ${yuan}`);
  return yuan / UNITS_PER_WAN;
}

/** Adds integer 元 amounts, refusing to continue once the result would no longer be exact. */
export function addYuan(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError('sum exceeds the exactly representable range');
  return sum;
}

/** Exact sum of amounts given in 万元, result in 万元. */
export function sumWan(values: Iterable<number>): number {
  let yuan = 0;
  for (const v of values) yuan = addYuan(yuan, toYuan(v));
  return fromYuan(yuan);
}

/** Rounds an amount in 万元 to the storage resolution (1 元). */
export function roundWan(wan: number): number {
  return fromYuan(toYuan(wan));
}

/**
 * a / b − 1 as a growth rate, null when the base is zero (growth from nothing is undefined, not infinite).
 * Works on integer 元 so both operands are exact before the single division.
 */
export function growthRate(current: number, base: number): number | null {
  if (base === 0) return null;
  return current / base - 1;
}
