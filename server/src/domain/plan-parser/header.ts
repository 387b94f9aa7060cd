import type { ForwardingNotice } from '../../../../contracts/plan-parse.ts';
import { canonical, original, warn, type ParseContext } from './context.ts';
import { dateOnly, findDate, type PolicyDate } from './dates.ts';
import { compact, tidy } from './normalize.ts';
import type { Block } from './text-model.ts';

export interface Header {
  title: string | null;
  issuer: string | null;
  issuedOn: string | null;
  docNumber?: string;
  forwarding?: ForwardingNotice;
  /** Where the document's own content starts: after its title (after the inner title of a forwarded one). */
  contentStart: number;
  /** Where the closing signature starts; the text's end when there is none. */
  contentEnd: number;
  /** The date relative horizons (通过五年努力) count from: the document's date, else its number's year. */
  docYear: number | null;
  docMonth: number | null;
}

const DOC_NUMBER_RE = /([\u4e00-\u9fff]{1,12})\s*[〔\[(]\s*((?:19|20)\d{2})\s*[〕\])]\s*(\d{1,5})\s*号/;
const NOTICE_RE = /(?:转发|印发|发布|下发|颁发|颁布)[^《]{0,40}《([^》]{2,80})》/;
/** How a document title ends; a line ending so is never continued by the next one. */
export const TITLE_END_RE = /(通知|意见|方案|措施|办法|规划|计划|细则|决定|纲要|规定|政策|指南|要点|安排|\(试行\)|\(\d{4}.{1,2}\d{4}年?\))$/;
const ORG_RE = /(政府|办公室|办公厅|委员会|管委会|委|局|办|厅|部|院|中心|公司|协会|集团|小组|街道|镇)$/;

/** A signature line: an organisation name (or several separated by spaces), no sentence punctuation. */
function isOrgLine(s: string): boolean {
  const t = s.trim();
  if (t.length < 2 || t.length > 60 || /[。,;:!?《》“”]/.test(t)) return false;
  return t.split(/\s+/).every((part) => ORG_RE.test(part));
}

/** 沪府办发〔2023〕18号, also written with [ ] or ( ); returned in the canonical 〔〕 form. */
export function findDocNumber(s: string): { value: string; year: number } | null {
  const m = DOC_NUMBER_RE.exec(s);
  if (!m) return null;
  const prefix = m[1]!.replace(/^(发文字号|发文文号|文号|字号)/, '');
  if (!prefix) return null;
  return { value: `${prefix}〔${m[2]}〕${m[3]}号`, year: Number(m[2]) };
}

/** What the opening lines say: the title, and for a forwarded document the notice around it. */
interface Opening {
  title: string | null;
  /** For a title that names its issuer ("金山区人民政府关于…"). */
  titleSpan: Block | null;
  forwarding?: ForwardingNotice;
  noticeDate: PolicyDate | null;
  /** "转发区经委制订的《…》" → 区经委: the inner document's author when it carries no signature. */
  innerIssuerHint: string | null;
  /** Index of the last opening block (the title, or the inner title); -1 when there is none. */
  lastIdx: number;
}

