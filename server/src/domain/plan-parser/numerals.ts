/**
 * Chinese and Arabic numbers as written in policy texts: "五十", "一百二十", "两千", "千" (a bare 千 = 1000),
 * "二〇三〇" (digit by digit, used for years), "1,000", "1.5".
 */
const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses a Chinese numeral; null when the string is not one (never throws). */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null;
  // Digit-by-digit form (二〇二五): only digits, at least two of them.
  if (s.length >= 2 && [...s].every((ch) => ch in DIGITS && ch !== '两')) {
    return Number([...s].map((ch) => DIGITS[ch]).join(''));
  }
  let result = 0;
  let section = 0;
  let digit = 0;
  let seenAny = false;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
      seenAny = true;
    } else if (ch in SMALL_UNITS) {
      // "十五" = 15: a unit without a leading digit counts as one of it.
      section += (digit === 0 ? 1 : digit) * SMALL_UNITS[ch]!;
      digit = 0;
      seenAny = true;
    } else if (ch === '万') {
      section = (section + digit || 1) * 1e4;
      digit = 0;
      seenAny = true;
    } else if (ch === '亿') {
      result = (result + section + digit || 1) * 1e8;
      section = 0;
      digit = 0;
      seenAny = true;
    } else {
      return null;
    }
  }
  return seenAny ? result + section + digit : null;
}

/** Parses an Arabic number with optional thousands separators ("1,000.5"); null if malformed. */
export function parseArabicNumber(s: string): number | null {
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(s)) return null;
  const n = Number(s.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** Either form; used for counts in horizons ("五年", "3年"). */
export function parseAnyNumber(s: string): number | null {
  return /^[\d.,]+$/.test(s) ? parseArabicNumber(s) : parseChineseNumeral(s);
}

/** Value of a Chinese ordinal label ("十二" in "十二、", "(三)"); null when not a numeral. */
export function ordinalValue(label: string): number | null {
  const v = /^\d+$/.test(label) ? Number(label) : parseChineseNumeral(label);
  return v !== null && v > 0 && v < 1000 ? v : null;
}
