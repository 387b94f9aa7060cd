import { canonical, warn, type ParseContext } from './context.ts';
import { detectHeading, type Heading, type HeadingType } from './headings.ts';
import { compact } from './normalize.ts';
import type { Block } from './text-model.ts';

/** What a section is for; decides which extractor reads it. */
export type SectionClass = 'background' | 'goals' | 'domains' | 'layout' | 'tasks' | 'safeguards' | 'unknown';

export interface OutlineNode {
  heading: Heading;
  start: number;
  end: number;
  /** The heading block first, then the paragraphs that belong to this node and not to a child. */
  blocks: Block[];
  children: OutlineNode[];
  parent: OutlineNode | null;
  cls: SectionClass;
}

// Section titles are short and generic; a long title is a task's own wording, never a section name.
const CLASS_RULES: { cls: SectionClass; re: RegExp }[] = [
  { cls: 'background', re: /指导思想|基本原则|总体要求|总体思路|发展思路|基本思路|发展基础|发展现状|现状|形势|背景|重要意义|工作原则|编制依据|定位|附则/ },
  { cls: 'safeguards', re: /保障|组织实施|组织领导|工作要求|实施要求/ },
  { cls: 'goals', re: /^(?!.*任务).*目标/ },
  { cls: 'domains', re: /领域|发展重点|重点方向|重点产业|产业方向|主攻方向|发展方向|产业重点/ },
  { cls: 'layout', re: /布局/ },
  { cls: 'tasks', re: /任务|举措|措施$|行动$|工程$|重点工作|主要工作|工作重点/ },
];

function classifyTitle(title: string): SectionClass | null {
  const t = compact(title).replace(/[。:]$/, '');
  // The closing article of 若干措施 (本措施自…起施行, 由…负责解释) sets no task.
  if (/起施行|负责解释|有效期/.test(t)) return 'background';
  // "前瞻布局、梯度推进" is a principle, not the 产业布局 section: section names are not lists.
  if (t.length === 0 || t.length > 12 || /[、,;]/.test(t)) return null;
  return CLASS_RULES.find((r) => r.re.test(t))?.cls ?? null;
}

/**
 * Builds the heading tree. Nesting follows first appearance: a heading form already open on the stack closes
 * everything below it and becomes a sibling; a new form becomes a child. This copes with documents that put
 * 1. under (一), (一) under 一、, or skip a level.
 */
export function buildOutline(ctx: ParseContext, blocks: readonly Block[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (const block of blocks) {
    const heading = detectHeading(ctx.view, block);
    if (!heading) {
      // Callers start at the first heading, so there is always an open node.
      stack[stack.length - 1]?.blocks.push(block);
      continue;
    }
    const same = findLastIndex(stack, (n) => n.heading.type === heading.type);
    if (same >= 0) stack.length = same;
    const parent = stack[stack.length - 1] ?? null;
    const node: OutlineNode = { heading, start: block.start, end: block.end, blocks: [block], children: [], parent, cls: 'unknown' };
    (parent ? parent.children : roots).push(node);
    stack.push(node);
  }
  for (const root of roots) finish(ctx, root);
  checkNumbering(ctx, roots, new Map());
  return roots;
}

function finish(ctx: ParseContext, node: OutlineNode): void {
  const own = node.heading.type === 'dash' ? null : classifyTitle(canonical(ctx, node.heading.title));
  const inherited = node.parent?.cls ?? 'unknown';
  // Only a background section (总体要求) hands its children their own class (指导思想, 主要目标 …);
  // under 主要任务 a child titled "优化产业布局" is still a task.
  node.cls = !node.parent ? (own ?? 'unknown') : inherited === 'background' ? (own ?? 'background') : inherited;
  for (const child of node.children) finish(ctx, child);
  const lastBlock = node.blocks[node.blocks.length - 1]!;
  const lastChild = node.children[node.children.length - 1];
  node.end = Math.max(lastBlock.end, lastChild?.end ?? 0);
}

/**
 * Labels must count up by one among siblings; the first of a form may restart at 1 or continue the previous
 * section's count (both conventions exist). Anything else is reported, not corrected.
 */
function checkNumbering(ctx: ParseContext, nodes: readonly OutlineNode[], lastByType: Map<HeadingType, number>): void {
  let previous: OutlineNode | null = null;
  for (const node of nodes) {
    const ord = node.heading.ordinal;
    if (ord !== null) {
      const prev = previous && previous.heading.type === node.heading.type ? previous.heading.ordinal : null;
      const carried = lastByType.get(node.heading.type);
      const ok = prev !== null ? ord === prev + 1 : ord === 1 || (carried !== undefined && ord === carried + 1);
      if (!ok) {
        const label = ctx.text.slice(node.heading.label.start, node.heading.label.end);
        warn(ctx, `编号不连续:“${label}”`, `numbering out of sequence at "${label}"`, node.heading.label);
      }
      lastByType.set(node.heading.type, ord);
    }
    previous = node;
    checkNumbering(ctx, node.children, lastByType);
  }
}

function findLastIndex<T>(items: readonly T[], pred: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i]!)) return i;
  return -1;
}

/** All nodes, depth first, in document order. */
export function walk(nodes: readonly OutlineNode[], visit: (node: OutlineNode) => void): void {
  for (const node of nodes) {
    visit(node);
    walk(node.children, visit);
  }
}

/**
 * The content of a node as spans: the part of the heading block after the title, its own paragraphs and,
 * if asked, every descendant's paragraphs.
 */
export function contentSpans(node: OutlineNode, withDescendants: boolean): Block[] {
  const [first, ...rest] = node.blocks;
  const out: Block[] = [];
  if (first && node.heading.bodyStart < first.end) out.push({ start: node.heading.bodyStart, end: first.end });
  out.push(...rest);
  if (withDescendants) walk(node.children, (child) => out.push(...child.blocks));
  return out.sort((a, b) => a.start - b.start);
}

/** The outermost nodes of a class (a 重点领域 chapter, not each of its items). */
export function topNodesOf(roots: readonly OutlineNode[], cls: SectionClass): OutlineNode[] {
  const out: OutlineNode[] = [];
  walk(roots, (node) => {
    if (node.cls === cls && node.parent?.cls !== cls) out.push(node);
  });
  return out;
}
