import { describe, expect, it } from 'vitest';
import { chainRelation, type NodeRef } from './chain-relation.ts';
import { localSupplyByNode } from './local-supply.ts';
import { precisionAtK, rankCandidates, type MatchablePosting } from './match-score.ts';
import { bigramSegmenter, buildTextIndex, keepTerm } from './text-similarity.ts';

const node = (id: string, stage: NodeRef['stage'], templateId = 'bm'): NodeRef => ({ id, templateId, stage });

describe('chain relation', () => {
  it('is the same node, one stage up or down the same chain, or none', () => {
    const media = node('media', 'upstream');
    const antibody = node('antibody', 'midstream');
    const formulation = node('formulation', 'downstream');
    expect(chainRelation(antibody, antibody)).toBe('same-node');
    expect(chainRelation(antibody, media)).toBe('upstream');
    expect(chainRelation(antibody, formulation)).toBe('downstream');
    expect(chainRelation(media, formulation)).toBe('none');
    expect(chainRelation(antibody, node('pha', 'upstream', 'mat'))).toBe('none');
    expect(chainRelation(null, antibody)).toBe('none');
  });
});

describe('segmentation-free baseline', () => {
  it('cuts Han runs into bigrams, keeps Latin words whole, drops stop terms and numbers', () => {
    expect(bigramSegmenter('无血清CHO培养基 2000')).toEqual(['无血', '血清', 'cho', '培养', '养基']);
    expect(keepTerm('需求')).toBe(false);
    expect(keepTerm('袋')).toBe(false);
    expect(keepTerm('pbat')).toBe(true);
  });
});

describe('ranking', () => {
  const texts = ['采购无血清培养基', '供应无血清培养基', '供应可降解餐盒', '供应培养基检测服务'];
  const index = buildTextIndex(texts, bigramSegmenter);
  const posting = (id: string, kind: 'need' | 'offer', enterpriseId: string, n: NodeRef | null): MatchablePosting => ({ id, kind, enterpriseId, node: n });
  const media = node('media', 'upstream');
  const pool = [
    posting('need', 'need', 'A', media),
    posting('offer-media', 'offer', 'B', media),
    posting('offer-cups', 'offer', 'C', node('cups', 'downstream', 'mat')),
    posting('offer-own', 'offer', 'A', media),
  ];
  const ranked = rankCandidates(pool[0]!, pool, (j) => index.similarity(0, j));

  it('proposes offers of other enterprises with some shared text, best first, with the reason', () => {
    expect(ranked.map((c) => c.postingId)).toEqual(['offer-media']);
    expect(ranked[0]!.reason.relation).toBe('same-node');
    expect(ranked[0]!.reason.terms).toEqual(expect.arrayContaining(['无血', '血清', '培养']));
    expect(ranked[0]!.score).toBeGreaterThan(0.4 + 0.6 * 0.5);
  });

  it('never proposes the enterprise to itself, nor an offer with nothing in common', () => {
    expect(ranked.find((c) => c.postingId === 'offer-own')).toBeUndefined();
    expect(ranked.find((c) => c.postingId === 'offer-cups')).toBeUndefined();
  });

  it('measures precision@k against a fixed k', () => {
    expect(precisionAtK(['a', 'b'], new Set(['a']), 3)).toBeCloseTo(1 / 3);
    expect(precisionAtK(['b', 'a', 'c'], new Set(['a', 'c']), 1)).toBe(0);
  });
});

describe('local supply per node', () => {
  it('is local pairs over all declared (buyer, supplier) pairs, each pair once', () => {
    const result = localSupplyByNode([
      { nodeId: 'media', buyerEnterpriseId: 'A', supplierKey: 'B', local: true },
      { nodeId: 'media', buyerEnterpriseId: 'A', supplierKey: 'B', local: true },
      { nodeId: 'media', buyerEnterpriseId: 'A', supplierKey: 'outside:n1', local: false },
      { nodeId: 'media', buyerEnterpriseId: 'C', supplierKey: 'outside:n2', local: false },
      { nodeId: 'bags', buyerEnterpriseId: 'C', supplierKey: 'D', local: true },
    ]);
    expect(result.get('media')).toEqual({ nodeId: 'media', local: 1, total: 3, ratio: 1 / 3 });
    expect(result.get('bags')!.ratio).toBe(1);
    expect(result.has('cups')).toBe(false);
  });
});
