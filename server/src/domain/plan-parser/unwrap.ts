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
  const out: string[] = [];
  lines.forEach((line, i) => {
    const prev = out[out.length - 1];
    if (prev !== undefined && i > 0 && joins(prev, lines[i - 1]!, line, width)) {
      const cr = line.endsWith('\r') ? '\r' : '';
      // In Chinese text a line break stands for nothing, not even a space (CM|O → CMO).
      out[out.length - 1] = prev.replace(/\r$/, '').trimEnd() + line.replace(/\r$/, '').trimStart() + cr;
    } else {
      out.push(line);
    }
  });
  return out.join('\n');
}

/**
 * Whether physical line `line` continues the paragraph built so far, whose last physical line is `prev`.
 * That line must have been cut at the wrap width. An unclosed bracket always continues ("…(\n责任单位:…)");
 * a full line ending a sentence continues unless the next line is indented, as new paragraphs are.
 */
function joins(paragraph: string, prev: string, line: string, width: number): boolean {
  const p = buildView(prev.replace(/\r$/, '')).trim();
  const n = buildView(line.replace(/\r$/, '')).trim();
  if (!p || !n || p.length < width - 2 || TITLE_END_RE.test(p)) return false;
  const para = buildView(paragraph);
  if (count(para, '(') > count(para, ')')) return true;
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

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
