import type { ParsedDomain } from '../../../../contracts/plan-parse.ts';
import { canonical, warn, type ParseContext } from './context.ts';
import { findEnumerations } from './enumerations.ts';
import { compact } from './normalize.ts';
import { contentSpans, type OutlineNode } from './outline.ts';
import { trimSpan, type Span } from './text-model.ts';

/**
 * Key domains (重点领域): each "生物医药领域:…" paragraph, or each numbered item of the section, is a domain;
 * its sub-fields are the products the text lists. Lists of methods (…等新技术研究, …等生物技术) describe how,
 * not what, so they are not sub-fields.
 */
const METHOD_HEAD = /^(新?技术|新工艺|工艺|生物技术|研究|新技术研究|优势)/;
const METHOD_ITEM = /(技术|工艺)$/;
const ENTRY_RE = /^([^,。:;()]{2,20}?)(?:领域)?:/;

export function extractDomains(ctx: ParseContext, sections: readonly OutlineNode[]): ParsedDomain[] {
  const out: ParsedDomain[] = [];
  for (const section of sections) {
    const before = out.length;
    if (section.children.length > 0) {
      for (const child of section.children) {
        const name = domainName(canonical(ctx, child.heading.title).split(':')[0] ?? '');
        const body = contentSpans(child, true);
        if (name) out.push({ name, subfields: subfieldsOf(ctx, body), source: { start: child.start, end: child.end } });
      }
    } else {
      for (const block of section.blocks.slice(1)) {
        const m = ENTRY_RE.exec(canonical(ctx, block));
        if (!m) continue;
        const name = domainName(m[1]!);
        const body = trimSpan(ctx.view, block.start + m[0].length, block.end);
        if (name) out.push({ name, subfields: subfieldsOf(ctx, [body]), source: { start: block.start, end: block.end } });
      }
    }
    if (out.length === before) {
      warn(ctx, '重点领域章节中未识别出领域', 'no domain found in the key-domains section', { start: section.start, end: section.end });
    }
  }
  return out;
}

function domainName(raw: string): string {
  return compact(raw).replace(/[“”"。]/g, '').replace(/领域$/, '');
}

function subfieldsOf(ctx: ParseContext, spans: readonly Span[]): string[] {
  const seen = new Set<string>();
  for (const span of spans) {
    for (const e of findEnumerations(ctx.view, span)) {
      const methods = e.items.filter((x) => METHOD_ITEM.test(x)).length;
      if (METHOD_HEAD.test(e.head) || methods * 2 >= e.items.length) continue;
      for (const item of e.items) if (item.length >= 2 && item.length <= 20) seen.add(item);
    }
  }
  return [...seen];
}
