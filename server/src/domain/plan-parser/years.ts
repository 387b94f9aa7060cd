import { parseAnyNumber, parseChineseNumeral } from './numerals.ts';
import type { Span } from './text-model.ts';

/**
 * Where a target's year comes from: 到2030年 / 2030年末 / 2030年底前, a span 2027—2029年, a plan period
 * (“十四五”末 = 2025), or a horizon counted from the document's date (通过五年努力, 两年内, 今后五年).
 */
export interface YearMarker extends Span {
  year: number | null;
  yearFrom?: number;
  /** A comparison base (较2022年, 在2022年基础上) sets no target year. */
  isBase: boolean;
  /** A horizon that could not be resolved because the document has no date or number. */
  unresolved?: boolean;
  /**
   * Describes a state rather than a horizon: "截至2024年年末", "从2021年的…", "2024年的9847亿元", "2025年上半年"
   * — figures under it are baselines, whatever the document's date.
   */
  descriptive?: boolean;
}

export interface DocTime {
  docYear: number | null;
  docMonth: number | null;
}

const N = '[\\d一二两三四五六七八九十]{1,3}';
const PATTERNS: { re: RegExp; resolve: (m: RegExpExecArray, t: DocTime) => Pick<YearMarker, 'year' | 'yearFrom' | 'unresolved'> }[] = [
  {
    re: /(?<!\d)(\d{4})\s*[—\-~至到]{1,2}\s*(\d{4})\s*年/g,
    resolve: (m) => ({ year: Number(m[2]), yearFrom: Number(m[1]) }),
  },
  {
    re: /(?<!\d)(\d{4})\s*年(?!\s*\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月)(?:底前|末前|年底|年末|底|末|前|以前|之前|内|度)?/g,
    resolve: (m) => ({ year: Number(m[1]) }),
  },
  {
    re: /([〇零一二三四五六七八九]{4})年(?![一二三四五六七八九十\d]{1,2}月)(?:底前|末前|底|末|前)?/g,
    resolve: (m) => ({ year: parseChineseNumeral(m[1]!) }),
  },
  {
    // 第十四个五年规划 ends in 2025: the n-th plan ends in 1955 + 5n.
    re: /“?十([一二三四五六七八九])五”?(?:规划)?(?:时期|期间)?(?:期末|末期|末)/g,
    resolve: (m) => ({ year: 1955 + 5 * (10 + (parseChineseNumeral(m[1]!) ?? 0)) }),
  },
  {
    // “十五五”期间 / 时期: the whole plan period, 2026—2030.
    re: /“?十([一二三四五六七八九])五”?(?:规划)?(?:时期|期间)(?!末)/g,
    resolve: (m) => {
      const end = 1955 + 5 * (10 + (parseChineseNumeral(m[1]!) ?? 0));
      return { year: end, yearFrom: end - 4 };
    },
  },
  { re: new RegExp(`(?:通过|经过|再用|用|花)\\s*(${N})\\s*年(?:左右)?(?:的)?(?:时间|努力|奋斗|建设)`, 'g'), resolve: horizon },
  { re: new RegExp(`(?:今后|未来|此后|近)\\s*(${N})\\s*年`, 'g'), resolve: horizon },
  { re: new RegExp(`(${N})\\s*年(?:之)?内`, 'g'), resolve: horizon },
  // 今年 is the document's year; 全年 / 年内 / 本年度 in a work plan (工作要点) mean the year it plans, which for
  // a plan dated in the fourth quarter is the next one (as with horizons below).
  { re: /今年/g, resolve: (_m, t) => ({ year: t.docYear, unresolved: t.docYear === null }) },
  { re: /全年|本年度?|年内/g, resolve: (_m, t) => ({ year: t.docYear === null ? null : t.docYear + (isLate(t) ? 1 : 0), unresolved: t.docYear === null }) },
];

/**
 * "Five years" counts the document's own year as the first: a plan dated 2023 that says 通过五年努力 aims at
 * 2027. A document dated in the fourth quarter plans from the next year (a December 2022 plan "通过三年努力"
 * aims at 2025), so its horizon ends one year later.
 */
function horizon(m: RegExpExecArray, t: DocTime): Pick<YearMarker, 'year' | 'unresolved'> {
  const n = parseAnyNumber(m[1]!);
  if (n === null || n < 1 || n > 30 || t.docYear === null) return { year: null, unresolved: t.docYear === null };
  return { year: t.docYear + n - 1 + (isLate(t) ? 1 : 0) };
}

function isLate(t: DocTime): boolean {
  return t.docMonth !== null && t.docMonth >= 10;
}

const BASE_BEFORE = /(较|比|相比|比较|同比|与|基于|以|相对)\s*$/;
const BASE_AFTER = /^\s*(的)?(基础上|水平|基数|为基|翻一番|翻番)/;

/** Year markers in `span` of the view, in order; overlapping forms keep the first (longest) reading. */
export function findYearMarkers(view: string, span: Span, time: DocTime): YearMarker[] {
  const slice = view.slice(span.start, span.end);
  const found: YearMarker[] = [];
  const covered = new Uint8Array(slice.length);
  // Years inside a cited title (《…规划纲要(2006-2020年)》) are that document's, not a horizon of this one.
  let depth = 0;
  for (let i = 0; i < slice.length; i++) {
    const ch = slice[i];
    if (ch === '《') depth++;
    else if (ch === '》') depth = Math.max(0, depth - 1);
    if (depth > 0) covered[i] = 1;
  }
  for (const { re, resolve } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      const start = span.start + m.index;
      const end = start + m[0].length;
      if (covered.subarray(m.index, m.index + m[0].length).some((c) => c === 1)) continue;
      const r = resolve(m, time);
      if (r.year !== null && (r.year < 1900 || r.year > 2200)) continue;
      const isBase = BASE_BEFORE.test(view.slice(Math.max(span.start, start - 3), start)) || BASE_AFTER.test(view.slice(end, end + 5));
      const descriptive =
        /(截至|截止|从)\s*$/.test(view.slice(Math.max(span.start, start - 2), start)) ||
        /^\s*(?:年?末|年?底)?的?\s*\d/.test(view.slice(end, end + 4)) && /^\s*(?:年?末|年?底)?的/.test(view.slice(end, end + 3)) ||
        /^\s*(?:上半年|下半年|前三季度|一季度|1[-—~至]\d{1,2}月)/.test(view.slice(end, end + 6));
      found.push({ start, end, isBase, ...(descriptive ? { descriptive: true } : {}), ...r });
      covered.fill(1, m.index, m.index + m[0].length);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
