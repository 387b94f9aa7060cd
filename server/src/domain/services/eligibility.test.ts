import { describe, expect, it } from 'vitest';
import { conditionsSchema, evaluateEligibility, growthOf, policyMode, type EnterpriseFacts } from './eligibility.ts';

const facts = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  domain: 'biomedicine',
  zone: 'medicine-port',
  stage: 'industrialized',
  isAboveScale: true,
  tags: ['专精特新'],
  foundedOn: '2018-05-01',
  hasCarrier: true,
  growth: { revenue: 0.1, rd: 0.25, output: null },
  ...over,
});

describe('policy eligibility as data', () => {
  const conditions = conditionsSchema.parse([
    { kind: 'domain', in: ['biomedicine', 'biomaterials'] },
    { kind: 'above-scale' },
    { kind: 'growth', indicator: 'revenue', atLeastPct: 10 },
    { kind: 'founded-before', date: '2020-01-01' },
  ]);

  it('is eligible when every condition holds; 10 % growth meets "≥ 10 %" exactly', () => {
    expect(evaluateEligibility(facts(), conditions)).toEqual({ eligible: true, lacks: [] });
  });

  it('lists what an enterprise lacks, one entry per failed condition', () => {
    const r = evaluateEligibility(facts({ isAboveScale: false, growth: { revenue: 0.0999 }, foundedOn: null }), conditions);
    expect(r.eligible).toBe(false);
    expect(r.lacks).toEqual(['above-scale', 'revenue-growth>=10%', 'founded<2020-01-01']);
  });

  it('treats missing growth data as not meeting a growth condition', () => {
    expect(evaluateEligibility(facts({ growth: {} }), conditions).lacks).toEqual(['revenue-growth>=10%']);
    expect(growthOf(110, 0)).toBeNull();
    expect(growthOf(110, 100)).toBeCloseTo(0.1, 12);
  });

  it('is 免申即享 (auto) only when every condition is checkable from data', () => {
    expect(policyMode(conditions)).toBe('auto');
    const withManual = conditionsSchema.parse([...conditions, { kind: 'manual', textZh: '近三年无重大安全事故', textEn: 'no major safety incident in three years' }]);
    expect(policyMode(withManual)).toBe('apply');
    // a manual condition never counts as lacking: the reviewer decides it
    expect(evaluateEligibility(facts(), withManual).eligible).toBe(true);
  });

  it('refuses an unknown condition kind when the policy is stored', () => {
    expect(conditionsSchema.safeParse([{ kind: 'revenue-rank', top: 10 }]).success).toBe(false);
  });
});
