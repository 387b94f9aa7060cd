import type { EnumOption } from './columns.ts';

/**
 * Multi-value cells ("可多选，用顿号分隔"). Item names may themselves contain a separator — chain nodes such as
 * 优势农产品(节水抗旱稻、食用菌) or 大宗基础化学品(烃类、醇类、1,3-丙二醇) — so a cell is never simply split:
 * - a column with enumerated options is tokenised by the known labels (and codes), longest match first,
 *   each match ending at a separator or the end of its line;
 * - a line break always separates items (Excel's Alt+Enter), and the export puts each item on its own line
 *   whenever one of them contains a separator, so export → import reads back exactly what was written;
 * - free text without line breaks falls back to splitting on the separators.
 * Pure.
 */

const SEPARATORS = new Set(['、', ',', ';']);
/** Any separator character as typed, before width folding (，；are folded to , ; when matching). */
const SEPARATOR_IN_TEXT = /[、,，;；]/;
const LINE_BREAK = /\r\n|\r|\n/;

export type ParsedList = { ok: true; value: string[] } | { ok: false; message: string };

/** Width-, case- and space-insensitive form of a label; the same folding enum cells use. */
function fold(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** A line folded character by character, remembering where each folded character came from (for messages). */
function foldWithOrigins(line: string): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of line) {
    const folded = fold(ch);
    for (const f of folded) {
      text += f;
      origin.push(i);
    }
    i += ch.length;
  }
  return { text, origin };
}

function isBoundary(text: string, at: number): boolean {
  return at === text.length || SEPARATORS.has(text[at]!);
}

interface Candidate {
  folded: string;
  value: string;
}

/**
 * Tokenises one line by the options. Longest match first; if that leaves an unknown remainder, shorter matches
 * are tried (an option "A、B" must not hide "A" followed by "B、C"). Returns the values, or the furthest position
 * at which no option matched.
 */
function tokenise(text: string, candidates: readonly Candidate[]): { values: string[] } | { stuckAt: number } {
  const failed = new Set<number>();
  let furthest = 0;
  const walk = (pos: number): string[] | null => {
    while (pos < text.length && SEPARATORS.has(text[pos]!)) pos++;
    if (pos === text.length) return [];
    if (failed.has(pos)) return null;
    for (const c of candidates) {
      if (!text.startsWith(c.folded, pos) || !isBoundary(text, pos + c.folded.length)) continue;
      const rest = walk(pos + c.folded.length);
      if (rest) return [c.value, ...rest];
    }
    failed.add(pos);
    furthest = Math.max(furthest, pos);
    return null;
  };
  const values = walk(0);
  return values ? { values } : { stuckAt: furthest };
}

function splitFreeText(line: string): string[] {
  return line
    .split(/[、,，;；]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * `oneItemPerLine`: the cell as read had a line break (possibly a trailing one, which is how the export writes a
 * single free-text item that contains a separator).
 */
export function parseListCell(text: string, options: readonly EnumOption[] | undefined, oneItemPerLine = LINE_BREAK.test(text)): ParsedList {
  const lines = text.split(LINE_BREAK).map((l) => l.trim()).filter(Boolean);
  if (!options) return { ok: true, value: oneItemPerLine ? lines : lines.flatMap(splitFreeText) };
  const byFolded = new Map<string, string>();
  for (const o of options) {
    for (const form of [o.label, o.value]) {
      const f = fold(form);
      if (f && !byFolded.has(f)) byFolded.set(f, o.value);
    }
  }
  const candidates = [...byFolded].map(([folded, value]) => ({ folded, value })).sort((a, b) => b.folded.length - a.folded.length);
  const values: string[] = [];
  for (const line of lines) {
    const { text: folded, origin } = foldWithOrigins(line);
    const result = tokenise(folded, candidates);
    if ('values' in result) {
      values.push(...result.values);
      continue;
    }
    // Name the unknown item as the user typed it: from where matching stopped to the next separator.
    const start = origin[result.stuckAt] ?? 0;
    const rest = line.slice(start);
    const unknown = rest.split(SEPARATOR_IN_TEXT)[0]!.trim() || rest.trim();
    return { ok: false, message: `“${unknown}”不是可选值（可选：${[...new Set(options.map((o) => o.label))].join('、')}）` };
  }
  return { ok: true, value: values };
}

/**
 * How a list is written to a cell: 顿号-separated as the template asks, or one item per line when any item
 * contains a separator, so that the import reads back the same items. A lone free-text item with a separator
 * gets a trailing line break (invisible in the sheet) so it is not split either; enumerated columns need none,
 * their tokeniser knows the labels.
 */
export function joinListItems(items: readonly string[], enumerated: boolean): string {
  if (!items.some((i) => SEPARATOR_IN_TEXT.test(i))) return items.join('、');
  return items.join('\n') + (items.length === 1 && !enumerated ? '\n' : '');
}
