import { MONEY_UNIT_EXPONENT, STORAGE_DECIMALS, type MoneyUnit } from '../../../../contracts/indicators.ts';
import { toYuan } from './money.ts';

/**
 * Exact unit conversion between 元, 千元, 万元 and 亿元.
 *
 * Multiplying a double by 0.1 or 0.0001 drifts (123.45 千元 × 0.1 = 12.345000000000001), and an import that
 * stores the drifted value fails the 4-decimal NUMERIC column or the reconciliation with the bureau. Units differ
 * by powers of ten, so a conversion is a shift of the decimal point: values are parsed into an integer mantissa
 * (BigInt) and a base-10 exponent, the exponent is shifted, and the result is printed back as a decimal string.
 */

export interface Decimal {
  /** The value is mantissa × 10^exponent. */
  mantissa: bigint;
  exponent: number;
}

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal string ("1234.5", "-0.0001", "1.5e3") or a finite number. For a number, its shortest
 * round-trip representation (String(n)) is taken as the intended decimal — that is what a user typed or a
 * spreadsheet stored. Returns null for anything else (empty, NaN, "1,234", "12万").
 */
export function parseDecimal(input: string | number): Decimal | null {
  if (typeof input === 'number' && !Number.isFinite(input)) return null;
  const text = String(input).trim();
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return null;
  const [, sign = '', intPart = '', fracPart = '', exp = '0'] = match;
  if (intPart === '' && fracPart === '') return null;
  const digits = (intPart + fracPart).replace(/^0+(?=\d)/, '');
  const mantissa = BigInt(digits === '' ? '0' : digits) * (sign === '-' ? -1n : 1n);
  return { mantissa, exponent: Number(exp) - fracPart.length };
}

/** The value × 10^power, exactly. */
export function scaleDecimal(value: Decimal, power: number): Decimal {
  return { mantissa: value.mantissa, exponent: value.exponent + power };
}

/** Plain decimal notation without exponent or trailing fractional zeros ("12.3450" → "12.345", "-0" → "0"). */
export function formatDecimal(value: Decimal): string {
  if (value.mantissa === 0n) return '0';
  const negative = value.mantissa < 0n;
  let digits = (negative ? -value.mantissa : value.mantissa).toString();
  let text: string;
  if (value.exponent >= 0) {
    text = digits + '0'.repeat(value.exponent);
  } else {
    const places = -value.exponent;
    if (digits.length <= places) digits = '0'.repeat(places - digits.length + 1) + digits;
    const intPart = digits.slice(0, digits.length - places);
    const fracPart = digits.slice(digits.length - places).replace(/0+$/, '');
    text = fracPart === '' ? intPart : `${intPart}.${fracPart}`;
  }
  return negative ? `-${text}` : text;
}

/**
 * Rounds to `places` decimals, half away from zero (the convention of statistical tables and of PostgreSQL's
 * NUMERIC rounding), exactly.
 */
export function roundDecimal(value: Decimal, places: number): Decimal {
  const drop = -places - value.exponent;
  if (drop <= 0) return value;
  const divisor = 10n ** BigInt(drop);
  const negative = value.mantissa < 0n;
  const abs = negative ? -value.mantissa : value.mantissa;
  let quotient = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) quotient += 1n;
  return { mantissa: negative ? -quotient : quotient, exponent: -places };
}

/** Converts an amount between money units exactly; returns a decimal string, or null when the input is not a number. */
export function convertMoney(value: string | number, from: MoneyUnit, to: MoneyUnit): string | null {
  const parsed = parseDecimal(value);
  if (!parsed) return null;
  return formatDecimal(scaleDecimal(parsed, MONEY_UNIT_EXPONENT[from] - MONEY_UNIT_EXPONENT[to]));
}

export interface StorageAmount {
  /** The amount in 万元 rounded to 4 decimals (1 元), as the nearest double, ready for NUMERIC storage. */
  wan: number;
  /** The same amount as an exact decimal string. */
  text: string;
  /** True when the input had precision below 1 元 (e.g. 分) that had to be rounded away. */
  rounded: boolean;
}

/** A decimal with at most STORAGE_DECIMALS places and nothing else (no exponent, no sign but minus). */
const PLAIN_STORAGE_TEXT = /^-?\d+(?:\.\d{1,4})?$/;

