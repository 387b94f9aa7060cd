import type { GoalComparator } from '../../../../contracts/plan-parse.ts';
import { parseArabicNumber, parseChineseNumeral } from './numerals.ts';
import type { Span } from './text-model.ts';

/**
 * A number with its unit as a policy writes it: 500亿元, 五十亿元, 千家以上, 百亿级, 2至4家, 6—8个, 1-3项,
 * 15%, 百分之十, 十余家. `start` is where the comparator (突破, 达到 …) begins, or the number if there is none.
 */
export interface Quantity extends Span {
  value: number;
  valueMax?: number;
  unit: string;
  comparator: GoalComparator;
  /** Describes a noun rather than setting a target: "产值超百亿元的龙头企业", "百亿级产业集群". */
  isQualifier: boolean;
  /** Written as a grade (百亿级, 千亿级): a size class rather than a count. */
  isGrade: boolean;
  /** The noun a count introduces: "培育10家以上龙头企业" → 龙头企业. */
  nounAfter?: Span;
  /** "十余家", "500多家": the figure is a floor stated loosely. */
  isLoose?: boolean;
  /** "数十家", "几百个": no figure is stated at all; `value` is only the order of magnitude. */
  isVague?: boolean;
}

const MAGNITUDE = ['万亿', '亿', '千万', '百万', '万'];
const BASE_UNITS = [
  '个百分点', '百分点', '平方公里', '平方米', '立方米', '吨标准煤', '千瓦时', '千瓦', '人次', '美元', '元',
  '家', '个', '项', '件', '人', '名', '位', '所', '座', '台', '套', '款', '种', '条', '户', '张', '部', '篇',
  '艘', '辆', '株', '倍', '吨', '公顷', '亩', '%', '‰',
];
const BOUNDARY = /[,;。:!?、()\[\]\n\r“”《》]/;

interface UnitRead {
  unit: string;
  end: number;
  over: boolean;
  grade: boolean;
}

/** Reads "[余|多][magnitude]base[级]" at `pos`. A bare 亿/万亿 is money (百亿级, 达到五百亿). */
function readUnit(view: string, pos: number): UnitRead | null {
  let p = pos;
  // "引育5—10\n家": a line break from a web copy may separate a figure from its unit.
  if (/[\r\n]/.test(view[p] ?? '')) while (p < pos + 3 && /\s/.test(view[p] ?? '')) p++;
  let over = false;
  if (view[p] === '余' || view[p] === '多') {
    over = true;
    p++;
  }
  const mag = MAGNITUDE.find((m) => view.startsWith(m, p)) ?? '';
  p += mag.length;
  const base = BASE_UNITS.find((u) => view.startsWith(u, p));
  if (base) {
    p += base.length;
    const grade = view[p] === '级';
    return { unit: mag + base, end: grade ? p + 1 : p, over, grade };
  }
  if (mag === '亿' || mag === '万亿') {
    const grade = view[p] === '级';
    const next = view[grade ? p + 1 : p] ?? '';
    if (grade || next === '' || BOUNDARY.test(next) || /^(以上|左右)/.test(view.slice(p, p + 2))) {
      return { unit: `${mag}元`, end: grade ? p + 1 : p, over, grade };
    }
  }
  return null;
}

const NUMBER_SRC =
  '百分之([\\d.]+|[零〇一二两三四五六七八九十百千]+)|(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)|([零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]{0,11})|(?<=[上达到破超过])(万亿)(?=元)';
// Sticky: matches only at the position asked. The global one searches a block's own slice, so a block
// without figures costs its own length, not the rest of the document.
const NUMBER_AT = new RegExp(NUMBER_SRC, 'y');
const NUMBER_ANY = new RegExp(NUMBER_SRC, 'g');
const RANGE_SEP = /^\s*(?:至|到|~|—{1,2}|-)\s*/;

interface NumberRead {
  value: number;
  unit: UnitRead | null;
  end: number;
}

/** A number at `pos` and the unit after it. Chinese numerals hand their trailing 万/亿 to the unit (五十亿元 = 50 亿元). */
function readNumber(view: string, pos: number, limit: number): NumberRead | null {
  if (pos >= limit) return null;
  NUMBER_AT.lastIndex = pos;
  const m = NUMBER_AT.exec(view);
  if (!m) return null;
  if (m[1] !== undefined) {
    const v = /\d/.test(m[1]) ? parseArabicNumber(m[1]) : parseChineseNumeral(m[1]);
    const end = pos + m[0].length;
    return v === null ? null : { value: v, unit: { unit: '%', end, over: false, grade: false }, end };
  }
  if (m[2] !== undefined) {
    const v = parseArabicNumber(m[2]);
    const end = pos + m[2].length;
    return v === null ? null : { value: v, unit: readUnit(view, end), end };
  }
  if (m[4] !== undefined) {
    // "迈上万亿元台阶": one 万亿元.
    const unit = readUnit(view, pos);
    return unit ? { value: 1, unit, end: pos } : null;
  }
  const token = m[3]!;
  for (let k = 1; k <= token.length; k++) {
    const v = parseChineseNumeral(token.slice(0, k));
    if (v === null) continue;
    const unit = readUnit(view, pos + k);
    if (unit) return { value: v, unit, end: pos + k };
  }
  const whole = parseChineseNumeral(token);
  return whole === null ? null : { value: whole, unit: null, end: pos + token.length };
}

const PREFIX_RE = /(力争|努力|争取)?(突破|超过|超出|超|高于|达到|迈上|迈入|达|不低于|不少于|不超过|不高于|低于|控制在|保持在|实现|逾|约|接近)?\s*$/;

