import { chainRelation, RELATION_SCORE, type ChainRelation, type NodeRef } from './chain-relation.ts';

/**
 * Ranking of match candidates (issue 14 §2, docs/decisions/0027): score = W_NODE · chain + W_TEXT · text, both
 * in [0, 1]. A candidate needs a shared term, and without a chain relation a text similarity of at least
 * MIN_TEXT — otherwise two postings with nothing in common would be proposed.
 */
export const W_NODE = 0.4;
export const W_TEXT = 0.6;
export const MIN_TEXT = 0.08;
/** Shared terms shown as the reason (the most telling first). */
export const REASON_TERMS = 6;

export interface MatchablePosting {
  id: string;
  enterpriseId: string;
  kind: 'need' | 'offer';
  node: NodeRef | null;
}

export interface MatchReason {
  relation: Exclude<ChainRelation, 'none'> | 'text-only';
  nodeScore: number;
  textScore: number;
  terms: string[];
}

export interface Candidate {
  postingId: string;
  score: number;
  reason: MatchReason;
}

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * The candidates for `base` among `pool`: postings of the opposite kind, of another enterprise, ranked by
 * score (ties by id, so the order is stable). `text(i)` gives the similarity of base and pool[i].
 * The relation is seen from the need: an offer one stage up is the need's `upstream`.
 */
export function rankCandidates(
  base: MatchablePosting,
  pool: readonly MatchablePosting[],
  text: (index: number) => { score: number; shared: string[] },
  limit = 10,
): Candidate[] {
  const out: Candidate[] = [];
  pool.forEach((other, index) => {
    if (other.kind === base.kind || other.enterpriseId === base.enterpriseId) return;
    const [need, offer] = base.kind === 'need' ? [base, other] : [other, base];
    const relation = chainRelation(need.node, offer.node);
    const nodeScore = RELATION_SCORE[relation];
    const sim = text(index);
    // Some evidence in the text always: a chain relation alone (two postings of one node with nothing in
    // common, a CDMO and a testing lab) is not a reason to introduce two firms.
    if (sim.score === 0 || (nodeScore === 0 && sim.score < MIN_TEXT)) return;
    out.push({
      postingId: other.id,
      score: round4(W_NODE * nodeScore + W_TEXT * sim.score),
      reason: { relation: relation === 'none' ? 'text-only' : relation, nodeScore, textScore: round4(sim.score), terms: sim.shared.slice(0, REASON_TERMS) },
    });
  });
  out.sort((a, b) => b.score - a.score || a.postingId.localeCompare(b.postingId));
  return out.slice(0, limit);
}

/** precision@k of a ranked list of ids against the set of relevant ids (k fixed: a short list counts its misses). */
export function precisionAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / k;
}
