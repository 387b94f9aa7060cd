import { compact } from './normalize.ts';
import type { Span } from './text-model.ts';

/**
 * Lists written with 、: "重点推进抗体药物、新型疫苗、细胞与基因治疗产业化进程", "充分利用市公卫中心、
 * 中科生态数字港、东湖国际创新中心等发展空间". An enumeration has its items and its head — the noun phrase
 * after the list (产业化进程, 发展空间) that says what kind of things the items are.
 */
export interface Enumeration extends Span {
  items: string[];
  head: string;
}

const CLAUSE_BREAK = /[,;。:!?()\n\r“”]/;
// Words that introduce a list; the first item starts after the last of them.
const LEADERS = [
  '推进', '推动', '发展', '提升', '加速', '加快', '支持', '探索', '研究', '制造', '开展', '普及', '推广', '应用', '吸收',
  '利用', '发挥', '依托', '聚焦', '围绕', '突出', '培育', '打造', '引进', '鼓励', '承接', '布局', '以及', '包括', '涵盖',
  '例如', '生产', '开发', '实现', '形成', '建设', '重点', '着力', '全力', '积极', '大力',
];
// Where an unterminated last item ends and its head begins.
const HEAD_STARTS = ['产业化', '规模化', '进程', '产业', '研发', '发展', '应用', '项目', '领域', '方向', '打造', '建设', '的'];

/** Enumerations in `span` of the view, in order. Single items ("低碳高效等…") are not lists. */
export function findEnumerations(view: string, span: Span): Enumeration[] {
  const out: Enumeration[] = [];
  let s = span.start;
  for (let i = span.start; i <= span.end; i++) {
    if (i < span.end && !CLAUSE_BREAK.test(view[i]!)) continue;
    if (view.slice(s, i).includes('、')) out.push(...clauseEnumerations(view, s, i));
    s = i + 1;
  }
  return out;
}

function clauseEnumerations(view: string, start: number, end: number): Enumeration[] {
  const out: Enumeration[] = [];
  const parts = view.slice(start, end).split('、');
  let items: string[] = [];
  let listStart = start;
  let offset = start;
  const close = (last: string, head: string, at: number) => {
    items.push(last);
    const clean = items.map((x) => compact(x)).filter((x) => x.length >= 1);
    if (clean.length >= 2) out.push({ start: listStart, end: at, items: clean, head: compact(head) });
    items = [];
  };
  parts.forEach((part, k) => {
    const partStart = offset;
    offset += part.length + 1;
    let text = part;
    if (k === 0 || items.length === 0) {
      const cut = leaderCut(text);
      text = text.slice(cut);
      listStart = partStart + cut;
    }
    const deng = text.indexOf('等');
    if (deng >= 0) {
      // "…表面活性剂等精细化学品以及烃类": the list ends at 等; a new one may start after a leader word.
      const head = text.slice(deng + 1);
      close(text.slice(0, deng), headOnly(head), partStart + (part.length - text.length) + deng);
      const restCut = leaderCut(head);
      if (restCut > 0 && k < parts.length - 1) {
        items = [head.slice(restCut)];
        listStart = partStart + (part.length - text.length) + deng + 1 + restCut;
      }
      return;
    }
    if (k === parts.length - 1) {
      const at = headStart(text);
      close(text.slice(0, at), text.slice(at), partStart + (part.length - text.length) + at);
    } else {
      items.push(text);
    }
  });
  return out;
}

/**
 * Where the first item starts. A verb chain at the clause start wins ("重点推进", "推广应用", "深入开展"); else
 * the last leader word, keeping at least two characters of item ("…一体化研究制造生物质发电" → 生物质发电).
 */
function leaderCut(text: string): number {
  let pos = 0;
  for (let moved = true; moved; ) {
    moved = false;
    for (let skip = 0; skip <= 2 && !moved; skip++) {
      const w = LEADERS.find((x) => text.startsWith(x, pos + skip) && text.length - (pos + skip + x.length) >= 2);
      if (w) {
        pos += skip + w.length;
        moved = true;
      }
    }
  }
  if (pos > 0) return pos;
  let best = 0;
  for (const w of LEADERS) {
    const at = text.lastIndexOf(w);
    if (at >= 0 && at + w.length > best && text.length - (at + w.length) >= 2) best = at + w.length;
  }
  return best;
}

function headStart(text: string): number {
  let best = text.length;
  for (const w of HEAD_STARTS) {
    const at = text.indexOf(w, 2);
    if (at >= 0 && at < best) best = at;
  }
  return best;
}

/** The head up to a following leader word ("精细化学品以及烃类" → 精细化学品). */
function headOnly(head: string): string {
  const at = head.search(/以及|和|及/);
  return at > 0 ? head.slice(0, at) : head;
}
