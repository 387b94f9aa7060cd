import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankByGap, scoreNode, type NodeFacts } from './gap-score.ts';

const empty: NodeFacts = { enterprises: 0, aboveScale: 0, signedProjects: 0, figures: null, localSupply: null };

describe('chain node strength and gap', () => {
  it('an empty node has strength 0 and its whole importance as gap', () => {
    const s = scoreNode({ ...empty, figures: { outputYtd: 0, domainOutputYtd: 100, nodesInDomain: 10, comparableYtd: 0, comparableBase: 0 } }, 0.8);
    expect(s.strength).toBe(0);
    expect(s.gap).toBe(0.8);
  });

  it('weighs the components it has data for (hand-computed example)', () => {
    // enterprises 2/5 = 0.4 (w .2); share 10/100 × 5 = 0.5 (w .25); growth 10% → 0.75 (w .15);
    // above scale 1/2 = 0.5 (w .15); local supply missing; pipeline 0 (w .15) → Σw = 0.9
    const s = scoreNode(
      { enterprises: 2, aboveScale: 1, signedProjects: 0, localSupply: null, figures: { outputYtd: 10, domainOutputYtd: 100, nodesInDomain: 5, comparableYtd: 11, comparableBase: 10 } },
      0.6,
    );
    const expected = (0.2 * 0.4 + 0.25 * 0.5 + 0.15 * 0.75 + 0.15 * 0.5 + 0.15 * 0) / 0.9;
    expect(s.strength).toBeCloseTo(expected, 4);
    expect(s.gap).toBeCloseTo(0.6 * (1 - expected), 3);
    expect(s.growth).toBeCloseTo(0.1, 6);
    expect(s.components.find((c) => c.key === 'localSupply')!.score).toBeNull();
  });

  it('leaves output share and growth out when the caller may not see figures', () => {
    const s = scoreNode({ ...empty, enterprises: 5, aboveScale: 2 }, 1);
    // enterprises 1, above scale 1, pipeline 0 over weights .2 + .15 + .15
    expect(s.strength).toBeCloseTo(0.35 / 0.5, 4);
    expect(s.share).toBeNull();
    expect(s.growth).toBeNull();
  });

  it('a signed project raises the strength and lowers the gap', () => {
    const before = scoreNode({ ...empty, enterprises: 1 }, 0.9);
    const after = scoreNode({ ...empty, enterprises: 1, signedProjects: 1 }, 0.9);
    expect(after.gap).toBeLessThan(before.gap);
  });

  it('strength stays in [0, 1] and the gap never exceeds the importance', () => {
    fc.assert(
      fc.property(
        fc.record({
          enterprises: fc.nat(50),
          aboveScale: fc.nat(50),
          signedProjects: fc.nat(10),
          localSupply: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
          figures: fc.option(fc.record({ outputYtd: fc.nat(1e6), domainOutputYtd: fc.nat(1e7), nodesInDomain: fc.integer({ min: 1, max: 30 }), comparableYtd: fc.nat(1e6), comparableBase: fc.nat(1e6) })),
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (facts, importance) => {
          const s = scoreNode(facts, importance);
          expect(s.strength).toBeGreaterThanOrEqual(0);
          expect(s.strength).toBeLessThanOrEqual(1);
          expect(s.gap).toBeLessThanOrEqual(importance + 1e-9);
          expect(s.gap).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('ranks the largest gap first with a stable tie order', () => {
    const ranked = rankByGap([
      { gap: 0.2, domain: 'b', code: 'x' },
      { gap: 0.5, domain: 'a', code: 'z' },
      { gap: 0.2, domain: 'a', code: 'y' },
    ]);
    expect(ranked.map((r) => r.code)).toEqual(['z', 'y', 'x']);
  });
});