/** An amount in any money unit → the storage unit 万元 at 1 元 resolution. Null when the input is not a number. */
export function toStorageWan(value: string | number, from: MoneyUnit): StorageAmount | null {
  // The common cell — a number in 万元 with at most four decimals — is its own storage text: JavaScript writes a
  // double as its shortest decimal, without exponent, leading or trailing zeros, which is what the exact path
  // below returns for it (a property test checks the two agree). A bureau file has 80 000 such cells a year.
  if (from === '万元' && typeof value === 'number') {
    const text = String(value);
    if (PLAIN_STORAGE_TEXT.test(text)) return { wan: value === 0 ? 0 : value, text, rounded: false };
  }
  const parsed = parseDecimal(value);
  if (!parsed) return null;
  const inWan = scaleDecimal(parsed, MONEY_UNIT_EXPONENT[from] - MONEY_UNIT_EXPONENT['万元']);
  const stored = roundDecimal(inWan, STORAGE_DECIMALS);
  const text = formatDecimal(stored);
  return { wan: Number(text), text, rounded: formatDecimal(inWan) !== text };
}

/**
 * a > b × factor, decided exactly: a and b in 万元 become integer 元 and the factor a decimal fraction
 * (1.2 = 12/10), so a value exactly at a limit such as "sales ≤ output × 1.2" is never rejected by float noise.
 */
export function exceedsMultiple(a: number, b: number, factor: Decimal): boolean {
  const scale = factor.exponent < 0 ? 10n ** BigInt(-factor.exponent) : 1n;
  const mantissa = factor.exponent > 0 ? factor.mantissa * 10n ** BigInt(factor.exponent) : factor.mantissa;
  return BigInt(toYuan(a)) * scale > BigInt(toYuan(b)) * mantissa;
}

/** Median of a list (mean of the two middle values for an even count); null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically without a comparator call per pair: the import's checks take a median per
  // indicator for each enterprise-month of a file (100 000 of them a year at 1 000 enterprises).
  const sorted = Float64Array.from(values).sort();
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface UnitSlipOptions {
  /** A value this many times the median (or 1/this) is treated as a unit slip. Default 1000. */
  ratioThreshold?: number;
  /** Minimum number of positive previous months needed to judge. Default 3. */
  minHistory?: number;
}

export type UnitSlipCheck =
  | { judged: false; reason: 'not-enough-history' | 'zero-or-negative-value'; median: number | null }
  | {
      judged: true;
      suspected: boolean;
      median: number;
      /** value / median. */
      ratio: number;
      /** 'too-large': probably entered in 元 instead of 万元; 'too-small': probably in 亿元 instead of 万元. */
      direction: 'too-large' | 'too-small' | null;
      /** The value after undoing the suspected 10 000× slip; null when not suspected. */
      suggestedValue: number | null;
    };

/**
 * Detects a likely 10 000× unit slip (元 typed into a 万元 field, or 亿元) against the enterprise's history:
 * the median of its previous positive monthly values. Zero months are left out of the median because
 * intermittent indicators (exports, R&D) would otherwise have a median of 0. The threshold is 1000×, not
 * 10 000×, so a slip is still caught in a month that is also unusually strong or weak; a genuine change of three
 * orders of magnitude in one month does not happen to an operating enterprise, and a start-up with fewer than
 * `minHistory` positive months is not judged at all.
 */
export function detectUnitSlip(value: number, history: readonly number[], options: UnitSlipOptions = {}): UnitSlipCheck {
  const threshold = options.ratioThreshold ?? 1000;
  const minHistory = options.minHistory ?? 3;
  const positives = history.filter((v) => Number.isFinite(v) && v > 0);
  const med = median(positives);
  if (med === null || positives.length < minHistory) return { judged: false, reason: 'not-enough-history', median: med };
  if (!(value > 0)) return { judged: false, reason: 'zero-or-negative-value', median: med };
  const ratio = value / med;
  const direction = ratio >= threshold ? 'too-large' : ratio <= 1 / threshold ? 'too-small' : null;
  const suggested =
    direction === null ? null : Number(convertMoney(value, direction === 'too-large' ? '元' : '亿元', '万元'));
  return { judged: true, suspected: direction !== null, median: med, ratio, direction, suggestedValue: suggested };
}
