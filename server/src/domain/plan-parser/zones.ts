import type { ParsedZone } from '../../../../contracts/plan-parse.ts';
import { canonical, warn, type ParseContext } from './context.ts';
import { findEnumerations } from './enumerations.ts';
import { compact } from './normalize.ts';
import { contentSpans, type OutlineNode } from './outline.ts';
import { trimSpan, type Span } from './text-model.ts';

/**
 * Layout (产业布局): "依托湾区科创城打造“生物创新城”,充分利用市公卫中心、中科生态数字港、东湖国际创新中心等
 * 发展空间…" gives a zone (生物创新城), its base (湾区科创城) and its carriers — the named places the text
 * puts at the zone's disposal. Other lists in the same sentence (products, technologies) are not carriers.
 */
const ZONE_RE = /(?:依托|立足|围绕|以|在)([^,。;“”"]{2,30}?)(?:为(?:核心|主体|依托|载体))?,?\s*(?:打造|建设|建成|创建|构建)\s*["“]([^”"]{2,20})["”]/g;
const PLACE_RE = /(中心|港|园|城|区|基地|湾|谷|院|所|楼|大厦|孵化器|加速器|平台|小镇|街区|实验室|片区)$/;
const CARRIER_HEAD = /空间|载体|优势|平台|资源|园区|基地|阵地/;
const SINGLE_CARRIER_RE = /(?:利用|发挥|依托|用好|借助)([^,。;、“”]{2,20}?)等(?:发展空间|空间|载体|产业优势|优势|平台|资源)/g;

export function extractZones(ctx: ParseContext, sections: readonly OutlineNode[]): ParsedZone[] {
  const out: ParsedZone[] = [];
  for (const section of sections) {
    const spans = contentSpans(section, true);
    const aliases = aliasChars(ctx, spans);
    const before = out.length;
    for (const span of spans) {
      const text = ctx.view.slice(span.start, span.end);
      const matches = [...text.matchAll(ZONE_RE)];
      matches.forEach((m, k) => {
        const start = span.start + m.index;
        const end = k + 1 < matches.length ? span.start + matches[k + 1]!.index : span.end;
        const name = compact(m[2]!);
        const base = compact(m[1]!);
        const zoneSpan = trimSpan(ctx.view, start, end);
        const alias = aliases.find((c) => name.endsWith(c));
        out.push({
          name,
          ...(alias ? { alias: `一${alias}` } : {}),
          base,
          carriers: carriersIn(ctx, { start: start + m[0].length, end }, base),
          source: zoneSpan,
        });
      });
    }
    if (out.length === before) out.push(...headedZones(ctx, section, aliases));
    if (out.length === before) {
      warn(ctx, '产业布局章节中未识别出功能区', 'no zone found in the layout section', { start: section.start, end: section.end });
    }
  }
  return out;
}

/** "(一)“合成生物创新港”。依托湾区科创城,利用…等载体…": one numbered item per zone. */
function headedZones(ctx: ParseContext, section: OutlineNode, aliases: readonly string[]): ParsedZone[] {
  return section.children.flatMap((child) => {
    const name = compact(canonical(ctx, child.heading.title)).replace(/[“”"。]/g, '');
    if (name.length < 2 || name.length > 20) return [];
    const spans = contentSpans(child, true);
    const text = spans.map((sp) => canonical(ctx, sp)).join('\n');
    const base = compact(/(?:依托|立足|以)([^,。;“”]{2,30}?)(?:为(?:核心|主体|依托|载体))?(?:,|打造|建设|$)/m.exec(text)?.[1] ?? '');
    const alias = aliases.find((c) => name.endsWith(c));
    const carriers = [...new Set(spans.flatMap((sp) => carriersIn(ctx, sp, base)))];
    return [{ name, ...(alias ? { alias: `一${alias}` } : {}), base, carriers, source: { start: child.start, end: child.end } }];
  });
}

/** “一城一港一湾一园一谷” → 城, 港, 湾, 园, 谷: the short names of the zones, in order. */
function aliasChars(ctx: ParseContext, spans: readonly Span[]): string[] {
  for (const span of spans) {
    const m = /["“]((?:一[\u4e00-\u9fff]){2,})["”]/.exec(canonical(ctx, span));
    if (m) return [...m[1]!.matchAll(/一([\u4e00-\u9fff])/g)].map((x) => x[1]!);
  }
  return [];
}

function carriersIn(ctx: ParseContext, span: Span, base: string): string[] {
  const found: { at: number; name: string }[] = [];
  const baseParts = new Set(base.split('、'));
  for (const e of findEnumerations(ctx.view, span)) {
    if (!CARRIER_HEAD.test(e.head)) continue;
    for (const item of e.items) if (PLACE_RE.test(item) && !baseParts.has(item)) found.push({ at: e.start, name: item });
  }
  const text = ctx.view.slice(span.start, span.end);
  for (const m of text.matchAll(SINGLE_CARRIER_RE)) {
    const name = compact(m[1]!);
    if (PLACE_RE.test(name)) found.push({ at: span.start + m.index, name });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.name))];
}
