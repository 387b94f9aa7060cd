import type { ParsedTaskUnit } from '../../../../contracts/plan-parse.ts';
import { compact } from './normalize.ts';
import { matchParen, type Span } from './text-model.ts';

/**
 * Responsible units in the forms policy texts use:
 *   (责任单位:A、B) · (责任单位:A,B) · 区财政局(金融办) nested · (牵头单位:A,配合单位:B)
 *   责任领导:张三;责任单位:A;配合单位:B   (a line of its own; leaders are people, not units)
 *   责任单位A、B (no colon) · (A、B按职责分工负责) · (A牵头,B配合) · A(牵头)
 * Without explicit roles the first unit leads and the others co-operate.
 */
export interface UnitClause extends Span {
  units: ParsedTaskUnit[];
}

const LABEL_RE = /\[?(责任领导|分管领导|牵头领导|联系领导|责任单位|责任部门|牵头单位|牵头部门|主责单位|主责部门|主办单位|配合单位|配合部门|协同单位|协同部门|参与单位|协办单位|协助单位)\]?\s*:?\s*/g;
const DUTY_SUFFIX = /(?:按职责分工负责|按职责负责|按职能分工负责|分工负责|共同负责|负责)$/;
type Role = 'lead' | 'co' | 'responsible' | 'person';
const PART_CO = /(配合|参与|协同|协助|协办)$/;
const DEPARTMENT_RE = /^(区|市|县|省|镇|各)|(委|局|办|院|会|中心|政府|公司|街道|镇|园区|集团|海关|部|厅|署|处|室|站|单位|部门)(\(.*\))?$/;
const MAX_CLAUSE = 400;

function roleOf(label: string): Role {
  if (label.endsWith('领导')) return 'person';
  if (/^(牵头|主责|主办)/.test(label)) return 'lead';
  if (/^(配合|协同|参与|协办|协助)/.test(label)) return 'co';
  return 'responsible';
}

