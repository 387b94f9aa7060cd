import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateExactly, decomposeGap, type GapEnterprise } from './gap-decomposition.ts';

const units = (v: number) => Math.round(v * 10_000);
const sumUnits = (parts: { gap: number }[]) => parts.reduce((s, p) => s + units(p.gap), 0);

describe('事后分析 gap decomposition', () => {
  it('a hand-worked case: each part owes the same growth rate, slipped projects owe their planned output', () => {
    const enterprises: GapEnterprise[] = [
      { key: 'a', name: 'A', domain: 'd1', zone: 'z1', group: 'existing', previous: 100, current: 105 },
      { key: 'b', name: 'B', domain: 'd2', zone: 'z2', group: 'existing', previous: 100, current: 95 },
      { key: 'c', name: 'C', domain: 'd2', zone: 'z1', group: 'exited', previous: 50, current: 0 },
      { key: 'n', name: 'N', domain: 'd1', zone: 'z2', group: 'new', previous: 0, current: 20 },
    ];
    const slipped = [{ key: 'p', name: 'P', domain: 'd1', zone: 'z1', plannedOn: '2025-06-01', plannedOutput: 10 }];
    // previous 250, actual 220, target 285: required +35 (10 to the slipped project, 25 shared 2:2:1), actual −30.
    const d = decomposeGap({ target: 285, enterprises, slipped });
    expect(d).toMatchObject({ previous: 250, actual: 220, gap: 65, requiredChange: 35, actualChange: -30 });
    const group = Object.fromEntries(d.byGroup.map((p) => [p.key, p.gap]));
    expect(group).toEqual({ existing: 20, exited: 55, new: -20, 'slipped-projects': 10 });
    const zone = Object.fromEntries(d.byZone.map((p) => [p.key, p.gap]));
    // z1: A, C and the project: owed 10 + 10 + 5 = 25, added 5 − 50 = −45 → 70; z2: B and N: owed 10, added 15 → −5.
    expect(zone).toEqual({ z1: 70, z2: -5 });
    expect(d.enterprisesShort[0]).toMatchObject({ key: 'c', gap: 55 });
  });

  it('the parts add up to the gap exactly, by zone, by domain and by enterprise group (any data)', () => {
    const amount = fc.integer({ min: 0, max: 5_000_000_000 }).map((v) => v / 10_000);
    const enterprise = fc.record({
      key: fc.uuid(),
      name: fc.constant('x'),
      domain: fc.constantFrom('d1', 'd2', 'd3'),
      zone: fc.constantFrom('z1', 'z2', 'z3', 'z4'),
      group: fc.constantFrom('existing', 'new', 'exited', 'relocated', 'unreported' as const),
      previous: amount,
      current: amount,
    });
    const project = fc.record({ key: fc.uuid(), name: fc.constant('p'), domain: fc.constantFrom('d1', 'd4'), zone: fc.constantFrom('z1', 'z5'), plannedOn: fc.constant('2025-03-01'), plannedOutput: amount });
    fc.assert(
      fc.property(fc.array(enterprise, { minLength: 1, maxLength: 40 }), fc.array(project, { maxLength: 5 }), amount, (enterprises, slipped, target) => {
        const d = decomposeGap({ target, enterprises, slipped });
        const gap = units(d.gap);
        expect(gap).toBe(units(target) - enterprises.reduce((s, e) => s + units(e.current), 0));
        expect(sumUnits(d.byZone)).toBe(gap);
        expect(sumUnits(d.byDomain)).toBe(gap);
        expect(sumUnits(d.byGroup)).toBe(gap);
      }),
      { numRuns: 300 },
    );
  });

  it('allocates an integer amount exactly in proportion', () => {
    expect(allocateExactly(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocateExactly(-10, [1, 1, 1]).reduce((s, v) => s + v, 0)).toBe(-10);
    expect(allocateExactly(7, [0, 0])).toEqual([4, 3]);
  });
});