export function parseHeader(ctx: ParseContext, blocks: readonly Block[], firstHeading: number): Header {
  const view = (b: Block) => canonical(ctx, b).trim();
  const head = blocks.slice(0, firstHeading >= 0 ? firstHeading : Math.min(blocks.length, 8));

  let docNumber: { value: string; year: number } | null = null;
  const metaIdx = new Set<number>();
  for (const [i, b] of head.entries()) {
    const v = view(b);
    if (v.length > 40) continue;
    const found = findDocNumber(v);
    docNumber ??= found;
    if (found || /^[\u4e00-\u9fff]{1,6}:$/.test(v)) metaIdx.add(i); // "字号:" left blank is a label, not a title
  }
  // A title precedes the prose: in a news repost the first block is already running text, and a closing line
  // ("【温馨提示】…删除!") after it is no title, so nothing before it may be cut off as header.
  const firstProse = head.findIndex((b) => {
    const v = view(b);
    return v.length > 120 || (v.length > 60 && /。/.test(v));
  });
  // A repost that runs the whole notice into one line still opens with its number ("沪府办规〔2021〕5号 各区…").
  if (!docNumber && head[0]) docNumber = findDocNumber(view(head[0]).slice(0, 40));
  const isTitleCandidate = (i: number) => {
    const v = view(head[i]!);
    return (firstProse < 0 || i < firstProse) && !metaIdx.has(i) && v.length <= 120 && !/[。:]$/.test(v) && !dateOnly(v) && !/^\(.*\)$/.test(v);
  };

  const opening = readForwarding(ctx, head, isTitleCandidate) ?? readTitle(ctx, head, isTitleCandidate);
  const signature = readSignature(ctx, blocks, Math.max(opening.lastIdx, firstHeading));

  let issuer = signature?.issuer ?? null;
  // A date printed under the title, "(2023年5月10日区政府第39次常务会议通过)", else the notice's date.
  const headerDate = head
    .slice(opening.lastIdx + 1)
    .map(view)
    .filter((v) => v.length <= 60 && (/^\(.*\)$/.test(v) || dateOnly(v) !== null))
    .map(findDate)
    .find((d) => d !== null);
  const date = signature?.date ?? headerDate ?? opening.noticeDate;
  if (!issuer && opening.forwarding) issuer = opening.innerIssuerHint ?? opening.forwarding.issuer;
  if (!issuer && opening.titleSpan) issuer = issuerInTitle(ctx, opening.titleSpan);

  const headSpan = { start: 0, end: Math.min(ctx.text.length, head[head.length - 1]?.end ?? 0) };
  if (!opening.title) warn(ctx, '未识别出文件标题', 'document title not found', headSpan);
  if (!issuer) warn(ctx, '未识别出发文单位', 'issuing body not found', headSpan);
  if (!date) warn(ctx, '未识别出成文日期', 'document date not found', headSpan);

  const contentStart = opening.lastIdx >= 0 ? head[opening.lastIdx]!.end : 0;
  return {
    title: opening.title,
    issuer,
    issuedOn: date?.iso ?? null,
    ...(docNumber ? { docNumber: docNumber.value } : {}),
    ...(opening.forwarding ? { forwarding: opening.forwarding } : {}),
    contentStart,
    contentEnd: Math.max(signature?.start ?? ctx.text.length, contentStart),
    docYear: date?.year ?? docNumber?.year ?? planPeriodStart(canonical(ctx, { start: 0, end: Math.min(ctx.text.length, 600) })),
    docMonth: date?.month ?? null,
  };
}

/**
 * "…关于转发区经委制订的《X》的通知", its signature and date, then X again as the inner document's title.
 * When X is not repeated (印发 notices often go straight to the text), the title is taken from the 《》.
 */
function readForwarding(ctx: ParseContext, head: readonly Block[], isTitleCandidate: (i: number) => boolean): Opening | null {
  const view = (b: Block) => canonical(ctx, b).trim();
  const noticeIdx = head.findIndex((b, i) => i < 4 && isTitleCandidate(i) && NOTICE_RE.test(view(b)) && /通知$/.test(compact(view(b))));
  if (noticeIdx < 0) return null;
  const notice = head[noticeIdx]!;
  const noticeText = canonical(ctx, notice);
  const m = NOTICE_RE.exec(noticeText)!;
  const innerText = compact(m[1]!);
  const innerIdx = head.findIndex((b, i) => i > noticeIdx && compact(view(b)) === innerText);
  const dateIdx = findIndexIn(head, noticeIdx + 1, innerIdx >= 0 ? innerIdx : head.length, (b) => dateOnly(view(b)) !== null);
  const sigIdx = dateIdx > noticeIdx + 1 && isOrgLine(view(head[dateIdx - 1]!)) ? dateIdx - 1 : -1;
  const noticeDate = dateIdx >= 0 ? dateOnly(view(head[dateIdx]!)) : null;
  const prefix = noticeText.split('关于')[0] ?? '';
  const prefixIssuer = prefix !== noticeText && ORG_RE.test(prefix.trim()) ? tidy(prefix) : null;
  let title: string;
  if (innerIdx >= 0) {
    title = tidy(original(ctx, head[innerIdx]!));
  } else {
    const open = notice.start + noticeText.indexOf('《', m.index) + 1;
    title = tidy(ctx.text.slice(open, open + m[1]!.length));
  }
  return {
    title,
    titleSpan: null,
    forwarding: {
      title: tidy(original(ctx, notice)),
      issuer: sigIdx >= 0 ? tidy(original(ctx, head[sigIdx]!)) : prefixIssuer,
      issuedOn: noticeDate?.iso ?? null,
    },
    noticeDate,
    innerIssuerHint: /转发(.{2,20}?)(?:制订|制定|起草|拟订|拟定|编制)?的《/.exec(noticeText)?.[1] ?? null,
    lastIdx: innerIdx >= 0 ? innerIdx : Math.max(noticeIdx, dateIdx),
  };
}

