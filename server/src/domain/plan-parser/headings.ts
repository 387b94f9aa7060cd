import { ordinalValue } from './numerals.ts';
import { trimSpan, type Span } from './text-model.ts';

/**
 * Numbered headings of Chinese policy texts, in the forms the genre uses: 一、 / 第一章 (chapter), 第一条, (一)
 * (section; the view has already folded full-width brackets), 1. / 1、 (item), (1), ①, and "——" dash items.
 * Which form nests in which is not fixed across documents; the outline builder decides by order of appearance.
 */
export type HeadingType = 'chapter' | 'article' | 'section' | 'item' | 'paren-item' | 'circled' | 'dash';

export interface Heading {
  type: HeadingType;
  label: Span;
  ordinal: number | null;
  /** The heading's title, without its closing full stop. */
  title: Span;
  /** Where the content after the title starts (the block's end when the heading stands alone). */
  bodyStart: number;
}

const PATTERNS: { type: HeadingType; re: RegExp }[] = [
  { type: 'chapter', re: /^(?:第([一二三四五六七八九十百\d]{1,4})(?:章|部分|节)|([一二三四五六七八九十]{1,3})[、.])[ \t]*/ },
  { type: 'article', re: /^第([一二三四五六七八九十百\d]{1,4})条[ \t]*/ },
  { type: 'section', re: /^\(([一二三四五六七八九十]{1,3})\)[ \t]*/ },
  { type: 'paren-item', re: /^\((\d{1,2})\)[ \t]*/ },
  { type: 'item', re: /^(\d{1,2})[.、](?!\d)[ \t]*/ },
  { type: 'circled', re: /^([\u2460-\u2473])[ \t]*/ },
  { type: 'dash', re: /^(?:—{1,2}|-{2})[ \t]*/ },
];

/** A lead sentence is short and has no clause breaks: "链式招商引领产业集群发展。" */
const LEAD_MAX = 20;
export function isLeadSentence(view: string, span: Span): boolean {
  const body = view.slice(span.start, span.end).replace(/[。!?]$/, '');
  return body.length >= 2 && body.length <= LEAD_MAX && !/[,;:()]/.test(body);
}

export function detectHeading(view: string, block: Span): Heading | null {
  const head = view.slice(block.start, Math.min(block.end, block.start + 16));
  for (const { type, re } of PATTERNS) {
    const m = re.exec(head);
    if (!m) continue;
    const labelText = m[0].trim();
    const labelEnd = block.start + m[0].length;
    if (labelEnd >= block.end) return null; // a bare label is not a heading
    const ord = type === 'circled' ? m[1]!.charCodeAt(0) - 0x2460 + 1 : type === 'dash' ? null : ordinalValue(m[1] ?? m[2] ?? '');
    return {
      type,
      label: { start: block.start, end: block.start + labelText.length },
      ordinal: ord,
      ...headingTitle(view, labelEnd, block.end),
    };
  }
  return null;
}

/**
 * Title and body of a heading block. "(一)健全机制建设。优化…" → title 健全机制建设, body from 优化; a heading that
 * stands alone (一、指导思想) has no body; when the first sentence is long (a numbered measure with no short lead),
 * the title is its first clause and the body is the whole text, so nothing is lost.
 */
function headingTitle(view: string, labelEnd: number, blockEnd: number): { title: Span; bodyStart: number } {
  const rest = trimSpan(view, labelEnd, blockEnd);
  let depth = 0;
  let stop = -1;
  for (let i = rest.start; i < rest.end; i++) {
    const ch = view[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === '。' || ch === '!' || ch === '?')) {
      stop = i;
      break;
    }
  }
  if (stop === -1) return { title: rest, bodyStart: blockEnd };
  const first = trimSpan(view, rest.start, stop);
  const after = trimSpan(view, stop + 1, rest.end);
  if (after.end === after.start && first.end - first.start <= 30) return { title: first, bodyStart: blockEnd };
  if (first.end > first.start && isLeadSentence(view, { start: first.start, end: stop + 1 })) {
    return { title: first, bodyStart: stop + 1 };
  }
  return { title: firstClause(view, rest), bodyStart: rest.start };
}

/** The text up to the first clause break, at most 30 characters: a readable summary of a long sentence. */
export function firstClause(view: string, span: Span): Span {
  let end = Math.min(span.end, span.start + 30);
  for (let i = span.start; i < end; i++) {
    if (/[,;:。!?]/.test(view[i]!)) {
      end = i;
      break;
    }
  }
  const t = trimSpan(view, span.start, end);
  return t.end > t.start ? t : trimSpan(view, span.start, Math.min(span.end, span.start + 30));
}
