import type { ParsedBaseline, ParsedGoal } from '../../../../contracts/plan-parse.ts';
import { warn, type ParseContext } from './context.ts';
import { compact } from './normalize.ts';
import { findQuantities, type Quantity } from './quantities.ts';
import type { Block, Span } from './text-model.ts';
import { findYearMarkers, type DocTime, type YearMarker } from './years.ts';

/** A paragraph to read targets from, and the goals section it belongs to (years carry on within one). */
export interface GoalBlock {
  block: Block;
  /** The goals section; `null` outside one (only targets with their own year count there). */
  section: object | null;
  /** In a background section (发展基础, 现状): its figures describe the present, never a target. */
  background?: boolean;
}

const METRIC_BOUNDARY = /[,;。:!?、()\[\]\n\r“”《》]/;
const LEAD_NOISE = /^(?:——|—|-|其中|同时|并且|并|且|以及|和|及|与|力争|努力|争取|确保|预计|计划|目标|实现|使|推动|全区|全市|全县|全省|本区|我区|区内|全年|年内|累计|到|至)+/;
const TRAIL_NOISE = /(?:将|要|需|均|分别|总计|累计|合计|预计|力争|努力|争取|再|要求|的|由|提高到|提升到|提高至|提升至|增加到|增长到|扩大到|达到|达)+$/;
const COUNT_VERB = /^(?:初步|基本|逐步|聚集)?(?:新|再)?(?:培育|引进|新增|建成|打造|集聚|形成|引育|创建|建设|培养|认定|孵化|落地|吸引|引入|招引|新建|组建|建立|布局|实施|储备|获批|取得|服务|带动|举办|开展|搭建|汇聚|推动|支持|发展|拥有|聚集|入驻|落户|推出|制定|突破)*$/;
// Amounts of support (给予最高500万元奖励) are rewards, not targets.
const SUPPORT_RE = /给予|奖励|补贴|资助|补助|贴息|最高/;

// "已达", "已突破", "已经": a figure the text says is reached describes the present.
const ALREADY_RE = /已(?:经)?\s*$/;
// A target stated against the base: doubling is a factor of 2, 翻两番 of 4.
const RELATIVE_RE = /(?:实现|力争|争取)?(倍增|翻一番|翻番|翻两番)/g;

export interface GoalsAndBaselines {
  goals: ParsedGoal[];
  baselines: ParsedBaseline[];
}

