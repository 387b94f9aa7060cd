import { isDateOnly } from './dates.ts';
import { findDocNumber, TITLE_END_RE } from './header.ts';
import { buildView } from './normalize.ts';

/**
 * Text copied out of a PDF arrives hard-wrapped: every paragraph broken into lines of the same width, with
 * words and figures split across the breaks ("产业规模突\n破500亿元"). This joins such lines back into
 * paragraphs before parsing. It only acts when most long lines share one width (so ordinary text with one
 * paragraph per line is returned unchanged) and never joins into a heading, a unit line, a date or a document
 * number. Pure: the caller keeps the returned text, which is what the parser's offsets refer to.
 */
const STARTS_OWN_LINE =
  /^(?:[一二三四五六七八九十]{1,3}[、.]|第[一二三四五六七八九十百\d]{1,4}[章节部条]|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、](?!\d)|[\u2460-\u2473]|—|-{2}|责任|牵头|配合)/;
const ENDS_PARAGRAPH = /[。!?;:)”"…]$/;

export function unwrapHardWrappedLines(text: string): string {
  const lines = text.split('\n');
  const width = wrapWidth(lines);
  if (width === null) return text;
  // Each paragraph is kept as its pieces with a running bracket balance: looking at the whole paragraph
  // again for every line made a long run of wrapped lines quadratic (8 000 lines took minutes).
  const out: string[] = [];
  let pieces: string[] | null = null;
  let open = 0;
  const flush = () => {
    if (pieces) out.push(pieces.join(''));
    pieces = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const bare = line.replace(/\r$/, '');
    const view = buildView(bare);
    if (pieces !== null && joins(open > 0, buildView(lines[i - 1]!.replace(/\r$/, '')), view, line, width)) {
      const cr = line.endsWith('\r') ? '\r' : '';
      // In Chinese text a line break stands for nothing, not even a space (CM|O → CMO).
      const current: string[] = pieces;
      current[current.length - 1] = current[current.length - 1]!.replace(/\r$/, '').trimEnd();
      current.push(bare.trimStart() + cr);
    } else {
      flush();
      pieces = [line];
      open = 0;
    }
    open += balance(view);
  }
  flush();
  return out.join('\n');
}

/**
 * Whether physical line `line` (its view `n`) continues the paragraph built so far, whose last physical line
 * has the view `p`. That line must have been cut at the wrap width. An unclosed bracket in the paragraph
 * (`inBracket`) always continues ("…(\n责任单位:…)"); a full line ending a sentence continues unless the next
 * line is indented, as new paragraphs are.
 */
function joins(inBracket: boolean, prevView: string, lineView: string, line: string, width: number): boolean {
  const p = prevView.trim();
  const n = lineView.trim();
  if (!p || !n || p.length < width - 2 || TITLE_END_RE.test(p)) return false;
  if (inBracket) return true;
  if (STARTS_OWN_LINE.test(n) || isDateOnly(n) || findDocNumber(n) !== null) return false;
  return !ENDS_PARAGRAPH.test(p) || (/[。!?]$/.test(p) && !/^[\s\u3000]/.test(line));
}

/** The common width of long lines when at least 5 of them and 40% of all long lines share it (±2); else null. */
function wrapWidth(lines: readonly string[]): number | null {
  const lengths = lines.map((l) => buildView(l.replace(/\r$/, '')).trim().length).filter((n) => n >= 20);
  if (lengths.length < 5) return null;
  const counts = new Map<number, number>();
  for (const n of lengths) counts.set(n, (counts.get(n) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const w of counts.keys()) {
    let c = 0;
    for (let d = 0; d <= 2; d++) c += counts.get(w - d) ?? 0;
    if (c > bestCount) {
      best = w;
      bestCount = c;
    }
  }
  return best !== null && bestCount >= 5 && bestCount >= lengths.length * 0.4 ? best : null;
}

/** Opening minus closing brackets in a line's view. */
function balance(view: string): number {
  let d = 0;
  for (let i = 0; i < view.length; i++) {
    const ch = view[i];
    if (ch === '(') d++;
    else if (ch === ')') d--;
  }
  return d;
}
