import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankByFit, scoreFit, type FitInputs } from './fit-score.ts';

const node = { id: 'n-strain', domain: 'biomedicine' };

describe('fit score of a candidate for a node', () => {
  it('weighs gap, node match, scale, zone domain and vacancy (worked example)', () => {
    const r = scoreFit({
      nodeGap: 0.8,
      node,
      candidate: { mainNodeId: 'n-strain', nodeIds: ['n-strain', 'n-media'], domain: 'biomedicine', sizeTier: 'large' },
      zone: { domainCodes: ['biomedicine'], vacantAreaM2: 10_000 },
    });
    // (0.35·0.8 + 0.2·1 + 0.15·0.8 + 0.15·1 + 0.15·(10000/20000)) / 1 = 0.28 + 0.2 + 0.12 + 0.15 + 0.075
    expect(r.fit).toBeCloseTo(0.825, 4);
    expect(r.components.map((c) => [c.key, c.score])).toEqual([
      ['gap', 0.8],
      ['nodeMatch', 1],
      ['scale', 0.8],
      ['zoneDomain', 1],
      ['vacancy', 0.5],
    ]);
  });

  it('leaves the zone components out without a designated zone and renormalises', () => {
    const r = scoreFit({ nodeGap: 0.5, node, candidate: { mainNodeId: 'other', nodeIds: ['other', 'n-strain'], domain: 'biomedicine', sizeTier: 'small' }, zone: null });
    // (0.35·0.5 + 0.2·0.8 + 0.15·0.3) / 0.7
    expect(r.fit).toBeCloseTo((0.175 + 0.16 + 0.045) / 0.7, 4);
    expect(r.components.find((c) => c.key === 'vacancy')!.score).toBeNull();
  });

  it('scores a zone not designated for the domain 0 on that component', () => {
    const base: FitInputs = { nodeGap: 0.6, node, candidate: { mainNodeId: 'n-strain', nodeIds: ['n-strain'], domain: 'biomedicine', sizeTier: 'medium' }, zone: { domainCodes: ['biomedicine'], vacantAreaM2: 1e6 } };
    const wrongZone = scoreFit({ ...base, zone: { domainCodes: ['bioenergy-env'], vacantAreaM2: 1e6 } });
    expect(wrongZone.components.find((c) => c.key === 'zoneDomain')!.score).toBe(0);
    expect(scoreFit(base).fit - wrongZone.fit).toBeCloseTo(0.15, 4);
  });

  it('matches an independent computation on random inputs and stays within [0, 1]', () => {
    const tiers = ['leader', 'large', 'medium', 'small'] as const;
    const independent = (gap: number, match: 'main' | 'listed' | 'domain' | 'none', tier: (typeof tiers)[number], zone: { designated: boolean; vacant: number } | null) => {
      const m = { main: 1, listed: 0.8, domain: 0.3, none: 0 }[match];
      const s = { leader: 1, large: 0.8, medium: 0.55, small: 0.3 }[tier];
      const need = { leader: 50000, large: 20000, medium: 8000, small: 2000 }[tier];
      let num = 0.35 * gap + 0.2 * m + 0.15 * s;
      let den = 0.7;
      if (zone) {
        num += 0.15 * (zone.designated ? 1 : 0) + 0.15 * Math.min(1, zone.vacant / need);
        den += 0.3;
      }
      return num / den;
    };
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('main', 'listed', 'domain', 'none' as const),
        fc.constantFrom(...tiers),
        fc.option(fc.record({ designated: fc.boolean(), vacant: fc.integer({ min: 0, max: 200_000 }) }), { nil: null }),
        (gap, match, tier, zone) => {
          const candidate = {
            mainNodeId: match === 'main' ? node.id : 'x',
            nodeIds: match === 'main' || match === 'listed' ? ['x', node.id] : ['x'],
            domain: match === 'none' ? 'biomaterials' : 'biomedicine',
            sizeTier: tier,
          };
          const r = scoreFit({ nodeGap: gap, node, candidate, zone: zone ? { domainCodes: zone.designated ? ['biomedicine'] : ['agri'], vacantAreaM2: zone.vacant } : null });
          expect(r.fit).toBeCloseTo(independent(gap, match, tier, zone), 3);
          expect(r.fit).toBeGreaterThanOrEqual(0);
          expect(r.fit).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('ranks best fit first, ties by name', () => {
    expect(rankByFit([{ fit: 0.5, name: 'B' }, { fit: 0.7, name: 'C' }, { fit: 0.5, name: 'A' }]).map((r) => r.name)).toEqual(['C', 'A', 'B']);
  });
});
