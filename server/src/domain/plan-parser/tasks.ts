import type { ParsedMeasure, ParsedTask } from '../../../../contracts/plan-parse.ts';
import { original, warn, type ParseContext } from './context.ts';
import { firstClause, isLeadSentence } from './headings.ts';
import { ordinalValue } from './numerals.ts';
import { tidy } from './normalize.ts';
import { contentSpans, walk, type OutlineNode } from './outline.ts';
import { splitSentences, subtractSpans, trimSpan, type Block, type Span } from './text-model.ts';
import { findUnitClauses, mergeUnits, sectionUnitClause, type UnitClause } from './units.ts';

/**
 * Main tasks (主要任务) and safeguards (保障措施). Each item of such a section is a task; its measures are,
 * in order of preference: its numbered sub-items; its lead sentences ("链式招商引领产业集群发展。" followed by
 * content — at least two, so one short sentence in prose does not split it); items counted in the text
 * (一是…;二是…); its paragraphs; or, when the
 * body is one plain paragraph, a single measure carrying the task's own title.
 */
interface TaskSource {
  label: string;
  title: Span;
  body: Block[];
  children: OutlineNode[];
  span: Span;
}

export function extractTasks(ctx: ParseContext, roots: readonly OutlineNode[]): ParsedTask[] {
  const containers: OutlineNode[] = [];
  walk(roots, (n) => {
    const isContainer = n.cls === 'tasks' || n.cls === 'safeguards';
    if (isContainer && !(n.parent && (n.parent.cls === 'tasks' || n.parent.cls === 'safeguards'))) containers.push(n);
  });
  const counters = { task: 0, safeguard: 0 };
  const out: ParsedTask[] = [];
  const emit = (kind: 'task' | 'safeguard', src: TaskSource) => out.push(buildTask(ctx, kind, ++counters[kind], src));

  if (containers.length === 0) {
    // 若干措施-style documents have no 主要任务 section: each unclassified chapter is a task.
    for (const root of roots.filter((r) => r.cls === 'unknown')) emit('task', fromNode(ctx, root));
    if (out.length === 0 && roots.length > 0) {
      warn(ctx, '未识别出主要任务或保障措施章节', 'no main-task or safeguard section found', { start: roots[0]!.start, end: roots[roots.length - 1]!.end });
    }
  }
  for (const container of containers) {
    const kind = container.cls === 'safeguards' ? 'safeguard' : 'task';
    const first = out.length;
    if (container.children.length > 0) {
      for (const child of container.children) emit(kind, fromNode(ctx, child));
      applySectionUnits(ctx, container, out.slice(first));
    } else {
      // Unnumbered paragraphs: each one is a task titled by its lead sentence.
      for (const block of container.blocks.slice(1)) {
        const first = splitSentences(ctx.view, block)[0] ?? block;
        const isLead = isLeadSentence(ctx.view, first);
        const title = isLead ? trimSpan(ctx.view, first.start, first.end - 1) : firstClause(ctx.view, block);
        const body = isLead ? [trimSpan(ctx.view, first.end, block.end)] : [block];
        emit(kind, { label: '', title, body: body.filter((b) => b.end > b.start), children: [], span: block });
      }
    }
  }
  for (const root of roots) {
    if (root.cls === 'unknown' && containers.length > 0) {
      const title = tidy(original(ctx, root.heading.title));
      warn(ctx, `未能识别章节“${title}”的类别,其内容未提取`, `section "${title}" not recognised; its content was not extracted`, { start: root.start, end: root.end });
    }
  }
  return out;
}

/** A closing "以上任务责任单位:…" paragraph gives its units to every task of the section that has none. */
function applySectionUnits(ctx: ParseContext, container: OutlineNode, tasks: ParsedTask[]): void {
  const clauses: UnitClause[] = [];
  walk([container], (n) => {
    for (const b of n.blocks) {
      const c = sectionUnitClause(ctx.view, b);
      if (c) clauses.push(c);
    }
  });
  if (clauses.length === 0) return;
  const units = mergeUnits(clauses);
  const filled = new Set<number>();
  for (const t of tasks) {
    const own = t.units.filter((u) => !units.some((x) => x.name === u.name));
    if (own.length === 0) {
      t.units = units.map((u) => ({ ...u }));
      t.unitSources = clauses.map(({ start, end }) => ({ start, end }));
      filled.add(t.source.start);
    }
  }
  // The "no responsible unit" warnings of the tasks just filled no longer hold (one pass over the list).
  const kept = ctx.warnings.filter((w) => !(filled.has(w.start) && w.message.includes('未识别出责任单位')));
  ctx.warnings.splice(0, ctx.warnings.length, ...kept);
}

function fromNode(ctx: ParseContext, node: OutlineNode): TaskSource {
  return {
    label: original(ctx, node.heading.label),
    title: node.heading.title,
    body: contentSpans(node, false),
    children: node.children,
    span: { start: node.start, end: node.end },
  };
}

