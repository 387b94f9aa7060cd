import fs from 'node:fs/promises';
import path from 'node:path';
import type { ParsedPolicy } from '../../../../contracts/plan-parse.ts';
import { AppError } from '../../app/errors.ts';
import { parsePolicy } from '../../domain/plan-parser/parse-policy.ts';
import { extractPolicyText } from '../../modules/plan/policy-text.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';

/** `plan parse FILE [--json]` (SPEC §11): reads a .txt or .docx policy and prints the parsed plan. No database. */
export async function runPlanParse({ positionals, out }: CommandArgs): Promise<void> {
  if (positionals.length !== 1) throw new CliError('需要一个文件参数 / exactly one FILE is required: plan parse FILE [--json]', 2);
  const file = positionals[0]!;
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在 / no such file' : code === 'EISDIR' ? '这是一个目录 / is a directory' : code === 'EACCES' ? '没有读取权限 / permission denied' : (error as Error).message;
    throw new CliError(`无法读取文件 / cannot read ${file}: ${why}`);
  }
  let text: string;
  try {
    text = await extractPolicyText(buffer, path.basename(file));
  } catch (error) {
    if (error instanceof AppError) throw new CliError(`${file}: ${error.messageZh} / ${error.messageEn}`);
    throw error;
  }
  const result = parsePolicy(text);
  out.result(humanSummary(result, file), result);
}

function humanSummary(p: ParsedPolicy, file: string): string {
  const lines: string[] = [];
  lines.push(`${file}`);
  lines.push(`标题 title:     ${p.title ?? '—'}`);
  lines.push(`发文 issuer:    ${p.issuer ?? '—'}${p.issuedOn ? `  (${p.issuedOn})` : ''}${p.docNumber ? `  ${p.docNumber}` : ''}`);
  if (p.forwarding) lines.push(`转发 forwarded: ${p.forwarding.title}${p.forwarding.issuedOn ? ` (${p.forwarding.issuedOn})` : ''}`);
  lines.push('', `发展目标 goals (${p.goals.length}):`);
  for (const g of p.goals) {
    const years = g.yearFrom ? `${g.yearFrom}—${g.year}` : String(g.year);
    const value = g.valueMax !== undefined ? `${g.value}–${g.valueMax}` : String(g.value);
    const flags = [g.approximate ? '约 approximate' : '', g.relative ? '相对 relative' : ''].filter(Boolean).join(', ');
    const spans = (g.sources ?? [g.source]).map((r) => `${r.start}–${r.end}`).join(', ');
    lines.push(`  ${years}  ${g.metric} ${g.comparator} ${value} ${g.unit}${flags ? `  (${flags})` : ''}   [${spans}]`);
  }
  const baselines = p.baselines ?? [];
  lines.push('', `现状基数 baselines (${baselines.length}):`);
  for (const b of baselines) lines.push(`  ${b.year ?? '—'}  ${b.metric} ${b.value} ${b.unit}   [${b.source.start}–${b.source.end}]`);
  lines.push('', `重点领域 domains (${p.domains.length}):`);
  for (const d of p.domains) lines.push(`  ${d.name}: ${d.subfields.join('、') || '—'}`);
  lines.push('', `产业布局 zones (${p.zones.length}):`);
  for (const z of p.zones) lines.push(`  ${z.name}${z.alias ? `(${z.alias})` : ''}  基地 base: ${z.base || '—'}  载体 carriers: ${z.carriers.join('、') || '—'}`);
  const tasks = p.tasks.filter((t) => t.kind === 'task');
  const safeguards = p.tasks.filter((t) => t.kind === 'safeguard');
  for (const [label, list] of [[`主要任务 tasks (${tasks.length})`, tasks], [`保障措施 safeguards (${safeguards.length})`, safeguards]] as const) {
    lines.push('', `${label}:`);
    for (const t of list) {
      const lead = t.units.filter((u) => u.role === 'lead').map((u) => u.name);
      const co = t.units.filter((u) => u.role === 'co').map((u) => u.name);
      lines.push(`  ${t.label} ${t.title}`);
      lines.push(`      牵头 lead: ${lead.join('、') || '—'}   配合 co: ${co.join('、') || '—'}   措施 measures: ${t.measures.length}`);
      for (const m of t.measures) lines.push(`      · ${m.title}`);
    }
  }
  lines.push('', `提示 warnings (${p.warnings.length})${p.warnings.length ? ':' : ''}`);
  for (const w of p.warnings.slice(0, 20)) lines.push(`  [${w.start}–${w.end}] ${w.message}`);
  if (p.warnings.length > 20) lines.push(`  … ${p.warnings.length - 20} more (use --json)`);
  return lines.join('\n');
}
