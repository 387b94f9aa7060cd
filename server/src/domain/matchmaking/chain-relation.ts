/**
 * How two chain nodes relate in their template (issue 14 §2): the same node, or adjacent stages of the same
 * chain (上游 → 中游 → 下游). A need at node N is met by an offer at N, or by a supplier one stage up or a
 * partner one stage down the same chain (a CDMO for an antibody maker, a formulation plant for an API maker).
 */

export const STAGE_ORDER = { upstream: 0, midstream: 1, downstream: 2 } as const;
export type ChainStageName = keyof typeof STAGE_ORDER;

export interface NodeRef {
  id: string;
  templateId: string;
  stage: ChainStageName;
}

export type ChainRelation = 'same-node' | 'upstream' | 'downstream' | 'none';

/** The relation of `other` to `base`: `upstream` when `other` sits one stage above `base` in the same chain. */
export function chainRelation(base: NodeRef | null, other: NodeRef | null): ChainRelation {
  if (!base || !other) return 'none';
  if (base.id === other.id) return 'same-node';
  if (base.templateId !== other.templateId) return 'none';
  const d = STAGE_ORDER[other.stage] - STAGE_ORDER[base.stage];
  return d === -1 ? 'upstream' : d === 1 ? 'downstream' : 'none';
}

/** The chain part of the match score: the same node counts fully, an adjacent stage half. */
export const RELATION_SCORE: Record<ChainRelation, number> = { 'same-node': 1, upstream: 0.5, downstream: 0.5, none: 0 };
