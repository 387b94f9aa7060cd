import { chainNodeByCode } from '../../seed/reference/index.ts';
import type { NodeRef } from '../../domain/matchmaking/chain-relation.ts';
import { precisionAtK, rankCandidates, type MatchablePosting } from '../../domain/matchmaking/match-score.ts';
import { buildTextIndex, type Segmenter } from '../../domain/matchmaking/text-similarity.ts';
import { LABELLED_NEEDS, LABELLED_OFFERS } from './labelled-postings.fixture.ts';

/** A reference node as a NodeRef (the template stands for the chain). */
function refOf(code: string | null): NodeRef | null {
  const node = code ? chainNodeByCode.get(code) : undefined;
  return node ? { id: node.code, templateId: node.templateCode, stage: node.stage } : null;
}

export interface Figures {
  p1: number;
  p3: number;
  /** Share of needs with at least one relevant offer in the top 3. */
  hit3: number;
  /** Mean of (best relevant score − best irrelevant score): how clearly the right offer stands out. */
  margin: number;
}

/**
 * precision@1, precision@3, hit@3 and the mean margin of a segmenter on the labelled set, ranking each need's offers by text
 * alone (`chain: false`) or by the product's score with the chain relation (`chain: true`).
 */
export function measureSegmenter(segment: Segmenter, chain: boolean): Figures {
  const postings = [...LABELLED_NEEDS, ...LABELLED_OFFERS];
  const index = buildTextIndex(postings.map((p) => p.text), segment);
  const asMatchable = (p: (typeof postings)[number]): MatchablePosting => ({ id: p.id, enterpriseId: p.id, kind: p.kind, node: chain ? refOf(p.node) : null });
  const pool = postings.map(asMatchable);
  let p1 = 0;
  let p3 = 0;
  let hit3 = 0;
  let margin = 0;
  LABELLED_NEEDS.forEach((need, i) => {
    const candidates = rankCandidates(asMatchable(need), pool, (j) => index.similarity(i, j), pool.length);
    const ranked = candidates.map((c) => c.postingId);
    const relevant = new Set(need.relevant);
    const best = (wanted: boolean) => candidates.find((c) => relevant.has(c.postingId) === wanted)?.score ?? 0;
    margin += best(true) - best(false);
    p1 += precisionAtK(ranked, relevant, 1);
    p3 += precisionAtK(ranked, relevant, 3);
    if (ranked.slice(0, 3).some((id) => relevant.has(id))) hit3++;
  });
  const n = LABELLED_NEEDS.length;
  const r = (v: number) => Math.round((v / n) * 1000) / 1000;
  return { p1: r(p1), p3: r(p3), hit3: r(hit3), margin: r(margin) };
}
