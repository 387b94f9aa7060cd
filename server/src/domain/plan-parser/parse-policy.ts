import { parsedPolicySchema, type ParsedPolicy } from '../../../../contracts/plan-parse.ts';
import { warn, type ParseContext } from './context.ts';
import { extractDomains } from './domains.ts';
import { extractGoals, type GoalBlock } from './goals.ts';
import { isDateOnly } from './dates.ts';
import { findDocNumber, parseHeader, TITLE_END_RE, type Header } from './header.ts';
import { detectHeading } from './headings.ts';
import { buildView } from './normalize.ts';
import { buildOutline, topNodesOf, walk, type OutlineNode } from './outline.ts';
import { extractTasks } from './tasks.ts';
import { splitBlocks, type Block } from './text-model.ts';
import { extractZones } from './zones.ts';

export type { ParsedPolicy } from '../../../../contracts/plan-parse.ts';

const UNIT_LINE = /^(责任领导|分管领导|责任单位|牵头单位|配合单位|责任部门|牵头部门)/;

/**
 * Parses a Chinese industrial-policy text (实施意见, 行动方案, 若干措施) into a plan: header, dated targets, key
 * domains, zones, tasks and safeguards with their responsible units.
 *
 * Contract: it never throws, whatever the input. What it cannot place is reported in `warnings` with the
 * character range, and every range lies within the text. Each stage is isolated, so a defect in one stage
 * costs that stage's output (reported as a warning), never the whole parse; the result is checked against
 * the shared schema before it is returned.
 */
export function parsePolicy(text: string): ParsedPolicy {
  const input = typeof text === 'string' ? text : '';
  const ctx: ParseContext = { text: input, view: buildView(input), warnings: [] };
  const result: ParsedPolicy = { title: null, issuer: null, issuedOn: null, goals: [], baselines: [], domains: [], zones: [], tasks: [], warnings: ctx.warnings };
  if (input.trim().length === 0) {
    warn(ctx, '文本为空', 'the text is empty', { start: 0, end: input.length });
    return result;
  }

  const blocks = stage(ctx, 'blocks', [] as Block[], () =>
    splitRunOnHeadings(ctx.view, splitBlocks(ctx.view, (line, previous) => startsParagraph(ctx.view, line, previous))),
  );
  const firstHeading = blocks.findIndex((b) => detectHeading(ctx.view, b) !== null);
  const header = stage<Header | null>(ctx, 'header', null, () => parseHeader(ctx, blocks, firstHeading));
  if (header) {
    const { contentStart: _s, contentEnd: _e, docYear: _y, docMonth: _m, ...fields } = header;
    Object.assign(result, fields);
  }
  const contentEnd = header?.contentEnd ?? input.length;
  const body = firstHeading >= 0 ? blocks.slice(firstHeading).filter((b) => b.start < contentEnd) : [];
  const roots = stage<OutlineNode[]>(ctx, 'outline', [], () => buildOutline(ctx, body));
  if (firstHeading < 0) warn(ctx, '未识别出章节结构(一、(一) 1. 等编号)', 'no numbered structure found', { start: 0, end: input.length });

  const time = { docYear: header?.docYear ?? null, docMonth: header?.docMonth ?? null };
  const contentStart = header?.contentStart ?? 0;
  const read = stage(ctx, 'goals', { goals: [], baselines: [] }, () => extractGoals(ctx, goalBlocks(blocks, firstHeading, contentStart, contentEnd, roots), time));
  result.goals = read.goals;
  result.baselines = read.baselines;
  result.domains = stage(ctx, 'domains', [], () => extractDomains(ctx, topNodesOf(roots, 'domains')));
  result.zones = stage(ctx, 'zones', [], () => extractZones(ctx, topNodesOf(roots, 'layout')));
  result.tasks = stage(ctx, 'tasks', [], () => extractTasks(ctx, roots));

  const checked = parsedPolicySchema.safeParse(result);
  if (checked.success) return checked.data;
  // Should not happen; if it does, return what is certainly valid and say why.
  const fallback: ParsedPolicy = { title: null, issuer: null, issuedOn: null, goals: [], domains: [], zones: [], tasks: [], warnings: [] };
  const fctx: ParseContext = { text: input, view: ctx.view, warnings: fallback.warnings };
  warn(fctx, '解析结果未通过校验,已丢弃', `parse result failed validation: ${checked.error.issues[0]?.message ?? ''}`, { start: 0, end: input.length });
  return fallback;
}

/**
 * Lines that never continue the previous one, however it ends: headings, unit lines, header lines, and
 * whatever follows a heading that is only a title ("(一)坚持引育并举,加速产业转型蝶变").
 */
function startsParagraph(view: string, line: Block, previous: Block): boolean {
  const text = view.slice(line.start, line.end);
  const prevText = view.slice(previous.start, previous.end);
  return (
    (detectHeading(view, previous) !== null && !/[。!?]/.test(prevText)) ||
    detectHeading(view, line) !== null ||
    UNIT_LINE.test(text) ||
    findDocNumber(text) !== null ||
    isDateOnly(text) ||
    TITLE_END_RE.test(view.slice(previous.start, previous.end))
  );
}

// A heading label after a space that follows a sentence end or a short chapter title: "一、总体要求 (一)主要目标。…",
// "…提出若干意见如下: 一、明确总体要求". Text copied from a web page loses the line breaks between headings.
const RUN_ON_HEADING = /(?<=(?:^[一二三四五六七八九十]{1,3}、[^\s。,;:()]{2,15}|[。:;!?]))[ \t]+(?=[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))/g;

/** Splits blocks where a heading runs on after a space (see RUN_ON_HEADING); offsets are unchanged. */
function splitRunOnHeadings(view: string, blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    let start = b.start;
    for (const m of view.slice(b.start, b.end).matchAll(RUN_ON_HEADING)) {
      const at = b.start + m.index;
      out.push({ start, end: at });
      start = at + m[0].length;
    }
    out.push({ start, end: b.end });
  }
  return out;
}

/** Runs one stage; a defect becomes a warning over the whole text and the stage's empty result. */
function stage<T>(ctx: ParseContext, name: string, empty: T, run: () => T): T {
  try {
    return run();
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    warn(ctx, `解析器内部错误(${name})`, `internal parser error in stage ${name}: ${detail}`, { start: 0, end: ctx.text.length });
    return empty;
  }
}

/**
 * Where targets are read: the preamble and every section; background ones (发展基础 and 现状) give baselines
 * only, as they state past figures. Inside a goals section a year carries from one paragraph to the next.
 */
function goalBlocks(blocks: readonly Block[], firstHeading: number, contentStart: number, contentEnd: number, roots: readonly OutlineNode[]): GoalBlock[] {
  const out: GoalBlock[] = [];
  const preambleEnd = firstHeading >= 0 ? blocks[firstHeading]!.start : contentEnd;
  for (const b of blocks) if (b.start >= contentStart && b.end <= preambleEnd) out.push({ block: b, section: null });
  walk(roots, (node) => {
    if (node.cls === 'background') {
      for (const b of node.blocks) out.push({ block: b, section: null, background: true });
      return;
    }
    const section = goalsAncestor(node);
    for (const b of node.blocks) out.push({ block: b, section });
  });
  return out.sort((a, b) => a.block.start - b.block.start);
}

function goalsAncestor(node: OutlineNode): OutlineNode | null {
  for (let n: OutlineNode | null = node; n; n = n.parent) if (n.cls === 'goals') return n;
  return null;
}
