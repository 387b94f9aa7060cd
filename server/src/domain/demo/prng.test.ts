import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';

const draw = (seed: number, path: (string | number)[], n: number) => {
  const rng = createRng(seed, ...path);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('repeats the same stream for the same seed and path', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.oneof(fc.string(), fc.nat()), { maxLength: 3 }), (seed, path) => {
        expect(draw(seed, path, 20)).toEqual(draw(seed, path, 20));
      }),
    );
  });

  it('gives different streams for different seeds and different paths', () => {
    expect(draw(1, ['enterprise', 0], 5)).not.toEqual(draw(2, ['enterprise', 0], 5));
    expect(draw(1, ['enterprise', 0], 5)).not.toEqual(draw(1, ['enterprise', 1], 5));
    // "ab"+"c" and "a"+"bc" must not collide: path parts are separated, not concatenated.
    expect(draw(1, ['ab', 'c'], 5)).not.toEqual(draw(1, ['a', 'bc'], 5));
  });

  it('is uniform enough on [0, 1), also across consecutive stream indexes', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) buckets[Math.floor(createRng(7, 'e', i).next() * 10)]!++;
    for (const b of buckets) expect(Math.abs(b - 2_000)).toBeLessThan(200); // ~4.7σ
    const rng = createRng(7);
    for (let i = 0; i < 10_000; i++) {
      const v = rng.next();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });

  it('keeps helpers within their ranges', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (seed, lo, span) => {
        const rng = createRng(seed);
        const i = rng.int(lo, lo + span);
        expect(Number.isInteger(i) && i >= lo && i <= lo + span).toBe(true);
        const f = rng.float(lo, lo + span + 1);
        expect(f >= lo && f < lo + span + 1).toBe(true);
        const l = rng.logUniform(1, 1000);
        expect(l >= 1 && l <= 1000).toBe(true);
        expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
        expect(rng.weighted(['x', 'y'], [0, 1])).toBe('y');
        const items = [1, 2, 3, 4, 5];
        expect([...rng.shuffle([...items])].sort()).toEqual(items);
      }),
    );
  });

  it('draws mean-one noise so that calibrated totals are not biased', () => {
    const rng = createRng(11);
    let sum = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) sum += rng.noise(0.15);
    expect(Math.abs(sum / n - 1)).toBeLessThan(0.005);
    let z = 0;
    let z2 = 0;
    for (let i = 0; i < n; i++) {
      const v = rng.normal();
      z += v;
      z2 += v * v;
    }
    expect(Math.abs(z / n)).toBeLessThan(0.02);
    expect(Math.abs(z2 / n - 1)).toBeLessThan(0.03);
  });
});