/** The first title-like line, joined with the next when the title is broken over two lines. */
function readTitle(ctx: ParseContext, head: readonly Block[], isTitleCandidate: (i: number) => boolean): Opening {
  const view = (b: Block) => compact(canonical(ctx, b));
  const none: Opening = { title: null, titleSpan: null, noticeDate: null, innerIssuerHint: null, lastIdx: -1 };
  const first = head.findIndex((_, i) => isTitleCandidate(i));
  if (first < 0) return none;
  let last = first;
  while (last + 1 < head.length && isTitleCandidate(last + 1) && view(head[last + 1]!).length <= 40) {
    const next = view(head[last + 1]!);
    const nextIsYears = /^\(\d{4}.{1,2}\d{4}年?\)$/.test(next); // "(2024—2026年)" under a plan's title
    if (!nextIsYears && (TITLE_END_RE.test(view(head[last]!)) || !TITLE_END_RE.test(next))) break;
    last++;
  }
  const titleSpan = { start: head[first]!.start, end: head[last]!.end };
  return { ...none, title: tidy(original(ctx, titleSpan)), titleSpan, lastIdx: last };
}

/** The closing signature: the last paragraph that is only a date, and up to two organisation lines above it. */
function readSignature(ctx: ParseContext, blocks: readonly Block[], floor: number): { issuer: string | null; date: PolicyDate; start: number } | null {
  const view = (b: Block) => canonical(ctx, b).trim();
  for (let d = blocks.length - 1; d > floor; d--) {
    const date = dateOnly(view(blocks[d]!));
    if (!date) continue;
    let s = d;
    while (s - 1 > floor && s > d - 3 && isOrgLine(view(blocks[s - 1]!))) s--;
    if (d + 1 < blocks.length) {
      const tail = { start: blocks[d + 1]!.start, end: blocks[blocks.length - 1]!.end };
      warn(ctx, '落款日期之后的内容未能识别(可能是网页残留)', 'text after the closing date was not recognised (web page residue?)', tail);
    }
    const orgs = blocks.slice(s, d).map((b) => tidy(original(ctx, b)));
    return { issuer: orgs.length ? orgs.join('、') : null, date, start: blocks[s]!.start };
  }
  return null;
}

/**
 * "金山区人民政府关于…的实施意见": the issuer opens the title. The view finds 关于 (also written 關於); the
 * original supplies the words, at the same offsets.
 */
function issuerInTitle(ctx: ParseContext, titleSpan: Block): string | null {
  const at = canonical(ctx, titleSpan).indexOf('关于');
  if (at <= 0) return null;
  const prefix = { start: titleSpan.start, end: titleSpan.start + at };
  return ORG_RE.test(canonical(ctx, prefix).trim()) ? tidy(original(ctx, prefix)) : null;
}

function findIndexIn<T>(items: readonly T[], from: number, to: number, pred: (item: T) => boolean): number {
  for (let i = from; i < to && i < items.length; i++) if (pred(items[i]!)) return i;
  return -1;
}

/**
 * The first year of a plan period named near the top ("…行动方案(2022—2024年)", "规划(2009-2015年)"): what a
 * news repost without the document's date or number still tells about when the plan starts.
 */
function planPeriodStart(head: string): number | null {
  const m = /(?:方案|计划|规划|意见|措施|纲要)\s*\(\s*((?:19|20)\d{2})\s*[—\-~至到]{1,2}\s*(?:19|20)\d{2}\s*年?\s*\)/.exec(head);
  return m ? Number(m[1]) : null;
}
