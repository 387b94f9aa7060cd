/**
 * Policy eligibility as data (issue 14 §4): a policy's support clause lists conditions over an enterprise's
 * registry attributes and statistics. Each condition is either checkable from the platform's data or not
 * (a `manual` condition such as "no major safety incident in three years" is checked by a reviewer). A policy
 * whose conditions are all checkable is awarded 免申即享 (mode `auto`: the commission confirms a list, nobody
 * applies); otherwise it is 快申快享 (mode `apply`: the enterprise applies with materials).
 *
 * Pure: the facts are read by the repository; this file only decides.
 */
import { z } from 'zod';

export const conditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('domain'), in: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('zone'), in: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('stage'), in: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('above-scale') }),
  z.object({ kind: z.literal('tag'), tag: z.string().min(1) }),
  z.object({ kind: z.literal('founded-before'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ kind: z.literal('carrier-tenant') }),
  // growth of a flow indicator over the last complete year against the year before, in percent
  z.object({ kind: z.literal('growth'), indicator: z.enum(['revenue', 'rd', 'output']), atLeastPct: z.number() }),
  z.object({ kind: z.literal('manual'), textZh: z.string().min(1), textEn: z.string().min(1) }),
]);
export type Condition = z.infer<typeof conditionSchema>;
export const conditionsSchema = z.array(conditionSchema);

export interface EnterpriseFacts {
  domain: string | null;
  zone: string | null;
  stage: string;
  isAboveScale: boolean;
  tags: readonly string[];
  foundedOn: string | null;
  hasCarrier: boolean;
  /** Last complete year's growth per indicator as a fraction (0.12 = 12 %); null when the base year is 0 or missing. */
  growth: Partial<Record<'revenue' | 'rd' | 'output', number | null>>;
}

export type PolicyMode = 'auto' | 'apply';

export function policyMode(conditions: readonly Condition[]): PolicyMode {
  return conditions.some((c) => c.kind === 'manual') ? 'apply' : 'auto';
}

/** A stable, script-friendly name of a condition (the CLI's `lacks` entries). */
export function conditionLabel(c: Condition): string {
  switch (c.kind) {
    case 'domain':
    case 'zone':
    case 'stage':
      return `${c.kind}=${c.in.join('|')}`;
    case 'above-scale':
    case 'carrier-tenant':
      return c.kind;
    case 'tag':
      return `tag=${c.tag}`;
    case 'founded-before':
      return `founded<${c.date}`;
    case 'growth':
      return `${c.indicator}-growth>=${c.atLeastPct}%`;
    case 'manual':
      return `manual:${c.textEn}`;
  }
}

/** Does the enterprise meet a checkable condition? `null` for a manual one (a reviewer decides). */
export function meetsCondition(facts: EnterpriseFacts, c: Condition): boolean | null {
  switch (c.kind) {
    case 'domain':
      return facts.domain !== null && c.in.includes(facts.domain);
    case 'zone':
      return facts.zone !== null && c.in.includes(facts.zone);
    case 'stage':
      return c.in.includes(facts.stage);
    case 'above-scale':
      return facts.isAboveScale;
    case 'tag':
      return facts.tags.includes(c.tag);
    case 'founded-before':
      return facts.foundedOn !== null && facts.foundedOn < c.date;
    case 'carrier-tenant':
      return facts.hasCarrier;
    case 'growth': {
      const g = facts.growth[c.indicator];
      // Compare in basis points of an exact fraction's rounding, so 10 % meets "≥ 10 %" despite binary floats.
      return g !== null && g !== undefined && Math.round(g * 1e6) >= Math.round(c.atLeastPct * 1e4);
    }
    case 'manual':
      return null;
  }
}

export interface Evaluation {
  /** Every checkable condition met (manual ones are left to the application's review). */
  eligible: boolean;
  lacks: string[];
}

export function evaluateEligibility(facts: EnterpriseFacts, conditions: readonly Condition[]): Evaluation {
  const lacks = conditions.filter((c) => meetsCondition(facts, c) === false).map(conditionLabel);
  return { eligible: lacks.length === 0, lacks };
}

/** Growth of `current` over `base` as a fraction; null when there is no base to grow from. */
export function growthOf(current: number, base: number): number | null {
  return base > 0 ? current / base - 1 : null;
}
