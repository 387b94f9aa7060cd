/**
 * Spans, paragraphs ("blocks") and sentences, all as offsets into the original text. Every helper works on
 * the normalised view (see normalize.ts) but never changes an offset, so callers slice the original or the
 * view with the same numbers.
 */
export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

export type Block = Span;

const SPACE = /[\s\u3000\u00a0\ufeff\u200b]/;

/** Shrinks a span past surrounding whitespace; an all-blank span becomes empty at its start. */
export function trimSpan(view: string, start: number, end: number): Span {
  let s = Math.max(0, start);
  let e = Math.min(view.length, end);
  while (s < e && SPACE.test(view[s]!)) s++;
  while (e > s && SPACE.test(view[e - 1]!)) e--;
  return { start: s, end: s < e ? e : s };
}

/** A line that ends a sentence or a clause list does not continue on the next line. */
const LINE_CLOSER = /[。!?;:)”"…」』\]]$/;

/**
 * Paragraphs: non-empty lines, except that a hard-wrapped line (long, not ending a sentence, directly followed
 * by another line with no blank line between) continues on the next one. `isBreak(line, previous)` tells
 * whether a line must start its own paragraph (a numbered heading, a unit line, a document number after a
 * title) even when it looks like a continuation.
 */
export function splitBlocks(view: string, isBreak: (line: Span, previous: Span) => boolean): Block[] {
  const lines: (Span | null)[] = [];
  const re = /\r\n|\r|\n/g;
  let pos = 0;
  for (;;) {
    const m = re.exec(view);
    const end = m ? m.index : view.length;
    const t = trimSpan(view, pos, end);
    lines.push(t.end > t.start ? t : null);
    if (!m) break;
    pos = m.index + m[0].length;
  }
  const blocks: Block[] = [];
  let current: Block | null = null;
  let previous: Span | null = null;
  for (const line of lines) {
    if (!line) {
      current = null;
      previous = null;
      continue;
    }
    const canJoin =
      current !== null &&
      previous !== null &&
      previous.end - previous.start >= 20 &&
      !LINE_CLOSER.test(view.slice(previous.end - 1, previous.end)) &&
      !isBreak(line, previous);
    if (canJoin && current) {
      current.end = line.end;
    } else {
      current = { start: line.start, end: line.end };
      blocks.push(current);
    }
    previous = line;
  }
  return blocks;
}

/** Sentence ends. A full stop inside parentheses (an abbreviation list) does not end a sentence. */
export function splitSentences(view: string, span: Span): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let s = span.start;
  for (let i = span.start; i < span.end; i++) {
    const ch = view[i]!;
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === '。' || ch === '!' || ch === '?')) {
      const t = trimSpan(view, s, i + 1);
      if (t.end > t.start) out.push(t);
      s = i + 1;
    }
  }
  const t = trimSpan(view, s, span.end);
  if (t.end > t.start) out.push(t);
  return out;
}

/**
 * The parts of `span` not covered by `holes`, trimmed, non-empty. `holes` must be sorted by start and not
 * nest (unit clauses are); a binary search skips the ones before `span`, so many calls stay cheap.
 */
export function subtractSpans(view: string, span: Span, holes: readonly Span[]): Span[] {
  let lo = 0;
  let hi = holes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holes[mid]!.end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Span[] = [];
  let s = span.start;
  for (let i = lo; i < holes.length && holes[i]!.start < span.end; i++) {
    const h = holes[i]!;
    if (h.start > s) {
      const t = trimSpan(view, s, h.start);
      if (t.end > t.start) out.push(t);
    }
    s = Math.max(s, h.end);
  }
  const t = trimSpan(view, s, span.end);
  if (t.end > t.start) out.push(t);
  return out;
}

/** Index of the bracket closing the one at `open`, honouring nesting; -1 when unbalanced within `limit`. */
export function matchParen(view: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const ch = view[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
