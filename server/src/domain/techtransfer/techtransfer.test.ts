import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchChallenge, scoreListing } from './challenge-match.ts';
import { screenExperts, isExcluded } from './conflicts.ts';
import { rubricProblems, rubricTotal, summariseEvaluations } from './rubric.ts';

describe('rubricTotal', () => {
  it('is the weighted mean scaled to 100', () => {
    // (25·8 + 20·6 + 20·10 + 20·4 + 15·7) / 100 × 10 = (200+120+200+80+105)/10 = 70.5
    const scores = [
      { criterion: 'novelty', weight: 25, score: 8 },
      { criterion: 'maturity', weight: 20, score: 6 },
      { criterion: 'ip', weight: 20, score: 10 },
      { criterion: 'market', weight: 20, score: 4 },
      { criterion: 'fit', weight: 15, score: 7 },
    ];
    expect(rubricTotal(scores)).toBe(70.5);
    expect(rubricTotal([{ criterion: 'a', weight: 1, score: 7 }, { criterion: 'b', weight: 2, score: 8 }])).toBe(76.67);
    expect(rubricTotal([])).toBeNull();
  });
  it('lies between the lowest and highest score × 10 whatever the weights', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), score: fc.integer({ min: 0, max: 10 }) }), { minLength: 1, maxLength: 8 }), (rows) => {
        const total = rubricTotal(rows.map((r, i) => ({ criterion: `c${i}`, ...r })))!;
        expect(total).toBeGreaterThanOrEqual(Math.min(...rows.map((r) => r.score)) * 10 - 0.005);
        expect(total).toBeLessThanOrEqual(Math.max(...rows.map((r) => r.score)) * 10 + 0.005);
      }),
    );
  });
  it('names missing, unknown and out-of-range criteria', () => {
    expect(rubricProblems(['a', 'b'], [{ criterion: 'a', score: 11 }, { criterion: 'x', score: 3 }])).toEqual([
      { kind: 'missing', criterion: 'b' },
      { kind: 'range', criterion: 'a' },
      { kind: 'unknown', criterion: 'x' },
    ]);
    expect(rubricProblems(['a'], [{ criterion: 'a', score: 0 }])).toEqual([]);
  });
  it('summarises only submitted sheets', () => {
    expect(summariseEvaluations([{ status: 'submitted', total: 70 }, { status: 'submitted', total: 81 }, { status: 'assigned', total: null }])).toEqual({ submitted: 2, pending: 1, mean: 75.5, min: 70, max: 81 });
    expect(summariseEvaluations([{ status: 'assigned', total: null }])).toEqual({ submitted: 0, pending: 1, mean: null, min: null, max: null });
  });
});

describe('screenExperts', () => {
  const expert = (id: string, over: Partial<{ affiliation: string; domainCodes: string[]; conflicts: { enterpriseId: string; relation: string }[] }> = {}) => ({
    id,
    name: id,
    affiliation: over.affiliation ?? '某高校',
    domainCodes: over.domainCodes ?? ['biomedicine'],
    conflicts: over.conflicts ?? [],
  });
  const target = { domainCode: 'biomedicine', ownerName: '某研究院', parties: [{ enterpriseId: 'e-owner', name: '甲公司', role: 'owner' as const }, { enterpriseId: 'e-req', name: '乙公司', role: 'requester' as const }] };

  it('excludes an expert with a declared conflict with any party, and says which', () => {
    const screened = screenExperts([expert('a'), expert('b', { conflicts: [{ enterpriseId: 'e-req', relation: '持有该企业股份' }] }), expert('c', { conflicts: [{ enterpriseId: 'e-other', relation: 'x' }] })], target);
    expect(screened.offered.map((o) => o.expert.id)).toEqual(['a', 'c']);
    expect(isExcluded(screened, 'b')).toEqual([{ kind: 'declared-conflict', enterpriseName: '乙公司', relation: '持有该企业股份', party: 'requester' }]);
    expect(isExcluded(screened, 'a')).toBeNull();
  });
  it('excludes the owner institution’s own people and those already assigned', () => {
    const screened = screenExperts([expert('a', { affiliation: ' 某研究院 ' }), expert('b')], target, new Set(['b']));
    expect(screened.offered).toEqual([]);
    expect(screened.excluded.map((x) => x.reasons[0]!.kind)).toEqual(['same-institution', 'already-assigned']);
  });
  it('offers experts of the field first', () => {
    const screened = screenExperts([expert('a', { domainCodes: ['materials'] }), expert('b')], target);
    expect(screened.offered.map((o) => [o.expert.id, o.fieldMatch])).toEqual([['b', true], ['a', false]]);
  });
  it('never offers a conflicted expert, whatever the pool (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.subarray(['e-owner', 'e-req', 'e-x', 'e-y']), { maxLength: 12 }), (conflictSets) => {
        const pool = conflictSets.map((set, i) => expert(`x${i}`, { conflicts: set.map((enterpriseId) => ({ enterpriseId, relation: 'r' })) }));
        const screened = screenExperts(pool, target);
        for (const o of screened.offered) expect(o.expert.conflicts.some((c) => c.enterpriseId === 'e-owner' || c.enterpriseId === 'e-req')).toBe(false);
        expect(screened.offered.length + screened.excluded.length).toBe(pool.length);
      }),
    );
  });
});

describe('matchChallenge', () => {
  const listing = (id: string, over: Partial<{ nodeId: string | null; domainId: string | null; keywords: string[]; title: string; status: string }> = {}) => ({
    id,
    title: over.title ?? '一种技术',
    summary: '摘要',
    keywords: over.keywords ?? [],
    domainId: over.domainId ?? null,
    nodeId: over.nodeId ?? null,
    status: over.status ?? 'active',
  });
  const challenge = { keywords: ['抗体', '纯化', '层析'], domainId: 'd1', nodeId: 'n1' };

  it('scores node, domain and shared terms with reasons', () => {
    expect(scoreListing(challenge, listing('a', { nodeId: 'n1', domainId: 'd1', keywords: ['抗体'], title: '层析介质' }))).toEqual({
      score: 6,
      reasons: [{ kind: 'same-node' }, { kind: 'same-domain' }, { kind: 'keyword', detail: '抗体' }, { kind: 'keyword', detail: '层析' }],
    });
  });
  it('pushes to listings at the threshold only, best first, never withdrawn ones', () => {
    const found = matchChallenge(challenge, [
      listing('same-node', { nodeId: 'n1' }),
      listing('domain-two-terms', { domainId: 'd1', keywords: ['抗体', '纯化'] }),
      listing('domain-one-term', { domainId: 'd1', keywords: ['抗体'] }),
      listing('withdrawn', { nodeId: 'n1', status: 'withdrawn' }),
    ]);
    expect(found.map((m) => [m.listing.id, m.score])).toEqual([['domain-two-terms', 3], ['same-node', 3]]);
  });
});