function buildTask(ctx: ParseContext, kind: 'task' | 'safeguard', number: number, src: TaskSource): ParsedTask {
  // The title line too: "(一)加快项目建设(责任单位:区经委)". A title that summarises the body lies inside it,
  // so clauses are de-duplicated by position.
  const allSpans = [src.title, ...src.body, ...src.children.map((c) => ({ start: c.start, end: c.end }))];
  const byStart = new Map<number, UnitClause>();
  for (const c of allSpans.flatMap((s) => findUnitClauses(ctx.view, s))) if (!byStart.has(c.start)) byStart.set(c.start, c);
  const clauses = [...byStart.values()].sort((a, b) => a.start - b.start);
  // "(一)加快项目建设(责任单位:区经委)": the clause is not part of the title.
  const titleText = subtractSpans(ctx.view, src.title, clauses).map((s) => original(ctx, s)).join('');
  const title = tidy(titleText) || src.label || `${number}`;
  const measures = measuresOf(ctx, src, clauses, title);
  // Each item keeps the units written at its own end (the clause after it, up to the next item).
  // Both lists are in text order, so one sweep assigns every clause (many items stay linear).
  let c = 0;
  for (const [k, m] of measures.entries()) {
    const next = measures[k + 1]?.source.start ?? Infinity;
    while (c < clauses.length && clauses[c]!.start < m.source.start) c++;
    const own: UnitClause[] = [];
    for (; c < clauses.length && clauses[c]!.start < next; c++) own.push(clauses[c]!);
    if (own.length > 0 && measures.length > 1) {
      m.units = mergeUnits(own);
      m.unitSources = own.map(({ start, end }) => ({ start, end }));
    }
  }
  const units = mergeUnits(clauses);
  if (units.length === 0) warn(ctx, `任务“${title}”未识别出责任单位`, `no responsible unit found for task "${title}"`, src.span);
  const unitSources = clauses.map(({ start, end }) => ({ start, end }));
  return { kind, number, label: src.label, title, measures, units, ...(unitSources.length ? { unitSources } : {}), source: { start: src.span.start, end: src.span.end } };
}

function measuresOf(ctx: ParseContext, src: TaskSource, clauses: readonly UnitClause[], taskTitle: string): ParsedMeasure[] {
  if (src.children.length > 0) {
    return src.children.map((child) => {
      const content = contentSpans(child, true).flatMap((s) => subtractSpans(ctx.view, s, clauses));
      const childTitle = tidy(original(ctx, child.heading.title)) || original(ctx, child.heading.label);
      const titleIsSummary = child.heading.bodyStart <= child.heading.title.start;
      const text = titleIsSummary ? content : content.filter((s) => s.start >= child.heading.bodyStart);
      return measure(ctx, childTitle, text, { start: child.start, end: lastEnd(content, child.heading.title.end) });
    });
  }
  const segments = src.body.flatMap((s) => subtractSpans(ctx.view, s, clauses));
  const sentences = segments.flatMap((s) => splitSentences(ctx.view, s));
  const leadIdx = sentences.flatMap((s, i) => (i < sentences.length - 1 && isLeadSentence(ctx.view, s) ? [i] : []));
  if (leadIdx.length >= 2) {
    return leadIdx.map((i, k) => {
      const lead = sentences[i]!;
      const rest = sentences.slice(i + 1, leadIdx[k + 1] ?? sentences.length);
      const title = tidy(original(ctx, { start: lead.start, end: lead.end - 1 }));
      return measure(ctx, title, rest, { start: lead.start, end: lastEnd(rest, lead.end) });
    });
  }
  const counted = countedItems(ctx.view, segments);
  if (counted) {
    return counted.map((item) => {
      const parts = segments.flatMap((s) => {
        const t = trimSpan(ctx.view, Math.max(s.start, item.bodyStart), Math.min(s.end, item.end));
        return t.end > t.start ? [t] : [];
      });
      const title = tidy(original(ctx, firstClause(ctx.view, { start: item.bodyStart, end: item.end })));
      return measure(ctx, title || taskTitle, parts, { start: item.start, end: lastEnd(parts, item.bodyStart) });
    });
  }
  if (segments.length >= 2 && src.body.length >= 2) {
    return segments.map((seg) => {
      const first = splitSentences(ctx.view, seg)[0] ?? seg;
      if (isLeadSentence(ctx.view, first) && first.end < seg.end) {
        const title = tidy(original(ctx, { start: first.start, end: first.end - 1 }));
        return measure(ctx, title, [trimSpan(ctx.view, first.end, seg.end)], seg);
      }
      return measure(ctx, tidy(original(ctx, firstClause(ctx.view, seg))) || taskTitle, [seg], seg);
    });
  }
  if (segments.length === 0) return [];
  return [measure(ctx, taskTitle, segments, { start: segments[0]!.start, end: lastEnd(segments, segments[0]!.end) })];
}

/**
 * "一是支持…;二是推动…;三是…": measures counted in the running text. Only an unbroken count from 一 that
 * follows a clause break counts, so "唯一是" or a stray "三是" does not split a paragraph.
 */
function countedItems(view: string, segments: readonly Span[]): { start: number; bodyStart: number; end: number }[] | null {
  const found: { start: number; bodyStart: number }[] = [];
  for (const seg of segments) {
    for (const m of view.slice(seg.start, seg.end).matchAll(/(^|[。;,:!?\s])([一二三四五六七八九十]{1,2})是/g)) {
      if (ordinalValue(m[2]!) !== found.length + 1) continue;
      const start = seg.start + m.index + m[1]!.length;
      found.push({ start, bodyStart: start + m[2]!.length + 1 });
    }
  }
  if (found.length < 2) return null;
  const end = segments[segments.length - 1]!.end;
  return found.map((f, k) => ({ ...f, end: found[k + 1]?.start ?? end }));
}

function measure(ctx: ParseContext, title: string, parts: readonly Span[], source: Span): ParsedMeasure {
  return { title: title || '—', text: tidy(parts.map((p) => original(ctx, p)).join('')), source };
}

function lastEnd(spans: readonly Span[], fallback: number): number {
  return spans.reduce((m, s) => Math.max(m, s.end), fallback);
}
