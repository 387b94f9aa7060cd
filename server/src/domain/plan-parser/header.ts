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
export function isOrgLine(s: string): boolean {
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

export function parseHeader(ctx: ParseContext, blocks: readonly Block[], firstHeading: number): Header {
  const view = (b: Block) => canonical(ctx, b).trim();
  const headEnd = firstHeading >= 0 ? firstHeading : Math.min(blocks.length, 8);
  const head = blocks.slice(0, headEnd);

  let docNumber: { value: string; year: number } | null = null;
  const metaIdx = new Set<number>();
  head.forEach((b, i) => {
    const v = view(b);
    if (v.length > 40) return;
    const found = findDocNumber(v);
    if (found && !docNumber) docNumber = found;
    if (found || /^[\u4e00-\u9fff]{1,6}:$/.test(v)) metaIdx.add(i); // "字号:" left blank is a label, not a title
  });

  const isTitleCandidate = (i: number) => {
    const v = view(head[i]!);
    return !metaIdx.has(i) && v.length <= 120 && !/[。:]$/.test(v) && !dateOnly(v) && !/^\(.*\)$/.test(v);
  };

  let title: string | null = null;
  let titleSpan: { start: number; end: number } | null = null;
  let forwarding: ForwardingNotice | undefined;
  let contentStartIdx = -1;
  let innerIssuerHint: string | null = null;
  let noticeDate: PolicyDate | null = null;

  const noticeIdx = head.findIndex((b, i) => i < 4 && isTitleCandidate(i) && NOTICE_RE.test(view(b)) && /通知$/.test(compact(view(b))));
  if (noticeIdx >= 0) {
    const notice = head[noticeIdx]!;
    const m = NOTICE_RE.exec(canonical(ctx, notice))!;
    const innerText = compact(m[1]!);
    const innerIdx = head.findIndex((b, i) => i > noticeIdx && compact(view(b)) === innerText);
    const limit = innerIdx >= 0 ? innerIdx : head.length;
    const dateIdx = findIndexIn(head, noticeIdx + 1, limit, (b) => dateOnly(view(b)) !== null);
    const sigIdx = dateIdx > noticeIdx + 1 && isOrgLine(view(head[dateIdx - 1]!)) ? dateIdx - 1 : -1;
    noticeDate = dateIdx >= 0 ? dateOnly(view(head[dateIdx]!)) : null;
    const noticeText = canonical(ctx, notice);
    const prefix = noticeText.split('关于')[0] ?? '';
    forwarding = {
      title: tidy(original(ctx, notice)),
      issuer: sigIdx >= 0 ? tidy(original(ctx, head[sigIdx]!)) : prefix && prefix !== noticeText && ORG_RE.test(prefix.trim()) ? tidy(prefix) : null,
      issuedOn: noticeDate?.iso ?? null,
    };
    if (innerIdx >= 0) {
      title = tidy(original(ctx, head[innerIdx]!));
      contentStartIdx = innerIdx;
    } else {
      const open = notice.start + noticeText.indexOf('《', m.index) + 1;
      title = tidy(ctx.text.slice(open, open + m[1]!.length));
      contentStartIdx = Math.max(noticeIdx, dateIdx);
    }
    innerIssuerHint = /转发(.{2,20}?)(?:制订|制定|起草|拟订|拟定|编制)?的《/.exec(noticeText)?.[1] ?? null;
  } else {
    const first = head.findIndex((_, i) => isTitleCandidate(i));
    if (first >= 0) {
      let last = first;
      // A title broken over lines: join while the joined text has not yet reached a title ending.
      while (last + 1 < head.length && isTitleCandidate(last + 1) && view(head[last + 1]!).length <= 40) {
        const joined = compact(view(head[last]!));
        const next = compact(view(head[last + 1]!));
        const nextIsYears = /^\(\d{4}.{1,2}\d{4}年?\)$/.test(next);
        if (TITLE_END_RE.test(joined) && !nextIsYears) break;
        if (!TITLE_END_RE.test(next) && !nextIsYears) break;
        last++;
      }
      titleSpan = { start: head[first]!.start, end: head[last]!.end };
      title = tidy(original(ctx, titleSpan));
      contentStartIdx = last;
    }
  }

  // The closing signature: the last paragraph that is only a date, after the content has begun.
  let contentEnd = ctx.text.length;
  let signature: { issuer: string | null; date: PolicyDate } | null = null;
  const floor = Math.max(contentStartIdx, firstHeading);
  for (let d = blocks.length - 1; d > floor; d--) {
    const date = dateOnly(view(blocks[d]!));
    if (!date) continue;
    let s = d;
    while (s - 1 > floor && s > d - 3 && isOrgLine(view(blocks[s - 1]!))) s--;
    const orgs = blocks.slice(s, d).map((b) => tidy(original(ctx, b)));
    signature = { issuer: orgs.length ? orgs.join('、') : null, date };
    contentEnd = blocks[s]!.start;
    if (d + 1 < blocks.length) {
      const tail = { start: blocks[d + 1]!.start, end: blocks[blocks.length - 1]!.end };
      warn(ctx, '落款日期之后的内容未能识别(可能是网页残留)', 'text after the closing date was not recognised (web page residue?)', tail);
    }
    break;
  }

  let issuer = signature?.issuer ?? null;
  let date = signature?.date ?? null;
  const afterTitle = head.slice(contentStartIdx + 1);
  // A date printed under the title, "(2023年5月10日区政府第39次常务会议通过)", else the notice's date.
  const headerDate = afterTitle
    .map((b) => view(b))
    .filter((v) => v.length <= 60 && (/^\(.*\)$/.test(v) || dateOnly(v) !== null))
    .map(findDate)
    .find((d) => d !== null);
  if (!date) date = headerDate ?? noticeDate;
  if (!issuer && forwarding) issuer = innerIssuerHint ?? forwarding.issuer;
  if (!issuer && titleSpan) {
    // "金山区人民政府关于…的实施意见": the issuer opens the title. The view finds 关于 (also written 關於);
    // the original supplies the words, at the same offsets.
    const at = canonical(ctx, titleSpan).indexOf('关于');
    const prefix = at > 0 ? tidy(ctx.text.slice(titleSpan.start, titleSpan.start + at)) : '';
    if (prefix && ORG_RE.test(ctx.view.slice(titleSpan.start, titleSpan.start + at).trim())) issuer = prefix;
  }

  const headSpan = { start: 0, end: Math.min(ctx.text.length, head[head.length - 1]?.end ?? 0) };
  if (!title) warn(ctx, '未识别出文件标题', 'document title not found', headSpan);
  if (!issuer) warn(ctx, '未识别出发文单位', 'issuing body not found', headSpan);
  if (!date) warn(ctx, '未识别出成文日期', 'document date not found', headSpan);

  const contentStart = contentStartIdx >= 0 ? head[contentStartIdx]!.end : 0;
  const docNum = docNumber as { value: string; year: number } | null;
  return {
    title,
    issuer,
    issuedOn: date?.iso ?? null,
    ...(docNum ? { docNumber: docNum.value } : {}),
    ...(forwarding ? { forwarding } : {}),
    contentStart,
    contentEnd: Math.max(contentEnd, contentStart),
    docYear: date?.year ?? docNum?.year ?? null,
    docMonth: date?.month ?? null,
  };
}

function findIndexIn<T>(items: readonly T[], from: number, to: number, pred: (item: T) => boolean): number {
  for (let i = from; i < to && i < items.length; i++) if (pred(items[i]!)) return i;
  return -1;
}