export function extractGoals(ctx: ParseContext, blocks: readonly GoalBlock[], time: DocTime): GoalsAndBaselines {
  const goals: ParsedGoal[] = [];
  const baselines: ParsedBaseline[] = [];
  const carry = new Map<object, YearMarker>();
  // A past year carries to the next paragraph only ("2022年…超过5600亿元…" then "…比重达6.4%"): a PDF copy
  // breaks one paragraph into several.
  let pastCarry: YearMarker | undefined;
  for (const { block, section, background } of blocks) {
    const markers = findYearMarkers(ctx.view, block, time);
    const carriedPast = pastCarry;
    pastCarry = undefined;
    for (const m of markers) {
      if (m.unresolved) warn(ctx, '相对期限无法换算为年份(文件缺少日期和文号)', 'relative horizon cannot be resolved: the document has no date or number', m);
    }
    let previous: { metric: string; end: number } | null = null;
    let lastFigureEnd = block.start;
    let lastBaseline: string | null = null;
    let inForce: YearMarker | undefined;
    let lastWritten: YearMarker | undefined;
    let next = 0;
    for (const q of findQuantities(ctx.view, block)) {
      // Quantities come in order, so the year in force only moves forward.
      for (; next < markers.length && markers[next]!.end <= q.start; next++) {
        lastWritten = markers[next];
        if (!markers[next]!.isBase) inForce = markers[next];
      }
      if (q.isQualifier) continue;
      if (q.isVague) {
        warn(ctx, '“数十”“几百”等约数没有确切数值,未作为目标', 'a vague figure (数十, 几百) states no number; not taken as a target', q);
        continue;
      }
      const marker = inForce ?? (section ? carry.get(section) : undefined) ?? (markers.length === 0 ? carriedPast : undefined);
      const reached = ALREADY_RE.test(ctx.view.slice(Math.max(block.start, q.start - 3), q.start));
      const past = (marker?.year != null && time.docYear !== null && marker.year < time.docYear) || Boolean(marker?.descriptive);
      if (background || reached || past) {
        const b = baselineOf(ctx, block, q, reached ? lastWritten : marker, lastFigureEnd, lastBaseline);
        if (b) baselines.push(b);
        lastBaseline = b?.metric ?? null;
        lastFigureEnd = q.end;
        continue;
      }
      if (!marker || marker.year === null) {
        if (section && !marker?.unresolved) warn(ctx, '指标数值未注明年份,未作为目标', 'figure without a year, not taken as a target', q);
        continue;
      }
      const clauseStart = findClauseStart(ctx.view, block, Math.max(q.start, block.start), previous?.end ?? block.start);
      const clause = ctx.view.slice(clauseStart, q.end + 8);
      if (SUPPORT_RE.test(clause)) continue;
      const near = overlapping(markers, { start: clauseStart, end: q.start });
      let metric = metricText(ctx.view, { start: clauseStart, end: q.start }, near);
      let end = q.end;
      let start = sourceStart(ctx.view, clauseStart, q.start, near);
      // "…数字创意等5个…新支柱": a list before the figure is not its metric; the noun after is.
      if (q.nounAfter && metric.endsWith('等')) {
        metric = '';
        start = q.start;
      }
      if (COUNT_VERB.test(metric) && q.nounAfter) {
        // "由1000名…人才组成的核心研究团队": what is counted is the people, not the team they form.
        metric += compact(ctx.view.slice(q.nounAfter.start, q.nounAfter.end)).replace(/组成的.*$/, '').replace(/等$/, '');
        end = q.nounAfter.end;
      }
      if (!metric && previous) metric = previous.metric; // "…突破500亿元;到2030年,突破1000亿元"
      if (!metric) {
        warn(ctx, '目标数值缺少指标名称', 'target figure without a metric name', q);
        continue;
      }
      goals.push(toGoal(metric, marker, q, { start, end }));
      previous = { metric, end };
    }
    goals.push(...relativeTargets(ctx, block, markers, section ? carry.get(section) : undefined));
    const last = [...markers].reverse().find((m) => !m.isBase);
    if (section && last) carry.set(section, last);
    const lastYear = last ?? (markers.length === 0 ? carriedPast : undefined);
    if (lastYear?.year != null && time.docYear !== null && lastYear.year < time.docYear) pastCarry = lastYear;
  }
  return { goals: mergeRestated(goals.sort((a, b) => a.source.start - b.source.start)), baselines };
}

function baselineOf(ctx: ParseContext, block: Block, q: Quantity, marker: YearMarker | undefined, floor: number, previousMetric: string | null): ParsedBaseline | null {
  // "前3位" is a rank, not a quantity of anything.
  if (q.unit === '位' || SUPPORT_RE.test(ctx.view.slice(Math.max(block.start, q.start - 20), q.end + 8))) return null;
  const clauseStart = findClauseStart(ctx.view, block, q.start, floor);
  const near = marker ? [marker] : [];
  const clean = (t: string) =>
    t.replace(/已(?:经)?$/, '').replace(/^(?:我市|我区|本市|本区|全市|全区|全省|从)/, '').replace(/(?:增长至|增长到|增加到|增至|为|的)+$/, '').replace(/^的/, '');
  let metric = clean(metricText(ctx.view, { start: clauseStart, end: q.start }, near));
  // "…从2021年的7617亿元增长至2024年的9847亿元": the second figure continues the first one's metric.
  if (metric.length < 2 && previousMetric && clauseStart === floor) metric = previousMetric;
  // "产业规模持续增长,从2021年的7617亿元…": the subject is the clause before.
  if (metric.length < 2 && clauseStart > block.start && clauseStart !== floor) {
    const before = findClauseStart(ctx.view, block, clauseStart - 1, block.start);
    metric = clean(compact(ctx.view.slice(before, clauseStart - 1)).replace(/(?:持续|稳步|快速|不断)?(?:增长|提升|扩大)$/, '').replace(/^(?:上海|我市|全市|全省|全区)/, ''));
  }
  if (metric.length < 2 || metric.length > 30) return null;
  return { metric, year: marker?.year ?? null, value: q.value, unit: q.unit, source: { start: sourceStart(ctx.view, clauseStart, q.start, near), end: q.end } };
}

