import { parseChineseNumeral } from './numerals.ts';

/** 2023年10月11日 · 二〇二三年十月十一日 · 2023 年 9 月 12 日 */
const DATE_SRC =
  '(\\d{4}|[〇零一二三四五六七八九]{4})\\s*年\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*日';
const DATE_RE = new RegExp(DATE_SRC);
/** A paragraph that is nothing but a date (a signature date), optionally in brackets or with 印发. */
const DATE_ONLY_RE = new RegExp(`^\\(?\\s*${DATE_SRC}\\s*(?:印发|发布|起施行)?\\s*\\)?$`);

export interface PolicyDate {
  iso: string;
  year: number;
  month: number;
}

function toNumber(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : parseChineseNumeral(s);
}

function fromMatch(m: RegExpExecArray): PolicyDate | null {
  const year = toNumber(m[1]!);
  const month = toNumber(m[2]!);
  const day = toNumber(m[3]!);
  if (year === null || month === null || day === null) return null;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  // Reject 2月30日 and the like: Date rolls them over, so compare what comes back.
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { iso: `${year}-${pad(month)}-${pad(day)}`, year, month };
}

/** The first valid date anywhere in `s`. */
export function findDate(s: string): PolicyDate | null {
  const m = DATE_RE.exec(s);
  return m ? fromMatch(m) : null;
}

/** The date when `s` (trimmed) is only a date; null otherwise or when the date is impossible. */
export function dateOnly(s: string): PolicyDate | null {
  const m = DATE_ONLY_RE.exec(s.trim());
  return m ? fromMatch(m) : null;
}

export function isDateOnly(s: string): boolean {
  return DATE_ONLY_RE.test(s.trim());
}
