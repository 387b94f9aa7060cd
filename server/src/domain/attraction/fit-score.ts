/**
 * Fit of an outside candidate to a chain node (issue 13 §3, docs/decisions/0025-attraction-pipeline.md). Pure:
 * the inputs come from the chain map, the candidate pool and the carriers, and the result lists every input,
 * score and weight so the ranking can be redone by hand.
 *
 *   fit = Σ wᵢ·sᵢ / Σ wᵢ   over the components that have data (sᵢ ∈ [0, 1])
 *
 *   gap          the node's gap score (0..1)                          as is: the bigger the gap, the more it helps
 *   nodeMatch    the candidate's own nodes against the target node    main node 1, another listed node 0.8,
 *                                                                      same domain only 0.3, else 0
 *   scale        the candidate's size tier                            leader 1, large 0.8, medium 0.55, small 0.3
 *   zoneDomain   the designated zone is designated for the domain     1 or 0 (left out without a zone)
 *   vacancy      vacant carrier area of the zone / area it will need  min(1, vacant / needed) (left out without a zone)
 */

export const FIT_COMPONENTS = ['gap', 'nodeMatch', 'scale', 'zoneDomain', 'vacancy'] as const;
export type FitComponent = (typeof FIT_COMPONENTS)[number];

export const FIT_WEIGHTS: Record<FitComponent, number> = { gap: 0.35, nodeMatch: 0.2, scale: 0.15, zoneDomain: 0.15, vacancy: 0.15 };

export const SIZE_TIERS = ['leader', 'large', 'medium', 'small'] as const;
export type SizeTier = (typeof SIZE_TIERS)[number];

export const SCALE_SCORE: Record<SizeTier, number> = { leader: 1, large: 0.8, medium: 0.55, small: 0.3 };
/** Floor area (m²) a company of each tier typically needs when it sets up a site; used when a project states none. */
export const TYPICAL_AREA_M2: Record<SizeTier, number> = { leader: 50_000, large: 20_000, medium: 8_000, small: 2_000 };
export const NODE_MATCH = { main: 1, listed: 0.8, sameDomain: 0.3, none: 0 } as const;

export interface FitInputs {
  /** The node's gap (chain map). */
  nodeGap: number;
  node: { id: string; domain: string };
  candidate: { mainNodeId: string | null; nodeIds: readonly string[]; domain: string | null; sizeTier: SizeTier | null };
  /** The designated zone, or null when none is chosen yet. */
  zone: { domainCodes: readonly string[]; vacantAreaM2: number } | null;
}

export interface FitComponentScore {
  key: FitComponent;
  input: number | string | boolean | null;
  score: number | null;
  weight: number;
}

export interface FitScore {
  fit: number;
  components: FitComponentScore[];
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

export function nodeMatchOf(candidate: FitInputs['candidate'], node: FitInputs['node']): number {
  if (candidate.mainNodeId === node.id) return NODE_MATCH.main;
  if (candidate.nodeIds.includes(node.id)) return NODE_MATCH.listed;
  if (candidate.domain === node.domain) return NODE_MATCH.sameDomain;
  return NODE_MATCH.none;
}

export function scoreFit(inputs: FitInputs): FitScore {
  const tier = inputs.candidate.sizeTier;
  const needed = TYPICAL_AREA_M2[tier ?? 'medium'];
  const zone = inputs.zone;
  const designated = zone ? zone.domainCodes.includes(inputs.node.domain) : null;
  const scored: Record<FitComponent, [FitComponentScore['input'], number | null]> = {
    gap: [inputs.nodeGap, clamp01(inputs.nodeGap)],
    nodeMatch: [nodeMatchOf(inputs.candidate, inputs.node), nodeMatchOf(inputs.candidate, inputs.node)],
    scale: [tier, tier ? SCALE_SCORE[tier] : null],
    zoneDomain: [designated, designated === null ? null : designated ? 1 : 0],
    vacancy: [zone ? zone.vacantAreaM2 : null, zone ? clamp01(Math.max(0, zone.vacantAreaM2) / needed) : null],
  };
  const components = FIT_COMPONENTS.map((key) => ({ key, input: scored[key][0], score: scored[key][1] === null ? null : round(scored[key][1]!), weight: FIT_WEIGHTS[key] }));
  const present = components.filter((c) => c.score !== null);
  const weights = present.reduce((s, c) => s + c.weight, 0);
  const fit = weights > 0 ? present.reduce((s, c) => s + c.weight * c.score!, 0) / weights : 0;
  return { fit: round(fit), components };
}

/** Best fit first; ties by candidate name so the order is stable across engines. */
export function rankByFit<T extends { fit: number; name: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.fit - a.fit || a.name.localeCompare(b.name, 'zh'));
}