/** Unit clauses inside `span`, in order. */
export function findUnitClauses(view: string, span: Span): UnitClause[] {
  const out: UnitClause[] = [];
  // Bracketed clauses first (in order), so a label inside brackets is not read twice.
  for (let i = span.start; i < span.end; i++) {
    if (view[i] !== '(') continue;
    // A unit clause is short; bounding the search keeps a text full of unclosed brackets linear.
    const close = matchParen(view, i, Math.min(span.end, i + MAX_CLAUSE));
    if (close < 0) continue;
    const inner = view.slice(i + 1, close);
    const units = parseClause(inner);
    if (units && units.length > 0) {
      out.push({ start: i, end: close + 1, units });
    }
    i = close;
  }
  // 〔区商务委牵头,区文旅局按职责分工负责〕: the hexagonal brackets some texts use for the unit clause.
  // Searched in the span's own slice: a search of the whole view per task would make many tasks quadratic.
  const own = view.slice(span.start, span.end);
  for (let i = own.indexOf('〔'); i >= 0; i = own.indexOf('〔', i + 1)) {
    const close = own.indexOf('〕', i);
    if (close < 0 || close - i > MAX_CLAUSE) continue;
    const units = parseClause(own.slice(i + 1, close));
    if (units && units.length > 0) out.push({ start: span.start + i, end: span.start + close + 1, units });
    i = close;
  }
  // "…。——区人才办、有关部门": units after a dash closing an item; every name must look like a department.
  for (const m of own.matchAll(/(?<=[。;!?)])\s*—{1,2}\s*([^\n\r。;—]{2,120}?)\s*(?=[\r\n]|$)/g)) {
    const units = departmentList(m[1]!);
    if (units) out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, units });
  }
  // Unbracketed: a label to the end of its line or sentence.
  const slice = view.slice(span.start, span.end);
  const labelRe = new RegExp(LABEL_RE.source, 'g');
  const bracketed = out.length;
  let k = 0;
  for (let m = labelRe.exec(slice); m; m = labelRe.exec(slice)) {
    const at = span.start + m.index;
    while (k < bracketed && out[k]!.end <= at) k++;
    if (k < bracketed && out[k]!.start <= at) continue;
    // In running prose ("明确责任单位和完成时限") a label is not a clause: it must open a line or sentence and
    // be followed by a colon or a department-like name.
    const before = at > span.start ? view[at - 1]! : '\n';
    const after = view[at + m[0].length] ?? '';
    if (!/[\n\r。;\s]/.test(before) || !(m[0].includes(':') || /[区市县各镇街]/.test(after))) continue;
    let end = at;
    while (end < span.end && end - at < MAX_CLAUSE && !/[。\n\r]/.test(view[end]!)) end++;
    const units = parseClause(view.slice(at, end));
    if (units && units.length > 0) out.push({ start: at, end: end < span.end && view[end] === '。' ? end + 1 : end, units });
    labelRe.lastIndex = Math.max(end, at + 1) - span.start;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A bare list of department names (区人才办、有关部门); null unless every item is one. The first leads. */
function departmentList(text: string): ParsedTaskUnit[] | null {
  const names = splitTopLevel(text, /[、,]/).map(cleanName);
  if (names.length === 0 || !names.every((n) => isUnitName(n) && DEPARTMENT_RE.test(n))) return null;
  return names.map((name, i) => ({ name, role: i === 0 ? 'lead' : 'co' }));
}

/**
 * "以上任务责任单位:区经委、相关园区" — a units paragraph closing a section, for every item above it that
 * names none of its own. Returns the clause, or null when the paragraph is not one.
 */
export function sectionUnitClause(view: string, span: Span): UnitClause | null {
  const m = /^(?:以上|上述)[^:\n]{0,8}?(?=责任单位|牵头单位|责任部门|牵头部门)/.exec(view.slice(span.start, Math.min(span.end, span.start + 20)));
  if (!m) return null;
  const units = parseClause(view.slice(span.start + m[0].length, span.end).replace(/。$/, ''));
  return units && units.length > 0 ? { start: span.start, end: span.end, units } : null;
}

/** Parses a clause's text; null when it is not a unit clause (an abbreviation like "(CRO)"). */
export function parseClause(raw: string): ParsedTaskUnit[] | null {
  const text = raw.trim();
  const lists: { role: Role; list: string }[] = [];
  const labels = [...text.matchAll(new RegExp(LABEL_RE.source, 'g'))];
  if (labels.length > 0 && labels[0]!.index === 0) {
    labels.forEach((m, k) => {
      const from = m.index + m[0].length;
      lists.push({ role: roleOf(m[1]!), list: text.slice(from, labels[k + 1]?.index ?? text.length) });
    });
  } else if (DUTY_SUFFIX.test(text) || /(牵头|配合)/.test(text)) {
    lists.push({ role: 'responsible', list: text }); // (A、B按职责分工负责) · (A牵头,B、C配合)
  } else {
    return null;
  }
  // Each list splits into parts at , and ; — a part may carry its own role: "各街镇、各园区配合".
  const parts: { role: Role; names: string }[] = [];
  for (const { role, list } of lists) {
    if (role === 'person') continue;
    for (const part of splitTopLevel(list.replace(DUTY_SUFFIX, ''), /[,;]/)) {
      const t = part.trim().replace(DUTY_SUFFIX, '');
      const own = /牵头$/.test(t) ? 'lead' : PART_CO.test(t) ? 'co' : role;
      parts.push({ role: own, names: t.replace(/牵头$/, '').replace(PART_CO, '') });
    }
  }
  const hasLead = parts.some((p) => p.role === 'lead');
  const hasCo = parts.some((p) => p.role === 'co');
  if (lists[0]!.role === 'responsible' && labels.length === 0 && !hasLead && !hasCo && !DUTY_SUFFIX.test(text)) return null;
  const unlabelled = labels.length === 0;
  const units: ParsedTaskUnit[] = [];
  for (const { role, names } of parts) {
    for (const rawName of splitTopLevel(names.replace(/\s+\(/g, '('), /[、/\s]/)) {
      let name = cleanName(rawName);
      const mark = /\((牵头|配合)\)$/.exec(name);
      if (mark) name = name.slice(0, mark.index);
      // Without a label only department-like names count: "(需要各方配合)" names no unit.
      if (!isUnitName(name) || (unlabelled && !DEPARTMENT_RE.test(name))) continue;
      // 责任单位 beside a named lead co-operates; beside named co-operators it leads; alone, first leads.
      const resolved = mark ? (mark[1] === '牵头' ? 'lead' : 'co') : role === 'responsible' ? (hasLead ? 'co' : hasCo ? 'lead' : null) : role;
      units.push({ name, role: resolved === 'lead' ? 'lead' : 'co' });
    }
  }
  if (units.length === 0) return null;
  // The first-listed unit leads unless the text says who leads.
  if (!units.some((u) => u.role === 'lead')) units[0]!.role = 'lead';
  return units;
}

function cleanName(s: string): string {
  return compact(s)
    .replace(/^[:,;、]+|[:,;、。]+$/g, '')
    .replace(/(等部门|等单位|等)$/, '')
    .replace(DUTY_SUFFIX, '');
}

/** A department name: short, no sentence punctuation, balanced brackets, not a stray word. */
function isUnitName(name: string): boolean {
  if (name.length < 2 || name.length > 30 || /[。:;,!?“”《》]/.test(name)) return false;
  const open = (name.match(/\(/g) ?? []).length;
  return open === (name.match(/\)/g) ?? []).length;
}

/** Splits on `sep` outside brackets, so 区财政局(金融办、区国资委) style nesting stays whole. */
function splitTopLevel(s: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && sep.test(ch)) {
      if (cur.trim()) parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts;
}

/** Merges clauses into one list: order of first mention; a unit leading anywhere leads. */
export function mergeUnits(clauses: readonly UnitClause[]): ParsedTaskUnit[] {
  const byName = new Map<string, ParsedTaskUnit>();
  for (const c of clauses) {
    for (const u of c.units) {
      const seen = byName.get(u.name);
      if (!seen) byName.set(u.name, { ...u });
      else if (u.role === 'lead') seen.role = 'lead';
    }
  }
  return [...byName.values()];
}
