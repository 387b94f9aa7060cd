/**
 * Strength and gap of an industry-chain node (issue 13 §2, docs/decisions/0022-chain-gap-score.md). Pure: the
 * inputs come from the registry and the statistics rollups, the result is shown with every input and weight so
 * an operator can redo the arithmetic by hand.
 *
 *   strength = Σ wᵢ·sᵢ / Σ wᵢ   over the components that have data (sᵢ ∈ [0, 1])
 *   gap      = importance × (1 − strength)
 *
 * Components and their scores:
 *   enterprises  local enterprises on the node            min(1, n / 5)
 *   share        node output / domain output (YTD)        min(1, share × K)   K = nodes of the domain's chain:
 *                                                          a node holding an even share of the domain is "strong"
 *   growth       comparable YTD growth of the node        clamp((g + 20%) / 40%, 0, 1): −20% → 0, 0 → ½, +20% → 1
 *   aboveScale   规上 enterprises on the node             min(1, n / 2)
 *   localSupply  share of downstream declared suppliers that are local (once supply–demand data exists)
 *   pipeline     signed, not yet producing projects        min(1, n / 2): a signed project starts closing the gap
 * A component without data (growth without a base, local supply before matching exists, figures the caller may
 * not see) is left out and the remaining weights are renormalised; a node with no enterprise and no signed
 * project has strength 0 whatever else is known.
 */

export const STRENGTH_COMPONENTS = ['enterprises', 'share', 'growth', 'aboveScale', 'localSupply', 'pipeline'] as const;
export type StrengthComponent = (typeof STRENGTH_COMPONENTS)[number];

export const STRENGTH_WEIGHTS: Record<StrengthComponent, number> = {
  enterprises: 0.2,
  share: 0.25,
  growth: 0.15,
  aboveScale: 0.15,
  localSupply: 0.1,
  pipeline: 0.15,
};

/** Saturation points of the count components (a node with this many is full strength on that component). */
export const SATURATION = { enterprises: 5, aboveScale: 2, pipeline: 2 } as const;
/** The growth band mapped onto [0, 1]. */
export const GROWTH_BAND = { low: -0.2, high: 0.2 } as const;
export const DEFAULT_IMPORTANCE = 0.5;

export interface NodeFacts {
  enterprises: number;
  aboveScale: number;
  /** Signed / started / completed projects on the node (not yet producing). */
  signedProjects: number;
  /** null: the caller may not see figures — output share and growth are left out. */
  figures: {
    /** Node YTD output and the domain's, same unit (万元). */
    outputYtd: number;
    domainOutputYtd: number;
    nodesInDomain: number;
    /** Comparable basis (SPEC §4): the current set's YTD and their own YTD a year earlier. */
    comparableYtd: number;
    comparableBase: number;
  } | null;
  /** Share of downstream enterprises' declared suppliers that are local; null until supply–demand data exists. */
  localSupply: number | null;
}

export interface ComponentScore {
  key: StrengthComponent;
  /** The raw input (a count, a share, a growth rate), null when missing. */
  input: number | null;
  score: number | null;
  weight: number;
}

export interface NodeScore {
  strength: number;
  importance: number;
  gap: number;
  share: number | null;
  growth: number | null;
  components: ComponentScore[];
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Comparable growth g = YTD / base − 1, null without a positive base. */
export function comparableGrowth(ytd: number, base: number): number | null {
  return base > 0 ? ytd / base - 1 : null;
}

export function scoreNode(facts: NodeFacts, importance: number): NodeScore {
  const f = facts.figures;
  const share = f && f.domainOutputYtd > 0 ? f.outputYtd / f.domainOutputYtd : f ? 0 : null;
  const growth = f ? comparableGrowth(f.comparableYtd, f.comparableBase) : null;
  const inputs: Record<StrengthComponent, [number | null, number | null]> = {
    enterprises: [facts.enterprises, clamp01(facts.enterprises / SATURATION.enterprises)],
    share: [share, share === null || !f ? null : clamp01(share * Math.max(1, f.nodesInDomain))],
    growth: [growth, growth === null ? null : clamp01((growth - GROWTH_BAND.low) / (GROWTH_BAND.high - GROWTH_BAND.low))],
    aboveScale: [facts.aboveScale, clamp01(facts.aboveScale / SATURATION.aboveScale)],
    localSupply: [facts.localSupply, facts.localSupply === null ? null : clamp01(facts.localSupply)],
    pipeline: [facts.signedProjects, clamp01(facts.signedProjects / SATURATION.pipeline)],
  };
  const components = STRENGTH_COMPONENTS.map((key) => ({ key, input: inputs[key][0], score: inputs[key][1], weight: STRENGTH_WEIGHTS[key] }));
  let strength = 0;
  if (facts.enterprises > 0 || facts.signedProjects > 0) {
    const present = components.filter((c) => c.score !== null);
    const weights = present.reduce((s, c) => s + c.weight, 0);
    strength = weights > 0 ? present.reduce((s, c) => s + c.weight * c.score!, 0) / weights : 0;
  }
  const w = clamp01(importance);
  return { strength: round(strength), importance: w, gap: round(w * (1 - round(strength))), share: share === null ? null : round(share, 6), growth: growth === null ? null : round(growth, 6), components };
}

export interface RankedGap {
  gap: number;
  domain: string;
  /** The node's code. */
  code: string;
}

/** Largest gap first; ties by domain then node code, so the order is stable across engines and runs. */
export function rankByGap<T extends RankedGap>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.gap - a.gap || a.domain.localeCompare(b.domain) || a.code.localeCompare(b.code));
}