function chooseComparator(prefix: RegExpExecArray | null, suffix: string, over: boolean): GoalComparator {
  const verb = prefix?.[2] ?? '';
  if (suffix === '左右' || suffix === '上下' || verb === '约' || verb === '接近') return '左右';
  if (verb === '突破') return '突破';
  if (['超过', '超出', '超', '逾', '高于'].includes(verb)) return '超过';
  if (verb === '不低于') return '不低于';
  if (verb === '不少于') return '不少于';
  if (['不超过', '不高于', '低于', '控制在'].includes(verb) || suffix === '以内' || suffix === '以下') return '不超过';
  if (suffix === '以上' || over) return '以上';
  if (verb) return '达到';
  if (prefix?.[1]) return '力争';
  return '达到';
}

function startsFigure(ch: string): boolean {
  return /[\d零〇一二两三四五六七八九十百千]/.test(ch);
}

/**
 * A figure inside the noun another figure introduces. If it is the count ("超百亿元企业3家"), the first one
 * only describes the noun; if it is a size class ("5个产值规模10万亿元级的新支柱", "10个以上千亿级"), it
 * belongs to the noun and the first one is the target.
 */
function resolveInnerFigures(qs: Quantity[]): void {
  for (let i = 0; i + 1 < qs.length; i++) {
    const a = qs[i]!;
    const b = qs[i + 1]!;
    if (!a.nounAfter || b.start >= a.nounAfter.end) continue;
    if (b.isQualifier || b.isGrade) {
      b.isQualifier = true;
    } else {
      a.isQualifier = true;
      delete a.nounAfter;
    }
  }
}

/** Every quantity in `span`, in order. */
export function findQuantities(view: string, span: Span): Quantity[] {
  const out: Quantity[] = [];
  const slice = view.slice(span.start, span.end);
  let scan = span.start;
  while (scan < span.end) {
    NUMBER_ANY.lastIndex = scan - span.start;
    const m = NUMBER_ANY.exec(slice);
    if (!m) break;
    const pos = span.start + m.index;
    scan = pos + Math.max(1, m[0].length);
    const before = view[pos - 1] ?? '';
    // Codes and ordinals: CAR-T, 1+5+X, 第39次, 1,3-丙二醇.
    if (/[A-Za-z0-9.+#_\-第]/.test(before) || (before === ',' && /\d/.test(view[pos - 2] ?? ''))) continue;
    const first = readNumber(view, pos, span.end);
    if (!first) continue;
    const value = first.value;
    let valueMax: number | undefined;
    let unit = first.unit;
    if (!unit) {
      const sep = RANGE_SEP.exec(view.slice(first.end, first.end + 4));
      const second = sep ? readNumber(view, first.end + sep[0].length, span.end) : null;
      if (!second?.unit) continue;
      valueMax = second.value;
      unit = second.unit;
    } else {
      // "2家至4家": the unit repeated after the upper bound.
      const sep = RANGE_SEP.exec(view.slice(unit.end, unit.end + 4));
      const second = sep ? readNumber(view, unit.end + sep[0].length, span.end) : null;
      if (second?.unit && second.unit.unit === unit.unit) {
        valueMax = second.value;
        unit = second.unit;
      }
    }
    let end = unit.end;
    const suffix = /^(以上|左右|以内|以下|上下)/.exec(view.slice(end, end + 2))?.[1] ?? '';
    end += suffix.length;
    const prefix = PREFIX_RE.exec(view.slice(Math.max(span.start, pos - 6), pos));
    const start = pos - (prefix?.[0].length ?? 0);
    const hasComparator = Boolean(prefix?.[0].trim()) || Boolean(suffix) || unit.over;
    // "一批", "一个", "一次性": a bare 一 is an article, not a figure.
    if (view.slice(pos, first.end) === '一' && !hasComparator && valueMax === undefined) continue;
    const next = view[end] ?? '';
    // "…收入140亿元的发展目标": a figure before 的目标 is the target itself, not a qualifier.
    const isQualifier = (next === '的' && !/^的(?:发展|总体|主要)?目标/.test(view.slice(end, end + 6))) || (unit.grade && /[\u4e00-\u9fff]/.test(next));
    let nounAfter: Span | undefined;
    // "7617亿元增长至…9847亿元": a verb after the figure starts a new statement, not the noun it counts.
    const verbAfter = /^(?:增长|增加|增至|提高|提升|下降|减少|较|比|同比)/.test(view.slice(end, end + 3));
    if (!isQualifier && !verbAfter && /[\u4e00-\u9fff]/.test(next) && !/[和或及与]/.test(next)) {
      // The noun runs to the clause end, or to "和" before the next figure ("2个…产业链和5个…").
      let n = end;
      while (n < span.end && !BOUNDARY.test(view[n]!) && n - end < 20 && !(/[和及与]/.test(view[n]!) && startsFigure(view[n + 1] ?? ''))) n++;
      nounAfter = { start: end, end: n };
    }
    const isVague = /[数几]/.test(before);
    out.push({
      start: isVague ? pos - 1 : start, end, value, unit: unit.unit, comparator: chooseComparator(prefix, suffix, unit.over), isQualifier, isGrade: unit.grade,
      ...(unit.over ? { isLoose: true } : {}),
      ...(isVague ? { isVague: true } : {}),
      ...(valueMax !== undefined ? { valueMax } : {}),
      ...(nounAfter ? { nounAfter } : {}),
    });
    scan = Math.max(scan, end);
  }
  resolveInnerFigures(out);
  // "年产值首次突破10亿元、50亿元的企业": a figure listed with a qualifier is a qualifier too.
  for (let i = out.length - 2; i >= 0; i--) {
    const a = out[i]!;
    const b = out[i + 1]!;
    if (b.isQualifier && /^(、|和|或|及)$/.test(view.slice(a.end, b.start).trim())) a.isQualifier = true;
  }
  return out;
}
