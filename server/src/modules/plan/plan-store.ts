import crypto from 'node:crypto';
import type { EditedPolicy, GoalFormula } from '../../../../contracts/plan.ts';
import { errors, type ErrorDetail } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { defaultGoalFormula } from '../../domain/plan-model/goal-formula.ts';
import { assignPlanKeys } from '../../domain/plan-model/stable-keys.ts';
import { formulasOfVersion, insertPlan, insertVersion, nextVersionNumber, type StoredStructure } from './plan.repository.ts';

/** SHA-256 (hex) of the text in UTF-8: what a version records of its source. */
export function sha256OfText(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The text the parser and the ranges work on: no byte-order mark, "\n" line ends (as extractPolicyText gives). */
export function normaliseSourceText(text: string): string {
  return text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

/**
 * Every range must lie inside the source text, or the review screen would highlight the wrong clause (or
 * none). The parser guarantees it for its own output; an edited structure is checked again here.
 */
export function checkRanges(structure: EditedPolicy, textLength: number): void {
  const details: ErrorDetail[] = [];
  const check = (path: string, r: { start: number; end: number }) => {
    if (r.end > textLength || r.start > r.end) {
      details.push({ path, rule: 'range', message: `原文位置 ${r.start}–${r.end} 超出原文长度 ${textLength}`, messageEn: `source range ${r.start}–${r.end} lies outside the text (${textLength} characters)` });
    }
  };
  structure.goals.forEach((g, i) => {
    check(`body.structure.goals.${i}.source`, g.source);
    g.sources?.forEach((r, k) => check(`body.structure.goals.${i}.sources.${k}`, r));
  });
  structure.baselines?.forEach((b, i) => check(`body.structure.baselines.${i}.source`, b.source));
  structure.domains.forEach((d, i) => check(`body.structure.domains.${i}.source`, d.source));
  structure.zones.forEach((z, i) => check(`body.structure.zones.${i}.source`, z.source));
  structure.tasks.forEach((t, i) => {
    check(`body.structure.tasks.${i}.source`, t.source);
    t.unitSources?.forEach((r, k) => check(`body.structure.tasks.${i}.unitSources.${k}`, r));
    t.measures.forEach((m, j) => {
      check(`body.structure.tasks.${i}.measures.${j}.source`, m.source);
      m.unitSources?.forEach((r, k) => check(`body.structure.tasks.${i}.measures.${j}.unitSources.${k}`, r));
    });
  });
  structure.warnings.forEach((w, i) => check(`body.structure.warnings.${i}`, w));
  if (details.length) throw errors.validation(details.slice(0, 20));
}

/**
 * Decides each goal's formula: the one the operator sent (null clears it); otherwise the previous version's for
 * the same key, then for the same metric (a commission's edit survives a revised text); otherwise SPEC §4's
 * default for the metric.
 */
export async function resolveFormulas(tx: Db, structure: EditedPolicy, previousVersionId: string | null): Promise<StoredStructure> {
  const previous = previousVersionId ? await formulasOfVersion(tx, previousVersionId) : [];
  const byKey = new Map(previous.map((p) => [p.key, p.formula]));
  const byMetric = new Map<string, GoalFormula | null>();
  for (const p of previous) if (!byMetric.has(p.metric)) byMetric.set(p.metric, p.formula);
  const keys = assignPlanKeys(structure).goals;
  return {
    ...structure,
    goals: structure.goals.map((g, i) => {
      let formula: GoalFormula | null;
      if (g.formula !== undefined) formula = g.formula;
      else if (byKey.has(keys[i]!)) formula = byKey.get(keys[i]!)!;
      else if (byMetric.has(g.metric)) formula = byMetric.get(g.metric)!;
      else formula = defaultGoalFormula(g.metric, g.unit);
      return { ...g, formula };
    }),
  };
}

export interface StoreVersionInput {
  planId: string;
  status: 'draft' | 'active';
  structure: EditedPolicy;
  sourceText: string;
  sourceFileName: string | null;
  note: string | null;
  previousVersionId: string | null;
  createdBy: string | null;
  createdByName: string | null;
  now: Date;
}

/** Stores a new version of a plan (the caller holds the plan's row lock). Returns its id and number. */
export async function storeVersion(tx: Db, input: StoreVersionInput): Promise<{ id: string; version: number }> {
  checkRanges(input.structure, input.sourceText.length);
  const structure = await resolveFormulas(tx, input.structure, input.previousVersionId);
  const version = await nextVersionNumber(tx, input.planId);
  const id = await insertVersion(tx, {
    planId: input.planId,
    version,
    status: input.status,
    structure,
    sourceText: input.sourceText,
    sourceFileName: input.sourceFileName,
    sourceSha256: sha256OfText(input.sourceText),
    note: input.note,
    createdBy: input.createdBy,
    createdByName: input.createdByName,
    createdAt: input.now,
  });
  return { id, version };
}

/** A code for a new plan: readable, unique, URL-safe. */
export function newPlanCode(now: Date): string {
  return `plan-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
}

export async function createPlanRow(tx: Db, code: string, title: string, createdBy: string | null, now: Date) {
  return insertPlan(tx, { code, title, createdBy, createdAt: now });
}