/** "全球首发产品实现倍增": a target relative to the base, kept as a factor. */
function relativeTargets(ctx: ParseContext, block: Block, markers: readonly YearMarker[], carried: YearMarker | undefined): ParsedGoal[] {
  const out: ParsedGoal[] = [];
  const slice = ctx.view.slice(block.start, block.end);
  let marker: YearMarker | undefined = carried;
  let next = 0;
  for (const m of slice.matchAll(RELATIVE_RE)) {
    const at = block.start + m.index;
    for (; next < markers.length && markers[next]!.end <= at; next++) if (!markers[next]!.isBase) marker = markers[next];
    if (!marker || marker.year === null) continue;
    // "在2020年基础上翻一番" names its base year; the metric is what doubles.
    const clauseStart = findClauseStart(ctx.view, block, at, block.start);
    const near = overlapping(markers, { start: clauseStart, end: at });
    const metric = metricText(ctx.view, { start: clauseStart, end: at }, near).replace(/(?:实现|力争|争取|在.*基础上|比.*)$/, '');
    if (!metric) continue;
    const source = { start: sourceStart(ctx.view, clauseStart, at, near), end: at + m[0].length };
    out.push({
      metric, year: marker.year, ...(marker.yearFrom !== undefined ? { yearFrom: marker.yearFrom } : {}),
      value: m[1] === '翻两番' ? 4 : 2, unit: '倍', comparator: '达到', relative: true, source,
    });
  }
  return out;
}

/**
 * The same goal stated twice (a summary restating the text, a news repost before the document) is one goal
 * with both ranges. Same year, figures and unit, and one metric name containing the other.
 */
function mergeRestated(goals: ParsedGoal[]): ParsedGoal[] {
  const out: ParsedGoal[] = [];
  const byKey = new Map<string, ParsedGoal[]>();
  for (const g of goals) {
    const key = `${g.year}|${g.value}|${g.valueMax ?? ''}|${g.unit}|${g.relative ? 1 : 0}`;
    const same = byKey.get(key)?.find((o) => o.metric.includes(g.metric) || g.metric.includes(o.metric));
    if (same) {
      (same.sources ??= [same.source]).push(g.source);
      if (g.metric.length > same.metric.length) same.metric = g.metric;
      continue;
    }
    byKey.set(key, [...(byKey.get(key) ?? []), g]);
    out.push(g);
  }
  return out;
}

function toGoal(metric: string, marker: YearMarker, q: Quantity, source: Span): ParsedGoal {
  return {
    metric,
    year: marker.year!,
    ...(marker.yearFrom !== undefined ? { yearFrom: marker.yearFrom } : {}),
    value: q.value,
    ...(q.valueMax !== undefined ? { valueMax: q.valueMax } : {}),
    unit: q.unit,
    comparator: q.comparator,
    ...(q.comparator === '左右' || q.isLoose ? { approximate: true } : {}),
    source,
  };
}

/** Markers overlapping `span` (markers are sorted and do not overlap each other). */
function overlapping(markers: readonly YearMarker[], span: Span): YearMarker[] {
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid]!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: YearMarker[] = [];
  for (let i = lo; i < markers.length && markers[i]!.start < span.end; i++) out.push(markers[i]!);
  return out;
}

function findClauseStart(view: string, block: Block, from: number, floor: number): number {
  let i = from;
  // Metric phrases are short; the bound keeps a long run of figures without punctuation linear.
  const min = Math.max(block.start, floor, from - 60);
  while (i > min && !METRIC_BOUNDARY.test(view[i - 1]!)) i--;
  return i;
}

/** The words before the figure, minus year phrases and filler ("全区", "力争", "分别"). */
function metricText(view: string, span: Span, markers: readonly YearMarker[]): string {
  let s = '';
  let pos = span.start;
  for (const m of markers) {
    if (m.end <= span.start || m.start >= span.end) continue;
    s += view.slice(pos, Math.max(pos, m.start));
    pos = Math.max(pos, m.end);
  }
  s += view.slice(pos, span.end);
  let t = compact(s);
  // "生物材料和生物制造等核心产业增加值": the list before 等 names examples; the metric follows it.
  const deng = t.lastIndexOf('等');
  if (deng > 0 && deng < t.length - 2) t = t.slice(deng + 1);
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(LEAD_NOISE, '').replace(TRAIL_NOISE, '').replace(/^[,的]+/, '');
  }
  return t;
}

/** The goal's range starts at its metric: past leading spaces, dashes and a year phrase. */
function sourceStart(view: string, clauseStart: number, limit: number, markers: readonly YearMarker[]): number {
  let s = clauseStart;
  for (let moved = true; moved && s < limit; ) {
    moved = false;
    while (s < limit && /[\s—\-,和及与]/.test(view[s]!)) {
      s++;
      moved = true;
    }
    const m = markers.find((x) => x.start === s);
    if (m && m.end <= limit) {
      s = m.end;
      moved = true;
    }
  }
  return s;
}
